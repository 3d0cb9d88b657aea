package export

import (
	"fmt"
	"permanence/data"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheets shared by the panel pack, the board summary and the SLT report:
// the cover and the Measures sheet.

// Sheet names the check script and the tests look for.
const (
	SheetCover    = "Cover"
	SheetMeasures = "Measures"
	SheetTrends   = "Trends"
	SheetCharts   = "Charts" // the board and SLT reports' charts
)

// xlCover is what a cover sheet says.
type xlCover struct {
	title    string
	details  [][2]any // label, value (text or Date)
	glance   *data.Measures
	contents [][2]string // sheet, what it holds
	notes    []string
}

// glanceKeys are the headline figures on every cover, in order; their
// labels come from the catalogue.
var glanceKeys = []data.Key{
	data.KeyInCare,
	data.KeyProceedingsOver26Weeks,
	data.KeyFinalHearingsWithin26Weeks,
	data.KeyFinalHearingsMedianWeeks,
	data.KeyA1MeanDays,
	data.KeyA2MeanDays,
	data.KeyPlanConfirmedNumerator,
	data.KeyAwaitingRevocation,
	data.KeyCelebrations,
	data.KeyDisruptions,
	data.KeyPlanChanges,
}

// Widths of the cover's columns: labels, values, status.
const coverLabelWidth, coverValueWidth = 58, 64

// coverWriter streams the cover's rows one after another.
type coverWriter struct {
	sw  *excelize.StreamWriter
	st  *xlStyles
	row int
}

// put writes one row; a wrapped label (column A) or value (column B) gets
// a row tall enough to show it whole.
func (w *coverWriter) put(vals []any, opts ...excelize.RowOpts) error {
	if len(opts) == 0 {
		lines := 1
		if c, ok := vals[0].(excelize.Cell); ok && c.StyleID == w.st.wrap {
			lines = WrappedLines(c.Value.(string), coverLabelWidth, 11)
		}
		if len(vals) > 1 {
			if c, ok := vals[1].(excelize.Cell); ok && c.StyleID == w.st.coverValue {
				if s, ok := c.Value.(string); ok {
					lines = max(lines, WrappedLines(s, coverValueWidth, 12))
				}
			}
		}
		if lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: lineHeight(lines, 12)})
		}
	}
	for i := range vals {
		if _, ok := vals[i].(excelize.Cell); !ok {
			vals[i] = w.st.cell(vals[i])
		}
	}
	ref, _ := excelize.CoordinatesToCellName(1, w.row)
	w.row++
	return w.sw.SetRow(ref, vals, opts...)
}

