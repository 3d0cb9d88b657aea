//go:build unix

package store

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// runAsNobody makes store (under top) read-only to the user nobody and
// runs TestReadOnlyFolderNamed's checks as that user, in a copy of this
// test binary it can run.
func runAsNobody(t *testing.T, top, store string) {
	const nobody = 65534
	bin := filepath.Join(top, "store.test")
	if err := copyExecutable(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{store, filepath.Join(store, "panel.db")} {
		if err := os.Chown(p, nobody, nobody); err != nil {
			t.Skipf("running as root, and cannot hand the folder to nobody to test without root's rights (%v)", err)
		}
	}
	os.Chmod(top, 0o755)
	os.Chmod(store, 0o500)
	cmd := exec.Command(bin, "-test.run=^TestReadOnlyFolderNamed$", "-test.v")
	cmd.Env = append(os.Environ(), "PERMANENCE_READONLY_DIR="+store)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Skipf("running as root, and cannot start the test as nobody (%v)", err)
		}
		t.Errorf("as nobody:\n%s", out)
	}
}

func copyExecutable(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
