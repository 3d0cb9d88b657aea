package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// This file is the Changes screen's lists: the disruptions, the changes
// of plan and the plans that differ from the panel's, each with its
// Export list… button, and the drill-down behind each count.

// changeList is a titled list of the screen, as tall as its rows (up to
// a limit, then it scrolls), or a line saying it is empty.
type changeList[T any] struct {
	name   string
	title  *widget.Label
	about  *widget.Label // what the list is, when it needs saying
	table  *panelTable[T]
	empty  *widget.Label
	height *minHeightLayout
	holder *fyne.Container
	wheel  *wheelPass // gives the page the wheel over a list that needs no scrolling
	page   *container.Scroll
	obj    fyne.CanvasObject
}

// changeListRows is how many rows a list shows before it scrolls.
const changeListRows = 12

// Choosing a row opens the child's timeline (id is the row's child).
func newChangeList[T any](u *ui, name string, cols []panelCol[T], id func(r *T) string, empty string) *changeList[T] {
	l := &changeList[T]{name: name, title: heading(name), about: note(""), empty: note(empty), height: &minHeightLayout{h: 120}}
	l.table = newPanelTable(cols, id, nil)
	l.table.onChoose = func() {
		if r := l.table.chosenRow(); r != nil {
			l.table.chosen = "" // not highlighted on the way back
			u.openChildID(id(r))
		}
	}
	l.wheel = &wheelPass{to: func(ev *fyne.ScrollEvent) {
		if l.page != nil {
			l.page.Scrolled(ev)
		}
	}}
	l.wheel.ExtendBaseWidget(l.wheel)
	l.holder = container.New(l.height, l.table.obj, l.wheel)
	export := u.listButton(func() shownList { return l.table.shown(l.name) })
	l.obj = container.NewVBox(container.NewBorder(nil, nil, nil, export, l.title), l.about, l.empty, l.holder)
	l.empty.Hide()
	l.about.Hide()
	return l
}

// set shows rows, or says there are none; about, when not "", says what
// the list is.
func (l *changeList[T]) set(rows []T, about string) {
	say(l.about, about)
	l.title.SetText(fmt.Sprintf("%s (%s)", l.name, thousands(len(rows))))
	l.table.set(rows)
	if len(rows) == 0 {
		l.empty.Show()
		l.holder.Hide()
		return
	}
	l.empty.Hide()
	l.holder.Show()
	l.height.h = tableHeight(min(len(rows), changeListRows))
	if len(rows) <= changeListRows {
		l.wheel.Show() // every row in sight: the wheel scrolls the page, not the list
	} else {
		l.wheel.Hide()
	}
	l.holder.Refresh()
}

// tableHeight is the height of a table with n rows and its headings
// (a row is a label and the line under it).
func tableHeight(n int) float32 {
	row := widget.NewLabel("X").MinSize().Height + theme.Padding()
	return float32(n+1)*row + theme.Padding()
}

// childCol says who a row is about: the child's name, or initials and ID
// when names are hidden.
func childCol[T any](s *changesScreen, id func(r *T) string) panelCol[T] {
	return panelCol[T]{title: "Child", width: 180, text: func(r *T) string { return s.childName(id(r)) }}
}

// idCol is the child's ID.
func idCol[T any](id func(r *T) string) panelCol[T] {
	return panelCol[T]{title: "ID", width: 100, text: func(r *T) string { return id(r) }}
}

// dateCol is a column of dates, wide enough for its heading.
func dateCol[T any](title string, d func(r *T) data.Date) panelCol[T] {
	w := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 4*theme.Padding()
	return panelCol[T]{title: title, width: max(115, w), date: true,
		text:  func(r *T) string { return ukDate(d(r)) },
		value: func(r *T) any { return dateValue(d(r)) },
		less:  func(a, b *T) bool { return dateLess(d(a), d(b)) }}
}

// widen gives a column another width.
func widen[T any](c panelCol[T], width float32) panelCol[T] {
	c.width = width
	return c
}

