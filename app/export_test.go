package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/export"
	"permanence/data/importer"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first sheet of a workbook as text, as Excel shows it,
// each row padded to n cells.
func readXLSX(t *testing.T, path string, n int) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for len(rows[i]) < n {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// readCSV reads a CSV file without its byte order mark.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff")))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return rows
}

// onScreen is a child table's headings and cells as the table draws them.
func onScreen(t *childTable) [][]string {
	var out [][]string
	var head []string
	for _, c := range t.cols {
		head = append(head, c.title)
	}
	out = append(out, head)
	for _, i := range t.rows {
		var row []string
		for _, c := range t.cols {
			row = append(row, c.text(t.snap, i))
		}
		out = append(out, row)
	}
	return out
}

func checkPrivate(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("%s is readable by others: mode %o, want 600", filepath.Base(path), mode)
	}
}

func TestExportChildrenListFiltered(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.show(5)
	u.bridge.wait()
	all := len(u.children.table.rows)
	u.children.drift.SetChecked(true)
	u.children.search.SetText("care")
	u.bridge.wait()
	u.children.table.onHeader(3) // sort by plan
	u.bridge.wait()
	want := onScreen(u.children.table)
	if n := len(want) - 1; n == 0 || n >= all {
		t.Fatalf("the filter should leave some of the %d children, not %d", all, n)
	}
	dir := t.TempDir()
	for _, name := range []string{"children.xlsx", "children.csv"} {
		path := filepath.Join(dir, name)
		if err := exportList(path, u.children.shown(), export.ListPage{}); err != nil {
			t.Fatalf("export %s: %v", name, err)
		}
		checkPrivate(t, path)
		var got [][]string
		if strings.HasSuffix(name, ".csv") {
			got = readCSV(t, path)
		} else {
			got = readXLSX(t, path, len(want[0]))
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want the header and the %d rows shown", name, len(got), len(want)-1)
		}
		for r := range want {
			if strings.Join(got[r], "|") != strings.Join(want[r], "|") {
				t.Errorf("%s row %d:\n got %q\nwant %q", name, r, got[r], want[r])
			}
		}
	}
}

func TestExportListsHideNames(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.hide.SetChecked(true)
	u.bridge.wait()
	u.show(5)
	u.children.who.SetSelected(whoAll)
	u.bridge.wait()
	for i := range u.screens {
		u.show(i)
		u.bridge.wait()
	}
	u.drillDown("Children in care", data.KeyInCare)
	lists := map[string]shownList{
		"children":  u.children.shown(),
		"drilldown": u.drillTable.shown(u.drillTitle, u.hideNames),
		"court":     u.court.shownList(),
		"adoption":  u.adoption.awaitingList.shown("PO awaiting revocation", u.hideNames),
		"cards":     u.celebrations.cardList(),
	}
	if len(lists["children"].rows) != len(u.snap.m.Children) {
		t.Fatalf("the children list has %d rows, want every child (%d)", len(lists["children"].rows), len(u.snap.m.Children))
	}
	dir := t.TempDir()
	for name, l := range lists {
		if len(l.rows) == 0 {
			t.Errorf("%s: the list is empty, so the test proves nothing", name)
			continue
		}
		for _, ext := range []string{".xlsx", ".csv"} {
			path := filepath.Join(dir, name+ext)
			if err := exportList(path, l, export.ListPage{}); err != nil {
				t.Fatal(err)
			}
			var rows [][]string
			if ext == ".csv" {
				rows = readCSV(t, path)
			} else {
				rows = readXLSX(t, path, 0)
			}
			text := fmt.Sprint(rows)
			for i := range u.snap.m.Children {
				if c := &u.snap.m.Children[i]; c.Name != "" && strings.Contains(text, c.Name) {
					t.Fatalf("%s%s names %s while names are hidden", name, ext, c.Name)
				}
			}
		}
	}
	// The Child column is initials and ID, exactly as on screen.
	c := u.snap.child(u.children.table.rows[0])
	if got, want := lists["children"].rows[0][1], c.Initials()+" ("+c.ID+")"; got != want {
		t.Errorf("children list: Child = %q, want %q", got, want)
	}
}

