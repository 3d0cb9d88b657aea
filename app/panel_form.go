package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// recordForm is a child's record at a meeting (panel.md, "The record of a
// child at a meeting"), every field of it. What is typed is checked with
// the domain's rules for a record file — the form is read as a record
// file named "the form" — and saved as it is typed: a field with a
// problem keeps what is typed, shows the problem under it, and is left out
// of the save (the store keeps its last good value) until it is put right;
// every other field is saved.
type recordForm struct {
	room     *meetingRoom
	child    string
	obj      fyne.CanvasObject
	saver    *autosaver
	loading  bool // filling the form: changes are not the user's
	editable bool
	amendWhy string // set once an amendment of a closed meeting's record is begun
	planText string // the plan as the record words it ("Independence"), kept while its category is chosen
	facts    *childFacts
	filled   bool // the proposed review date has been offered
	problems map[string]*widget.Label

	attended     *answerRadio
	updateBy     *formEntry
	update       *formEntry
	voice        *answerRadio
	voiceText    *formEntry
	plan         *widget.Select
	planNote     *widget.Label
	parallel     *formEntry
	barriers     []*widget.Check // in data.Barriers order
	barrierOther *formEntry
	adoption     *fyne.Container
	early        *answerRadio
	previous     *answerRadio
	decision     *formEntry
	actions      []*actionLine
	actionsBox   *fyne.Container
	addAction    *widget.Button
	next         *dateField
	nextWhy      *formEntry
	nextNote     *widget.Label
	escTo        *formEntry
	escWhy       *formEntry
	escRaised    *dateField
	escOutcome   *formEntry
	escResolved  *dateField
	amendNote    *widget.Label
	carryActions *widget.Button // brings in the open actions of earlier meetings
	carryEsc     *widget.Button // brings in the open escalation, to record its outcome
}

// actionLine is one action: what, who, due, and its status.
type actionLine struct {
	what, who *formEntry
	due       *dateField
	status    *widget.Select
	doneOn    *dateField
	why       *formEntry
	remove    *widget.Button
	problem   *widget.Label
	doneBox   fyne.CanvasObject
	whyBox    fyne.CanvasObject
	obj       *fyne.Container
}

// The action statuses as the form says them, in data's order.
var (
	actionStatusLabels = []string{"Open", "Done", "No longer needed"}
	actionStatuses     = []data.ActionStatus{data.ActionOpen, data.ActionDone, data.ActionDropped}
)

// recordKeyLabels name a record's keys in the form's words (problems not
// saved, the history's "what changed").
var recordKeyLabels = map[string]string{
	data.RecordKeyAttended:                   "Social worker attended",
	data.RecordKeyUpdateBy:                   "Update given by",
	data.RecordKeyUpdate:                     "Update",
	data.RecordKeyChildVoice:                 "The child's voice",
	data.RecordKeyPlan:                       "Plan endorsed",
	data.RecordKeyParallelPlan:               "Parallel plan",
	data.RecordKeyBarriers:                   "Barriers",
	data.RecordKeyBarrierOther:               "Other barrier",
	data.RecordKeyEarlyPermanenceConsidered:  "Early permanence considered",
	data.RecordKeyPreviousAdoptersConsidered: "Earlier adoptive family considered",
	data.RecordKeyDecision:                   "Decision",
	data.RecordKeyActions:                    "Actions",
	data.RecordKeyNextReview:                 "Next review",
	data.RecordKeyNextReviewWhy:              "Reason for the review date",
	data.RecordKeyEscalation:                 "Escalation",
}

// subKeyLabels name the parts of an action or an escalation.
var subKeyLabels = map[string]string{
	"what": "What", "who": "Who", "due": "Due date", "status": "Status", "done_on": "Done on", "why": "Why",
	"to": "To whom", "raised": "Raised", "outcome": "Outcome", "resolved": "Resolved", "gathered": "Gathered", "text": "What they are",
}

