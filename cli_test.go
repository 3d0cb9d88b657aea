package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	status := runCLI(args, &out, &errb)
	return status, out.String(), errb.String()
}

func TestCLIUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"import"}, {"measures", "--as-of", "31/13/2026"},
		{"measures", "--nope"}, {"demo", "--children", "0"}, {"export", "--out", "x.csv"}} {
		status, _, stderr := run(t, args...)
		if status != 2 || stderr == "" || strings.Contains(stderr, "goroutine") {
			t.Errorf("%v: status %d, stderr %q; want 2 and a message", args, status, stderr)
		}
	}
	if status, out, _ := run(t, "help"); status != 0 || !strings.Contains(out, "permanence import") {
		t.Errorf("help: %d %q", status, out)
	}
}

func TestCLIImportAndMeasures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "panel.db")
	good := filepath.Join(dir, "march.csv")
	os.WriteFile(good, []byte("Child ID,Plan,Date Entered Care,Proceedings Issued,Mystery\n"+
		"A1,Adoption,01/01/2025,01/09/2025,x\nA2,SGO,01/02/2025,,y\nA3,Unclear,01/02/2025,,\n"), 0o600)
	status, out, stderr := run(t, "import", "--db", db, "--extract-date", "2026-03-31", good)
	if status != 0 || !strings.Contains(out, "rows read: 3") || !strings.Contains(out, "children added: 3") ||
		!strings.Contains(out, "ignored columns: Mystery") || !strings.Contains(out, "warnings: 1") {
		t.Fatalf("import: %d\n%s\n%s", status, out, stderr)
	}
	st, _ := os.Stat(db)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("store mode %v", st.Mode().Perm())
	}
	status, out, _ = run(t, "import", "--db", db, "--extract-date", "2026-03-31", good)
	if status != 0 || !strings.Contains(out, "already imported") {
		t.Errorf("re-import: %d %s", status, out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Child ID,DOB\nB1,01/01/2020\nB1,someday\n"), 0o600)
	status, out, stderr = run(t, "import", "--db", db, bad)
	if status != 1 || !strings.Contains(stderr, "bad.csv:3: DOB: \"someday\": cannot be read as a date") ||
		!strings.Contains(stderr, "bad.csv:3: Child ID: \"B1\": the same child ID is already on row 2") ||
		!strings.Contains(stderr, "the store is unchanged") {
		t.Errorf("bad import: %d\n%s\n%s", status, out, stderr)
	}

	status, out, stderr = run(t, "measures", "--db", db, "--json")
	if status != 0 {
		t.Fatalf("measures: %d %s", status, stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("measures --json: %v\n%s", err, out)
	}
	if m["as_of"] != "2026-03-31" || m["in_care"] != float64(3) || m["cohort.other"] != float64(1) ||
		m["proceedings.count"] != float64(1) || m["proceedings.over_26_weeks"] != float64(1) {
		t.Errorf("measures: %v", m)
	}
	status, out, _ = run(t, "measures", "--db", db, "--as-of", "2026-03-31")
	if status != 0 || !strings.Contains(out, "Children in care") || !strings.Contains(out, "TRENDS BY QUARTER") {
		t.Errorf("measures table: %d\n%s", status, out)
	}
	status, _, stderr = run(t, "measures", "--db", filepath.Join(dir, "empty.db"))
	if status != 1 || !strings.Contains(stderr, "no extracts yet") {
		t.Errorf("measures on an empty store: %d %s", status, stderr)
	}
}

func TestCLIDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	status, out, stderr := run(t, "demo", "--db", db, "--children", "150", "--months", "3", "--seed", "9")
	if status != 0 || !strings.Contains(out, "Demo authority loaded") {
		t.Fatalf("demo: %d %s %s", status, out, stderr)
	}
	status, out, _ = run(t, "measures", "--db", db, "--json")
	var m map[string]any
	if status != 0 || json.Unmarshal([]byte(out), &m) != nil || m["in_care"].(float64) < 100 {
		t.Errorf("demo measures: %d %s", status, out)
	}
	csvPath := filepath.Join(dir, "big.csv")
	status, out, _ = run(t, "demo", "--children", "300", "--out", csvPath)
	if status != 0 || !strings.Contains(out, "Wrote a tracker extract") {
		t.Fatalf("demo --out: %d %s", status, out)
	}
	status, out, stderr = run(t, "import", "--db", filepath.Join(dir, "x.db"), csvPath)
	if status != 0 || !strings.Contains(out, "children added") {
		t.Errorf("importing the demo file: %d %s %s", status, out, stderr)
	}
}

func TestCLIExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if status, _, stderr := run(t, "demo", "--db", db, "--children", "120", "--months", "6"); status != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	for _, report := range []string{"pack", "board", "slt"} {
		out := filepath.Join(dir, report+".xlsx")
		status, stdout, stderr := run(t, "export", "--db", db, "--report", report, "--out", out)
		if status != 0 || !strings.Contains(stdout, "Wrote the") {
			t.Fatalf("export %s: %d %s %s", report, status, stdout, stderr)
		}
		st, err := os.Stat(out)
		if err != nil || st.Mode().Perm() != 0o600 || st.Size() < 5000 {
			t.Errorf("%s: %v %v", report, err, st)
		}
	}
	if status, _, _ := run(t, "export", "--db", db, "--report", "annual", "--out", filepath.Join(dir, "x.xlsx")); status != 2 {
		t.Errorf("unknown report: status %d, want 2", status)
	}
}

