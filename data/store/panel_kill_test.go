package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"permanence/data"
)

// killEnv names, in the child process of TestKillDuringRecordSave, the
// store it saves records into.
const killEnv = "PERMANENCE_TEST_KILL_STORE"

// bigRecord is save number n of child K1's record at meeting id: large
// (a few hundred kilobytes, many pages of the database), and different for
// every n.
func bigRecord(id int64, n int) data.PanelRecord {
	r := fullRecord(id, "K1", strconv.Itoa(n))
	r.Update = strings.Repeat(fmt.Sprintf("save %d: the panel discussed the plan at length. ", n), 5000)
	r.Decision = "save " + strconv.Itoa(n)
	for i := range 200 {
		r.Actions = append(r.Actions, data.Action{What: fmt.Sprintf("action %d of save %d", i, n), Who: "SW",
			Due: d("2027-01-01").AddDays(i), Status: data.ActionOpen})
	}
	return r
}

// saveUntilKilled is the child process: it saves bigRecord 1, 2, 3... and
// prints "saved N" once each save has returned, until it is killed.
func saveUntilKilled(t *testing.T, path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	id, _ := strconv.ParseInt(os.Getenv(killEnv+"_MEETING"), 10, 64)
	deadline := time.Now().Add(time.Minute)
	for n := 1; time.Now().Before(deadline); n++ {
		if _, err := s.SaveRecord(context.Background(), bigRecord(id, n), "sw"); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Printf("saved %d\n", n)
	}
	os.Exit(3) // never killed
}

// TestKillDuringRecordSave runs a copy of this test binary that saves a
// large record again and again, kills it (SIGKILL on Unix) at a random
// moment, and reopens the store: the record is one whole version that was
// saved, never part of one; no save that returned is lost; the history
// holds every version, each whole. A few times, at different moments.
func TestKillDuringRecordSave(t *testing.T) {
	if path := os.Getenv(killEnv); path != "" {
		saveUntilKilled(t, path)
		return
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "panel.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
		s.Close()

		delay := time.Duration(rng.Intn(300)) * time.Millisecond
		returned := runAndKill(t, path, id, delay)
		checkAfterKill(t, round, path, id, returned)
	}
}

// runAndKill starts the child on the store at path, waits for its first
// save, kills it delay later, and returns the last save it said returned.
func runAndKill(t *testing.T, path string, id int64, delay time.Duration) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringRecordSave$")
	cmd.Env = append(os.Environ(), killEnv+"="+path, killEnv+"_MEETING="+strconv.FormatInt(id, 10))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	last := 0
	var killed <-chan time.Time
	for line := range lines {
		if strings.HasPrefix(line, "error") {
			cmd.Process.Kill()
			t.Fatalf("the child process: %s", line)
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(line, "saved ")); err == nil {
			last = n
		}
		if killed == nil {
			killed = time.After(delay)
			go func(at <-chan time.Time) { <-at; cmd.Process.Kill() }(killed)
		}
	}
	err = cmd.Wait()
	if err == nil || cmd.ProcessState.ExitCode() == 3 {
		t.Fatalf("the child was not killed (%v)", err)
	}
	return last
}

// checkAfterKill opens the store the killed child left and checks its
// record and history against the saves it made.
func checkAfterKill(t *testing.T, round int, path string, id int64, returned int) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("round %d: reopening after the kill: %v", round, err)
	}
	defer s.Close()
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("round %d: integrity check %q (%v)", round, check, err)
	}
	ctx := context.Background()
	rec, found, err := s.Record(ctx, id, "K1")
	if err != nil || !found {
		t.Fatalf("round %d: no record after %d saves returned (%v)", round, returned, err)
	}
	n, err := strconv.Atoi(strings.TrimPrefix(rec.Decision, "save "))
	if err != nil {
		t.Fatalf("round %d: the record is not one that was saved: decision %q", round, rec.Decision)
	}
	// The save in flight may have committed before its "saved" line was
	// written: one more than returned, at most.
	if n < returned || n > returned+1 {
		t.Errorf("round %d: the record is save %d; %d saves had returned", round, n, returned)
	}
	if !reflect.DeepEqual(rec, bigRecord(id, n)) {
		t.Errorf("round %d: the record is not save %d whole", round, n)
	}
	hist, err := s.RecordHistory(ctx, id, "K1")
	if err != nil || len(hist) != n {
		t.Fatalf("round %d: %d versions (%v), want %d", round, len(hist), err, n)
	}
	for i, v := range hist {
		if v.Version != i+1 || !reflect.DeepEqual(v.Record, bigRecord(id, i+1)) {
			t.Errorf("round %d: version %d is not save %d whole", round, v.Version, i+1)
		}
	}
	t.Logf("round %d: killed after %d saves returned; the record is save %d", round, returned, n)
}
