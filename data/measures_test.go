package data

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// d parses an ISO date for fixtures.
func d(s string) Date { return MustDate(s) }

var asAt = d("2026-03-31") // the period is 2025-03-31 < date <= 2026-03-31

// inCare makes a child in care at asAt with the given plan.
func inCareChild(id string, p Plan) Child {
	return Child{ID: id, EnteredCare: d("2024-01-01"), LegalStatus: "C2", Plan: p}
}

type measureCase struct {
	name     string
	children []Child
	want     map[string]float64
	absent   []string
	members  map[string][]string // key -> child IDs behind it
}

func runMeasureCases(t *testing.T, cases []measureCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := Compute(tc.children, asAt, NoDate, DefaultThresholds())
			for key, want := range tc.want {
				v, ok := m.Get(Key(key))
				if !ok {
					t.Errorf("%s: missing, want %v", key, want)
					continue
				}
				got := v.Number
				if v.IsCount {
					got = float64(v.Count)
				}
				if got != want {
					t.Errorf("%s = %v, want %v", key, got, want)
				}
			}
			for _, key := range tc.absent {
				if v, ok := m.Get(Key(key)); ok {
					t.Errorf("%s = %v, want it left out", key, v.Text())
				}
			}
			for key, ids := range tc.members {
				var got []string
				for _, c := range m.ChildrenOf(Key(key)) {
					got = append(got, c.ID)
				}
				sort.Strings(got)
				sort.Strings(ids)
				if strings.Join(got, ",") != strings.Join(ids, ",") {
					t.Errorf("children behind %s = %v, want %v", key, got, ids)
				}
			}
		})
	}
}

func TestMeasuresInCareAndCohort(t *testing.T) {
	ceasedAtA := inCareChild("ceased-at-A", PlanAdoption)
	ceasedAtA.CeasedCare = asAt
	ceasedAfter := inCareChild("ceased-after-A", PlanSpecialGuardianship)
	ceasedAfter.CeasedCare = d("2026-04-01")
	enteredAtA := inCareChild("entered-at-A", PlanLongTermFostering)
	enteredAtA.EnteredCare = asAt
	enteredAfter := inCareChild("entered-after-A", PlanAdoption)
	enteredAfter.EnteredCare = d("2026-04-01")
	v3 := inCareChild("short-break-V3", PlanOther)
	v3.LegalStatus = "V3"
	v4 := inCareChild("short-break-V4", PlanOther)
	v4.LegalStatus = "V4"
	noDate := inCareChild("no-entry-date", PlanOther)
	noDate.EnteredCare = NoDate
	runMeasureCases(t, []measureCase{{
		name: "boundaries",
		children: []Child{inCareChild("plain", PlanNotRecorded), ceasedAtA, ceasedAfter, enteredAtA, enteredAfter, v3, v4, noDate,
			inCareChild("reunify", PlanReunification), inCareChild("cao", PlanChildArrangementsOrder), inCareChild("step", PlanResidentialStepDown)},
		want: map[string]float64{"in_care": 6, "cohort.adoption": 0, "cohort.special_guardianship": 1,
			"cohort.long_term_fostering": 1, "cohort.reunification": 1, "cohort.child_arrangements_order": 1,
			"cohort.residential_step_down": 1, "cohort.other": 0, "cohort.not_recorded": 1},
		members: map[string][]string{"in_care": {"plain", "ceased-after-A", "entered-at-A", "reunify", "cao", "step"}},
	}})
}

