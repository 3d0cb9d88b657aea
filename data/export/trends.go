package export

import (
	"fmt"
	"math"
	"permanence/data"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Chart colours: the header blue for the main series, a muted teal for a
// second one, and red for a statutory limit drawn as a dashed line.
var chartPalette = []string{"1F4E79", "2E8B99", "F4A259", "8E7DBE", "5B8E7D", "BC4B51", "A5A5A5", "D4B483"}

const chartLimitColour = "C00000"

// xlSheetRef quotes a sheet name for a formula reference.
func xlSheetRef(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// xlRange is an absolute reference to the cells from (c1, r1) to (c2, r2).
func xlRange(sheet string, c1, r1, c2, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c1, r1, true)
	b, _ := excelize.CoordinatesToCellName(c2, r2, true)
	if a == b {
		return xlSheetRef(sheet) + "!" + a
	}
	return xlSheetRef(sheet) + "!" + a + ":" + b
}

// xlPut writes one value to an ordinary (not streamed) sheet, with the
// same rules as the lists: text as text, dates as date cells, no formulas.
func xlPut(f *excelize.File, st *xlStyles, sheet string, col, row int, v any) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	c := st.cell(v)
	style := st.top
	if x, ok := c.(excelize.Cell); ok {
		style, c = x.StyleID, x.Value
	}
	switch x := c.(type) {
	case nil:
	case string:
		err = f.SetCellStr(sheet, ref, x)
	case int:
		err = f.SetCellInt(sheet, ref, int64(x))
	case int64:
		err = f.SetCellInt(sheet, ref, x)
	case float64:
		err = f.SetCellFloat(sheet, ref, x, -1, 64)
	default:
		err = f.SetCellStr(sheet, ref, fmt.Sprint(x))
	}
	if err == nil && c != nil {
		err = f.SetCellStyle(sheet, ref, ref, style)
	}
	return err
}

// xlPutTitle writes a sheet's title in A1, in a row tall enough for it
// (the same in every spreadsheet program, and counted on when the charts
// are fitted to a page).
func xlPutTitle(f *excelize.File, st *xlStyles, sheet, title string) error {
	if err := xlPut(f, st, sheet, 1, 1, excelize.Cell{StyleID: st.title, Value: title}); err != nil {
		return err
	}
	return f.SetRowHeight(sheet, 1, titleRowPt)
}

// titleRowPt is the height of a sheet's title row (18 pt type).
const titleRowPt = 30

// xlPutRow writes values from (col, row) rightwards.
func xlPutRow(f *excelize.File, st *xlStyles, sheet string, col, row int, vals ...any) error {
	for i, v := range vals {
		if err := xlPut(f, st, sheet, col+i, row, v); err != nil {
			return err
		}
	}
	return nil
}

// xlWrapNote wraps the note in column A of row across the printed
// columns A to lastCol (merged), in a row tall enough to show it whole,
// so that no part of it runs past the print area.
func xlWrapNote(f *excelize.File, st *xlStyles, sheet string, row, lastCol int) error {
	a, _ := excelize.CoordinatesToCellName(1, row)
	b, _ := excelize.CoordinatesToCellName(lastCol, row)
	note, err := f.GetCellValue(sheet, a)
	if err != nil {
		return err
	}
	width := 0.0
	for c := 1; c <= lastCol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			return err
		}
		width += w
	}
	if err := f.MergeCell(sheet, a, b); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, a, b, st.noteWrap); err != nil {
		return err
	}
	return f.SetRowHeight(sheet, row, lineHeight(listLines(note, width, padNumber, false), bodyPt))
}

// xlSeries is one series of a chart: the cell holding its name and the
// range of its values.
type xlSeries struct {
	name, values string
	colour       string
}

// chartSpec is a native Excel chart: bars (clustered, or stacked) with an
// optional line drawn over them (a limit such as 26 weeks).
type chartSpec struct {
	title, yTitle string
	categories    string
	bars          []xlSeries
	line          *xlSeries // drawn dashed, for a limit
	stacked       bool
	horizontal    bool
	width, height uint
}

