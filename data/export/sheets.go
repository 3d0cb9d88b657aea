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

// glanceKeys are the headline figures on every cover, in order.
var glanceKeys = []struct{ key, label string }{
	{"in_care", "Children in care"},
	{"proceedings.over_26_weeks", "Care proceedings over 26 weeks"},
	{"final_hearings.within_26_weeks", "Final hearings within 26 weeks of issue"},
	{"final_hearings.median_weeks", "Median weeks from issue to final hearing"},
	{"adoption.a1_mean_days", "A1: mean days, entering care to moving in with adopters"},
	{"adoption.a2_mean_days", "A2: mean days, placement order to match"},
	{"plan_confirmed_by_second_review.numerator", "Plans confirmed by the second review"},
	{"po_not_adoption.awaiting_revocation", "Placement orders awaiting revocation"},
	{"celebrations.total", "Successes in the period (orders, discharges, LTF matches)"},
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
	const labelWidth, valueWidth = 58, 64
	for col, w := range []float64{labelWidth, valueWidth, 12} {
		if err := sw.SetColWidth(col+1, col+1, w); err != nil {
			return err
		}
	}
	row := 1
	put := func(vals []any, opts ...excelize.RowOpts) error {
		// Wrapped values get a row tall enough to show them whole.
		if len(opts) == 0 && len(vals) > 1 {
			if c, ok := vals[1].(excelize.Cell); ok {
				if s, ok := c.Value.(string); ok {
					if n := wrappedLines(s, valueWidth, 12); n > 1 {
						opts = append(opts, excelize.RowOpts{Height: lineHeight(n, 12)})
					}
				}
			}
		}
		for i := range vals {
			if _, ok := vals[i].(excelize.Cell); !ok {
				vals[i] = st.cell(vals[i])
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(ref, vals, opts...)
	}
	if err := put([]any{excelize.Cell{StyleID: st.title, Value: c.title}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := put([]any{excelize.Cell{StyleID: st.subtitle, Value: textOr(page.authority, "Authority not set (Settings)")}}, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	row++
	for _, d := range c.details {
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
		if err := put([]any{excelize.Cell{StyleID: st.coverKey, Value: d[0]}, v}); err != nil {
			return err
		}
	}
	if m := c.glance; m != nil {
		row++
		if err := put([]any{excelize.Cell{StyleID: st.header, Value: "At a glance"},
			excelize.Cell{StyleID: st.header, Value: "Figure"}, excelize.Cell{StyleID: st.header, Value: "Status"}}); err != nil {
			return err
		}
		for _, g := range glanceKeys {
			v, ok := m.Get(g.key)
			var text any = "no data in the period"
			if ok {
				text = v.Text()
				if num, den, ok := m.Proportion(g.key); ok {
					text = fmt.Sprintf("%d of %d", num, den)
				}
			}
			r := m.RateRAG(g.key)
			if err := put([]any{g.label, excelize.Cell{StyleID: st.coverValue, Value: text}, st.statusCell(r.Status)}); err != nil {
				return err
			}
		}
	}
	if len(c.contents) > 0 {
		row++
		if err := put([]any{excelize.Cell{StyleID: st.header, Value: "Sheet"}, excelize.Cell{StyleID: st.header, Value: "What it holds"},
			excelize.Cell{StyleID: st.header, Value: ""}}); err != nil {
			return err
		}
		for _, s := range c.contents {
			if err := put([]any{excelize.Cell{StyleID: st.label, Value: s[0]}, excelize.Cell{StyleID: st.coverValue, Value: s[1]}}); err != nil {
				return err
			}
		}
	}
	if len(c.notes) > 0 {
		row++
		for _, n := range c.notes {
			if err := put([]any{excelize.Cell{StyleID: st.note, Value: n}}); err != nil {
				return err
			}
		}
	}
	if err := page.apply(f, SheetCover, c.title, true); err != nil {
		return err
	}
	return sw.Flush()
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

// Widths of the Measures sheet's wrapped columns.
const measureLabelWidth, measureRuleWidth = 56, 80

// MeasuresColumns are the Measures sheet's headings, in order.
var MeasuresColumns = []string{"Group", "Measure", "Key", "Value", "Numerator", "Denominator", "Threshold", "Status", "Rule"}

// measuresList is every value of the data set as a list: one row per key,
// with numerator and denominator for proportions, and the threshold,
// red/amber/green status and rule where the panel rates the measure.
func measuresList(m *data.Measures, st *xlStyles) xlList {
	cols := make([]ListColumn, len(MeasuresColumns))
	for i, h := range MeasuresColumns {
		cols[i] = ListColumn{Heading: h}
	}
	rows := make([][]any, 0, len(m.Values))
	for _, v := range m.Values {
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
			rule = excelize.Cell{StyleID: st.wrap, Value: r.Rule}
			if r.Status == data.RAGNone {
				rule = excelize.Cell{StyleID: st.wrap, Value: r.Rule + " Not rated: nothing to measure."}
			}
		}
		group := v.Group
		if group == "" && strings.HasPrefix(v.Key, "trend.") {
			group = "Trends"
		}
		label := excelize.Cell{StyleID: st.wrap, Value: v.Label}
		var threshold any
		if r.Threshold != "" {
			threshold = excelize.Cell{StyleID: st.indent, Value: r.Threshold}
		}
		rows = append(rows, []any{group, label, v.Key, value, num, den, threshold, st.statusCell(r.Status), rule})
	}
	ls := xlList{name: SheetMeasures, cols: cols, rows: rows, maxWidth: 60,
		fixed: map[int]float64{1: measureLabelWidth, 8: measureRuleWidth}, header: "The panel's data set"}
	ls.heights = make([]float64, len(rows))
	for i, r := range rows {
		lines := wrappedLines(r[1].(excelize.Cell).Value.(string), measureLabelWidth, 11)
		if c, ok := r[8].(excelize.Cell); ok {
			lines = max(lines, wrappedLines(c.Value.(string), measureRuleWidth, 11))
		}
		if lines > 1 {
			ls.heights[i] = lineHeight(lines, 11)
		}
	}
	return ls
}
