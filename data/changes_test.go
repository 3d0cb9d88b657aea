package data

import (
	"encoding/json"
	"strings"
	"testing"
)

// The window of these tests: 30 Jun 2025 < d ≤ 31 Mar 2026, with
// extracts on 30 Sep and 31 Dec 2025 between.
var (
	winFrom  = d("2025-06-30")
	winTo    = d("2026-03-31")
	winSnaps = []Date{winFrom, d("2025-09-30"), d("2025-12-31"), winTo}
)

// states is a child's state at each snapshot of winSnaps: base, changed
// for each snapshot by the matching function (nil: as base).
func states(base Child, at ...func(c *Child)) []Child {
	out := make([]Child, len(winSnaps))
	for i := range out {
		out[i] = base
		if i < len(at) && at[i] != nil {
			at[i](&out[i])
		}
	}
	return out
}

func plan(p Plan) func(c *Child) { return func(c *Child) { c.Plan = p } }

func build(t *testing.T, src ChangesSources, view bool, children ...[]Child) *Changes {
	t.Helper()
	b := NewChangesBuilder(ChangeWindow{Snapshots: winSnaps, Thresholds: DefaultThresholds(), View: view}, src)
	for _, st := range children {
		ptrs := make([]*Child, len(st))
		for i := range st {
			ptrs[i] = &st[i]
		}
		b.Add(ptrs)
	}
	return b.Finish()
}

func planChangeText(c ChangeOfPlan) string {
	return c.ChildID + " " + c.From.Key() + ">" + c.To.Key() + " seen " + c.Seen.String() + " since " + c.Since.String()
}