func TestMeasuresPlansAndLTF(t *testing.T) {
	confirmedSameDay := inCareChild("same-day", PlanAdoption)
	confirmedSameDay.SecondReview, confirmedSameDay.PlanConfirmed = d("2026-01-10"), d("2026-01-10")
	confirmedLate := inCareChild("late", PlanAdoption)
	confirmedLate.SecondReview, confirmedLate.PlanConfirmed = d("2026-01-10"), d("2026-01-11")
	reviewAfterA := inCareChild("review-after-A", PlanAdoption)
	reviewAfterA.SecondReview, reviewAfterA.PlanConfirmed = d("2026-04-02"), d("2026-01-01")
	neverConfirmed := inCareChild("never", PlanAdoption)
	neverConfirmed.SecondReview = asAt

	ltfApproved := inCareChild("ltf-approved", PlanLongTermFostering)
	ltfApproved.PlacementType, ltfApproved.LTFPanel, ltfApproved.LTFADM = "U1", d("2025-06-01"), asAt
	ltfADMLater := inCareChild("ltf-adm-after-A", PlanLongTermFostering)
	ltfADMLater.PlacementType, ltfADMLater.LTFPanel, ltfADMLater.LTFADM = "U4", d("2025-06-01"), d("2026-04-01")
	ltfWrongPlacement := inCareChild("ltf-in-U3", PlanLongTermFostering)
	ltfWrongPlacement.PlacementType = "U3"
	ltfNoPlacement := inCareChild("ltf-no-placement", PlanLongTermFostering)

	// A less 6 calendar months is 2025-09-30 (31 September does not exist).
	coExactly := inCareChild("co-exactly-6m", PlanAdoption)
	coExactly.CareOrder = d("2025-09-30")
	coShort := inCareChild("co-under-6m", PlanAdoption)
	coShort.CareOrder = d("2025-10-01")
	coLTF := inCareChild("co-ltf", PlanLongTermFostering)
	coLTF.CareOrder = d("2024-01-01")
	coLTF.PlacementType = "U4"
	runMeasureCases(t, []measureCase{
		{name: "plan confirmed by second review", children: []Child{confirmedSameDay, confirmedLate, reviewAfterA, neverConfirmed},
			want:    map[string]float64{"plan_confirmed_by_second_review.denominator": 3, "plan_confirmed_by_second_review.numerator": 1},
			members: map[string][]string{"plan_confirmed_by_second_review.numerator": {"same-day"}}},
		{name: "long-term fostering", children: []Child{ltfApproved, ltfADMLater, ltfWrongPlacement, ltfNoPlacement},
			want: map[string]float64{"ltf_match_approved.denominator": 2, "ltf_match_approved.numerator": 1,
				"ltf_plan_not_in_ltf_placement": 2, "ltf.matches_ratified": 1},
			members: map[string][]string{"ltf_plan_not_in_ltf_placement": {"ltf-in-U3", "ltf-no-placement"}}},
		{name: "care order over 6 months", children: []Child{coExactly, coShort, coLTF},
			want:    map[string]float64{"care_order_6m_plan_not_ltf": 1},
			members: map[string][]string{"care_order_6m_plan_not_ltf": {"co-exactly-6m"}}},
	})
}

func TestMeasuresCourt(t *testing.T) {
	// Pre-proceedings: 89 and 150 days so far; one ended at A; one issued after A still counts.
	pre1 := Child{ID: "pre-89", PreProceedingsStart: d("2026-01-01")}
	pre2 := Child{ID: "pre-150", PreProceedingsStart: d("2025-11-01"), ProceedingsIssued: d("2026-04-10")}
	preEnded := Child{ID: "pre-ended", PreProceedingsStart: d("2025-12-01"), PreProceedingsEnd: asAt}
	preIssued := Child{ID: "pre-issued", PreProceedingsStart: d("2025-12-01"), ProceedingsIssued: d("2026-02-01"), FinalHearing: d("2026-03-01")}
	// Proceedings: exactly 182 days is not over 26 weeks, 183 is.
	p182 := Child{ID: "proc-182", ProceedingsIssued: d("2025-09-30")}
	p183 := Child{ID: "proc-183", ProceedingsIssued: d("2025-09-29")}
	pListed := Child{ID: "proc-listed", ProceedingsIssued: d("2026-01-01"), FinalHearing: d("2026-05-01")}
	// Final hearings in the period.
	fh182 := Child{ID: "fh-182", ProceedingsIssued: d("2025-09-30"), FinalHearing: asAt}
	fhAtP := Child{ID: "fh-at-P", ProceedingsIssued: d("2024-10-01"), FinalHearing: d("2025-03-31")}
	fh212 := Child{ID: "fh-212", ProceedingsIssued: d("2024-09-01"), FinalHearing: d("2025-04-01")}
	fhNoIssue := Child{ID: "fh-no-issue", FinalHearing: d("2025-06-01")}
	fhIssueAfter := Child{ID: "fh-issue-after", ProceedingsIssued: d("2025-08-01"), FinalHearing: d("2025-07-01")}
	runMeasureCases(t, []measureCase{
		{name: "pre-proceedings", children: []Child{pre1, pre2, preEnded, preIssued},
			// median of 89 and 150 = 119.5
			want:    map[string]float64{"pre_proceedings.count": 2, "pre_proceedings.median_days": 119.5},
			members: map[string][]string{"pre_proceedings.count": {"pre-89", "pre-150"}}},
		{name: "proceedings", children: []Child{p182, p183, pListed, fh182},
			// days so far: 182, 183, 89 -> median 182
			want:    map[string]float64{"proceedings.count": 3, "proceedings.over_26_weeks": 1, "proceedings.median_days": 182},
			members: map[string][]string{"proceedings.over_26_weeks": {"proc-183"}}},
		{name: "final hearings", children: []Child{fh182, fhAtP, fh212, fhNoIssue, fhIssueAfter},
			// weeks 182/7 = 26 and 212/7 = 30.29: median (182+212)/14 = 28.14 -> 28.1
			want:    map[string]float64{"final_hearings.count": 2, "final_hearings.within_26_weeks": 1, "final_hearings.median_weeks": 28.1},
			members: map[string][]string{"final_hearings.count": {"fh-182", "fh-212"}}},
		{name: "nothing in court", children: []Child{inCareChild("x", PlanAdoption)},
			want:   map[string]float64{"pre_proceedings.count": 0, "proceedings.count": 0, "final_hearings.count": 0},
			absent: []string{"pre_proceedings.median_days", "proceedings.median_days", "final_hearings.median_weeks"}},
	})
}