// xlWriteCover writes the cover with the stream writer (column A labels,
// B values, C status).
func xlWriteCover(f *excelize.File, st *xlStyles, c xlCover, page xlPage) error {
	if err := page.fit(f, SheetCover); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetCover)
	if err != nil {
		return err
	}
	for col, wd := range []float64{coverLabelWidth, coverValueWidth, 12} {
		if err := sw.SetColWidth(col+1, col+1, wd); err != nil {
			return err
		}
	}
	w := &coverWriter{sw: sw, st: st, row: 1}
	if err := w.put([]any{excelize.Cell{StyleID: st.title, Value: c.title}}, excelize.RowOpts{Height: titleRowPt}); err != nil {
		return err
	}
	if err := w.put([]any{excelize.Cell{StyleID: st.subtitle, Value: textOr(page.authority, "Authority not set (Settings)")}}, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	w.row++
	for _, step := range []func() error{
		func() error { return w.details(c.details) },
		func() error { return w.glance(c.glance) },
		func() error { return w.contents(c.contents) },
		func() error { return w.notes(c.notes) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	if err := page.apply(f, SheetCover, printSetup{title: c.title, lastCol: 3, lastRow: w.row - 1, titleRows: [2]int{1, 1}}); err != nil {
		return err
	}
	return sw.Flush()
}

// details writes the cover's label and value pairs.
func (w *coverWriter) details(details [][2]any) error {
	st := w.st
	for _, d := range details {
		v := d[1]
		switch x := v.(type) {
		case data.Date:
			v = excelize.Cell{StyleID: st.coverDate, Value: x.ExcelSerial()}
		case string:
			v = excelize.Cell{StyleID: st.coverValue, Value: x}
			if formulaLike(x) {
				v = excelize.Cell{StyleID: st.quoted, Value: x}
			}
		}
		if err := w.put([]any{excelize.Cell{StyleID: st.coverKey, Value: d[0]}, v}); err != nil {
			return err
		}
	}
	return nil
}

// glance writes the headline figures with their catalogue labels and
// red/amber/green status.
func (w *coverWriter) glance(m *data.Measures) error {
	if m == nil {
		return nil
	}
	st := w.st
	w.row++
	if err := w.put([]any{excelize.Cell{StyleID: st.header, Value: "At a glance"},
		excelize.Cell{StyleID: st.header, Value: "Figure"}, excelize.Cell{StyleID: st.header, Value: "Status"}}); err != nil {
		return err
	}
	for _, k := range glanceKeys {
		v, ok := m.Get(k)
		var text any = "no data in the period"
		if ok {
			text = v.Text()
			if num, den, ok := m.Proportion(k); ok {
				text = fmt.Sprintf("%d of %d", num, den)
			}
		}
		r := m.RateRAG(k)
		if err := w.put([]any{excelize.Cell{StyleID: st.wrap, Value: glanceLabel(k, m.Thresholds)},
			excelize.Cell{StyleID: st.coverValue, Value: text}, st.statusCell(r.Status)}); err != nil {
			return err
		}
	}
	return nil
}

// contents writes the list of the workbook's sheets.
func (w *coverWriter) contents(contents [][2]string) error {
	if len(contents) == 0 {
		return nil
	}
	st := w.st
	w.row++
	if err := w.put([]any{excelize.Cell{StyleID: st.header, Value: "Sheet"}, excelize.Cell{StyleID: st.header, Value: "What it holds"},
		excelize.Cell{StyleID: st.header, Value: ""}}); err != nil {
		return err
	}
	for _, s := range contents {
		if err := w.put([]any{excelize.Cell{StyleID: st.label, Value: s[0]}, excelize.Cell{StyleID: st.coverValue, Value: s[1]}}); err != nil {
			return err
		}
	}
	return nil
}

// notes writes the cover's closing notes.
func (w *coverWriter) notes(notes []string) error {
	if len(notes) == 0 {
		return nil
	}
	w.row++
	for _, n := range notes {
		if err := w.put([]any{excelize.Cell{StyleID: w.st.note, Value: n}}); err != nil {
			return err
		}
	}
	return nil
}

// label is a measure's catalogue label with the thresholds in force: a
// cohort's names its plan, and a trend's leaves out its QUARTER (the
// table's columns or rows say the quarter). A key that is not in the
// catalogue is a programming error.
func label(k data.Key, th data.Thresholds) string {
	e, err := data.Lookup(k)
	if err != nil {
		panic(err)
	}
	l := e.Label(th)
	if !e.Pattern {
		return l
	}
	for _, p := range data.Plans {
		if data.CohortKey(p) == k {
			return strings.Replace(l, "PLAN", p.Label(), 1)
		}
	}
	return strings.Replace(l, " QUARTER", "", 1)
}

// trendLabel is the catalogue label of a trend series' statistic, without
// its quarter: "Final hearings: median weeks".
func trendLabel(series, stat string, th data.Thresholds) string {
	return label(data.TrendKey(series, data.Quarter{Label: "2000-Q1"}, stat), th)
}

// glanceLabel is a measure's catalogue label standing on its own: a share
// whose label continues its denominator's ("… within 26 weeks of issue")
// is put after the denominator's label.
func glanceLabel(k data.Key, th data.Thresholds) string {
	l := label(k, th)
	e, _ := data.Lookup(k)
	if rest, ok := strings.CutPrefix(l, "… "); ok && e.Denominator != "" {
		return label(e.Denominator, th) + ": " + rest
	}
	return l
}

// limitLabel names the care proceedings limit in force as a series: the
// "26-week limit", or the "180-day limit" when it is not whole weeks.
func limitLabel(th data.Thresholds) string {
	if th.ProceedingsDays%7 == 0 {
		return fmt.Sprintf("%d-week limit", th.ProceedingsDays/7)
	}
	return fmt.Sprintf("%d-day limit", th.ProceedingsDays)
}

// limitWeeks is the care proceedings limit in weeks, for a chart's line.
func limitWeeks(th data.Thresholds) float64 {
	return data.RoundRatio(int64(th.ProceedingsDays), 7)
}

// thresholdsText lists the thresholds in force, for the cover.
func thresholdsText(th data.Thresholds) string {
	return fmt.Sprintf("Care proceedings %s; pre-proceedings %s; adoption scorecard A1 and A10 %d days, A2 %d days; "+
		"placed with parents %s; care order with a plan other than long-term fostering %s; adoption plan ended, placement order not revoked %s.",
		data.WeeksText(th.ProceedingsDays), data.WeeksText(th.PreProceedingsDays), th.A1Days, th.A2Days,
		data.MonthsText(th.PlacedWithParentsMonths), data.MonthsText(th.CareOrderMonths), data.MonthsText(th.AdoptionEndedMonths))
}

// periodText says the measures' period and its length: "01/04/2025 to
// 31/03/2026 (12 months)".
func periodText(m *data.Measures) string {
	a, from := m.AsOf, m.PeriodStart
	text := from.AddDays(1).UK() + " to " + a.UK()
	for n := 1; n <= 1200; n++ {
		if a.AddMonths(-n) == from {
			return text + " (" + data.MonthsText(n) + ")"
		}
		if a.AddMonths(-n) < from {
			break
		}
	}
	if from == data.FinancialYearStart(a) {
		return text + " (the financial year to date)"
	}
	if d := data.Days(from, a); d != 1 {
		return text + fmt.Sprintf(" (%d days)", d)
	}
	return text + " (1 day)"
}

// filterText says which children the figures count.
func filterText(f data.Filter) string {
	if !f.Active() {
		return "None: every child"
	}
	return f.Text() + ". Every figure counts only the children this filter keeps."
}

// thresholdText is the threshold a measure is held against, from its
// rating or, for a measure the panel does not rate, from the setting its
// catalogue entry names ("426 days").
func thresholdText(k data.Key, r data.RAGRating, th data.Thresholds) string {
	if r.Threshold != "" {
		return r.Threshold
	}
	e, err := data.Lookup(k)
	if err != nil || e.Threshold == "" {
		return ""
	}
	s, ok := data.ThresholdSettingFor(e.Threshold)
	if !ok {
		return ""
	}
	v := s.Get(th)
	if s.Unit == "months" {
		return data.MonthsText(v)
	}
	return fmt.Sprintf("%d %s", v, s.Unit)
}

func textOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// statusCell is a status word in its red, amber or green fill.
func (st *xlStyles) statusCell(s data.RAG) any {
	switch s {
	case data.RAGGreen:
		return excelize.Cell{StyleID: st.green, Value: string(s)}
	case data.RAGAmber:
		return excelize.Cell{StyleID: st.amber, Value: string(s)}
	case data.RAGRed:
		return excelize.Cell{StyleID: st.red, Value: string(s)}
	}
	return nil
}

// MeasuresColumns are the Measures sheet's headings, in order: what a
// reader needs first, printed (the figure, its threshold and status, then
// England's figure beside it with its period and publisher, and the
// authority's own comparators); the catalogue's group, the national
// figure's full source and the measure's key (the name the CLI's JSON and
// the check script use) last, on screen only. The Benchmarks sheet prints
// every source in full.
var MeasuresColumns = []string{"Measure", "Value", "Numerator", "Denominator", "Threshold", "Status", "England", "Comparators", "Rule",
	"Group", "England source", "Key"}

// measuresPrinted is how many of MeasuresColumns are printed: up to Rule.
const measuresPrinted = 9

// measuresList is every value of the data set as a list: one row per key,
// with its label (with the thresholds in force; a trend's with its
// quarter), numerator and denominator for proportions, and the threshold,
// red/amber/green status and rule where the catalogue rates the measure,
// the national figure and the comparators beside it, then its catalogue
// group, the national figure's source and its key.
func measuresList(m *data.Measures, st *xlStyles) xlList {
	cols := make([]ListColumn, len(MeasuresColumns))
	for i, h := range MeasuresColumns {
		cols[i] = ListColumn{Heading: h}
	}
	rows := make([][]any, 0, len(m.Values))
	for _, v := range m.Values {
		rows = append(rows, measureRow(m, v, st))
	}
	return xlList{name: SheetMeasures, cols: cols, rows: rows, maxWidth: 60, print: measuresPrinted,
		header: "The panel's data set"}
}

// englandText is the national figure beside a measure as the Measures
// sheet shows it, the figure and its period first (they still read when
// the column is narrow), then its area and publisher: "38 weeks, Apr–Jun
// 2025 (England and Wales, Ministry of Justice)"; and its full source.
// nil when there is none.
func englandText(m *data.Measures, k data.Key) (figure, source any) {
	b, ok := m.National(k)
	if !ok {
		return nil, nil
	}
	text := b.ValueText() + ", " + b.Period + " (" + b.Area + ", " + b.Publisher
	if b.Old(m.AsOf) {
		text += "; over two years old"
	}
	return text + ")", b.SourceText()
}

// comparatorsText is the authority's comparators beside a measure, one a
// line ("Statistical neighbours: 43.5 weeks (Apr–Jun 2025)"); nil when
// there are none.
func comparatorsText(m *data.Measures, k data.Key) any {
	cs := m.Comparators(k)
	if len(cs) == 0 {
		return nil
	}
	lines := make([]string, len(cs))
	for i, b := range cs {
		lines[i] = b.Caption(m.AsOf)
	}
	return strings.Join(lines, "\n")
}

// measureRow is one row of the Measures sheet, in MeasuresColumns' order.
// The value's label is the catalogue's, made by Compute with the
// thresholds of m (a cohort's with its plan, a trend's with its quarter).
func measureRow(m *data.Measures, v data.Value, st *xlStyles) []any {
	var value any = v.Count
	if !v.IsCount {
		value = v.Number
	}
	var num, den any
	if n, d, ok := m.Proportion(v.Key); ok {
		num, den = n, d
	}
	r := m.RateRAG(v.Key)
	var rule any
	if r.Rule != "" {
		rule = r.Rule
		if r.Status == data.RAGNone {
			rule = r.Rule + " Not rated: nothing to measure."
		}
	}
	group := v.Group
	if e, err := data.Lookup(v.Key); err == nil {
		group = e.Group
	}
	var threshold any
	if t := thresholdText(v.Key, r, m.Thresholds); t != "" {
		threshold = t
	}
	england, source := englandText(m, v.Key)
	return []any{measureLabel(m, v), value, num, den, threshold, st.statusCell(r.Status), england, comparatorsText(m, v.Key), rule,
		group, source, string(v.Key)}
}

// measureLabel is the label a reader sees for a value: the one Compute
// gave it or, should it have none, its catalogue entry's with the
// thresholds in force. Never the key.
func measureLabel(m *data.Measures, v data.Value) string {
	if strings.TrimSpace(v.Label) != "" {
		return v.Label
	}
	if e, err := data.Lookup(v.Key); err == nil {
		return e.Label(m.Thresholds)
	}
	return "(no label)"
}
