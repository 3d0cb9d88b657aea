package export

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/demo"
	"permanence/data/figures"
	"permanence/data/store"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// exportDemo is a small synthetic authority as at its last extract, shared
// by the export tests.
var exportDemo = sync.OnceValue(func() demo.DemoExtract {
	xs := demo.GenerateDemo(demo.DemoOptions{Children: 400, Months: 1, Seed: 11, End: data.MustDate("2026-03-31")})
	return xs[len(xs)-1]
})

// exportFigures are the demo authority's figures as at its last extract,
// with the last 8 quarters.
func exportFigures(t testing.TB) *data.Figures {
	t.Helper()
	x := exportDemo()
	cs := make([]data.Child, len(x.Children))
	copy(cs, x.Children)
	return exportFiguresOf(cs, x.Date, data.NoDate, data.DefaultThresholds(), 8)
}

// exportFiguresOf builds the figures of hand-made children as at a the
// way the figures service does, without a store: the data set over the
// period after from (NoDate: the thresholds' period) and, with quarters
// above 0, the data set at the end of each of the last quarters (the
// current one ending at a), over that quarter, with no children's rows.
func exportFiguresOf(children []data.Child, a, from data.Date, th data.Thresholds, quarters int) *data.Figures {
	m := data.Compute(children, a, from, th)
	f := &data.Figures{Authority: "Hand Borough Council", Extract: "hand.csv (extract of " + a.UK() + ")",
		All: children, Measures: m, Successes: data.SuccessesByQuarter(m)}
	if quarters == 0 {
		return f
	}
	for _, q := range data.TrendQuarters(a, quarters, false) {
		end := min(q.End, a)
		qm := data.Compute(children, end, q.Start.AddDays(-1), th)
		qm.Children = nil
		f.Quarterly = append(f.Quarterly, data.QuarterFigures{Quarter: q, End: end, Measures: qm})
	}
	return f
}

func exportOpen(t testing.TB, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func exportRows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("read sheet %q: %v", sheet, err)
	}
	return rows
}

func exportColumn(t testing.TB, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return -1
}

func exportCheckPrivate(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has permissions %v, want 0600", filepath.Base(path), fi.Mode().Perm())
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// exportZipParts returns every part of the workbook's zip by name.
func exportZipParts(t testing.TB, path string) map[string]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(b)
	}
	return out
}

// exportAllCells returns every cell's text of every sheet, as
// "sheet!A1: text", leaving out the Measures sheet's Key column (keys such
// as adoption.a1_within_426 are fixed names, not thresholds).
func exportAllCells(t testing.TB, f *excelize.File) []string {
	t.Helper()
	var out []string
	for _, sheet := range f.GetSheetList() {
		rows := exportRows(t, f, sheet)
		key := -1
		if sheet == SheetMeasures {
			key = exportColumn(t, rows[0], "Key")
		}
		for r, row := range rows {
			for c, v := range row {
				if c == key || v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				out = append(out, sheet+"!"+ref+": "+v)
			}
		}
	}
	return out
}

// exportRowLabelled returns the values of the row whose first cell is
// label on a report's Trends sheet, padded to n quarters.
func exportRowLabelled(t testing.TB, f *excelize.File, label string, n int) []string {
	t.Helper()
	for _, r := range exportRows(t, f, SheetTrends) {
		if len(r) > 0 && r[0] == label {
			r = append(r, make([]string, 1+n)...)
			return r[1 : 1+n]
		}
	}
	t.Fatalf("no Trends row %q", label)
	return nil
}

// exportMeasureRow returns a Measures sheet's row for a key, by heading.
func exportMeasureRow(t testing.TB, f *excelize.File, key data.Key) map[string]string {
	t.Helper()
	rows := exportRows(t, f, SheetMeasures)
	k := exportColumn(t, rows[0], "Key")
	for _, r := range rows[1:] {
		if len(r) > k && r[k] == string(key) {
			out := map[string]string{}
			for i, h := range rows[0] {
				if i < len(r) {
					out[h] = r[i]
				}
			}
			return out
		}
	}
	t.Fatalf("no Measures row for %s", key)
	return nil
}

// exportWriters are the three workbooks, each written from figures.
var exportWriters = []struct {
	name  string
	write func(string, *data.Figures, ExportOptions) error
}{
	{"pack", WritePanelPack},
	{"board", WriteBoardSummary},
	{"slt", WriteSLTReport},
}

func TestExportPanelPack(t *testing.T) {
	fg := exportFigures(t)
	m := fg.Measures
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	o := ExportOptions{Authority: "Demo Borough & District Council", Extract: "tracker.xlsx (extract of 31/03/2026)"}
	if err := WritePanelPack(path, fg, o); err != nil {
		t.Fatal(err)
	}
	exportCheckPrivate(t, path)
	f := exportOpen(t, path)

	want := []string{SheetCover, SheetMeasures, SheetBenchmarks, SheetTrends, SheetInProceedings, "Over 26 weeks", SheetPreProceedings,
		SheetAdoptionJourney, SheetLTFNotMatched, "Placed with parents 6m+", SheetAwaitingRevoke, SheetDrift, SheetCelebrations,
		SheetDisruptions, SheetPlanChanges, SheetPlanDiffers}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", got, want)
	}

	checkPackCover(t, f, o)
	checkPackMeasures(t, f, m)
	parts := exportZipParts(t, path)
	checkPackLists(t, f, m, parts)
	checkPackDatesAndNames(t, f, m)
	checkPackTrends(t, f, m, parts)
}

// checkPackCover checks the cover: authority, as-at date as a real date,
// the extract used, the period and the filter.
func checkPackCover(t *testing.T, f *excelize.File, o ExportOptions) {
	t.Helper()
	cover := exportRows(t, f, SheetCover)
	flat := fmt.Sprint(cover)
	for _, s := range []string{o.Authority, "31/03/2026", o.Extract, "01/04/2025 to 31/03/2026 (12 months)", "None: every child"} {
		if !strings.Contains(flat, s) {
			t.Errorf("cover does not say %q", s)
		}
	}
}

