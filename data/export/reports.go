package export

import (
	"errors"
	"fmt"
	"permanence/data"

	"github.com/xuri/excelize/v2"
)

// WriteBoardSummary writes the quarterly summary for the Corporate
// Parenting Board from the figures f: aggregates only (no names, no IDs,
// no dates of birth), the data set as at f's date and the trends over the
// last 4 of f.Quarterly (ask the figures service for at least 4 quarters).
func WriteBoardSummary(path string, f *data.Figures, o ExportOptions) error {
	return writeReport(path, f, o, reportSpec{
		title:    "Permanence: quarterly summary for the Corporate Parenting Board",
		short:    "Board summary",
		quarters: 4,
	})
}

// WriteSLTReport writes the 6-monthly report for the senior leadership
// team from the figures f: aggregates only, the data set as at f's date
// and the trends over the last 8 of f.Quarterly (ask the figures service
// for at least 8 quarters).
func WriteSLTReport(path string, f *data.Figures, o ExportOptions) error {
	return writeReport(path, f, o, reportSpec{
		title:    "Permanence: six-monthly report to the Senior Leadership Team",
		short:    "SLT report",
		quarters: 8,
		panel:    true,
	})
}

type reportSpec struct {
	title, short string
	quarters     int
	panel        bool // the Panel sheet: the panel's own half-year
}

// reportQuarters returns the last spec.quarters of f.Quarterly, or an
// error saying what is missing.
func reportQuarters(f *data.Figures, spec reportSpec) ([]data.QuarterFigures, error) {
	n := len(f.Quarterly)
	if n < spec.quarters {
		return nil, fmt.Errorf("the %s shows %d quarters but the figures hold %d: build them with Quarters: %d",
			spec.short, spec.quarters, n, spec.quarters)
	}
	qm := f.Quarterly[n-spec.quarters:]
	for _, q := range qm {
		if q.Measures == nil {
			return nil, fmt.Errorf("the %s: the figures of %s are missing", spec.short, q.Quarter.Label)
		}
	}
	if last := qm[len(qm)-1]; last.End != f.AsOf {
		return nil, fmt.Errorf("the %s: the quarterly figures end on %s, not on the as-at date %s: build them together",
			spec.short, last.End.UK(), f.AsOf.UK())
	}
	return qm, nil
}

func writeReport(path string, f *data.Figures, o ExportOptions, spec reportSpec) error {
	if f == nil || f.Measures == nil {
		return errors.New("no figures to report: compute them first")
	}
	qm, err := reportQuarters(f, spec)
	if err != nil {
		return err
	}
	o = o.withFigures(f)
	m := f.Measures
	wb, st, err := xlNewWorkbook(SheetCover)
	if err != nil {
		return err
	}
	defer wb.Close()
	page := xlPage{authority: o.Authority, asOf: m.AsOf, marking: "OFFICIAL"}
	if err := xlWriteCover(wb, st, reportCover(f, qm, o, spec), page); err != nil {
		return fmt.Errorf("write the cover: %w", err)
	}
	if err := xlWriteList(wb, st, measuresList(m, st), page); err != nil {
		return fmt.Errorf("write the Measures sheet: %w", err)
	}
	if err := xlWriteList(wb, st, benchmarksList(m), page); err != nil {
		return fmt.Errorf("write the Benchmarks sheet: %w", err)
	}
	if err := xlReportTrends(wb, st, qm, page); err != nil {
		return fmt.Errorf("write the Trends sheet: %w", err)
	}
	if spec.panel {
		if err := xlPanelSheet(wb, st, f.Panel, page); err != nil {
			return fmt.Errorf("write the Panel sheet: %w", err)
		}
	}
	if err := wb.SetDocProps(&excelize.DocProperties{Title: spec.short + " as at " + m.AsOf.UK(), Subject: o.Authority,
		Creator: "permanence", Category: "OFFICIAL"}); err != nil {
		return err
	}
	return xlSave(wb, path)
}

