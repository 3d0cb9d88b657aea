package export

import (
	"fmt"
	"math"
	"path/filepath"
	"permanence/data"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// What a printed page holds, worked out here from the paper and the font
// rather than from the code's own constants.
//
// A column's width is counted in characters: the width of the digit 0 of
// 11 pt Calibri (0.507 em), 5.58 pt; LibreOffice lays columns out at that
// (Excel at 7 px, 5.25 pt, narrower still). A4 landscape is 297 x 210 mm;
// with 1 cm side margins the printed width is 277 mm = 277 / 25.4 * 72 =
// 785.2 pt, and with 0.5 in (36 pt) top and bottom margins the height is
// 595.3 - 72 = 523.3 pt. Fitted to the width, a sheet whose printed
// columns total W characters prints at the scale min(1, 785.2 / (5.58 W)),
// so its 11 pt type prints at 11 times that: 8 pt or more needs W at most
// 785.2 * 11 / 8 / 5.58 = 193.5 characters.
const (
	testCharPt      = 5.58
	testPrintWidth  = 785.2
	testPrintHeight = 523.3
	testLeastPt     = 8.0
)

// testPrintedPt is the size 11 pt type prints at, columns of total width w
// fitted to the page's width.
func testPrintedPt(w float64) float64 { return 11 * math.Min(1, testPrintWidth/(testCharPt*w)) }

// printBook is a workbook as a user prints it, and what every page of it
// should say.
type printBook struct {
	name, path string
	authority  string // as the header has it: & doubled
	marking    string
	asOf       string
}

// printBooks writes every kind of workbook a user prints: the pack with
// names and without, the board summary, the SLT report, and a list from a
// screen (named for its authority and date, and as WriteListXLSX writes it).
func printBooks(t *testing.T) []printBook {
	t.Helper()
	fg := exportFigures(t)
	dir := t.TempDir()
	o := ExportOptions{Authority: "Demo Borough & District Council"}
	books := []printBook{
		{name: "pack", marking: "OFFICIAL-SENSITIVE"},
		{name: "pack-hidden", marking: "OFFICIAL-SENSITIVE (names hidden)"},
		{name: "board", marking: "OFFICIAL"},
		{name: "slt", marking: "OFFICIAL"},
		{name: "list", marking: "OFFICIAL-SENSITIVE"},
		{name: "list-default", marking: "OFFICIAL-SENSITIVE"},
	}
	for i := range books {
		b := &books[i]
		b.path = filepath.Join(dir, b.name+".xlsx")
		b.authority, b.asOf = "Demo Borough && District Council", "31/03/2026"
		var err error
		switch b.name {
		case "pack":
			err = WritePanelPack(b.path, fg, o)
		case "pack-hidden":
			err = WritePanelPack(b.path, fg, ExportOptions{Authority: o.Authority, HideNames: true})
		case "board":
			err = WriteBoardSummary(b.path, fg, o)
		case "slt":
			err = WriteSLTReport(b.path, fg, o)
		case "list":
			cols, rows := printChildList(fg.Measures)
			err = WriteListXLSXFor(b.path, "Children in care", cols, rows, ListPage{Authority: o.Authority, AsOf: fg.Measures.AsOf})
		case "list-default":
			cols, rows := printChildList(fg.Measures)
			b.authority, b.asOf = "", data.Today().UK()
			err = WriteListXLSX(b.path, "Children in care", cols, rows)
		}
		if err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
	}
	return books
}

// printChildList is a list of the children in care with the columns the
// app's children screen shows.
func printChildList(m *data.Measures) ([]ListColumn, [][]any) {
	cols := []ListColumn{{Heading: "Child"}, {Heading: "ID"}, {Heading: "Team"}, {Heading: "Plan"}, {Heading: "Age"},
		{Heading: "Legal status"}, {Heading: "Placement"}, {Heading: "Current stage"}, {Heading: "Days in stage"},
		{Heading: "Entered care", Date: true}, {Heading: "Drift flags"}}
	var rows [][]any
	for i, c := range m.ChildrenOf(data.KeyInCare) {
		drift := ""
		if i%4 == 0 {
			drift = "Plan not confirmed by the second review; care order over 6 months, plan not long-term fostering"
		}
		rows = append(rows, []any{c.Name, c.ID, c.Team, c.Plan.Label(), "10 to 15", c.LegalStatus, c.PlacementType,
			"Care order, awaiting final hearing", 120 + i, c.EnteredCare, drift})
	}
	return cols, rows
}

// printNames are a sheet's print area and print titles as written.
type printNames struct{ area, titles string }

func printNamesOf(f *excelize.File) map[string]printNames {
	out := map[string]printNames{}
	for _, d := range f.GetDefinedName() {
		p := out[d.Scope]
		switch d.Name {
		case "_xlnm.Print_Area":
			p.area = d.RefersTo
		case "_xlnm.Print_Titles":
			p.titles = d.RefersTo
		}
		out[d.Scope] = p
	}
	return out
}

var printAreaRE = regexp.MustCompile(`^'(.+)'!\$A\$1:\$([A-Z]+)\$(\d+)$`)

// printArea is the last column and row of a sheet's print area, which
// must start at A1.
func printArea(t *testing.T, sheet, ref string) (col, row int) {
	t.Helper()
	m := printAreaRE.FindStringSubmatch(ref)
	if m == nil || strings.ReplaceAll(m[1], "''", "'") != sheet {
		t.Fatalf("%s: print area %q, want '%s'!$A$1:$X$n", sheet, ref, sheet)
	}
	col, _ = excelize.ColumnNameToNumber(m[2])
	row, _ = strconv.Atoi(m[3])
	return col, row
}

// printedWidth adds up the widths of columns 1 to n.
func printedWidth(t *testing.T, f *excelize.File, sheet string, n int) float64 {
	t.Helper()
	total := 0.0
	for c := 1; c <= n; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			t.Fatal(err)
		}
		total += w
	}
	return total
}