// permanence settings lists, reads and sets the authority's name and every
// threshold; a setting changes the figures the CLI prints.
func TestCLISettings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "panel.db")
	csv := filepath.Join(dir, "march.csv")
	// Issued 2025-09-23: 189 days before 31 Mar 2026 (7 + 31 + 30 + 31 + 31 + 28 + 31).
	// Issued 2025-10-01: 181 days.
	os.WriteFile(csv, []byte("Child ID,Plan,Date Entered Care,Proceedings Issued\n"+
		"A1,Adoption,01/01/2025,23/09/2025\nA2,Adoption,01/01/2025,01/10/2025\n"), 0o600)
	if status, _, stderr := run(t, "import", "--db", db, "--extract-date", "2026-03-31", csv); status != 0 {
		t.Fatal(stderr)
	}
	over := func() float64 {
		t.Helper()
		status, out, stderr := run(t, "measures", "--db", db, "--json")
		var m map[string]any
		if status != 0 || json.Unmarshal([]byte(out), &m) != nil {
			t.Fatalf("measures: %d %s", status, stderr)
		}
		return m["proceedings.over_26_weeks"].(float64)
	}
	if n := over(); n != 1 {
		t.Errorf("over 182 days: %v, want 1 (189 days)", n)
	}
	status, out, _ := run(t, "settings", "--db", db)
	if status != 0 || !strings.Contains(out, "threshold.proceedings_days") || !strings.Contains(out, "authority_name") {
		t.Fatalf("settings list: %d\n%s", status, out)
	}
	if status, out, stderr := run(t, "settings", "--db", db, "threshold.proceedings_days", "175"); status != 0 || strings.TrimSpace(out) != "175" {
		t.Fatalf("set: %d %q %s", status, out, stderr)
	}
	if n := over(); n != 2 {
		t.Errorf("over 175 days: %v, want 2 (189 and 181 days)", n)
	}
	status, out, _ = run(t, "measures", "--db", db)
	if status != 0 || !strings.Contains(out, "Proceedings over 25 weeks") {
		t.Errorf("the table should say the threshold in force:\n%s", out)
	}
	if status, out, _ := run(t, "settings", "--db", db, "authority_name", "Anytown Council"); status != 0 || strings.TrimSpace(out) != "Anytown Council" {
		t.Errorf("name: %d %q", status, out)
	}
	for _, bad := range [][]string{{"threshold.a1_dayz", "300"}, {"threshold.a1_days", "soon"}, {"threshold.a1_days", "0"}, {"nothing"}} {
		status, _, stderr := run(t, append([]string{"settings", "--db", db}, bad...)...)
		if status != 1 || !strings.Contains(stderr, "threshold.a1_day") && !strings.Contains(stderr, "no setting") {
			t.Errorf("%v: %d %q", bad, status, stderr)
		}
	}
	if status, out, _ := run(t, "settings", "--db", db, "threshold.a1_days"); status != 0 || strings.TrimSpace(out) != "426" {
		t.Errorf("a refused value changed the setting: %q", out)
	}
	if status, out, _ := run(t, "settings", "--db", db, "threshold.proceedings_days", ""); status != 0 || strings.TrimSpace(out) != "182" {
		t.Errorf("an empty value should put the default back: %q", out)
	}
}