// reportCover is what a report's cover says.
func reportCover(f *data.Figures, qm []data.QuarterFigures, o ExportOptions, spec reportSpec) xlCover {
	m := f.Measures
	first, last := qm[0].Quarter, qm[len(qm)-1].Quarter
	c := xlCover{
		title: spec.title,
		details: [][2]any{
			{"Authority", textOr(o.Authority, "not set")},
			{"As at", m.AsOf},
			{"Data set period", periodText(m)},
			{"Filter", filterText(f.Filter)},
			{"Trends", fmt.Sprintf("%d quarters, %s to %s (each figure as at the quarter's end)", len(qm), first.Name, last.Name)},
			{"Thresholds", thresholdsText(m.Thresholds)},
			{"Extract used", textOr(o.Extract, "not recorded")},
			{"Prepared", data.Today()},
			{"Names", "None: aggregate figures only (no names, IDs or dates of birth)"},
			{"Handling", "OFFICIAL. Small numbers could identify a child: do not publish figures under 5 without checking."},
		},
		glance: m,
		contents: [][2]string{
			{SheetMeasures, "Every item of the panel's data set as at " + m.AsOf.UK() + ", with thresholds and status, England's figure and the authority's comparators"},
			{SheetBenchmarks, "The published figures beside the panel's own: source, address, period, age and how each differs"},
			{SheetTrends, fmt.Sprintf("The data set quarter by quarter over the last %d quarters", len(qm))},
			{SheetCharts, "Charts of the trends: time to final hearing and to placement order, children by plan, successes"},
		},
		notes: []string{
			"Proportions are shown as numerator and denominator. Red, amber and green follow the rule written beside each measure on the Measures sheet.",
			"Each quarter's figures are the children's state at the quarter's end; counts of events (hearings, orders) are those in that quarter.",
			"Disruptions are counted in the quarter they happened, changes of plan in the quarter they were first seen in an extract.",
		},
	}
	c.notes = withNote(c.notes, populationNote(f))
	if spec.panel {
		c.contents = append(c.contents, [2]string{SheetPanel, "The panel's half-year: meetings held, children reviewed, " +
			"permanence since, barriers by theme (with a chart), escalations, actions and reviews missed"})
	}
	return c
}

// reportRow is one row of the report's Trends table.
type reportRow struct {
	id    string // names the row for a chart: its key, or a name of its own
	label string
	group bool // a group heading
	value func(q data.QuarterFigures) any
}

// countRow is a count measure's row, with its catalogue label.
func countRow(k data.Key, th data.Thresholds) reportRow {
	return reportRow{id: string(k), label: label(k, th), value: func(q data.QuarterFigures) any { return q.Count(k) }}
}

// numberRow is a median or mean measure's row, blank in a quarter with
// nothing to take it over.
func numberRow(k data.Key, th data.Thresholds) reportRow {
	return reportRow{id: string(k), label: label(k, th), value: func(q data.QuarterFigures) any { return numberOrNil(q.Measures, k) }}
}

// trendRow is a trend statistic's row: each quarter's value of its own
// trend key.
func trendRow(series, stat string, th data.Thresholds) reportRow {
	return reportRow{id: trendRowID(series, stat), label: trendLabel(series, stat, th),
		value: func(q data.QuarterFigures) any {
			k := data.TrendKey(series, q.Quarter, stat)
			if stat == data.TrendCount || stat == data.TrendWithin26Weeks {
				return q.Count(k)
			}
			return numberOrNil(q.Measures, k)
		}}
}

// trendRowID names a trend statistic's row: "placement_order median_weeks".
func trendRowID(series, stat string) string { return series + " " + stat }

// groupRow is a group heading: the catalogue group of k.
func groupRow(k data.Key) reportRow {
	e, err := data.Lookup(k)
	if err != nil {
		panic(err)
	}
	return reportRow{label: e.Group, group: true}
}

func numberOrNil(m *data.Measures, k data.Key) any {
	if v, ok := m.Number(k); ok {
		return v
	}
	return nil
}

func driftCount(k data.DriftKind) func(q data.QuarterFigures) any {
	return func(q data.QuarterFigures) any {
		n := 0
		for i := range q.Drift {
			if q.HasDrift(i, k) {
				n++
			}
		}
		return n
	}
}

// The ids of the rows the charts draw that are not a measure's key.
const (
	rowLimit         = "limit"
	rowSuccessPrefix = "success."
)