func newRecordForm(r *meetingRoom, child string, rec data.PanelRecord) *recordForm {
	f := &recordForm{room: r, child: child, editable: true, problems: map[string]*widget.Label{}}
	f.saver = newAutosaver(r.s, f.build, func(a *autosaver) {
		switch {
		case r.form() == f:
			indicate(r.saved, a)
		case a.err != nil && !a.saving:
			// A child left behind: say so, or nobody would know.
			r.s.u.showError(fmt.Errorf("the record of %s was not saved: %w. Go back to the child: what was typed is still there",
				lineLabel(r.lines[child], r.s.u.hideNames), a.err))
		}
	})
	f.saver.label = "The record of child " + child
	changed := func() { f.changed() }
	entry := func(multi bool, ph string, rows int) *formEntry {
		e := newFormEntry(multi, ph)
		if multi {
			e.setRows(rows)
		}
		f.hook(e)
		return e
	}
	date := func() *dateField {
		d := newDateField()
		f.hook(d.formEntry)
		return d
	}
	f.attended = newAnswerRadio([]string{"Yes", "No"}, []data.Answer{data.AnswerYes, data.AnswerNo}, changed)
	f.updateBy = entry(false, "Name or role", 0)
	f.update = entry(true, "Key points discussed", 5)
	f.voice = newAnswerRadio([]string{"Yes", "No", "Not appropriate for the child's age"},
		[]data.Answer{data.AnswerYes, data.AnswerNo, data.AnswerNotAppropriate}, changed)
	f.voice.Horizontal = false
	f.voiceText = entry(true, "What the child's wishes and feelings are", 2)
	planLabels := []string{}
	for _, p := range data.Plans {
		if p != data.PlanNotRecorded {
			planLabels = append(planLabels, p.Label())
		}
	}
	f.plan = widget.NewSelect(planLabels, func(string) { f.changed() })
	f.plan.PlaceHolder = "Choose the plan the panel endorses"
	f.planNote = wrapLabel("")
	f.planNote.Importance = widget.WarningImportance
	f.planNote.Hide()
	f.parallel = entry(false, "Parallel or contingency plan, if any", 0)
	var checks []fyne.CanvasObject
	for _, b := range data.Barriers {
		c := widget.NewCheck(b.Label(), func(bool) { f.changed() })
		f.barriers = append(f.barriers, c)
		checks = append(checks, c)
	}
	barrierChecks := newGrid(2, 300, checks...) // one column when the form is narrow
	f.barrierOther = entry(false, "Other: say what the barrier is", 0)
	yesNoNA := []string{"Yes", "No", "Not applicable"}
	answersNA := []data.Answer{data.AnswerYes, data.AnswerNo, data.AnswerNotApplicable}
	f.early = newAnswerRadio(yesNoNA, answersNA, changed)
	f.previous = newAnswerRadio(yesNoNA, answersNA, changed)
	f.decision = entry(true, "The panel's decision or recommendation", 3)
	f.actionsBox = container.NewVBox()
	f.addAction = widget.NewButtonWithIcon("Add an action", theme.ContentAddIcon(), func() {
		f.addActionLine(data.Action{Status: data.ActionOpen})
	})
	f.next = date()
	f.nextWhy = entry(false, "Why this date (needed under 3 months)", 0)
	f.nextNote = note("")
	f.escTo = entry(false, "To whom (a role)", 0)
	f.escWhy = entry(true, "Why it was escalated", 2)
	f.escRaised = date()
	f.escOutcome = entry(true, "Its outcome, once known", 2)
	f.escResolved = date()
	f.carryActions = widget.NewButtonWithIcon("", theme.ContentAddIcon(), f.bringActions)
	f.carryActions.Hide()
	f.carryEsc = widget.NewButtonWithIcon("", theme.ContentAddIcon(), f.bringEscalation)
	f.carryEsc.Hide()
	f.amendNote = wrapLabel("")
	f.amendNote.Importance = widget.WarningImportance
	f.amendNote.Hide()
	for _, k := range []string{data.RecordKeyAttended, data.RecordKeyUpdateBy, data.RecordKeyUpdate, data.RecordKeyChildVoice,
		data.RecordKeyPlan, data.RecordKeyParallelPlan, data.RecordKeyBarriers, data.RecordKeyEarlyPermanenceConsidered,
		data.RecordKeyPreviousAdoptersConsidered, data.RecordKeyDecision, data.RecordKeyActions, data.RecordKeyNextReview,
		data.RecordKeyEscalation} {
		f.problems[k] = problemLabel()
	}
	p := f.problems
	f.adoption = container.NewVBox(
		formHeading("Adoption"),
		caption("Early permanence considered"), f.early, p[data.RecordKeyEarlyPermanenceConsidered],
		caption("For a family whose earlier children were adopted: contact with the earlier adoptive family considered"),
		f.previous, p[data.RecordKeyPreviousAdoptersConsidered],
	)
	f.adoption.Hide()
	when := func(label string, d *dateField) fyne.CanvasObject {
		return container.NewHBox(widget.NewLabel(label), fixed(d, 170))
	}
	f.obj = container.NewPadded(container.NewVBox(
		f.amendNote,
		formHeading("At the meeting"),
		container.NewHBox(widget.NewLabel("Social worker attended"), f.attended.RadioGroup), p[data.RecordKeyAttended],
		container.NewBorder(nil, nil, widget.NewLabel("Update given by"), nil, f.updateBy), p[data.RecordKeyUpdateBy],
		formHeading("Update"), f.update, p[data.RecordKeyUpdate],
		formHeading("The child's voice"),
		widget.NewLabel("Wishes and feelings gathered"), f.voice.RadioGroup, f.voiceText, p[data.RecordKeyChildVoice],
		formHeading("Plan"),
		container.NewBorder(nil, nil, widget.NewLabel("Plan endorsed"), nil, f.plan), f.planNote, p[data.RecordKeyPlan],
		container.NewBorder(nil, nil, widget.NewLabel("Parallel plan"), nil, f.parallel), p[data.RecordKeyParallelPlan],
		formHeading("Barriers"), barrierChecks, f.barrierOther, p[data.RecordKeyBarriers],
		f.adoption,
		formHeading("Decision or recommendation"), f.decision, p[data.RecordKeyDecision],
		formHeading("Actions"), f.actionsBox, p[data.RecordKeyActions], container.NewHBox(f.addAction, f.carryActions),
		formHeading("Next review"),
		when("Next review", f.next), f.nextNote,
		container.NewBorder(nil, nil, widget.NewLabel("Reason"), nil, f.nextWhy), p[data.RecordKeyNextReview],
		formHeading("Escalation, if any"), container.NewHBox(f.carryEsc),
		container.NewBorder(nil, nil, widget.NewLabel("To"), nil, f.escTo), f.escWhy, when("Raised", f.escRaised),
		f.escOutcome, when("Resolved", f.escResolved), p[data.RecordKeyEscalation],
	))
	f.setRecord(rec)
	f.setEditable(r.m.Status != data.MeetingClosed)
	return f
}

