package app

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// childrenScreen is one sortable, filterable table of every child; filtering
// and sorting run off the UI goroutine so it stays smooth at 100,000 rows.
type childrenScreen struct {
	u       *ui
	obj     fyne.CanvasObject
	search  *widget.Entry
	who     *widget.Select
	drift   *widget.Check
	count   *widget.Label
	export  *widget.Button
	table   *childTable
	snap    *snapshot
	cancel  func()
	pending int
	hidden  bool // names were hidden when the rows were last filtered
}

const (
	whoInCare = "Children in care now"
	whoAll    = "Every child in the extracts"
)

func newChildrenScreen(u *ui) *childrenScreen {
	s := &childrenScreen{u: u}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search by name, ID, team or stage")
	s.search.OnChanged = func(string) { s.refilter() }
	s.who = widget.NewSelect([]string{whoInCare, whoAll}, func(string) { s.refilter() })
	s.who.Selected = whoInCare
	s.drift = widget.NewCheck("Only children with drift flags", func(bool) { s.refilter() })
	s.count = widget.NewLabel("")
	cols := []column{colID, colChild(u.names), colTeam, colPlan, colAge, colLegal, colPlace, colStage, colDays, colDrift}
	s.table = newChildTable(cols, func(i int) { u.openChild(i) }, func(col int) {
		if s.table.sortCol == col {
			s.table.sortDesc = !s.table.sortDesc
		} else {
			s.table.sortCol, s.table.sortDesc = col, false
		}
		s.refilter()
	})
	s.export = u.listButton(s.shown)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(fixed(s.who, 240), s.drift, s.count, s.export), s.search)
	s.obj = container.NewBorder(container.NewVBox(heading("Children"), top), nil, nil, nil, s.table.obj)
	return s
}

func (s *childrenScreen) name() string              { return "children" }
func (s *childrenScreen) title() string             { return "Children" }
func (s *childrenScreen) icon() fyne.Resource       { return theme.AccountIcon() }
func (s *childrenScreen) object() fyne.CanvasObject { return s.obj }

// shown is the table as it is on screen: the search, the choice of
// children, the drift filter and the sort applied.
func (s *childrenScreen) shown() shownList {
	return s.table.shown(s.who.Selected, s.u.hideNames)
}

func (s *childrenScreen) update(snap *snapshot) {
	if hide := s.u.hideNames; hide != s.hidden {
		// What is typed is hidden with the names (a name typed in the box
		// would show it), and the search matches what can be seen.
		s.hidden = hide
		s.search.Password = hide
		s.search.Refresh()
		s.snap = snap
		s.refilter()
		return
	}
	if s.snap == snap {
		s.table.refresh()
		return
	}
	s.snap = snap
	s.refilter()
}

// refilter filters and sorts the rows off the UI goroutine.
func (s *childrenScreen) refilter() {
	snap := s.snap
	if snap == nil {
		return
	}
	if s.cancel != nil {
		s.cancel()
	}
	s.pending++
	p := s.pending
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	all := s.who.Selected == whoAll
	driftOnly := s.drift.Checked
	hide := s.u.hideNames
	col, desc := s.table.sortCol, s.table.sortDesc
	cols := s.table.cols
	s.cancel = run(s.u.bridge, func(ctx context.Context) ([]int, error) {
		rows := filterChildren(snap, q, all, driftOnly, hide)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sortChildren(snap, rows, cols, col, desc)
		return rows, ctx.Err()
	}, func(rows []int, err error) {
		if err != nil || p != s.pending {
			return
		}
		s.count.SetText(plural(len(rows), "child", "children"))
		s.table.set(snap, rows)
	})
}

func filterChildren(snap *snapshot, q string, all, driftOnly, hide bool) []int {
	rows := make([]int, 0, len(snap.m.Children))
	for i := range snap.m.Children {
		r := &snap.rows[i]
		if !all && !r.inCare {
			continue
		}
		if driftOnly && r.drift == "" {
			continue
		}
		if q != "" {
			c := snap.child(i)
			name := c.Name
			if hide {
				name = c.Initials()
			}
			if !strings.Contains(strings.ToLower(c.ID), q) && !strings.Contains(strings.ToLower(name), q) &&
				!strings.Contains(strings.ToLower(c.Team), q) && !strings.Contains(strings.ToLower(r.stage), q) &&
				!strings.Contains(strings.ToLower(c.Plan.Label()), q) {
				continue
			}
		}
		rows = append(rows, i)
	}
	return rows
}

// numberLess orders rows by a column's numeric value (a blank first).
func numberLess(snap *snapshot, rows []int, value func(s *snapshot, i int) any) func(a, b int) bool {
	keys := make(map[int]float64, len(rows))
	for _, i := range rows {
		keys[i] = math.Inf(-1)
		if f, ok := value(snap, i).(float64); ok {
			keys[i] = f
		}
	}
	return func(a, b int) bool { return keys[a] < keys[b] }
}

