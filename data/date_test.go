package data

import (
	"strings"
	"testing"
)

// FuzzParseDate: whatever a cell holds, reading it as a date never panics;
// a date it reads is a real calendar date that reads back from its own
// YYYY-MM-DD and dd/mm/yyyy forms, and a form the reader gives up on is
// an error, never a silent NoDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-31", "31/03/2025", "31/3/2025", "31-03-2025", "31.03.2025", "31 Mar 2025",
		"31-Mar-2025", "31 March 2025", "2025-03-31T10:00", "31/03/2025 14:30", "29/02/2024", "29/02/2025", "",
		"  ", "0/0/0", "31/13/2025", "9999-12-31", "0001-01-01", "1 Sept 2025", "Mar 31 2025", "45382", "２０２５-03-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != NoDate {
				t.Errorf("%q: an error with a date %v", s, d)
			}
			return
		}
		if d.IsZero() {
			if strings.TrimSpace(s) != "" {
				t.Errorf("%q read as no date without an error", s)
			}
			return
		}
		y, m, day := d.YMD()
		if !ValidDate(y, m, day) {
			t.Fatalf("%q gave %d-%d-%d", s, y, m, day)
		}
		for _, form := range []string{d.String(), d.UK()} {
			if back, err := ParseDate(form); err != nil || back != d {
				t.Errorf("%q -> %v; %q reads back as %v, %v", s, d, form, back, err)
			}
		}
	})
}

func TestQuarterName(t *testing.T) {
	for _, c := range []struct {
		start     string
		financial bool
		want      string
	}{
		{"2025-01-01", false, "2025-Q1"},
		{"2025-04-01", false, "2025-Q2"},
		{"2025-04-01", true, "2025/26 Q1"}, // April–June is the financial year's first
		{"2025-07-01", true, "2025/26 Q2"},
		{"2025-10-01", true, "2025/26 Q3"},
		{"2026-01-01", true, "2025/26 Q4"}, // January–March ends the year begun last April
		{"1999-04-01", true, "1999/00 Q1"},
	} {
		if got := QuarterName(MustDate(c.start), c.financial); got != c.want {
			t.Errorf("QuarterName(%s, %v) = %q, want %q", c.start, c.financial, got, c.want)
		}
	}
	qs := TrendQuarters(MustDate("2026-05-10"), 2, true)
	if qs[0].Label != "2026-Q1" || qs[0].Name != "2025/26 Q4" || qs[1].Label != "2026-Q2" || qs[1].Name != "2026/27 Q1" {
		t.Errorf("trend quarters keep calendar labels for keys and financial names for people: %+v", qs)
	}
}
