//go:build !unix

package store

import "testing"

// runAsNobody: only unix has a user without root's rights to switch to.
func runAsNobody(t *testing.T, top, store string) {
	t.Skip("running as an administrator, and this system has no unprivileged user to run the read-only checks as")
}