// Every change of plan, walking the snapshots; the revocation of a
// placement order left by a change away from adoption, against the
// 3-month limit (threshold.adoption_ended_months).
func TestChangesOfPlanAndRevocations(t *testing.T) {
	// P1: adoption until Sep, LTF from the Dec extract; the change was
	// ratified on 20 Nov (adoption_plan_ended_date), so the clock starts
	// then: target 20 Feb 2026; revoked 15 Jan 2026, 56 days on (10 days
	// to 30 Nov, 31 in Dec, 15 in Jan): within.
	p1 := inCareChild("P1", PlanAdoption)
	p1.PlacementOrder = d("2025-05-01")
	p1to := func(c *Child) {
		c.Plan, c.AdoptionPlanEnded, c.PlacementOrderRevoked = PlanLongTermFostering, d("2025-11-20"), d("2026-01-15")
	}
	// P2: the plan ended 1 Oct (target 1 Jan 2026), return home first seen
	// 31 Dec, revoked 2 Mar 2026: 152 days (31+30+31+31+28+1), late.
	p2 := inCareChild("P2", PlanAdoption)
	p2.PlacementOrder = d("2025-06-01")
	p2to := func(c *Child) {
		c.Plan, c.AdoptionPlanEnded, c.PlacementOrderRevoked = PlanReunification, d("2025-10-01"), d("2026-03-02")
	}
	// P5: LTF, then no plan recorded in Dec, then SGO in Mar: one change,
	// LTF to SGO, seen 31 Mar, LTF last seen 30 Sep.
	p5 := inCareChild("P5", PlanLongTermFostering)
	// P6: adoption to SGO first seen 31 Mar with a placement order of 1 Aug
	// 2025 and no ended date: the clock starts 31 Mar, target 30 Jun 2026;
	// not revoked: awaiting, not yet due.
	p6 := inCareChild("P6", PlanAdoption)
	p6.PlacementOrder = d("2025-08-01")
	// P7: adoption to LTF seen 30 Sep; plan ended 15 Jul, target 15 Oct
	// 2025, not revoked by 31 Mar 2026: overdue.
	p7 := inCareChild("P7", PlanAdoption)
	p7.PlacementOrder, p7.AdoptionPlanEnded = d("2025-01-10"), d("2025-07-15")
	// N1: no placement order: a change away from adoption, no revocation.
	n1 := inCareChild("N1", PlanAdoption)
	// R1: left care in August (a new period from November, plan
	// reunification): leaving care starts afresh, so no change.
	r1 := inCareChild("R1", PlanAdoption)
	left := func(c *Child) { c.CeasedCare, c.ReasonCeased = d("2025-08-01"), "E13" }
	back := func(c *Child) { c.EnteredCare, c.Plan = d("2025-11-01"), PlanReunification }
	// S1: a text that changes within one category is no change.
	s1 := inCareChild("S1", PlanSpecialGuardianship)

	ch := build(t, ChangesSources{}, true,
		states(p1, nil, nil, p1to, p1to),
		states(p2, nil, nil, p2to, p2to),
		states(p5, nil, nil, plan(PlanNotRecorded), plan(PlanSpecialGuardianship)),
		states(p6, nil, nil, nil, plan(PlanSpecialGuardianship)),
		states(p7, nil, func(c *Child) { c.Plan = PlanLongTermFostering }, plan(PlanLongTermFostering), plan(PlanLongTermFostering)),
		states(n1, nil, nil, nil, plan(PlanLongTermFostering)),
		states(r1, nil, left, back, back),
		states(s1, nil, func(c *Child) { c.PlanText = "SGO" }, nil, nil),
	)
	var got []string
	for _, c := range ch.PlanChanges {
		got = append(got, planChangeText(c))
	}
	want := []string{
		"P7 adoption>long_term_fostering seen 2025-09-30 since 2025-06-30",
		"P1 adoption>long_term_fostering seen 2025-12-31 since 2025-09-30",
		"P2 adoption>reunification seen 2025-12-31 since 2025-09-30",
		"N1 adoption>long_term_fostering seen 2026-03-31 since 2025-12-31",
		"P5 long_term_fostering>special_guardianship seen 2026-03-31 since 2025-09-30",
		"P6 adoption>special_guardianship seen 2026-03-31 since 2025-12-31",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("changes of plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	type rev struct {
		changed, target, revoked string
		days                     int
		status                   RevocationStatus
		due                      bool
	}
	wantRev := map[string]*rev{
		"P7": {"2025-07-15", "2025-10-15", "", 0, RevocationOverdue, true},
		"P1": {"2025-11-20", "2026-02-20", "2026-01-15", 56, RevokedWithinTarget, true},
		"P2": {"2025-10-01", "2026-01-01", "2026-03-02", 152, RevokedLate, true},
		"N1": nil, "P5": nil,
		"P6": {"2026-03-31", "2026-06-30", "", 0, AwaitingRevocation, false},
	}
	for _, c := range ch.PlanChanges {
		w, r := wantRev[c.ChildID], c.Revocation
		if (w == nil) != (r == nil) {
			t.Errorf("%s: revocation %+v, want %+v", c.ChildID, r, w)
			continue
		}
		if w == nil {
			continue
		}
		days, _ := r.Days()
		if r.Changed.String() != w.changed || r.Target.String() != w.target || r.Revoked.String() != w.revoked ||
			days != w.days || r.Status(winTo) != w.status || r.Due(winTo) != w.due {
			t.Errorf("%s: changed %s target %s revoked %s, %d days, %s, due %v; want %+v", c.ChildID, r.Changed, r.Target,
				r.Revoked, days, r.Status(winTo), r.Due(winTo), *w)
		}
	}
	// The plan then and now, 30 Jun against 31 Mar: in care at both with
	// both plans recorded. R1 is (adoption then; reunification now, in a
	// new period of care), seen from 31 Dec.
	got = nil
	for _, c := range ch.PlanChanged {
		got = append(got, c.ChildID+" "+c.Text()+" "+c.Seen.String())
	}
	if g := strings.Join(got, "; "); g != "P7 Adoption → Long-term fostering 2025-09-30; P1 Adoption → Long-term fostering 2025-12-31; "+
		"P2 Adoption → Reunification 2025-12-31; R1 Adoption → Reunification 2025-12-31; N1 Adoption → Long-term fostering 2026-03-31; "+
		"P5 Long-term fostering → Special guardianship 2026-03-31; P6 Adoption → Special guardianship 2026-03-31" {
		t.Errorf("plans changed, then and now: %s", g)
	}
	if len(ch.CameIntoCare) != 1 || ch.CameIntoCare[0] != (ChildEvent{"R1", d("2025-11-01")}) {
		t.Errorf("came into care: %+v", ch.CameIntoCare)
	}
}

// Disruptions between successive snapshots (Disrupted), each dated, and
// whether the panel recorded its recommendation.
func TestDisruptionsFromSnapshots(t *testing.T) {
	// D1: placed for adoption (A4) 1 Jul 2025; by 31 Mar in U6 from 3 Feb
	// 2026: dated 3 Feb (the new placement's start, between 31 Dec and 31 Mar).
	d1 := inCareChild("D1", PlanAdoption)
	d1.PlacedForAdoption, d1.PlacementType, d1.PlacementStart = d("2025-07-01"), "A4", d("2025-07-01")
	moved := func(c *Child) { c.PlacementType, c.PlacementStart = "U6", d("2026-02-03") }
	// X2: placed (A6) 1 Aug 2025, left care 10 Jan 2026 with E8: dated 10 Jan.
	x2 := inCareChild("X2", PlanAdoption)
	x2.PlacedForAdoption, x2.PlacementType, x2.PlacementStart = d("2025-08-01"), "A6", d("2025-08-01")
	gone := func(c *Child) { c.CeasedCare, c.ReasonCeased = d("2026-01-10"), "E8" }
	// L1: LTF match ratified 1 May 2025 in U4; in K2 from 10 Mar 2026.
	l1 := inCareChild("L1", PlanLongTermFostering)
	l1.LTFADM, l1.PlacementType, l1.PlacementStart = d("2025-05-01"), "U4", d("2024-06-01")
	k2 := func(c *Child) { c.PlacementType, c.PlacementStart = "K2", d("2026-03-10") }
	// E1: early permanence (U5) from 1 Aug, placed for adoption with the
	// same carers (A5) 15 Nov: no disruption.
	e1 := inCareChild("E1", PlanAdoption)
	e1.EarlyPermanence, e1.PlacementType, e1.PlacementStart = d("2025-08-01"), "U5", d("2025-08-01")
	a5 := func(c *Child) {
		c.PlacedForAdoption, c.PlacementType, c.PlacementStart = d("2025-11-15"), "A5", d("2025-11-15")
	}
	// A1: adopted 20 Feb 2026 (left care E12): no disruption.
	a1 := inCareChild("A1", PlanAdoption)
	a1.PlacedForAdoption, a1.PlacementType = d("2025-03-01"), "A4"
	adopted := func(c *Child) {
		c.AdoptionOrder, c.CeasedCare, c.ReasonCeased = d("2026-02-20"), d("2026-02-20"), "E12"
	}

	held := func(id int64, date string) Meeting {
		return Meeting{ID: id, Date: d(date), Kind: PanelAdoption, Status: MeetingHeld}
	}
	rec := func(m Meeting, child, decision string) MeetingRecord {
		return MeetingRecord{Meeting: m, Record: PanelRecord{MeetingID: m.ID, ChildID: child, Decision: decision}}
	}
	planned := held(4, "2026-03-20")
	planned.Status = MeetingPlanned
	src := ChangesSources{
		Records: []MeetingRecord{
			rec(held(1, "2026-01-05"), "D1", "Risk of disruption: support plan reviewed"), // before D1's disruption
			rec(held(2, "2026-02-01"), "X2", "Plan: long-term fostering with the current carers"),
			rec(held(3, "2026-02-20"), "D1", "Disruption meeting held: recommends a new match"),
			rec(planned, "L1", "Disruption"), // a planned meeting's record counts for nothing
		},
		DisruptionLines: map[int64][]string{2: {"X2"}}, // X2 was on meeting 2's agenda for the disruption
	}
	ch := build(t, src, false,
		states(d1, nil, nil, nil, moved),
		states(x2, nil, nil, nil, gone),
		states(l1, nil, nil, nil, k2),
		states(e1, nil, nil, a5, a5),
		states(a1, nil, nil, nil, adopted),
	)
	var got []string
	for _, x := range ch.Disruptions {
		r := "none"
		if x.Recommendation != nil {
			r = x.Recommendation.Meeting.Date.String()
		}
		got = append(got, strings.Join([]string{x.ChildID, string(x.Kind), x.Date.String(), x.Since.String(), x.Seen.String(),
			x.Source(), x.Placement, r}, " "))
	}
	want := []string{
		"X2 adoption 2026-01-10 2025-12-31 2026-03-31 extracts A6 2026-02-01",
		"D1 adoption 2026-02-03 2025-12-31 2026-03-31 extracts A4 2026-02-20",
		"L1 long_term_fostering 2026-03-10 2025-12-31 2026-03-31 extracts U4 none",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("disruptions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ch.Disruptions) == 3 && !strings.Contains(ch.Disruptions[1].What, "now in placement U6 from 03/02/2026") {
		t.Errorf("D1: %s", ch.Disruptions[1].What)
	}
}

func ep(start, end, rne, place, rec, why string) SSDA903Episode {
	e := SSDA903Episode{Start: d(start), RNE: rne, LS: "E1", Place: place, REC: rec, ReasonPlaceChange: why, Period: 1}
	if end != "" {
		e.End = d(end)
	}
	return e
}

// An SSDA903 return's adoptive placements that ended, dated by the
// episodes or the reversed decision to place, in the window only.
func TestSSDA903Disruptions(t *testing.T) {
	cases := []struct {
		name string
		h    SSDA903History
		want string // Date Placement ReasonPlaceChange ReasonPlacedCeased, "" for none
	}{
		{"placement changed, carers changed", SSDA903History{Episodes: []SSDA903Episode{
			ep("2024-10-01", "2025-06-01", "S", "U6", "X1", ""),
			ep("2025-06-01", "2026-01-20", "P", "A6", "X1", ""),
			ep("2026-01-20", "", "P", "U6", "", "CREQB"),
		}, Decisions: []AdoptionDecision{{Placed: d("2025-01-15"), Ceased: d("2026-02-15"), Reason: "RD1"}}},
			"2026-01-20 A6 CREQB RD1"},
		{"left care without an order", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-02-01", "2025-08-01", "S", "U6", "X1", ""),
			ep("2025-08-01", "2025-12-05", "P", "A4", "E13", ""),
		}}, "2025-12-05 A4  "},
		{"adopted: no disruption", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-08-01", "2026-02-01", "P", "A4", "E12", ""),
		}}, ""},
		{"early permanence, then placed with the same carers, then adopted", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-04-01", "2025-09-01", "P", "U5", "X1", ""),
			ep("2025-09-01", "2026-01-01", "T", "A5", "X1", ""),
			ep("2026-01-01", "2026-03-01", "L", "A5", "E12", ""),
		}}, ""},
		{"placed, then with new adopters (RNE P): the first placement ended", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-04-01", "2025-10-10", "P", "A4", "X1", ""),
			ep("2025-10-10", "", "P", "A4", "", "CARPL"),
		}}, "2025-10-10 A4 CARPL "},
		{"still placed, decision to place reversed in the window", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-04-01", "", "P", "A6", "", ""),
		}, Decisions: []AdoptionDecision{{Placed: d("2025-02-01"), Ceased: d("2026-03-01"), Reason: "RD2"}}},
			"2026-03-01 A6  RD2"},
		{"the decision reversed before the placement ended dates it", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-04-01", "2026-02-01", "P", "A6", "X1", ""),
			ep("2026-02-01", "", "P", "U6", "", "CLOSE"),
		}, Decisions: []AdoptionDecision{{Placed: d("2025-02-01"), Ceased: d("2025-12-20"), Reason: "RD4"}}},
			"2025-12-20 A6  RD4"},
		{"ended before the window", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-01-01", "2025-06-15", "P", "A4", "X1", ""),
			ep("2025-06-15", "", "P", "U6", "", "CARPL"),
		}}, ""},
		{"open episode continuing (X1, no next): not ended", SSDA903History{Episodes: []SSDA903Episode{
			ep("2025-07-01", "2026-02-01", "P", "A4", "X1", ""),
		}}, ""},
	}
	for _, tc := range cases {
		tc.h.ChildID = "S"
		got := SSDA903Disruptions(&tc.h, winFrom, winTo)
		var g string
		if len(got) > 1 {
			t.Errorf("%s: %d disruptions", tc.name, len(got))
		}
		if len(got) == 1 {
			x := got[0]
			g = strings.Join([]string{x.Date.String(), x.Placement, x.ReasonPlaceChange, x.ReasonPlacedCeased}, " ")
			if !x.FromSSDA903 || x.FromSnapshots || x.Kind != DisruptionAdoption {
				t.Errorf("%s: %+v", tc.name, x)
			}
		}
		if g != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, g, tc.want)
		}
	}
}

