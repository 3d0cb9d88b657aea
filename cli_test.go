package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	status := runCLI(args, &out, &errb)
	return status, out.String(), errb.String()
}

func TestCLIUsageErrors(t *testing.T) {
	// A mistake in the command line opens (and so creates) no store.
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", config)
	defer func() {
		if _, err := os.Stat(filepath.Join(config, "permanence")); err == nil {
			t.Error("a usage error created the default store")
		}
	}()
	for _, args := range [][]string{{"frobnicate"}, {"import"}, {"measures", "--as-of", "31/13/2026"},
		{"measures", "--nope"}, {"demo", "--children", "0"}, {"export", "--out", "x.csv"},
		{"panel"}, {"panel", "frob"}, {"panel", "record", "--child", "C1", "--file", "r.json"}, {"panel", "show"},
		{"panel", "history", "--meeting", "1"}, {"panel", "new", "--kind", "weekly", "--date", "2026-01-01"},
		{"panel", "agenda"}, {"backup"}, {"restore"}, {"benchmarks", "import"}, {"benchmarks", "x.csv"},
		{"benchmarks", "import", "a.csv", "b.csv"}, {"benchmarks", "--as-of", "soon"}} {
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

// panelStore imports two hand-made extracts for the panel's tests:
//   - R1 (adoption): the extract's next panel review is 15 Mar 2026;
//   - N1 (adoption): entered care 20 Nov 2025, so 4 months in care on 20 Mar 2026;
//   - F1 (adoption): final hearing 10 Feb 2026;
//   - P1: plan adoption in January, long-term fostering in March.
func panelStore(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "panel.db")
	head := "Child ID,Social Worker,Team,Plan,Date Entered Care,Next Panel Review Date,Final Hearing Date\n"
	jan := filepath.Join(dir, "jan.csv")
	os.WriteFile(jan, []byte(head+"R1,Sam Lee,North,Adoption,01/01/2025,15/03/2026,\nN1,Ann Cole,South,Adoption,20/11/2025,,\n"+
		"F1,Sam Lee,North,Adoption,01/06/2025,,10/02/2026\nP1,Ann Cole,South,Adoption,01/01/2025,,\n"), 0o600)
	mar := filepath.Join(dir, "mar.csv")
	os.WriteFile(mar, []byte(head+"R1,Sam Lee,North,Adoption,01/01/2025,15/03/2026,\nN1,Ann Cole,South,Adoption,20/11/2025,,\n"+
		"F1,Sam Lee,North,Adoption,01/06/2025,,10/02/2026\nP1,Ann Cole,South,Long-term fostering,01/01/2025,,\n"), 0o600)
	for _, f := range []struct{ path, date string }{{jan, "2026-01-31"}, {mar, "2026-03-31"}} {
		if status, _, stderr := run(t, "import", "--db", db, "--extract-date", f.date, f.path); status != 0 {
			t.Fatal(stderr)
		}
	}
	return db, dir
}

type agendaLine struct {
	ChildID      string   `json:"child_id"`
	Reasons      []string `json:"reasons"`
	Time         string   `json:"time"`
	SocialWorker string   `json:"social_worker"`
	Team         string   `json:"team"`
}

func agendaOf(t *testing.T, args ...string) []agendaLine {
	t.Helper()
	status, out, stderr := run(t, append([]string{"panel", "agenda", "--json"}, args...)...)
	var lines []agendaLine
	if status != 0 || json.Unmarshal([]byte(out), &lines) != nil {
		t.Fatalf("panel agenda %v: %d\n%s\n%s", args, status, out, stderr)
	}
	return lines
}

func TestCLIPanelMeeting(t *testing.T) {
	db, dir := panelStore(t)
	// A meeting on 20 March 2026 with none before it: L is 20 Dec 2025.
	// R1: review due (15 Mar ≤ 20 Mar) and new drift (that review is
	// overdue at M, not at L); F1: proceedings concluded (10 Feb is after
	// L); N1: not yet seen (4 months on 20 Mar, in L < d ≤ M). Order: new
	// drift, proceedings concluded, not yet seen; 20 minutes each from 10:00. (P1 is still in the adoption
	// cohort on 20 March, by the January extract, with nothing to hear.)
	want := []agendaLine{
		{"R1", []string{"review_due", "new_drift"}, "10:00", "Sam Lee", "North"},
		{"F1", []string{"proceedings_concluded"}, "10:20", "Sam Lee", "North"},
		{"N1", []string{"not_yet_seen"}, "10:40", "Ann Cole", "South"},
	}
	suggested := agendaOf(t, "--db", db, "--kind", "adoption", "--date", "2026-03-20")
	if !reflect.DeepEqual(suggested, want) {
		t.Errorf("suggested agenda:\n%+v\nwant\n%+v", suggested, want)
	}
	if status, out, _ := run(t, "panel", "meetings", "--db", db); status != 0 || !strings.Contains(out, "No meetings yet") {
		t.Errorf("suggesting an agenda should store nothing: %d %s", status, out)
	}
	// By 2 April the March extract shows P1's plan changed to long-term
	// fostering: the tracking panel hears them (L is 2 January).
	if tr := agendaOf(t, "--db", db, "--kind", "tracking", "--date", "2026-04-02"); len(tr) != 1 || tr[0].ChildID != "P1" || !slices.Contains(tr[0].Reasons, "plan_changed") {
		t.Errorf("tracking agenda: %+v", tr)
	}

	status, out, stderr := run(t, "panel", "new", "--db", db, "--kind", "adoption", "--date", "2026-03-20", "--chair", "Head of Service")
	if status != 0 || strings.TrimSpace(out) != "1" {
		t.Fatalf("panel new: %d %q %s", status, out, stderr)
	}
	// By hand: P1 added (goes last), N1 removed.
	if status, _, stderr := run(t, "panel", "add", "--db", db, "--meeting", "1", "--child", "P1"); status != 0 {
		t.Fatal(stderr)
	}
	if status, _, stderr := run(t, "panel", "remove", "--db", db, "--meeting", "1", "--child", "N1"); status != 0 {
		t.Fatal(stderr)
	}
	if status, _, stderr := run(t, "panel", "add", "--db", db, "--meeting", "1", "--child", "NOBODY"); status != 1 || !strings.Contains(stderr, `child "NOBODY": no child with that ID`) {
		t.Errorf("adding an unknown child: %d %s", status, stderr)
	}
	got := agendaOf(t, "--db", db, "--meeting", "1")
	if len(got) != 3 || got[0].ChildID != "R1" || got[1].ChildID != "F1" || got[2].ChildID != "P1" ||
		!reflect.DeepEqual(got[2].Reasons, []string{"added"}) || got[2].Time != "10:40" {
		t.Errorf("edited agenda: %+v", got)
	}

	// A bad record file: every problem, FILE: KEY: VALUE: why, exit 1, nothing written.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"barriers": ["courts"], "actions": [{"what": "Family finding", "who": "SW", "due": "2026-13-01"}], "colour": "red"}`), 0o600)
	status, _, stderr = run(t, "panel", "record", "--db", db, "--meeting", "1", "--child", "R1", "--file", bad)
	for _, want := range []string{`bad.json: barriers[0]: "courts": `, `bad.json: actions[0].due: "2026-13-01": `, "colour", "nothing was written"} {
		if status != 1 || !strings.Contains(stderr, want) {
			t.Errorf("bad record: status %d, stderr should say %q:\n%s", status, want, stderr)
		}
	}
	if _, out, _ := run(t, "panel", "meetings", "--db", db); !strings.Contains(out, "planned") {
		t.Errorf("a refused record should leave the meeting planned:\n%s", out)
	}

	good := filepath.Join(dir, "r1.json")
	os.WriteFile(good, []byte(`{"attended": true, "update_by": "Sam Lee", "update": "Family finding under way.",
		"child_voice": {"gathered": "yes", "text": "Wants to stay with her brother."}, "plan": "Adoption",
		"barriers": ["family_finding", "siblings"], "early_permanence_considered": "yes", "decision": "Plan endorsed.",
		"actions": [{"what": "Widen the search to regional agencies", "who": "Family finder", "due": "2026-04-10"}],
		"next_review": "2026-06-20", "next_review_why": "",
		"escalation": {"to": "Head of Service", "why": "No match after 9 months", "raised": "2026-03-20"}}`), 0o600)
	if status, out, stderr := run(t, "panel", "record", "--db", db, "--meeting", "1", "--child", "R1", "--file", good); status != 0 || !strings.Contains(out, "saved") {
		t.Fatalf("record: %d %s %s", status, out, stderr)
	}
	if status, out, _ := run(t, "panel", "record", "--db", db, "--meeting", "1", "--child", "R1", "--file", good); status != 0 || !strings.Contains(out, "unchanged") {
		t.Errorf("the same record again: %d %s", status, out)
	}
	// Writing a record held the meeting: the agenda is kept as it was.
	if got := agendaOf(t, "--db", db, "--meeting", "1"); len(got) != 3 || got[0].ChildID != "R1" || !reflect.DeepEqual(got[0].Reasons, []string{"review_due", "new_drift"}) {
		t.Errorf("held agenda: %+v", got)
	}

	// Overdue: the action was due 10 April; as at 1 May it is overdue.
	status, out, _ = run(t, "panel", "actions", "--db", db, "--overdue", "--as-of", "2026-05-01", "--json")
	var actions []map[string]any
	if status != 0 || json.Unmarshal([]byte(out), &actions) != nil || len(actions) != 1 || actions[0]["child_id"] != "R1" || actions[0]["overdue"] != true {
		t.Errorf("overdue actions: %d %s", status, out)
	}
	if _, out, _ := run(t, "panel", "actions", "--db", db, "--overdue", "--as-of", "2026-04-10", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("due on 10 April is not overdue that day: %s", out)
	}
	status, out, _ = run(t, "panel", "escalations", "--db", db, "--open", "--json")
	if status != 0 || !strings.Contains(out, `"to": "Head of Service"`) || !strings.Contains(out, `"open": true`) {
		t.Errorf("open escalations: %d %s", status, out)
	}

	// Closed: records are final; a change is an amendment with a reason.
	if status, _, stderr := run(t, "panel", "close", "--db", db, "--meeting", "1"); status != 0 {
		t.Fatal(stderr)
	}
	fix := filepath.Join(dir, "fix.json")
	os.WriteFile(fix, []byte(`{"decision": "Plan endorsed; parallel plan not needed."}`), 0o600)
	if status, _, stderr := run(t, "panel", "record", "--db", db, "--meeting", "1", "--child", "R1", "--file", fix); status != 1 || !strings.Contains(stderr, "is closed") {
		t.Errorf("writing to a closed meeting: %d %s", status, stderr)
	}
	if status, _, _ := run(t, "panel", "amend", "--db", db, "--meeting", "1", "--child", "R1", "--file", fix); status != 2 {
		t.Errorf("an amendment without --why should be a usage error, got %d", status)
	}
	if status, _, stderr := run(t, "panel", "amend", "--db", db, "--meeting", "1", "--child", "R1", "--file", fix, "--why", "Decision worded as the chair said it"); status != 0 {
		t.Fatal(stderr)
	}
	status, out, _ = run(t, "panel", "history", "--db", db, "--meeting", "1", "--child", "R1", "--json")
	var versions []struct {
		Version int            `json:"version"`
		Who     string         `json:"who"`
		Why     string         `json:"why"`
		Record  map[string]any `json:"record"`
	}
	if status != 0 || json.Unmarshal([]byte(out), &versions) != nil || len(versions) != 2 {
		t.Fatalf("history: %d %s", status, out)
	}
	if versions[0].Record["decision"] != "Plan endorsed." || versions[1].Record["decision"] != "Plan endorsed; parallel plan not needed." ||
		versions[1].Why != "Decision worded as the chair said it" || versions[1].Who == "" || versions[1].Record["update"] != "Family finding under way." {
		t.Errorf("history versions: %+v", versions)
	}

	// Backup and restore: a copy now, a meeting later, the copy put back.
	backup := filepath.Join(dir, "copy.db")
	if status, _, stderr := run(t, "backup", "--db", db, "--out", backup); status != 0 {
		t.Fatal(stderr)
	}
	if status, _, _ := run(t, "backup", "--db", db, "--out", backup); status != 1 {
		t.Error("a backup over an existing file should be refused")
	}
	run(t, "panel", "new", "--db", db, "--kind", "tracking", "--date", "2026-04-02")
	if status, out, stderr := run(t, "restore", "--db", db, backup); status != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %s %s", status, out, stderr)
	}
	if _, out, _ := run(t, "panel", "meetings", "--db", db, "--json"); strings.Contains(out, "2026-04-02") || !strings.Contains(out, "2026-03-20") {
		t.Errorf("after the restore, the meeting made after the backup should be gone:\n%s", out)
	}
	if status, _, stderr := run(t, "restore", "--db", db, bad); status != 1 || !strings.Contains(stderr, "bad.json") {
		t.Errorf("restoring a file that is not a store: %d %s", status, stderr)
	}
}

