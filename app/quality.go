package app

import (
	"context"
	"fmt"
	"permanence/data/export"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// qualityScreen: the extracts imported, and the import warnings per extract
// and per child.
type qualityScreen struct {
	u        *ui
	obj      fyne.CanvasObject
	summary  *widget.Label
	extracts *textTable
	warnings *textTable
	which    *widget.Label
	perChild *textTable
	tabs     *container.AppTabs

	xs       []data.Extract
	ws       []data.Warning
	children []childWarnings
	selected int64
	seq      int
	snap     *snapshot
}

type childWarnings struct {
	id    string
	count int
	first string
}

func newQualityScreen(u *ui) *qualityScreen {
	s := &qualityScreen{u: u}
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.extracts = newTextTable([]string{"Extract date", "Kind", "File", "Imported", "Rows", "Warnings", "Columns ignored"},
		[]float32{110, 80, 260, 150, 70, 80, 300},
		func() int { return len(s.xs) },
		func(r, c int) string {
			x := s.xs[len(s.xs)-1-r]
			switch c {
			case 0:
				return ukDate(x.Date)
			case 1:
				return kindText(x.Kind)
			case 2:
				return x.FileName
			case 3:
				return x.ImportedAt.Local().Format("2 Jan 2006 15:04")
			case 4:
				return thousands(x.Rows)
			case 5:
				return thousands(x.Warnings)
			default:
				return strings.Join(x.IgnoredColumns, ", ")
			}
		}, func(r int) {
			s.selected = s.xs[len(s.xs)-1-r].ID
			s.loadWarnings()
		})
	s.which = heading("Warnings")
	s.warnings = newTextTable([]string{"Child", "Row", "Column", "Value", "Warning"},
		[]float32{180, 60, 180, 160, 520},
		func() int { return len(s.ws) },
		func(r, c int) string {
			w := s.ws[r]
			switch c {
			case 0:
				return s.childName(w.ChildID)
			case 1:
				if w.Row == 0 {
					return ""
				}
				return fmt.Sprint(w.Row)
			case 2:
				return w.Column
			case 3:
				return sensitiveValue(w.Column, w.Value, s.u.hideNames)
			default:
				return warningMessage(w.Message, s.u.hideNames)
			}
		}, func(r int) { s.u.openChildID(s.ws[r].ChildID) })
	s.perChild = newTextTable([]string{"Child", "Warnings", "For example"},
		[]float32{180, 80, 500},
		func() int { return len(s.children) },
		func(r, c int) string {
			w := s.children[r]
			switch c {
			case 0:
				return s.childName(w.id)
			case 1:
				return thousands(w.count)
			default:
				return warningMessage(w.first, s.u.hideNames)
			}
		}, func(r int) { s.u.openChildID(s.children[r].id) })
	s.extracts.dates = map[int]bool{0: true}
	s.extracts.value = func(r, c int) (any, bool) {
		x := s.xs[len(s.xs)-1-r]
		switch c {
		case 0:
			return x.Date, true
		case 4:
			return x.Rows, true
		case 5:
			return x.Warnings, true
		}
		return nil, false
	}
	s.warnings.value = func(r, c int) (any, bool) {
		if w := s.ws[r]; c == 1 && w.Row > 0 {
			return w.Row, true
		}
		return nil, false
	}
	s.perChild.value = func(r, c int) (any, bool) {
		if c == 1 {
			return s.children[r].count, true
		}
		return nil, false
	}
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Warnings in this extract", s.warnings.table),
		container.NewTabItem("Children with the most warnings", s.perChild.table))
	// A table refreshed while its tab was hidden is laid out again when shown.
	s.tabs.OnSelected = func(*container.TabItem) { s.warnings.refresh(); s.perChild.refresh() }
	extractsList := func() shownList { return s.extracts.shown("Extracts imported", false) }
	s.obj = container.NewBorder(
		container.NewVBox(heading("Data quality"), s.summary),
		nil, nil, nil,
		container.NewVSplit(
			container.NewBorder(container.NewBorder(nil, nil, nil, u.listButton(extractsList), heading("Extracts imported")),
				nil, nil, nil, s.extracts.table),
			container.NewBorder(container.NewBorder(nil, nil, nil, u.listButton(s.warningList), s.which),
				nil, nil, nil, s.tabs)))
	return s
}

// warningList is the list on the open tab: the extract's warnings, or the
// children with the most warnings.
func (s *qualityScreen) warningList() shownList {
	var date string
	for _, x := range s.xs {
		if x.ID == s.selected {
			date = " " + x.Date.String()
		}
	}
	l := s.warnings.shown("Warnings"+date, true)
	if s.tabs.SelectedIndex() == 1 {
		l = s.perChild.shown("Children with warnings"+date, true)
	}
	l.dated = date != ""
	return l
}

