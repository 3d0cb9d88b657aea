package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
	"permanence/data/panel"
)

// agendaBuilder is a planned meeting: its details, and its agenda — the
// suggestions with their reasons, children added by hand, in the order
// people set, each with a slot time — and the children never reviewed by
// the panel, listed apart.
type agendaBuilder struct {
	s        *panelScreen
	ps       panelStore
	ag       panel.Agenda
	settings data.PanelSettings
	obj      fyne.CanvasObject
	title    *widget.Label
	saved    *widget.Label // the save indicator
	details  *meetingDetails
	summary  *widget.Label
	warning  *widget.Label
	lines    *fyne.Container
	never    *fyne.Container
	search   *formEntry
	results  *fyne.Container
	start    *widget.Button
	back     *widget.Button

	rows    []*agendaRow // the agenda's lines as shown
	matches []string     // the children the search offers, by ID
	adds    []*widget.Button
	neverBy map[string]*widget.Button // each never-reviewed child's Add
	seq     int
}

// agendaRow is one line's buttons.
type agendaRow struct {
	child            string
	up, down, remove *widget.Button
}

// agendaWidths are an agenda line's columns: time, child, social worker,
// team, reasons, buttons.
var agendaWidths = []float32{56, 180, 140, 140, 0, 124}

func newAgendaBuilder(s *panelScreen, ps panelStore, ag panel.Agenda, settings data.PanelSettings) *agendaBuilder {
	b := &agendaBuilder{s: s, ps: ps, ag: ag, settings: settings}
	b.title = heading("")
	b.title.Truncation = fyne.TextTruncateEllipsis
	b.saved = widget.NewLabel("")
	b.details = newMeetingDetails(s, ps, ag.Meeting, func(a *autosaver) { indicate(b.saved, a) })
	b.details.onSaved = func(m data.Meeting, dateChanged bool) {
		b.ag.Meeting = m
		b.title.SetText(meetingTitle(m))
		if dateChanged {
			b.reload() // the suggestions are for the meeting's date
		}
	}
	b.summary = wrapLabel("")
	b.warning = wrapLabel("")
	b.warning.Importance = widget.DangerImportance
	b.lines = container.NewVBox()
	b.never = container.NewVBox()
	b.results = container.NewVBox()
	b.search = newFormEntry(false, "Add a child in care: type their name or ID")
	b.search.OnChanged = func(string) { b.match() }
	b.search.OnSubmitted = func(string) { b.addTyped() }
	b.start = widget.NewButtonWithIcon("Start meeting", theme.MediaPlayIcon(), b.startMeeting)
	b.start.Importance = widget.HighImportance
	b.back = widget.NewButtonWithIcon("Meetings", theme.NavigateBackIcon(), s.showList)

	header := newColumns(agendaWidths, bold("Time"), bold("Child"), bold("Social worker"), bold("Team"), bold("Why on the agenda"), widget.NewLabel(""))
	body := container.NewVBox(
		section("Meeting", b.details.obj),
		heading("Agenda"),
		b.summary, b.warning,
		header, widget.NewSeparator(),
		b.lines,
		bold("Add a child"), b.search, b.results,
		section("Never reviewed by the panel", note("In the panel's cohort for over four months with no panel record: past the point where "+
			"\"not yet seen\" would suggest them. Add any of them to this meeting."), b.never),
	)
	top := container.NewBorder(nil, nil, b.back, container.NewHBox(b.saved, s.papersButton(ag.Meeting.ID), b.start), b.title)
	scroll := container.NewVScroll(container.NewPadded(body))
	b.details.scroll = scroll
	b.search.wheel = scroll.Scrolled
	b.obj = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, scroll)
	b.render()
	return b
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// reload works the agenda out again (a line moved, a child added, the
// date changed, a new extract).
func (b *agendaBuilder) reload() {
	svc, st, id := b.ps.svc, b.ps.st, b.ag.Meeting.ID
	b.seq++
	seq := b.seq
	type loaded struct {
		ag       panel.Agenda
		settings data.PanelSettings
	}
	run(b.s.u.bridge, func(ctx context.Context) (loaded, error) {
		ag, err := svc.Agenda(ctx, id)
		if err != nil {
			return loaded{}, err
		}
		ps, err := st.PanelSettings(ctx)
		return loaded{ag, ps}, err
	}, func(o loaded, err error) {
		if seq != b.seq || b.s.builder != b {
			return
		}
		if err != nil {
			b.warning.SetText("The agenda could not be worked out: " + err.Error())
			return
		}
		if o.ag.Meeting.Status != data.MeetingPlanned {
			b.s.openMeeting(id) // held elsewhere (the command line)
			return
		}
		b.ag, b.settings = o.ag, o.settings
		b.render()
	})
}

