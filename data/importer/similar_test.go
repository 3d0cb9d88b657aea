package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"permanence/data/demo"
	"permanence/data/internal/testkit"
)

func TestIDKey(t *testing.T) {
	for _, c := range [][2]string{
		{"00123", "123"}, {"123", "123"}, {"ab0012", "AB12"}, {"LA1/000456", "LA1/456"}, {"C\u200b12", "C12"},
		{"C12\u00a0", "C12"}, {" c12 ", "C12"}, {"100", "100"}, {"0", ""}, {"\ufeffC1", "C1"},
	} {
		if got := idKey(c[0]); got != c[1] {
			t.Errorf("idKey(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// A child imported as 00123 one month and 123 (its zeros lost) the next,
// or with a zero-width space or other capitals, is flagged, not silently
// counted as two children; the import still goes ahead.
func TestSimilarIDsWarned(t *testing.T) {
	s := testkit.OpenStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	march := writeTracker(t, dir, "tracker-2026-03-31.csv", "Child ID,CLA Start Date\n00123,01/01/2025\nAB7,01/01/2025\nX9,01/01/2025\n")
	if _, err := ImportPaths(ctx, s, []string{march}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	april := writeTracker(t, dir, "tracker-2026-04-30.csv",
		"Child ID,CLA Start Date\n123,01/01/2025\nab7,01/01/2025\nX9,01/01/2025\nQ\u200b5,01/01/2025\nQ5,01/01/2025\n")
	res, err := ImportPaths(ctx, s, []string{april}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res[0].Warnings {
		if strings.Contains(w.Message, "differ only in leading zeros") {
			got = append(got, w.ChildID)
		}
	}
	// 123 ~ 00123 and ab7 ~ AB7 (stored); Q5 ~ Q\u200b5 (two rows of this file). X9 is the same ID.
	want := []string{"123", "ab7", "Q5"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("warned about %q, want %q", got, want)
	}
}

func writeTracker(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// The demo authority's store never receives a real extract, and stays as it was.
func TestDemoStoreRefusesRealExtracts(t *testing.T) {
	s := testkit.OpenStore(t)
	ctx := context.Background()
	if err := demo.LoadDemo(ctx, s, demo.DemoOptions{Children: 20, Months: 1, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Extracts(ctx)
	real := writeTracker(t, t.TempDir(), "tracker-2026-03-31.csv", "Child ID,CLA Start Date\nR1,01/01/2025\n")
	if _, err := ImportPaths(ctx, s, []string{real}, ImportOptions{}); !errors.Is(err, ErrDemoStore) {
		t.Fatalf("a real extract into the demo store: %v", err)
	}
	after, _ := s.Extracts(ctx)
	if len(after) != len(before) {
		t.Error("the demo store changed")
	}
}
