package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// escalationsScreen is every case the panel escalated, across meetings
// (panel.md, "Outputs"): open ones first, then by the date raised. A chosen
// open escalation's outcome can be recorded, which saves a new version of
// the record it belongs to.
type escalationsScreen struct {
	u       *ui
	obj     fyne.CanvasObject
	which   *widget.Select // open or all
	count   *widget.Label
	info    *widget.Label
	about   *widget.Label // the chosen escalation in full
	outcome *widget.Button
	open    *widget.Button // the child's timeline
	table   *panelTable[escalationRow]

	snap     *snapshot
	all      []data.ChildEscalation
	children panelChildren
	loaded   bool
	seq      int
	saving   bool
	saved    func() string
	today    func() data.Date
}

// escalationRow is an escalation as the list shows it.
type escalationRow struct {
	data.ChildEscalation
	days int // days open so far, or days it took to resolve
}

const (
	escalationsOpen = "Open escalations"
	escalationsAll  = "All escalations"
)

func newEscalationsScreen(u *ui) *escalationsScreen {
	s := &escalationsScreen{u: u, today: data.Today}
	s.which = widget.NewSelect([]string{escalationsOpen, escalationsAll}, func(string) { s.refilter() })
	s.which.Selected = escalationsOpen
	s.count = widget.NewLabel("")
	s.info = note("")
	s.info.Hide()
	s.about = wrapLabel("")
	s.table = newPanelTable(s.columns(), func(r *escalationRow) string { return escalationKey(r.ChildEscalation) }, s.chosen)
	s.outcome = widget.NewButtonWithIcon("Record outcome…", theme.DocumentCreateIcon(), s.askOutcome)
	s.open = widget.NewButtonWithIcon("Timeline", theme.AccountIcon(), s.openTimeline)
	s.chosen()
	export := u.listButton(s.shown)
	filters := container.NewHBox(fixed(s.which, 190), s.count)
	buttons := container.NewHBox(s.outcome, s.open, export)
	top := container.NewVBox(heading("Escalations"), newFlow(filters, buttons), s.info)
	s.obj = container.NewBorder(top, s.about, nil, nil, s.table.obj)
	return s
}

func (s *escalationsScreen) name() string              { return "escalations" }
func (s *escalationsScreen) title() string             { return "Escalations" }
func (s *escalationsScreen) icon() fyne.Resource       { return theme.MoveUpIcon() }
func (s *escalationsScreen) object() fyne.CanvasObject { return s.obj }

// escalationKey is an escalation's identity (data.Escalations): its child,
// to whom and the date raised.
func escalationKey(e data.ChildEscalation) string {
	return strings.Join([]string{e.ChildID, strings.ToLower(strings.TrimSpace(e.Escalation.To)), e.Escalation.Raised.String()}, "\x00")
}

func (s *escalationsScreen) columns() []panelCol[escalationRow] {
	hide := func() bool { return s.u.hideNames }
	text := func(r *escalationRow, t string) string { return s.children.text(r.ChildID, t, hide()) }
	return []panelCol[escalationRow]{
		{title: "Raised", width: 115, date: true,
			text:  func(r *escalationRow) string { return ukDate(r.Escalation.Raised) },
			value: func(r *escalationRow) any { return dateValue(r.Escalation.Raised) },
			less:  func(a, b *escalationRow) bool { return dateLess(a.Escalation.Raised, b.Escalation.Raised) }},
		{title: "Days open", width: 110,
			text: func(r *escalationRow) string {
				switch {
				case r.days < 0:
					return ""
				case r.Escalation.Open():
					return fmt.Sprintf("%d so far", r.days)
				}
				return fmt.Sprint(r.days)
			},
			value: func(r *escalationRow) any {
				if r.days < 0 {
					return nil
				}
				return r.days
			},
			less: func(a, b *escalationRow) bool { return a.days < b.days }},
		{title: "Child", width: 150, text: func(r *escalationRow) string { return s.children.name(r.ChildID, hide()) }},
		{title: "To", width: 150, narrowest: 110, text: func(r *escalationRow) string { return r.Escalation.To }},
		{title: "Why", width: 250, narrowest: 130, text: func(r *escalationRow) string { return text(r, r.Escalation.Why) }},
		{title: "Outcome", width: 190, narrowest: 110,
			text: func(r *escalationRow) string {
				if r.Escalation.Open() {
					return "Open"
				}
				return text(r, r.Escalation.Outcome)
			},
			warn: func(r *escalationRow) bool { return r.Escalation.Open() }},
		{title: "Resolved", width: 115, date: true,
			text:  func(r *escalationRow) string { return ukDate(r.Escalation.Resolved) },
			value: func(r *escalationRow) any { return dateValue(r.Escalation.Resolved) },
			less:  func(a, b *escalationRow) bool { return dateLess(a.Escalation.Resolved, b.Escalation.Resolved) }},
	}
}