// checkPackMeasures checks the Measures sheet: every key, with the value,
// proportion and rating the measures hold.
func checkPackMeasures(t *testing.T, f *excelize.File, m *data.Measures) {
	t.Helper()
	rows := exportRows(t, f, SheetMeasures)
	if strings.Join(rows[0], "|") != strings.Join(MeasuresColumns, "|") {
		t.Fatalf("Measures header %q", rows[0])
	}
	key, val := exportColumn(t, rows[0], "Key"), exportColumn(t, rows[0], "Value")
	num, den := exportColumn(t, rows[0], "Numerator"), exportColumn(t, rows[0], "Denominator")
	status, rule := exportColumn(t, rows[0], "Status"), exportColumn(t, rows[0], "Rule")
	byKey := map[data.Key][]string{}
	for _, r := range rows[1:] {
		for len(r) < len(MeasuresColumns) {
			r = append(r, "")
		}
		byKey[data.Key(r[key])] = r
	}
	if len(byKey) != len(m.Values) {
		t.Errorf("Measures sheet has %d keys, the data set %d", len(byKey), len(m.Values))
	}
	for _, v := range m.Values {
		r, ok := byKey[v.Key]
		if !ok {
			t.Errorf("Measures sheet has no row for %s", v.Key)
			continue
		}
		if r[val] != v.Text() {
			t.Errorf("%s: sheet says %q, measures %q", v.Key, r[val], v.Text())
		}
		if n, d, ok := m.Proportion(v.Key); ok && (r[num] != strconv.Itoa(n) || r[den] != strconv.Itoa(d)) {
			t.Errorf("%s: numerator/denominator %s/%s, want %d/%d", v.Key, r[num], r[den], n, d)
		}
		if rt := m.RateRAG(v.Key); r[status] != string(rt.Status) || (rt.Rule != "" && !strings.HasPrefix(r[rule], rt.Rule)) {
			t.Errorf("%s: status %q rule %q, want %q %q", v.Key, r[status], r[rule], rt.Status, rt.Rule)
		}
	}
	if got := byKey[data.KeyInCare][val]; got != strconv.Itoa(m.Count(data.KeyInCare)) {
		t.Errorf("in_care %s, want %d", got, m.Count(data.KeyInCare))
	}
	if byKey[data.KeyFinalHearingsWithin26Weeks][rule] == "" {
		t.Error("final hearings within 26 weeks has no rule")
	}
	// The status cell is filled with its colour.
	for i, r := range rows[1:] {
		if len(r) <= status || r[status] == "" {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(status+1, i+2)
		sid, _ := f.GetCellStyle(SheetMeasures, ref)
		s, err := f.GetStyle(sid)
		if err != nil || len(s.Fill.Color) == 0 {
			t.Fatalf("status %s at %s has no fill", r[status], ref)
		}
		want := map[string]string{"Green": colourGreen, "Amber": colourAmber, "Red": colourRed}[r[status]]
		if !strings.EqualFold(strings.TrimPrefix(s.Fill.Color[0], "#"), want) {
			t.Errorf("status %s at %s filled %s, want %s", r[status], ref, s.Fill.Color[0], want)
		}
		break
	}
}

// checkPackLists checks the list sheets: one row per child (or flag),
// header frozen and filtered, columns sized.
func checkPackLists(t *testing.T, f *excelize.File, m *data.Measures, parts map[string]string) {
	t.Helper()
	flags := 0
	for _, fs := range m.Drift {
		flags += len(fs)
	}
	ltf := 0
	for _, c := range m.ChildrenOf(data.KeyInCare) {
		if c.Plan == data.PlanLongTermFostering && !(c.LTFPanel.By(m.AsOf) && c.LTFADM.By(m.AsOf)) {
			ltf++
		}
	}
	counts := map[string]int{
		SheetInProceedings:        m.Count(data.KeyProceedings),
		"Over 26 weeks":           m.Count(data.KeyProceedingsOver26Weeks),
		SheetPreProceedings:       m.Count(data.KeyPreProceedings),
		SheetLTFNotMatched:        ltf,
		"Placed with parents 6m+": m.Count(data.KeyPlacedWithParentsOverLimit),
		SheetAwaitingRevoke:       m.Count(data.KeyAwaitingRevocation),
		SheetDrift:                flags,
		SheetCelebrations:         m.Count(data.KeyCelebrations),
	}
	for sheet, n := range counts {
		rows := exportRows(t, f, sheet)
		if len(rows)-1 != n {
			t.Errorf("%s has %d rows, want %d", sheet, len(rows)-1, n)
		}
	}
	if counts[SheetInProceedings] == 0 || counts[SheetDrift] == 0 || counts[SheetCelebrations] == 0 {
		t.Fatalf("the demo authority should have proceedings, drift and celebrations: %v", counts)
	}
	for i, sheet := range f.GetSheetList() {
		if sheet == SheetCover || sheet == SheetTrends {
			continue // not lists
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen (%+v, %v)", sheet, panes, err)
		}
		xml := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)]
		if !regexp.MustCompile(`<autoFilter ref="\$?A\$?1:\$?[A-Z]+\$?\d+"`).MatchString(xml) {
			t.Errorf("%s: no AutoFilter over the list", sheet)
		}
		if !strings.Contains(xml, `customWidth="1"`) {
			t.Errorf("%s: columns not sized", sheet)
		}
	}
}

// checkPackDatesAndNames checks that dates are real date cells shown
// dd/mm/yyyy, that names show, and that celebrations never name a child.
func checkPackDatesAndNames(t *testing.T, f *excelize.File, m *data.Measures) {
	t.Helper()
	ip := exportRows(t, f, SheetInProceedings)
	col := exportColumn(t, ip[0], "Proceedings issued")
	ref, _ := excelize.CoordinatesToCellName(col+1, 2)
	raw, _ := f.GetCellValue(SheetInProceedings, ref, excelize.Options{RawCellValue: true})
	if _, err := strconv.ParseFloat(raw, 64); err != nil {
		t.Errorf("issue date %s is %q, not a date serial", ref, raw)
	}
	c := m.ChildrenOf(data.KeyProceedings)
	earliest := c[0].ProceedingsIssued
	for _, x := range c {
		if x.ProceedingsIssued < earliest {
			earliest = x.ProceedingsIssued
		}
	}
	if ip[1][col] != earliest.UK() {
		t.Errorf("first issue date shows %q, want %q (longest-running first, dd/mm/yyyy)", ip[1][col], earliest.UK())
	}

	// Names show unless hidden; celebrations never name a child.
	if exportColumn(t, ip[0], "Name") < 0 {
		t.Error("no Name column with names shown")
	}
	cel := exportRows(t, f, SheetCelebrations)
	if strings.Join(cel[0], "|") != "Initials|Age|Success|Date" {
		t.Errorf("celebrations header %q", cel[0])
	}
	for _, r := range cel[1:] {
		if !regexp.MustCompile(`^(\p{Lu}\.){1,2}$`).MatchString(r[0]) {
			t.Errorf("celebration shows %q, not initials", r[0])
		}
	}

}

// checkPackTrends checks the native charts and the quarterly table on the
// Trends sheet.
func checkPackTrends(t *testing.T, f *excelize.File, m *data.Measures, parts map[string]string) {
	t.Helper()
	charts := 0
	for name := range parts {
		if strings.HasPrefix(name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 4 {
		t.Errorf("%d charts, want 4", charts)
	}
	if !strings.Contains(parts["xl/charts/chart1.xml"], "26-week limit") && !strings.Contains(parts["xl/charts/chart1.xml"], "$F$4") {
		t.Error("the time-to-final-hearing chart has no 26-week line")
	}
	tr := exportRows(t, f, SheetTrends)
	if len(tr) < 4+len(m.Quarters) || tr[4][0] != m.Quarters[0].Label {
		t.Fatalf("Trends table: %q", tr)
	}
	for i, q := range m.Quarters {
		if got := tr[4+i][1]; got != strconv.Itoa(m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendCount))) {
			t.Errorf("Trends %s final hearings %s", q.Label, got)
		}
	}
}

