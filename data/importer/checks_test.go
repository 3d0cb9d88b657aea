package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"permanence/data"
	"permanence/data/internal/testkit"
	"permanence/data/store"
)

// writeFiles writes name -> body into a new temporary folder and returns
// the paths in the order given.
func writeFiles(t *testing.T, files ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i := 0; i < len(files); i += 2 {
		p := filepath.Join(dir, files[i])
		if err := os.WriteFile(p, []byte(files[i+1]), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

const (
	teamA = "ID,Plan,Date Entered Care\nA1,Adoption,01/01/2025\nA2,SGO,01/02/2025\nS,LTF,01/03/2025\n"
	teamB = "ID,Plan,Date Entered Care\nB1,Zoo keeper,01/01/2025\nS,LTF,01/03/2025\n"
)

// TestSameDateFilesFormOneExtract: per-team files of one extract date are
// one extract holding every file's children (a child in both with the same
// values, once); the same set again, in any order, is already imported.
func TestSameDateFilesFormOneExtract(t *testing.T) {
	ctx := context.Background()
	s := testkit.OpenStore(t)
	paths := writeFiles(t, "teamA.csv", teamA, "teamB.csv", teamB)
	may := ImportOptions{ExtractDate: testkit.D("2026-05-31")}
	res, err := ImportPaths(ctx, s, paths, may)
	if err != nil || len(res) != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	x := res[0].Extract
	// The hash over the set: each file's SHA-256, in byte order, hashed.
	sa, sb := sha256.Sum256([]byte(teamA)), sha256.Sum256([]byte(teamB))
	sums := []string{string(sa[:]), string(sb[:])}
	sort.Strings(sums)
	want := sha256.Sum256([]byte(sums[0] + sums[1]))
	if x.FileName != "teamA.csv + teamB.csv" || x.Rows != 4 || res[0].Added != 4 || res[0].RowsRead != 5 || x.SHA256 != hex.EncodeToString(want[:]) {
		t.Errorf("extract = %+v, result %+v", x, res[0])
	}
	state, _ := s.StateAt(ctx, testkit.D("2026-05-31"))
	var ids []string
	for _, c := range state {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, " ") != "A1 A2 B1 S" {
		t.Errorf("children = %q", ids)
	}
	ws, _ := s.Warnings(ctx, 0, "B1")
	if len(ws) != 1 || ws[0].Row != 2 || !strings.HasSuffix(ws[0].Message, " (in teamB.csv)") {
		t.Errorf("B1's warning = %+v", ws)
	}

	before := storeSummary(t, s)
	again, err := ImportPaths(ctx, s, []string{paths[1], paths[0]}, may)
	if err != nil || len(again) != 1 || !again[0].AlreadyImported || again[0].Extract.FileName != "teamA.csv + teamB.csv" {
		t.Errorf("the same set again: %+v %v", again, err)
	}
	// One of them alone, same date: refused, saying what --replace would discard.
	_, err = ImportPaths(ctx, s, paths[1:], may)
	var sd *store.SameDateError
	if !errors.Is(err, store.ErrSameDate) || !errors.As(err, &sd) || sd.Stored.FileName != "teamA.csv + teamB.csv" || sd.Stored.Rows != 4 ||
		!strings.Contains(err.Error(), "Replacing it (--replace) would discard that extract and its 4 children, and keep only the 2 children in teamB.csv.") {
		t.Errorf("teamB alone: %v", err)
	}
	if storeSummary(t, s) != before {
		t.Error("the store changed")
	}
}

func TestSameDateFromFileNames(t *testing.T) {
	s := testkit.OpenStore(t)
	paths := writeFiles(t, "teamA-2026-04-30.csv", teamA, "teamB_20260430.csv", teamB)
	res, err := ImportPaths(context.Background(), s, paths, ImportOptions{})
	if err != nil || len(res) != 1 || res[0].Extract.Date != testkit.D("2026-04-30") || res[0].Extract.Rows != 4 {
		t.Errorf("import: %+v %v", res, err)
	}
}

// TestSameDateConflictIsFatal: a child in two files of one date with
// different values is listed with both files' rows; nothing is stored.
func TestSameDateConflictIsFatal(t *testing.T) {
	s := testkit.OpenStore(t)
	before := storeSummary(t, s)
	paths := writeFiles(t, "teamA.csv", teamA, "teamC.csv", "ID,Plan,Date Entered Care\nC1,LTF,01/01/2025\nS,Adoption,02/03/2025\n")
	_, err := ImportPaths(context.Background(), s, paths, ImportOptions{ExtractDate: testkit.D("2026-05-31")})
	want := []string{
		`teamC.csv:3: Entered care: "2025-03-02": child S is also in teamA.csv row 4, with "2025-03-01": the files of one extract date must agree on each child they share`,
		`teamC.csv:3: Permanence plan: "Adoption": child S is also in teamA.csv row 4, with "LTF": the files of one extract date must agree on each child they share`,
	}
	if got := testkit.Problems(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if storeSummary(t, s) != before {
		t.Error("a conflict changed the store")
	}
}

// TestImplausibleExtractDates: dates before 1990 or more than a year ahead
// are refused, naming the file, the date and where it came from.
func TestImplausibleExtractDates(t *testing.T) {
	s := testkit.OpenStore(t)
	before := storeSummary(t, s)
	latest := data.Today().AddMonths(12).UK()
	body := "ID,Date Entered Care\nA,01/01/2020\n"
	for _, c := range []struct {
		name string
		date string
		want string
	}{
		{"a.csv", "0001-01-01", `a.csv: extract date: "0001-01-01": the extract date (given for this import) is before 01/01/1990`},
		{"a.csv", "9999-12-31", `a.csv: extract date: "9999-12-31": the extract date (given for this import) is after ` + latest + `, more than a year from today`},
		{"tracker-1985-03-31.csv", "", `tracker-1985-03-31.csv: extract date: "1985-03-31": the extract date (read from the file name) is before 01/01/1990`},
	} {
		o := ImportOptions{}
		if c.date != "" {
			o.ExtractDate = testkit.D(c.date)
		}
		_, err := ImportPaths(context.Background(), s, writeFiles(t, c.name, body), o)
		rest := ": an extract date must be between 01/01/1990 and " + latest + ". Give the date the extract describes (permanence import --extract-date YYYY-MM-DD, or the extract date in the app's import)"
		if got := testkit.Problems(t, err); len(got) != 1 || got[0] != c.want+rest {
			t.Errorf("%s %s: %q\nwant %q", c.name, c.date, got, c.want+rest)
		}
	}
	if storeSummary(t, s) != before {
		t.Error("a refused date changed the store")
	}
}

// writeReturn writes a one-child SSDA903 return (header and episodes).
func writeReturn(t *testing.T, episodes string) []string {
	return writeFiles(t, "header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nK1,1,15/03/2019,WBRI,A100000000001,,\n",
		"episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"+episodes)
}

// TestNoChildInCareRefused: an extract in which no child is in care at its
// extract date would hide the real latest extract; it is refused.
func TestNoChildInCareRefused(t *testing.T) {
	s := testkit.OpenStore(t)
	before := storeSummary(t, s)
	in2099 := "K1,01/05/2099,S,C2,N1,U1,PR1,,,,AB1 2,AB3 4,\n"
	check := "Stored, it would become the latest extract and hide the real one. Check the extract date, and that the file is an extract of the children in care (not of leavers, or of another date)"
	for _, c := range []struct {
		name  string
		paths []string
		date  string
		want  string
	}{
		{"return in 2099, its own date", writeReturn(t, in2099), "",
			`2 files: extract date: "2100-03-31": the extract date (the end of the latest collection year of the return's episodes) is after `},
		{"return in 2099, dated now", writeReturn(t, in2099), "2026-03-31",
			`2 files: extract date: "2026-03-31": no child in it is in care on 31/03/2026, its extract date (given for this import): it holds no child with a period of care begun by then. ` + check},
		{"return entered later", writeReturn(t, in2099+"K1,01/05/2020,S,C2,N1,U1,PR1,01/06/2020,E11,,AB1 2,AB3 4,\n"), "2026-03-31",
			`2 files: extract date: "2026-03-31": no child in it is in care on 31/03/2026, its extract date (given for this import): of its 1 child, 1 had ceased care by then. ` + check},
		{"leavers", writeFiles(t, "leavers.csv", "ID,Date Entered Care,Date Ceased Care,Legal Status\nL1,01/01/2020,01/01/2025,C2\nL2,01/01/2021,31/05/2026,C2\nL3,01/01/2021,,V3\n"), "2026-05-31",
			`leavers.csv: extract date: "2026-05-31": no child in it is in care on 31/05/2026, its extract date (given for this import): of its 3 children, 2 had ceased care by then, 1 on short breaks (V3/V4 legal status). ` + check},
	} {
		o := ImportOptions{}
		if c.date != "" {
			o.ExtractDate = testkit.D(c.date)
		}
		_, err := ImportPaths(context.Background(), s, c.paths, o)
		if got := testkit.Problems(t, err); len(got) != 1 || !strings.HasPrefix(strings.Replace(got[0], filepath.Base(filepath.Dir(c.paths[0]))+" (2 files)", "2 files", 1), c.want) {
			t.Errorf("%s: %q\nwant %q…", c.name, got, c.want)
		}
	}
	if storeSummary(t, s) != before {
		t.Error("a refused extract changed the store")
	}
	// A tracker without dates of entering care may list children in care: stored.
	if _, err := ImportPaths(context.Background(), s, writeFiles(t, "plans.csv", "ID,Plan\nA,Adoption\n"), ImportOptions{ExtractDate: testkit.D("2026-05-31")}); err != nil {
		t.Errorf("a tracker with no entry dates: %v", err)
	}
}

// TestLongChildIDRefused: a child ID over 100 characters is refused at its
// row; 100 is accepted.
func TestLongChildIDRefused(t *testing.T) {
	s := testkit.OpenStore(t)
	ok := strings.Repeat("é", 100)
	long := strings.Repeat("x", 10<<20) // 10 MB
	body := "ID,Date Entered Care\n" + ok + ",01/01/2025\n" + long + ",01/01/2025\nB,01/01/2025\n"
	_, err := ImportPaths(context.Background(), s, writeFiles(t, "ids.csv", body), ImportOptions{ExtractDate: testkit.D("2026-05-31")})
	// The tracker reader refuses it first, under the heading as the file
	// writes it; the importer's own check is the backstop for other readers.
	want := `ids.csv:3: ID: "` + strings.Repeat("x", 40) + `…": a child ID of 10485760 characters is too long (at most 100): check that the child ID column holds the case or person ID`
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != want {
		t.Errorf("problems = %.300q", got)
	}
	if _, err := ImportPaths(context.Background(), s, writeFiles(t, "ok.csv", "ID,Date Entered Care\n"+ok+",01/01/2025\n"), ImportOptions{ExtractDate: testkit.D("2026-05-31")}); err != nil {
		t.Errorf("a 100-character ID: %v", err)
	}
}
