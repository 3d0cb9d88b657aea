// Package testkit holds the helpers the tests of several packages under
// data/ share: dates, a store in a temporary folder, CSV folders and the
// public SSDA903 samples. Only tests import it.
package testkit

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"permanence/data"
	"permanence/data/store"
)

// Samples is the public fake SSDA903 returns, from a package folder under data/.
const Samples = "../../../shared/samples/ssda903"

// D is a date written YYYY-MM-DD.
func D(s string) data.Date { return data.MustDate(s) }

// OpenStore opens a new store in a temporary folder, closed when the test ends.
func OpenStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "sub", "panel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// CSVs lists a folder's CSV files in name order.
func CSVs(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// Child finds a child by ID.
func Child(t testing.TB, children []data.Child, id string) *data.Child {
	t.Helper()
	for i := range children {
		if children[i].ID == id {
			return &children[i]
		}
	}
	t.Fatalf("child %s not found", id)
	return nil
}

// Problems is the list of an import's fatal problems, as the CLI prints them.
func Problems(t testing.TB, err error) []string {
	t.Helper()
	var ie *data.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("want an *InputError, got %v", err)
	}
	var out []string
	for _, p := range ie.Problems {
		out = append(out, p.String())
	}
	return out
}