func TestExportPanelPackHideNames(t *testing.T) {
	fg := exportFigures(t)
	m := fg.Measures
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(path, fg, ExportOptions{HideNames: true}); err != nil {
		t.Fatal(err)
	}
	f := exportOpen(t, path)
	names, ids := map[string]bool{}, map[string]bool{}
	for _, c := range m.Children {
		if c.Name != "" {
			names[c.Name] = true
		}
		if c.SocialWorker != "" {
			names[c.SocialWorker] = true
		}
		ids[c.ID] = true
	}
	shown := 0
	for _, sheet := range f.GetSheetList() {
		for _, r := range exportRows(t, f, sheet) {
			for _, v := range r {
				if names[v] {
					t.Fatalf("%s shows the name %q with names hidden", sheet, v)
				}
				if ids[v] {
					shown++
				}
			}
		}
	}
	h := strings.Join(exportRows(t, f, SheetInProceedings)[0], "|")
	if strings.Contains(h, "Name") || strings.Contains(h, "Social worker") || !strings.HasPrefix(h, "Child ID|") {
		t.Errorf("In proceedings header %q with names hidden", h)
	}
	if shown == 0 {
		t.Error("no child IDs in the lists with names hidden")
	}
}

func TestExportEmptyAuthority(t *testing.T) {
	fg := exportFiguresOf(nil, data.MustDate("2026-03-31"), data.NoDate, data.DefaultThresholds(), 8)
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(path, fg, ExportOptions{}); err != nil {
		t.Fatalf("an empty authority's pack: %v", err)
	}
	for _, w := range exportWriters[1:] {
		if err := w.write(filepath.Join(t.TempDir(), w.name+".xlsx"), fg, ExportOptions{}); err != nil {
			t.Errorf("an empty authority's %s: %v", w.name, err)
		}
	}
	f := exportOpen(t, path)
	for _, sheet := range []string{SheetInProceedings, SheetDrift, SheetCelebrations} {
		if rows := exportRows(t, f, sheet); len(rows) != 1 {
			t.Errorf("%s: %d rows, want the header alone", sheet, len(rows))
		}
	}
	for _, w := range exportWriters {
		if err := w.write(path, nil, ExportOptions{}); err == nil {
			t.Errorf("%s: no figures should be refused", w.name)
		}
		if err := w.write(path, &data.Figures{}, ExportOptions{}); err == nil {
			t.Errorf("%s: figures with no measures should be refused", w.name)
		}
	}
}

// exportFormulaTexts are extract values that a spreadsheet would take for
// formulas if they were typed in.
var exportFormulaTexts = []string{`=HYPERLINK("http://evil.example/x","Click me")`, "+44 20 7946 0000", "-2+3", "@SUM(A1:A2)",
	"\t=1+1", "\r=1+1"}

func TestExportNeverWritesFormulas(t *testing.T) {
	a := data.MustDate("2026-03-31")
	var cs []data.Child
	for i, s := range exportFormulaTexts {
		c := data.Child{ID: fmt.Sprintf("F%d", i), Name: s, Team: s, SocialWorker: s, LegalStatus: "C1", Plan: data.PlanAdoption,
			EnteredCare: a.AddDays(-400), ProceedingsIssued: a.AddDays(-200 - i), PreProceedingsStart: data.NoDate,
			AdoptionOrder: a.AddDays(-10), PlacedForAdoption: a.AddDays(-100)}
		cs = append(cs, c)
	}
	fg := exportFiguresOf(cs, a, data.NoDate, data.DefaultThresholds(), 0)
	dir := t.TempDir()
	pack := filepath.Join(dir, "pack.xlsx")
	if err := WritePanelPack(pack, fg, ExportOptions{Authority: "=cmd|' /C calc'!A0", Extract: "@x"}); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(dir, "list.xlsx")
	cols := []ListColumn{{Heading: "Name"}, {Heading: "Team"}, {Heading: "Entered care", Date: true}}
	var rows [][]any
	for _, c := range cs {
		rows = append(rows, []any{c.Name, c.Team, c.EnteredCare})
	}
	if err := WriteListXLSX(list, "=Children", cols, rows); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{pack, list} {
		parts := exportZipParts(t, path)
		for name, body := range parts {
			if strings.HasPrefix(name, "xl/worksheets/") && (strings.Contains(body, "<f>") || strings.Contains(body, "<f ")) {
				t.Errorf("%s %s holds a formula", filepath.Base(path), name)
			}
		}
		if !regexp.MustCompile(`quotePrefix="(1|true)"`).MatchString(parts["xl/styles.xml"]) {
			t.Errorf("%s: no quote-prefix style for formula-like text", filepath.Base(path))
		}
		f := exportOpen(t, path)
		found := 0
		for _, sheet := range f.GetSheetList() {
			rs := exportRows(t, f, sheet)
			for r, row := range rs {
				for c, v := range row {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
						t.Errorf("%s %s!%s has formula %q", filepath.Base(path), sheet, ref, fm)
					}
					if v == exportFormulaTexts[0] {
						found++
						sid, _ := f.GetCellStyle(sheet, ref)
						if sid == 0 {
							t.Errorf("%s!%s: formula-like text without the quote-prefix style", sheet, ref)
						}
					}
				}
			}
		}
		if found == 0 {
			t.Errorf("%s: the text %q did not survive as text", filepath.Base(path), exportFormulaTexts[0])
		}
	}
}

func TestWriteListCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.csv")
	cols := []ListColumn{{Heading: "Child ID"}, {Heading: "Name"}, {Heading: "Entered care", Date: true}, {Heading: "Days"},
		{Heading: "Weeks"}, {Heading: "Flag"}}
	rows := [][]any{
		{"C1", `=HYPERLINK("http://x","y")`, data.MustDate("2025-04-01"), -3, 26.14, true},
		{"C2", "+1", data.NoDate, 12, nil, false},
		{"C3", "@me", data.MustDate("2026-03-31"), 0, 1.0, nil},
		{"C4", "\tTab", nil, nil, nil, nil},
		{"C5", "O'Neill, Siân", nil, nil, nil, nil},
	}
	if err := WriteListCSV(path, cols, rows); err != nil {
		t.Fatal(err)
	}
	exportCheckPrivate(t, path)
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "\ufeff") {
		t.Error("no byte order mark")
	}
	// CRLF line ends on every system (Excel's own; Notepad and Windows tools
	// expect them): six lines, the heading and five children.
	if n, crlf := strings.Count(string(b), "\n"), strings.Count(string(b), "\r\n"); n != 6 || crlf != 6 {
		t.Errorf("%d line ends, %d of them CRLF: want 6, all CRLF", n, crlf)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Child ID", "Name", "Entered care", "Days", "Weeks", "Flag"},
		{"C1", `'=HYPERLINK("http://x","y")`, "01/04/2025", "-3", "26.1", "Yes"},
		{"C2", "'+1", "", "12", "", "No"},
		{"C3", "'@me", "31/03/2026", "0", "1.0", ""},
		{"C4", "'\tTab", "", "", "", ""},
		{"C5", "O'Neill, Siân", "", "", "", ""},
	}
	if fmt.Sprintf("%q", recs) != fmt.Sprintf("%q", want) {
		t.Errorf("CSV\n%q\nwant\n%q", recs, want)
	}
}

func TestWriteListXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.xlsx")
	cols := []ListColumn{{Heading: "Child ID"}, {Heading: "Name"}, {Heading: "Entered care", Date: true}, {Heading: "Weeks"}}
	rows := [][]any{
		{"C1", "Amelia-Rose Fitzgerald-Whittingham", data.MustDate("2025-04-01"), 26.14},
		{"C2", "Bo", data.NoDate, 3.0},
	}
	if err := WriteListXLSX(path, "Children: in care / plans?", cols, rows); err != nil {
		t.Fatal(err)
	}
	exportCheckPrivate(t, path)
	f := exportOpen(t, path)
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "Children- in care - plans-" {
		t.Fatalf("sheets %q", sheets)
	}
	sh := sheets[0]
	got := exportRows(t, f, sh)
	want := [][]string{{"Child ID", "Name", "Entered care", "Weeks"},
		{"C1", "Amelia-Rose Fitzgerald-Whittingham", "01/04/2025", "26.1"}, {"C2", "Bo", "", "3.0"}}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	raw, _ := f.GetCellValue(sh, "C2", excelize.Options{RawCellValue: true})
	if raw != strconv.FormatFloat(data.MustDate("2025-04-01").ExcelSerial(), 'f', -1, 64) {
		t.Errorf("date cell holds %q, not the date's serial", raw)
	}
	wName, _ := f.GetColWidth(sh, "B")
	wID, _ := f.GetColWidth(sh, "A")
	if wName < 34 || wID > 14 {
		t.Errorf("columns not sized to content: ID %.1f, name %.1f", wID, wName)
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
	if !regexp.MustCompile(`<autoFilter ref="\$?A\$?1:\$?D\$?3"`).MatchString(exportZipParts(t, path)["xl/worksheets/sheet1.xml"]) {
		t.Error("no AutoFilter A1:D3")
	}
	if err := WriteListXLSX(filepath.Join(t.TempDir(), "x.xlsx"), "x", nil, nil); err == nil {
		t.Error("a list with no columns should be refused")
	}
}