// render draws the agenda as last worked out.
func (b *agendaBuilder) render() {
	hide := b.s.u.hideNames
	m := b.ag.Meeting
	b.title.SetText(meetingTitle(m))
	ks := b.settings.For(m.Kind)
	b.summary.SetText(fmt.Sprintf("%s, from %s, %d minutes each. Reasons count from the last meeting of this panel, on %s. "+
		"The agenda follows the extracts until the meeting starts.",
		plural(len(b.ag.Lines), "child", "children"), ks.StartTime, ks.MinutesPerChild, ukDate(b.ag.Since)))
	b.warning.SetText(b.ag.Warning)
	if b.ag.Warning == "" {
		b.warning.Hide()
	} else {
		b.warning.Show()
	}
	// The rows are put in at once: adding them one by one would lay the
	// list out again each time.
	var rows []fyne.CanvasObject
	b.rows = nil
	if len(b.ag.Lines) == 0 {
		rows = append(rows, note("No child is suggested for this date. Add children below."))
	}
	for i, l := range b.ag.Lines {
		rows = append(rows, b.lineRow(i, l, hide))
	}
	b.lines.Objects = rows
	b.lines.Refresh()
	var never []fyne.CanvasObject
	b.neverBy = map[string]*widget.Button{}
	if len(b.ag.NeverReviewed) == 0 {
		never = append(never, note("None."))
	}
	for _, l := range b.ag.NeverReviewed {
		id := l.ChildID
		add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() { b.add(id) })
		b.neverBy[id] = add
		never = append(never, newColumns(agendaWidths, widget.NewLabel(""), truncLabel(lineLabel(l, hide)),
			truncLabel(l.SocialWorker), truncLabel(l.Team), truncLabel(l.Plan.Label()), add))
	}
	b.never.Objects = never
	b.never.Refresh()
	b.search.Password = hide // what is typed may be a name
	b.search.Refresh()
	b.match()
}

// lineRow is one line of the agenda: time, child, social worker, team,
// reason chips with what lies behind them, and its buttons.
func (b *agendaBuilder) lineRow(i int, l panel.Line, hide bool) fyne.CanvasObject {
	id := l.ChildID
	r := &agendaRow{child: id}
	r.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { b.move(id, -1) })
	r.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { b.move(id, 1) })
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { b.remove(id) })
	for _, btn := range []*widget.Button{r.up, r.down, r.remove} {
		btn.Importance = widget.LowImportance
	}
	if i == 0 {
		r.up.Disable()
	}
	if i == len(b.ag.Lines)-1 {
		r.down.Disable()
	}
	b.rows = append(b.rows, r)
	reasons := []fyne.CanvasObject{newFlow(reasonChips(l.Reasons)...)}
	if len(l.Detail) > 0 {
		d := widget.NewLabel(strings.Join(l.Detail, "\n"))
		d.Wrapping = fyne.TextWrapWord
		d.SizeName = theme.SizeNameCaptionText
		reasons = append(reasons, d)
	}
	t := l.Time
	if t == "" {
		t = "—"
	}
	child := truncLabel(lineLabel(l, hide))
	child.TextStyle.Bold = true
	return container.NewVBox(newColumns(agendaWidths, widget.NewLabel(t), child, truncLabel(l.SocialWorker),
		truncLabel(l.Team), container.NewVBox(reasons...), container.NewHBox(r.up, r.down, r.remove)), widget.NewSeparator())
}

// order is the agenda's children as shown.
func (b *agendaBuilder) order() []string {
	out := make([]string, len(b.ag.Lines))
	for i, l := range b.ag.Lines {
		out[i] = l.ChildID
	}
	return out
}