func (s *escalationsScreen) update(snap *snapshot) {
	if snap == s.snap {
		s.refilter() // names hidden or shown
		return
	}
	s.snap = snap
	s.reload()
}

// reload reads every escalation from the store off the UI goroutine.
func (s *escalationsScreen) reload() {
	loadPanelItems(s.u, &s.seq, s.snap, data.Escalations, func(escalations []data.ChildEscalation, children panelChildren) {
		s.all, s.children, s.loaded = escalations, children, true
		s.refilter()
	})
}

// refilter shows the escalations the filter chooses: open ones first, then
// by the date raised (and child).
func (s *escalationsScreen) refilter() {
	if !s.loaded {
		return
	}
	today := s.today()
	var rows []escalationRow
	open := 0
	for _, e := range s.all {
		if !s.children.includes(e.ChildID) || (s.which.Selected == escalationsOpen && !e.Escalation.Open()) {
			continue
		}
		r := escalationRow{ChildEscalation: e, days: -1}
		x := &e.Escalation
		switch {
		case x.Raised.IsZero():
		case x.Open():
			r.days = data.Days(x.Raised, today)
			open++
		case !x.Resolved.IsZero():
			r.days = data.Days(x.Raised, x.Resolved)
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { // data.Escalations is by date raised, then child
		return rows[i].Escalation.Open() && !rows[j].Escalation.Open()
	})
	text := plural(len(rows), "escalation", "escalations")
	if s.which.Selected == escalationsAll {
		text += fmt.Sprintf(", %d open", open)
	}
	s.count.SetText(text)
	s.table.set(rows)
	s.about.SetText(s.aboutText(s.table.chosenRow())) // names hidden or shown
	msg := ""
	switch {
	case s.saved != nil:
		msg = s.saved()
	case len(s.all) == 0:
		msg = "The panel has escalated no case yet: an escalation is recorded with the child's record at a meeting."
	case len(rows) == 0 && s.children.filtered != "":
		msg = "No escalations here for the children shown (" + s.children.filtered + ")."
	case len(rows) == 0:
		msg = "No escalation is open."
	}
	say(s.info, msg)
}

// chosen enables the buttons that fit the chosen escalation.
func (s *escalationsScreen) chosen() {
	r := s.table.chosenRow()
	enableIf(s.outcome, r != nil && r.Escalation.Open() && !s.saving)
	enableIf(s.open, r != nil)
	s.about.SetText(s.aboutText(r))
}

// aboutText says the chosen escalation in full, under the list, or how to
// choose one.
func (s *escalationsScreen) aboutText(r *escalationRow) string {
	if r == nil {
		return "Choose an escalation to record its outcome or open the child's timeline."
	}
	hide := s.u.hideNames
	x := r.Escalation
	text := fmt.Sprintf("%s: escalated to %s on %s (at the %s of %s): “%s”.", s.children.name(r.ChildID, hide),
		orNone(x.To, "no one named"), orNone(ukDate(x.Raised), "no date"), r.Meeting.Kind.Label(), ukDate(r.Meeting.Date),
		s.children.text(r.ChildID, x.Why, hide))
	if x.Open() {
		return text + " No outcome yet."
	}
	return text + fmt.Sprintf(" Outcome (resolved %s): “%s”.", orNone(ukDate(x.Resolved), "no date"), s.children.text(r.ChildID, x.Outcome, hide))
}

// shown is the list as on screen, to export.
func (s *escalationsScreen) shown() shownList { return s.table.shown(s.which.Selected) }

func (s *escalationsScreen) openTimeline() {
	if r := s.table.chosenRow(); r != nil {
		s.u.openChildID(r.ChildID)
	}
}

// askOutcome asks for the chosen escalation's outcome and the date it was
// resolved (today unless changed), then records them.
func (s *escalationsScreen) askOutcome() {
	r := s.table.chosenRow()
	if r == nil || !r.Escalation.Open() {
		return
	}
	ce := r.ChildEscalation
	outcome := newDialogEntry("What was decided, and by whom")
	outcome.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New("say what the outcome was")
		}
		return nil
	}
	resolved := widget.NewDateEntry()
	today := s.today().Time()
	resolved.SetDate(&today)
	x := ce.Escalation
	what := wrapLabel(fmt.Sprintf("%s: to %s, raised %s: %s", s.children.name(ce.ChildID, s.u.hideNames), x.To, ukDate(x.Raised),
		s.children.text(ce.ChildID, x.Why, s.u.hideNames)))
	d := dialog.NewForm("Record the outcome", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Escalation", what),
		widget.NewFormItem("Outcome", outcome),
		widget.NewFormItem("Resolved on", resolved),
	}, func(ok bool) {
		if !ok {
			return
		}
		on := data.NoDate
		if resolved.Date != nil {
			on = data.DateOf(*resolved.Date)
		}
		if err := checkResolved(x.Raised, on, s.today()); err != nil {
			s.u.showError(err)
			return
		}
		s.record(ce, strings.TrimSpace(outcome.Text), on)
	}, s.u.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	outcome.onEscape = d.Hide
	s.u.closeOnKeys(d, nil, fyne.KeyEscape)
	d.Show()
	s.u.win.Canvas().Focus(outcome)
}