func TestExportWriteFailsCleanly(t *testing.T) {
	fg := exportFigures(t)
	dir := filepath.Join(t.TempDir(), "missing")
	for _, w := range exportWriters {
		if err := w.write(filepath.Join(dir, w.name+".xlsx"), fg, ExportOptions{}); err == nil {
			t.Errorf("%s: writing into a missing folder should fail", w.name)
		}
	}
	// An existing file is replaced whole, and stays private.
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WritePanelPack(path, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	exportCheckPrivate(t, path)
	exportOpen(t, path)
}

func exportRAGMeasures(vals map[data.Key]float64) *data.Measures {
	m := &data.Measures{Thresholds: data.DefaultThresholds(), Members: map[data.Key][]int{}}
	for k, v := range vals {
		val := data.Value{Key: k, IsCount: v == float64(int(v)) && !strings.Contains(string(k), "mean") && !strings.Contains(string(k), "median"),
			Count: int(v), Number: v}
		m.Put(val)
	}
	return m
}

func TestExportRAGRules(t *testing.T) {
	fhw, fh := data.KeyFinalHearingsWithin26Weeks, data.KeyFinalHearings
	po26, pc := data.KeyProceedingsOver26Weeks, data.KeyProceedings
	a1, a2 := data.KeyA1MeanDays, data.KeyA2MeanDays
	pcn, pcd := data.KeyPlanConfirmedNumerator, data.KeyPlanConfirmedDenominator
	cases := []struct {
		key  data.Key
		vals map[data.Key]float64
		want data.RAG
	}{
		{fhw, map[data.Key]float64{fhw: 5, fh: 10}, data.RAGGreen},
		{fhw, map[data.Key]float64{fhw: 4, fh: 10}, data.RAGAmber},
		{fhw, map[data.Key]float64{fhw: 3, fh: 10}, data.RAGRed},
		{fhw, map[data.Key]float64{fhw: 0, fh: 0}, data.RAGNone},
		{po26, map[data.Key]float64{po26: 0, pc: 10}, data.RAGGreen},
		{po26, map[data.Key]float64{po26: 1, pc: 10}, data.RAGAmber},
		{po26, map[data.Key]float64{po26: 2, pc: 10}, data.RAGRed},
		{a1, map[data.Key]float64{a1: 426}, data.RAGGreen},
		{a1, map[data.Key]float64{a1: 487}, data.RAGAmber},
		{a1, map[data.Key]float64{a1: 487.1}, data.RAGRed},
		{a2, map[data.Key]float64{a2: 121}, data.RAGGreen},
		{a2, map[data.Key]float64{a2: 182}, data.RAGAmber},
		{a2, map[data.Key]float64{a2: 182.5}, data.RAGRed},
		{pcn, map[data.Key]float64{pcn: 9, pcd: 10}, data.RAGGreen},
		{pcn, map[data.Key]float64{pcn: 3, pcd: 4}, data.RAGAmber},
		{pcn, map[data.Key]float64{pcn: 7, pcd: 10}, data.RAGRed},
		{data.KeyInCare, map[data.Key]float64{data.KeyInCare: 500}, data.RAGNone},
	}
	for _, c := range cases {
		m := exportRAGMeasures(c.vals)
		r := m.RateRAG(c.key)
		if r.Status != c.want {
			t.Errorf("%s %v: %q, want %q", c.key, c.vals, r.Status, c.want)
		}
		if c.want != data.RAGNone && (r.Rule == "" || r.Threshold == "") {
			t.Errorf("%s: rated without a written rule and threshold", c.key)
		}
	}
}

// exportHandChildren are eight children whose final hearings, placement
// order, adoption orders and special guardianship orders fall in known
// quarters (2024-Q2 to 2026-Q1), for reports worked out by hand as at
// 31/03/2026.
func exportHandChildren() []data.Child {
	d := data.MustDate
	return []data.Child{
		// Adopted in 2025-Q3.
		{ID: "A", Name: "Ann Ash", DOB: d("2022-01-01"), Plan: data.PlanAdoption, EnteredCare: d("2024-06-01"),
			CeasedCare: d("2025-08-15"), AdoptionOrder: d("2025-08-15")},
		// Adopted in 2026-Q1.
		{ID: "B", Name: "Ben Birch", DOB: d("2021-01-01"), Plan: data.PlanAdoption, EnteredCare: d("2024-09-01"),
			CeasedCare: d("2026-01-20"), AdoptionOrder: d("2026-01-20")},
		// Adopted in 2026-Q1.
		{ID: "C", Name: "Cat Cole", DOB: d("2023-01-01"), Plan: data.PlanAdoption, EnteredCare: d("2025-01-15"),
			CeasedCare: d("2026-03-02"), AdoptionOrder: d("2026-03-02")},
		// Special guardianship order in 2025-Q2.
		{ID: "D", Name: "Dan Dale", DOB: d("2016-01-01"), Plan: data.PlanSpecialGuardianship, EnteredCare: d("2024-11-01"),
			CeasedCare: d("2025-05-10"), SGOOrder: d("2025-05-10")},
		// Special guardianship order in 2025-Q4.
		{ID: "E", Name: "Eve Elm", DOB: d("2017-01-01"), Plan: data.PlanSpecialGuardianship, EnteredCare: d("2025-04-20"),
			CeasedCare: d("2025-11-30"), SGOOrder: d("2025-11-30")},
		// Final hearing in 2025-Q2, 175 days after issue (within 182).
		{ID: "F", Name: "Fay Fern", DOB: d("2015-01-01"), Plan: data.PlanLongTermFostering, EnteredCare: d("2025-01-06"),
			ProceedingsIssued: d("2025-01-06"), FinalHearing: d("2025-06-30")},
		// Final hearing and placement order in 2025-Q4, 273 days (39.0
		// weeks) after issue; over 182 days in proceedings at 30/09/2025
		// (211 days).
		{ID: "G", Name: "Gus Gray", DOB: d("2024-01-01"), Plan: data.PlanAdoption, EnteredCare: d("2025-03-03"),
			ProceedingsIssued: d("2025-03-03"), FinalHearing: d("2025-12-01"), PlacementOrder: d("2025-12-01")},
		// Final hearing in 2025-Q4, 182 days after issue (within 182, not
		// within 175).
		{ID: "H", Name: "Hal Hill", DOB: d("2014-01-01"), Plan: data.PlanReunification, EnteredCare: d("2025-07-01"),
			ProceedingsIssued: d("2025-07-01"), FinalHearing: d("2025-12-30")},
	}
}

// TestExportBoardAndSLTByHand checks the reports' Trends sheets against
// figures worked out by hand from exportHandChildren.
func TestExportBoardAndSLTByHand(t *testing.T) {
	a := data.MustDate("2026-03-31")
	fg := exportFiguresOf(exportHandChildren(), a, data.NoDate, data.DefaultThresholds(), 8)
	dir := t.TempDir()
	board, slt := filepath.Join(dir, "board.xlsx"), filepath.Join(dir, "slt.xlsx")
	if err := WriteBoardSummary(board, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteSLTReport(slt, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	fb, fs := exportOpen(t, board), exportOpen(t, slt)
	if got := exportRows(t, fb, SheetTrends)[3]; strings.Join(got, "|") != "Measure|2025-Q2|2025-Q3|2025-Q4|2026-Q1" {
		t.Errorf("board quarters %q", got)
	}
	boardWant := []struct {
		row  string
		want []string
	}{
		// In care at 30/06/2025: A, B, C, E, F, G (D ceased 10/05/2025; H
		// entered 01/07/2025). 30/09/2025: A ceased, H entered: B, C, E,
		// F, G, H. 31/12/2025: E ceased: B, C, F, G, H. 31/03/2026: B and
		// C ceased: F, G, H.
		{"Children in care", []string{"6", "6", "5", "3"}},
		// A on 15/08/2025; B on 20/01/2026 and C on 02/03/2026.
		{"Adoption orders in the period", []string{"0", "1", "0", "2"}},
		// D on 10/05/2025, E on 30/11/2025.
		{"Special guardianship orders in the period", []string{"1", "0", "1", "0"}},
		// F on 30/06/2025; G on 01/12/2025 and H on 30/12/2025.
		{"Final hearings in the period", []string{"1", "0", "2", "0"}},
		// F 175 days, G 273 days, H 182 days: F and H within 182.
		{"… within 26 weeks of issue", []string{"1", "0", "1", "0"}},
		// 175 / 7 = 25.0; the median of 273 and 182 days is 227.5 days =
		// 32.5 weeks.
		{"Final hearings: median weeks from issue", []string{"25.0", "", "32.5", ""}},
		{"26-week limit", []string{"26.0", "26.0", "26.0", "26.0"}},
		// G's placement order on 01/12/2025, 273 days = 39.0 weeks from issue.
		{"Placement orders", []string{"0", "0", "1", "0"}},
		{"Placement orders: median weeks from issue", []string{"", "", "39.0", ""}},
		// At 30/06/2025 G (issued 03/03/2025, 119 days) is in proceedings;
		// at 30/09/2025 G (211 days) and H (91 days); F finished on
		// 30/06/2025, G and H in December.
		{"In care proceedings", []string{"1", "2", "0", "0"}},
		{"Proceedings over 26 weeks", []string{"0", "1", "0", "0"}},
		{"In proceedings over 26 weeks", []string{"0", "1", "0", "0"}},
		// D; A; E; B and C.
		{"Successes in the period", []string{"1", "1", "1", "2"}},
	}
	for _, w := range boardWant {
		if got := exportRowLabelled(t, fb, w.row, 4); strings.Join(got, "|") != strings.Join(w.want, "|") {
			t.Errorf("board %q reads %q, want %q", w.row, got, w.want)
		}
	}
	sltWant := []struct {
		row  string
		want []string
	}{
		// 30/06/2024: A (entered 01/06/2024). 30/09/2024: A, B. 31/12/2024:
		// A, B, D. 31/03/2025: A, B, C, D, F, G. Then as the board.
		{"Children in care", []string{"1", "2", "3", "6", "6", "6", "5", "3"}},
		{"Adoption orders in the period", []string{"0", "0", "0", "0", "0", "1", "0", "2"}},
		// At 31/03/2025 F (issued 06/01/2025) and G (03/03/2025).
		{"In care proceedings", []string{"0", "0", "0", "2", "1", "2", "0", "0"}},
		{"Final hearings in the period", []string{"0", "0", "0", "0", "1", "0", "2", "0"}},
		{"Successes in the period", []string{"0", "0", "0", "0", "1", "1", "1", "2"}},
	}
	for _, w := range sltWant {
		if got := exportRowLabelled(t, fs, w.row, 8); strings.Join(got, "|") != strings.Join(w.want, "|") {
			t.Errorf("SLT %q reads %q, want %q", w.row, got, w.want)
		}
	}
	// The Measures sheet is the data set as at 31/03/2026 over the 12
	// months from 01/04/2025: adoption orders A, B, C; final hearings F,
	// G, H; successes D, A, E, B, C.
	for key, want := range map[data.Key]string{data.KeyAdoptionOrders: "3", data.KeyFinalHearings: "3",
		data.KeyFinalHearingsWithin26Weeks: "2", data.KeyCelebrations: "5", data.KeyInCare: "3"} {
		for _, f := range []*excelize.File{fb, fs} {
			if got := exportMeasureRow(t, f, key)["Value"]; got != want {
				t.Errorf("Measures %s reads %s, want %s", key, got, want)
			}
		}
	}
}

// TestExportPackTrendsByHand checks the pack's Trends table for 2025-Q4
// against the reports' figures worked out by hand: 2 hearings (G and H), 1
// within and 1 over 26 weeks, median 32.5, limit 26.0, 1 placement order
// (G) at 39.0 weeks.
func TestExportPackTrendsByHand(t *testing.T) {
	fg := exportFiguresOf(exportHandChildren(), data.MustDate("2026-03-31"), data.NoDate, data.DefaultThresholds(), 0)
	pack := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(pack, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range exportRows(t, exportOpen(t, pack), SheetTrends) {
		if len(r) > 0 && r[0] == "2025-Q4" {
			found = true
			if got := strings.Join(r[:8], "|"); got != "2025-Q4|2|1|1|32.5|26.0|1|39.0" {
				t.Errorf("pack Trends 2025-Q4 reads %s", got)
			}
		}
	}
	if !found {
		t.Error("the pack's Trends table has no 2025-Q4")
	}
}

// TestExportReportsFromFiguresService writes the three workbooks from the
// figures service over a demo store: the authority's name from the
// settings, the quarters it computed, aggregates only in the reports.
func TestExportReportsFromFiguresService(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if err := demo.LoadDemo(ctx, s, demo.DemoOptions{Children: 250, Months: 12, Seed: 5, End: data.MustDate("2026-02-28")}, nil); err != nil {
		t.Fatal(err)
	}
	fg, err := figures.New(s).Figures(ctx, figures.Request{Quarters: 8})
	if err != nil {
		t.Fatal(err)
	}
	a := fg.AsOf
	secrets := map[string]bool{}
	for _, c := range fg.All {
		for _, v := range []string{c.Name, c.ID, c.SocialWorker, c.DOB.UK()} {
			if v != "" {
				secrets[v] = true
			}
		}
	}
	for _, tc := range exportWriters {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name+".xlsx")
			if err := tc.write(path, fg, ExportOptions{HideNames: tc.name != "pack"}); err != nil {
				t.Fatal(err)
			}
			exportCheckPrivate(t, path)
			f := exportOpen(t, path)
			cover := fmt.Sprint(exportRows(t, f, SheetCover))
			for _, want := range []string{"Demo Borough Council", fg.Extract, "01/03/2025 to 28/02/2026 (12 months)"} {
				if !strings.Contains(cover, want) {
					t.Errorf("cover does not say %q", want)
				}
			}
			rows := exportRows(t, f, SheetMeasures)
			if len(rows)-1 != len(fg.Values) {
				t.Errorf("Measures has %d rows, the data set %d keys", len(rows)-1, len(fg.Values))
			}
			if tc.name == "pack" {
				return
			}
			want := map[string]string{"board": "Cover|Measures|Benchmarks|Trends|Charts", "slt": "Cover|Measures|Benchmarks|Trends|Charts|Panel"}[tc.name]
			if got := strings.Join(f.GetSheetList(), "|"); got != want {
				t.Fatalf("sheets %s, want %s", got, want)
			}
			for _, sheet := range f.GetSheetList() {
				for _, r := range exportRows(t, f, sheet) {
					for _, v := range r {
						if secrets[v] {
							t.Fatalf("%s shows %q: reports hold aggregates only", sheet, v)
						}
					}
				}
			}
			n := map[string]int{"board": 4, "slt": 8}[tc.name]
			head := exportRows(t, f, SheetTrends)[3]
			if len(head) != 1+n || head[n] != "2026-Q1" || a.Quarter() != "2026-Q1" {
				t.Fatalf("Trends header %q", head)
			}
			charts := 0
			for name := range exportZipParts(t, path) {
				if strings.HasPrefix(name, "xl/charts/chart") {
					charts++
				}
			}
			if want := map[string]int{"board": 4, "slt": 5}[tc.name]; charts != want {
				t.Errorf("%d charts, want %d", charts, want)
			}
		})
	}
}

// TestExportReportNeedsItsQuarters refuses figures with too few quarters,
// or quarters that do not end at the as-at date.
func TestExportReportNeedsItsQuarters(t *testing.T) {
	a := data.MustDate("2026-03-31")
	path := filepath.Join(t.TempDir(), "r.xlsx")
	three := exportFiguresOf(exportHandChildren(), a, data.NoDate, data.DefaultThresholds(), 3)
	if err := WriteBoardSummary(path, three, ExportOptions{}); err == nil || !strings.Contains(err.Error(), "4 quarters") {
		t.Errorf("a board summary from 3 quarters: %v", err)
	}
	four := exportFiguresOf(exportHandChildren(), a, data.NoDate, data.DefaultThresholds(), 4)
	if err := WriteBoardSummary(path, four, ExportOptions{}); err != nil {
		t.Errorf("a board summary from 4 quarters: %v", err)
	}
	if err := WriteSLTReport(path, four, ExportOptions{}); err == nil || !strings.Contains(err.Error(), "8 quarters") {
		t.Errorf("an SLT report from 4 quarters: %v", err)
	}
	stale := exportFiguresOf(exportHandChildren(), a, data.NoDate, data.DefaultThresholds(), 4)
	stale.Measures = data.Compute(exportHandChildren(), a.AddDays(-10), data.NoDate, data.DefaultThresholds())
	if err := WriteBoardSummary(path, stale, ExportOptions{}); err == nil {
		t.Error("quarters ending on 31/03/2026 with figures as at 21/03/2026 should be refused")
	}
}

// TestExportThresholdsInForce sets thresholds other than measures.md's and
// checks every workbook says them, and never the defaults where a
// threshold is meant.
func TestExportThresholdsInForce(t *testing.T) {
	th := data.DefaultThresholds()
	th.A1Days, th.ProceedingsDays, th.CareOrderMonths, th.PlacedWithParentsMonths = 300, 175, 9, 9
	fg := exportFiguresOf(append(exportHandChildren(), exportA1Children()...), data.MustDate("2026-03-31"), data.NoDate, th, 8)
	// 175 days = 25 weeks; the amber limit of A1 is 300 + 61 = 361 days.
	wants := map[string][]string{
		"pack": {"Over 25 weeks", "25-week limit", "Final hearings: within 25 weeks", "Placed with parents 9m+"},
		"board": {"25-week limit", "… within 25 weeks of issue", "In proceedings over 25 weeks",
			"Care order over 9 months, plan not LTF, no order applied for"},
	}
	wants["slt"] = wants["board"]
	for _, w := range exportWriters {
		t.Run(w.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), w.name+".xlsx")
			if err := w.write(path, fg, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			f := exportOpen(t, path)
			cells := exportAllCells(t, f)
			all := strings.Join(cells, "\n") + "\n" + strings.Join(f.GetSheetList(), "\n")
			for _, want := range append([]string{"A1 within 300 days", "A10 within 300 days", "Proceedings over 25 weeks",
				"Care order over 9 months, plan not LTF", "… over 9 months with no discharge application", "≤ 300 days",
				"A1 and A10 300 days"}, wants[w.name]...) {
				if !strings.Contains(all, want) {
					t.Errorf("%s does not say %q", w.name, want)
				}
			}
			for _, sheet := range f.GetSheetList() {
				if strings.Contains(sheet, "26 weeks") || strings.Contains(sheet, "6m+") {
					t.Errorf("%s has a sheet %q", w.name, sheet)
				}
			}
			// The statutory limit is 26 weeks whatever the panel sets: a
			// rule may cite it.
			const statute = "within 26 weeks (Children and Families Act 2014 s.14)"
			bad := regexp.MustCompile(`\b(426|26 weeks|26-week|6 months)\b`)
			for _, c := range cells {
				if s := bad.FindString(strings.ReplaceAll(c, statute, "")); s != "" {
					t.Errorf("%s says %q: %s", w.name, s, c)
				}
			}
			if r := exportMeasureRow(t, f, data.KeyA1Within); r["Threshold"] != "300 days" {
				t.Errorf("%s: A1 within's threshold %q, want 300 days", w.name, r["Threshold"])
			}
		})
	}
}