func TestMeasuresAdoption(t *testing.T) {
	// A1 397 days, A2 106 days, A10 = A1 (not a foster-carer adoption).
	a := Child{ID: "a", EnteredCare: d("2024-01-01"), PlacedForAdoption: d("2025-02-01"), PlacementOrder: d("2024-10-01"),
		Match: d("2025-01-15"), AdoptionOrder: d("2025-06-01"), CeasedCare: d("2025-06-01")}
	// A1 488 days, A2 213 days; adopted by foster carers who took the child in 2023-09-01: A10 92 days.
	b := Child{ID: "b", EnteredCare: d("2023-06-01"), PlacedForAdoption: d("2024-10-01"), PlacementOrder: d("2024-02-01"),
		Match: d("2024-09-01"), AdoptionOrder: d("2025-05-01"), FosterCarerAdoption: true, A10Start: d("2023-09-01")}
	atP := Child{ID: "order-at-P", EnteredCare: d("2023-01-01"), PlacedForAdoption: d("2024-01-01"), AdoptionOrder: d("2025-03-31")}
	// Matched before the placement order: A2 counts 0 days. No entry date: not in A1 or A10.
	matchFirst := Child{ID: "match-first", PlacementOrder: d("2025-06-01"), Match: d("2025-05-01"), AdoptionOrder: d("2025-12-01")}
	active := inCareChild("active", PlanAdoption)
	active.ADMAdoption = d("2025-10-01")
	admAfter := inCareChild("adm-after-A", PlanAdoption)
	admAfter.ADMAdoption = d("2026-04-01")
	orderAtA := inCareChild("order-at-A", PlanAdoption)
	orderAtA.ADMAdoption, orderAtA.AdoptionOrder = d("2025-01-01"), asAt
	notAdoptionPlan := inCareChild("plan-changed", PlanLongTermFostering)
	notAdoptionPlan.ADMAdoption = d("2025-01-01")

	awaiting := inCareChild("awaiting", PlanLongTermFostering)
	awaiting.PlacementOrder, awaiting.AdoptionPlanEnded, awaiting.PlacementOrderRevoked = d("2025-01-01"), d("2025-12-01"), d("2026-04-15")
	revoked := inCareChild("revoked", PlanLongTermFostering)
	revoked.PlacementOrder, revoked.AdoptionPlanEnded, revoked.PlacementOrderRevoked = d("2025-01-01"), d("2025-06-01"), d("2026-02-01")

	ep1 := inCareChild("ep-current", PlanAdoption)
	ep1.EnteredCare, ep1.EarlyPermanence = d("2025-10-01"), d("2025-10-11")                                                        // 10 days
	ep2 := Child{ID: "ep-adopted", EnteredCare: d("2024-12-01"), EarlyPermanence: d("2025-04-01"), AdoptionOrder: d("2026-03-01")} // 121 days
	ep3 := inCareChild("ep-no-entry", PlanAdoption)
	ep3.EnteredCare, ep3.EarlyPermanence = NoDate, d("2025-05-01")
	ep4 := inCareChild("ep-before-period", PlanAdoption)
	ep4.EarlyPermanence = d("2025-03-31")
	runMeasureCases(t, []measureCase{
		{name: "scorecard", children: []Child{a, b, atP, matchFirst},
			want: map[string]float64{"adoption.orders": 3, "adoption.a1_count": 2, "adoption.a1_mean_days": 442.5,
				"adoption.a1_within_426": 1, "adoption.a2_count": 3, "adoption.a2_mean_days": 106.3, "adoption.a2_within_121": 2,
				"adoption.a10_count": 2, "adoption.a10_mean_days": 244.5, "adoption.a10_within_426": 2},
			members: map[string][]string{"adoption.orders": {"a", "b", "match-first"}, "adoption.a1_within_426": {"a"}}},
		{name: "active plans", children: []Child{active, admAfter, orderAtA, notAdoptionPlan},
			want: map[string]float64{"adoption.active": 1, "adoption.orders": 1}, absent: []string{"adoption.a1_mean_days"},
			members: map[string][]string{"adoption.active": {"active"}}},
		{name: "placement order, adoption no longer the plan", children: []Child{awaiting, revoked},
			want:    map[string]float64{"po_not_adoption.awaiting_revocation": 1, "po_not_adoption.revoked": 1},
			members: map[string][]string{"po_not_adoption.awaiting_revocation": {"awaiting"}}},
		{name: "early permanence", children: []Child{ep1, ep2, ep3, ep4},
			// median of 10 and 121 days = 65.5
			// ep-no-entry has no entry date, so is not in care.
			want: map[string]float64{"early_permanence.current": 2, "early_permanence.placements": 3,
				"early_permanence.median_days_to_placement": 65.5},
			members: map[string][]string{"early_permanence.current": {"ep-current", "ep-before-period"}}},
	})
}