// Every sheet of every workbook prints on A4 landscape, fitted to one
// page wide and as many tall as it needs, its header rows repeated on
// every page, with a print area whose columns print at 8 pt or more, 1 cm
// side margins, and the authority, the marking, the as-at date and "Page
// X of Y" on every page.
func TestExportPrintSetup(t *testing.T) {
	// The rows repeated on every page: a list's header row, the report's
	// quarters, a title (and the note under it, above the charts).
	titleRows := map[string]string{SheetCover: "$1:$1", SheetTrends: "$1:$2", SheetCharts: "$1:$2"}
	for _, b := range printBooks(t) {
		f := exportOpen(t, b.path)
		names := printNamesOf(f)
		for _, sheet := range f.GetSheetList() {
			where := b.name + " " + sheet
			lay, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if *lay.Orientation != "landscape" || *lay.Size != 9 || lay.FitToWidth == nil || *lay.FitToWidth != 1 ||
				lay.FitToHeight == nil || *lay.FitToHeight != 0 {
				t.Errorf("%s: orientation %s, paper %d, fit to %v wide by %v tall; want landscape A4 (9), 1 wide by 0 (as many as it needs) tall",
					where, *lay.Orientation, *lay.Size, ptrText(lay.FitToWidth), ptrText(lay.FitToHeight))
			}
			if props, _ := f.GetSheetProps(sheet); props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: fit to page is off, so the fit to width is ignored", where)
			}
			mg, _ := f.GetPageMargins(sheet)
			if math.Abs(*mg.Left-1/2.54) > 0.01 || math.Abs(*mg.Right-1/2.54) > 0.01 {
				t.Errorf("%s: side margins %.2f and %.2f in, want 1 cm (0.39 in)", where, *mg.Left, *mg.Right)
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || hf == nil {
				t.Fatalf("%s: no header or footer (%v)", where, err)
			}
			for _, want := range []string{"&L" + b.authority + "&C", "&R&B" + b.marking} {
				if !strings.Contains(hf.OddHeader, want) {
					t.Errorf("%s: header %q does not hold %q", where, hf.OddHeader, want)
				}
			}
			for _, want := range []string{"As at " + b.asOf, "Page &P of &N", "&R&B" + b.marking} {
				if !strings.Contains(hf.OddFooter, want) {
					t.Errorf("%s: footer %q does not hold %q", where, hf.OddFooter, want)
				}
			}

			pn := names[sheet]
			lastCol, lastRow := printArea(t, sheet, pn.area)
			rows := exportRows(t, f, sheet)
			if lastRow < len(rows) {
				t.Errorf("%s: the print area ends at row %d, the sheet at %d", where, lastRow, len(rows))
			}
			want, ok := titleRows[sheet]
			if !ok {
				want = "$1:$1" // a list's header row
			}
			if b.name != "pack" && b.name != "pack-hidden" && sheet == SheetTrends {
				want = "$4:$4" // the report's quarters
			}
			if pn.titles != xlSheetRef(sheet)+"!"+want {
				t.Errorf("%s: rows repeated on every page %q, want %s", where, pn.titles, want)
			}
			w := printedWidth(t, f, sheet, lastCol)
			if pt := testPrintedPt(w); pt < testLeastPt {
				t.Errorf("%s: the printed columns are %.1f characters wide: fitted to the page, 11 pt type prints at %.1f pt, under %.0f",
					where, w, pt, testLeastPt)
			}
		}
	}
}