// A disruption both the snapshots and the return show is one, dated by
// the return; one only the return shows is added.
func TestDisruptionsMergeSSDA903(t *testing.T) {
	c := inCareChild("M1", PlanAdoption)
	c.PlacedForAdoption, c.PlacementType, c.PlacementStart = d("2025-07-01"), "A4", d("2025-07-01")
	after := func(c *Child) { c.PlacementType, c.PlacementStart = "U6", NoDate }
	h := SSDA903History{ChildID: "M1", Episodes: []SSDA903Episode{
		ep("2025-07-01", "2025-11-03", "P", "A4", "X1", ""),
		ep("2025-11-03", "", "P", "U6", "", "CREQB"),
	}}
	o := inCareChild("O1", PlanAdoption) // only the return shows O1's
	oh := SSDA903History{ChildID: "O1", Episodes: []SSDA903Episode{
		ep("2025-05-01", "2025-08-08", "P", "A6", "E8", ""),
	}}
	ch := build(t, ChangesSources{SSDA903: []SSDA903History{h, oh}}, false,
		states(c, nil, nil, after, after), states(o))
	if len(ch.Disruptions) != 2 {
		t.Fatalf("disruptions: %+v", ch.Disruptions)
	}
	o1, m1 := ch.Disruptions[0], ch.Disruptions[1]
	if o1.ChildID != "O1" || o1.Date != d("2025-08-08") || o1.Source() != "SSDA903" || !o1.Since.IsZero() {
		t.Errorf("O1: %+v", o1)
	}
	if m1.ChildID != "M1" || m1.Date != d("2025-11-03") || m1.Source() != "extracts and SSDA903" ||
		m1.Since != d("2025-09-30") || m1.Seen != d("2025-12-31") || m1.ReasonPlaceChange != "CREQB" {
		t.Errorf("M1: %+v", m1)
	}
}

