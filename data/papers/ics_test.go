package papers

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// icsLines checks a calendar's physical lines (CRLF ends, at most 75
// octets, valid UTF-8, continuations starting with a space) and returns
// its content lines, unfolded.
func icsLines(t *testing.T, b []byte) []string {
	t.Helper()
	s := string(b)
	if !strings.HasSuffix(s, "\r\n") {
		t.Error("the calendar does not end with CRLF")
	}
	if strings.Count(s, "\n") != strings.Count(s, "\r\n") || strings.Count(s, "\r") != strings.Count(s, "\r\n") {
		t.Error("the calendar has a line end that is not CRLF")
	}
	var out []string
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(out) == 0 {
				t.Fatalf("line %d continues nothing", i+1)
			}
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

// icsProps returns the values of every content line named name (with any
// parameters), in order.
func icsProps(t *testing.T, b []byte, name string) []string {
	t.Helper()
	var out []string
	for _, l := range icsLines(t, b) {
		n, v, _ := strings.Cut(l, ":")
		if n == name || strings.HasPrefix(n, name+";") {
			out = append(out, v)
		}
	}
	return out
}

// icsUnescape reads a TEXT value back (RFC 5545 3.3.11).
func icsUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestAgendaICS(t *testing.T) {
	svc, id := testStore(t, true)
	paths, err := WriteMeetingPapers(context.Background(), svc, id, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(paths[2])
	lines := icsLines(t, b)
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" || !strings.Contains(string(b), "\r\nVERSION:2.0\r\n") {
		t.Errorf("not a calendar: %q ... %q", lines[0], lines[len(lines)-1])
	}
	if n := strings.Count(string(b), "\r\nBEGIN:VEVENT\r\n"); n != 3 {
		t.Errorf("%d events, want one a child on the agenda (3)", n)
	}
	// 20 minutes a child from 10:00 on 20 March 2026, London time (GMT
	// that day: the clocks go forward on the 29th).
	if got := icsProps(t, b, "DTSTART;TZID=Europe/London"); !reflect.DeepEqual(got, []string{"20260320T100000", "20260320T102000", "20260320T104000"}) {
		t.Errorf("DTSTART: %v", got)
	}
	if got := icsProps(t, b, "DTEND;TZID=Europe/London"); !reflect.DeepEqual(got, []string{"20260320T102000", "20260320T104000", "20260320T110000"}) {
		t.Errorf("DTEND: %v", got)
	}
	if got := icsProps(t, b, "TZID"); len(got) != 1 || got[0] != "Europe/London" {
		t.Errorf("the VTIMEZONE: %v", got)
	}
	sums := icsProps(t, b, "SUMMARY")
	if len(sums) != 3 || !strings.HasPrefix(icsUnescape(sums[0]), "Panel: Z.B. – Review due") || icsUnescape(sums[1]) != "Panel: Ł.O. – Added" {
		t.Errorf("SUMMARY: %q", sums)
	}
	desc := icsProps(t, b, "DESCRIPTION")
	if len(desc) != 3 {
		t.Fatalf("DESCRIPTION: %q", desc)
	}
	d0 := icsUnescape(desc[0])
	for _, w := range []string{"Adoption tracking panel, 20/03/2026\n", "Child: Z.B.\n", "Social worker: Sam Lee\n", "Team: North\n", "Reasons: Review due", Marking} {
		if !strings.Contains(d0, w) {
			t.Errorf("the first event's description does not say %q:\n%s", w, d0)
		}
	}
	uids := icsProps(t, b, "UID")
	if len(uids) != 3 || uids[0] == uids[1] || uids[1] == uids[2] || uids[0] == uids[2] {
		t.Errorf("UIDs: %v", uids)
	}
	// No name, no child ID, no date of birth: a calendar travels.
	for _, not := range []string{"Zoë", "Brontë", "Łukasz", "Amy Ng", "C1", "C/2", "C3", "2019", "20190504"} {
		if strings.Contains(strings.Join(lines, "\n"), not) {
			t.Errorf("the calendar says %q", not)
		}
	}
}

func TestICSFold(t *testing.T) {
	a75 := strings.Repeat("a", 75)
	for _, c := range []struct{ in, want string }{
		{"", "\r\n"},
		{a75, a75 + "\r\n"},
		// 76 octets: 75, then a space and the last.
		{a75 + "b", a75 + "\r\n b\r\n"},
		// 75 + 74 + 1: each continuation holds 74 after its space.
		{a75 + strings.Repeat("c", 74) + "d", a75 + "\r\n " + strings.Repeat("c", 74) + "\r\n d\r\n"},
		// "é" is 2 octets: 74 a's and an é would end at octet 76, so the é
		// starts the next line whole.
		{strings.Repeat("a", 74) + "é", strings.Repeat("a", 74) + "\r\n é\r\n"},
		// "–" is 3 octets: 73 + 3 = 76 over, so it moves down.
		{strings.Repeat("a", 73) + "–x", strings.Repeat("a", 73) + "\r\n –x\r\n"},
	} {
		if got := icsFold(c.in); got != c.want {
			t.Errorf("icsFold(%q):\n%q\nwant\n%q", c.in, got, c.want)
		}
	}
}

func TestICSText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\there\x07", "tab here"},
		{"Zoë – £5", "Zoë – £5"},
	} {
		if got := icsText(c.in); got != c.want {
			t.Errorf("icsText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestICSSlot(t *testing.T) {
	day := d("2026-03-29").Time() // the clocks go forward at 01:00
	for _, c := range []struct {
		hhmm       string
		minutes    int
		start, end string
		ok         bool
	}{
		{"10:00", 20, "20260329T100000", "20260329T102000", true},
		{"23:50", 20, "20260329T235000", "20260330T001000", true}, // the last slot runs past midnight
		{"00:30", 60, "20260329T003000", "20260329T013000", true}, // wall-clock minutes, whatever the clocks do
		{"", 20, "", "", false},
		{"25:00", 20, "", "", false},
		{"10-00", 20, "", "", false},
	} {
		s, e, ok := icsSlot(day, c.hhmm, c.minutes)
		if s != c.start || e != c.end || ok != c.ok {
			t.Errorf("icsSlot(%q, %d) = %q %q %v, want %q %q %v", c.hhmm, c.minutes, s, e, ok, c.start, c.end, c.ok)
		}
	}
}

// FuzzICSText: any text, escaped and folded, reads back as the text
// (line ends as \n, tabs as spaces, other control characters gone), in
// lines of at most 75 octets that never split a character.
func FuzzICSText(f *testing.F) {
	for _, s := range []string{"", "a,b;c\\d", "Zoë – £5\nnext", strings.Repeat("é", 60), strings.Repeat("–,", 40), "\r\n\t\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		folded := icsFold("DESCRIPTION:" + icsText(s))
		lines := icsLines(t, []byte(folded))
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "DESCRIPTION:") {
			t.Fatalf("one content line expected: %q", lines)
		}
		got := icsUnescape(strings.TrimPrefix(lines[0], "DESCRIPTION:"))
		want := strings.Map(func(r rune) rune {
			switch {
			case r == '\n' || r == '\r':
				return '\n'
			case r == '\t':
				return ' '
			case r < 0x20 || r == 0x7F:
				return -1
			}
			return r
		}, strings.ReplaceAll(s, "\r\n", "\n"))
		if got != want {
			t.Errorf("read back %q, want %q", got, want)
		}
	})
}