// teamPlanCols are the child's team and plan at the later date.
func teamPlanCols[T any](s *changesScreen, id func(r *T) string) []panelCol[T] {
	return []panelCol[T]{
		{title: "Team", width: 160, narrowest: 110, text: func(r *T) string {
			if c := s.child(id(r)); c != nil {
				return c.Team
			}
			return ""
		}},
		{title: "Plan now", width: 180, narrowest: 120, text: func(r *T) string {
			if c := s.child(id(r)); c != nil {
				return planText(c)
			}
			return ""
		}},
	}
}

// disruptionRow is a placement meant to be permanent that ended.
type disruptionRow struct{ data.Disruption }

func (s *changesScreen) disruptionRows() []disruptionRow {
	if s.ch == nil {
		return nil
	}
	out := make([]disruptionRow, len(s.ch.Disruptions))
	for i, d := range s.ch.Disruptions {
		out[i] = disruptionRow{d}
	}
	return out
}

func (s *changesScreen) disruptionCols() []panelCol[disruptionRow] {
	id := func(r *disruptionRow) string { return r.ChildID }
	return []panelCol[disruptionRow]{
		dateCol("Date", func(r *disruptionRow) data.Date { return r.Date }),
		childCol(s, id),
		{title: "Placement", width: 170, narrowest: 120, text: func(r *disruptionRow) string { return disruptionKind(r.Kind) }},
		{title: "What happened", width: 330, narrowest: 160, text: func(r *disruptionRow) string { return sentence(r.What) }},
		{title: "Seen in", width: 120, narrowest: 90, text: func(r *disruptionRow) string { return r.Source() }},
		{title: "Panel recommendation", width: 200, narrowest: 150,
			text: func(r *disruptionRow) string {
				if r.Recommendation == nil {
					return "None recorded"
				}
				return meetingText(r.Recommendation.Meeting)
			},
			warn: func(r *disruptionRow) bool { return r.Recommendation == nil }},
	}
}

// disruptionKind is which placement ended, in a word or two.
func disruptionKind(k data.DisruptionKind) string {
	if k == data.DisruptionLTF {
		return "Long-term fostering"
	}
	return "Adoptive"
}