// A store in a synced folder (Dropbox here; OneDrive and network drives on
// Windows alike) is used, with a warning on standard error saying why and
// what to do; one in an ordinary folder gets none.
func TestCLIWarnsOfAStoreInASyncedFolder(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	stderrOf := func(args ...string) string {
		t.Helper()
		f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
		if err != nil {
			t.Fatal(err)
		}
		saved := os.Stderr
		os.Stderr = f
		status, _, _ := run(t, args...)
		os.Stderr = saved
		f.Close()
		b, _ := os.ReadFile(f.Name())
		if status != 0 {
			t.Fatalf("%v: status %d: %s", args, status, b)
		}
		return string(b)
	}
	synced := filepath.Join(dir, "Dropbox", "Panel", "panel.db")
	w := stderrOf("settings", "--db", synced)
	if !strings.HasPrefix(w, "permanence: warning: the store "+synced+" is in a folder that Dropbox syncs") ||
		!strings.Contains(w, "permanence backup --db") || strings.Count(w, "\n") != 1 {
		t.Errorf("a store in Dropbox: stderr %q, want one line of warning", w)
	}
	if w := stderrOf("settings", "--db", filepath.Join(dir, "Panel", "panel.db")); w != "" {
		t.Errorf("a store in an ordinary folder: stderr %q", w)
	}
}

