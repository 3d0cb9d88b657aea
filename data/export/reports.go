package export

import (
	"context"
	"errors"
	"fmt"
	"permanence/data"
	"permanence/data/store"
	"runtime"

	"github.com/xuri/excelize/v2"
)

// WriteBoardSummary writes the quarterly summary for the Corporate
// Parenting Board: aggregates only (no names, no IDs, no dates of birth),
// the data set as at asOf and the trends over the last 4 quarters, each
// computed from the children's state at that quarter's end.
func WriteBoardSummary(ctx context.Context, path string, s *store.Store, asOf data.Date, o ExportOptions) error {
	return writeReport(ctx, path, s, asOf, o, reportSpec{
		title:    "Permanence: quarterly summary for the Corporate Parenting Board",
		short:    "Board summary",
		quarters: 4,
	})
}

// WriteSLTReport writes the 6-monthly report for the senior leadership
// team: aggregates only, the data set as at asOf and the trends over the
// last 8 quarters.
func WriteSLTReport(ctx context.Context, path string, s *store.Store, asOf data.Date, o ExportOptions) error {
	return writeReport(ctx, path, s, asOf, o, reportSpec{
		title:    "Permanence: six-monthly report to the Senior Leadership Team",
		short:    "SLT report",
		quarters: 8,
	})
}

type reportSpec struct {
	title, short string
	quarters     int
}

// QuarterMeasures are the measures at one quarter's end, over that quarter.
type QuarterMeasures struct {
	Quarter data.Quarter
	End     data.Date // the quarter's last day, or the as-at date for the current quarter
	*data.Measures
}

// QuarterlyMeasures computes the data set at the end of each of the n
// quarters ending with the one that holds asOf (the current quarter ends
// at asOf), from the children's state at that date, with the period being
// that quarter. Oldest first.
func QuarterlyMeasures(ctx context.Context, s *store.Store, asOf data.Date, n int, th data.Thresholds) ([]QuarterMeasures, error) {
	qs := data.TrendQuarters(asOf, n)
	out := make([]QuarterMeasures, len(qs))
	for i, q := range qs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		end := q.End
		if end > asOf {
			end = asOf
		}
		children, err := s.StateAt(ctx, end)
		if err != nil {
			return nil, fmt.Errorf("read the children as at %s: %w", end.UK(), err)
		}
		m := data.Compute(children, end, q.Start.AddDays(-1), th)
		// The reports need each quarter's counts, members and drift flags,
		// not the children's rows: let them go, so eight quarters of a
		// national-scale store do not sit in memory at once.
		m.Children = nil
		out[i] = QuarterMeasures{Quarter: q, End: end, Measures: m}
		if len(children) > 50000 {
			children = nil
			runtime.GC() // hand the quarter's rows back before reading the next
		}
	}
	return out, nil
}

func writeReport(ctx context.Context, path string, s *store.Store, asOf data.Date, o ExportOptions, spec reportSpec) error {
	if s == nil {
		return errors.New("no store to report from")
	}
	if asOf.IsZero() {
		d, err := s.LatestExtractDate(ctx)
		if err != nil {
			return err
		}
		if d.IsZero() {
			return errors.New("the store has no extracts yet: import one first")
		}
		asOf = d
	}
	if o.Authority == "" {
		name, err := s.Setting(ctx, "authority_name", "")
		if err != nil {
			return err
		}
		o.Authority = name
	}
	if o.Extract == "" {
		xs, err := s.Extracts(ctx)
		if err != nil {
			return err
		}
		for _, x := range xs {
			if x.Date <= asOf {
				o.Extract = fmt.Sprintf("%s (extract of %s)", x.FileName, x.Date.UK())
			}
		}
	}
	th := data.DefaultThresholds()
	children, err := s.StateAt(ctx, asOf)
	if err != nil {
		return fmt.Errorf("read the children as at %s: %w", asOf.UK(), err)
	}
	m := data.Compute(children, asOf, data.NoDate, th)
	qm, err := QuarterlyMeasures(ctx, s, asOf, spec.quarters, th)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	f, st, err := xlNewWorkbook(SheetCover)
	if err != nil {
		return err
	}
	defer f.Close()
	page := xlPage{authority: o.Authority, asOf: asOf, marking: "OFFICIAL"}
	first, lastQ := qm[0].Quarter, qm[len(qm)-1].Quarter
	cover := xlCover{
		title: spec.title,
		details: [][2]any{
			{"Authority", textOr(o.Authority, "not set")},
			{"As at", asOf},
			{"Data set period", m.PeriodStart.AddDays(1).UK() + " to " + asOf.UK() + " (12 months)"},
			{"Trends", fmt.Sprintf("%d quarters, %s to %s (each figure as at the quarter's end)", len(qm), first.Label, lastQ.Label)},
			{"Extract used", textOr(o.Extract, "not recorded")},
			{"Prepared", data.Today()},
			{"Names", "None: aggregate figures only (no names, IDs or dates of birth)"},
			{"Handling", "OFFICIAL. Small numbers could identify a child: do not publish figures under 5 without checking."},
		},
		glance: m,
		contents: [][2]string{
			{SheetMeasures, "Every item of the panel's data set as at " + asOf.UK() + ", with thresholds and status"},
			{SheetTrends, fmt.Sprintf("The data set quarter by quarter over the last %d quarters", len(qm))},
			{SheetCharts, "Charts of the trends: time to final hearing and to placement order, children by plan, successes"},
		},
		notes: []string{
			"Proportions are shown as numerator and denominator. Red, amber and green follow the rule written beside each measure on the Measures sheet.",
			"Each quarter's figures are the children's state at the quarter's end; counts of events (hearings, orders) are those in that quarter.",
		},
	}
	if err := xlWriteCover(f, st, cover, page); err != nil {
		return fmt.Errorf("write the cover: %w", err)
	}
	if err := xlWriteList(f, st, measuresList(m, st), page); err != nil {
		return fmt.Errorf("write the Measures sheet: %w", err)
	}
	if err := xlReportTrends(f, st, qm, page); err != nil {
		return fmt.Errorf("write the Trends sheet: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: spec.short + " as at " + asOf.UK(), Subject: o.Authority,
		Creator: "permanence", Category: "OFFICIAL"}); err != nil {
		return err
	}
	return xlSave(f, path)
}