func chartTitle(s string, size float64) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s,
		Font: &excelize.Font{Bold: true, Size: size, Color: "262626", Family: xlFont}}}}
}

// add places the chart on sheet at cell, offset by (dx, dy) pixels.
func (c chartSpec) add(f *excelize.File, sheet, cell string, dx, dy int) error {
	no, yes := false, true
	zero := 0.0
	gap := uint(60)
	typ := excelize.Col
	switch {
	case c.horizontal && c.stacked:
		typ = excelize.BarStacked
	case c.horizontal:
		typ = excelize.Bar
	case c.stacked:
		typ = excelize.ColStacked
	}
	series := make([]excelize.ChartSeries, len(c.bars))
	for i, s := range c.bars {
		col := s.colour
		if col == "" {
			col = chartPalette[i%len(chartPalette)]
		}
		series[i] = excelize.ChartSeries{Name: s.name, Categories: c.categories, Values: s.values,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{col}}}
	}
	axisFont := excelize.Font{Family: xlFont, Size: 9, Color: "404040"}
	main := &excelize.Chart{
		Type:       typ,
		Series:     series,
		Title:      chartTitle(c.title, 12),
		VaryColors: &no,
		GapWidth:   &gap,
		Dimension:  excelize.ChartDimension{Width: c.width, Height: c.height},
		Format: excelize.GraphicOptions{OffsetX: dx, OffsetY: dy, PrintObject: &yes, Locked: &no,
			AltText: c.title, Name: c.title},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		ShowBlanksAs: "gap",
		XAxis:        excelize.ChartAxis{Font: axisFont, ReverseOrder: c.horizontal},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Minimum: &zero, Font: axisFont,
			Title: chartTitle(c.yTitle, 9)},
		Border: excelize.LineOptions{Type: excelize.LineSolid, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}, Width: 0.75},
	}
	if c.stacked {
		overlap := 100
		main.Overlap = &overlap
	}
	if c.yTitle == "" {
		main.YAxis.Title = excelize.ChartTitle{}
	}
	if len(c.bars) == 1 && c.line == nil {
		main.Legend.Position = "none"
	}
	if c.line == nil {
		return f.AddChart(sheet, cell, main)
	}
	line := &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{Name: c.line.name, Categories: c.categories, Values: c.line.values,
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{chartLimitColour}},
			Line:   excelize.LineOptions{Type: excelize.LineSolid, Dash: excelize.LineDashDash, Width: 2},
			Marker: excelize.ChartMarker{Symbol: "none"}}},
		VaryColors: &no,
		Format:     main.Format,
		Legend:     main.Legend,
		// A combination chart draws its axes from the last chart's options.
		XAxis: main.XAxis,
		YAxis: main.YAxis,
	}
	return f.AddChart(sheet, cell, main, line)
}

// xlPlaceCharts lays charts out two to a row from (col, row) and returns
// the last column and row they cover. excelize cannot offset a chart past
// the edge of its anchor cell, so each chart is anchored at the cell under
// its top-left corner, with the remainder as an offset within that cell.
// Positions use excelize's own cell metrics (8 pixels a character, 4/3.4
// pixels a point), the ones it uses to find where a chart ends, so the
// gaps between charts come out even.
//
// A spreadsheet program's own column widths differ from excelize's by up
// to (width - 5) pixels a column, so on a sheet of wide columns the gap
// between charts is kept wide; on a sheet of its own the columns are made
// 5 characters wide, where the two agree.
func xlPlaceCharts(f *excelize.File, sheet string, charts []chartSpec, col, row int, w, h uint) (lastCol, lastRow int, err error) {
	rowsPerChart := chartRows(h)
	lastRow = row + rowsPerChart*((len(charts)+1)/2) - 1
	// Fix the height of the rows under the charts, so the grid is the same
	// in every spreadsheet program whatever its default row height.
	for r := row; r <= lastRow; r++ {
		if err := f.SetRowHeight(sheet, r, chartRowPt); err != nil {
			return 0, 0, err
		}
	}
	for i, c := range charts {
		c.width, c.height = w, h
		cc, dx := col, (i%2)*(int(w)+chartGap)
		for {
			name, _ := excelize.ColumnNumberToName(cc)
			cw, err := f.GetColWidth(sheet, name)
			if err != nil {
				return 0, 0, err
			}
			if px := int(cw*8 + 0.5); dx >= px {
				dx -= px
				cc++
				continue
			}
			break
		}
		cell, _ := excelize.CoordinatesToCellName(cc, row+(i/2)*rowsPerChart)
		if err := c.add(f, sheet, cell, dx, 0); err != nil {
			return 0, 0, fmt.Errorf("chart %q: %w", c.title, err)
		}
	}
	wide := int(w)
	if len(charts) > 1 {
		wide = 2*int(w) + chartGap
	}
	lastCol, err = chartsRight(f, sheet, col, wide)
	return lastCol, lastRow, err
}