func TestExportQualityListsHideNames(t *testing.T) {
	u, _ := newTestUI(t, emptyStore(t))
	u.importer.start([]string{writeFile(t, "tracker.csv", goodTracker)}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	u.hide.SetChecked(true)
	u.show(screenIndex(u, "quality"))
	u.bridge.wait()
	dir := t.TempDir()
	for tab, want := range []string{"O.N. (C3)|4|Permanence Plan|Zoo keeper|plan not recognised", "O.N. (C3)|1|plan not recognised"} {
		u.quality.tabs.SelectIndex(tab)
		path := filepath.Join(dir, fmt.Sprintf("warnings-%d.csv", tab))
		if err := exportList(path, u.quality.warningList(), export.ListPage{}); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, path)
		if len(rows) != 2 || !strings.HasPrefix(strings.Join(rows[1], "|"), want) {
			t.Errorf("tab %d exported %q, want a row starting %q", tab, rows, want)
		}
		if strings.Contains(fmt.Sprint(rows), "Ola Nowak") {
			t.Errorf("tab %d names Ola Nowak while names are hidden", tab)
		}
	}
	path := filepath.Join(dir, "extracts.xlsx")
	if err := exportList(path, u.quality.extracts.shown("Extracts imported", false), export.ListPage{}); err != nil {
		t.Fatal(err)
	}
	if rows := readXLSX(t, path, 7); len(rows) != 2 || rows[1][0] != testAsAt.UK() || rows[1][2] != "tracker.csv" || rows[1][5] != "1" {
		t.Errorf("extracts exported as %q", rows)
	}
}

func TestExportChartPNG(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	for i := range u.screens {
		u.show(i)
	}
	for _, c := range []*chartView{u.overview.plan.chart, u.court.weeks, u.celebrations.chart} {
		path := filepath.Join(t.TempDir(), "chart.png")
		if err := exportChartPNG(path, c.print()); err != nil {
			t.Fatal(err)
		}
		checkPrivate(t, path)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", c.name, err)
		}
		if cfg.Width != printWidth || cfg.Height != printHeight {
			t.Errorf("%s: %d×%d pixels, want the print size %d×%d", c.name, cfg.Width, cfg.Height, printWidth, printHeight)
		}
	}
}

func TestExportPackMatchesScreen(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.plan.SetSelected("Adoption")
	u.bridge.wait()
	u.show(0)
	shown := u.overview.inCare.value.Text
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := exportPack(context.Background(), path, reportPack, u.figs, u.snap, u.hideNames); err != nil {
		t.Fatal(err)
	}
	checkPrivate(t, path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(export.SheetMeasures)
	if err != nil {
		t.Fatal(err)
	}
	key, value := -1, -1
	for i, h := range export.MeasuresColumns {
		switch h {
		case "Key":
			key = i
		case "Value":
			value = i
		}
	}
	found := false
	for _, r := range rows {
		if len(r) > value && r[key] == string(data.KeyInCare) {
			found = true
			if r[value] != shown {
				t.Errorf("Measures sheet: in_care = %s, on screen %s", r[value], shown)
			}
		}
	}
	if !found {
		t.Fatal("the Measures sheet has no in_care row")
	}
}

func TestExportReportThroughProgress(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	j, err := u.packJob(reportBoard)
	if err != nil {
		t.Fatal(err)
	}
	if j.name != "board-summary-"+testAsAt.String()+".xlsx" {
		t.Errorf("default file name %q", j.name)
	}
	path := filepath.Join(t.TempDir(), j.name)
	u.runExport(j, path)
	u.bridge.wait()
	checkPrivate(t, path)
	for _, want := range []string{path, "Only your user account can open the file", "no child's name or ID"} {
		if !strings.Contains(u.lastSaved, want) {
			t.Errorf("the confirmation should say %q; it says:\n%s", want, u.lastSaved)
		}
	}

	// Enter dismisses "Saved", and the keys go back to the window after.
	c := w.Canvas()
	if len(c.Overlays().List()) != 1 {
		t.Fatalf("%d dialogs open after saving, want the one that says Saved", len(c.Overlays().List()))
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n := len(c.Overlays().List()); n != 0 {
		t.Errorf("Enter should dismiss Saved; %d dialogs still open", n)
	}

	// A folder that cannot be written to: the error says what to do.
	u.lastSaved = ""
	u.runExport(u.listJob(u.children.shown(), ".csv"), filepath.Join(t.TempDir(), "missing", "list.csv"))
	u.bridge.wait()
	if u.lastSaved != "" {
		t.Error("a failed export should not say it was saved")
	}
	if want := "The list “Children in care now” was not saved: the folder"; !strings.HasPrefix(u.lastError, want) ||
		!strings.Contains(u.lastError, "cannot be found. Choose another folder and try again") {
		t.Errorf("a failed export should say what to do; it says %q", u.lastError)
	}
}

// menuItems are the labels of a pop-up menu's items.
func menuItems(m *widget.PopUpMenu) []string {
	var out []string
	for _, o := range m.Items {
		for _, x := range test.LaidOutObjects(o) {
			if t, ok := x.(*canvas.Text); ok && t.Text != "" {
				out = append(out, t.Text)
				break
			}
		}
	}
	return out
}

// tapMenuItem taps the item of a menu with the label.
func tapMenuItem(t *testing.T, m *widget.PopUpMenu, label string) {
	t.Helper()
	for _, o := range m.Items {
		for _, x := range test.LaidOutObjects(o) {
			if r, ok := x.(*canvas.Text); ok && r.Text == label {
				test.Tap(o.(fyne.Tappable))
				return
			}
		}
	}
	t.Fatalf("no menu item %q in %q", label, menuItems(m))
}

func TestExportButtonOpensMenuAndSaveDialog(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	test.Tap(u.exportBtn)
	if u.exportMenu == nil || !u.exportMenu.Visible() || w.Canvas().Overlays().Top() == nil {
		t.Fatal("the Export button should open the Export menu")
	}
	got := strings.Join(menuItems(u.exportMenu), "; ")
	for _, want := range reportKinds {
		if !strings.Contains(got, want.menu) {
			t.Errorf("the Export menu should offer %q; it offers %s", want.menu, got)
		}
	}
	tapMenuItem(t, u.exportMenu, reportKinds[reportPack].menu)
	if u.saveDialog == nil || !strings.Contains(test.RenderToMarkup(w.Canvas()), "panel-pack-"+testAsAt.String()+".xlsx") {
		t.Fatal("choosing the panel pack should open a save dialog with a default file name")
	}
	u.saveDialog.Dismiss()

	// A chart's button offers to save it as PNG.
	u.show(1)
	w.Canvas().Capture()
	c := u.court.weeks
	if !c.button.Visible() {
		t.Fatal("a chart should show its export button")
	}
	test.Tap(c.button)
	if c.menu == nil || !strings.Contains(strings.Join(menuItems(c.menu), ";"), "Save chart as PNG…") {
		t.Fatal("the chart's button should offer to save it as PNG")
	}
	tapMenuItem(t, c.menu, "Save chart as PNG…")
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "median-weeks-from-issue-to-final-hearing-"+testAsAt.String()+".png") {
		t.Error("saving a chart should suggest a PNG named after it")
	}
	u.saveDialog.Dismiss()

	// A drill-down's list offers XLSX and CSV.
	u.drillDown("Children in care proceedings", data.KeyProceedings)
	var export *widget.Button
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Export list…" {
			export = b
		}
	}
	if export == nil {
		t.Fatal("the drill-down should have an Export list button")
	}
	test.Tap(export)
	if got := strings.Join(menuItems(u.listMenu), ";"); got != "Export list as XLSX…;Export list as CSV…" {
		t.Errorf("the list's menu offers %q", got)
	}
	tapMenuItem(t, u.listMenu, "Export list as CSV…")
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "children-in-care-proceedings-"+testAsAt.String()+".csv") {
		t.Error("exporting a drill-down should suggest a CSV named after it")
	}
}

