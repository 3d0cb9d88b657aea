package data

import (
	"strings"
	"testing"
)

func TestDefaultNextReview(t *testing.T) {
	for _, tc := range []struct {
		meeting                    string
		drift, escalation, overdue bool
		want                       string
	}{
		{"2026-01-15", false, false, false, "2026-07-15"}, // 6 months
		{"2026-01-15", true, false, false, "2026-04-15"},  // 3 months: drift
		{"2026-01-15", false, true, false, "2026-04-15"},  // open escalation
		{"2026-01-15", false, false, true, "2026-04-15"},  // overdue action
		{"2025-08-31", false, false, false, "2026-02-28"}, // 31 Aug + 6 months, clamped
		{"2027-08-31", false, false, false, "2028-02-29"}, // leap year
		{"2025-11-30", true, true, true, "2026-02-28"},    // 30 Nov + 3 months, clamped
		{"2026-05-31", true, false, false, "2026-08-31"},
	} {
		got := DefaultNextReview(d(tc.meeting), tc.drift, tc.escalation, tc.overdue)
		if got != d(tc.want) {
			t.Errorf("meeting %s (drift %v, escalation %v, overdue %v): review %s, want %s",
				tc.meeting, tc.drift, tc.escalation, tc.overdue, got, tc.want)
		}
	}
}

func TestCheckNextReview(t *testing.T) {
	// Meeting 31 January 2026: 1 month on is 28 February (clamped), 3
	// months 30 April (clamped), 6 months 31 July.
	m := d("2026-01-31")
	for _, tc := range []struct {
		review, why string
		wantErr     string // "" for none; else a part of the message
	}{
		{"", "", "no next review date: choose one from 28/02/2026 to 31/07/2026"},
		{"2026-02-27", "urgent", "less than a month after the meeting of 31/01/2026: the next review is 1 to 6 months ahead, from 28/02/2026 to 31/07/2026"},
		{"2026-02-28", "final hearing in March", ""},
		{"2026-02-28", "", "less than 3 months after the meeting of 31/01/2026: say why the panel will look again this soon (next_review_why), or choose a date from 30/04/2026"},
		{"2026-04-29", "  ", "less than 3 months"},
		{"2026-04-30", "", ""},
		{"2026-07-31", "", ""},
		{"2026-08-01", "long wait", "more than 6 months after the meeting of 31/01/2026: the next review is 1 to 6 months ahead, from 28/02/2026 to 31/07/2026"},
	} {
		var review Date
		if tc.review != "" {
			review = d(tc.review)
		}
		err := CheckNextReview(m, review, tc.why)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("review %s (why %q): %v, want no error", tc.review, tc.why, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("review %s (why %q): error %v, want %q", tc.review, tc.why, err, tc.wantErr)
		}
	}
}

func TestSlotTimes(t *testing.T) {
	lines := []AgendaLine{{ChildID: "A"}, {ChildID: "B"}, {ChildID: "C"}}
	if err := SlotTimes(lines, "9:30", 20); err != nil {
		t.Fatal(err)
	}
	if got := lines[0].Time + " " + lines[1].Time + " " + lines[2].Time; got != "09:30 09:50 10:10" {
		t.Errorf("slots %s, want 09:30 09:50 10:10", got)
	}
	// Three slots from 23:00 end at midnight: allowed; from 23:01 they run past it.
	if err := SlotTimes(lines, "23:00", 20); err != nil || lines[2].Time != "23:40" {
		t.Errorf("three slots from 23:00: %v, third at %s", err, lines[2].Time)
	}
	for _, tc := range []struct {
		start   string
		minutes int
		want    string
	}{
		{"23:20", 20, "3 children at 20 minutes each from 23:20 runs past midnight"},
		{"23:01", 20, "3 children at 20 minutes each from 23:01 runs past midnight"},
		{"24:00", 20, `"24:00" is not a time: use HH:MM on the 24-hour clock`},
		{"9.30", 20, `"9.30" is not a time`},
		{"", 20, `"" is not a time`},
		{"09:5", 20, `"09:5" is not a time`},
		{"10:00", 0, "0 minutes per child: use a whole number from 5 to 120"},
		{"10:00", 121, "121 minutes per child"},
	} {
		before := []AgendaLine{{ChildID: "A", Time: "x"}, {ChildID: "B", Time: "x"}, {ChildID: "C", Time: "x"}}
		err := SlotTimes(before, tc.start, tc.minutes)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("start %q, %d minutes: error %v, want %q", tc.start, tc.minutes, err, tc.want)
		}
		for _, l := range before {
			if l.Time != "x" {
				t.Errorf("start %q: a refused agenda had its times changed", tc.start)
			}
		}
	}
}