// formHeading is a part of the record form.
func formHeading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), l)
}

func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// hook makes an entry tell the form of changes, save when left, and pass
// on the meeting's navigation keys.
func (f *recordForm) hook(e *formEntry) {
	e.OnChanged = func(string) { f.changed() }
	e.onBlur = func() { f.saver.flush(nil) }
	e.onShortcut = f.room.s.shortcut
	e.wheel = func(ev *fyne.ScrollEvent) { f.room.right.Scrolled(ev) }
}

// changed is told of every change the user makes.
func (f *recordForm) changed() {
	if f.loading || !f.editable {
		return
	}
	f.showPlanNote()
	f.showAdoption()
	f.showCarry()
	f.saver.changed()
}

// addActionLine adds an action to the form.
func (f *recordForm) addActionLine(a data.Action) *actionLine {
	l := &actionLine{}
	l.what = newFormEntry(false, "What is to be done")
	l.who = newFormEntry(false, "Who (name or role)")
	l.due = newDateField()
	l.doneOn = newDateField()
	l.why = newFormEntry(false, "Why it is no longer needed")
	for _, e := range []*formEntry{l.what, l.who, l.due.formEntry, l.doneOn.formEntry, l.why} {
		f.hook(e)
	}
	l.status = widget.NewSelect(actionStatusLabels, func(string) {
		l.showStatus()
		f.changed()
	})
	l.problem = problemLabel()
	l.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { f.removeActionLine(l) })
	l.remove.Importance = widget.LowImportance
	l.doneBox = container.NewHBox(widget.NewLabel("Done on"), fixed(l.doneOn, 170))
	l.whyBox = container.NewBorder(nil, nil, widget.NewLabel("Why"), nil, l.why)
	l.obj = container.NewVBox(
		container.NewBorder(nil, nil, nil, l.remove, l.what),
		newColumns([]float32{0, 170, 170}, l.who, l.due, l.status),
		l.doneBox, l.whyBox, l.problem, widget.NewSeparator(),
	)
	was := f.loading
	f.loading = true
	l.what.SetText(a.What)
	l.who.SetText(a.Who)
	l.due.setDate(a.Due)
	l.doneOn.setDate(a.DoneOn)
	l.why.SetText(a.Why)
	st := 0
	for i, s := range actionStatuses {
		if s == a.Status {
			st = i
		}
	}
	l.status.SetSelectedIndex(st)
	l.showStatus()
	f.loading = was
	f.actions = append(f.actions, l)
	f.actionsBox.Add(l.obj)
	if !f.loading {
		f.room.s.u.win.Canvas().Focus(l.what)
	}
	return l
}