// The grid under the charts: rows chartRowPt tall, chartGap pixels
// between charts side by side and a row between rows of charts.
const chartRowPt, chartGap = 15, 40

// chartRows is how many rows a row of charts h pixels tall takes, with the
// row after it (excelize's 4/3.4 pixels a point).
func chartRows(h uint) int {
	rowPx := int(math.Ceil(4.0 / 3.4 * chartRowPt))
	return (int(h)+rowPx-1)/rowPx + 1
}

// xlPackTrends writes the pack's Trends sheet: the quarterly series of
// final hearings and placement orders (from the trend keys), the children
// in care by plan now, and four native charts over those cells. Headings
// are the catalogue's labels with the thresholds in force.
func xlPackTrends(f *excelize.File, st *xlStyles, m *data.Measures, page xlPage) error {
	sh := SheetTrends
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := page.fit(f, sh); err != nil {
		return err
	}
	th := m.Thresholds
	if err := xlPutTitle(f, st, sh, "Quarterly trends"); err != nil {
		return err
	}
	note := fmt.Sprintf("Final hearings and placement orders in each calendar quarter, counting events up to %s. "+
		"Weeks are counted from the issue of care proceedings; the dashed line is the %s for care proceedings (%d days).",
		m.AsOf.UK(), limitLabel(th), th.ProceedingsDays)
	if err := xlPut(f, st, sh, 1, 2, excelize.Cell{StyleID: st.note, Value: note}); err != nil {
		return err
	}
	const head = 4
	if err := packQuarterTable(f, st, m, head); err != nil {
		return err
	}
	last := head + len(m.Quarters)
	// Children in care by plan now, beside the quarterly table.
	const pc = 10
	if err := packPlanTable(f, st, m, pc, head); err != nil {
		return err
	}
	for col, w := range map[int]float64{1: 10, 2: 11, 3: 11, 4: 11, 5: 16, 6: 10, 7: 12, 8: 20, 9: 3, 10: 24, 11: 12} {
		c, _ := excelize.ColumnNumberToName(col)
		if err := f.SetColWidth(sh, c, c, w); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, head, 60); err != nil {
		return err
	}
	// The charts start a printed page of their own, under the sheet's
	// title: the tables print whole at a readable size above them.
	chartRow := max(last, head+1+len(data.Plans)) + 2
	lastCol, lastRow, err := xlPlaceCharts(f, sh, packCharts(sh, th, head, last, pc), 1, chartRow, packChartWidth, packChartHeight)
	if err != nil {
		return err
	}
	if err := f.InsertPageBreak(sh, fmt.Sprintf("A%d", chartRow-1)); err != nil {
		return err
	}
	if err := xlWrapNote(f, st, sh, 2, lastCol); err != nil {
		return err
	}
	return page.apply(f, sh, printSetup{title: "Quarterly trends", lastCol: lastCol, lastRow: lastRow, titleRows: [2]int{1, 2}})
}

// The pack's Trends charts, in pixels: two to a row, all four on one
// printed page (see TestExportChartsFitOnePage).
const packChartWidth, packChartHeight = 600, 270

