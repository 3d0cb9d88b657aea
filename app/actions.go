package app

import (
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

// actionsScreen is every action the panel set, across meetings (panel.md,
// "Outputs"): overdue first, then by owner and due date; open ones by
// default. A chosen open action can be marked done or no longer needed,
// which saves a new version of the record it belongs to.
type actionsScreen struct {
	u     *ui
	obj   fyne.CanvasObject
	which *widget.Select // open, overdue or all
	owner *widget.Select
	count *widget.Label
	info  *widget.Label // what was last saved, or why nothing shows
	about *widget.Label // the chosen action in full
	done  *widget.Button
	drop  *widget.Button
	open  *widget.Button // the child's timeline
	table *panelTable[actionRow]

	snap     *snapshot
	all      []data.ChildAction // every action, as last read
	children panelChildren
	loaded   bool
	seq      int
	saving   bool
	saved    func() string // what was last saved, said above the list (names hidden as they are then)
	// today is the date overdue is judged at, and an action is done on.
	today func() data.Date
}

// actionRow is an action as the list shows it.
type actionRow struct {
	data.ChildAction
	overdue int // days overdue (0: not overdue)
}

const (
	actionsOpen    = "Open actions"
	actionsOverdue = "Overdue actions"
	actionsAll     = "All actions"
	allOwners      = "Every owner"
)

func newActionsScreen(u *ui) *actionsScreen {
	s := &actionsScreen{u: u, today: data.Today}
	s.which = widget.NewSelect([]string{actionsOpen, actionsOverdue, actionsAll}, func(string) { s.refilter() })
	s.which.Selected = actionsOpen
	s.owner = widget.NewSelect([]string{allOwners}, func(string) { s.refilter() })
	s.owner.Selected = allOwners
	s.count = widget.NewLabel("")
	s.info = note("")
	s.info.Hide()
	s.about = wrapLabel("")
	s.table = newPanelTable(s.columns(), func(r *actionRow) string { return actionKey(r.ChildAction) }, s.chosen)
	s.done = widget.NewButtonWithIcon("Mark done", theme.ConfirmIcon(), s.markDone)
	s.drop = widget.NewButtonWithIcon("No longer needed…", theme.CancelIcon(), s.askDrop)
	s.open = widget.NewButtonWithIcon("Timeline", theme.AccountIcon(), s.openTimeline)
	s.chosen()
	export := u.listButton(s.shown)
	filters := container.NewHBox(fixed(s.which, 170), fixed(s.owner, 200), s.count)
	buttons := container.NewHBox(s.done, s.drop, s.open, export)
	// On a small laptop the buttons wrap under the filters.
	top := container.NewVBox(heading("Actions"), newFlow(filters, buttons), s.info)
	s.obj = container.NewBorder(top, s.about, nil, nil, s.table.obj)
	return s
}

func (s *actionsScreen) name() string              { return "actions" }
func (s *actionsScreen) title() string             { return "Actions" }
func (s *actionsScreen) icon() fyne.Resource       { return theme.CheckButtonCheckedIcon() }
func (s *actionsScreen) object() fyne.CanvasObject { return s.obj }

// actionKey is an action's identity (data.Actions): its child, what, who
// and due date.
func actionKey(a data.ChildAction) string {
	return strings.Join([]string{a.ChildID, strings.TrimSpace(a.Action.What), strings.TrimSpace(a.Action.Who), a.Action.Due.String()}, "\x00")
}

func (s *actionsScreen) columns() []panelCol[actionRow] {
	hide := func() bool { return s.u.hideNames }
	return []panelCol[actionRow]{
		{title: "Due", width: 115, date: true,
			text:  func(r *actionRow) string { return ukDate(r.Action.Due) },
			value: func(r *actionRow) any { return dateValue(r.Action.Due) },
			less:  func(a, b *actionRow) bool { return dateLess(a.Action.Due, b.Action.Due) }},
		{title: "Who", width: 180, narrowest: 130, text: func(r *actionRow) string { return r.Action.Who }},
		{title: "Child", width: 160, text: func(r *actionRow) string { return s.children.name(r.ChildID, hide()) }},
		{title: "What", width: 270, narrowest: 140, text: func(r *actionRow) string { return s.children.text(r.ChildID, r.Action.What, hide()) }},
		{title: "Status", width: 165, text: func(r *actionRow) string { return s.children.text(r.ChildID, actionStatus(r), hide()) },
			warn: func(r *actionRow) bool { return r.overdue > 0 },
			less: func(a, b *actionRow) bool { return actionRank(a) < actionRank(b) }},
		{title: "Set at", width: 190, text: func(r *actionRow) string { return meetingText(r.Meeting) },
			less: func(a, b *actionRow) bool { return a.Meeting.Date < b.Meeting.Date }},
	}
}

// actionStatus says where an action is: "Open", "Overdue by 12 days",
// "Done on 3 Mar 2026", "Dropped: the family moved away".
func actionStatus(r *actionRow) string {
	a := r.Action
	switch {
	case r.overdue > 0:
		return "Overdue by " + plural(r.overdue, "day", "days")
	case a.Status == data.ActionDone:
		return strings.TrimSpace("Done on " + ukDate(a.DoneOn))
	case a.Status == data.ActionDropped:
		if a.Why == "" {
			return "No longer needed"
		}
		return "No longer needed: " + a.Why
	}
	return "Open"
}

// actionRank orders the status column: most overdue first, then open,
// done and dropped.
func actionRank(r *actionRow) int {
	switch {
	case r.overdue > 0:
		return -r.overdue
	case r.Action.Status == data.ActionOpen:
		return 0
	case r.Action.Status == data.ActionDone:
		return 1
	}
	return 2
}

func (s *actionsScreen) update(snap *snapshot) {
	if snap == s.snap {
		s.refilter() // names hidden or shown
		return
	}
	s.snap = snap
	s.reload()
}

// reload reads every action from the store off the UI goroutine.
func (s *actionsScreen) reload() {
	loadPanelItems(s.u, &s.seq, s.snap, data.Actions, func(actions []data.ChildAction, children panelChildren) {
		s.all, s.children, s.loaded = actions, children, true
		s.fillOwners()
		s.refilter()
	})
}

// fillOwners lists every owner of an action (as first written, ignoring
// case), keeping the one chosen.
func (s *actionsScreen) fillOwners() {
	seen := map[string]bool{}
	var owners []string
	for _, a := range s.all {
		w := strings.TrimSpace(a.Action.Who)
		if w != "" && !seen[strings.ToLower(w)] {
			seen[strings.ToLower(w)] = true
			owners = append(owners, w)
		}
	}
	sort.Slice(owners, func(i, j int) bool { return strings.ToLower(owners[i]) < strings.ToLower(owners[j]) })
	s.owner.Options = append([]string{allOwners}, owners...)
	if s.owner.Selected != allOwners && !seen[strings.ToLower(s.owner.Selected)] {
		s.owner.Selected = allOwners
	}
	s.owner.Refresh()
}

// refilter shows the actions the filters choose, in panel.md's order:
// overdue first, then by owner, due date and child.
func (s *actionsScreen) refilter() {
	if !s.loaded {
		return
	}
	today := s.today()
	var list []data.ChildAction
	for _, a := range s.all {
		switch {
		case !s.children.includes(a.ChildID):
		case s.which.Selected == actionsOpen && a.Action.Status != data.ActionOpen:
		case s.which.Selected == actionsOverdue && !a.Action.OverdueAt(today):
		case s.owner.Selected != allOwners && !strings.EqualFold(strings.TrimSpace(a.Action.Who), s.owner.Selected):
		default:
			list = append(list, a)
		}
	}
	data.SortActions(list, today)
	rows := make([]actionRow, len(list))
	overdue := 0
	for i, a := range list {
		rows[i] = actionRow{ChildAction: a}
		if a.Action.OverdueAt(today) {
			rows[i].overdue = data.Days(a.Action.Due, today)
			overdue++
		}
	}
	text := plural(len(rows), "action", "actions")
	if overdue > 0 && s.which.Selected != actionsOverdue {
		text += fmt.Sprintf(", %d overdue", overdue)
	}
	s.count.SetText(text)
	s.table.set(rows)
	s.about.SetText(s.aboutText(s.table.chosenRow())) // names hidden or shown
	msg := ""
	switch {
	case s.saved != nil:
		msg = s.saved()
	case len(s.all) == 0:
		msg = "The panel has set no actions yet: they are recorded with each child's record at a meeting."
	case len(rows) == 0 && s.children.filtered != "":
		msg = "No actions here for the children shown (" + s.children.filtered + ")."
	}
	say(s.info, msg)
}

// say shows a line above a list, or hides it when there is nothing to say.
func say(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// chosen enables the buttons that fit the chosen action.
func (s *actionsScreen) chosen() {
	r := s.table.chosenRow()
	open := r != nil && r.Action.Status == data.ActionOpen && !s.saving
	enableIf(s.done, open)
	enableIf(s.drop, open)
	enableIf(s.open, r != nil)
	s.about.SetText(s.aboutText(r))
}

// aboutText says the chosen action in full, under the list (cells cut
// long text short), or how to choose one.
func (s *actionsScreen) aboutText(r *actionRow) string {
	if r == nil {
		return "Choose an action to mark it done, record that it is no longer needed, or open the child's timeline."
	}
	hide := s.u.hideNames
	a := r.Action
	return fmt.Sprintf("%s: “%s”, %s, due %s. %s. Set at the %s of %s.", s.children.name(r.ChildID, hide),
		s.children.text(r.ChildID, a.What, hide), orNone(a.Who, "no owner"), orNone(ukDate(a.Due), "no date"),
		s.children.text(r.ChildID, actionStatus(r), hide), r.Meeting.Kind.Label(), ukDate(r.Meeting.Date))
}

// shown is the list as on screen, to export: named by its filters.
func (s *actionsScreen) shown() shownList {
	name := s.which.Selected
	if s.owner.Selected != allOwners {
		name += ", " + s.owner.Selected
	}
	return s.table.shown(name)
}

func (s *actionsScreen) openTimeline() {
	if r := s.table.chosenRow(); r != nil {
		s.u.openChildID(r.ChildID)
	}
}

// markDone marks the chosen action done today.
func (s *actionsScreen) markDone() {
	r := s.table.chosenRow()
	if r == nil || r.Action.Status != data.ActionOpen {
		return
	}
	today := s.today()
	s.change(r.ChildAction, func(a *data.Action) {
		a.Status, a.DoneOn, a.Why = data.ActionDone, today, ""
	}, "Action marked done on "+today.UK(), "marked done on "+ukDate(today))
}

// askDrop asks why the chosen action is no longer needed, then records it.
func (s *actionsScreen) askDrop() {
	r := s.table.chosenRow()
	if r == nil || r.Action.Status != data.ActionOpen {
		return
	}
	ca := r.ChildAction
	why := newDialogEntry("Why the action is no longer needed")
	why.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return fmt.Errorf("say why the action is no longer needed")
		}
		return nil
	}
	hide := s.u.hideNames
	what := wrapLabel(s.children.name(ca.ChildID, hide) + ": “" + s.children.text(ca.ChildID, ca.Action.What, hide) + "” (" +
		orNone(ca.Action.Who, "no owner") + ", due " + orNone(ukDate(ca.Action.Due), "no date") + ")")
	d := dialog.NewForm("No longer needed", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Action", what),
		widget.NewFormItem("Why", why),
	}, func(ok bool) {
		if !ok {
			return
		}
		text := strings.TrimSpace(why.Text)
		today := s.today()
		s.change(ca, func(a *data.Action) {
			a.Status, a.DoneOn, a.Why = data.ActionDropped, data.NoDate, text
		}, "Action no longer needed ("+today.UK()+"): "+text, "recorded as no longer needed")
	}, s.u.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	why.onEscape = d.Hide
	s.u.closeOnKeys(d, nil, fyne.KeyEscape)
	d.Show()
	s.u.win.Canvas().Focus(why)
}