func TestMeasuresOtherRoutes(t *testing.T) {
	sgoPlan := inCareChild("sgo-plan", PlanSpecialGuardianship)
	sgoPlan.SGOApplication = d("2026-01-01")
	sgoOrdered := Child{ID: "sgo-ordered", SGOApplication: d("2025-05-01"), SGOOrder: d("2025-09-01")}    // 123 days
	sgoOrdered2 := Child{ID: "sgo-ordered-2", SGOApplication: d("2025-06-01"), SGOOrder: d("2025-07-01")} // 30 days
	sgoNoApp := Child{ID: "sgo-no-app", SGOOrder: d("2025-08-01")}
	sgoOrderAfterA := Child{ID: "sgo-after-A", SGOApplication: d("2026-02-01"), SGOOrder: d("2026-04-02")}
	cao := Child{ID: "cao", CAOOrder: d("2025-04-01")}
	caoOld := Child{ID: "cao-old", CAOOrder: d("2025-03-31")}

	pwpLong := inCareChild("pwp-long", PlanReunification)
	pwpLong.PlacedWithParents = d("2025-09-30") // exactly 6 months before A
	pwpApplied := inCareChild("pwp-applied", PlanReunification)
	pwpApplied.PlacedWithParents, pwpApplied.DischargeApplication = d("2025-01-01"), d("2026-03-01")
	pwpShort := inCareChild("pwp-short", PlanReunification)
	pwpShort.PlacedWithParents = d("2025-10-01")
	pwpOtherPlan := inCareChild("pwp-other-plan", PlanSpecialGuardianship)
	pwpOtherPlan.PlacedWithParents = d("2025-01-01")
	discharged := Child{ID: "discharged", CareOrderDischarged: d("2026-03-31")}
	ratified := Child{ID: "ltf-ratified", LTFADM: d("2025-04-01")}
	runMeasureCases(t, []measureCase{
		{name: "special guardianship and CAO", children: []Child{sgoPlan, sgoOrdered, sgoOrdered2, sgoNoApp, sgoOrderAfterA, cao, caoOld},
			// median of 123 and 30 days = 76.5
			want: map[string]float64{"sgo.plan": 1, "sgo.applications_pending": 2, "sgo.orders": 3,
				"sgo.median_days_application_to_order": 76.5, "cao.orders": 1},
			members: map[string][]string{"sgo.applications_pending": {"sgo-plan", "sgo-after-A"}}},
		{name: "reunification and celebrations", children: []Child{pwpLong, pwpApplied, pwpShort, pwpOtherPlan, discharged, ratified, sgoOrdered, cao},
			want: map[string]float64{"reunification.placed_with_parents": 3, "reunification.over_6_months_no_application": 1,
				"reunification.discharged": 1, "ltf.matches_ratified": 1, "sgo.orders": 1, "cao.orders": 1, "adoption.orders": 0,
				"celebrations.total": 4},

			members: map[string][]string{"reunification.over_6_months_no_application": {"pwp-long"}, "celebrations.total": {"discharged", "ltf-ratified", "sgo-ordered", "cao"}}},
	})
}

