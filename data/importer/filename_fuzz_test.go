package importer

import (
	"fmt"
	"strings"
	"testing"

	"permanence/data"
)

// FuzzDateFromFileName: no name makes DateFromFileName panic, and a date it
// returns is a real date between 1900 and 2100 written in the name as
// YYYY, MM and DD with at most one of - _ . between them. The seeds run in
// every go test.
func FuzzDateFromFileName(f *testing.F) {
	for _, seed := range []string{
		"tracker-2026-03-31.xlsx", "cla_20250228.csv", "extract 2024_12_01 final.csv", "tracker.csv",
		"2026-13-01.csv", "id123456789.csv", "2024-02-29.csv", "2023-02-29.csv", "1899-12-31.csv",
		"2100-01-01.csv", "team 2026.05.31 (2).csv", "2026-0531.csv", "x12026-03-31.csv", "2026-03-310.csv",
		"", "\xff\xfe2026-03-31", "９９９９-12-31.csv", "2026-03-31-2026-04-30.csv", "2026--03-31.csv",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		d := DateFromFileName(name)
		if d.IsZero() {
			return
		}
		y, m, day := d.YMD()
		if !data.ValidDate(y, m, day) || y < 1900 || y > 2100 {
			t.Fatalf("DateFromFileName(%q) = %v: not a date between 1900 and 2100", name, d)
		}
		for _, s1 := range []string{"", "-", "_", "."} {
			for _, s2 := range []string{"", "-", "_", "."} {
				if strings.Contains(name, fmt.Sprintf("%04d%s%02d%s%02d", y, s1, m, s2, day)) {
					return
				}
			}
		}
		t.Fatalf("DateFromFileName(%q) = %v, which is not written in the name", name, d)
	})
}