// packQuarterTable writes the quarterly table under the heading row head:
// one row per trend quarter of m.
func packQuarterTable(f *excelize.File, st *xlStyles, m *data.Measures, head int) error {
	sh, th := SheetTrends, m.Thresholds
	fh, po := data.TrendFinalHearing, data.TrendPlacementOrder
	heads := []string{"Quarter", trendLabel(fh, data.TrendCount, th), trendLabel(fh, data.TrendWithin26Weeks, th),
		"Over " + data.WeeksText(th.ProceedingsDays), trendLabel(fh, data.TrendMedianWeeks, th), limitLabel(th),
		trendLabel(po, data.TrendCount, th), trendLabel(po, data.TrendMedianWeeks, th)}
	for i, h := range heads {
		if err := xlPut(f, st, sh, i+1, head, excelize.Cell{StyleID: st.header, Value: h}); err != nil {
			return err
		}
	}
	num := func(key data.Key) any {
		if v, ok := m.Number(key); ok {
			return v
		}
		return nil
	}
	for i, q := range m.Quarters {
		n, within := m.Count(data.TrendKey(fh, q, data.TrendCount)), m.Count(data.TrendKey(fh, q, data.TrendWithin26Weeks))
		if err := xlPutRow(f, st, sh, 1, head+1+i, q.Name, n, within, n-within, num(data.TrendKey(fh, q, data.TrendMedianWeeks)),
			limitWeeks(th), m.Count(data.TrendKey(po, q, data.TrendCount)), num(data.TrendKey(po, q, data.TrendMedianWeeks))); err != nil {
			return err
		}
	}
	return nil
}

// packPlanTable writes the children in care by plan from column pc.
func packPlanTable(f *excelize.File, st *xlStyles, m *data.Measures, pc, head int) error {
	sh := SheetTrends
	if err := xlPutRow(f, st, sh, pc, head, excelize.Cell{StyleID: st.header, Value: "Permanence plan"},
		excelize.Cell{StyleID: st.header, Value: label(data.KeyInCare, m.Thresholds)}); err != nil {
		return err
	}
	for i, p := range data.Plans {
		if err := xlPutRow(f, st, sh, pc, head+1+i, p.Label(), m.Count(data.CohortKey(p))); err != nil {
			return err
		}
	}
	return xlPutRow(f, st, sh, pc, head+1+len(data.Plans), excelize.Cell{StyleID: st.label, Value: "All children in care"},
		excelize.Cell{StyleID: st.label, Value: m.Count(data.KeyInCare)})
}

// packCharts are the Trends sheet's charts over the quarterly table (rows
// head+1 to last) and the plan table at column pc.
func packCharts(sh string, th data.Thresholds, head, last, pc int) []chartSpec {
	cats := xlRange(sh, 1, head+1, 1, last)
	col := func(c int) xlSeries {
		return xlSeries{name: xlRange(sh, c, head, c, head), values: xlRange(sh, c, head+1, c, last)}
	}
	limit := col(6)
	orders := col(8)
	orders.colour = chartPalette[1]
	within, over := col(3), col(4)
	within.colour, over.colour = "5B9B5B", "D98C3F"
	return []chartSpec{
		{title: "Time to final hearing (median weeks from issue)", categories: cats, bars: []xlSeries{col(5)}, line: &limit},
		{title: "Time to placement order (median weeks from issue)", categories: cats, bars: []xlSeries{orders}, line: &limit},
		{title: "Final hearings within and over " + data.WeeksText(th.ProceedingsDays), categories: cats, stacked: true,
			bars: []xlSeries{within, over}},
		{title: "Children in care by permanence plan", categories: xlRange(sh, pc, head+1, pc, head+len(data.Plans)), horizontal: true,
			bars: []xlSeries{{name: xlRange(sh, pc+1, head, pc+1, head), values: xlRange(sh, pc+1, head+1, pc+1, head+len(data.Plans))}}},
	}
}