// An export whose --out names the store (or a link to it) is refused and
// the store is left exactly as it was.
func TestCLIExportRefusesTheStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "panel.xlsx")
	if status, _, stderr := run(t, "demo", "--db", db, "--children", "50", "--months", "2"); status != 0 {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(db)
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{db, link, filepath.Join(dir, ".", "panel.xlsx")} {
		status, _, stderr := run(t, "export", "--db", db, "--out", out)
		if status != 1 || !strings.Contains(stderr, "is the store itself") {
			t.Errorf("export --out %s: %d %q", out, status, stderr)
		}
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the store changed")
	}
}

// demo --out writes its workbook readable by the user alone, whole or not at all.
func TestCLIDemoOutIsPrivate(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"big.xlsx", "big.csv"} {
		out := filepath.Join(dir, name)
		if status, _, stderr := run(t, "demo", "--children", "30", "--out", out); status != 0 {
			t.Fatal(stderr)
		}
		st, err := os.Stat(out)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", name, st.Mode(), err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// A --db path with '#' in it is exactly the store; two team files of one
// date are one extract; one of them alone is refused with what --replace
// would discard; an implausible extract date is refused.
func TestCLIImportTeamFilesIntoAwkwardPath(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "Team #2", "panel.db")
	a, b := filepath.Join(dir, "teamA.csv"), filepath.Join(dir, "teamB.csv")
	os.WriteFile(a, []byte("ID,Plan,Date Entered Care\nA1,Adoption,01/01/2025\nA2,SGO,01/02/2025\n"), 0o600)
	os.WriteFile(b, []byte("ID,Plan,Date Entered Care\nB1,LTF,01/01/2025\nB2,LTF,01/01/2025\nB3,LTF,01/01/2025\n"), 0o600)
	status, out, stderr := run(t, "import", "--db", db, "--extract-date", "2026-05-31", a, b)
	if status != 0 || !strings.Contains(out, "teamA.csv + teamB.csv: imported as the extract of 31/05/2026.") || !strings.Contains(out, "children added: 5") {
		t.Fatalf("import: %d\n%s\n%s", status, out, stderr)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, "|") != "Team #2|teamA.csv|teamB.csv" {
		t.Errorf("files beside the store's folder: %q", names)
	}
	if st, err := os.Stat(db); err != nil || st.Mode().Perm() != 0o600 || st.Size() == 0 {
		t.Errorf("the store %s: %v %v", db, st, err)
	}
	status, _, stderr = run(t, "import", "--db", db, "--extract-date", "2026-05-31", b)
	if status != 1 || !strings.Contains(stderr, "already stored: teamA.csv + teamB.csv, with 5 children") ||
		!strings.Contains(stderr, "would discard that extract and its 5 children, and keep only the 3 children in teamB.csv") {
		t.Errorf("teamB alone: %d %s", status, stderr)
	}
	status, _, stderr = run(t, "import", "--db", db, "--extract-date", "9999-12-31", a)
	if status != 1 || !strings.Contains(stderr, `teamA.csv: extract date: "9999-12-31": the extract date (given for this import) is after`) {
		t.Errorf("9999-12-31: %d %s", status, stderr)
	}
	status, out, _ = run(t, "measures", "--db", db, "--json")
	var m map[string]any
	if status != 0 || json.Unmarshal([]byte(out), &m) != nil || m["as_of"] != "2026-05-31" || m["in_care"] != float64(5) {
		t.Errorf("measures: %d %s", status, out)
	}
}

// The CLI refuses a real extract into the demo authority's store too.
func TestCLIDemoStoreRefusesRealImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if status, _, stderr := run(t, "demo", "--db", db, "--children", "30", "--months", "1"); status != 0 {
		t.Fatal(stderr)
	}
	csv := filepath.Join(dir, "tracker-2026-03-31.csv")
	os.WriteFile(csv, []byte("Child ID,CLA Start Date\nR1,01/01/2025\n"), 0o600)
	status, _, stderr := run(t, "import", "--db", db, csv)
	if status != 1 || !strings.Contains(stderr, "demo authority's store") {
		t.Errorf("import into the demo: %d %q", status, stderr)
	}
}