// showStatus shows the done date or the reason the status asks for.
func (l *actionLine) showStatus() {
	l.doneBox.Hide()
	l.whyBox.Hide()
	switch l.status.SelectedIndex() {
	case 1:
		l.doneBox.Show()
	case 2:
		l.whyBox.Show()
	}
}

func (l *actionLine) statusCode() data.ActionStatus {
	if i := l.status.SelectedIndex(); i >= 0 {
		return actionStatuses[i]
	}
	return data.ActionOpen
}

// blank reports whether nothing was typed in the action yet.
func (l *actionLine) blank() bool {
	return strings.TrimSpace(l.what.Text) == "" && strings.TrimSpace(l.who.Text) == "" &&
		strings.TrimSpace(l.due.Text) == "" && l.statusCode() == data.ActionOpen
}

func (f *recordForm) removeActionLine(l *actionLine) {
	for i, x := range f.actions {
		if x == l {
			f.actions = append(f.actions[:i], f.actions[i+1:]...)
			break
		}
	}
	f.actionsBox.Remove(l.obj)
	f.changed()
}

// setRecord fills the form with a record.
func (f *recordForm) setRecord(rec data.PanelRecord) {
	f.loading = true
	defer func() { f.loading = false }()
	switch {
	case rec.Attended == nil:
		f.attended.setAnswer("")
	case *rec.Attended:
		f.attended.setAnswer(data.AnswerYes)
	default:
		f.attended.setAnswer(data.AnswerNo)
	}
	f.updateBy.SetText(rec.UpdateBy)
	f.update.SetText(rec.Update)
	f.voice.setAnswer(rec.ChildVoice.Gathered)
	f.voiceText.SetText(rec.ChildVoice.Text)
	f.planText = rec.Plan
	if strings.TrimSpace(rec.Plan) == "" {
		f.plan.ClearSelected()
	} else {
		f.plan.SetSelected(rec.PlanCategory().Label())
	}
	f.parallel.SetText(rec.ParallelPlan)
	for i, b := range data.Barriers {
		on := false
		for _, x := range rec.Barriers {
			on = on || x == b
		}
		f.barriers[i].SetChecked(on)
	}
	f.barrierOther.SetText(rec.BarrierOther)
	f.early.setAnswer(rec.EarlyPermanenceConsidered)
	f.previous.setAnswer(rec.PreviousAdoptersConsidered)
	f.decision.SetText(rec.Decision)
	f.actions = nil
	f.actionsBox.Objects = nil
	for _, a := range rec.Actions {
		f.addActionLine(a)
	}
	f.actionsBox.Refresh()
	f.next.setDate(rec.NextReview)
	f.nextWhy.SetText(rec.NextReviewWhy)
	e := rec.Escalation
	if e == nil {
		e = &data.Escalation{}
	}
	f.escTo.SetText(e.To)
	f.escWhy.SetText(e.Why)
	f.escRaised.setDate(e.Raised)
	f.escOutcome.SetText(e.Outcome)
	f.escResolved.setDate(e.Resolved)
	f.showPlanNote()
	f.showAdoption()
}

