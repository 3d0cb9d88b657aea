package data

import (
	"reflect"
	"strings"
	"testing"
)

// The meetings of the agenda tests. The meeting being planned is a
// tracking panel on M = 12 March 2026 (id 5); the last tracking meeting
// held before it was on L = 12 February 2026 (id 1).
var (
	agendaM        = d("2026-03-12")
	agendaL        = d("2026-02-12")
	agendaMeetings = []Meeting{
		{ID: 11, Date: d("2025-06-01"), Kind: PanelTracking, Status: MeetingClosed},
		{ID: 10, Date: d("2025-12-01"), Kind: PanelTracking, Status: MeetingClosed},
		{ID: 1, Date: d("2026-02-12"), Kind: PanelTracking, Status: MeetingHeld},
		{ID: 2, Date: d("2026-02-26"), Kind: PanelTracking, Status: MeetingPlanned}, // not held: not L
		{ID: 3, Date: d("2026-03-01"), Kind: PanelAdoption, Status: MeetingHeld},    // another kind
		{ID: 5, Date: d("2026-03-12"), Kind: PanelTracking, Status: MeetingPlanned}, // this meeting
		{ID: 6, Date: d("2026-03-20"), Kind: PanelTracking, Status: MeetingHeld},    // after M
	}
)

func TestLastMeetingDate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		kind    PanelKind
		m       string
		exclude int64
		want    string
	}{
		{"latest held of the kind before M", PanelTracking, "2026-03-12", 5, "2026-02-12"},
		{"a planned meeting is not held", PanelTracking, "2026-03-01", 0, "2026-02-12"},
		{"a meeting on M is not before it", PanelTracking, "2026-02-12", 0, "2025-12-01"},
		{"the meeting left out", PanelTracking, "2026-03-12", 1, "2025-12-01"},
		{"another kind", PanelAdoption, "2026-03-12", 0, "2026-03-01"},
		{"none: M minus 3 months", PanelAll, "2026-03-12", 0, "2025-12-12"},
		{"none: day clamped", PanelAdoption, "2026-02-28", 0, "2025-11-28"},
		{"none: 31 May less 3 months is 28 February", PanelAll, "2026-05-31", 0, "2026-02-28"},
	} {
		if got := LastMeetingDate(agendaMeetings, tc.kind, d(tc.m), tc.exclude); got != d(tc.want) {
			t.Errorf("%s: L = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func meetingByID(id int64) Meeting {
	for _, m := range agendaMeetings {
		if m.ID == id {
			return m
		}
	}
	panic("no meeting")
}

// rec is child C1's record at a meeting, with next review set (if given).
func rec(meetingID int64, review string, more ...func(*PanelRecord)) MeetingRecord {
	r := PanelRecord{MeetingID: meetingID, ChildID: "C1"}
	if review != "" {
		r.NextReview = d(review)
	}
	for _, f := range more {
		f(&r)
	}
	return MeetingRecord{Meeting: meetingByID(meetingID), Record: r}
}

func withEscalation(to, raised, outcome string) func(*PanelRecord) {
	return func(r *PanelRecord) {
		r.Escalation = &Escalation{To: to, Why: "drift", Raised: d(raised), Outcome: outcome}
		if outcome != "" {
			r.Escalation.Resolved = d(raised).AddDays(10)
		}
	}
}

func withAction(due string, status ActionStatus) func(*PanelRecord) {
	return func(r *PanelRecord) {
		r.Actions = append(r.Actions, Action{What: "Viability assessment", Who: "SW", Due: d(due), Status: status})
	}
}

// ltfChild is in care on a care order since 2024, plan long-term
// fostering, with no drift flag at L or at M.
func ltfChild() Child {
	return Child{ID: "C1", EnteredCare: d("2024-01-01"), LegalStatus: "C2", Plan: PlanLongTermFostering,
		PlacementType: "U4", PlacementStart: d("2024-06-01")}
}

// seen is the usual record: reviewed on 1 December 2025, next review 1 June 2026.
var seen = []MeetingRecord{rec(10, "2026-06-01")}

func TestAgendaReasons(t *testing.T) {
	type change func(*Child)
	for _, tc := range []struct {
		name   string
		kind   PanelKind // tracking unless given
		atL    change
		atM    change
		both   change
		recs   []MeetingRecord
		want   []Reason
		detail string // a line of the details, when given
		never  bool
	}{
		{name: "nothing new", recs: seen},

		// review due
		{name: "review date on the meeting date is due", recs: []MeetingRecord{rec(10, "2026-06-01"), rec(1, "2026-03-12")},
			want: []Reason{ReasonReviewDue}, detail: "Review due: panel review date 12/03/2026, set at the meeting of 12/02/2026"},
		{name: "review date a day after the meeting is not due", recs: []MeetingRecord{rec(10, "2026-06-01"), rec(1, "2026-03-13")}},
		{name: "the panel's later date wins over the extract's due one",
			both: func(c *Child) { c.NextPanelReview = d("2026-03-01") }, recs: seen},
		{name: "the panel's due date wins over the extract's later one (and its passing is new drift)",
			both: func(c *Child) { c.NextPanelReview = d("2026-09-01") }, recs: []MeetingRecord{rec(10, "2026-06-01"), rec(1, "2026-03-10")},
			want: []Reason{ReasonReviewDue, ReasonNewDrift}, detail: "New drift: Panel review overdue (since 10/03/2026)"},
		{name: "the panel's date at L wins for drift: the extract's overdue date is no flag at L",
			both: func(c *Child) { c.NextPanelReview = d("2026-01-10") }, recs: []MeetingRecord{rec(1, "2026-03-01")},
			want: []Reason{ReasonReviewDue, ReasonNewDrift}},
		{name: "no panel record: the extract's date on M is due", both: func(c *Child) { c.NextPanelReview = d("2026-03-12") },
			want: []Reason{ReasonReviewDue}, detail: "Review due: next panel review date 12/03/2026 (from the extract)", never: true},
		{name: "no panel record: the extract's date a day after M is not", both: func(c *Child) { c.NextPanelReview = d("2026-03-13") },
			never: true},
		{name: "a record with no review date leaves the one before in force",
			recs: []MeetingRecord{rec(10, "2026-03-12"), rec(1, "")}, want: []Reason{ReasonReviewDue}},
		{name: "this meeting's own record is not read",
			recs: []MeetingRecord{rec(10, "2026-03-12"), rec(5, "2026-09-12", withEscalation("HoS", "2026-03-12", ""))},
			want: []Reason{ReasonReviewDue}},
		{name: "a record from an earlier period of care sets no review date",
			both: func(c *Child) { c.EnteredCare = d("2026-01-20") }, recs: []MeetingRecord{rec(10, "2026-03-01")}},

		// not yet seen: 4 months in care in L < d <= M
		{name: "4 months in care on M", both: func(c *Child) { c.EnteredCare = d("2025-11-12") },
			want: []Reason{ReasonNotYetSeen}, detail: "Not yet seen by panel: 4 months in care on 12/03/2026 (entered care 12/11/2025), no panel record"},
		{name: "4 months in care on L is not since the last meeting: never reviewed",
			both: func(c *Child) { c.EnteredCare = d("2025-10-12") }, never: true},
		{name: "4 months in care the day after L", both: func(c *Child) { c.EnteredCare = d("2025-10-13") },
			want: []Reason{ReasonNotYetSeen}},
		{name: "4 months in care the day after M: too soon", both: func(c *Child) { c.EnteredCare = d("2025-11-13") }},
		{name: "31 October plus 4 months is 28 February", both: func(c *Child) { c.EnteredCare = d("2025-10-31") },
			want: []Reason{ReasonNotYetSeen}, detail: "Not yet seen by panel: 4 months in care on 28/02/2026 (entered care 31/10/2025), no panel record"},
		{name: "seen at the last meeting", both: func(c *Child) { c.EnteredCare = d("2025-11-12") },
			recs: []MeetingRecord{rec(1, "")}},
		{name: "seen only in an earlier period of care", both: func(c *Child) { c.EnteredCare = d("2025-11-12") },
			recs: []MeetingRecord{rec(11, "")}, want: []Reason{ReasonNotYetSeen}},

		// new drift. Issued 20 August 2025: 176 days at L (11+30+31+30+31+31+12),
		// 204 at M: over 26 weeks (182 days) at M only.
		{name: "in proceedings over 26 weeks since the last meeting",
			both: func(c *Child) { c.LegalStatus, c.ProceedingsIssued = "C1", d("2025-08-20") }, recs: seen,
			want: []Reason{ReasonNewDrift}, detail: "New drift: In proceedings over 26 weeks (since 20/08/2025)"},
		{name: "over 26 weeks at L already (issued 13 August: 183 days at L)",
			both: func(c *Child) { c.LegalStatus, c.ProceedingsIssued = "C1", d("2025-08-13") }, recs: seen},

		// plan changed
		{name: "plan changed between meetings", atL: func(c *Child) { c.Plan = PlanReunification }, recs: seen,
			want: []Reason{ReasonPlanChanged}, detail: "Plan changed: Reunification → Long-term fostering"},
		{name: "not in care at L: no plan change",
			atL:  func(c *Child) { c.EnteredCare, c.Plan = d("2026-02-20"), PlanOther },
			atM:  func(c *Child) { c.EnteredCare = d("2026-02-20") },
			recs: nil},

		// proceedings concluded: final hearing in L < d <= M
		{name: "final hearing on L is not since", both: func(c *Child) { c.FinalHearing = d("2026-02-12") }, recs: seen},
		{name: "final hearing the day after L", both: func(c *Child) { c.FinalHearing = d("2026-02-13") }, recs: seen,
			want: []Reason{ReasonProceedingsConcluded}, detail: "Proceedings concluded: final hearing 13/02/2026"},
		{name: "final hearing on M", both: func(c *Child) { c.FinalHearing = d("2026-03-12") }, recs: seen,
			want: []Reason{ReasonProceedingsConcluded}},
		{name: "final hearing listed for the day after M", both: func(c *Child) { c.FinalHearing = d("2026-03-13") }, recs: seen},

		// disruption (more cases in TestDisrupted)
		{name: "long-term fostering placement ended", atM: func(c *Child) {
			c.PlacementType, c.PlacementStart = "U6", d("2026-03-01")
		}, both: func(c *Child) { c.LTFADM = d("2024-05-10") }, recs: seen,
			want: []Reason{ReasonDisruption}, detail: "Disruption: long-term fostering match of 10/05/2024 (U4); now in placement U6 from 01/03/2026"},

		// escalations
		{name: "escalation open", recs: []MeetingRecord{rec(10, "2026-06-01", withEscalation("Head of Service", "2025-12-01", ""))},
			want: []Reason{ReasonEscalationOpen}, detail: "Escalation open: to Head of Service, raised 01/12/2025"},
		{name: "escalation resolved", recs: []MeetingRecord{rec(10, "2026-06-01", withEscalation("HoS", "2025-12-01", "agreed"))}},
		{name: "escalation resolved in a later record that carries it",
			recs: []MeetingRecord{rec(10, "2026-06-01", withEscalation("HoS", "2025-12-01", "")),
				rec(1, "2026-06-01", withEscalation("HoS", "2025-12-01", "agreed"))}},
		{name: "escalation open at a meeting of another kind",
			recs: []MeetingRecord{rec(10, "2026-06-01"), rec(3, "", withEscalation("IRO", "2026-03-01", ""))},
			want: []Reason{ReasonEscalationOpen}},

		// actions
		{name: "action due the day before M", recs: []MeetingRecord{rec(10, "2026-06-01", withAction("2026-03-11", ActionOpen))},
			want: []Reason{ReasonActionOverdue}, detail: "Action overdue: Viability assessment (SW), due 11/03/2026"},
		{name: "action due on M is not overdue", recs: []MeetingRecord{rec(10, "2026-06-01", withAction("2026-03-12", ActionOpen))}},
		{name: "done and dropped actions are not overdue", recs: []MeetingRecord{rec(10, "2026-06-01",
			withAction("2026-01-11", ActionDone), withAction("2026-01-12", ActionDropped))}},

		// cohorts
		{name: "adoption panel: a child whose plan changed from adoption has left its cohort", kind: PanelAdoption,
			atL: func(c *Child) { c.Plan = PlanAdoption }, recs: seen},
		{name: "tracking panel: the same child is in its cohort", kind: PanelTracking,
			atL: func(c *Child) { c.Plan = PlanAdoption }, recs: seen, want: []Reason{ReasonPlanChanged},
			detail: "Plan changed: Adoption → Long-term fostering"},
		{name: "a child who left care is not suggested", atM: func(c *Child) { c.CeasedCare = d("2026-03-01") },
			both: func(c *Child) { c.FinalHearing = d("2026-02-20") }, recs: seen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := tc.kind
			if kind == "" {
				kind = PanelTracking
			}
			atL, atM := ltfChild(), ltfChild()
			if tc.both != nil {
				tc.both(&atL)
				tc.both(&atM)
			}
			if tc.atL != nil {
				tc.atL(&atL)
			}
			if tc.atM != nil {
				tc.atM(&atM)
			}
			ag := SuggestAgenda(AgendaInput{Kind: kind, Meeting: agendaM, MeetingID: 5, Previous: agendaMeetings,
				AtM: []Child{atM}, AtL: []Child{atL}, Records: tc.recs})
			var got []Reason
			var details []string
			for _, line := range ag.Lines {
				if line.ChildID == "C1" {
					got, details = line.Reasons, line.Detail
					if len(line.Detail) != len(line.Reasons) {
						t.Errorf("%d details for %d reasons", len(line.Detail), len(line.Reasons))
					}
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("reasons %v, want %v (details %q)", got, tc.want, details)
			}
			if tc.detail != "" && !contains(details, tc.detail) {
				t.Errorf("details %q, want a line %q", details, tc.detail)
			}
			if never := len(ag.NeverReviewed) == 1 && ag.NeverReviewed[0] == "C1"; never != tc.never {
				t.Errorf("never reviewed %v, want C1 there: %v", ag.NeverReviewed, tc.never)
			}
		})
	}
}

func TestDisrupted(t *testing.T) {
	l, m := agendaL, agendaM
	placed := Child{ID: "A", EnteredCare: d("2024-01-01"), LegalStatus: "E1", Plan: PlanAdoption,
		PlacementOrder: d("2025-01-10"), Match: d("2025-07-01"), PlacedForAdoption: d("2025-09-01"),
		PlacementType: "A6", PlacementStart: d("2025-09-01")}
	early := Child{ID: "E", EnteredCare: d("2025-06-01"), LegalStatus: "C1", Plan: PlanAdoption,
		EarlyPermanence: d("2025-10-01"), PlacementType: "U5", PlacementStart: d("2025-10-01")}
	ltf := Child{ID: "F", EnteredCare: d("2023-01-01"), LegalStatus: "C2", Plan: PlanLongTermFostering,
		PlacementType: "U4", PlacementStart: d("2024-01-01"), LTFPanel: d("2024-05-01"), LTFADM: d("2024-05-10")}
	for _, tc := range []struct {
		name string
		atL  Child
		atM  func(c *Child)
		atLF func(c *Child)
		want string // "" for no disruption
	}{
		{"placed for adoption, now in other fostering", placed, func(c *Child) { c.PlacementType, c.PlacementStart = "U6", d("2026-03-01") }, nil,
			"placed for adoption on 01/09/2025 (A6); now in placement U6 from 01/03/2026, no adoption order"},
		{"placed for adoption, left care without an order", placed, func(c *Child) { c.CeasedCare, c.ReasonCeased = d("2026-03-01"), "E8" }, nil,
			"placed for adoption on 01/09/2025 (A6); left care on 01/03/2026 without an adoption order"},
		{"adoption order granted", placed, func(c *Child) {
			c.AdoptionOrder, c.CeasedCare, c.ReasonCeased = d("2026-03-01"), d("2026-03-01"), "E12"
		}, nil, ""},
		{"adopted (E11) with no order date recorded", placed, func(c *Child) { c.CeasedCare, c.ReasonCeased = d("2026-03-01"), "E11" }, nil, ""},
		{"moved to new adopters", placed, func(c *Child) { c.PlacementStart = d("2026-03-01") }, nil,
			"placed for adoption on 01/09/2025 (A6); moved to a new placement (A6) from 01/03/2026, no adoption order"},
		{"still placed", placed, func(c *Child) { c.AdoptionApplication = d("2026-03-01") }, nil, ""},
		{"placement type not recorded at M", placed, func(c *Child) { c.PlacementType = "" }, nil, ""},
		{"disrupted before L already", placed, func(c *Child) { c.PlacementType = "U6" }, func(c *Child) { c.PlacementType = "U6" }, ""},
		{"early permanence becomes placed for adoption with the same carers", early, func(c *Child) {
			c.PlacementType, c.PlacedForAdoption, c.PlacementStart, c.LegalStatus = "A5", d("2026-03-01"), d("2026-03-01"), "E1"
		}, nil, ""},
		{"early permanence ended in other fostering", early, func(c *Child) { c.PlacementType, c.PlacementStart = "U6", d("2026-03-01") }, nil,
			"early permanence placement on 01/10/2025 (U5); now in placement U6 from 01/03/2026, no adoption order"},
		{"early permanence ended, placed with other adopters", early, func(c *Child) {
			c.PlacementType, c.PlacedForAdoption, c.PlacementStart = "A6", d("2026-03-01"), d("2026-03-01")
		}, nil, "early permanence placement on 01/10/2025 (U5); moved to a new placement (A6) from 01/03/2026, no adoption order"},
		{"early permanence ended: child returned home", early, func(c *Child) { c.CeasedCare, c.ReasonCeased = d("2026-03-01"), "E4A" }, nil,
			"early permanence placement on 01/10/2025 (U5); left care on 01/03/2026 without an adoption order"},
		{"LTF match ratified, now other fostering", ltf, func(c *Child) { c.PlacementType, c.PlacementStart = "U6", d("2026-03-01") }, nil,
			"long-term fostering match of 10/05/2024 (U4); now in placement U6 from 01/03/2026"},
		{"LTF match approved by panel only, now residential", ltf, func(c *Child) { c.PlacementType, c.PlacementStart = "K2", d("2026-03-01") },
			func(c *Child) { c.LTFADM = NoDate }, "long-term fostering match of 01/05/2024 (U4); now in placement K2 from 01/03/2026"},
		{"LTF U4 to U1", ltf, func(c *Child) { c.PlacementType = "U1" }, nil, ""},
		{"LTF child left care (special guardianship with carers)", ltf, func(c *Child) {
			c.CeasedCare, c.ReasonCeased, c.SGOOrder = d("2026-03-01"), "E45", d("2026-03-01")
		}, nil, ""},
		{"LTF placement type not recorded at M", ltf, func(c *Child) { c.PlacementType = "" }, nil, ""},
		{"LTF match only ratified after L", ltf, func(c *Child) { c.PlacementType = "U6" },
			func(c *Child) { c.LTFPanel, c.LTFADM = NoDate, d("2026-03-01") }, ""},
		{"LTF placement ended before L", ltf, func(c *Child) { c.PlacementType = "U6" }, func(c *Child) { c.PlacementType = "U6" }, ""},
	} {
		atL := tc.atL
		if tc.atLF != nil {
			tc.atLF(&atL)
		}
		atM := atL
		tc.atM(&atM)
		got, what := Disrupted(&atL, &atM, l, m)
		if got != (tc.want != "") || what != tc.want {
			t.Errorf("%s: disrupted %v %q, want %q", tc.name, got, what, tc.want)
		}
	}
}

// The cohort rule with real snapshots: the extract of 5 March 2026 is the
// first to show the plan changed from adoption to long-term fostering.
func TestCohortFollowsThePlanOfTheStateAsAt(t *testing.T) {
	ex1 := Extract{ID: 1, Kind: KindTracker, Date: d("2026-01-31")}
	ex2 := Extract{ID: 2, Kind: KindTracker, Date: d("2026-03-05")}
	row := Child{ID: "C7", EnteredCare: d("2025-01-01"), LegalStatus: "C2", Plan: PlanAdoption, PlanText: "Adoption"}
	row2 := row
	row2.Plan, row2.PlanText = PlanLongTermFostering, "LTF"
	hist := []HistoryRow{{Extract: ex1, Child: row}, {Extract: ex2, Child: row2}}
	for _, tc := range []struct {
		at                 string
		adoption, tracking bool
	}{
		{"2026-02-12", true, false},
		{"2026-03-04", true, false}, // the day before the extract that shows the change
		{"2026-03-05", false, true}, // from that extract on
		{"2026-03-12", false, true},
	} {
		c, _ := StateFromHistory(hist, d(tc.at))
		if got := PanelAdoption.InCohort(&c, d(tc.at)); got != tc.adoption {
			t.Errorf("%s: in the adoption cohort %v, want %v", tc.at, got, tc.adoption)
		}
		if got := PanelTracking.InCohort(&c, d(tc.at)); got != tc.tracking {
			t.Errorf("%s: in the tracking cohort %v, want %v", tc.at, got, tc.tracking)
		}
		if !PanelAll.InCohort(&c, d(tc.at)) {
			t.Errorf("%s: not in the cohort of a panel for all children", tc.at)
		}
	}
	// Not in care: in no cohort.
	c := row
	c.CeasedCare = d("2026-03-01")
	for _, k := range PanelKinds {
		if k.InCohort(&c, d("2026-03-01")) {
			t.Errorf("%s: a child who left care on the date is in the cohort", k)
		}
	}
	c = row
	c.LegalStatus = "V3"
	if PanelAll.InCohort(&c, d("2026-03-01")) {
		t.Error("a child on short breaks is in the cohort")
	}
	// Every plan but adoption is the tracking panel's.
	for _, p := range Plans {
		if PanelTracking.Includes(p) == (p == PlanAdoption) || PanelAdoption.Includes(p) != (p == PlanAdoption) {
			t.Errorf("plan %s is in the wrong kind's cohort", p.Key())
		}
	}

	// The agenda of each kind on 12 March 2026 (L for adoption: 1 March).
	atL, _ := StateFromHistory(hist, d("2026-03-01"))
	atM, _ := StateFromHistory(hist, agendaM)
	recs := []MeetingRecord{{Meeting: meetingByID(10), Record: PanelRecord{ChildID: "C7", NextReview: d("2026-06-01")}}}
	for kind, want := range map[PanelKind]int{PanelAdoption: 0, PanelTracking: 1} {
		ag := SuggestAgenda(AgendaInput{Kind: kind, Meeting: agendaM, Previous: agendaMeetings,
			AtM: []Child{atM}, AtL: []Child{atL}, Records: recs})
		if len(ag.Lines) != want {
			t.Errorf("%s agenda: %+v, want %d line(s)", kind, ag.Lines, want)
		}
	}
}

// A panel for all children, with no meeting held before: L is M less 3
// months, 12 December 2025.
func TestAgendaOrderAndNeverReviewed(t *testing.T) {
	base := func(id string, p Plan) Child {
		return Child{ID: id, EnteredCare: d("2024-01-01"), LegalStatus: "C2", Plan: p, PlacementType: "U6", PlacementStart: d("2024-02-01")}
	}
	earlier := Meeting{ID: 20, Date: d("2025-11-01"), Kind: PanelTracking, Status: MeetingClosed}
	record := func(id, review string, esc *Escalation) MeetingRecord {
		return MeetingRecord{Meeting: earlier, Record: PanelRecord{ChildID: id, NextReview: d(review), Escalation: esc}}
	}
	d1L := base("D1", PlanAdoption)
	d1L.LegalStatus, d1L.PlacementOrder, d1L.Match, d1L.PlacedForAdoption = "E1", d("2025-01-10"), d("2025-07-01"), d("2025-09-01")
	d1L.PlacementType, d1L.PlacementStart = "A6", d("2025-09-01")
	d1M := d1L
	d1M.PlacementType, d1M.PlacementStart = "U6", d("2026-01-10")
	a5L, a5M := base("A5", PlanReunification), base("A5", PlanLongTermFostering)
	a5L.FinalHearing, a5M.FinalHearing = d("2026-01-15"), d("2026-01-15")
	a4L, a4M := base("A4", PlanReunification), base("A4", PlanLongTermFostering)
	n0, n1 := base("N1", PlanOther), base("N0", PlanOther)
	n0.EnteredCare, n1.EnteredCare = d("2024-03-01"), d("2023-05-01")
	q1 := base("Q1", PlanOther)
	q1.CeasedCare = d("2026-01-01")
	s1 := base("S1", PlanOther)
	s1.LegalStatus = "V3"
	atL := []Child{base("B2", PlanOther), d1L, a5L, a4L, base("Z9", PlanOther), n0, n1, q1, s1}
	atM := []Child{base("B2", PlanOther), d1M, a5M, a4M, base("Z9", PlanOther), n0, n1, q1, s1}
	recs := []MeetingRecord{
		record("B2", "2026-03-12", nil),
		record("D1", "2026-04-01", nil), record("A5", "2026-04-01", nil), record("A4", "2026-04-01", nil),
		record("Z9", "2026-03-01", &Escalation{To: "HoS", Why: "drift", Raised: d("2025-11-01")}),
		{Meeting: earlier, Record: PanelRecord{ChildID: "Q1"}}, // a record of a child not in care still counts as theirs
	}
	in := AgendaInput{Kind: PanelAll, Meeting: agendaM, Previous: agendaMeetings, AtM: atM, AtL: atL, Records: recs}
	ag := SuggestAgenda(in)
	if ag.Since != d("2025-12-12") {
		t.Errorf("L = %s, want 2025-12-12", ag.Since)
	}
	var got []string
	for _, line := range ag.Lines {
		var rs []string
		for _, r := range line.Reasons {
			rs = append(rs, string(r))
		}
		got = append(got, line.ChildID+":"+strings.Join(rs, ","))
	}
	want := []string{
		"D1:disruption",
		"Z9:review_due,new_drift,escalation_open",
		"A5:plan_changed,proceedings_concluded",
		"A4:plan_changed",
		"B2:review_due",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("agenda\n got %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(ag.NeverReviewed, []string{"N0", "N1"}) {
		t.Errorf("never reviewed %v, want [N0 N1] (longest in care first)", ag.NeverReviewed)
	}
	if err := SlotTimes(ag.Lines, "10:00", 20); err != nil {
		t.Fatal(err)
	}
	if ag.Lines[4].Time != "11:20" {
		t.Errorf("fifth slot at %s, want 11:20", ag.Lines[4].Time)
	}
	// The caller's children keep the extract's review dates.
	for _, cs := range [][]Child{in.AtM, in.AtL} {
		for _, c := range cs {
			if !c.NextPanelReview.IsZero() {
				t.Errorf("%s: the caller's child was given review date %s", c.ID, c.NextPanelReview)
			}
		}
	}
}

func TestApplyPanelReviews(t *testing.T) {
	m := func(id int64, date string) Meeting { return Meeting{ID: id, Date: d(date), Kind: PanelTracking} }
	r := func(child, review string) PanelRecord {
		pr := PanelRecord{ChildID: child}
		if review != "" {
			pr.NextReview = d(review)
		}
		return pr
	}
	recs := []MeetingRecord{
		{m(2, "2026-02-12"), r("A", "2026-08-12")},
		{m(1, "2026-01-10"), r("A", "2026-04-10")},
		{m(3, "2026-03-01"), r("A", "")},           // sets no date
		{m(4, "2026-03-20"), r("A", "2026-05-01")}, // after the date
		{m(2, "2026-02-12"), r("B", "2026-04-04")},
		{m(5, "2026-02-12"), r("B", "2026-05-05")}, // same day as meeting 2: the later-made meeting wins
		{m(1, "2026-01-10"), r("B", "2026-02-01")},
		{m(1, "2026-01-10"), r("D", "2026-07-01")}, // D's period of care began after
	}
	children := []Child{
		{ID: "A", EnteredCare: d("2024-01-01"), NextPanelReview: d("2026-01-01")},
		{ID: "B", EnteredCare: d("2024-01-01")},
		{ID: "C", EnteredCare: d("2024-01-01"), NextPanelReview: d("2026-06-06")},
		{ID: "D", EnteredCare: d("2026-02-01"), NextPanelReview: d("2026-06-06")},
	}
	ApplyPanelReviews(children, recs, d("2026-03-12"))
	want := []string{"2026-08-12", "2026-05-05", "2026-06-06", "2026-06-06"}
	for i, c := range children {
		if c.NextPanelReview.String() != want[i] {
			t.Errorf("%s: review %s, want %s", c.ID, c.NextPanelReview, want[i])
		}
	}
	// As at 1 February, A's review is the one set on 10 January.
	a := []Child{{ID: "A", EnteredCare: d("2024-01-01")}}
	ApplyPanelReviews(a, recs, d("2026-02-01"))
	if a[0].NextPanelReview != d("2026-04-10") {
		t.Errorf("A as at 1 February: %s, want 2026-04-10", a[0].NextPanelReview)
	}
}

func TestEscalationsAndActionsAcrossMeetings(t *testing.T) {
	m1 := Meeting{ID: 1, Date: d("2026-01-10")}
	m2 := Meeting{ID: 2, Date: d("2026-02-12")}
	recs := []MeetingRecord{
		{m2, PanelRecord{ChildID: "A", Escalation: &Escalation{To: "HoS", Raised: d("2026-01-10"), Outcome: "agreed", Resolved: d("2026-02-01")},
			Actions: []Action{{What: "Assess", Who: "sw", Due: d("2026-02-01"), Status: ActionDone, DoneOn: d("2026-01-30")}}}},
		{m1, PanelRecord{ChildID: "A", Escalation: &Escalation{To: "hos ", Raised: d("2026-01-10")},
			Actions: []Action{{What: "Assess", Who: "sw", Due: d("2026-02-01"), Status: ActionOpen},
				{What: "Refer", Who: "TM", Due: d("2026-03-01"), Status: ActionOpen}}}},
		{m1, PanelRecord{ChildID: "B", Escalation: &Escalation{To: "IRO", Raised: d("2026-01-09")},
			Actions: []Action{{What: "Call", Who: "Amy", Due: d("2026-04-01"), Status: ActionOpen}}}},
	}
	es := Escalations(recs)
	if len(es) != 2 || es[0].ChildID != "B" || es[1].ChildID != "A" || es[1].Escalation.Open() || es[1].Meeting.ID != 2 {
		t.Errorf("escalations %+v: want B's (raised first), then A's once, resolved at meeting 2", es)
	}
	as := Actions(recs)
	if len(as) != 3 {
		t.Fatalf("actions %+v, want 3 (A's assessment once)", as)
	}
	SortActions(as, d("2026-03-12"))
	var order []string
	for _, a := range as {
		order = append(order, a.Action.What)
	}
	// Overdue first (Refer, due 1 March), then by owner: Amy, sw.
	if strings.Join(order, ",") != "Refer,Call,Assess" {
		t.Errorf("actions in order %v, want Refer, Call, Assess", order)
	}
}

func TestSortAgendaPriority(t *testing.T) {
	// One child per reason, IDs in the reverse of the wanted order.
	lines := []AgendaLine{
		{ChildID: "a", Reasons: []Reason{ReasonAdded}},
		{ChildID: "b", Reasons: []Reason{ReasonReviewDue}},
		{ChildID: "c", Reasons: []Reason{ReasonNotYetSeen}},
		{ChildID: "d", Reasons: []Reason{ReasonProceedingsConcluded}},
		{ChildID: "e", Reasons: []Reason{ReasonPlanChanged}},
		{ChildID: "f", Reasons: []Reason{ReasonActionOverdue}},
		{ChildID: "g", Reasons: []Reason{ReasonNewDrift}},
		{ChildID: "h", Reasons: []Reason{ReasonEscalationOpen}},
		{ChildID: "i", Reasons: []Reason{ReasonDisruption}},
		{ChildID: "j", Reasons: []Reason{ReasonReviewDue, ReasonActionOverdue}}, // placed by its most pressing reason
	}
	SortAgenda(lines)
	var got string
	for _, l := range lines {
		got += l.ChildID
	}
	if got != "ihgjfedcba" {
		t.Errorf("order %s, want ihgjfedcba", got)
	}
}
