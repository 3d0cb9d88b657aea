package papers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"permanence/data"
	"permanence/data/panel"
	"permanence/data/platform"
	"permanence/data/store"
)

// The test authority: one extract dated 28 February 2026, an adoption
// panel on Friday 20 March 2026 from 10:00, 20 minutes a child.
//
//	C1   Zoë Brontë-Şahin, born 04/05/2019, adoption plan, panel review
//	     due 15/03/2026 (so suggested: review due); record endorses
//	     long-term fostering, which the extract does not say: the case
//	     system needs updating. Amended after closing.
//	C/2  Łukasz O'Neil, long-term fostering, added by hand; a record whose
//	     decision looks like a formula.
//	C3   Amy Ng, added by hand, no record.
const (
	testAuthority = "Borsetshire Council & Partners"
	meetingDay    = "2026-03-20"
)

func d(s string) data.Date { return data.MustDate(s) }

// testStore makes the store and the meeting; closed says whether the
// meeting is closed (and C1's record amended) or left planned with no
// records.
func testStore(t *testing.T, closed bool) (*panel.Service, int64) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(filepath.Join(t.TempDir(), "panel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	children := []data.Child{
		{ID: "C1", Name: "Zoë Brontë-Şahin", DOB: d("2019-05-04"), SocialWorker: "Sam Lee", Team: "North",
			EnteredCare: d("2025-01-01"), Plan: data.PlanAdoption, PlanText: "Adoption", NextPanelReview: d("2026-03-15")},
		{ID: "C/2", Name: "Łukasz O'Neil", DOB: d("2015-11-30"), SocialWorker: "Ann Cole", Team: "South",
			EnteredCare: d("2024-06-01"), Plan: data.PlanLongTermFostering, PlanText: "Long-term fostering"},
		{ID: "C3", Name: "Amy Ng", DOB: d("2020-01-02"), SocialWorker: "Ann Cole", Team: "South",
			EnteredCare: d("2024-02-01"), Plan: data.PlanAdoption, PlanText: "Adoption"},
	}
	if _, err := s.SaveExtract(ctx, &data.ExtractData{Kind: data.KindTracker, FileName: "feb.csv", SHA256: "feb",
		Date: d("2026-02-28"), Children: children}, false, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, store.SettingAuthorityName, testAuthority); err != nil {
		t.Fatal(err)
	}
	svc := panel.New(s, nil)
	id, err := s.CreateMeeting(ctx, data.Meeting{Date: d(meetingDay), Kind: data.PanelAdoption, Chair: "Jo Chair",
		Attendees: "IRO: Priya Shah\nLegal: Ali Khan\nFamily finder: Bea Ode"}, "coordinator")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"C/2", "C3"} {
		if err := svc.AddToAgenda(ctx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	if !closed {
		return svc, id
	}
	save := func(child, js string) {
		t.Helper()
		patch, err := data.ParseRecordFile(child+".json", []byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Save(ctx, id, child, child+".json", patch, "writer"); err != nil {
			t.Fatal(err)
		}
	}
	save("C1", `{"attended": true, "update_by": "Sam Lee", "update": "Family finding under way; two links – one in Wales.",
		"child_voice": {"gathered": "yes", "text": "Wants to stay with her brother."}, "plan": "Long-term fostering",
		"parallel_plan": "Adoption", "barriers": ["family_finding", "other"], "barrier_other": "Interpreter needed for café meetings",
		"early_permanence_considered": "not_applicable", "previous_adopters_considered": "no",
		"decision": "Plan endorsed – fees of £120 agreed; ‘stay together’ is the aim.",
		"actions": [{"what": "Widen the search to regional agencies", "who": "Family finder", "due": "2026-04-10"},
			{"what": "Later life letter", "who": "Sam Lee", "due": "2026-03-01", "status": "done", "done_on": "2026-02-27"}],
		"next_review": "2026-06-20",
		"escalation": {"to": "Head of Service", "why": "No match after 9 months", "raised": "2026-03-20"}}`)
	save("C/2", `{"attended": false, "plan": "LTF", "decision": "=HYPERLINK(\"http://example.invalid\")",
		"actions": [{"what": "Sibling assessment", "who": "SW", "due": "2026-05-01", "status": "dropped", "why": "Sibling placed"}]}`)
	if err := svc.Close(ctx, id, "chair"); err != nil {
		t.Fatal(err)
	}
	patch, err := data.ParseRecordFile("fix.json", []byte(`{"next_review": "2026-05-20", "next_review_why": "Court date brought forward"}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Amend(ctx, id, "C1", "fix.json", patch, "jo.smith", "Corrected the review date"); err != nil {
		t.Fatal(err)
	}
	return svc, id
}

// hashed is a child ID's first 8 hex digits of SHA-256, as a file name
// carries it when the ID holds characters a name cannot.
func hashed(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:4])
}

func TestWriteMeetingPapers(t *testing.T) {
	svc, id := testStore(t, true)
	dir := filepath.Join(t.TempDir(), "papers", "march")
	paths, err := WriteMeetingPapers(context.Background(), svc, id, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"agenda-2026-03-20-adoption.xlsx", "agenda-2026-03-20-adoption.pdf", "agenda-2026-03-20-adoption.ics",
		"minutes-2026-03-20-adoption.xlsx", "minutes-2026-03-20-adoption.pdf",
		"record-C1-2026-03-20.pdf", "record-C_2-" + hashed("C/2") + "-2026-03-20.pdf",
	}
	var got []string
	for _, p := range paths {
		if filepath.Dir(p) != dir {
			t.Errorf("%s is not in %s", p, dir)
		}
		got = append(got, filepath.Base(p))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("papers written:\n%v\nwant\n%v", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(want) {
		t.Errorf("the folder holds %d files, want %d (no temporary files left)", len(entries), len(want))
	}
	if runtime.GOOS != "windows" {
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("the folder made for the papers: %v %v, want 0700", st.Mode().Perm(), err)
		}
		for _, p := range paths {
			if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v (%v), want 0600", filepath.Base(p), st.Mode().Perm(), err)
			}
		}
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".pdf") {
			b, _ := os.ReadFile(p)
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-1024):], []byte("%%EOF")) {
				t.Errorf("%s is not a whole PDF", filepath.Base(p))
			}
		}
	}

	// Exporting again replaces the papers: same names, and the calendar's
	// events keep their UIDs, so a client updates them.
	ics1, _ := os.ReadFile(paths[2])
	again, err := WriteMeetingPapers(context.Background(), svc, id, dir)
	if err != nil || !reflect.DeepEqual(again, paths) {
		t.Fatalf("exporting again: %v %v", again, err)
	}
	ics2, _ := os.ReadFile(paths[2])
	if u1, u2 := icsProps(t, ics1, "UID"), icsProps(t, ics2, "UID"); !reflect.DeepEqual(u1, u2) || len(u1) != 3 {
		t.Errorf("UIDs change between exports: %v, %v", u1, u2)
	}
}

func TestPlannedMeetingHasOnlyAnAgenda(t *testing.T) {
	svc, id := testStore(t, false)
	paths, err := WriteMeetingPapers(context.Background(), svc, id, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paths {
		got = append(got, filepath.Base(p))
	}
	want := []string{"agenda-2026-03-20-adoption.xlsx", "agenda-2026-03-20-adoption.pdf", "agenda-2026-03-20-adoption.ics"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("a planned meeting's papers: %v, want %v", got, want)
	}
}

func TestWriteMeetingPapersRefuses(t *testing.T) {
	svc, id := testStore(t, false)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	if _, err := WriteMeetingPapers(context.Background(), svc, id, file); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("a file given as the folder: %v", err)
	}
	if _, err := WriteMeetingPapers(context.Background(), svc, 99, t.TempDir()); err == nil || !strings.Contains(err.Error(), "no panel meeting") {
		t.Errorf("an unknown meeting: %v", err)
	}
	if _, err := WriteMeetingPapers(context.Background(), svc, id, " "); err == nil {
		t.Error("no folder: want an error")
	}
}

func TestRecordFileName(t *testing.T) {
	day := d(meetingDay)
	for _, c := range []struct{ id, want string }{
		{"C1", "record-C1-2026-03-20.pdf"},
		{"ab-12_3.x", "record-ab-12_3.x-2026-03-20.pdf"},
		{"C/2", "record-C_2-" + hashed("C/2") + "-2026-03-20.pdf"},
		{`..\..\evil`, "record-_.._evil-" + hashed(`..\..\evil`) + "-2026-03-20.pdf"},
		{"a:b*c?d\"e<f>g|h", "record-a_b_c_d_e_f_g_h-" + hashed("a:b*c?d\"e<f>g|h") + "-2026-03-20.pdf"},
		{"José 7", "record-Jos__7-" + hashed("José 7") + "-2026-03-20.pdf"},
		{"...", "record-_-" + hashed("...") + "-2026-03-20.pdf"},
		{"CON", "record-_CON-" + hashed("CON") + "-2026-03-20.pdf"}, // made safe as a name of its own
		{"C7.", "record-C7-" + hashed("C7.") + "-2026-03-20.pdf"},
		{"C8\t\x00", "record-C8__-" + hashed("C8\t\x00") + "-2026-03-20.pdf"},
	} {
		got := RecordFileName(c.id, day)
		if err := platform.CheckFileName(got); err != nil {
			t.Errorf("RecordFileName(%q): Windows would refuse it: %v", c.id, err)
		}
		if got != c.want {
			t.Errorf("RecordFileName(%q) = %q, want %q", c.id, got, c.want)
		}
		if filepath.Base(got) != got || strings.ContainsAny(got, `<>:"/\|?*`) {
			t.Errorf("RecordFileName(%q) = %q is not a plain file name", c.id, got)
		}
	}
	// Two IDs that read the same once made safe still get two names.
	if RecordFileName("A/1", day) == RecordFileName("A_1", day) || RecordFileName("A/1", day) == RecordFileName("A:1", day) {
		t.Error("two child IDs share a record file name")
	}
}

// readBook opens a workbook the papers wrote.
func readBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// column finds a heading in a sheet's header row.
func headCol(t *testing.T, rows [][]string, head string) int {
	t.Helper()
	for i, h := range rows[0] {
		if h == head {
			return i
		}
	}
	t.Fatalf("no column %q in %v", head, rows[0])
	return -1
}

func cellOf(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func TestMinutesWorkbook(t *testing.T) {
	svc, id := testStore(t, true)
	paths, err := WriteMeetingPapers(context.Background(), svc, id, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := readBook(t, paths[3])
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Meeting", "Minutes", "Actions"}) {
		t.Fatalf("minutes sheets: %v", got)
	}
	rows, _ := f.GetRows("Minutes")
	if len(rows) != 4 {
		t.Fatalf("Minutes: %d rows, want a header and one a child (3)", len(rows))
	}
	idCol, rec, upd := headCol(t, rows, "Child ID"), headCol(t, rows, "Record"), headCol(t, rows, "Case system needs updating")
	plan, dec, next := headCol(t, rows, "Plan endorsed"), headCol(t, rows, "Decision or recommendation"), headCol(t, rows, "Next review")
	changed, init := headCol(t, rows, "Changed after closing"), headCol(t, rows, "Initials")
	for i, w := range []struct{ id, initials, rec, upd, plan, next string }{
		// C1's record endorses long-term fostering; the extract says
		// adoption. Its review date was amended to 20/05/2026.
		{"C1", "Z.B.", "Yes", "Yes", "Long-term fostering", "20/05/2026"},
		// "LTF" is the vocabulary's long-term fostering, as the extract says.
		{"C/2", "Ł.O.", "Yes", "", "Long-term fostering", ""},
		{"C3", "A.N.", "No record", "", "", ""},
	} {
		r := rows[i+1]
		if cellOf(r, idCol) != w.id || cellOf(r, init) != w.initials || cellOf(r, rec) != w.rec || cellOf(r, upd) != w.upd ||
			cellOf(r, plan) != w.plan || cellOf(r, next) != w.next {
			t.Errorf("Minutes row %d: %q", i+2, r)
		}
	}
	if !strings.Contains(cellOf(rows[1], changed), "by jo.smith: Corrected the review date") {
		t.Errorf("C1's amendment: %q", cellOf(rows[1], changed))
	}
	// The decision that looks like a formula stays text, marked so.
	ref, _ := excelize.CoordinatesToCellName(dec+1, 3)
	if formula, _ := f.GetCellFormula("Minutes", ref); formula != "" || cellOf(rows[2], dec) != `=HYPERLINK("http://example.invalid")` {
		t.Errorf("a formula-like decision: formula %q, text %q", formula, cellOf(rows[2], dec))
	}
	if sid, _ := f.GetCellStyle("Minutes", ref); sid >= len(f.Styles.CellXfs.Xf) || f.Styles.CellXfs.Xf[sid].QuotePrefix == nil || !*f.Styles.CellXfs.Xf[sid].QuotePrefix {
		t.Errorf("a formula-like decision is not marked as text (quotePrefix)")
	}
	for _, row := range rows {
		for _, c := range row {
			if strings.Contains(c, "Brontë") || strings.Contains(c, "2019") {
				t.Errorf("the minutes workbook names a child or gives a birth date: %q", c)
			}
		}
	}

	acts, _ := f.GetRows("Actions")
	if len(acts) != 4 {
		t.Fatalf("Actions: %d rows, want a header and 3 actions", len(acts))
	}
	due, status := headCol(t, acts, "Due"), headCol(t, acts, "Status")
	for i, w := range [][3]string{{"C1", "10/04/2026", "Open"}, {"C1", "01/03/2026", "Done"}, {"C/2", "01/05/2026", "No longer needed"}} {
		r := acts[i+1]
		if r[0] != w[0] || cellOf(r, due) != w[1] || cellOf(r, status) != w[2] {
			t.Errorf("Actions row %d: %q, want %v", i+2, r, w)
		}
	}
	// Due dates are date cells, not text.
	dueRef, _ := excelize.CoordinatesToCellName(due+1, 2)
	if raw, _ := f.GetCellValue("Actions", dueRef, excelize.Options{RawCellValue: true}); raw != "46122" {
		t.Errorf("the first action's due date is stored as %q, want the date serial 46122 (10/04/2026)", raw)
	}

	for _, sheet := range f.GetSheetList() {
		lay, err := f.GetPageLayout(sheet)
		if err != nil || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.Size == nil || *lay.Size != 9 {
			t.Errorf("sheet %s does not print A4 landscape: %+v %v", sheet, lay, err)
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if hf == nil || !strings.Contains(hf.OddHeader, "Borsetshire Council && Partners") || !strings.Contains(hf.OddHeader, Marking) ||
			!strings.Contains(hf.OddFooter, "Page &P of &N") {
			t.Errorf("sheet %s's printed header and footer: %+v", sheet, hf)
		}
	}
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		names[n.Scope+" "+n.Name] = n.RefersTo
	}
	if names["Minutes _xlnm.Print_Titles"] != "'Minutes'!$A:$C,'Minutes'!$1:$1" || names["Actions _xlnm.Print_Titles"] != "'Actions'!$1:$1" {
		t.Errorf("repeated rows and columns: %v", names)
	}
}

func TestAgendaWorkbook(t *testing.T) {
	svc, id := testStore(t, true)
	paths, err := WriteMeetingPapers(context.Background(), svc, id, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := readBook(t, paths[0])
	rows, _ := f.GetRows("Agenda")
	head := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Time" {
			head = i
		}
	}
	if head < 0 || len(rows) != head+4 {
		t.Fatalf("agenda sheet: header row %d, %d rows:\n%q", head, len(rows), rows)
	}
	for i, w := range [][3]string{{"10:00", "C1", "Z.B."}, {"10:20", "C/2", "Ł.O."}, {"10:40", "C3", "A.N."}} {
		if r := rows[head+1+i]; r[0] != w[0] || r[1] != w[1] || r[2] != w[2] {
			t.Errorf("agenda line %d: %q, want %v", i+1, r, w)
		}
	}
	if r := rows[head+1]; !strings.HasPrefix(cellOf(r, 5), "Review due") || !strings.Contains(cellOf(r, 6), "15/03/2026") {
		t.Errorf("C1's reasons: %q", r)
	}
	if r := rows[head+2]; cellOf(r, 5) != "Added" {
		t.Errorf("C/2 was added by hand: %q", r)
	}
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, w := range []string{"Borsetshire Council & Partners", "Jo Chair", "IRO: Priya Shah", "Sam Lee"} {
		if !strings.Contains(all.String(), w) {
			t.Errorf("the agenda sheet does not say %q", w)
		}
	}
	if strings.Contains(all.String(), "Brontë") || strings.Contains(all.String(), "Łukasz") {
		t.Error("the agenda sheet shows a child's name")
	}
	// Seven columns of 172 characters in all: one page wide at 9 pt.
	if lay, _ := f.GetPageLayout("Agenda"); lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("the agenda sheet should print one page wide: %+v", lay)
	}
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		names[n.Name] = n.RefersTo
	}
	if want := "'Agenda'!$" + strconv.Itoa(head+1) + ":$" + strconv.Itoa(head+1); names["_xlnm.Print_Titles"] != want {
		t.Errorf("the agenda's repeated row: %q, want %q", names["_xlnm.Print_Titles"], want)
	}
}