// The case system's plan against the panel's latest endorsed plan, for
// children whose plan changed (either side) in the window.
func TestCaseSystemDiffers(t *testing.T) {
	m := func(id int64, date string) Meeting {
		return Meeting{ID: id, Date: d(date), Kind: PanelTracking, Status: MeetingClosed}
	}
	rec := func(mt Meeting, child, plan string) MeetingRecord {
		return MeetingRecord{Meeting: mt, Record: PanelRecord{MeetingID: mt.ID, ChildID: child, Plan: plan}}
	}
	src := ChangesSources{Records: []MeetingRecord{
		rec(m(1, "2025-05-01"), "A", "long_term_fostering"), // before the window
		rec(m(2, "2026-02-10"), "B", "long_term_fostering"), // endorsed in the window
		rec(m(2, "2026-02-10"), "C", "special_guardianship"),
		rec(m(1, "2025-05-01"), "D", "adoption"),
		rec(m(3, "2026-02-24"), "D", ""), // no plan recorded: the 1 May one stands
		rec(m(2, "2026-02-10"), "E", "long_term_fostering"),
		rec(m(5, "2026-04-10"), "E", "reunification"), // after To
	}}
	// A: SGO → LTF in the extracts (seen 31 Dec); the panel endorsed LTF in
	// May: they agree now. Not listed.
	a := inCareChild("A", PlanSpecialGuardianship)
	// B: no change in the extracts (SGO), the panel endorsed LTF in Feb: listed.
	b := inCareChild("B", PlanSpecialGuardianship)
	// C: the panel endorsed what the extract says: not listed.
	c := inCareChild("C", PlanSpecialGuardianship)
	// D: adoption → LTF in the extracts (seen 31 Mar); the panel's plan is
	// still adoption (May): listed.
	dd := inCareChild("D", PlanAdoption)
	// E: panel LTF in Feb, extract SGO, but E left care in March: not listed.
	e := inCareChild("E", PlanSpecialGuardianship)
	gone := func(c *Child) { c.CeasedCare = d("2026-03-15") }
	ch := build(t, src, false,
		states(a, nil, nil, plan(PlanLongTermFostering), plan(PlanLongTermFostering)),
		states(b), states(c),
		states(dd, nil, nil, nil, plan(PlanLongTermFostering)),
		states(e, nil, nil, nil, gone))
	var got []string
	for _, x := range ch.CaseSystemDiffers {
		got = append(got, x.ChildID+" "+x.CaseSystem.Key()+"/"+x.Panel.Key()+" "+x.Meeting.Date.String())
	}
	if g := strings.Join(got, "; "); g != "B special_guardianship/long_term_fostering 2026-02-10; D long_term_fostering/adoption 2025-05-01" {
		t.Errorf("case system differs: %s", g)
	}
	if len(ch.CaseSystemDiffers) == 2 && (!ch.CaseSystemDiffers[0].EndorsedInWindow || ch.CaseSystemDiffers[0].ChangedInCaseSystem ||
		ch.CaseSystemDiffers[1].EndorsedInWindow || !ch.CaseSystemDiffers[1].ChangedInCaseSystem) {
		t.Errorf("why: %+v", ch.CaseSystemDiffers)
	}
}