// reportRows are the Trends table's rows, in order, each labelled from the
// catalogue (or the drift flags) with the thresholds th.
func reportRows(th data.Thresholds) []reportRow {
	// Children in care heads the table; the plans follow under their own
	// heading (the catalogue's group and label of in_care are the same).
	rows := []reportRow{countRow(data.KeyInCare, th), groupRow(data.KeyPlanConfirmedDenominator)}
	for _, p := range data.Plans {
		rows = append(rows, countRow(data.CohortKey(p), th))
	}
	rows = append(rows,
		countRow(data.KeyPlanConfirmedDenominator, th),
		countRow(data.KeyPlanConfirmedNumerator, th),
		groupRow(data.KeyProceedings),
		countRow(data.KeyPreProceedings, th),
		countRow(data.KeyProceedings, th),
		countRow(data.KeyProceedingsOver26Weeks, th),
		countRow(data.KeyFinalHearings, th),
		countRow(data.KeyFinalHearingsWithin26Weeks, th),
		numberRow(data.KeyFinalHearingsMedianWeeks, th),
		reportRow{id: rowLimit, label: limitLabel(th), value: func(q data.QuarterFigures) any { return limitWeeks(q.Thresholds) }},
		trendRow(data.TrendPlacementOrder, data.TrendCount, th),
		trendRow(data.TrendPlacementOrder, data.TrendMedianWeeks, th),
		groupRow(data.KeyAdoptionOrders),
		countRow(data.KeyAdoptionActive, th),
		countRow(data.KeyAdoptionOrders, th),
		numberRow(data.KeyA1MeanDays, th),
		numberRow(data.KeyA2MeanDays, th),
		countRow(data.KeyEarlyPermanencePlacements, th),
		countRow(data.KeyAwaitingRevocation, th),
		groupRow(data.KeyCelebrations),
	)
	for _, k := range data.SuccessKeys {
		r := countRow(k, th)
		r.id = rowSuccessPrefix + r.id
		rows = append(rows, r)
	}
	rows = append(rows, countRow(data.KeyCelebrations, th))
	rows = append(rows, changeRows(th)...)
	rows = append(rows,
		reportRow{label: "Drift", group: true},
		reportRow{label: "Children with at least one drift flag", value: func(q data.QuarterFigures) any {
			n := 0
			for _, fs := range q.Drift {
				if len(fs) > 0 {
					n++
				}
			}
			return n
		}},
	)
	for _, k := range data.DriftKinds {
		rows = append(rows, reportRow{label: k.Label(th), value: driftCount(k)})
	}
	return rows
}

// xlReportTrends writes the report's Trends sheet (one row per measure,
// one column per quarter) and its Charts sheet of native charts over
// those rows.
func xlReportTrends(f *excelize.File, st *xlStyles, qm []data.QuarterFigures, page xlPage) error {
	sh := SheetTrends
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := page.fit(f, sh); err != nil {
		return err
	}
	const head = 4
	at, lastRow, err := reportTable(f, st, qm, head)
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "A", "A", 58); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(1 + len(qm))
	if err := f.SetColWidth(sh, "B", lastCol, 10); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: head, TopLeftCell: "B5", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	charts, err := reportCharts(sh, at, head, len(qm))
	if err != nil {
		return err
	}
	if err := xlWrapNote(f, st, sh, 2, 1+len(qm)); err != nil {
		return err
	}
	title := fmt.Sprintf("Trends over %d quarters", len(qm))
	if err := page.apply(f, sh, printSetup{title: title, lastCol: 1 + len(qm), lastRow: lastRow,
		titleRows: [2]int{head, head}}); err != nil {
		return err
	}
	return xlReportCharts(f, st, charts, qm[len(qm)-1].Thresholds, title, page)
}