// reportRow is one row of the report's Trends table.
type reportRow struct {
	id    string // names the row for a chart when its label repeats
	label string
	group bool // a group heading
	value func(q QuarterMeasures) any
}

func countOf(key string) func(q QuarterMeasures) any {
	return func(q QuarterMeasures) any { return q.Count(key) }
}

func numberOf(key string) func(q QuarterMeasures) any {
	return func(q QuarterMeasures) any {
		if v, ok := q.Number(key); ok {
			return v
		}
		return nil
	}
}

func driftCount(k data.DriftKind) func(q QuarterMeasures) any {
	return func(q QuarterMeasures) any {
		n := 0
		for i := range q.Drift {
			if q.HasDrift(i, k) {
				n++
			}
		}
		return n
	}
}

// reportRows are the Trends table's rows, in order. The chart rows are
// found by label.
func reportRows() []reportRow {
	rows := []reportRow{
		{label: "Children in care", group: true},
		{label: "Children in care at the quarter's end", value: countOf("in_care")},
	}
	for _, p := range data.Plans {
		rows = append(rows, reportRow{label: "Plan: " + p.Label(), value: countOf("cohort." + p.Key())})
	}
	rows = append(rows,
		reportRow{label: "Plan confirmed by the second review", value: countOf("plan_confirmed_by_second_review.numerator")},
		reportRow{label: "… of children who have had their second review", value: countOf("plan_confirmed_by_second_review.denominator")},
		reportRow{label: "Court", group: true},
		reportRow{label: "In pre-proceedings (PLO)", value: countOf("pre_proceedings.count")},
		reportRow{label: "In care proceedings", value: countOf("proceedings.count")},
		reportRow{label: "… over 26 weeks", value: countOf("proceedings.over_26_weeks")},
		reportRow{label: "Final hearings in the quarter", value: countOf("final_hearings.count")},
		reportRow{label: "… within 26 weeks of issue", value: countOf("final_hearings.within_26_weeks")},
		reportRow{label: "Median weeks to final hearing", value: numberOf("final_hearings.median_weeks")},
		reportRow{label: "26-week limit", value: func(q QuarterMeasures) any { return data.RoundRatio(int64(q.Thresholds.ProceedingsDays), 7) }},
		reportRow{label: "Placement orders in the quarter", value: func(q QuarterMeasures) any {
			return q.Count("trend.placement_order." + q.Quarter.Label + ".count")
		}},
		reportRow{label: "Median weeks, issue to placement order", value: numberOf2(func(q QuarterMeasures) string {
			return "trend.placement_order." + q.Quarter.Label + ".median_weeks"
		})},
		reportRow{label: "Adoption", group: true},
		reportRow{label: "Active adoption plans", value: countOf("adoption.active")},
		reportRow{label: "Adoption orders", value: countOf("adoption.orders")},
		reportRow{label: "A1: mean days, entering care to moving in with adopters", value: numberOf("adoption.a1_mean_days")},
		reportRow{label: "A2: mean days, placement order to match", value: numberOf("adoption.a2_mean_days")},
		reportRow{label: "Early permanence placements", value: countOf("early_permanence.placements")},
		reportRow{label: "Placement orders awaiting revocation", value: countOf("po_not_adoption.awaiting_revocation")},
		reportRow{label: "Successes", group: true},
		reportRow{id: "success.adoption", label: "Adoption orders", value: countOf("adoption.orders")},
		reportRow{label: "Special guardianship orders", value: countOf("sgo.orders")},
		reportRow{label: "Child arrangements orders", value: countOf("cao.orders")},
		reportRow{label: "Care orders discharged", value: countOf("reunification.discharged")},
		reportRow{label: "Long-term fostering matches ratified", value: countOf("ltf.matches_ratified")},
		reportRow{label: "All successes", value: countOf("celebrations.total")},
		reportRow{label: "Drift", group: true},
		reportRow{label: "Children with at least one drift flag", value: func(q QuarterMeasures) any {
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
		rows = append(rows, reportRow{label: k.Label(), value: driftCount(k)})
	}
	return rows
}

func numberOf2(key func(q QuarterMeasures) string) func(q QuarterMeasures) any {
	return func(q QuarterMeasures) any { return numberOf(key(q))(q) }
}

// xlReportTrends writes the report's Trends sheet: one row per measure,
// one column per quarter, and native charts over those rows.
func xlReportTrends(f *excelize.File, st *xlStyles, qm []QuarterMeasures, page xlPage) error {
	sh := SheetTrends
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := page.fit(f, sh); err != nil {
		return err
	}
	if err := xlPut(f, st, sh, 1, 1, excelize.Cell{StyleID: st.title, Value: fmt.Sprintf("Trends over %d quarters", len(qm))}); err != nil {
		return err
	}
	note := "Each quarter: children as at the quarter's end; events (hearings, orders) in the quarter. Aggregate figures only."
	if last := qm[len(qm)-1]; last.End < last.Quarter.End {
		note += fmt.Sprintf(" %s runs to %s only.", last.Quarter.Label, last.End.UK())
	}
	if err := xlPut(f, st, sh, 1, 2, excelize.Cell{StyleID: st.note, Value: note}); err != nil {
		return err
	}
	const head = 4
	if err := xlPut(f, st, sh, 1, head, excelize.Cell{StyleID: st.header, Value: "Measure"}); err != nil {
		return err
	}
	for j, q := range qm {
		if err := xlPut(f, st, sh, 2+j, head, excelize.Cell{StyleID: st.header, Value: q.Quarter.Label}); err != nil {
			return err
		}
	}
	rows := reportRows()
	at := map[string]int{}
	for i, r := range rows {
		row := head + 1 + i
		if r.id != "" {
			at[r.id] = row
		} else {
			at[r.label] = row
		}
		if r.group {
			if err := xlPut(f, st, sh, 1, row, excelize.Cell{StyleID: st.group, Value: r.label}); err != nil {
				return err
			}
			for j := range qm {
				if err := xlPut(f, st, sh, 2+j, row, excelize.Cell{StyleID: st.group, Value: ""}); err != nil {
					return err
				}
			}
			continue
		}
		if err := xlPut(f, st, sh, 1, row, r.label); err != nil {
			return err
		}
		for j, q := range qm {
			if err := xlPut(f, st, sh, 2+j, row, r.value(q)); err != nil {
				return err
			}
		}
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
	n := len(qm)
	cats := xlRange(sh, 2, head, 1+n, head)
	missing := ""
	rowSeries := func(label, colour string) xlSeries {
		r, ok := at[label]
		if !ok {
			missing = label
		}
		return xlSeries{name: xlRange(sh, 1, r, 1, r), values: xlRange(sh, 2, r, 1+n, r), colour: colour}
	}
	var plans []xlSeries
	for i, p := range data.Plans {
		plans = append(plans, rowSeries("Plan: "+p.Label(), chartPalette[i%len(chartPalette)]))
	}
	charts := []chartSpec{
		{title: "Time to final hearing (median weeks from issue)", categories: cats,
			bars: []xlSeries{rowSeries("Median weeks to final hearing", chartPalette[0])},
			line: xlPtr(rowSeries("26-week limit", ""))},
		{title: "Time to placement order (median weeks from issue)", categories: cats,
			bars: []xlSeries{rowSeries("Median weeks, issue to placement order", chartPalette[1])},
			line: xlPtr(rowSeries("26-week limit", ""))},
		{title: "Children in care by permanence plan", categories: cats, stacked: true, bars: plans},
		{title: "Successes by quarter", categories: cats, stacked: true, bars: []xlSeries{
			rowSeries("success.adoption", chartPalette[0]), rowSeries("Special guardianship orders", chartPalette[1]),
			rowSeries("Child arrangements orders", chartPalette[2]), rowSeries("Care orders discharged", chartPalette[3]),
			rowSeries("Long-term fostering matches ratified", chartPalette[4])}},
	}
	if missing != "" {
		return fmt.Errorf("no trends row %q for a chart", missing)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", xlSheetRef(sh), head, head)}); err != nil {
		return err
	}
	if err := page.apply(f, sh, fmt.Sprintf("Trends over %d quarters", n), false); err != nil {
		return err
	}
	// The charts have a sheet (and a printed page) of their own.
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
	if err := xlPut(f, st, ch, 1, 1, excelize.Cell{StyleID: st.title, Value: fmt.Sprintf("Trends over %d quarters: charts", n)}); err != nil {
		return err
	}
	if err := xlPut(f, st, ch, 1, 2, excelize.Cell{StyleID: st.note, Value: "Drawn from the Trends sheet. The dashed line is the 26-week limit for care proceedings."}); err != nil {
		return err
	}
	if err := xlPlaceCharts(f, ch, charts, 1, 4, 560, 320); err != nil {
		return err
	}
	return page.apply(f, ch, fmt.Sprintf("Trends over %d quarters", n), true)
}

func xlPtr[T any](v T) *T { return &v }