// pdfText is the text a reader of the PDF sees (pdftotext), its
// whitespace folded; the test is skipped without pdftotext.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestPDFText(t *testing.T) {
	svc, id := testStore(t, true)
	paths, err := WriteMeetingPapers(context.Background(), svc, id, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	every := []string{Marking, "Borsetshire Council & Partners", "Page 1 of"}
	for _, c := range []struct {
		path      string
		want, not []string
	}{
		{paths[1], []string{"Agenda", "Adoption tracking panel · Friday 20 March 2026", "Jo Chair", "IRO: Priya Shah",
			"10:00", "Z.B. (C1)", "10:20", "Ł.O. (C/2)", "A.N. (C3)", "Sam Lee", "North",
			"Review due: next panel review date 15/03/2026", "Added by hand", "20 minutes a child, from 10:00", "Page 1 of 1"},
			[]string{"Zoë", "Brontë", "Łukasz", "04/05/2019"}},
		{paths[4], []string{"Minutes", "Z.B. (C1)", "Ł.O. (C/2)", "A.N. (C3)", "No record was written for this child",
			"Plan endorsed – fees of £120 agreed; ‘stay together’ is the aim.",
			"Differs from the case system's plan at the meeting (Adoption): the case system needs updating.",
			"Interpreter needed for café meetings", "Corrected the review date", "Widen the search to regional agencies",
			"Actions set at this meeting", "Sibling placed", `=HYPERLINK("http://example.invalid")`},
			[]string{"Zoë", "Brontë", "Łukasz", "04/05/2019"}},
		{paths[5], []string{"Permanence panel record", "Zoë Brontë-Şahin", "Child ID C1", "Date of birth 04/05/2019",
			"Adoption tracking panel", "Jo Chair", "Legal: Ali Khan", "Social worker attended Yes", "Update given by Sam Lee",
			"two links – one in Wales.", "Wants to stay with her brother.", "Plan endorsed by the panel Long-term fostering",
			"the case system needs updating.", "Parallel or contingency plan Adoption", "Family finding / no match",
			"Other: Interpreter needed for café meetings", "Early permanence considered Not applicable",
			"Contact with an earlier adoptive family considered No",
			"Plan endorsed – fees of £120 agreed; ‘stay together’ is the aim.",
			"Widen the search to regional agencies", "Family finder", "10/04/2026", "Done on 27/02/2026",
			"Next review 20/05/2026", "Why this date: Court date brought forward",
			"Escalated to Head of Service", "No match after 9 months", "Open: no outcome recorded yet",
			"This record was changed after the meeting closed.", "by jo.smith: Corrected the review date",
			"Closed on", "Names are shown"},
			[]string{"DRAFT"}},
		{paths[6], []string{"Łukasz O'Neil", "Child ID C/2", "30/11/2015", "Social worker attended No", "No longer needed: Sibling placed",
			"Escalation None", "Next review Not recorded"},
			[]string{"needs updating", "changed after the meeting closed"}},
	} {
		text := pdfText(t, c.path)
		for _, w := range append(every, c.want...) {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not say %q:\n%s", filepath.Base(c.path), w, text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(text, w) {
				t.Errorf("%s says %q, which it must not", filepath.Base(c.path), w)
			}
		}
	}
}

