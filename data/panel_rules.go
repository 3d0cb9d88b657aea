package data

// The panel's rules for review dates, slot times and settings (panel.md).

import (
	"fmt"
	"strings"
)

// DefaultNextReview is the review date a record gets unless the panel
// chooses another: 3 calendar months after the meeting when the child has
// a drift flag, an open escalation or an overdue action, otherwise 6 (day
// clamped to the month's end: 31 August + 6 months = 28 or 29 February).
func DefaultNextReview(meeting Date, drift, openEscalation, overdueAction bool) Date {
	if drift || openEscalation || overdueAction {
		return meeting.AddMonths(3)
	}
	return meeting.AddMonths(6)
}

// CheckNextReview checks a review date the panel chose: from 1 to 6
// calendar months after the meeting, both ends included (meeting plus 1
// month ≤ review ≤ meeting plus 6 months, days clamped as AddMonths does);
// under 3 months it needs a reason (why). The error is a sentence for the
// person choosing the date.
func CheckNextReview(meeting, review Date, why string) error {
	earliest, usual, latest := meeting.AddMonths(1), meeting.AddMonths(3), meeting.AddMonths(6)
	switch {
	case review.IsZero():
		return fmt.Errorf("no next review date: choose one from %s to %s", earliest.UK(), latest.UK())
	case review < earliest:
		return fmt.Errorf("less than a month after the meeting of %s: the next review is 1 to 6 months ahead, from %s to %s",
			meeting.UK(), earliest.UK(), latest.UK())
	case review > latest:
		return fmt.Errorf("more than 6 months after the meeting of %s: the next review is 1 to 6 months ahead, from %s to %s",
			meeting.UK(), earliest.UK(), latest.UK())
	case review < usual && strings.TrimSpace(why) == "":
		return fmt.Errorf("less than 3 months after the meeting of %s: say why the panel will look again this soon (next_review_why), or choose a date from %s",
			meeting.UK(), usual.UK())
	}
	return nil
}

// ParseStartTime reads a meeting's start time, H:MM or HH:MM on the 24-hour
// clock, and gives it as HH:MM.
func ParseStartTime(s string) (string, error) {
	m, err := clockMinutes(s)
	if err != nil {
		return "", err
	}
	return clockText(m), nil
}

// clockMinutes reads H:MM or HH:MM as minutes after midnight.
func clockMinutes(s string) (int, error) {
	t := strings.TrimSpace(s)
	h, m, ok := strings.Cut(t, ":")
	if ok && len(h) >= 1 && len(h) <= 2 && len(m) == 2 {
		if hh, mm := atoi(h), atoi(m); hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 {
			return hh*60 + mm, nil
		}
	}
	return 0, fmt.Errorf("%q is not a time: use HH:MM on the 24-hour clock, such as 09:30 or 14:00", s)
}

func clockText(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// Cadences are how often a kind of panel meets, as the settings name them.
var Cadences = []string{"weekly", "fortnightly", "monthly"}

// ParseCadence reads a cadence's name (weekly, fortnightly or monthly).
func ParseCadence(s string) (string, error) {
	c := strings.ToLower(strings.TrimSpace(s))
	for _, known := range Cadences {
		if c == known {
			return c, nil
		}
	}
	return "", fmt.Errorf("%q is not a cadence: use %s", s, orList(Cadences))
}

// NextMeetingDate is the date a panel meeting every cadence would next
// meet after a meeting on last: 7 or 14 days later, or a calendar month
// later (day clamped). An unknown cadence counts as monthly.
func NextMeetingDate(last Date, cadence string) Date {
	switch cadence {
	case "weekly":
		return last.AddDays(7)
	case "fortnightly":
		return last.AddDays(14)
	}
	return last.AddMonths(1)
}

// The bounds of minutes per child on an agenda.
const (
	MinMinutesPerChild = 5
	MaxMinutesPerChild = 120
)

// ParseMinutesPerChild reads the minutes an agenda gives each child, a
// whole number from 5 to 120 (panel.md's default is 20).
func ParseMinutesPerChild(s string) (int, error) {
	n := atoi(strings.TrimSpace(s))
	if n < MinMinutesPerChild || n > MaxMinutesPerChild {
		return 0, fmt.Errorf("%q is not a number of minutes per child: use a whole number from %d to %d",
			s, MinMinutesPerChild, MaxMinutesPerChild)
	}
	return n, nil
}

// Check reports the first thing wrong with a kind's settings.
func (s PanelKindSettings) Check() error {
	if _, err := ParsePanelKind(string(s.Kind)); err != nil {
		return err
	}
	if _, err := ParseCadence(s.Cadence); err != nil {
		return err
	}
	if _, err := ParseStartTime(s.StartTime); err != nil {
		return err
	}
	if s.MinutesPerChild < MinMinutesPerChild || s.MinutesPerChild > MaxMinutesPerChild {
		return fmt.Errorf("%d is not a number of minutes per child: use a whole number from %d to %d",
			s.MinutesPerChild, MinMinutesPerChild, MaxMinutesPerChild)
	}
	return nil
}

// SlotTimes gives each agenda line its slot, in the order of lines: the
// first at start (HH:MM), each next one minutesPerChild later. A start that
// is not a time, minutes outside 5–120 or an agenda whose last slot would
// end after midnight is an error, and then no line is changed.
func SlotTimes(lines []AgendaLine, start string, minutesPerChild int) error {
	t, err := clockMinutes(start)
	if err != nil {
		return err
	}
	if minutesPerChild < MinMinutesPerChild || minutesPerChild > MaxMinutesPerChild {
		return fmt.Errorf("%d minutes per child: use a whole number from %d to %d",
			minutesPerChild, MinMinutesPerChild, MaxMinutesPerChild)
	}
	if n := len(lines); t+n*minutesPerChild > 24*60 {
		return fmt.Errorf("%d children at %d minutes each from %s runs past midnight: start earlier, give each child less time or split the agenda",
			n, minutesPerChild, clockText(t))
	}
	for i := range lines {
		lines[i].Time = clockText(t + i*minutesPerChild)
	}
	return nil
}

// ProposedNextReview is the review date child c's record at meeting m gets
// unless the panel chooses another (DefaultNextReview): 3 months when, as
// at the meeting, c has a drift flag other than "panel review overdue"
// (this meeting is the review), an open escalation or an overdue action,
// otherwise 6. c is the child's state as at the meeting's date; recs may
// be every record: only c's, at other meetings dated on or before m's, count.
func ProposedNextReview(c Child, m Meeting, recs []MeetingRecord, th Thresholds) Date {
	var prior []MeetingRecord
	for _, mr := range recs {
		if mr.Record.ChildID == c.ID && mr.Meeting.ID != m.ID && mr.Meeting.Date <= m.Date {
			prior = append(prior, mr)
		}
	}
	one := []Child{c}
	ApplyPanelReviews(one, prior, m.Date)
	drift := false
	for _, f := range Compute(one, m.Date, NoDate, th).Drift[0] {
		drift = drift || f.Kind != DriftPanelReviewOverdue
	}
	esc, overdue := false, false
	for _, ce := range Escalations(prior) {
		esc = esc || ce.Escalation.Open()
	}
	for _, ca := range Actions(prior) {
		overdue = overdue || ca.Action.OverdueAt(m.Date)
	}
	return DefaultNextReview(m.Date, drift, esc, overdue)
}