// change saves a change to an action as a new version of the record it
// belongs to (the record at the latest meeting that carries it); why is the
// reason an amendment to a closed meeting gives, did what the screen then
// says was done.
func (s *actionsScreen) change(ca data.ChildAction, edit func(a *data.Action), why, did string) {
	key := actionKey(ca)
	s.saving = true
	s.chosen()
	s.u.saveRecordChange(recordChange{meeting: ca.Meeting, child: ca.ChildID, why: why,
		patch: func(rec *data.PanelRecord) (data.RecordPatch, error) {
			actions := append([]data.Action(nil), rec.Actions...)
			found := false
			for i := range actions {
				if actionKey(data.ChildAction{ChildID: ca.ChildID, Action: actions[i]}) == key {
					edit(&actions[i])
					found = true
				}
			}
			if !found {
				return data.RecordPatch{}, errChangedElsewhere
			}
			return data.RecordPatch{Keys: []string{data.RecordKeyActions}, Values: data.PanelRecord{Actions: actions}}, nil
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
				return fmt.Sprintf("“%s” (%s) is %s: a new version of its record at the %s of %s is saved.",
					s.children.text(ca.ChildID, ca.Action.What, s.u.hideNames), ca.Action.Who, did,
					ca.Meeting.Kind.Label(), ukDate(ca.Meeting.Date))
			}
		}
		s.reload()
	})
}
