package app

import (
	"context"
	"fmt"
	"image"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
	"permanence/data"
	"permanence/data/panel"
)

// meetingRoom is a held meeting, one child at a time: on the left what the
// panel knows of the child (their figures, drift flags, open actions and
// escalations, the last panel record, their timeline), on the right the
// record form. A closed meeting opens here read-only.
type meetingRoom struct {
	s       *panelScreen
	ps      panelStore
	m       data.Meeting
	ag      panel.Agenda
	order   []string // the children in agenda order
	lines   map[string]panel.Line
	records map[string]data.PanelRecord
	forms   map[string]*recordForm
	facts   map[string]*childFacts
	idx     int
	details *meetingDetails

	obj        fyne.CanvasObject
	title      *widget.Label
	saved      *widget.Label // the save indicator
	back       *widget.Button
	prev, next *widget.Button
	jump       *widget.Select
	position   *widget.Label
	detailsBtn *widget.Button
	historyBtn *widget.Button
	closeBtn   *widget.Button // held meetings
	amendBtn   *widget.Button // closed meetings

	name    *widget.Label
	about   *fyne.Container
	chart   *chartView
	left    *container.Scroll
	right   *container.Scroll
	jumping bool
	seq     int

	dlg        dialog.Dialog  // the dialog last opened (tests)
	dlgOK      *widget.Button // its button that acts
	dlgEntry   *formEntry     // its entry (the amendment's reason)
	historyFor []string       // the history dialog's lines, as shown
}

func newMeetingRoom(s *panelScreen, ps panelStore, ag panel.Agenda, recs []data.PanelRecord) *meetingRoom {
	r := &meetingRoom{s: s, ps: ps, m: ag.Meeting, ag: ag, lines: map[string]panel.Line{}, records: map[string]data.PanelRecord{},
		forms: map[string]*recordForm{}, facts: map[string]*childFacts{}}
	for _, l := range ag.Lines {
		if _, dup := r.lines[l.ChildID]; !dup {
			r.order = append(r.order, l.ChildID)
			r.lines[l.ChildID] = l
		}
	}
	for _, rec := range recs {
		r.records[rec.ChildID] = rec
		if _, on := r.lines[rec.ChildID]; !on { // a record always has its line; be safe
			r.order = append(r.order, rec.ChildID)
			r.lines[rec.ChildID] = panel.Line{AgendaLine: data.AgendaLine{ChildID: rec.ChildID}}
		}
	}
	r.title = heading(meetingTitle(r.m))
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.saved = widget.NewLabel("")
	r.saved.Truncation = fyne.TextTruncateEllipsis
	r.details = newMeetingDetails(s, ps, r.m, func(a *autosaver) { indicate(r.saved, a) })
	r.details.onSaved = func(m data.Meeting, _ bool) {
		r.m = m
		r.title.SetText(meetingTitle(m))
	}
	r.back = widget.NewButtonWithIcon("Meetings", theme.NavigateBackIcon(), s.showList)
	r.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), func() { r.step(-1) })
	r.next = widget.NewButtonWithIcon("Next child", theme.NavigateNextIcon(), func() { r.step(1) })
	r.next.IconPlacement = widget.ButtonIconTrailingText
	r.jump = widget.NewSelect(nil, func(string) {
		if !r.jumping {
			r.showChild(r.jump.SelectedIndex())
		}
	})
	r.jump.PlaceHolder = "Go to a child"
	r.position = widget.NewLabel("")
	r.detailsBtn = widget.NewButtonWithIcon("Details…", theme.InfoIcon(), r.showDetails)
	r.historyBtn = widget.NewButtonWithIcon("History…", theme.HistoryIcon(), r.showHistory)
	r.closeBtn = widget.NewButtonWithIcon("Close meeting…", theme.ConfirmIcon(), r.askClose)
	r.amendBtn = widget.NewButtonWithIcon("Amend…", theme.DocumentCreateIcon(), r.askAmend)
	var act fyne.CanvasObject = r.closeBtn
	if r.m.Status == data.MeetingClosed {
		act = r.amendBtn
	}

	r.name = heading("")
	r.about = container.NewVBox()
	r.chart = newChartView(240)
	r.chart.personal = true
	r.chart.printFont = 1
	r.left = container.NewVScroll(container.NewPadded(container.NewVBox(r.name, r.about, r.chart)))
	r.right = container.NewVScroll(widget.NewLabel(""))

	top := container.NewBorder(nil, nil, r.back, container.NewHBox(r.detailsBtn, r.historyBtn, s.papersButton(r.m.ID), act), r.title)
	keys := widget.NewLabel("Ctrl+PgDn / Ctrl+PgUp")
	keys.Importance = widget.LowImportance
	navRow := container.NewBorder(nil, nil, container.NewHBox(r.prev, fixed(r.jump, 260), r.next, r.position),
		nil, container.NewBorder(nil, nil, nil, keys, r.saved))
	var body fyne.CanvasObject
	if len(r.order) == 0 {
		body = container.NewPadded(note("No child is on this meeting's agenda."))
	} else {
		split := container.NewHSplit(r.left, r.right)
		split.Offset = 0.4
		body = split
	}
	r.obj = container.NewBorder(container.NewVBox(top, navRow, widget.NewSeparator()), nil, nil, nil, body)
	r.fillJump()
	if len(r.order) > 0 {
		r.showChild(0)
	} else {
		r.prev.Disable()
		r.next.Disable()
		r.historyBtn.Disable()
		r.amendBtn.Disable()
	}
	return r
}