// Drift flags begun and stopped between the dates, with the panel's
// review dates as at each; the other lines of the view.
func TestChangesView(t *testing.T) {
	// F1: proceedings issued 1 Sep 2025, final hearing 15 Feb 2026: no
	// flag at either date; proceedings concluded.
	f1 := inCareChild("F1", PlanAdoption)
	f1.ProceedingsIssued, f1.FinalHearing = d("2025-09-01"), d("2026-02-15")
	// G1: proceedings issued 1 Jun 2025: 29 days at 30 Jun, 303 (over 182)
	// at 31 Mar 2026 with no final hearing: began drifting; its SGO order 1 Mar
	// 2026 is permanence achieved.
	g1 := inCareChild("G1", PlanSpecialGuardianship)
	g1.ProceedingsIssued, g1.SGOOrder = d("2025-06-01"), d("2026-03-01")
	// R2: panel review due 1 Jun 2025 (overdue at 30 Jun); reviewed at a
	// meeting of 10 Jul that set 10 Jan 2027: stopped drifting.
	r2 := inCareChild("R2", PlanLongTermFostering)
	r2.NextPanelReview = d("2025-06-01")
	// X1: left care 31 Jan 2026, returned home (E4A).
	x1 := inCareChild("X1", PlanReunification)
	gone := func(c *Child) { c.CeasedCare, c.ReasonCeased = d("2026-01-31"), "E4A" }
	mt := Meeting{ID: 1, Date: d("2025-07-10"), Kind: PanelTracking, Status: MeetingClosed}
	src := ChangesSources{Records: []MeetingRecord{{Meeting: mt, Record: PanelRecord{MeetingID: 1, ChildID: "R2", NextReview: d("2027-01-10")}}}}
	ch := build(t, src, true, states(f1), states(g1), states(r2), states(x1, nil, nil, nil, gone))
	var began, stopped []string
	for _, x := range ch.BecameDrifting {
		began = append(began, x.ChildID+" "+x.Text(DefaultThresholds()))
	}
	for _, x := range ch.StoppedDrifting {
		stopped = append(stopped, x.ChildID+" "+x.Text(DefaultThresholds()))
	}
	if g := strings.Join(began, "; "); g != "G1 In proceedings over 26 weeks (since 01/06/2025)" {
		t.Errorf("began drifting: %s", g)
	}
	if g := strings.Join(stopped, "; "); g != "R2 Panel review overdue (since 01/06/2025)" {
		t.Errorf("stopped drifting: %s", g)
	}
	if len(ch.LeftCare) != 1 || ch.LeftCare[0].How() != "Returned home as part of the care plan (E4A)" {
		t.Errorf("left care: %+v", ch.LeftCare)
	}
	if len(ch.ProceedingsConcluded) != 1 || ch.ProceedingsConcluded[0].ChildID != "F1" {
		t.Errorf("proceedings concluded: %+v", ch.ProceedingsConcluded)
	}
	if len(ch.AchievedPermanence) != 1 || ch.AchievedPermanence[0] != (Permanence{"G1", KeySGOOrders, "Special guardianship order", d("2026-03-01")}) {
		t.Errorf("permanence: %+v", ch.AchievedPermanence)
	}
	counts := map[string]int{}
	for _, c := range ch.Categories() {
		counts[c.Key] = c.Count
	}
	want := map[string]int{CategoryCameIntoCare: 0, CategoryLeftCare: 1, CategoryPlanChanged: 0, CategoryBecameDrifting: 1,
		CategoryStoppedDrifting: 1, CategoryProceedingsConcluded: 1, CategoryAchievedPermanence: 1, CategoryDisruptions: 0,
		CategoryPlanChanges: 0, CategoryCaseSystemDiffers: 0}
	if len(counts) != len(want) {
		t.Errorf("categories: %v", counts)
	}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s = %d, want %d", k, counts[k], n)
		}
	}
	// Every child a list names has their state at To, with the panel's
	// review date; the others are not kept.
	var ids []string
	for _, c := range ch.Children {
		ids = append(ids, c.ID)
	}
	if g := strings.Join(ids, " "); g != "F1 G1 R2 X1" || ch.Child("R2").NextPanelReview != d("2027-01-10") || ch.Child("Z") != nil {
		t.Errorf("children kept: %s", g)
	}
	// A filter keeps the lines of the children it keeps.
	g1team := ch.Filtered(Filter{Plan: "Special guardianship"})
	if len(g1team.BecameDrifting) != 1 || len(g1team.StoppedDrifting) != 0 || len(g1team.LeftCare) != 0 || len(g1team.Children) != 1 {
		t.Errorf("filtered: %+v", g1team)
	}
}

