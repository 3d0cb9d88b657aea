package app

import (
	"context"
	"os"
	"path/filepath"
	"permanence/data/importer"
	"permanence/data/store"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"permanence/data"
)

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const goodTracker = `Child ID,Name,Date of Birth,CLA Start Date,Permanence Plan,Legal Status,Placement Type,Team,Favourite colour
C1,Amelia Smith,12/04/2019,01/02/2024,Adoption,C2,U6,North,blue
C2,Jack Jones,03/05/2015,15/06/2023,Long term fostering,C2,U4,South,red
C3,Ola Nowak,01/01/2012,01/01/2022,Zoo keeper,V2,U6,South,
`

const badTracker = `Child ID,Name,Date of Birth,CLA Start Date,Permanence Plan
C1,Amelia Smith,12/04/2019,01/02/2024,Adoption
C2,Jack Jones,31/02/2015,15/06/2023,Long term fostering
C1,Amelia Smith,12/04/2019,01/02/2024,Adoption
`

func extractCount(t *testing.T, s *store.Store) int {
	t.Helper()
	xs, err := s.Extracts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(xs)
}

func TestImportGoodFile(t *testing.T) {
	s := emptyStore(t)
	u, w := newTestUI(t, s)
	path := writeFile(t, "tracker.csv", goodTracker)
	u.importer.start([]string{path}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	report := u.importer.lastReport
	for _, want := range []string{"tracker.csv — extract of 31 Mar 2026", "Rows read: 3", "Children added: 3", "Children updated: 0",
		"Columns ignored (not part of the panel's data set): Favourite colour", "row 4, column “Permanence Plan” (“Zoo keeper”): plan not recognised"} {
		if !strings.Contains(report, want) {
			t.Errorf("report should say %q; it says:\n%s", want, report)
		}
	}
	if w.Content() != u.dashboard {
		t.Error("after the first import the dashboard should open")
	}
	if u.snap == nil || u.snap.m.Count(data.KeyInCare) != 3 {
		t.Fatalf("the dashboard should count the 3 children imported")
	}
	if got := u.overview.inCare.value.Text; got != "3" {
		t.Errorf("children in care tile = %q, want 3", got)
	}

	// The same file again changes nothing.
	u.importer.start([]string{path}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	if !strings.Contains(u.importer.lastReport, "imported before") {
		t.Errorf("importing the same file twice should say so:\n%s", u.importer.lastReport)
	}
}

func TestImportBadFile(t *testing.T) {
	s := emptyStore(t)
	u, w := newTestUI(t, s)
	path := writeFile(t, "tracker.csv", badTracker)
	u.importer.start([]string{path}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	report := u.importer.lastReport
	for _, want := range []string{"nothing was imported",
		"tracker.csv, row 3, column “Date of Birth” (“31/02/2015”): cannot be read as a date",
		"tracker.csv, row 4, column “Child ID” (“C1”): the same child ID is already on row 2"} {
		if !strings.Contains(report, want) {
			t.Errorf("report should say %q; it says:\n%s", want, report)
		}
	}
	if n := extractCount(t, s); n != 0 {
		t.Errorf("a bad file wrote %d extracts", n)
	}
	if w.Content() != u.welcome.object() {
		t.Error("after a failed import an empty store should stay on the welcome view")
	}
}

func TestImportCancelled(t *testing.T) {
	s := emptyStore(t)
	u, _ := newTestUI(t, s)
	path := writeFile(t, "tracker.csv", goodTracker)
	u.importer.gate = make(chan struct{})
	u.importer.start([]string{path}, importer.ImportOptions{ExtractDate: testAsAt})
	if !u.importer.running || u.importer.cancel == nil {
		t.Fatal("the import should be running")
	}
	u.importer.cancel()
	close(u.importer.gate)
	u.bridge.wait()
	if !strings.Contains(u.importer.lastReport, "cancelled. Nothing was imported") {
		t.Errorf("report after cancelling:\n%s", u.importer.lastReport)
	}
	if n := extractCount(t, s); n != 0 {
		t.Errorf("a cancelled import wrote %d extracts", n)
	}
}

func TestImportDroppedFilesAsksForDate(t *testing.T) {
	u, w := newTestUI(t, emptyStore(t))
	path := writeFile(t, "tracker.csv", goodTracker)
	u.importer.dropped([]fyne.URI{storage.NewFileURI(path)})
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("dropping a file should ask for the extract date")
	}
}

func TestImportSSDA903Folder(t *testing.T) {
	s := emptyStore(t)
	u, _ := newTestUI(t, s)
	u.importer.start([]string{"../data/ssda903/testdata/ssda903/two_years"}, importer.ImportOptions{})
	u.bridge.wait()
	report := u.importer.lastReport
	for _, want := range []string{"SSDA903 tables found:", "• episodes (", "periods of care"} {
		if !strings.Contains(report, want) {
			t.Errorf("report should say %q; it says:\n%s", want, report)
		}
	}
	if u.snap == nil || u.snap.m.Count(data.KeyInCare) == 0 {
		t.Fatal("the dashboard should count the children of the return")
	}
}

func TestImportSeveralFilesFromTheDialog(t *testing.T) {
	s := emptyStore(t)
	u, w := newTestUI(t, s)
	dir := t.TempDir()
	jan := filepath.Join(dir, "tracker-2026-01-31.csv")
	feb := filepath.Join(dir, "tracker-2026-02-28.csv")
	os.WriteFile(jan, []byte(goodTracker), 0o600)
	os.WriteFile(feb, []byte(strings.Replace(goodTracker, "Zoo keeper", "Adoption", 1)), 0o600)
	u.importer.confirm([]string{jan})
	if u.importer.addFile == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("the confirmation should be open and take more files")
	}
	u.importer.addFile(feb)
	u.importer.addFile(feb) // the same file twice is imported once
	u.importer.confirmDialog.Submit()
	u.bridge.wait()
	if n := extractCount(t, s); n != 2 {
		t.Fatalf("%d extracts stored, want both files (2)\n%s", n, u.importer.lastReport)
	}
	for _, want := range []string{"tracker-2026-01-31.csv — extract of 31 Jan 2026", "tracker-2026-02-28.csv — extract of 28 Feb 2026"} {
		if !strings.Contains(u.importer.lastReport, want) {
			t.Errorf("report should say %q:\n%s", want, u.importer.lastReport)
		}
	}
}

func TestImportConfirmDate(t *testing.T) {
	s := emptyStore(t)
	u, _ := newTestUI(t, s)
	path := writeFile(t, "tracker.csv", goodTracker)
	u.importer.confirm([]string{path})
	// A date that cannot be read keeps the Import button from working…
	u.importer.confirmDate.SetText("31/13/2026")
	u.importer.confirmDialog.Submit()
	u.bridge.wait()
	if n := extractCount(t, s); n != 0 {
		t.Fatalf("an unreadable date was accepted")
	}
	// …and any of the extract's date forms is taken.
	u.importer.confirmDate.SetText("31 Mar 2026")
	u.importer.confirmDialog.Submit()
	u.bridge.wait()
	xs, _ := s.Extracts(context.Background())
	if len(xs) != 1 || xs[0].Date != data.NewDate(2026, 3, 31) {
		t.Fatalf("extracts %+v", xs)
	}
}

// A second file of a date already stored (imported on its own) is not
// stored, and the question before replacing says what would be lost.
func TestReplaceSaysWhatIsLost(t *testing.T) {
	s := emptyStore(t)
	u, w := newTestUI(t, s)
	first := writeFile(t, "teamA.csv", goodTracker)
	second := writeFile(t, "teamB.csv", "Child ID,CLA Start Date\nD1,01/01/2025\n")
	u.importer.start([]string{first}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	u.importer.start([]string{second}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Replace the stored extract?", "teamA.csv, with 3 children", "discards that extract and its 3 children",
		"keeps only the 1", "child in teamB.csv"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the question should say %q", want)
		}
	}
	if extractCount(t, s) != 1 {
		t.Error("nothing should be stored before the user answers")
	}
}

// The import dialog shows the extract date it will use before importing:
// the date in the file name, or, when there is none, an empty date that
// must be typed (never today, silently).
func TestImportShowsTheDateItWillUse(t *testing.T) {
	s := emptyStore(t)
	u, _ := newTestUI(t, s)
	named := writeFile(t, "cla-tracker-2026-03-31.csv", goodTracker)
	u.importer.confirm([]string{named})
	if got := u.importer.confirmDate.Text; got != "31/03/2026" {
		t.Errorf("date shown for %s = %q", filepath.Base(named), got)
	}
	u.importer.confirmDialog.Hide()

	plain := writeFile(t, "tracker.csv", goodTracker)
	u.importer.confirm([]string{plain})
	if got := u.importer.confirmDate.Text; got != "" {
		t.Errorf("no date in the name, but the entry shows %q", got)
	}
	u.importer.confirmDialog.Submit()
	u.bridge.wait()
	if n := extractCount(t, s); n != 0 {
		t.Fatal("with no date found and none typed, nothing should be imported")
	}
	u.importer.confirmDate.SetText("28/02/2026")
	u.importer.confirmDialog.Submit()
	u.bridge.wait()
	xs, _ := s.Extracts(context.Background())
	if len(xs) != 1 || xs[0].Date != data.NewDate(2026, 2, 28) {
		t.Fatalf("extracts %+v", xs)
	}
}

// A store holding only an SSDA903 return: the Court screen says its zeros
// come from a source without court dates, and inferred plans are marked
// wherever plans are counted or listed.
func TestSSDA903OnlySaysWhatItLacks(t *testing.T) {
	s := emptyStore(t)
	u, _ := newTestUI(t, s)
	u.importer.start([]string{"../data/ssda903/testdata/ssda903/two_years"}, importer.ImportOptions{})
	u.bridge.wait()
	u.show(1)
	if !u.court.noCourt.Visible() || !strings.Contains(u.court.noCourt.Text, "SSDA903 return has none") {
		t.Errorf("the Court screen should say the return has no court dates: %q", u.court.noCourt.Text)
	}
	inferred := false
	for _, c := range planCategories(u.snap) {
		inferred = inferred || strings.Contains(c.label, "inferred")
	}
	if !inferred {
		t.Error("the plan breakdown should say which plans were inferred")
	}
	for _, i := range u.snap.inCare {
		if c := u.snap.child(i); c.PlanInferred && !strings.HasSuffix(colPlan.text(u.snap, i), "(inferred)") {
			t.Fatalf("%s's plan is listed without saying it was inferred", c.ID)
		}
	}
}

// After a long session (filters, Hide names, drill-downs, as-at changes)
// and a later import, the Data quality screen lists every extract.
func TestQualityListsExtractsAfterALongSession(t *testing.T) {
	s := emptyStore(t)
	u, w := newTestUI(t, s)
	first := writeFile(t, "tracker-2026-02-28.csv", goodTracker)
	u.importer.start([]string{first}, importer.ImportOptions{})
	u.bridge.wait()
	for i := 0; i < 3; i++ {
		u.show(screenIndex(u, "quality"))
		u.hide.SetChecked(i%2 == 0)
		u.view.filter.Team = []string{"North", "", "South"}[i]
		u.recompute()
		u.bridge.wait()
		u.drillDown("Children in care", data.KeyInCare)
		u.drill.Hide()
	}
	second := writeFile(t, "tracker-2026-03-31.csv", strings.Replace(goodTracker, "Zoo keeper", "Adoption", 1))
	u.importer.start([]string{second}, importer.ImportOptions{})
	u.bridge.wait()
	u.importer.report.Hide()
	u.show(screenIndex(u, "quality"))
	u.bridge.wait()
	markup := test.RenderToMarkup(w.Canvas())
	for _, name := range []string{"tracker-2026-02-28.csv", "tracker-2026-03-31.csv"} {
		if !strings.Contains(markup, name) {
			t.Errorf("the extracts table should list %s", name)
		}
	}
}
