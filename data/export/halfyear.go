package export

// The SLT report's Panel sheet: the panel's own figures over the
// half-year (panel.md, "Outputs"), aggregates only, with a native chart of
// the barriers by theme.

import (
	"fmt"

	"permanence/data"

	"github.com/xuri/excelize/v2"
)

// SheetPanel is the SLT report's sheet of the panel's half-year.
const SheetPanel = "Panel"

// panelRow is one row of the Panel sheet's figures: a group heading, or a
// label with a count (and, for a share, what it is out of).
type panelRow struct {
	label string
	value any
	of    any
	group bool
}

// panelRows are the figures of the Panel sheet, in order.
func panelRows(p *data.PanelFigures) []panelRow {
	rows := []panelRow{{label: "Meetings held", group: true}}
	for _, k := range p.MeetingsHeld {
		rows = append(rows, panelRow{label: k.Kind.Label(), value: k.Count})
	}
	rows = append(rows, panelRow{label: "All meetings held", value: p.MeetingsHeldTotal()},
		panelRow{label: "Reviews", group: true},
		panelRow{label: "Children reviewed (each counted once)", value: p.ChildrenReviewed},
		panelRow{label: "Reviews in all", value: p.Reviews},
		panelRow{label: "Children whose review date passed without a review (not heard at the next meeting)", value: p.ReviewsMissed},
		panelRow{label: "Permanence achieved since their review (children reviewed)", group: true})
	for _, r := range p.PermanenceSince {
		rows = append(rows, panelRow{label: r.Label, value: r.Count})
	}
	var median any = "none resolved"
	if v, ok := p.MedianDaysToResolve(); ok {
		median = v
	}
	return append(rows,
		panelRow{label: "Escalations", group: true},
		panelRow{label: "Raised in the half-year", value: p.EscalationsRaised},
		panelRow{label: "Resolved in the half-year", value: p.EscalationsResolved},
		panelRow{label: "Median days from raised to resolved", value: median},
		panelRow{label: "Actions", group: true},
		panelRow{label: "Due in the half-year", value: p.ActionsDue},
		panelRow{label: "Done by their due date", value: p.ActionsDoneByDue, of: fmt.Sprintf("of %d", p.ActionsDue)},
	)
}

// xlPanelSheet writes the SLT report's Panel sheet: the figures in
// columns A to C, the barriers by theme in E and F with a bar chart of
// them below. With no panel figures it says so.
func xlPanelSheet(f *excelize.File, st *xlStyles, p *data.PanelFigures, page xlPage) error {
	sh := SheetPanel
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := page.fit(f, sh); err != nil {
		return err
	}
	title := "The panel's half-year"
	if p != nil {
		title += ": " + p.From.AddDays(1).UK() + " to " + p.To.UK()
	}
	if err := xlPutTitle(f, st, sh, title); err != nil {
		return err
	}
	note := "Meetings held (held or closed), the panel's records at them, escalations and actions, for every child " +
		"(whatever filter the report has). Aggregate figures only: no names, IDs or dates of birth. docs/measures-panel.md defines each figure."
	if p == nil {
		note = "The panel's figures were not worked out with these figures."
	}
	if err := xlPut(f, st, sh, 1, 2, excelize.Cell{StyleID: st.note, Value: note}); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 58, "B": 12, "C": 10, "D": 3, "E": 42, "F": 10} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	if p == nil {
		return page.apply(f, sh, printSetup{title: title, lastCol: 6, lastRow: 2, titleRows: [2]int{1, 1}})
	}
	const head = 4
	last, err := panelFigures(f, st, p, head)
	if err != nil {
		return err
	}
	bLast, err := panelBarriers(f, st, p, head)
	if err != nil {
		return err
	}
	chart := chartSpec{title: "Barriers by theme (records naming each)", horizontal: true,
		categories: xlRange(sh, 5, head+1, 5, bLast),
		bars:       []xlSeries{{name: xlRange(sh, 6, head, 6, head), values: xlRange(sh, 6, head+1, 6, bLast), colour: chartPalette[0]}}}
	// The chart starts a printed page of its own: the tables print whole
	// above it.
	chartRow := max(last, bLast) + 2
	lastCol, lastRow, err := xlPlaceCharts(f, sh, []chartSpec{chart}, 1, chartRow, panelChartWidth, panelChartHeight)
	if err != nil {
		return err
	}
	if err := f.InsertPageBreak(sh, fmt.Sprintf("A%d", chartRow-1)); err != nil {
		return err
	}
	lastCol = max(lastCol, 6)
	if err := xlWrapNote(f, st, sh, 2, lastCol); err != nil {
		return err
	}
	return page.apply(f, sh, printSetup{title: title, lastCol: lastCol, lastRow: lastRow, titleRows: [2]int{1, 2}})
}

// The Panel sheet's chart, in pixels: the barriers' twelve bars readable.
const panelChartWidth, panelChartHeight = 760, 330

// panelFigures writes the figures under the heading row head and returns
// the last row.
func panelFigures(f *excelize.File, st *xlStyles, p *data.PanelFigures, head int) (int, error) {
	sh := SheetPanel
	if err := xlPutRow(f, st, sh, 1, head, excelize.Cell{StyleID: st.header, Value: "Figure"},
		excelize.Cell{StyleID: st.header, Value: "Number"}, excelize.Cell{StyleID: st.header, Value: ""}); err != nil {
		return 0, err
	}
	rows := panelRows(p)
	for i, r := range rows {
		row := head + 1 + i
		if r.group {
			err := xlPutRow(f, st, sh, 1, row, excelize.Cell{StyleID: st.group, Value: r.label},
				excelize.Cell{StyleID: st.group, Value: ""}, excelize.Cell{StyleID: st.group, Value: ""})
			if err != nil {
				return 0, err
			}
			continue
		}
		if err := xlPutRow(f, st, sh, 1, row, r.label, r.value, r.of); err != nil {
			return 0, err
		}
	}
	return head + len(rows), nil
}

// panelBarriers writes the barriers table in columns E and F under the
// heading row head and returns its last row.
func panelBarriers(f *excelize.File, st *xlStyles, p *data.PanelFigures, head int) (int, error) {
	sh := SheetPanel
	if err := xlPutRow(f, st, sh, 5, head, excelize.Cell{StyleID: st.header, Value: "Barrier"},
		excelize.Cell{StyleID: st.header, Value: "Records"}); err != nil {
		return 0, err
	}
	for i, b := range p.Barriers {
		if err := xlPutRow(f, st, sh, 5, head+1+i, b.Barrier.Label(), b.Records); err != nil {
			return 0, err
		}
	}
	return head + len(p.Barriers), nil
}