// The default dates: the last two held meetings of a kind, else the last
// two extracts, else the period before the date.
func TestChangeDates(t *testing.T) {
	ms := []Meeting{
		{ID: 1, Date: d("2026-01-14"), Kind: PanelTracking, Status: MeetingClosed},
		{ID: 2, Date: d("2026-02-11"), Kind: PanelAdoption, Status: MeetingHeld},
		{ID: 3, Date: d("2026-02-25"), Kind: PanelTracking, Status: MeetingHeld},
		{ID: 4, Date: d("2026-03-25"), Kind: PanelTracking, Status: MeetingPlanned},
		{ID: 5, Date: d("2026-04-22"), Kind: PanelTracking, Status: MeetingHeld}, // after the date
	}
	xs := []Extract{{Date: d("2025-12-31")}, {Date: d("2026-01-31")}, {Date: d("2026-02-28")}, {Date: d("2026-02-28")}}
	for _, tc := range []struct {
		kind     PanelKind
		xs       []Extract
		from, to string
	}{
		{PanelTracking, xs, "2026-01-14", "2026-02-25"},
		{PanelAdoption, xs, "2026-01-31", "2026-02-28"}, // one adoption meeting: the extracts
		{"", xs, "2026-01-31", "2026-02-28"},
		{PanelAll, xs[:1], "2025-03-31", "2026-03-31"},
	} {
		f, to := ChangeDates(ms, tc.kind, tc.xs, d("2026-03-31"), 12)
		if f.String() != tc.from || to.String() != tc.to {
			t.Errorf("%q: %s to %s, want %s to %s", tc.kind, f, to, tc.from, tc.to)
		}
	}
	got := SnapshotDates(d("2025-12-31"), d("2026-03-31"), xs, d("2026-03-31"), d("2026-01-15"))
	var s []string
	for _, x := range got {
		s = append(s, x.String())
	}
	if g := strings.Join(s, " "); g != "2025-12-31 2026-01-15 2026-01-31 2026-02-28 2026-03-31" {
		t.Errorf("snapshot dates: %s", g)
	}
}