func TestMeasuresTrends(t *testing.T) {
	children := []Child{
		{ID: "q1a", ProceedingsIssued: d("2025-07-01"), FinalHearing: d("2026-01-15")}, // 198 days
		{ID: "q1b", ProceedingsIssued: d("2025-10-01"), FinalHearing: d("2026-02-01")}, // 123 days
		{ID: "after-A", ProceedingsIssued: d("2025-10-01"), FinalHearing: d("2026-04-01")},
		{ID: "q3-2024", ProceedingsIssued: d("2024-01-01"), FinalHearing: d("2024-07-01"), PlacementOrder: d("2024-07-01")}, // 182 days
		{ID: "too-old", ProceedingsIssued: d("2023-01-01"), FinalHearing: d("2024-03-31")},
	}
	m := Compute(children, asAt, NoDate, DefaultThresholds())
	if len(m.Quarters) != 8 || m.Quarters[0].Label != "2024-Q2" || m.Quarters[7].Label != "2026-Q1" {
		t.Fatalf("quarters = %+v, want 2024-Q2 … 2026-Q1", m.Quarters)
	}
	want := map[string]float64{
		"trend.final_hearing.2026-Q1.count": 2, "trend.final_hearing.2026-Q1.median_weeks": 22.9, // (198+123)/14 = 22.93
		"trend.final_hearing.2026-Q1.within_26_weeks": 1,
		"trend.final_hearing.2024-Q3.count":           1, "trend.final_hearing.2024-Q3.median_weeks": 26, "trend.final_hearing.2024-Q3.within_26_weeks": 1,
		"trend.final_hearing.2025-Q1.count":   0,
		"trend.placement_order.2024-Q3.count": 1, "trend.placement_order.2024-Q3.median_weeks": 26,
		"trend.placement_order.2026-Q1.count": 0,
	}
	for key, w := range want {
		v, ok := m.Get(Key(key))
		got := v.Number
		if v.IsCount {
			got = float64(v.Count)
		}
		if !ok || got != w {
			t.Errorf("%s = %v (present %v), want %v", key, got, ok, w)
		}
	}
	if _, ok := m.Get("trend.final_hearing.2025-Q1.median_weeks"); ok {
		t.Error("a quarter with no hearings must leave its median out")
	}
	if _, ok := m.Get("trend.final_hearing.2024-Q1.count"); ok {
		t.Error("only 8 quarters are reported")
	}
}

func TestRoundRatio(t *testing.T) {
	for _, tc := range []struct {
		p, q int64
		want float64
	}{{1, 20, 0.1}, {-1, 20, -0.1}, {12345, 1000, 12.3}, {1235, 100, 12.4}, {319, 3, 106.3}, {885, 2, 442.5}, {0, 5, 0}, {321, 14, 22.9}} {
		if got := RoundRatio(tc.p, tc.q); got != tc.want {
			t.Errorf("roundRatio(%d, %d) = %v, want %v", tc.p, tc.q, got, tc.want)
		}
	}
}

func TestMeasuresJSON(t *testing.T) {
	m := Compute([]Child{inCareChild("x", PlanAdoption)}, asAt, NoDate, DefaultThresholds())
	var obj map[string]any
	if err := json.Unmarshal(m.JSON(), &obj); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, m.JSON())
	}
	if obj["as_of"] != "2026-03-31" || obj["period_start"] != "2025-03-31" {
		t.Errorf("as_of/period_start = %v/%v", obj["as_of"], obj["period_start"])
	}
	for _, key := range []string{"in_care", "cohort.adoption", "cohort.not_recorded", "plan_confirmed_by_second_review.numerator",
		"ltf_match_approved.denominator", "ltf_plan_not_in_ltf_placement", "care_order_6m_plan_not_ltf", "pre_proceedings.count",
		"proceedings.count", "proceedings.over_26_weeks", "final_hearings.count", "final_hearings.within_26_weeks",
		"adoption.active", "adoption.orders", "adoption.a1_count", "adoption.a1_within_426", "adoption.a2_count",
		"adoption.a2_within_121", "po_not_adoption.awaiting_revocation", "po_not_adoption.revoked", "early_permanence.current",
		"early_permanence.placements", "sgo.plan", "sgo.applications_pending", "sgo.orders", "cao.orders",
		"reunification.placed_with_parents", "reunification.over_6_months_no_application", "reunification.discharged",
		"ltf.matches_ratified", "celebrations.total", "trend.final_hearing.2026-Q1.count", "trend.placement_order.2024-Q2.count"} {
		if _, ok := obj[key]; !ok {
			t.Errorf("key %s missing from JSON", key)
		}
	}
	if obj["in_care"] != float64(1) || !strings.Contains(string(m.JSON()), `"in_care": 1,`) {
		t.Errorf("in_care should print as the integer 1")
	}
	if _, ok := obj["adoption.a1_mean_days"]; ok {
		t.Error("a mean with no values must be left out")
	}
}