// move moves a child's line up (-1) or down (+1) and keeps the order.
func (b *agendaBuilder) move(child string, delta int) {
	order := b.order()
	i := -1
	for j, c := range order {
		if c == child {
			i = j
		}
	}
	j := i + delta
	if i < 0 || j < 0 || j >= len(order) {
		return
	}
	order[i], order[j] = order[j], order[i]
	st, id := b.ps.st, b.ag.Meeting.ID
	b.change(func(ctx context.Context) error { return st.SetAgendaOrder(ctx, id, order) })
}

// remove takes a child off the agenda.
func (b *agendaBuilder) remove(child string) {
	st, id := b.ps.st, b.ag.Meeting.ID
	b.change(func(ctx context.Context) error { return st.RemoveFromAgenda(ctx, id, child) })
}

// add puts a child on the agenda.
func (b *agendaBuilder) add(child string) {
	svc, id := b.ps.svc, b.ag.Meeting.ID
	b.search.SetText("")
	b.change(func(ctx context.Context) error { return svc.AddToAgenda(ctx, id, child) })
}

// change stores a change to the agenda, then works it out again.
func (b *agendaBuilder) change(work func(ctx context.Context) error) {
	run(b.s.u.bridge, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, work(ctx)
	}, func(_ struct{}, err error) {
		if err != nil {
			b.s.u.showError(err)
		}
		b.reload()
	})
}

// maxMatches is how many children the search offers at once.
const maxMatches = 8

// match offers the children in care that the search finds, as the
// Children screen's search finds them: with names hidden, by ID and
// initials only.
func (b *agendaBuilder) match() {
	b.results.Objects = nil
	b.matches, b.adds = nil, nil
	q := strings.ToLower(strings.TrimSpace(b.search.Text))
	snap := b.s.u.snap
	if q == "" || snap == nil {
		b.results.Refresh()
		return
	}
	var results []fyne.CanvasObject
	on := map[string]bool{}
	for _, l := range b.ag.Lines {
		on[l.ChildID] = true
	}
	hide := b.s.u.hideNames
	found := 0
	for _, i := range filterChildren(snap, q, false, false, hide) {
		c := snap.child(i)
		if on[c.ID] {
			continue
		}
		found++
		if len(b.matches) == maxMatches {
			continue
		}
		id := c.ID
		add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() { b.add(id) })
		b.matches = append(b.matches, id)
		b.adds = append(b.adds, add)
		text := fmt.Sprintf("%s · %s · %s · plan: %s", childLabel(c.ID, c.Name, c.Initials(), hide),
			orNone(c.SocialWorker, "no social worker recorded"), orNone(c.Team, "no team"), c.Plan.Label())
		results = append(results, container.NewBorder(nil, nil, nil, add, truncLabel(text)))
	}
	switch {
	case found == 0:
		results = append(results, note("No child in care as at "+ukDate(snap.view.asAt)+" matches, or they are on the agenda already."))
	case found > maxMatches:
		results = append(results, note(fmt.Sprintf("%d more: type more of the name or ID.", found-maxMatches)))
	}
	b.results.Objects = results
	b.results.Refresh()
}

// addTyped adds the child the search found, when it found one, or the
// child whose ID was typed exactly.
func (b *agendaBuilder) addTyped() {
	q := strings.TrimSpace(b.search.Text)
	for _, id := range b.matches {
		if strings.EqualFold(id, q) {
			b.add(id)
			return
		}
	}
	if len(b.matches) == 1 {
		b.add(b.matches[0])
	}
}

// startMeeting holds the meeting: its agenda is kept as it is now, and the
// meeting opens one child at a time.
func (b *agendaBuilder) startMeeting() {
	svc, id, who := b.ps.svc, b.ag.Meeting.ID, b.s.who
	b.start.Disable()
	b.s.settle(func([]string) {
		run(b.s.u.bridge, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, svc.Hold(ctx, id, who)
		}, func(_ struct{}, err error) {
			b.start.Enable()
			if err != nil {
				b.s.u.showError(err)
				return
			}
			b.s.openMeeting(id)
		})
	})
}