// The change measures of docs/measures-panel.md, from the changes over
// the period, in the data set before the trends; a filtered data set
// counts only its own children.
func TestChangeMeasures(t *testing.T) {
	rev := func(changed, revoked string) *Revocation {
		r := &Revocation{Changed: d(changed), Target: d(changed).AddMonths(3)}
		if revoked != "" {
			r.Revoked = d(revoked)
		}
		return r
	}
	ch := &Changes{From: d("2025-03-31"), To: asAt,
		Disruptions: []Disruption{
			{ChildID: "A", Kind: DisruptionAdoption, Date: d("2025-06-01"), Recommendation: &MeetingRecord{}},
			{ChildID: "A", Kind: DisruptionLTF, Date: d("2026-01-01")},
			{ChildID: "B", Kind: DisruptionAdoption, Date: d("2026-02-01")},
			{ChildID: "Z", Kind: DisruptionAdoption, Date: d("2026-02-01")}, // not among the children: filtered out
		},
		PlanChanges: []ChangeOfPlan{
			// revoked 40 days after (within), 100 days after (late), overdue (target 2026-03-01 < A), awaiting
			{ChildID: "A", From: PlanAdoption, To: PlanLongTermFostering, Revocation: rev("2025-05-01", "2025-06-10")},
			{ChildID: "B", From: PlanAdoption, To: PlanReunification, Revocation: rev("2025-07-01", "2025-10-09")},
			{ChildID: "C", From: PlanAdoption, To: PlanSpecialGuardianship, Revocation: rev("2025-12-01", "")},
			{ChildID: "C", From: PlanSpecialGuardianship, To: PlanLongTermFostering},
			{ChildID: "B", From: PlanAdoption, To: PlanOther, Revocation: rev("2026-03-01", "")},
			{ChildID: "A", From: PlanAdoption, To: PlanSpecialGuardianship}, // no placement order
		},
		CaseSystemDiffers: []PlanDiffers{{ChildID: "C"}},
	}
	ch.Children = []Child{{ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "Z"}}
	children := []Child{inCareChild("A", PlanAdoption), inCareChild("B", PlanAdoption), inCareChild("C", PlanAdoption)}
	m := Compute(children, asAt, NoDate, DefaultThresholds())
	if err := m.AddChanges(ch); err != nil {
		t.Fatal(err)
	}
	want := map[Key]float64{
		KeyDisruptions: 3, KeyDisruptionsAdoption: 2, KeyDisruptionsLTF: 1, KeyDisruptionsRecommendation: 1,
		KeyPlanChanges: 6, KeyPlanChangesFromAdoption: 5, KeyPlanChangesWithPO: 4,
		KeyRevocationsDue: 3, KeyRevocationsWithinTarget: 1, KeyRevocationsMedianDays: 70, // (40 + 100) / 2
		KeyCaseSystemDiffers: 1,
	}
	for k, w := range want {
		v, ok := m.Get(k)
		got := float64(v.Count)
		if !v.IsCount {
			got = v.Number
		}
		if !ok || got != w {
			t.Errorf("%s = %v (%v), want %v", k, got, ok, w)
		}
	}
	if got := m.Members[KeyDisruptions]; len(got) != 2 || got[0] != 0 || got[1] != 1 {
		t.Errorf("disruptions' children: %v", got)
	}
	if r := m.RateRAG(KeyRevocationsWithinTarget); r.Status != RAGRed {
		t.Errorf("1 of 3 revoked within target: %s", r.Status)
	}
	// The keys sit after celebrations.total and before the trends, in the
	// catalogue's order, and the JSON prints them.
	var order []Key
	for _, v := range m.Values {
		order = append(order, v.Key)
	}
	at := func(k Key) int {
		for i, o := range order {
			if o == k {
				return i
			}
		}
		return -1
	}
	for i, k := range ChangeKeys {
		if at(k) != at(KeyCelebrations)+1+i {
			t.Errorf("%s is at %d, celebrations.total at %d", k, at(k), at(KeyCelebrations))
		}
	}
	var js map[string]any
	if err := json.Unmarshal(m.JSON(), &js); err != nil || js["revocations.median_days"] != 70.0 || js["disruptions.count"] != 3.0 {
		t.Errorf("JSON: %v %v", err, js)
	}
	// The wrong period is refused.
	if err := m.AddChanges(&Changes{From: d("2025-12-31"), To: asAt}); err == nil {
		t.Error("changes over another window were taken")
	}
}