// benchmarks lists what is held with its sources and ages; import adds
// the authority's comparators, refuses a bad file whole (FILE:ROW:
// COLUMN: VALUE: why, exit 1), and the comparator then reaches the
// Measures sheet of the pack beside the local figure.
func TestCLIBenchmarks(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "panel.db")
	tracker := filepath.Join(dir, "march.csv")
	// A1's proceedings: 2 Jun 2025 to 5 Jan 2026, 217 days, 31 weeks.
	os.WriteFile(tracker, []byte("Child ID,Plan,Date Entered Care,Proceedings Issued,Final Hearing\n"+
		"A1,Adoption,01/01/2025,02/06/2025,05/01/2026\nA2,SGO,01/02/2025,,\n"), 0o600)
	if status, _, stderr := run(t, "import", "--db", db, "--extract-date", "2026-03-31", tracker); status != 0 {
		t.Fatal(stderr)
	}
	status, out, stderr := run(t, "benchmarks", "--db", db)
	if status != 0 || !strings.Contains(out, "ENGLAND AND WALES") || !strings.Contains(out, "38 weeks") ||
		!strings.Contains(out, "Family Court Statistics Quarterly: April to June 2025") || !strings.Contains(out, "ages as at 31/03/2026") {
		t.Fatalf("benchmarks: %d\n%s\n%s", status, out, stderr)
	}
	// As at 31 Mar 2026, Jan–Mar 2024 would be old; Apr–Jun 2024 (ends
	// 30 Jun 2024, 21 months before) is not.
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "Apr–Jun 2024") && strings.Contains(line, "OLD") {
			t.Errorf("a figure 21 months old marked old: %s", line)
		}
		if strings.Contains(line, "31 Mar 2023") && !strings.Contains(line, "OLD") {
			t.Errorf("a figure three years old not marked old: %s", line)
		}
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("key,area,value,unit,period,period_start,period_end,publisher,source_title,source_url\n"+
		"in_care.per_10000,Statistical neighbours,sixty,per_10000,31 Mar 2025,2025-03-31,2025-03-31,DfE,LAIT,https://x\n"), 0o600)
	status, _, stderr = run(t, "benchmarks", "import", "--db", db, bad)
	if status != 1 || !strings.Contains(stderr, bad+`:2: value: "sixty": is not a number`) || !strings.Contains(stderr, "nothing was imported") {
		t.Errorf("a bad file: %d\n%s", status, stderr)
	}
	good := filepath.Join(dir, "neighbours.csv")
	os.WriteFile(good, []byte("key,area,value,unit,period,period_start,period_end,publisher,source_title,source_url,comparability\n"+
		"final_hearings.median_weeks,Statistical neighbours,43.5,weeks,Apr–Jun 2025,2025-04-01,2025-06-30,Ministry of Justice,FCSQ by local authority,https://example.org/fcsq,Mean per case\n"), 0o600)
	status, out, stderr = run(t, "benchmarks", "import", "--db", db, good)
	if status != 0 || !strings.Contains(out, "imported 1 benchmark(s): 1 new") {
		t.Fatalf("import: %d %s %s", status, out, stderr)
	}
	if status, out, _ = run(t, "benchmarks", "import", "--db", db, good); status != 0 || !strings.Contains(out, "already held exactly") {
		t.Errorf("the same file again: %d %s", status, out)
	}
	status, out, _ = run(t, "benchmarks", "--db", db, "--json")
	var list struct {
		AsOf       string `json:"as_of"`
		Benchmarks []struct {
			Key, Area, From string
			Value           float64
			Old             bool `json:"over_two_years_old"`
		} `json:"benchmarks"`
	}
	if status != 0 || json.Unmarshal([]byte(out), &list) != nil || list.AsOf != "2026-03-31" {
		t.Fatalf("--json: %d %s", status, out)
	}
	found := false
	for _, b := range list.Benchmarks {
		if b.Area == "Statistical neighbours" {
			found = b.Key == "final_hearings.median_weeks" && b.Value == 43.5 && strings.HasPrefix(b.From, "imported from neighbours.csv")
		}
	}
	if !found {
		t.Errorf("--json does not list the comparator as imported:\n%s", out)
	}
	pack := filepath.Join(dir, "pack.xlsx")
	if status, _, stderr := run(t, "export", "--db", db, "--out", pack); status != 0 {
		t.Fatal(stderr)
	}
	row := measuresSheetRow(t, pack, "final_hearings.median_weeks")
	if row["Value"] != "31.0" || !strings.Contains(row["Comparators"], "Statistical neighbours: 43.5 weeks (Apr–Jun 2025)") ||
		row["England"] != "38 weeks, Apr–Jun 2025 (England and Wales, Ministry of Justice)" {
		t.Errorf("the pack's Measures row of final_hearings.median_weeks: %v", row)
	}
}

// measuresSheetRow is the row of a key on a workbook's Measures sheet, by
// heading.
func measuresSheetRow(t *testing.T, path, key string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Measures")
	if err != nil || len(rows) == 0 {
		t.Fatalf("Measures: %v", err)
	}
	for _, r := range rows[1:] {
		row := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				row[h] = r[i]
			}
		}
		if row["Key"] == key {
			return row
		}
	}
	t.Fatalf("no row for %s on the Measures sheet", key)
	return nil
}
