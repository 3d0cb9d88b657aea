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

func exportMeasures(t testing.TB) *data.Measures {
	t.Helper()
	x := exportDemo()
	cs := make([]data.Child, len(x.Children))
	copy(cs, x.Children)
	return data.Compute(cs, x.Date, data.NoDate, data.DefaultThresholds())
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

func TestExportPanelPack(t *testing.T) {
	m := exportMeasures(t)
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	o := ExportOptions{Authority: "Demo Borough & District Council", Extract: "tracker.xlsx (extract of 31/03/2026)"}
	if err := WritePanelPack(path, m, o); err != nil {
		t.Fatal(err)
	}
	exportCheckPrivate(t, path)
	f := exportOpen(t, path)

	want := []string{SheetCover, SheetMeasures, SheetTrends, SheetInProceedings, SheetOver26Weeks, SheetPreProceedings,
		SheetAdoptionJourney, SheetLTFNotMatched, SheetPlacedWithParents, SheetAwaitingRevoke, SheetDrift, SheetCelebrations}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", got, want)
	}

	// Cover: authority, as-at date as a real date, the extract used.
	cover := exportRows(t, f, SheetCover)
	flat := fmt.Sprint(cover)
	for _, s := range []string{o.Authority, "31/03/2026", o.Extract, "01/04/2025 to 31/03/2026"} {
		if !strings.Contains(flat, s) {
			t.Errorf("cover does not say %q", s)
		}
	}

	// Measures: every key, with the value the measures computed.
	rows := exportRows(t, f, SheetMeasures)
	if strings.Join(rows[0], "|") != strings.Join(MeasuresColumns, "|") {
		t.Fatalf("Measures header %q", rows[0])
	}
	key, val := exportColumn(t, rows[0], "Key"), exportColumn(t, rows[0], "Value")
	num, den := exportColumn(t, rows[0], "Numerator"), exportColumn(t, rows[0], "Denominator")
	status, rule := exportColumn(t, rows[0], "Status"), exportColumn(t, rows[0], "Rule")
	byKey := map[string][]string{}
	for _, r := range rows[1:] {
		for len(r) < len(MeasuresColumns) {
			r = append(r, "")
		}
		byKey[r[key]] = r
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
	if got := byKey["in_care"][val]; got != strconv.Itoa(m.Count("in_care")) {
		t.Errorf("in_care %s, want %d", got, m.Count("in_care"))
	}
	if byKey["final_hearings.within_26_weeks"][rule] == "" {
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

	// Lists: one row per child (or flag), header frozen and filtered.
	flags := 0
	for _, fs := range m.Drift {
		flags += len(fs)
	}
	ltf := 0
	for _, c := range m.ChildrenOf("in_care") {
		if c.Plan == data.PlanLongTermFostering && !(c.LTFPanel.By(m.AsOf) && c.LTFADM.By(m.AsOf)) {
			ltf++
		}
	}
	counts := map[string]int{
		SheetInProceedings:     m.Count("proceedings.count"),
		SheetOver26Weeks:       m.Count("proceedings.over_26_weeks"),
		SheetPreProceedings:    m.Count("pre_proceedings.count"),
		SheetLTFNotMatched:     ltf,
		SheetPlacedWithParents: m.Count("reunification.over_6_months_no_application"),
		SheetAwaitingRevoke:    m.Count("po_not_adoption.awaiting_revocation"),
		SheetDrift:             flags,
		SheetCelebrations:      m.Count("celebrations.total"),
	}
	parts := exportZipParts(t, path)
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
		if i < 3 {
			continue
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

	// Dates are real date cells shown dd/mm/yyyy.
	ip := exportRows(t, f, SheetInProceedings)
	col := exportColumn(t, ip[0], "Proceedings issued")
	ref, _ := excelize.CoordinatesToCellName(col+1, 2)
	raw, _ := f.GetCellValue(SheetInProceedings, ref, excelize.Options{RawCellValue: true})
	if _, err := strconv.ParseFloat(raw, 64); err != nil {
		t.Errorf("issue date %s is %q, not a date serial", ref, raw)
	}
	c := m.ChildrenOf("proceedings.count")
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

	// Native charts on the Trends sheet.
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
		if got := tr[4+i][1]; got != strconv.Itoa(m.Count("trend.final_hearing."+q.Label+".count")) {
			t.Errorf("Trends %s final hearings %s", q.Label, got)
		}
	}
}

func TestExportPanelPackHideNames(t *testing.T) {
	m := exportMeasures(t)
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(path, m, ExportOptions{HideNames: true}); err != nil {
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
	m := data.Compute(nil, data.MustDate("2026-03-31"), data.NoDate, data.DefaultThresholds())
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := WritePanelPack(path, m, ExportOptions{}); err != nil {
		t.Fatalf("an empty authority's pack: %v", err)
	}
	f := exportOpen(t, path)
	for _, sheet := range []string{SheetInProceedings, SheetDrift, SheetCelebrations} {
		if rows := exportRows(t, f, sheet); len(rows) != 1 {
			t.Errorf("%s: %d rows, want the header alone", sheet, len(rows))
		}
	}
	if err := WritePanelPack(path, nil, ExportOptions{}); err == nil {
		t.Error("no measures should be refused")
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
	m := data.Compute(cs, a, data.NoDate, data.DefaultThresholds())
	dir := t.TempDir()
	pack := filepath.Join(dir, "pack.xlsx")
	if err := WritePanelPack(pack, m, ExportOptions{Authority: "=cmd|' /C calc'!A0", Extract: "@x"}); err != nil {
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
	m := exportMeasures(t)
	dir := filepath.Join(t.TempDir(), "missing")
	if err := WritePanelPack(filepath.Join(dir, "pack.xlsx"), m, ExportOptions{}); err == nil {
		t.Error("writing into a missing folder should fail")
	}
	// An existing file is replaced whole, and stays private.
	path := filepath.Join(t.TempDir(), "pack.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WritePanelPack(path, m, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	exportCheckPrivate(t, path)
	exportOpen(t, path)
}

func exportRAGMeasures(vals map[string]float64) *data.Measures {
	m := &data.Measures{Thresholds: data.DefaultThresholds(), Members: map[string][]int{}}
	for k, v := range vals {
		val := data.Value{Key: k, IsCount: v == float64(int(v)) && !strings.Contains(k, "mean") && !strings.Contains(k, "median"),
			Count: int(v), Number: v}
		m.Put(val)
	}
	return m
}

func TestExportRAGRules(t *testing.T) {
	cases := []struct {
		key  string
		vals map[string]float64
		want data.RAG
	}{
		{"final_hearings.within_26_weeks", map[string]float64{"final_hearings.within_26_weeks": 5, "final_hearings.count": 10}, data.RAGGreen},
		{"final_hearings.within_26_weeks", map[string]float64{"final_hearings.within_26_weeks": 4, "final_hearings.count": 10}, data.RAGAmber},
		{"final_hearings.within_26_weeks", map[string]float64{"final_hearings.within_26_weeks": 3, "final_hearings.count": 10}, data.RAGRed},
		{"final_hearings.within_26_weeks", map[string]float64{"final_hearings.within_26_weeks": 0, "final_hearings.count": 0}, data.RAGNone},
		{"proceedings.over_26_weeks", map[string]float64{"proceedings.over_26_weeks": 0, "proceedings.count": 10}, data.RAGGreen},
		{"proceedings.over_26_weeks", map[string]float64{"proceedings.over_26_weeks": 1, "proceedings.count": 10}, data.RAGAmber},
		{"proceedings.over_26_weeks", map[string]float64{"proceedings.over_26_weeks": 2, "proceedings.count": 10}, data.RAGRed},
		{"adoption.a1_mean_days", map[string]float64{"adoption.a1_mean_days": 426}, data.RAGGreen},
		{"adoption.a1_mean_days", map[string]float64{"adoption.a1_mean_days": 487}, data.RAGAmber},
		{"adoption.a1_mean_days", map[string]float64{"adoption.a1_mean_days": 487.1}, data.RAGRed},
		{"adoption.a2_mean_days", map[string]float64{"adoption.a2_mean_days": 121}, data.RAGGreen},
		{"adoption.a2_mean_days", map[string]float64{"adoption.a2_mean_days": 182}, data.RAGAmber},
		{"adoption.a2_mean_days", map[string]float64{"adoption.a2_mean_days": 182.5}, data.RAGRed},
		{"plan_confirmed_by_second_review.numerator", map[string]float64{"plan_confirmed_by_second_review.numerator": 9, "plan_confirmed_by_second_review.denominator": 10}, data.RAGGreen},
		{"plan_confirmed_by_second_review.numerator", map[string]float64{"plan_confirmed_by_second_review.numerator": 3, "plan_confirmed_by_second_review.denominator": 4}, data.RAGAmber},
		{"plan_confirmed_by_second_review.numerator", map[string]float64{"plan_confirmed_by_second_review.numerator": 7, "plan_confirmed_by_second_review.denominator": 10}, data.RAGRed},
		{"in_care", map[string]float64{"in_care": 500}, data.RAGNone},
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

func exportDemoStore(t testing.TB) (*store.Store, data.Date) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if err := demo.LoadDemo(ctx, s, demo.DemoOptions{Children: 250, Months: 12, Seed: 5, End: data.MustDate("2026-02-28")}, nil); err != nil {
		t.Fatal(err)
	}
	a, err := s.LatestExtractDate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s, a
}

func TestExportBoardAndSLT(t *testing.T) {
	s, a := exportDemoStore(t)
	ctx := context.Background()
	children, err := s.StateAt(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	m := data.Compute(children, a, data.NoDate, data.DefaultThresholds())
	secrets := map[string]bool{}
	for _, c := range children {
		for _, v := range []string{c.Name, c.ID, c.SocialWorker, c.DOB.UK()} {
			if v != "" {
				secrets[v] = true
			}
		}
	}
	for _, tc := range []struct {
		name     string
		write    func(context.Context, string, *store.Store, data.Date, ExportOptions) error
		quarters int
	}{
		{"board", WriteBoardSummary, 4},
		{"slt", WriteSLTReport, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name+".xlsx")
			if err := tc.write(ctx, path, s, a, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			exportCheckPrivate(t, path)
			f := exportOpen(t, path)
			if got := strings.Join(f.GetSheetList(), "|"); got != "Cover|Measures|Trends|Charts" {
				t.Fatalf("sheets %s", got)
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
			if !strings.Contains(fmt.Sprint(exportRows(t, f, SheetCover)), "Demo Borough Council") {
				t.Error("cover lacks the authority's name from settings")
			}
			rows := exportRows(t, f, SheetMeasures)
			k, v := exportColumn(t, rows[0], "Key"), exportColumn(t, rows[0], "Value")
			seen := 0
			for _, r := range rows[1:] {
				want, ok := m.Get(r[k])
				if !ok {
					t.Errorf("Measures has unknown key %s", r[k])
					continue
				}
				seen++
				if r[v] != want.Text() {
					t.Errorf("%s: %s, want %s", r[k], r[v], want.Text())
				}
			}
			if seen != len(m.Values) {
				t.Errorf("%d keys, want %d", seen, len(m.Values))
			}
			tr := exportRows(t, f, SheetTrends)
			head := tr[3]
			if len(head) != 1+tc.quarters || head[len(head)-1] != a.Quarter() {
				t.Fatalf("Trends header %q", head)
			}
			qm, err := QuarterlyMeasures(ctx, s, a, tc.quarters, data.DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range tr[4:] {
				if len(r) > 0 && r[0] == "Children in care at the quarter's end" {
					found = true
					for j, q := range qm {
						if r[1+j] != strconv.Itoa(q.Count("in_care")) {
							t.Errorf("%s in care %s, want %d", q.Quarter.Label, r[1+j], q.Count("in_care"))
						}
					}
					if r[tc.quarters] != strconv.Itoa(m.Count("in_care")) {
						t.Errorf("last quarter's in care %s, want the as-at figure %d", r[tc.quarters], m.Count("in_care"))
					}
				}
			}
			if !found {
				t.Error("no row of children in care on the Trends sheet")
			}
			charts := 0
			for name := range exportZipParts(t, path) {
				if strings.HasPrefix(name, "xl/charts/chart") {
					charts++
				}
			}
			if charts != 4 {
				t.Errorf("%d charts, want 4", charts)
			}
		})
	}
}

func TestExportBoardCancelled(t *testing.T) {
	s, a := exportDemoStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "board.xlsx")
	if err := WriteBoardSummary(ctx, path, s, a, ExportOptions{}); err == nil {
		t.Error("a cancelled export should fail")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a cancelled export left a file")
	}
}

// BenchmarkPanelPack100k writes the panel pack for a national-scale
// authority of 100,000 children in care (measures computed first, outside
// the timer) and reports the heap in use before writing (the children and
// their measures) and its peak while writing.
func BenchmarkPanelPack100k(b *testing.B) {
	xs := demo.GenerateDemo(demo.DemoOptions{Children: 100000, Months: 1, Seed: 7})
	x := xs[len(xs)-1]
	m := data.Compute(x.Children, x.Date, data.NoDate, data.DefaultThresholds())
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
		if err := WritePanelPack(path, m, ExportOptions{Authority: "National"}); err != nil {
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