// setEditable makes the form editable or read-only (a closed meeting).
func (f *recordForm) setEditable(on bool) {
	f.editable = on
	entries := []*formEntry{f.updateBy, f.update, f.voiceText, f.parallel, f.barrierOther, f.decision, f.nextWhy,
		f.escTo, f.escWhy, f.escOutcome}
	dates := []*dateField{f.next, f.escRaised, f.escResolved}
	for _, l := range f.actions {
		entries = append(entries, l.what, l.who, l.why)
		dates = append(dates, l.due, l.doneOn)
	}
	for _, e := range entries {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	for _, d := range dates {
		d.setEnabled(on)
	}
	type disableable interface {
		Enable()
		Disable()
	}
	ws := []disableable{f.attended.RadioGroup, f.voice.RadioGroup, f.plan, f.early.RadioGroup, f.previous.RadioGroup}
	for _, c := range f.barriers {
		ws = append(ws, c)
	}
	for _, l := range f.actions {
		ws = append(ws, l.status)
	}
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	show := func(o fyne.CanvasObject) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(f.addAction)
	for _, l := range f.actions {
		show(l.remove)
	}
	f.showCarry()
}

// setFacts gives the form what is known of the child: the plan in the case
// system, and the review date the rules propose (offered in the form when
// no date is set yet).
func (f *recordForm) setFacts(fc *childFacts) {
	f.facts = fc
	m := f.room.m
	if !fc.proposed.IsZero() {
		why := "6 months: no drift flag, open escalation or overdue action"
		if fc.proposed == m.Date.AddMonths(3) {
			why = "3 months: the child has a drift flag, an open escalation or an overdue action"
		}
		f.nextNote.SetText(fmt.Sprintf("Proposed: %s (%s). Any date from %s to %s; under 3 months, say why.",
			ukDate(fc.proposed), why, ukDate(m.Date.AddMonths(1)), ukDate(m.Date.AddMonths(6))))
		if f.editable && !f.filled && strings.TrimSpace(f.next.Text) == "" {
			f.loading = true
			f.next.setDate(fc.proposed)
			f.loading = false
		}
		f.filled = true
	}
	f.showPlanNote()
	f.showAdoption()
	f.showCarry()
}

// openActions are the open actions of earlier meetings not yet in the form.
func (f *recordForm) openActions() []data.Action {
	if f.facts == nil {
		return nil
	}
	in := map[string]bool{}
	for _, l := range f.actions {
		d, _ := l.due.date()
		in[strings.TrimSpace(l.what.Text)+"\x00"+strings.TrimSpace(l.who.Text)+"\x00"+d.String()] = true
	}
	var out []data.Action
	for _, ca := range f.facts.actions {
		a := ca.Action
		if !in[strings.TrimSpace(a.What)+"\x00"+strings.TrimSpace(a.Who)+"\x00"+a.Due.String()] {
			out = append(out, a)
		}
	}
	return out
}

// showCarry offers to bring in what earlier meetings left open: their
// actions (to mark done or no longer needed) and an escalation (to record
// its outcome), each kept as the same action or escalation.
func (f *recordForm) showCarry() {
	if n := len(f.openActions()); f.editable && n > 0 {
		f.carryActions.SetText(fmt.Sprintf("Bring in open actions (%d)", n))
		f.carryActions.Show()
	} else {
		f.carryActions.Hide()
	}
	blank := strings.TrimSpace(f.escTo.Text+f.escWhy.Text+f.escRaised.Text+f.escOutcome.Text+f.escResolved.Text) == ""
	if f.editable && blank && f.facts != nil && len(f.facts.escalations) > 0 {
		f.carryEsc.SetText("Bring in the open escalation")
		f.carryEsc.Show()
	} else {
		f.carryEsc.Hide()
	}
}

// bringActions adds the open actions of earlier meetings to the record.
func (f *recordForm) bringActions() {
	for _, a := range f.openActions() {
		f.addActionLine(a)
	}
	f.setEditable(f.editable)
	f.changed()
}

// bringEscalation puts the oldest open escalation in the record.
func (f *recordForm) bringEscalation() {
	if f.facts == nil || len(f.facts.escalations) == 0 {
		return
	}
	e := f.facts.escalations[0].Escalation
	f.loading = true
	f.escTo.SetText(e.To)
	f.escWhy.SetText(e.Why)
	f.escRaised.setDate(e.Raised)
	f.loading = false
	f.changed()
	f.room.s.u.win.Canvas().Focus(f.escOutcome)
}

// planValue is the plan the form endorses, as the record keeps it.
func (f *recordForm) planValue() string {
	sel := f.plan.Selected
	if sel == "" {
		return ""
	}
	if strings.TrimSpace(f.planText) != "" && (&data.PanelRecord{Plan: f.planText}).PlanCategory().Label() == sel {
		return f.planText // the record's own words for the plan chosen
	}
	return sel
}

// showPlanNote says when the plan endorsed differs from the case system's.
func (f *recordForm) showPlanNote() {
	rec := data.PanelRecord{Plan: f.planValue()}
	if f.facts == nil || !f.facts.found || !rec.PlanDiffers(&f.facts.child) {
		f.planNote.Hide()
		return
	}
	f.planNote.SetText(fmt.Sprintf("Differs from the case system's plan (%s): update it there.", f.facts.child.Plan.Label()))
	f.planNote.Show()
}

// showAdoption shows the adoption questions for a child whose plan is
// adoption (in the case system or as endorsed), or already answered.
func (f *recordForm) showAdoption() {
	rec := data.PanelRecord{Plan: f.planValue()}
	on := rec.PlanCategory() == data.PlanAdoption || f.early.answer() != "" || f.previous.answer() != "" ||
		(f.facts != nil && f.facts.child.Plan == data.PlanAdoption)
	if on {
		f.adoption.Show()
	} else {
		f.adoption.Hide()
	}
}

// fileDate is a date field as a record file writes it: YYYY-MM-DD, ""
// when empty, or what was typed when it is not a date (the domain says so).
func fileDate(d *dateField) string {
	if strings.TrimSpace(d.Text) == "" {
		return ""
	}
	if v, ok := d.date(); ok {
		return v.String()
	}
	return d.Text
}

// fileObject is the form as a record file: every key (an empty value
// empties its field), and for each action in the file the line it came
// from.
func (f *recordForm) fileObject() (map[string]any, []int) {
	obj := map[string]any{}
	switch f.attended.answer() {
	case data.AnswerYes:
		obj[data.RecordKeyAttended] = true
	case data.AnswerNo:
		obj[data.RecordKeyAttended] = false
	default:
		obj[data.RecordKeyAttended] = nil
	}
	obj[data.RecordKeyUpdateBy] = f.updateBy.Text
	obj[data.RecordKeyUpdate] = f.update.Text
	obj[data.RecordKeyChildVoice] = map[string]any{"gathered": string(f.voice.answer()), "text": f.voiceText.Text}
	obj[data.RecordKeyPlan] = f.planValue()
	obj[data.RecordKeyParallelPlan] = f.parallel.Text
	barriers := []string{}
	for i, c := range f.barriers {
		if c.Checked {
			barriers = append(barriers, string(data.Barriers[i]))
		}
	}
	obj[data.RecordKeyBarriers] = barriers
	obj[data.RecordKeyBarrierOther] = f.barrierOther.Text
	obj[data.RecordKeyEarlyPermanenceConsidered] = string(f.early.answer())
	obj[data.RecordKeyPreviousAdoptersConsidered] = string(f.previous.answer())
	obj[data.RecordKeyDecision] = f.decision.Text
	actions := []any{}
	var lines []int
	for i, l := range f.actions {
		if l.blank() {
			continue
		}
		a := map[string]any{"what": l.what.Text, "who": l.who.Text, "due": fileDate(l.due), "status": string(l.statusCode())}
		switch l.statusCode() {
		case data.ActionDone:
			a["done_on"] = fileDate(l.doneOn)
		case data.ActionDropped:
			a["why"] = l.why.Text
		}
		actions = append(actions, a)
		lines = append(lines, i)
	}
	obj[data.RecordKeyActions] = actions
	obj[data.RecordKeyNextReview] = fileDate(f.next)
	obj[data.RecordKeyNextReviewWhy] = f.nextWhy.Text
	esc := map[string]any{"to": f.escTo.Text, "why": f.escWhy.Text, "raised": fileDate(f.escRaised),
		"outcome": f.escOutcome.Text, "resolved": fileDate(f.escResolved)}
	blank := true
	for _, v := range esc {
		blank = blank && strings.TrimSpace(v.(string)) == ""
	}
	if blank {
		obj[data.RecordKeyEscalation] = nil
	} else {
		obj[data.RecordKeyEscalation] = esc
	}
	return obj, lines
}

// fieldProblem is a problem with one key of the form ("actions[1].due").
type fieldProblem struct{ key, why string }

// problemWords puts the domain's words for a record file into the form's.
var problemWords = strings.NewReplacer(
	"not a date (YYYY-MM-DD)", "not a date: write it as 31/03/2026",
	" (YYYY-MM-DD)", "",
	" (next_review_why)", " (the reason)",
)

// splitProblem reads a record file's problem, "FILE: KEY: VALUE: why" or
// "FILE: KEY: missing: why", as its key and why.
func splitProblem(p string) fieldProblem {
	p = strings.TrimPrefix(p, formFile+": ")
	key, rest, _ := strings.Cut(p, ": ")
	why := rest
	switch {
	case strings.HasPrefix(rest, "missing: "):
		why = strings.TrimPrefix(rest, "missing: ")
	case strings.HasPrefix(rest, `"`):
		if q, err := strconv.QuotedPrefix(rest); err == nil {
			why = strings.TrimPrefix(rest[len(q):], ": ")
		}
	default:
		if _, w, ok := strings.Cut(rest, ": "); ok {
			why = w
		}
	}
	return fieldProblem{key: key, why: problemWords.Replace(why)}
}

// topKey is the record key a problem's key is part of ("actions").
func topKey(k string) string {
	if i := strings.IndexAny(k, ".["); i >= 0 {
		return k[:i]
	}
	return k
}

// groupKey is the key whose problem label shows a problem, and the keys
// left out of a save together: barriers and their "other", the review
// date and its reason.
func groupKey(k string) string {
	switch k = topKey(k); k {
	case data.RecordKeyBarrierOther:
		return data.RecordKeyBarriers
	case data.RecordKeyNextReviewWhy:
		return data.RecordKeyNextReview
	}
	return k
}

// actionIndex is the action a problem's key is about ("actions[2].due":
// 2), or -1.
func actionIndex(k string) int {
	rest, ok := strings.CutPrefix(k, data.RecordKeyActions+"[")
	if !ok {
		return -1
	}
	n, _, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(n)
	if err != nil {
		return -1
	}
	return i
}

// parseForm reads the form's record file with the domain's rules.
func parseForm(obj map[string]any) (data.RecordPatch, []fieldProblem, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return data.RecordPatch{}, nil, err
	}
	p, err := data.ParseRecordFile(formFile, b)
	var rfe *data.RecordFileError
	if errors.As(err, &rfe) {
		var out []fieldProblem
		for _, s := range rfe.Problems {
			out = append(out, splitProblem(s))
		}
		return data.RecordPatch{}, out, nil
	}
	return p, nil, err
}

