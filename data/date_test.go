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