func TestSettingsParsers(t *testing.T) {
	for in, want := range map[string]string{"9:05": "09:05", " 14:00 ": "14:00", "00:00": "00:00", "23:59": "23:59"} {
		if got, err := ParseStartTime(in); err != nil || got != want {
			t.Errorf("ParseStartTime(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"24:00", "12:60", "noon", "1200", "-1:00", "12:3"} {
		if _, err := ParseStartTime(in); err == nil {
			t.Errorf("ParseStartTime(%q) accepted", in)
		}
	}
	if c, err := ParseCadence(" Fortnightly"); err != nil || c != "fortnightly" {
		t.Errorf("ParseCadence: %q, %v", c, err)
	}
	if _, err := ParseCadence("quarterly"); err == nil || err.Error() != `"quarterly" is not a cadence: use weekly, fortnightly or monthly` {
		t.Errorf("ParseCadence(quarterly): %v", err)
	}
	if n, err := ParseMinutesPerChild("20"); err != nil || n != 20 {
		t.Errorf("ParseMinutesPerChild(20) = %d, %v", n, err)
	}
	for _, in := range []string{"4", "121", "twenty", "", "20.5"} {
		if _, err := ParseMinutesPerChild(in); err == nil {
			t.Errorf("ParseMinutesPerChild(%q) accepted", in)
		}
	}
	for _, tc := range []struct{ last, cadence, want string }{
		{"2026-01-31", "weekly", "2026-02-07"}, {"2026-01-31", "fortnightly", "2026-02-14"},
		{"2026-01-31", "monthly", "2026-02-28"},
	} {
		if got := NextMeetingDate(d(tc.last), tc.cadence); got != d(tc.want) {
			t.Errorf("NextMeetingDate(%s, %s) = %s, want %s", tc.last, tc.cadence, got, tc.want)
		}
	}
	for _, ks := range DefaultPanelSettings().Kinds {
		if err := ks.Check(); err != nil {
			t.Errorf("default settings: %v", err)
		}
	}
	if err := (PanelKindSettings{Kind: PanelTracking, Cadence: "monthly", StartTime: "10:00", MinutesPerChild: 2}).Check(); err == nil {
		t.Error("2 minutes a child accepted")
	}
}

func TestMeetingStatus(t *testing.T) {
	allowed := map[[2]MeetingStatus]bool{
		{MeetingPlanned, MeetingHeld}: true,
		{MeetingHeld, MeetingClosed}:  true,
	}
	for _, from := range MeetingStatuses {
		for _, to := range MeetingStatuses {
			if got := from.CanBecome(to); got != allowed[[2]MeetingStatus{from, to}] {
				t.Errorf("%s → %s allowed = %v", from, to, got)
			}
		}
	}
	if s, err := ParseMeetingStatus(" Held "); err != nil || s != MeetingHeld {
		t.Errorf("ParseMeetingStatus(Held) = %q, %v", s, err)
	}
	if _, err := ParseMeetingStatus("open"); err == nil || err.Error() != `"open" is not a meeting status: use planned, held or closed` {
		t.Errorf("ParseMeetingStatus(open): %v", err)
	}
}

// The proposal at a meeting: a review overdue until the meeting is no
// reason for 3 months (this meeting is the review), an open escalation or
// an overdue action from an earlier meeting is, and this meeting's own
// record does not count.
func TestProposedNextReview(t *testing.T) {
	m := Meeting{ID: 2, Date: MustDate("2026-03-10"), Kind: PanelTracking}
	earlier := Meeting{ID: 1, Date: MustDate("2026-01-10"), Kind: PanelTracking}
	th := DefaultThresholds()
	c := Child{ID: "A", Plan: PlanLongTermFostering, EnteredCare: MustDate("2024-01-01"), NextPanelReview: MustDate("2026-02-01")}
	if got, want := ProposedNextReview(c, m, nil, th), MustDate("2026-09-10"); got != want {
		t.Errorf("review overdue only: %s, want %s (6 months)", got, want)
	}
	esc := MeetingRecord{Meeting: earlier, Record: PanelRecord{ChildID: "A",
		Escalation: &Escalation{To: "Head of Service", Why: "no plan", Raised: earlier.Date}}}
	if got, want := ProposedNextReview(c, m, []MeetingRecord{esc}, th), MustDate("2026-06-10"); got != want {
		t.Errorf("open escalation: %s, want %s (3 months)", got, want)
	}
	other := esc
	other.Record.ChildID = "B"
	this := esc
	this.Meeting = m
	if got, want := ProposedNextReview(c, m, []MeetingRecord{other, this}, th), MustDate("2026-09-10"); got != want {
		t.Errorf("another child's escalation and this meeting's own record: %s, want %s", got, want)
	}
	act := MeetingRecord{Meeting: earlier, Record: PanelRecord{ChildID: "A",
		Actions: []Action{{What: "Report", Who: "SW", Due: MustDate("2026-03-09"), Status: ActionOpen}}}}
	if got, want := ProposedNextReview(c, m, []MeetingRecord{act}, th), MustDate("2026-06-10"); got != want {
		t.Errorf("overdue action: %s, want %s", got, want)
	}
	act.Record.Actions[0].Due = m.Date // due on the day: not overdue
	if got, want := ProposedNextReview(c, m, []MeetingRecord{act}, th), MustDate("2026-09-10"); got != want {
		t.Errorf("action due on the meeting's day: %s, want %s", got, want)
	}
}