func ptrText(p *int) string {
	if p == nil {
		return "unset"
	}
	return strconv.Itoa(*p)
}

// keyLike is text that looks like a measure's key: trend.final_hearing.2025-Q1.count.
var keyLike = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+$`)

// The Measures sheet prints what a reader needs, label first, at a
// readable size; the key is its last column, outside the print area; each
// trend row reads "Final hearings 2025-Q1", never its key.
func TestExportMeasuresPrinted(t *testing.T) {
	for _, b := range printBooks(t)[:4] {
		f := exportOpen(t, b.path)
		rows := exportRows(t, f, SheetMeasures)
		head := rows[0]
		if head[0] != "Measure" || head[len(head)-1] != "Key" {
			t.Errorf("%s: Measures headings %q: want the label first and the key last", b.name, head)
		}
		lastCol, _ := printArea(t, SheetMeasures, printNamesOf(f)[SheetMeasures].area)
		key := exportColumn(t, head, "Key")
		if lastCol > key {
			t.Errorf("%s: the print area takes in column %d, the key", b.name, key+1)
		}
		for _, h := range []string{"Measure", "Value", "Numerator", "Denominator", "Threshold", "Status", "Rule"} {
			if c := exportColumn(t, head, h); c >= lastCol {
				t.Errorf("%s: %s (column %d) is not printed (print area to column %d)", b.name, h, c+1, lastCol)
			}
		}
		trends := 0
		q := regexp.MustCompile(`^trend\.final_hearing\.(\d{4}-Q[1-4])\.count$`)
		for _, r := range rows[1:] {
			for c := 0; c < lastCol && c < len(r); c++ {
				if keyLike.MatchString(r[c]) {
					t.Errorf("%s: printed cell %q in %s looks like a key", b.name, r[c], head[c])
				}
			}
			if m := q.FindStringSubmatch(r[key]); m != nil {
				trends++
				if want := "Final hearings " + m[1]; r[0] != want {
					t.Errorf("%s: %s labelled %q, want %q", b.name, r[key], r[0], want)
				}
			}
		}
		if trends < 4 {
			t.Errorf("%s: %d final hearing trend rows, want a row a quarter", b.name, trends)
		}
	}
}

// A printed list's text is never cut short: a text longer than its column
// holds on one line wraps (even narrow type averages under 1.3 characters
// a width unit, less the cell's margins and indent), in a row at least two
// lines tall; a heading too. And the Adoption journey prints the columns
// the panel reads, the others after the print area.
func TestExportListsWrapWhatTheyCut(t *testing.T) {
	lists := map[string]bool{}
	for _, b := range printBooks(t) {
		f := exportOpen(t, b.path)
		names := printNamesOf(f)
		for _, sheet := range f.GetSheetList() {
			if sheet == SheetCover || sheet == SheetTrends || sheet == SheetCharts {
				continue
			}
			lists[sheet] = true
			lastCol, _ := printArea(t, sheet, names[sheet].area)
			for r, row := range exportRows(t, f, sheet) {
				for c := 0; c < lastCol && c < len(row); c++ {
					name, _ := excelize.ColumnNumberToName(c + 1)
					w, _ := f.GetColWidth(sheet, name)
					if float64(len([]rune(row[c]))) <= (w-1.5)*1.3 {
						continue
					}
					ref := fmt.Sprintf("%s%d", name, r+1)
					sid, _ := f.GetCellStyle(sheet, ref)
					st, _ := f.GetStyle(sid)
					h, _ := f.GetRowHeight(sheet, r+1)
					if st == nil || st.Alignment == nil || !st.Alignment.WrapText || h < 2*13 {
						t.Errorf("%s %s!%s: %q in a column %.1f wide does not wrap (row %.0f pt tall)", b.name, sheet, ref, row[c], w, h)
					}
				}
			}
		}
	}
	if !lists[SheetMeasures] || !lists[SheetAdoptionJourney] || !lists["Children in care"] {
		t.Fatalf("lists checked: %v", lists)
	}

	shown := []string{"Child ID", "Name", "Age", "Social worker", "Stage", "Entered care", "ADM decision", "Placement order",
		"Matched", "Placed for adoption", "Adoption order", "Days: placement order to match (A2)", "Days: care to placed (A1)"}
	hidden := []string{"Child ID", "Age", "Stage", "Entered care", "ADM decision", "Placement order",
		"Matched", "Placed for adoption", "Adoption order", "Days: placement order to match (A2)", "Days: care to placed (A1)"}
	for _, b := range printBooks(t)[:2] {
		f := exportOpen(t, b.path)
		head := exportRows(t, f, SheetAdoptionJourney)[0]
		lastCol, _ := printArea(t, SheetAdoptionJourney, printNamesOf(f)[SheetAdoptionJourney].area)
		want := shown
		if b.name == "pack-hidden" {
			want = hidden
		}
		if got := strings.Join(head[:lastCol], "|"); got != strings.Join(want, "|") {
			t.Errorf("%s: the Adoption journey prints %q, want %q", b.name, head[:lastCol], want)
		}
		for _, h := range []string{"Team", "Adoption application", "Early permanence", "Days in care"} {
			if c := exportColumn(t, head, h); c < lastCol {
				t.Errorf("%s: %s printed", b.name, h)
			}
		}
	}
}

// The charts of the pack's Trends sheet and of a report's Charts sheet
// print on one page, all four, under the sheet's title: their rows, with
// the title rows repeated above them, at the scale the page's width sets,
// are no taller than the page, and the print area takes in every chart.
func TestExportChartsFitOnePage(t *testing.T) {
	for _, b := range printBooks(t)[:4] {
		sheet := SheetCharts
		if strings.HasPrefix(b.name, "pack") {
			sheet = SheetTrends
		}
		f := exportOpen(t, b.path)
		parts := exportZipParts(t, b.path)
		idx, _ := f.GetSheetIndex(sheet)
		xml := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)]
		lastCol, lastRow := printArea(t, sheet, printNamesOf(f)[sheet].area)
		scale := math.Min(1, testPrintWidth/(testCharPt*printedWidth(t, f, sheet, lastCol)))

		// The charts' page starts after a manual break, if any.
		first := 3
		if m := regexp.MustCompile(`<brk id="(\d+)"[^>]*man="(1|true)"`).FindStringSubmatch(xml); m != nil {
			first, _ = strconv.Atoi(m[1])
			first++
		} else if sheet == SheetTrends {
			t.Errorf("%s: no page break between the Trends tables and the charts", b.name)
		}
		height := 0.0
		for r := 1; r <= lastRow; r++ {
			if r <= 2 || r >= first { // the title rows, repeated, and the charts' rows
				h, _ := f.GetRowHeight(sheet, r)
				height += h
			}
		}
		if height*scale > testPrintHeight {
			t.Errorf("%s %s: the charts' page is %.0f pt tall at %.0f%%: over the page's %.0f pt", b.name, sheet, height*scale, scale*100, testPrintHeight)
		}

		rels := parts[fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", idx+1)]
		dm := regexp.MustCompile(`drawings/(drawing\d+\.xml)`).FindStringSubmatch(rels)
		if dm == nil {
			t.Fatalf("%s %s: no drawing", b.name, sheet)
		}
		// A chart ends in the column and row of its "to" anchor (counted
		// from 0), or at their start when its offset into them is 0.
		to := regexp.MustCompile(`<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row><xdr:rowOff>(\d+)</xdr:rowOff>`).
			FindAllStringSubmatch(parts["xl/drawings/"+dm[1]], -1)
		if len(to) != 4 {
			t.Fatalf("%s %s: %d charts anchored, want 4", b.name, sheet, len(to))
		}
		for _, m := range to {
			c, _ := strconv.Atoi(m[1])
			r, _ := strconv.Atoi(m[3])
			if m[2] != "0" {
				c++
			}
			if m[4] != "0" {
				r++
			}
			if c > lastCol || r > lastRow || r < first {
				t.Errorf("%s %s: a chart ends at column %d row %d, outside the charts' page (to column %d, rows %d to %d)",
					b.name, sheet, c, r, lastCol, first, lastRow)
			}
		}
	}
}

// A list from a screen too wide for one page at 8 pt prints as many pages
// wide as keep it readable, with its first column and its header row on
// every page.
func TestWriteListXLSXWidePrintsReadably(t *testing.T) {
	var cols []ListColumn
	for i := range 30 {
		cols = append(cols, ListColumn{Heading: fmt.Sprintf("Heading %d", i+1)})
	}
	var rows [][]any
	for r := range 20 {
		row := make([]any, len(cols))
		for i := range row {
			row[i] = fmt.Sprintf("value %02d-%02d", r, i)
		}
		rows = append(rows, row)
	}
	path := filepath.Join(t.TempDir(), "wide.xlsx")
	if err := WriteListXLSX(path, "Wide", cols, rows); err != nil {
		t.Fatal(err)
	}
	f := exportOpen(t, path)
	lay, _ := f.GetPageLayout("Wide")
	pages := *lay.FitToWidth
	if pages < 2 || *lay.FitToHeight != 0 {
		t.Fatalf("fit to %d pages wide by %d tall, want 2 or more wide", pages, *lay.FitToHeight)
	}
	if got := printNamesOf(f)["Wide"].titles; got != "'Wide'!$A:$A,'Wide'!$1:$1" {
		t.Errorf("repeated on every page: %q, want column A and row 1", got)
	}
	// 30 columns of "value 00-00" (11 characters) are each at least 11
	// wide: 330 characters or more, over 193.5. Over pages pages, each
	// after the first repeating column A, at 8 pt they hold pages * 193.5
	// characters.
	lastCol, _ := printArea(t, "Wide", printNamesOf(f)["Wide"].area)
	w := printedWidth(t, f, "Wide", lastCol)
	a, _ := f.GetColWidth("Wide", "A")
	if w < 330 || w+float64(pages-1)*a > float64(pages)*testPrintWidth*11/testLeastPt/testCharPt {
		t.Errorf("%d pages wide for %.0f characters (column A %.1f): under 8 pt", pages, w, a)
	}
}

// fitWidths, worked by hand.
func TestFitWidths(t *testing.T) {
	tests := []struct {
		name  string
		fits  []colFit
		total float64
		want  []float64
	}{
		{"everything fits", []colFit{{want: 20, body: 10, least: 10}, {want: 8, body: 8, least: 8}}, 40, []float64{20, 8}},
		// 20 + 30 + 8 = 58 > 40; the values alone, 10 + 12 + 8 = 30, fit:
		// headings wrap, the wide ones cut to one level L with
		// max(10, L) + max(12, L) + 8 = 40, L = 16.
		{"headings wrap", []colFit{{want: 20, body: 10, least: 10}, {want: 30, body: 12, least: 12}, {want: 8, body: 8, least: 8}},
			40, []float64{16, 16, 8}},
		// Nothing to wrap: the least widths, too wide as they are.
		{"too wide", []colFit{{kind: kindNumber, want: 30, body: 30, least: 30}, {kind: kindDate, want: 20, body: 20, least: 20}},
			40, []float64{30, 20}},
		// Text 55 wide must fit 45. X's values are 30, 5, 5 and 5
		// characters long, Y's all 20; a line holds (w - 2.5) * 1.1. Each
		// step tries what is too wide, then halves of it (in quarters).
		// 1: 10 too wide. X can lose 2.5 for nothing (27.5 * 1.1 = 30.25
		// holds 30); any cut of Y of 2.5 or more wraps all its 4 rows, and
		// the larger free cut goes first: X 30.
		// 2: 7.5 too wide. Y holds 20 on a line down to 20 / 1.1 + 2.5 =
		// 20.68: of 7.5, 3.75, 1.75..., it loses 1.75 for nothing: Y 20.75.
		// 3: 5.75 too wide. Y cannot lose any without 4 lines more; X
		// loses it all for 1 (its 30 in 2 lines of 21.75 * 1.1 = 23.9):
		// X 24.25. Only X's longest value wraps.
		{"wrap the fewest rows", []colFit{
			{kind: kindText, want: 32.5, body: 32.5, least: 12, lens: []int{30, 5, 5, 5}},
			{kind: kindText, want: 22.5, body: 22.5, least: 12, lens: []int{20, 20, 20, 20}},
		}, 45, []float64{24.25, 20.75}},
	}
	for _, tc := range tests {
		got := fitWidths(tc.fits, tc.total)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
