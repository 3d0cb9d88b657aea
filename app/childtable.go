package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// column is one column of a list of children.
type column struct {
	title string
	width float32
	text  func(s *snapshot, i int) string
}

// childTable lists children of a snapshot, one row each; the data are
// slices of indices, so it stays smooth at any number of rows. Selecting a
// row opens the child's timeline.
type childTable struct {
	table    *widget.Table
	cols     []column
	snap     *snapshot
	rows     []int
	onSelect func(i int)
	onHeader func(col int) // nil: headers are not buttons
	sortCol  int
	sortDesc bool
}

func newChildTable(cols []column, onSelect func(i int), onHeader func(col int)) *childTable {
	t := &childTable{cols: cols, onSelect: onSelect, onHeader: onHeader, sortCol: -1}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if t.snap == nil || id.Row >= len(t.rows) || id.Col >= len(t.cols) {
				l.SetText("")
				return
			}
			l.SetText(t.cols[id.Col].text(t.snap, t.rows[id.Row]))
		})
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(t.cols) {
			b.SetText("")
			return
		}
		text := t.cols[id.Col].title
		if id.Col == t.sortCol {
			if t.sortDesc {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		b.SetText(text)
		col := id.Col
		if t.onHeader != nil {
			b.OnTapped = func() { t.onHeader(col) }
		} else {
			b.OnTapped = nil
		}
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.rows) && t.onSelect != nil {
			t.onSelect(t.rows[id.Row])
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	return t
}

// set shows rows (indices into the snapshot's children).
func (t *childTable) set(s *snapshot, rows []int) {
	t.snap, t.rows = s, rows
	t.table.Refresh()
	t.table.ScrollToTop()
}

// refresh redraws the rows (after names are hidden or shown).
func (t *childTable) refresh() { t.table.Refresh() }

// Column builders shared by every list of children.

func colChild(hide func() bool) column {
	return column{"Child", 220, func(s *snapshot, i int) string { return s.child(i).DisplayName(hide()) }}
}

var (
	colID    = column{"ID", 110, func(s *snapshot, i int) string { return s.child(i).ID }}
	colTeam  = column{"Team", 150, func(s *snapshot, i int) string { return s.child(i).Team }}
	colPlan  = column{"Plan", 170, func(s *snapshot, i int) string { return s.child(i).Plan.Label() }}
	colAge   = column{"Age", 90, func(s *snapshot, i int) string { return s.rows[i].ageBand }}
	colLegal = column{"Legal status", 160, func(s *snapshot, i int) string { return s.rows[i].legal }}
	colPlace = column{"Placement", 90, func(s *snapshot, i int) string { return s.child(i).PlacementType }}
	colStage = column{"Current stage", 200, func(s *snapshot, i int) string { return s.rows[i].stage }}
	colDays  = column{"Days in stage", 110, func(s *snapshot, i int) string { return daysText(s.rows[i].stageDays) }}
	colDrift = column{"Drift flags", 320, func(s *snapshot, i int) string { return s.rows[i].drift }}
)

// colSince is weeks since a date field, e.g. weeks in proceedings.
func colSince(title string, f func(c *data.Child) data.Date) column {
	return column{title, 110, func(s *snapshot, i int) string {
		d := f(s.child(i))
		if d.IsZero() {
			return ""
		}
		return weeks(data.Days(d, s.view.asAt))
	}}
}

// colDate is a date field.
func colDate(title string, f func(c *data.Child) data.Date) column {
	return column{title, 120, func(s *snapshot, i int) string { return ukDate(f(s.child(i))) }}
}

func daysText(d int) string {
	if d < 0 {
		return ""
	}
	return fmt.Sprint(d)
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