// fillJump lists the children in the jump list: slot time and child.
func (r *meetingRoom) fillJump() {
	hide := r.s.u.hideNames
	opts := make([]string, len(r.order))
	for i, id := range r.order {
		l := r.lines[id]
		t := l.Time
		if t == "" {
			t = "--:--"
		}
		opts[i] = fmt.Sprintf("%d. %s  %s", i+1, t, lineLabel(l, hide))
	}
	r.jumping = true
	r.jump.Options = opts
	if r.idx >= 0 && r.idx < len(opts) {
		r.jump.SetSelectedIndex(r.idx)
	}
	r.jump.Refresh()
	r.jumping = false
}

// child is the child on screen ("" with an empty agenda).
func (r *meetingRoom) child() string {
	if r.idx < 0 || r.idx >= len(r.order) {
		return ""
	}
	return r.order[r.idx]
}

// form is the form on screen (nil with an empty agenda).
func (r *meetingRoom) form() *recordForm { return r.forms[r.child()] }

// step goes to the next (+1) or previous (-1) child.
func (r *meetingRoom) step(delta int) {
	if i := r.idx + delta; i >= 0 && i < len(r.order) {
		r.showChild(i)
	}
}

// showChild shows the i-th child of the agenda; what was typed for the
// child before is saved at once.
func (r *meetingRoom) showChild(i int) {
	if i < 0 || i >= len(r.order) {
		return
	}
	if cur := r.form(); cur != nil && i != r.idx {
		cur.saver.flush(nil)
	}
	r.idx = i
	id := r.order[i]
	f := r.formFor(id)
	r.right.Content = f.obj
	r.right.Refresh()
	r.right.ScrollToTop()
	r.jumping = true
	r.jump.SetSelectedIndex(i)
	r.jumping = false
	enable(r.prev, i > 0)
	enable(r.next, i < len(r.order)-1)
	r.position.SetText(fmt.Sprintf("%d of %d", i+1, len(r.order)))
	enable(r.amendBtn, f.amendWhy == "")
	indicate(r.saved, f.saver)
	r.showFacts(id, false)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// formFor is a child's form, made from their record the first time.
func (r *meetingRoom) formFor(id string) *recordForm {
	if f := r.forms[id]; f != nil {
		return f
	}
	rec, ok := r.records[id]
	if !ok {
		rec = data.PanelRecord{MeetingID: r.m.ID, ChildID: id}
	}
	f := newRecordForm(r, id, rec)
	r.forms[id] = f
	if fc := r.facts[id]; fc != nil {
		f.setFacts(fc)
	}
	return f
}

// refresh shows new figures (and names hidden or shown) without touching
// what is typed.
func (r *meetingRoom) refresh(namesChanged bool) {
	if namesChanged {
		r.fillJump()
	}
	if id := r.child(); id != "" {
		r.showFacts(id, true)
	}
}

// childFacts is what the panel knows of a child at the meeting.
type childFacts struct {
	child       data.Child
	found       bool // in an extract as at the meeting
	drift       []data.DriftFlag
	th          data.Thresholds
	actions     []data.ChildAction     // open, set at other meetings
	escalations []data.ChildEscalation // open, raised at other meetings
	last        *data.MeetingRecord    // the record at the latest earlier meeting
	proposed    data.Date              // the next review date the rules give
}

// showFacts shows a child's figures, read off the UI goroutine unless
// they were read already (again when fresh).
func (r *meetingRoom) showFacts(id string, fresh bool) {
	if fc := r.facts[id]; fc != nil && !fresh {
		r.drawFacts(id, fc)
		return
	}
	if r.facts[id] == nil {
		r.name.SetText(lineLabel(r.lines[id], r.s.u.hideNames))
		r.about.Objects = []fyne.CanvasObject{note("Loading…")}
		r.about.Refresh()
	}
	r.seq++
	seq := r.seq
	svc, figs, st, m := r.ps.svc, r.ps.figs, r.ps.st, r.m
	run(r.s.u.bridge, func(ctx context.Context) (*childFacts, error) {
		return loadFacts(ctx, svc, figs, st, m, id)
	}, func(fc *childFacts, err error) {
		if err != nil {
			if seq == r.seq {
				r.about.Objects = []fyne.CanvasObject{wrapLabel("The child's figures could not be read: " + err.Error())}
				r.about.Refresh()
			}
			return
		}
		r.facts[id] = fc
		if f := r.forms[id]; f != nil {
			f.setFacts(fc)
		}
		if seq == r.seq && r.child() == id {
			r.drawFacts(id, fc)
		}
	})
}

// loadFacts reads what the panel knows of child at meeting m.
func loadFacts(ctx context.Context, svc *panel.Service, states panel.States, st interface {
	AllRecords(context.Context) ([]data.MeetingRecord, error)
	Thresholds(context.Context) (data.Thresholds, error)
}, m data.Meeting, child string) (*childFacts, error) {
	fc := &childFacts{}
	all, err := states.State(ctx, m.Date)
	if err != nil {
		return nil, err
	}
	// The states are in child ID order (store.StateAt).
	if i := sort.Search(len(all), func(i int) bool { return all[i].ID >= child }); i < len(all) && all[i].ID == child {
		fc.child, fc.found = all[i], true
	}
	recs, err := st.AllRecords(ctx)
	if err != nil {
		return nil, err
	}
	if fc.th, err = st.Thresholds(ctx); err != nil {
		return nil, err
	}
	var prior []data.MeetingRecord
	for _, mr := range recs {
		if mr.Meeting.ID == m.ID || mr.Meeting.Date > m.Date {
			continue
		}
		prior = append(prior, mr)
		if mr.Record.ChildID == child && (fc.last == nil || mr.Meeting.Date > fc.last.Meeting.Date ||
			(mr.Meeting.Date == fc.last.Meeting.Date && mr.Meeting.ID > fc.last.Meeting.ID)) {
			mr := mr
			fc.last = &mr
		}
	}
	if fc.found {
		one := []data.Child{fc.child}
		data.ApplyPanelReviews(one, prior, m.Date)
		fc.child = one[0]
		fc.drift = data.Compute(one, m.Date, data.NoDate, fc.th).Drift[0]
	}
	for _, ca := range data.Actions(recs) {
		if ca.ChildID == child && ca.Meeting.ID != m.ID && ca.Action.Status == data.ActionOpen {
			fc.actions = append(fc.actions, ca)
		}
	}
	for _, ce := range data.Escalations(recs) {
		if ce.ChildID == child && ce.Meeting.ID != m.ID && ce.Escalation.Open() {
			fc.escalations = append(fc.escalations, ce)
		}
	}
	if fc.found {
		if fc.proposed, err = svc.NextReview(ctx, m, child); err != nil {
			return nil, err
		}
	}
	return fc, nil
}

// drawFacts shows a child's figures on the left.
func (r *meetingRoom) drawFacts(id string, fc *childFacts) {
	hide := r.s.u.hideNames
	c := &fc.child
	l := r.lines[id]
	r.name.SetText(childLabel(id, c.Name, c.Initials(), hide))
	var objs []fyne.CanvasObject
	add := func(o ...fyne.CanvasObject) { objs = append(objs, o...) }
	if !fc.found {
		add(wrapLabel("This child is in no extract as at " + ukDate(r.m.Date) + "."))
	} else {
		a := r.m.Date
		add(wrapLabel(fmt.Sprintf("%s · %s · social worker: %s", orNone(c.Team, "no team recorded"), c.AgeBand(a),
			orNone(c.SocialWorker, "not recorded"))))
		add(wrapLabel(fmt.Sprintf("Plan: %s · legal status: %s · placement: %s", c.Plan.Label(),
			codeText(c.LegalStatus, data.LegalStatuses), codeText(c.PlacementType, data.Placements))))
		stage, since := data.CurrentStage(c, a)
		if since.IsZero() {
			add(wrapLabel("Current stage: " + strings.ToLower(stage) + "."))
		} else {
			add(wrapLabel(fmt.Sprintf("Current stage: %s, %s (since %s).", strings.ToLower(stage[:1])+stage[1:],
				plural(data.Days(since, a), "day", "days"), ukDate(since))))
		}
		add(wrapLabel(strings.ToUpper(careText(c, a)[:1]) + careText(c, a)[1:] + "."))
	}
	if len(l.Reasons) > 0 {
		add(bold("Why on the agenda"), newFlow(reasonChips(l.Reasons)...))
		for _, d := range l.Detail {
			add(wrapLabel(d))
		}
	}
	add(bold("Drift flags"))
	for _, f := range fc.drift {
		lab := wrapLabel(fmt.Sprintf("%s: %s (since %s)", f.Kind.Label(fc.th), plural(f.Days, "day", "days"), ukDate(f.Since)))
		lab.Importance = widget.DangerImportance
		add(lab)
	}
	if len(fc.drift) == 0 {
		add(note("None as at " + ukDate(r.m.Date) + "."))
	}
	add(bold("Open actions from earlier meetings"))
	for _, ca := range fc.actions {
		a := ca.Action
		text := fmt.Sprintf("%s — %s, due %s (set %s)", a.What, a.Who, ukDate(a.Due), ukDate(ca.Meeting.Date))
		lab := wrapLabel(text)
		if a.OverdueAt(r.m.Date) {
			lab.SetText(text + ": overdue")
			lab.Importance = widget.DangerImportance
		}
		add(lab)
	}
	if len(fc.actions) == 0 {
		add(note("None."))
	}
	add(bold("Open escalations"))
	for _, ce := range fc.escalations {
		e := ce.Escalation
		add(wrapLabel(fmt.Sprintf("To %s, raised %s: %s", e.To, ukDate(e.Raised), e.Why)))
	}
	if len(fc.escalations) == 0 {
		add(note("None."))
	}
	add(bold("Last panel record"))
	if lr := fc.last; lr != nil {
		add(wrapLabel(fmt.Sprintf("%s: %s", ukDate(lr.Meeting.Date), orNone(lr.Record.Decision, "no decision recorded"))))
		if !lr.Record.NextReview.IsZero() {
			add(wrapLabel("Next review set for " + ukDate(lr.Record.NextReview) + "."))
		}
	} else {
		add(note("None: the panel has not recorded this child before."))
	}
	r.about.Objects = objs
	r.about.Refresh()
	r.drawChart(c, fc.found, hide)
}

// drawChart draws the child's timeline as the timeline screen does.
func (r *meetingRoom) drawChart(c *data.Child, found, hide bool) {
	if !found {
		r.chart.Hide()
		return
	}
	r.chart.Show()
	tc := charts.TimelineChart{Title: "Timeline", Milestones: childMilestones(c, hide), AsAt: r.m.Date.Time()}
	r.chart.set(func(st charts.Style) (image.Image, error) { return charts.RenderTimeline(tc, st) })
}

// childMilestones are a child's dated milestones, as the timeline screen
// draws them (no date of birth when names are hidden).
func childMilestones(c *data.Child, hide bool) []charts.Milestone {
	var ms []charts.Milestone
	for i := range data.Fields {
		f := &data.Fields[i]
		if f.Kind != data.KindDate || (f.Sensitive && hide) {
			continue
		}
		dt := *f.Date(c)
		if dt.IsZero() {
			continue
		}
		label := f.Label
		if f.Name == "date_of_birth" {
			label = "Born"
		}
		ms = append(ms, charts.Milestone{Label: label, Date: dt.Time(), Group: data.MilestoneGroup(f.Name), Birth: f.Name == "date_of_birth"})
	}
	return ms
}

// recordSaved keeps a child's saved record for the close dialog's count.
func (r *meetingRoom) recordSaved(id string) {
	if _, ok := r.records[id]; !ok {
		r.records[id] = data.PanelRecord{MeetingID: r.m.ID, ChildID: id}
	}
}

// showDetails shows the meeting's date, chair and attendees, editable
// while the meeting is not closed.
func (r *meetingRoom) showDetails() {
	d := dialog.NewCustom("Meeting details", "Done", container.NewVBox(
		note("Changes are saved as they are typed."), r.details.obj), r.s.u.win)
	d.SetOnClosed(func() { r.details.saver.flush(nil) })
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	r.dlg = d
	d.Show()
}

// confirm opens a dialog with a Cancel button and one that acts.
func (r *meetingRoom) confirm(title string, content fyne.CanvasObject, okLabel string, ok func()) {
	d := dialog.NewCustomWithoutButtons(title, content, r.s.u.win)
	btn := widget.NewButton(okLabel, func() {
		d.Hide()
		ok()
	})
	btn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), btn})
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	r.dlg, r.dlgOK = d, btn
	d.Show()
}

// askClose asks before closing the meeting: its records become final.
func (r *meetingRoom) askClose() {
	missing := 0
	for _, id := range r.order {
		if _, ok := r.records[id]; !ok {
			missing++
		}
	}
	text := "Its records become final: a change after this is an amendment, with a reason, kept in the record's history."
	if missing > 0 {
		text += fmt.Sprintf("\n\n%s on the agenda %s no record.", plural(missing, "child", "children"),
			map[bool]string{true: "has", false: "have"}[missing == 1])
	}
	r.confirm("Close the meeting?", wrapLabel(text), "Close meeting", r.closeMeeting)
}

// closeMeeting saves what was typed, closes the meeting and opens it again
// read-only.
func (r *meetingRoom) closeMeeting() {
	s := r.s
	svc, id, who := r.ps.svc, r.m.ID, s.who
	s.settle(func(unsaved []string) {
		if len(unsaved) > 0 {
			s.u.showError(fmt.Errorf("the meeting was not closed: what was typed could not all be saved. %s", strings.Join(unsaved, "; ")))
			return
		}
		run(s.u.bridge, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, svc.Close(ctx, id, who)
		}, func(_ struct{}, err error) {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.recordSaved()
			s.openMeeting(id)
		})
	})
}