// checkResolved checks the date an escalation raised on raised was
// resolved: given, not before it was raised and not after today.
func checkResolved(raised, on, today data.Date) error {
	switch {
	case on.IsZero():
		return errors.New("the outcome was not saved: give the date the escalation was resolved")
	case !raised.IsZero() && on < raised:
		return fmt.Errorf("the outcome was not saved: it cannot be resolved on %s, before it was raised (%s)", ukDate(on), ukDate(raised))
	case on > today:
		return fmt.Errorf("the outcome was not saved: %s is after today; record the outcome once it is known", ukDate(on))
	}
	return nil
}

// record saves an escalation's outcome as a new version of the record it
// belongs to (the record at the latest meeting that carries it).
func (s *escalationsScreen) record(ce data.ChildEscalation, outcome string, on data.Date) {
	key := escalationKey(ce)
	s.saving = true
	s.chosen()
	s.u.saveRecordChange(recordChange{meeting: ce.Meeting, child: ce.ChildID, why: "Escalation outcome recorded",
		patch: func(rec *data.PanelRecord) (data.RecordPatch, error) {
			e := rec.Escalation
			if e == nil || escalationKey(data.ChildEscalation{ChildID: ce.ChildID, Escalation: *e}) != key {
				return data.RecordPatch{}, errChangedElsewhere
			}
			changed := *e
			changed.Outcome, changed.Resolved = outcome, on
			return data.RecordPatch{Keys: []string{data.RecordKeyEscalation}, Values: data.PanelRecord{Escalation: &changed}}, nil
		}}, func(saved bool, err error) {
		s.saving = false
		s.chosen()
		if err != nil {
			s.u.showError(err)
			s.reload()
			return
		}
		if saved {
			s.saved = func() string {
				return fmt.Sprintf("The outcome of the escalation to %s raised %s is recorded (resolved %s): a new version of its record at the %s of %s is saved.",
					ce.Escalation.To, ukDate(ce.Escalation.Raised), ukDate(on), ce.Meeting.Kind.Label(), ukDate(ce.Meeting.Date))
			}
		}
		s.reload()
	})
}
