package data

import "testing"

// The panel's half-year, 30 Sep 2025 < d ≤ 31 Mar 2026, on a small set
// of meetings and records worked out by hand.
func TestPanelHalfYear(t *testing.T) {
	mt := func(id int64, date string, k PanelKind, st MeetingStatus) Meeting {
		return Meeting{ID: id, Date: d(date), Kind: k, Status: st}
	}
	m1 := mt(1, "2025-09-15", PanelTracking, MeetingClosed) // before the half-year
	m2 := mt(2, "2025-10-14", PanelTracking, MeetingClosed)
	m3 := mt(3, "2025-11-12", PanelAdoption, MeetingClosed)
	m4 := mt(4, "2026-01-13", PanelTracking, MeetingHeld)
	m5 := mt(5, "2026-03-10", PanelTracking, MeetingPlanned) // not held
	m6 := mt(6, "2026-02-10", PanelAdoption, MeetingClosed)
	m7 := mt(7, "2026-02-24", PanelTracking, MeetingHeld) // no records
	rec := func(m Meeting, child string, r PanelRecord) MeetingRecord {
		r.MeetingID, r.ChildID = m.ID, child
		return MeetingRecord{Meeting: m, Record: r}
	}
	escA := &Escalation{To: "Head of service", Raised: d("2025-10-14"), Outcome: "Agreed", Resolved: d("2025-11-20")}
	recs := []MeetingRecord{
		rec(m1, "A", PanelRecord{Barriers: []Barrier{BarrierCourtDelay}, NextReview: d("2025-12-15")}),
		rec(m2, "A", PanelRecord{Barriers: []Barrier{BarrierCourtDelay, BarrierFamilyFinding}, Escalation: escA}),
		rec(m2, "B", PanelRecord{Barriers: []Barrier{BarrierCourtDelay}, NextReview: d("2026-01-31"), Actions: []Action{
			{What: "Viability assessment", Who: "SW", Due: d("2025-11-30"), Status: ActionDone, DoneOn: d("2025-11-25")},
			{What: "Legal planning meeting", Who: "TM", Due: d("2025-12-15"), Status: ActionDone, DoneOn: d("2025-12-20")},
		}}),
		rec(m3, "C", PanelRecord{Barriers: []Barrier{BarrierFamilyFinding, BarrierFamilyFinding}, NextReview: d("2026-02-12"),
			Escalation: &Escalation{To: "RAA", Raised: d("2025-11-12")},
			Actions:    []Action{{What: "Profile", Who: "RAA", Due: d("2026-01-31"), Status: ActionOpen}}}),
		rec(m4, "A", PanelRecord{}),
		rec(m4, "D", PanelRecord{NextReview: d("2026-03-20"), Actions: []Action{{What: "Later", Who: "SW", Due: d("2026-04-30"), Status: ActionOpen}}}),
		rec(m5, "B", PanelRecord{Barriers: []Barrier{BarrierOther}}),
		rec(m6, "E", PanelRecord{Barriers: []Barrier{BarrierResources}, NextReview: d("2026-08-10"),
			Escalation: &Escalation{To: "DCS", Raised: d("2025-06-01"), Outcome: "Funded", Resolved: d("2026-02-10")}}),
	}
	a := inCareChild("A", PlanSpecialGuardianship)
	a.SGOOrder = d("2026-03-01") // after A's first review (14 Oct): counts
	b := inCareChild("B", PlanLongTermFostering)
	c := inCareChild("C", PlanAdoption)
	c.AdoptionOrder, c.CeasedCare, c.ReasonCeased = d("2025-11-01"), d("2025-11-01"), "E12" // before C's review (12 Nov)
	dd := inCareChild("D", PlanReunification)
	e := inCareChild("E", PlanLongTermFostering)
	e.LTFADM = d("2026-02-10") // the day of E's review: counts
	f := inCareChild("F", PlanSpecialGuardianship)
	f.SGOOrder = d("2026-01-01") // not reviewed
	p := PanelHalfYear([]Meeting{m1, m2, m3, m4, m5, m6, m7}, recs, []Child{a, b, c, dd, e, f}, HalfYearStart(d("2026-03-31")), d("2026-03-31"))

	if p.From != d("2025-09-30") {
		t.Errorf("half-year from %s", p.From)
	}
	// Held: tracking 14 Oct, 13 Jan and 24 Feb; adoption 12 Nov and 10 Feb.
	if got := p.MeetingsHeld; len(got) != 3 || got[0] != (KindCount{PanelTracking, 3}) || got[1] != (KindCount{PanelAdoption, 2}) ||
		got[2] != (KindCount{PanelAll, 0}) || p.MeetingsHeldTotal() != 5 {
		t.Errorf("meetings held: %+v", got)
	}
	// Records at those: A, B (14 Oct), C, A, D, E: 6 reviews of 5 children.
	if p.Reviews != 6 || p.ChildrenReviewed != 5 {
		t.Errorf("reviews %d, children %d; want 6, 5", p.Reviews, p.ChildrenReviewed)
	}
	route := map[Key]int{}
	for _, r := range p.PermanenceSince {
		route[r.Route] = r.Count
	}
	if len(p.PermanenceSince) != 5 || route[KeySGOOrders] != 1 || route[KeyLTFMatchesRatified] != 1 || route[KeyAdoptionOrders] != 0 {
		t.Errorf("permanence since: %+v", p.PermanenceSince)
	}
	// Court delay: A and B on 14 Oct (A's of 15 Sep is before); family
	// finding: A on 14 Oct, C once on 12 Nov; resources: E.
	bar := map[Barrier]int{}
	for _, x := range p.Barriers {
		bar[x.Barrier] = x.Records
	}
	if len(p.Barriers) != len(Barriers) || bar[BarrierCourtDelay] != 2 || bar[BarrierFamilyFinding] != 2 || bar[BarrierResources] != 1 ||
		bar[BarrierOther] != 0 {
		t.Errorf("barriers: %+v", p.Barriers)
	}
	// Raised: A's (14 Oct), C's (12 Nov). Resolved: A's after 37 days, E's
	// (raised 1 Jun 2025) after 254: median 145.5.
	med, ok := p.MedianDaysToResolve()
	if p.EscalationsRaised != 2 || p.EscalationsResolved != 2 || !ok || med != 145.5 {
		t.Errorf("escalations raised %d resolved %d median %v", p.EscalationsRaised, p.EscalationsResolved, med)
	}
	// Due: B's two and C's; done by the due date: B's first only.
	if p.ActionsDue != 3 || p.ActionsDoneByDue != 1 {
		t.Errorf("actions due %d done by due %d", p.ActionsDue, p.ActionsDoneByDue)
	}
	// A's 15 Dec review: reviewed on 14 Oct, before the first tracking
	// meeting after it (13 Jan). B's 31 Jan: the tracking panel met on 24
	// Feb without B (10 Mar's is only planned): missed. C left care before
	// 12 Feb. D's 20 Mar: no tracking meeting held since: not yet missed.
	// E's is in August. So B alone.
	if p.ReviewsMissed != 1 {
		t.Errorf("reviews missed %d, want 1", p.ReviewsMissed)
	}
}