func TestMeasuresPeriodFrom(t *testing.T) {
	c := []Child{{ID: "x", AdoptionOrder: d("2025-12-01")}, {ID: "y", AdoptionOrder: d("2025-06-01")}}
	m := Compute(c, asAt, d("2025-11-30"), DefaultThresholds())
	if m.Count("adoption.orders") != 1 || m.PeriodStart != d("2025-11-30") {
		t.Errorf("with --from 2025-11-30 the period holds 1 order, got %d", m.Count("adoption.orders"))
	}
}

func TestDriftFlags(t *testing.T) {
	unconfirmed := inCareChild("unconfirmed", PlanAdoption)
	unconfirmed.SecondReview = d("2026-03-01")
	plo := Child{ID: "plo", PreProceedingsStart: d("2025-12-08")}      // 113 days > 16 weeks
	ploOK := Child{ID: "plo-ok", PreProceedingsStart: d("2025-12-09")} // exactly 112
	proc := Child{ID: "proc", ProceedingsIssued: d("2025-09-29")}
	po := inCareChild("po", PlanAdoption)
	po.PlacementOrder = d("2025-11-29") // 122 days
	pwp := inCareChild("pwp", PlanReunification)
	pwp.PlacedWithParents = d("2025-09-01")
	co := inCareChild("co", PlanSpecialGuardianship)
	co.CareOrder = d("2025-01-01")
	coApplied := inCareChild("co-applied", PlanSpecialGuardianship)
	coApplied.CareOrder, coApplied.SGOApplication = d("2025-01-01"), d("2026-01-01")
	notRevoked := inCareChild("not-revoked", PlanLongTermFostering)
	notRevoked.PlacementOrder, notRevoked.AdoptionPlanEnded = d("2024-01-01"), d("2025-12-30")
	notRevokedRecent := inCareChild("not-revoked-recent", PlanLongTermFostering)
	notRevokedRecent.PlacementOrder, notRevokedRecent.AdoptionPlanEnded = d("2024-01-01"), d("2026-01-01")
	overdue := inCareChild("overdue", PlanLongTermFostering)
	overdue.NextPanelReview = d("2026-03-30")
	dueToday := inCareChild("due-today", PlanLongTermFostering)
	dueToday.NextPanelReview = asAt
	children := []Child{unconfirmed, plo, ploOK, proc, po, pwp, co, coApplied, notRevoked, notRevokedRecent, overdue, dueToday}
	m := Compute(children, asAt, NoDate, DefaultThresholds())
	want := map[string][]DriftFlag{
		"unconfirmed":        {{DriftPlanNotConfirmed, d("2026-03-01"), 30}},
		"plo":                {{DriftPreProceedings, d("2025-12-08"), 113}},
		"proc":               {{DriftProceedings, d("2025-09-29"), 183}},
		"po":                 {{DriftPlacementOrderNoMatch, d("2025-11-29"), 122}},
		"pwp":                {{DriftPlacedWithParents, d("2025-09-01"), 211}},
		"co":                 {{DriftCareOrderNotLTF, d("2025-01-01"), 454}},
		"not-revoked":        {{DriftPlacementOrderNotRevoked, d("2025-12-30"), 91}},
		"overdue":            {{DriftPanelReviewOverdue, d("2026-03-30"), 1}},
		"plo-ok":             nil,
		"co-applied":         nil,
		"not-revoked-recent": nil,
		"due-today":          nil,
	}
	for i, c := range m.Children {
		got, w := m.Drift[i], want[c.ID]
		if len(got) != len(w) {
			t.Errorf("%s: flags %+v, want %+v", c.ID, got, w)
			continue
		}
		for j := range got {
			if got[j] != w[j] {
				t.Errorf("%s: flag %+v, want %+v", c.ID, got[j], w[j])
			}
		}
	}
}
