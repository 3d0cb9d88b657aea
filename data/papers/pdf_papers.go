package papers

// The three PDFs: the agenda, the minutes and a child's record.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"permanence/data"
	"permanence/data/panel"
)

// agendaWhy is what an agenda line says of why the child is there: each
// reason with what lies behind it ("Review due: panel review date
// 15/03/2026, ...") where the agenda knows, else the reason alone.
func agendaWhy(l data.AgendaLine) string {
	var out []string
	for _, r := range l.Reasons {
		s := r.Label()
		for _, d := range l.Detail {
			if strings.HasPrefix(d, r.Label()+":") {
				s = d
				break
			}
		}
		if r == data.ReasonAdded {
			s = "Added by hand"
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return "Added by hand"
	}
	return strings.Join(out, "\n")
}

// slotsText is "20 minutes a child, from 10:00".
func (p *meetingPapers) slotsText() string {
	start := ""
	if len(p.items) > 0 {
		start = ", from " + p.items[0].line.Time
	}
	return strconv.Itoa(p.minutesPerChild) + " minutes a child" + start
}

// meetingFields are the meeting's details at the head of a paper.
func (p *meetingPapers) meetingFields() []field {
	m := p.meeting
	return []field{
		{label: "Panel", value: m.Kind.Label()},
		{label: "Date", value: longDate(m.Date)},
		{label: "Chair", value: orNotRecorded(m.Chair)},
		{label: "Attendees", value: attendeesText(m.Attendees)},
		{label: "Status", value: p.meetingStatusText()},
	}
}

// footerTitle is the footer's text: "Agenda · Adoption tracking panel,
// 20/03/2026".
func (p *meetingPapers) footerTitle(what string) string {
	return what + " · " + p.meeting.Title()
}

// writeAgendaPDF writes the printable agenda: the meeting, then a line a
// child (time, initials and ID, social worker, team, why on the agenda).
func (p *meetingPapers) writeAgendaPDF(path string) error {
	m := p.meeting
	d := newPDF(p.authorityText(), "Agenda: "+m.Title(), p.footerTitle("Agenda"), p.now)
	d.title("Agenda")
	d.subtitle(m.Kind.Label() + " · " + longDate(m.Date))
	fs := p.meetingFields()[2:]
	fs = append(fs, field{label: "Slots", value: p.slotsText()},
		field{label: "Changes since", value: p.agenda.Since.UK() + " (the previous meeting of this panel, or three months back when there was none)"})
	d.fields(fs)
	d.heading(fmt.Sprintf("Children (%d)", len(p.items)), 3)
	if len(p.items) == 0 {
		d.para("No child is on the agenda.", "", colourInk)
	} else {
		t := &table{head: true, zebra: true, cols: []column{
			{head: "Time", w: 15}, {head: "Child", w: 31}, {head: "Social worker", w: 34},
			{head: "Team", w: 26}, {head: "Why on the agenda", w: textW - 106},
		}}
		for _, it := range p.items {
			l := it.line
			t.rows = append(t.rows, []cell{{text: l.Time, style: "B"}, {text: childRef(l), style: "B"},
				{text: orNotRecorded(l.SocialWorker)}, {text: orNotRecorded(l.Team)}, {text: agendaWhy(l.AgendaLine)}})
		}
		d.draw(t)
	}
	if p.agenda.Warning != "" {
		d.space(2)
		d.box("Note: "+p.agenda.Warning+".", colourNote, colourWarn)
	}
	if n := len(p.agenda.NeverReviewed); n > 0 {
		ids := make([]string, n)
		for i, l := range p.agenda.NeverReviewed {
			ids[i] = l.ChildID
		}
		d.heading(fmt.Sprintf("Never reviewed by the panel (%d)", n), 2)
		d.para("In care over four months with no panel record, longest in care first: "+strings.Join(ids, ", ")+".", "", colourInk)
	}
	d.space(3)
	d.note("Children are named by initials and child ID only, as this agenda goes to everyone attending. Each child's full record, with their name, goes to their case file.")
	return d.save(path)
}

// recordParts are a record's fields in panel.md's order, in three parts:
// before the actions (the discussion, the plan, the decision), the
// actions, and after them (the next review, the escalation).
func (p *meetingPapers) recordParts(it *item) (before []field, actions [][]cell, after []field) {
	r := it.rec
	before = []field{
		{label: "Social worker attended", value: attendedText(r.Attended)},
		{label: "Update given by", value: orNotRecorded(r.UpdateBy)},
		{label: "Update", value: orNotRecorded(r.Update)},
		{label: "Child's wishes and feelings gathered", value: answerText(r.ChildVoice.Gathered)},
		{label: "The child's wishes and feelings", value: orNotRecorded(r.ChildVoice.Text)},
		{label: "Plan endorsed by the panel", value: orNotRecorded(planText(r.Plan))},
	}
	if s := planDiffersText(r, it.then); s != "" {
		before = append(before, field{label: "Case system", value: s, warn: true})
	}
	before = append(before,
		field{label: "Parallel or contingency plan", value: orNotRecorded(r.ParallelPlan)},
		field{label: "Barriers", value: barriersText(r)},
		field{label: "Early permanence considered", value: answerText(r.EarlyPermanenceConsidered)},
		field{label: "Contact with an earlier adoptive family considered", value: answerText(r.PreviousAdoptersConsidered)},
		field{label: "Decision or recommendation", value: orNotRecorded(r.Decision)},
	)
	for i, a := range r.Actions {
		actions = append(actions, []cell{{text: strconv.Itoa(i + 1)}, {text: orNotRecorded(a.What)}, {text: orNotRecorded(a.Who)},
			{text: a.Due.UK()}, {text: actionStatusText(a)}})
	}
	after = []field{{label: "Next review", value: nextReviewText(r)}}
	if e := r.Escalation; e == nil {
		after = append(after, field{label: "Escalation", value: "None"})
	} else {
		outcome := "Open: no outcome recorded yet"
		if !e.Open() {
			outcome = strings.TrimSpace(e.Outcome)
		}
		after = append(after,
			field{label: "Escalated to", value: orNotRecorded(e.To)},
			field{label: "Why escalated", value: orNotRecorded(e.Why)},
			field{label: "Raised", value: orNotRecorded(e.Raised.UK())},
			field{label: "Outcome", value: outcome})
		if !e.Resolved.IsZero() {
			after = append(after, field{label: "Resolved", value: e.Resolved.UK()})
		}
	}
	return before, actions, after
}

// actionsTable is a record's actions as a table.
func actionsTable(rows [][]cell) *table {
	return &table{head: true, rules: true, rows: rows, cols: []column{
		{head: "", w: 8}, {head: "Action", w: 70}, {head: "Who", w: 32}, {head: "Due", w: 22}, {head: "Status", w: textW - 132},
	}}
}

// writeRecordPDF writes a child's record at the meeting for their case
// file: their name, ID and date of birth, the meeting, and every field of
// the record.
func (p *meetingPapers) writeRecordPDF(path string, it *item) error {
	m, l := p.meeting, it.line
	name, dob, plan, worker := "Name not recorded in the extracts", notRecorded, notRecorded, workerText(l)
	if c := it.child; c != nil {
		if strings.TrimSpace(c.Name) != "" {
			name = c.Name
		}
		if !c.DOB.IsZero() {
			dob = c.DOB.UK()
		}
	}
	if c := it.then; c != nil {
		plan = c.Plan.Label()
		worker = workerText(panel.Line{SocialWorker: c.SocialWorker, Team: c.Team})
	}
	footer := "Panel record · child " + l.ChildID + " · " + m.Date.UK()
	if p.draft() {
		footer = "DRAFT " + footer
	}
	d := newPDF(p.authorityText(), "Panel record: "+name+" ("+l.ChildID+"), "+m.Title(), footer, p.now)
	d.title("Permanence panel record")
	d.subtitle(name)
	if p.draft() {
		d.box("DRAFT: the meeting has not been closed, so this record may still change. Export it again once the meeting is closed.", colourNote, colourWarn)
	}
	if am := amendments(it.versions); len(am) > 0 {
		d.box("This record was changed after the meeting closed.\n"+strings.Join(am, "\n"), colourNote, colourWarn)
	}
	d.fields([]field{
		{label: "Child ID", value: l.ChildID},
		{label: "Date of birth", value: dob},
		{label: "Social worker at the meeting", value: worker},
		{label: "Plan in the case system at the meeting", value: plan},
	})
	d.heading("Meeting", 4)
	fs := p.meetingFields()
	fs = append(fs, field{label: "On the agenda for", value: agendaWhy(l.AgendaLine)})
	if l.Time != "" {
		fs = append(fs, field{label: "Time", value: l.Time})
	}
	d.fields(fs)
	before, actions, after := p.recordParts(it)
	d.heading("The panel's record", 3)
	d.fields(before)
	d.heading("Actions", 3)
	if len(actions) == 0 {
		d.para("No actions were set.", "", colourInk)
	} else {
		d.draw(actionsTable(actions))
	}
	d.heading("Next review and escalation", 3)
	d.fields(after)
	d.space(4)
	d.note(strings.TrimPrefix(savedText(it.versions)+". ", ". ") + "Exported on " + p.now.In(london).Format("02/01/2006 15:04") +
		". Names are shown: this record is for the child's case file.")
	return d.save(path)
}

// writeMinutesPDF writes the minutes: the meeting, each child in agenda
// order with their record, then every action set.
func (p *meetingPapers) writeMinutesPDF(path string) error {
	m := p.meeting
	footer := p.footerTitle("Minutes")
	if p.draft() {
		footer = "DRAFT " + footer
	}
	d := newPDF(p.authorityText(), "Minutes: "+m.Title(), footer, p.now)
	d.title("Minutes")
	d.subtitle(m.Kind.Label() + " · " + longDate(m.Date))
	if p.draft() {
		d.box("DRAFT: the meeting has not been closed, so its records may still change.", colourNote, colourWarn)
	}
	fs := p.meetingFields()[2:]
	fs = append(fs, field{label: "Children", value: fmt.Sprintf("%d on the agenda, %d with a record", len(p.items), p.records())})
	d.fields(fs)
	var all [][]cell
	for i := range p.items {
		all = append(all, p.minutesChild(d, &p.items[i])...)
	}
	d.heading("Actions set at this meeting", 3)
	if len(all) == 0 {
		d.para("No actions were set.", "", colourInk)
	} else {
		d.draw(&table{head: true, rules: true, rows: all, cols: []column{
			{head: "Child", w: 27}, {head: "Action", w: 57}, {head: "Who", w: 30}, {head: "Due", w: 22}, {head: "Status", w: textW - 136},
		}})
	}
	d.space(4)
	d.note("Children are named by initials and child ID only, as the minutes go to everyone attending. Each child's record, with their name, goes to their case file (record-CHILDID-DATE.pdf). Exported on " +
		p.now.In(london).Format("02/01/2006 15:04") + ".")
	return d.save(path)
}

// minutesChild writes one child's part of the minutes and returns the
// rows of their actions for the table at the end.
func (p *meetingPapers) minutesChild(d *pdfDoc, it *item) [][]cell {
	l := it.line
	head := childRef(l)
	if l.Time != "" {
		head = l.Time + "   " + head
	}
	about := "Social worker: " + workerText(l) + "\nOn the agenda for: " + strings.ReplaceAll(agendaWhy(l.AgendaLine), "\n", "; ")
	d.heading(head, d.lines(about, "I")+3)
	d.para(about, "I", colourMuted)
	d.space(1.5)
	if it.rec == nil {
		d.para("No record was written for this child at this meeting.", "B", colourInk)
		return nil
	}
	if am := amendments(it.versions); len(am) > 0 {
		d.box("Changed after the meeting closed.\n"+strings.Join(am, "\n"), colourNote, colourWarn)
	}
	before, _, after := p.recordParts(it)
	var lines []string
	var rows [][]cell
	for _, a := range it.rec.Actions {
		status := actionStatusText(a)
		lines = append(lines, fmt.Sprintf("%s (%s, due %s, %s)", orNotRecorded(a.What), orNotRecorded(a.Who),
			orNotRecorded(a.Due.UK()), lowerFirst(status)))
		rows = append(rows, []cell{{text: childRef(l)}, {text: orNotRecorded(a.What)}, {text: orNotRecorded(a.Who)},
			{text: a.Due.UK()}, {text: status}})
	}
	actions := "None set"
	if len(lines) > 0 {
		actions = strings.Join(lines, "\n")
	}
	d.fields(append(append(before, field{label: "Actions", value: actions}), after...))
	return rows
}

// lowerFirst is s with its first letter small: "done on 27/02/2026".
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