// reportTable writes the title, note and table of the Trends sheet, the
// quarters' labels on row head, and returns the row of each row's id and
// the table's last row.
func reportTable(f *excelize.File, st *xlStyles, qm []data.QuarterFigures, head int) (map[string]int, int, error) {
	sh := SheetTrends
	if err := xlPutTitle(f, st, sh, fmt.Sprintf("Trends over %d quarters", len(qm))); err != nil {
		return nil, 0, err
	}
	note := "Each quarter: children as at the quarter's end; events (hearings, orders) in the quarter. Aggregate figures only."
	if last := qm[len(qm)-1]; last.End < last.Quarter.End {
		note += fmt.Sprintf(" %s runs to %s only.", last.Quarter.Name, last.End.UK())
	}
	if err := xlPut(f, st, sh, 1, 2, excelize.Cell{StyleID: st.note, Value: note}); err != nil {
		return nil, 0, err
	}
	heads := []any{excelize.Cell{StyleID: st.header, Value: "Measure"}}
	for _, q := range qm {
		heads = append(heads, excelize.Cell{StyleID: st.listHeadNum, Value: q.Quarter.Name})
	}
	if err := xlPutRow(f, st, sh, 1, head, heads...); err != nil {
		return nil, 0, err
	}
	at := map[string]int{}
	rows := reportRows(qm[len(qm)-1].Thresholds)
	for i, r := range rows {
		row := head + 1 + i
		if r.id != "" {
			at[r.id] = row
		}
		vals := []any{r.label}
		for _, q := range qm {
			if r.group {
				vals = append(vals, excelize.Cell{StyleID: st.group, Value: ""})
			} else {
				vals = append(vals, r.value(q))
			}
		}
		if r.group {
			vals[0] = excelize.Cell{StyleID: st.group, Value: r.label}
		}
		if err := xlPutRow(f, st, sh, 1, row, vals...); err != nil {
			return nil, 0, err
		}
	}
	return at, head + len(rows), nil
}

// reportCharts are the charts over the Trends table's rows (found by id),
// with n quarters in columns B onwards.
func reportCharts(sh string, at map[string]int, head, n int) ([]chartSpec, error) {
	cats := xlRange(sh, 2, head, 1+n, head)
	missing := ""
	row := func(id, colour string) xlSeries {
		r, ok := at[id]
		if !ok {
			missing = id
		}
		return xlSeries{name: xlRange(sh, 1, r, 1, r), values: xlRange(sh, 2, r, 1+n, r), colour: colour}
	}
	var plans, successes []xlSeries
	for i, p := range data.Plans {
		plans = append(plans, row(string(data.CohortKey(p)), chartPalette[i%len(chartPalette)]))
	}
	for i, k := range data.SuccessKeys {
		successes = append(successes, row(rowSuccessPrefix+string(k), chartPalette[i%len(chartPalette)]))
	}
	charts := []chartSpec{
		{title: "Time to final hearing (median weeks from issue)", categories: cats,
			bars: []xlSeries{row(string(data.KeyFinalHearingsMedianWeeks), chartPalette[0])}, line: xlPtr(row(rowLimit, ""))},
		{title: "Time to placement order (median weeks from issue)", categories: cats,
			bars: []xlSeries{row(trendRowID(data.TrendPlacementOrder, data.TrendMedianWeeks), chartPalette[1])}, line: xlPtr(row(rowLimit, ""))},
		{title: "Children in care by permanence plan", categories: cats, stacked: true, bars: plans},
		{title: "Successes by quarter", categories: cats, stacked: true, bars: successes},
	}
	if missing != "" {
		return nil, fmt.Errorf("no trends row %q for a chart", missing)
	}
	return charts, nil
}

// xlReportCharts writes the Charts sheet: the charts on a sheet (and a
// printed page) of their own.
func xlReportCharts(f *excelize.File, st *xlStyles, charts []chartSpec, th data.Thresholds, title string, page xlPage) error {
	ch := SheetCharts
	if _, err := f.NewSheet(ch); err != nil {
		return err
	}
	if err := page.fit(f, ch); err != nil {
		return err
	}
	if err := f.SetColWidth(ch, "A", "AZ", 5); err != nil {
		return err
	}
	if err := xlPutTitle(f, st, ch, title+": charts"); err != nil {
		return err
	}
	note := fmt.Sprintf("Drawn from the Trends sheet. The dashed line is the %s for care proceedings (%d days).",
		limitLabel(th), th.ProceedingsDays)
	if err := xlPut(f, st, ch, 1, 2, excelize.Cell{StyleID: st.note, Value: note}); err != nil {
		return err
	}
	lastCol, lastRow, err := xlPlaceCharts(f, ch, charts, 1, 4, reportChartWidth, reportChartHeight)
	if err != nil {
		return err
	}
	if err := xlWrapNote(f, st, ch, 2, lastCol); err != nil {
		return err
	}
	return page.apply(f, ch, printSetup{title: title, lastCol: lastCol, lastRow: lastRow, titleRows: [2]int{1, 2}})
}

// The report's charts, in pixels: two to a row, all four on one printed
// page (see TestExportChartsFitOnePage).
const reportChartWidth, reportChartHeight = 560, 250

func xlPtr[T any](v T) *T { return &v }