func TestHeldMeetingPapersAreDrafts(t *testing.T) {
	svc, id := testStore(t, false)
	ctx := context.Background()
	patch, _ := data.ParseRecordFile("r.json", []byte(`{"decision": "Keep going"}`))
	if _, err := svc.Save(ctx, id, "C1", "r.json", patch, "writer"); err != nil {
		t.Fatal(err)
	}
	paths, err := WriteMeetingPapers(ctx, svc, id, t.TempDir())
	if err != nil || len(paths) != 6 {
		t.Fatalf("a held meeting's papers: %v %v", paths, err)
	}
	for _, p := range paths[4:] {
		if text := pdfText(t, p); !strings.Contains(text, "DRAFT: the meeting has not been closed") || !strings.Contains(text, "DRAFT ") {
			t.Errorf("%s does not say it is a draft:\n%s", filepath.Base(p), text)
		}
	}
}

// A record long enough to run over several pages keeps every word, and
// the actions table's header row is repeated on the page it runs onto.
func TestLongRecordRunsOn(t *testing.T) {
	svc, id := testStore(t, false)
	ctx := context.Background()
	var long strings.Builder
	for i := range 400 {
		long.WriteString("word" + strconv.Itoa(i) + " ")
	}
	var acts []string
	for i := range 40 {
		acts = append(acts, `{"what": "Action number `+strconv.Itoa(i)+` with some words to wrap it over two lines of the table's column", "who": "SW", "due": "2026-04-01"}`)
	}
	patch, err := data.ParseRecordFile("r.json", []byte(`{"update": "`+long.String()+`", "actions": [`+strings.Join(acts, ",")+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Save(ctx, id, "C1", "r.json", patch, "writer"); err != nil {
		t.Fatal(err)
	}
	paths, err := WriteMeetingPapers(ctx, svc, id, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, paths[5])
	for _, w := range []string{"word0 ", "word399", "Action number 0 ", "Action number 39 ", "Page 3 of"} {
		if !strings.Contains(text, w) {
			t.Errorf("the long record lost %q", w)
		}
	}
	// pdftotext reads a table a column at a time: "Who" heads the column
	// once a page.
	if n := strings.Count(text, " Who "); n < 2 {
		t.Errorf("the actions table's header row appears %d times, want it repeated on the page it runs onto", n)
	}
}

func TestPagesWide(t *testing.T) {
	for _, c := range []struct {
		widths []float64
		repeat int
		want   int
	}{
		{[]float64{100, 72}, 0, 1},                // 172 characters: one page
		{[]float64{100, 73}, 0, 2},                // 173: two, nothing repeated
		{[]float64{10, 10, 160}, 1, 2},            // 170 after the repeated 10, 162 a page: 2
		{[]float64{12, 100, 100, 100, 100}, 1, 3}, // 400 after 12, 160 a page: 2.5, so 3
	} {
		if got := pagesWide(c.widths, c.repeat); got != c.want {
			t.Errorf("pagesWide(%v, %d) = %d, want %d", c.widths, c.repeat, got, c.want)
		}
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\r\nb\tc", "a\nb c"},
		{"Zoë Łukasz Şahin – £5 ‘x’ “y” … €", "Zoë Łukasz Şahin – £5 ‘x’ “y” … €"},
		{"e\u0301", "é"},             // composed
		{"smile 😊 ok", "smile ? ok"}, // beyond the fonts: would break the PDF
		{"bell\x07", "bell"},
		{"中", "?"},
	} {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