func (s *qualityScreen) name() string              { return "quality" }
func (s *qualityScreen) title() string             { return "Data quality" }
func (s *qualityScreen) icon() fyne.Resource       { return theme.WarningIcon() }
func (s *qualityScreen) object() fyne.CanvasObject { return s.obj }

func kindText(k string) string {
	switch k {
	case data.KindTracker:
		return "Tracker"
	case data.KindSSDA903:
		return "SSDA903"
	case data.KindDemo:
		return "Demo"
	}
	return k
}

// childName is a child's name as the lists show it (by ID from the
// snapshot's unfiltered children: warnings are per extract, whatever the
// filters).
func (s *qualityScreen) childName(id string) string {
	if s.snap != nil {
		ch := s.snap.all
		i := sort.Search(len(ch), func(i int) bool { return ch[i].ID >= id })
		if i < len(ch) && ch[i].ID == id {
			return ch[i].DisplayName(s.u.hideNames)
		}
	}
	return id
}

func (s *qualityScreen) update(snap *snapshot) {
	s.snap = snap
	if len(snap.extracts) != len(s.xs) {
		// A table scrolled past its new end draws nothing: start at the top.
		s.extracts.table.ScrollToTop()
	}
	s.xs = snap.extracts
	total := 0
	for _, x := range s.xs {
		total += x.Warnings
	}
	found := false
	for _, x := range s.xs {
		found = found || x.ID == s.selected
	}
	if !found && len(s.xs) > 0 {
		s.selected = s.xs[len(s.xs)-1].ID
	}
	s.summary.SetText(fmt.Sprintf("%s stored, with %s in all. Warnings did not stop an import: the rows were stored and the values in question left as they were or left out. Choose an extract to see its warnings, and a warning to see the child.",
		plural(len(s.xs), "extract", "extracts"), plural(total, "warning", "warnings")))
	s.extracts.refresh()
	s.loadWarnings()
}

// loadWarnings reads the selected extract's warnings off the UI goroutine.
func (s *qualityScreen) loadWarnings() {
	id := s.selected
	s.seq++
	seq := s.seq
	var x data.Extract
	for _, e := range s.xs {
		if e.ID == id {
			x = e
		}
	}
	s.which.SetText("Warnings in the extract of " + ukDate(x.Date))
	run(s.u.bridge, func(ctx context.Context) ([]data.Warning, error) {
		if id == 0 {
			return nil, nil
		}
		return s.u.store.Warnings(ctx, id, "")
	}, func(ws []data.Warning, err error) {
		if seq != s.seq {
			return
		}
		if err != nil {
			s.u.showError(err)
			return
		}
		s.ws = ws
		index := map[string]int{}
		var list []childWarnings
		for _, w := range ws {
			if w.ChildID == "" {
				continue
			}
			k, ok := index[w.ChildID]
			if !ok {
				k = len(list)
				index[w.ChildID] = k
				list = append(list, childWarnings{id: w.ChildID, first: w.Message})
			}
			list[k].count++
		}
		sort.SliceStable(list, func(a, b int) bool { return list[a].count > list[b].count })
		s.children = list
		s.which.SetText(fmt.Sprintf("Warnings in the extract of %s: %s on %s", ukDate(x.Date),
			thousands(len(ws)), plural(len(list), "child", "children")))
		s.warnings.refresh()
		s.perChild.refresh()
	})
}

// textTable is a plain table of text with headings.
type textTable struct {
	table    *widget.Table
	headings []string
	rows     func() int
	cell     func(r, c int) string
	// value, when set, is what an export writes for a cell rather than its
	// text: a data.Date (in a column of dates), a number, or nil for a blank.
	value func(r, c int) (any, bool)
	dates map[int]bool // the columns of dates
}

// shown is the table as it is on screen, as a list to export.
func (t *textTable) shown(name string, children bool) shownList {
	l := shownList{name: name, children: children}
	for c, h := range t.headings {
		l.cols = append(l.cols, export.ListColumn{Heading: h, Date: t.dates[c]})
	}
	n := t.rows()
	l.rows = make([][]any, n)
	for r := range n {
		row := make([]any, len(t.headings))
		for c := range row {
			if t.value != nil {
				if v, ok := t.value(r, c); ok {
					row[c] = v
					continue
				}
			}
			row[c] = t.cell(r, c)
		}
		l.rows[r] = row
	}
	return l
}

func newTextTable(headings []string, widths []float32, rows func() int, cell func(r, c int) string, onSelect func(r int)) *textTable {
	t := &textTable{headings: headings, rows: rows, cell: cell}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(headings) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= rows() {
				o.(*widget.Label).SetText("")
				return
			}
			o.(*widget.Label).SetText(cell(id.Row, id.Col))
		})
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headings) {
			o.(*widget.Label).SetText(headings[id.Col])
		}
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < rows() && onSelect != nil {
			onSelect(id.Row)
		}
	}
	for i, w := range widths {
		t.table.SetColumnWidth(i, w)
	}
	return t
}

func (t *textTable) refresh() { t.table.Refresh() }