// check reads the form: the patch of every key without a problem, and the
// problems (shown under their fields, and returned as sentences).
func (f *recordForm) check() (data.RecordPatch, []string) {
	obj, lines := f.fileObject()
	_, problems, err := parseForm(obj)
	if err != nil {
		return data.RecordPatch{}, []string{err.Error()}
	}
	m := f.room.m
	if d, ok := f.next.date(); ok && !d.IsZero() {
		if err := data.CheckNextReview(m.Date, d, f.nextWhy.Text); err != nil {
			problems = append(problems, fieldProblem{key: data.RecordKeyNextReview, why: problemWords.Replace(err.Error())})
		}
	}
	bad := map[string]bool{}
	for _, p := range problems {
		bad[groupKey(p.key)] = true
	}
	for k := range obj {
		if bad[groupKey(k)] {
			delete(obj, k)
		}
	}
	patch, more, err := parseForm(obj)
	if err == nil && len(more) > 0 {
		err = errors.New(more[0].why)
	}
	msgs := f.showProblems(problems, lines)
	if err != nil {
		return data.RecordPatch{}, append(msgs, err.Error())
	}
	return patch, msgs
}

// showProblems shows each problem under its field (an action's under the
// action) and returns them as sentences.
func (f *recordForm) showProblems(problems []fieldProblem, lines []int) []string {
	byKey := map[string][]string{}
	byLine := map[int][]string{}
	var msgs []string
	for _, p := range problems {
		sub := ""
		if i := strings.LastIndexAny(p.key, ".]"); i >= 0 && i+1 < len(p.key) {
			sub = subKeyLabels[p.key[i+1:]]
		}
		text := p.why
		if sub != "" {
			text = sub + ": " + p.why
		}
		if i := actionIndex(p.key); i >= 0 && i < len(lines) {
			byLine[lines[i]] = append(byLine[lines[i]], text)
			msgs = append(msgs, fmt.Sprintf("action %d: %s", lines[i]+1, text))
			continue
		}
		byKey[groupKey(p.key)] = append(byKey[groupKey(p.key)], text)
		msgs = append(msgs, recordKeyLabels[topKey(p.key)]+": "+text)
	}
	for k, l := range f.problems {
		setProblem(l, strings.Join(byKey[k], "\n"))
	}
	for i, l := range f.actions {
		setProblem(l.problem, strings.Join(byLine[i], "\n"))
	}
	return msgs
}

// build is the form's save: what passes the checks, through the panel
// service (an amendment, with its reason, for a closed meeting).
func (f *recordForm) build() (*saveJob, []string) {
	patch, msgs := f.check()
	if len(patch.Keys) == 0 {
		return nil, msgs
	}
	s := f.room.s
	svc, id, child, who, why := f.room.ps.svc, f.room.m.ID, f.child, s.who, f.amendWhy
	return &saveJob{
		work: func(ctx context.Context) error {
			var err error
			if why != "" {
				_, err = svc.Amend(ctx, id, child, formFile, patch, who, why)
			} else {
				_, err = svc.Save(ctx, id, child, formFile, patch, who)
			}
			return err
		},
		saved: func() {
			f.room.recordSaved(child)
			s.recordSaved()
		},
	}, msgs
}

// startAmend makes a closed meeting's record editable, each change saved
// as an amendment with the reason given.
func (f *recordForm) startAmend(why string) {
	f.amendWhy = why
	f.amendNote.SetText("Amending this record. Reason: " + why + ". Each change is kept in the record's history with this reason.")
	f.amendNote.Show()
	f.setEditable(true)
}