// exportA1Children are two children adopted in 2026-Q1 who moved in with
// their adopters 470 and 492 days after entering care: A1 mean
// (470 + 492) / 2 = 481 days.
func exportA1Children() []data.Child {
	d := data.MustDate
	return []data.Child{
		// 01/06/2024 to 01/06/2025 is 365 days, to 14/09/2025 another 105
		// (30 + 31 + 31 + 13): 470.
		{ID: "P", Name: "Pip Pine", Plan: data.PlanAdoption, EnteredCare: d("2024-06-01"), PlacedForAdoption: d("2025-09-14"),
			CeasedCare: d("2026-02-10"), AdoptionOrder: d("2026-02-10")},
		// 01/05/2024 to 01/05/2025 is 365 days, to 05/09/2025 another 127
		// (31 + 30 + 31 + 31 + 4): 492.
		{ID: "Q", Name: "Quin Quay", Plan: data.PlanAdoption, EnteredCare: d("2024-05-01"), PlacedForAdoption: d("2025-09-05"),
			CeasedCare: d("2026-03-10"), AdoptionOrder: d("2026-03-10")},
	}
}

// TestExportA1StatusAgrees checks that an A1 mean of 481 days has the same
// status on every workbook: Amber under measures.md's thresholds (green up
// to 426 days, amber up to 426 + 61 = 487), Red with A1 at 300 days (amber
// up to 361).
func TestExportA1StatusAgrees(t *testing.T) {
	withA1 := func(days int) data.Thresholds {
		th := data.DefaultThresholds()
		th.A1Days = days
		return th
	}
	for _, tc := range []struct {
		th        data.Thresholds
		status    string
		threshold string
	}{
		{data.DefaultThresholds(), "Amber", "≤ 426 days"},
		{withA1(300), "Red", "≤ 300 days"},
	} {
		fg := exportFiguresOf(exportA1Children(), data.MustDate("2026-03-31"), data.NoDate, tc.th, 8)
		for _, w := range exportWriters {
			path := filepath.Join(t.TempDir(), w.name+".xlsx")
			if err := w.write(path, fg, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			f := exportOpen(t, path)
			r := exportMeasureRow(t, f, data.KeyA1MeanDays)
			if r["Value"] != "481.0" || r["Status"] != tc.status || r["Threshold"] != tc.threshold {
				t.Errorf("%s, A1 %d days: A1 mean %q %q %q, want 481.0 %s %s", w.name, tc.th.A1Days,
					r["Value"], r["Status"], r["Threshold"], tc.status, tc.threshold)
			}
			glance := false
			for _, row := range exportRows(t, f, SheetCover) {
				if len(row) > 2 && row[0] == "A1: mean days, entering care to moving in with adopters" {
					glance = true
					if row[1] != "481.0" || row[2] != tc.status {
						t.Errorf("%s cover: A1 %q %q, want 481.0 %s", w.name, row[1], row[2], tc.status)
					}
				}
			}
			if !glance {
				t.Errorf("%s: no A1 figure on the cover", w.name)
			}
		}
	}
}

// TestExportCoverSaysPeriodFilterAndSource checks the cover's period (not
// always 12 months), the filter, and the authority and extract: the
// figures' unless the options name others.
func TestExportCoverSaysPeriodFilterAndSource(t *testing.T) {
	a := data.MustDate("2026-03-31")
	filter := data.Filter{Team: "North"}
	cs := exportHandChildren()
	for i := range cs {
		cs[i].Team = "North"
	}
	cs = append(cs, data.Child{ID: "S", Team: "South", EnteredCare: data.MustDate("2025-01-01")})
	// The period after 31/12/2025: 01/01/2026 to 31/03/2026, 3 months.
	fg := exportFiguresOf(filter.Apply(cs, a), a, data.MustDate("2025-12-31"), data.DefaultThresholds(), 8)
	fg.Filter = filter
	for _, w := range exportWriters {
		for _, tc := range []struct {
			o                  ExportOptions
			authority, extract string
		}{
			{ExportOptions{}, "Hand Borough Council", "hand.csv (extract of 31/03/2026)"},
			{ExportOptions{Authority: "Other Council", Extract: "other.xlsx"}, "Other Council", "other.xlsx"},
		} {
			path := filepath.Join(t.TempDir(), w.name+".xlsx")
			if err := w.write(path, fg, tc.o); err != nil {
				t.Fatal(err)
			}
			cover := fmt.Sprint(exportRows(t, exportOpen(t, path), SheetCover))
			for _, want := range []string{"01/01/2026 to 31/03/2026 (3 months)", "Team: North", tc.authority, tc.extract} {
				if !strings.Contains(cover, want) {
					t.Errorf("%s cover does not say %q", w.name, want)
				}
			}
			if strings.Contains(cover, "12 months") {
				t.Errorf("%s cover says 12 months for a 3-month period", w.name)
			}
		}
	}
	// The financial year to date, and a period of days.
	for from, want := range map[data.Date]string{
		data.MustDate("2025-03-31"): "01/04/2025 to 15/06/2025 (the financial year to date)",
		data.MustDate("2025-06-01"): "02/06/2025 to 15/06/2025 (14 days)",
	} {
		m := data.Compute(nil, data.MustDate("2025-06-15"), from, data.DefaultThresholds())
		if got := periodText(m); got != want {
			t.Errorf("period %q, want %q", got, want)
		}
	}
}

// TestExportPackListsByHand checks the Celebrations and LTF not matched
// lists against hand-made children.
func TestExportPackListsByHand(t *testing.T) {
	d := data.MustDate
	a := d("2026-03-31")
	cs := []data.Child{
		{ID: "1", Name: "Amy Brown", DOB: d("2023-05-01"), AdoptionOrder: d("2025-06-01")},
		// Two successes: two rows.
		{ID: "2", Name: "Cal Dunn", DOB: d("2015-01-01"), SGOOrder: d("2025-09-01"), CAOOrder: d("2025-10-01")},
		{ID: "3", Name: "Eve Fox", DOB: d("2019-07-01"), CareOrderDischarged: d("2026-01-15")},
		// Ratified: a success, and not on the LTF list.
		{ID: "4", Name: "Gus Hale", DOB: d("2009-02-01"), Plan: data.PlanLongTermFostering, EnteredCare: d("2020-01-01"),
			LTFPanel: d("2026-01-10"), LTFADM: d("2026-02-01")},
		// On 31/03/2025, the day before the period: not a success.
		{ID: "5", Name: "Ida Jones", DOB: d("2020-01-01"), AdoptionOrder: d("2025-03-31")},
		// An application is not an order.
		{ID: "6", Name: "Kit Lane", DOB: d("2018-01-01"), SGOApplication: d("2025-06-01")},
		// LTF plan, approved by panel, not ratified: listed.
		{ID: "7", Name: "Lou May", DOB: d("2012-01-01"), Plan: data.PlanLongTermFostering, EnteredCare: d("2024-01-01"),
			LTFPanel: d("2025-12-01")},
		// Panel and ADM after 31/03/2026: listed.
		{ID: "8", Name: "Ned Oak", DOB: d("2013-01-01"), Plan: data.PlanLongTermFostering, EnteredCare: d("2024-01-01"),
			LTFPanel: d("2026-04-10"), LTFADM: d("2026-04-20")},
		// Left care: not listed.
		{ID: "9", Name: "Pat Quinn", DOB: d("2011-01-01"), Plan: data.PlanLongTermFostering, EnteredCare: d("2024-01-01"),
			CeasedCare: d("2025-12-01")},
	}
	fg := exportFiguresOf(cs, a, data.NoDate, data.DefaultThresholds(), 0)
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(path, fg, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f := exportOpen(t, path)
	want := [][]string{
		{"Initials", "Age", "Success", "Date"},
		{"A.B.", "1 to 4", "Adoption order", "01/06/2025"},
		{"C.D.", "10 to 15", "Special guardianship order", "01/09/2025"},
		{"C.D.", "10 to 15", "Child arrangements order", "01/10/2025"},
		{"E.F.", "5 to 9", "Care order discharged: home to family", "15/01/2026"},
		{"G.H.", "16 and over", "Long-term fostering match ratified", "01/02/2026"},
	}
	if got := exportRows(t, f, SheetCelebrations); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("Celebrations\n%q\nwant\n%q", got, want)
	}
	// 1 + 1 + 1 + 1 + 1: the same five successes.
	if got := exportMeasureRow(t, f, data.KeyCelebrations)["Value"]; got != "5" {
		t.Errorf("celebrations.total %s, want 5", got)
	}
	var ids []string
	for _, r := range exportRows(t, f, SheetLTFNotMatched)[1:] {
		ids = append(ids, r[0])
	}
	if strings.Join(ids, ",") != "7,8" {
		t.Errorf("LTF not matched lists %v, want 7 and 8", ids)
	}
}

// TestCheckExportsDenominators keeps the check script's own table of which
// key each proportion is a share of in step with the catalogue's
// Denominator fields.
func TestCheckExportsDenominators(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".ci", "check-exports.sh"))
	if err != nil {
		t.Fatal(err)
	}
	script := string(b)
	table := map[data.Key]data.Key{}
	body := script[strings.Index(script, "def denominator_key"):]
	body = body[:strings.Index(body, "}.get(key)")]
	for _, m := range regexp.MustCompile(`"([a-z0-9_.]+)": "([a-z0-9_.]+)",`).FindAllStringSubmatch(body, -1) {
		table[data.Key(m[1])] = data.Key(m[2])
	}
	for _, rule := range []string{`if key.endswith(".numerator"):`, `return key[: -len("numerator")] + "denominator"`,
		`if key.startswith("cohort."):`, `return "in_care"`, `return f"trend.final_hearing.{m.group(1)}.count"`} {
		if !strings.Contains(body, rule) {
			t.Errorf("check-exports.sh's denominator_key lacks %s", rule)
		}
	}
	q := data.Quarter{Label: "2026-Q1"}
	generic := map[data.Key]data.Key{data.CohortKey(data.PlanAdoption): data.KeyInCare,
		data.TrendKey(data.TrendFinalHearing, q, data.TrendWithin26Weeks): data.TrendKey(data.TrendFinalHearing, q, data.TrendCount)}
	for i := range data.Catalogue {
		e := &data.Catalogue[i]
		if e.Denominator == "" || e.Pattern {
			continue
		}
		if strings.HasSuffix(string(e.Key), ".numerator") {
			generic[e.Key] = data.Key(strings.TrimSuffix(string(e.Key), "numerator") + "denominator")
		} else if table[e.Key] != e.Denominator {
			t.Errorf("check-exports.sh: %s is a share of %q, the catalogue says %q", e.Key, table[e.Key], e.Denominator)
		}
	}
	for k, dk := range generic {
		e, err := data.Lookup(k)
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.Replace(string(e.Denominator), "QUARTER", q.Label, 1); want != string(dk) {
			t.Errorf("check-exports.sh takes %s as a share of %s, the catalogue of %s", k, dk, want)
		}
	}
	for k, dk := range table {
		if e, err := data.Lookup(k); err != nil || e.Denominator != dk {
			t.Errorf("check-exports.sh has %s as a share of %s: the catalogue disagrees (%v)", k, dk, err)
		}
	}
}

