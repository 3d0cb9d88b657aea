package ssda903

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"strings"
	"testing"
)

// fuzzNames are the names the fuzzed files are given: a year in a name
// orders the returns, so two files can be two years of one table.
var fuzzNames = []string{"episodes.csv", "header.csv", "2019-20_episodes.csv", "2020-21_episodes.csv", "ad1.csv",
	"placed_for_adoption.csv", "reviews.csv", "SSDA903_2021_episodes.csv"}

const fuzzEpisodesHeading = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

// FuzzReadSSDA903 reads one or two fuzzed tables, named from fuzzNames
// (names picks them; its top bit leaves the second file out), as at an
// extract date cut days after 01/01/2015 (0: the data's own year end). It
// must not panic, and must return either an extract or an *InputError
// whose every problem names a file.
func FuzzReadSSDA903(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed.a, seed.b, seed.names, seed.cut)
	}
	for _, dir := range []string{"two_years", "came_back", "warnings", "regional"} {
		files := testkit.CSVs(f, filepath.Join("testdata/ssda903", dir))
		var eps, other []byte
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			switch {
			case strings.HasSuffix(p, "episodes.csv") && eps == nil:
				eps = b
			case other == nil && !strings.HasSuffix(p, "episodes.csv"):
				other = b
			}
		}
		f.Add(eps, other, uint8(0x10), uint16(0))
	}
	f.Fuzz(func(t *testing.T, a, b []byte, names uint8, cut uint16) {
		dir := t.TempDir()
		na, nb := fuzzNames[int(names&7)], fuzzNames[int(names>>3&7)]
		if na == nb {
			nb = "more_" + nb
		}
		files := []string{writeFuzzFile(t, dir, na, a)}
		if names&0x80 == 0 {
			files = append(files, writeFuzzFile(t, dir, nb, b))
		}
		asAt := data.NoDate
		if cut != 0 {
			asAt = data.NewDate(2015, 1, 1).AddDays(int(cut))
		}
		x, err := ReadSSDA903Files(context.Background(), files, asAt)
		checkFuzzResult(t, x, err)
	})
}

type fuzzSeed struct {
	a, b  []byte
	names uint8
	cut   uint16
}

// fuzzSeeds are small valid and broken returns.
func fuzzSeeds() []fuzzSeed {
	eh := fuzzEpisodesHeading
	header := []byte("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2015,WBRI,,,\nB,2,2014-02-02,XXXX,,,\n")
	return []fuzzSeed{
		{[]byte(eh + "A,01/04/2020,S,C2,N1,U4,PR1,,,,,,\n"), header, 0x08, 0},
		{[]byte(eh + "A,01/04/2020,S,C2,N1,U4,PR1,01/06/2020,X1,,,,\nA,01/06/2020,P,V3,N1,U5,PR1,05/06/2020,X1,,,,\n" +
			"A,05/06/2020,P,E1,N1,A4,PR1,01/01/2021,E12,,,,\nA,01/02/2021,S,V2,N1,U6,PR1,,,,,,\n"), header, 0x08, 0},
		{[]byte(eh + "A,01/04/2020,S,V4,N1,U6,PR1,02/04/2020,E41,,,,\nA,02/04/2020,L,C2,N1,U6,PR1,,,,,,\n"), nil, 0x80, 400},
		{[]byte(eh + "A,01/04/2019,S,C2,N1,U4,PR1,,,,,,\n"), []byte(eh + "A,01/04/2019,S,C2,N1,U4,PR1,01/05/2020,E45,,,,\nB,01/05/2020,S,V2,N1,U6,PR1,,,,,,\n"), 0x1a, 0},
		{[]byte(eh + "A,01/04/2020,S,V2,N1,U6,PR1,01/03/2020,,,,,\nA,01/04/2020,S,V2,N1,U6,PR1,,,,,,\nA,01/01/2020,Q,V2,N1,U6,PR1,,,,,,\n"), nil, 0x80, 0},
		{[]byte(strings.Replace(eh, "URN\n", "URN,LA,YEAR\n", 1) + "A,2020-04-01,S,C1,N1,U6,PR1,,,,,,,Camden,2021\n"), nil, 0x80, 0},
		{[]byte(eh + "A,31/02/2020,S\n\"B,\n"), []byte("Name,Colour\nAmy,red\n"), 0x08, 0},
		{[]byte("CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\nA,,01/01/2020,01/02/2020,1,1,MF,L0\n"),
			[]byte(eh + "A,01/04/2019,S,E1,N1,A3,PR1,,,,,,\n"), 0x14, 0},
		{[]byte("CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\nA,,01/01/2020,01/02/2020,RD9\n"),
			[]byte(eh + "A,01/04/2019,S,E1,N1,A3,PR1,,,,,,\n"), 0x15, 0},
		{[]byte("CHILD,DOB,REVIEW,REVIEW_CODE\nA,,01/06/2019,PN1\nA,,01/06/2019,PN1\nA,,01/09/2019,PN1\n"),
			[]byte(eh + "A,01/04/2019,S,E1,N1,A3,PR1,,,,,,\n"), 0x16, 0},
		{[]byte{}, []byte("\xef\xbb\xbf"), 0x00, 0},
		{[]byte("PK\x03\x04binary"), []byte(eh), 0x00, 0},
		{[]byte(eh + ",,,,,,,,,,,,\n"), nil, 0x80, 1},
	}
}

func writeFuzzFile(t *testing.T, dir, name string, b []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkFuzzResult checks an import's result: an extract whose parts agree,
// or an *InputError whose every problem names a file.
func checkFuzzResult(t *testing.T, x *data.ExtractData, err error) {
	if err != nil {
		var ie *data.InputError
		if !errors.As(err, &ie) || x != nil {
			t.Fatalf("got %T %v (extract %v), want an *InputError alone", err, err, x != nil)
		}
		if len(ie.Problems) == 0 {
			t.Fatal("an InputError with no problems")
		}
		for _, p := range ie.Problems {
			if p.File == "" || p.Why == "" {
				t.Fatalf("a problem without its file or reason: %+v", p)
			}
		}
		return
	}
	if x == nil {
		t.Fatal("neither an extract nor an error")
	}
	if len(x.Rows) != len(x.Children) {
		t.Fatalf("%d rows for %d children", len(x.Rows), len(x.Children))
	}
	for _, w := range x.Warnings {
		if w.ChildID == "" || w.Message == "" {
			t.Fatalf("a warning without its child or message: %+v", w)
		}
	}
	for _, st := range x.Stored {
		for i := 0; i < st.Rows; i++ {
			if v, ok := st.Row(i); ok && len(v) != len(st.Columns) {
				t.Fatalf("%s row %d has %d values for %d columns", st.Name, i, len(v), len(st.Columns))
			}
		}
	}
	data.Compute(x.Children, x.Date, data.NoDate, data.DefaultThresholds())
}
