package platform

import (
	"strings"
	"testing"
)

func TestSafeFileName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"C1", "C1"},
		{"ab-12_3.x", "ab-12_3.x"},
		{"C/2", "C_2"},
		{`..\..\evil`, "_.._evil"},             // ".._.._evil" less its leading dots
		{`a:b*c?d"e<f>g|h`, "a_b_c_d_e_f_g_h"}, // every character Windows refuses
		{"tab\there\x00nul\r\n", "tab_here_nul__"},
		{"José 7", "Jos__7"}, // é and the space
		{"report.", "report"},
		{" .hidden", "_.hidden"}, // the space becomes '_' before the trim
		{"...", "_"},
		{"", "_"},
		{"CON", "_CON"},
		{"con.pdf", "_con.pdf"},
		{"Aux", "_Aux"},
		{"nul.tar.gz", "_nul.tar.gz"},
		{"COM1", "_COM1"},
		{"lpt9.txt", "_lpt9.txt"},
		{"COM10", "COM10"}, // only one digit is a device
		{"CONSOLE", "CONSOLE"},
		{"record-CON-2026-03-20.pdf", "record-CON-2026-03-20.pdf"},
		{strings.Repeat("a", 130), strings.Repeat("a", 120)},
		{strings.Repeat("a", 119) + "..x", strings.Repeat("a", 119)}, // cut at 120, then the trailing dot goes
	} {
		if got := SafeFileName(c.in); got != c.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCheckFileName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"pack-2026-03-31.xlsx", true},
		{"Panel pack (March).xlsx", true}, // spaces and brackets are allowed
		{"record-C1-2026-03-20.pdf", true},
		{"a:b", false},
		{"a/b", false},
		{`a\b`, false},
		{"what?", false},
		{"star*", false},
		{`say"`, false},
		{"a<b", false},
		{"a>b", false},
		{"a|b", false},
		{"bell\a", false},
		{"trailing.", false},
		{"trailing ", false},
		{"CON", false},
		{"prn.txt", false},
		{"COM3.csv", false},
		{"LPT¹", false},
		{"", false},
		{"..", false},
		{strings.Repeat("é", 255), true},
		{strings.Repeat("é", 256), false},
	} {
		if err := CheckFileName(c.name); (err == nil) != c.ok {
			t.Errorf("CheckFileName(%q) = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

// FuzzSafeFileName: whatever the input, the name is one Windows accepts,
// short, and a name already safe is kept as it is.
func FuzzSafeFileName(f *testing.F) {
	for _, s := range []string{"C1", "CON", "a:b", "...", "José", "lpt1.x.y", " . ", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeFileName(s)
		if err := CheckFileName(got); err != nil {
			t.Fatalf("SafeFileName(%q) = %q: %v", s, got, err)
		}
		if len(got) > maxNameLen+1 {
			t.Fatalf("SafeFileName(%q) = %q: %d bytes", s, got, len(got))
		}
		if SafeFileName(got) != got {
			t.Fatalf("SafeFileName(%q) = %q, but SafeFileName of that = %q", s, got, SafeFileName(got))
		}
	})
}