// BenchmarkPanelPack100k writes the panel pack for a national-scale
// authority of 100,000 children in care (measures computed first, outside
// the timer) and reports the heap in use before writing (the children and
// their measures) and its peak while writing.
func BenchmarkPanelPack100k(b *testing.B) {
	xs := demo.GenerateDemo(demo.DemoOptions{Children: 100000, Months: 1, Seed: 7})
	x := xs[len(xs)-1]
	fg := exportFiguresOf(x.Children, x.Date, data.NoDate, data.DefaultThresholds(), 0)
	m := fg.Measures
	xs = nil
	dir := b.TempDir()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for i := 0; i < b.N; i++ {
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() {
			var ms runtime.MemStats
			var top uint64
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse+ms.StackInuse > top {
					top = ms.HeapInuse + ms.StackInuse
				}
				select {
				case <-stop:
					done <- top
					return
				case <-tick.C:
				}
			}
		}()
		path := filepath.Join(dir, fmt.Sprintf("pack%d.xlsx", i))
		if err := WritePanelPack(path, fg, ExportOptions{Authority: "National"}); err != nil {
			b.Fatal(err)
		}
		close(stop)
		if p := <-done; p > peak {
			peak = p
		}
		b.StopTimer()
		if i == 0 {
			if fi, err := os.Stat(path); err == nil {
				b.ReportMetric(float64(fi.Size())/1e6, "MB-file")
			}
		}
		os.Remove(path)
		b.StartTimer()
	}
	b.ReportMetric(float64(before.HeapInuse+before.StackInuse)/1e6, "MB-heap-before")
	b.ReportMetric(float64(peak)/1e6, "MB-peak-heap")
	b.ReportMetric(float64(len(m.Children)), "children")
}

// A temporary file left by a killed export of the same name is cleaned up
// by the next write; a fresh one (another write under way) is left alone.
func TestWritePrivateFileCleansStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pack [1].xlsx")
	stale := filepath.Join(dir, ".pack [1].xlsx.123.tmp")
	fresh := filepath.Join(dir, ".pack [1].xlsx.456.tmp")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	if err := WritePrivateFile(path, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale temporary file is still there")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temporary file was removed")
	}
}