// sortChildren sorts rows by a column (numbers as numbers), ties by ID.
func sortChildren(snap *snapshot, rows []int, cols []column, col int, desc bool) {
	if col < 0 || col >= len(cols) {
		return
	}
	var less func(a, b int) bool
	switch cols[col].title {
	case colDays.title:
		less = func(a, b int) bool { return snap.rows[a].stageDays < snap.rows[b].stageDays }
	case colDrift.title:
		less = func(a, b int) bool {
			if la, lb := len(snap.m.Drift[a]), len(snap.m.Drift[b]); la != lb {
				return la < lb
			}
			return snap.rows[a].driftDays < snap.rows[b].driftDays
		}
	case colAge.title:
		less = func(a, b int) bool { return snap.child(a).DOB > snap.child(b).DOB }
	default:
		if v := cols[col].value; v != nil {
			less = numberLess(snap, rows, v)
			break
		}
		keys := make(map[int]string, len(rows))
		for _, i := range rows {
			keys[i] = strings.ToLower(cols[col].text(snap, i))
		}
		less = func(a, b int) bool { return keys[a] < keys[b] }
	}
	sort.SliceStable(rows, func(x, y int) bool {
		a, b := rows[x], rows[y]
		if desc {
			return less(b, a)
		}
		return less(a, b)
	})
}

// showChildren is the drill-down: the children behind a count, in a
// dialog; choosing one opens their timeline, and its Back button comes back
// here. A header click sorts; Esc closes.
func (u *ui) showChildren(title string, idx []int) {
	u.showChildrenWith(title, idx, nil)
}

// drillBack is a drill-down to reopen when Back leaves a timeline opened
// from it (while the figures are the same).
type drillBack struct {
	title string
	rows  []int
	snap  *snapshot
	extra *column
}

// showChildrenWith is showChildren with an extra column before the others
// (weeks since issue, for proceedings), the rows sorted on it longest first.
func (u *ui) showChildrenWith(title string, idx []int, extra *column) {
	if u.snap == nil {
		return
	}
	snap := u.snap
	cols := []column{colChild(u.names), colID, colTeam, colPlan, colStage, colDays, colDrift}
	if extra != nil {
		cols = append([]column{cols[0], *extra}, cols[1:]...)
	}
	rows := append([]int(nil), idx...)
	var t *childTable
	t = newChildTable(cols, func(i int) {
		if u.drill != nil {
			u.drill.Hide()
			u.drill = nil
		}
		u.openChild(i)
		u.timeline.from = &drillBack{title: title, rows: rows, snap: snap, extra: extra}
	}, func(col int) {
		t.sortCol, t.sortDesc = col, t.sortCol == col && !t.sortDesc
		sortChildren(snap, rows, cols, col, t.sortDesc)
		t.set(snap, rows)
	})
	if extra != nil {
		t.sortCol, t.sortDesc = 1, true
		sortChildren(snap, rows, cols, 1, true)
	}
	t.set(snap, rows)
	u.openDrill(title, snap, t, len(rows))
}

// openDrill shows a drill-down table in a dialog that Esc closes.
func (u *ui) openDrill(title string, snap *snapshot, t *childTable, n int) {
	info := note(plural(n, "child", "children") + " as at " + ukDate(snap.view.asAt) + ". Choose a child to see their timeline; click a heading to sort.")
	if n == 0 {
		info.SetText("No children are counted here as at " + ukDate(snap.view.asAt) + ".")
	}
	content := container.NewBorder(info, nil, nil, nil, t.obj)
	d := dialog.NewCustomWithoutButtons(title, content, u.win)
	export := u.listButton(func() shownList { return t.shown(title, u.hideNames) })
	export.Importance = widget.MediumImportance
	d.SetButtons([]fyne.CanvasObject{export, widget.NewButton("Close", d.Hide)})
	sz := u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(sz.Width*0.9, 1200), min(sz.Height*0.85, 720)))
	if u.drill != nil {
		u.drill.Hide()
	}
	u.drill, u.drillTable, u.drillTitle = d, t, title
	u.closeOnKeys(d, func() {
		if u.drill == d {
			u.drill = nil
		}
	}, fyne.KeyEscape)
	d.Show()
}

// closeOnKeys makes any of keys typed while d is open close it, and runs
// closed when it closes; other keys go where they went before.
func (u *ui) closeOnKeys(d dialog.Dialog, closed func(), keys ...fyne.KeyName) {
	c := u.win.Canvas()
	prevKey := c.OnTypedKey()
	open := true
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if open && slices.Contains(keys, e.Name) {
			d.Hide()
			return
		}
		if prevKey != nil {
			prevKey(e)
		}
	})
	d.SetOnClosed(func() {
		open = false
		if closed != nil {
			closed()
		}
		c.SetOnTypedKey(prevKey)
	})
}

// showNotice shows a message with an OK button that Enter and Esc also
// dismiss.
func (u *ui) showNotice(title, text string) {
	d := dialog.NewInformation(title, text, u.win)
	u.closeOnKeys(d, nil, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape)
	d.Show()
}