// sentence is text with a capital first letter.
func sentence(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

// planChangeRow is a change of permanence plan first seen between the dates.
type planChangeRow struct {
	data.ChangeOfPlan
	to data.Date // the later date, for where a revocation stands
}

func (s *changesScreen) planChangeRows() []planChangeRow {
	if s.ch == nil {
		return nil
	}
	out := make([]planChangeRow, len(s.ch.PlanChanges))
	for i, c := range s.ch.PlanChanges {
		out[i] = planChangeRow{c, s.ch.To}
	}
	return out
}

func (s *changesScreen) planChangeCols() []panelCol[planChangeRow] {
	id := func(r *planChangeRow) string { return r.ChildID }
	return []panelCol[planChangeRow]{
		dateCol("First seen", func(r *planChangeRow) data.Date { return r.Seen }),
		childCol(s, id),
		{title: "From → to", width: 330, narrowest: 270, text: func(r *planChangeRow) string { return r.Text() }},
		widen(dateCol("Placement order", func(r *planChangeRow) data.Date {
			if r.Revocation == nil {
				return data.NoDate
			}
			return r.Revocation.PlacementOrder
		}), 140),
		{title: "Days to revocation", width: 150,
			text: func(r *planChangeRow) string {
				if r.Revocation == nil {
					return ""
				}
				if d, ok := r.Revocation.Days(); ok {
					return fmt.Sprint(d)
				}
				return fmt.Sprintf("%d so far", data.Days(r.Revocation.Changed, r.to))
			},
			value: func(r *planChangeRow) any {
				if r.Revocation == nil {
					return nil
				}
				if d, ok := r.Revocation.Days(); ok {
					return d
				}
				return nil
			},
			less: func(a, b *planChangeRow) bool { return revocationDays(a) < revocationDays(b) }},
		{title: "Against the target", width: 260, narrowest: 150,
			text: func(r *planChangeRow) string {
				if r.Revocation == nil {
					return ""
				}
				return sentence(string(r.Revocation.Status(r.to))) + " (revoke by " + ukDate(r.Revocation.Target) + ")"
			},
			warn: func(r *planChangeRow) bool {
				if r.Revocation == nil {
					return false
				}
				st := r.Revocation.Status(r.to)
				return st == data.RevokedLate || st == data.RevocationOverdue
			}},
	}
}

// revocationDays orders changes of plan by the days to revocation: none
// first, then those revoked, then those waiting.
func revocationDays(r *planChangeRow) int {
	if r.Revocation == nil {
		return -1
	}
	if d, ok := r.Revocation.Days(); ok {
		return d
	}
	return 1 << 30
}

// differsRow is a child whose case system plan is not the panel's.
type differsRow struct{ data.PlanDiffers }

func (s *changesScreen) differsRows() []differsRow {
	if s.ch == nil {
		return nil
	}
	out := make([]differsRow, len(s.ch.CaseSystemDiffers))
	for i, d := range s.ch.CaseSystemDiffers {
		out[i] = differsRow{d}
	}
	return out
}

func (s *changesScreen) differsCols() []panelCol[differsRow] {
	id := func(r *differsRow) string { return r.ChildID }
	return []panelCol[differsRow]{
		childCol(s, id),
		{title: "Case system plan", width: 180, text: func(r *differsRow) string { return r.CaseSystem.Label() }},
		{title: "The panel's plan", width: 200, text: func(r *differsRow) string { return panelPlanText(r.PlanDiffers) }},
		dateCol("Endorsed", func(r *differsRow) data.Date { return r.Meeting.Date }),
		{title: "At", width: 110, narrowest: 80, text: func(r *differsRow) string { return panelKindShort(r.Meeting.Kind) }},
		{title: "Why it is listed", width: 300, narrowest: 150, text: func(r *differsRow) string { return differsWhy(r.PlanDiffers) }},
	}
}

func panelPlanText(d data.PlanDiffers) string {
	if d.PanelText != "" && !strings.EqualFold(d.PanelText, d.Panel.Label()) {
		return d.Panel.Label() + " (“" + d.PanelText + "”)"
	}
	return d.Panel.Label()
}

func differsWhy(d data.PlanDiffers) string {
	var why []string
	if d.ChangedInCaseSystem {
		why = append(why, "the plan changed in the case system")
	}
	if d.EndorsedInWindow {
		why = append(why, "the panel endorsed its plan between the dates")
	}
	return sentence(strings.Join(why, "; "))
}

// eventRow is one line behind a count: a child, a date and what happened.
type eventRow struct {
	n      int // its place in the list, which keeps it apart from a child's other lines
	id     string
	date   data.Date
	detail string
}

// eventLines are the rows behind a category of the changes, and the
// headings of their date and detail ("" for none).
func eventLines(ch *data.Changes, key string) (rows []eventRow, dateTitle, detailTitle string) {
	add := func(id string, d data.Date, detail string) {
		rows = append(rows, eventRow{n: len(rows), id: id, date: d, detail: detail})
	}
	th := ch.Thresholds
	switch key {
	case data.CategoryCameIntoCare:
		for _, e := range ch.CameIntoCare {
			add(e.ChildID, e.Date, "")
		}
		return rows, "Came into care", ""
	case data.CategoryLeftCare:
		for _, e := range ch.LeftCare {
			add(e.ChildID, e.Date, e.How())
		}
		return rows, "Left care", "How"
	case data.CategoryPlanChanged:
		for _, e := range ch.PlanChanged {
			add(e.ChildID, e.Seen, e.Text())
		}
		return rows, "First seen", "Plan then → now"
	case data.CategoryBecameDrifting:
		for _, e := range ch.BecameDrifting {
			add(e.ChildID, e.Since, e.Kind.Label(th))
		}
		return rows, "Flag running since", "Drift flag"
	case data.CategoryStoppedDrifting:
		for _, e := range ch.StoppedDrifting {
			add(e.ChildID, e.Since, e.Kind.Label(th))
		}
		return rows, "Had run since", "Drift flag no longer on"
	case data.CategoryProceedingsConcluded:
		for _, e := range ch.ProceedingsConcluded {
			add(e.ChildID, e.Date, "")
		}
		return rows, "Final hearing", ""
	case data.CategoryAchievedPermanence:
		for _, e := range ch.AchievedPermanence {
			add(e.ChildID, e.Date, e.Label)
		}
		return rows, "Date", "Route"
	case data.CategoryDisruptions:
		for _, e := range ch.Disruptions {
			add(e.ChildID, e.Date, e.Kind.Label()+": "+e.What)
		}
		return rows, "Date", "What happened"
	case data.CategoryPlanChanges:
		for _, e := range ch.PlanChanges {
			detail := e.Text()
			if r := e.Revocation; r != nil {
				detail += "; placement order " + string(r.Status(ch.To))
			}
			add(e.ChildID, e.Seen, detail)
		}
		return rows, "First seen", "Change of plan"
	case data.CategoryCaseSystemDiffers:
		for _, e := range ch.CaseSystemDiffers {
			add(e.ChildID, e.Meeting.Date, "Case system: "+e.CaseSystem.Label()+"; the panel's: "+panelPlanText(e))
		}
		return rows, "Panel endorsed", "Plans"
	}
	return nil, "Date", ""
}

// eventCols are the drill-down's columns.
func (s *changesScreen) eventCols(dateTitle, detailTitle string) []panelCol[eventRow] {
	id := func(r *eventRow) string { return r.id }
	cols := []panelCol[eventRow]{childCol(s, id), idCol(id)}
	cols = append(cols, dateCol(dateTitle, func(r *eventRow) data.Date { return r.date }))
	if detailTitle != "" {
		cols = append(cols, panelCol[eventRow]{title: detailTitle, width: 320, narrowest: 160, text: func(r *eventRow) string { return r.detail }})
	}
	return append(cols, teamPlanCols(s, id)...)
}

// openCategory is the drill-down behind a count: each line of it, with
// the child, the date and what changed; choosing one opens the child's
// timeline.
func (s *changesScreen) openCategory(key string) {
	ch, u := s.ch, s.u
	if ch == nil || s.loading {
		return
	}
	var cat data.ChangeCategory
	for _, c := range ch.Categories() {
		if c.Key == key {
			cat = c
		}
	}
	rows, dateTitle, detailTitle := eventLines(ch, key)
	title := cat.Label
	t := newPanelTable(s.eventCols(dateTitle, detailTitle), func(r *eventRow) string { return fmt.Sprint(r.n) }, nil)
	t.onChoose = func() {
		if r := t.chosenRow(); r != nil {
			u.openChildID(r.id)
		}
	}
	t.set(rows)
	who := plural(cat.Count, "child", "children")
	if len(cat.ChildIDs) != cat.Count {
		who = plural(cat.Count, "row", "rows") + " for " + plural(len(cat.ChildIDs), "child", "children") + " (some have more than one)"
	}
	info := note(fmt.Sprintf("%s: after %s, up to and including %s. Choose a row to see the child's timeline; click a heading to sort.",
		who, ukDate(ch.From), ukDate(ch.To)))
	if cat.Count == 0 {
		info.SetText(fmt.Sprintf("None after %s up to and including %s.", ukDate(ch.From), ukDate(ch.To)))
	}
	d := dialog.NewCustomWithoutButtons(title, container.NewBorder(info, nil, nil, nil, t.obj), u.win)
	export := u.listButton(func() shownList { return t.shown(title) })
	export.Importance = widget.MediumImportance
	d.SetButtons([]fyne.CanvasObject{export, widget.NewButton("Close", d.Hide)})
	sz := u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(sz.Width*0.9, 1200), min(sz.Height*0.85, 720)))
	if u.drill != nil {
		u.drill.Hide()
	}
	u.drill, u.drillTable, u.drillTitle = d, nil, title
	s.drill, s.drillKey, s.drillTitle = t, key, title
	u.closeOnKeys(d, func() {
		if u.drill == d {
			u.drill = nil
		}
		if s.drill == t {
			s.drill = nil
		}
	}, fyne.KeyEscape)
	d.Show()
}
