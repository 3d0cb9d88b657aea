package papers

// The words the papers use for a record's values, shared by the PDFs and
// the workbooks so that they always say the same thing.

import (
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // London time on any system, Windows included

	"permanence/data"
	"permanence/data/panel"
)

// notRecorded is what a field left empty says.
const notRecorded = "Not recorded"

// orNotRecorded is s trimmed, or "Not recorded".
func orNotRecorded(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return notRecorded
	}
	return s
}

// attendedText is whether the social worker attended.
func attendedText(b *bool) string {
	switch {
	case b == nil:
		return notRecorded
	case *b:
		return "Yes"
	}
	return "No"
}

// answerText is an answer as a person reads it.
func answerText(a data.Answer) string {
	switch a {
	case data.AnswerYes:
		return "Yes"
	case data.AnswerNo:
		return "No"
	case data.AnswerNotApplicable:
		return "Not applicable"
	case data.AnswerNotAppropriate:
		return "Not appropriate for the child's age"
	case "":
		return notRecorded
	}
	return string(a)
}

// planText is the plan a record endorses as the plan vocabulary labels it
// ("long_term_fostering" and "LTF" both read "Long-term fostering"), or
// the text as typed when it is not in the vocabulary.
func planText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if p, known := data.ParsePlan(s); known {
		return p.Label()
	}
	if p, ok := data.PlanFromKey(strings.ToLower(s)); ok {
		return p.Label()
	}
	return s
}

// reasonsText is an agenda line's reasons: "Review due; New drift".
func reasonsText(rs []data.Reason) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Label()
	}
	return strings.Join(out, "; ")
}

// initials is how the agenda and the minutes name a child: their
// initials, or nothing when the extracts hold no name (the ID stands
// alone).
func initials(l panel.Line) string {
	if l.Initials == "" || l.Initials == l.ChildID || strings.TrimSpace(l.Name) == "" {
		return ""
	}
	return l.Initials
}

// childRef is "A.S. (C123)", or "C123" with no name in the extracts.
func childRef(l panel.Line) string {
	if in := initials(l); in != "" {
		return in + " (" + l.ChildID + ")"
	}
	return l.ChildID
}

// workerText is "Sam Lee, North team" from a line.
func workerText(l panel.Line) string {
	sw, team := strings.TrimSpace(l.SocialWorker), strings.TrimSpace(l.Team)
	switch {
	case sw == "" && team == "":
		return notRecorded
	case team == "":
		return sw
	case sw == "":
		return "Team: " + team
	}
	return sw + " (" + team + ")"
}

// barriersText lists the barriers a line each, "Other: what" for the
// other barrier.
func barriersText(r *data.PanelRecord) string {
	if len(r.Barriers) == 0 {
		return "None recorded"
	}
	out := make([]string, len(r.Barriers))
	for i, b := range r.Barriers {
		out[i] = b.Label()
		if b == data.BarrierOther && strings.TrimSpace(r.BarrierOther) != "" {
			out[i] += ": " + strings.TrimSpace(r.BarrierOther)
		}
	}
	return strings.Join(out, "\n")
}

// actionStatusText is an action's status: "Open", "Done on 30/09/2026",
// "No longer needed: why".
func actionStatusText(a data.Action) string {
	switch a.Status {
	case data.ActionOpen, "":
		return "Open"
	case data.ActionDone:
		if a.DoneOn.IsZero() {
			return "Done"
		}
		return "Done on " + a.DoneOn.UK()
	case data.ActionDropped:
		if strings.TrimSpace(a.Why) == "" {
			return "No longer needed"
		}
		return "No longer needed: " + strings.TrimSpace(a.Why)
	}
	return string(a.Status)
}

// nextReviewText is the next review date with why it was chosen.
func nextReviewText(r *data.PanelRecord) string {
	if r.NextReview.IsZero() {
		return notRecorded
	}
	s := r.NextReview.UK()
	if why := strings.TrimSpace(r.NextReviewWhy); why != "" {
		s += "\nWhy this date: " + why
	}
	return s
}

// planDiffersText says that the case system's plan at the meeting (the
// child's state then, c) is not the one the panel endorsed, or "" when
// they agree or there is nothing to compare. Like the app's record form,
// it compares with the meeting's date, so a record printed later says
// what the panel found then, not what a later extract shows.
func planDiffersText(r *data.PanelRecord, c *data.Child) string {
	if c == nil || !r.PlanDiffers(c) {
		return ""
	}
	return "Differs from the case system's plan at the meeting (" + c.Plan.Label() + "): the case system needs updating."
}

// london is the time zone papers give times in.
var london = func() *time.Location {
	if l, err := time.LoadLocation("Europe/London"); err == nil {
		return l
	}
	return time.UTC
}()

// stampText is a store's time stamp (RFC 3339, UTC) in London time:
// "20/03/2026 14:05"; a stamp it cannot read is shown as it is.
func stampText(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.In(london).Format("02/01/2006 15:04")
}

// amendments lists a record's changes after its meeting closed: "Amended
// on 02/04/2026 09:15 by jo.smith: corrected the review date".
func amendments(vs []data.RecordVersion) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v.Why) == "" {
			continue
		}
		out = append(out, "Amended on "+stampText(v.At)+" by "+orNotRecorded(v.Who)+": "+strings.TrimSpace(v.Why))
	}
	return out
}

// savedText is who saved the current version of a record, and when.
func savedText(vs []data.RecordVersion) string {
	if len(vs) == 0 {
		return ""
	}
	v := vs[len(vs)-1]
	return "Version " + strconv.Itoa(v.Version) + ", saved by " + orNotRecorded(v.Who) + " on " + stampText(v.At)
}

// meetingStatusText is where the meeting is, with who moved it there and
// when.
func (p *meetingPapers) meetingStatusText() string {
	s := p.stamps
	switch p.meeting.Status {
	case data.MeetingClosed:
		return "Closed on " + stampText(s.ClosedAt) + " by " + orNotRecorded(s.ClosedBy) + ": the records are final"
	case data.MeetingHeld:
		return "Held (records still being written): these papers are a draft until the meeting is closed"
	}
	return "Planned: the agenda may still change"
}

// attendeesText is the attendees a line each.
func attendeesText(s string) string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return notRecorded
	}
	return strings.Join(out, "\n")
}

// longDate is "Friday 20 March 2026".
func longDate(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Monday 2 January 2006")
}

// authorityText is the authority's name, or what to do when none is set.
func (p *meetingPapers) authorityText() string {
	if a := strings.TrimSpace(p.authority); a != "" {
		return a
	}
	return "Authority not named (set it in Settings)"
}