func TestWithExtension(t *testing.T) {
	for _, c := range []struct {
		path string
		exts []string
		want string
	}{
		{"/x/pack.xlsx", []string{".xlsx"}, "/x/pack.xlsx"},
		{"/x/pack", []string{".xlsx"}, "/x/pack.xlsx"},
		{"/x/List.CSV", []string{".xlsx", ".csv"}, "/x/List.CSV"},
		{"/x/list.txt", []string{".csv", ".xlsx"}, "/x/list.txt.csv"},
	} {
		if got := withExtension(c.path, c.exts); got != c.want {
			t.Errorf("withExtension(%q, %q) = %q, want %q", c.path, c.exts, got, c.want)
		}
	}
}

// An exported list's printed pages, and a saved chart, say whose figures
// they are, as at when, for which period and which children.
func TestExportsSayWhatTheFiguresAreOf(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.bridge.wait()
	u.view.filter.Team = u.snap.teams[0]
	u.recompute()
	u.bridge.wait()
	want := []string{"Demo Borough Council", "31/03/2026", "period 1 Apr 2025 to 31 Mar 2026", "children shown: " + u.snap.teams[0]}

	u.show(5)
	u.bridge.wait()
	path := filepath.Join(t.TempDir(), "children.xlsx")
	if err := u.listJob(u.children.shown(), ".xlsx").write(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hf, err := f.GetHeaderFooter(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	printed := hf.OddHeader + hf.OddFooter
	for _, w := range want {
		if !strings.Contains(printed, strings.ReplaceAll(w, "&", "&&")) {
			t.Errorf("the list's printed header and footer should say %q: %q", w, printed)
		}
	}
	if c := u.figuresCaption(); !strings.Contains(c, "as at 31 Mar 2026") || !strings.Contains(c, want[3]) {
		t.Errorf("chart caption %q", c)
	}
	u.show(1)
	png := filepath.Join(t.TempDir(), "chart.png")
	if err := u.chartJob(u.court.weeks).write(context.Background(), png); err != nil {
		t.Fatal(err)
	}
	fh, _ := os.Open(png)
	defer fh.Close()
	cfg, _, err := image.DecodeConfig(fh)
	if err != nil || cfg.Height <= printHeight {
		t.Errorf("the saved chart should carry a caption strip under its %d pixels: %v %v", printHeight, cfg, err)
	}
}
