package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Key names one measure of measures.md. Use the constants: a key that is
// not in the catalogue is an error (ParseKey), never a silent 0.
type Key string

// The keys of measures.md, in the data set's order. Cohort and trend keys
// are made by CohortKey and TrendKey.
const (
	KeyInCare                      Key = "in_care"
	KeyInCarePer10000              Key = "in_care.per_10000"
	KeyPlanConfirmedDenominator    Key = "plan_confirmed_by_second_review.denominator"
	KeyPlanConfirmedNumerator      Key = "plan_confirmed_by_second_review.numerator"
	KeyLTFMatchDenominator         Key = "ltf_match_approved.denominator"
	KeyLTFMatchNumerator           Key = "ltf_match_approved.numerator"
	KeyLTFPlanNotInLTFPlacement    Key = "ltf_plan_not_in_ltf_placement"
	KeyCareOrderPlanNotLTF         Key = "care_order_6m_plan_not_ltf"
	KeyPreProceedings              Key = "pre_proceedings.count"
	KeyPreProceedingsMedianDays    Key = "pre_proceedings.median_days"
	KeyProceedings                 Key = "proceedings.count"
	KeyProceedingsOver26Weeks      Key = "proceedings.over_26_weeks"
	KeyProceedingsMedianDays       Key = "proceedings.median_days"
	KeyFinalHearings               Key = "final_hearings.count"
	KeyFinalHearingsWithin26Weeks  Key = "final_hearings.within_26_weeks"
	KeyFinalHearingsMedianWeeks    Key = "final_hearings.median_weeks"
	KeyAdoptionActive              Key = "adoption.active"
	KeyAdoptionOrders              Key = "adoption.orders"
	KeyA1Count                     Key = "adoption.a1_count"
	KeyA1MeanDays                  Key = "adoption.a1_mean_days"
	KeyA1Within                    Key = "adoption.a1_within_426"
	KeyA2Count                     Key = "adoption.a2_count"
	KeyA2MeanDays                  Key = "adoption.a2_mean_days"
	KeyA2Within                    Key = "adoption.a2_within_121"
	KeyA10Count                    Key = "adoption.a10_count"
	KeyA10MeanDays                 Key = "adoption.a10_mean_days"
	KeyA10Within                   Key = "adoption.a10_within_426"
	KeyAwaitingRevocation          Key = "po_not_adoption.awaiting_revocation"
	KeyPlacementOrdersRevoked      Key = "po_not_adoption.revoked"
	KeyEarlyPermanenceCurrent      Key = "early_permanence.current"
	KeyEarlyPermanencePlacements   Key = "early_permanence.placements"
	KeyEarlyPermanenceMedianDays   Key = "early_permanence.median_days_to_placement"
	KeySGOPlan                     Key = "sgo.plan"
	KeySGOApplicationsPending      Key = "sgo.applications_pending"
	KeySGOOrders                   Key = "sgo.orders"
	KeySGOMedianDays               Key = "sgo.median_days_application_to_order"
	KeyCAOOrders                   Key = "cao.orders"
	KeyPlacedWithParents           Key = "reunification.placed_with_parents"
	KeyPlacedWithParentsOverLimit  Key = "reunification.over_6_months_no_application"
	KeyCareOrdersDischarged        Key = "reunification.discharged"
	KeyLTFMatchesRatified          Key = "ltf.matches_ratified"
	KeyCelebrations                Key = "celebrations.total"
	KeyDisruptions                 Key = "disruptions.count"
	KeyDisruptionsAdoption         Key = "disruptions.adoption"
	KeyDisruptionsLTF              Key = "disruptions.long_term_fostering"
	KeyDisruptionsRecommendation   Key = "disruptions.panel_recommendation"
	KeyPlanChanges                 Key = "plan_changes.count"
	KeyPlanChangesFromAdoption     Key = "plan_changes.away_from_adoption"
	KeyPlanChangesWithPO           Key = "plan_changes.away_from_adoption_with_po"
	KeyRevocationsDue              Key = "revocations.due"
	KeyRevocationsWithinTarget     Key = "revocations.within_target"
	KeyRevocationsMedianDays       Key = "revocations.median_days"
	KeyCaseSystemDiffers           Key = "plan_changes.case_system_differs"
	keyCohortPattern               Key = "cohort.PLAN"
	keyTrendHearingsPattern        Key = "trend.final_hearing.QUARTER.count"
	keyTrendHearingsMedianPattern  Key = "trend.final_hearing.QUARTER.median_weeks"
	keyTrendHearingsWithinPattern  Key = "trend.final_hearing.QUARTER.within_26_weeks"
	keyTrendOrdersPattern          Key = "trend.placement_order.QUARTER.count"
	keyTrendOrdersMedianPattern    Key = "trend.placement_order.QUARTER.median_weeks"
	listLTFWithoutRatifiedMatchKey Key = "list.ltf_without_ratified_match"
)

// ListLTFWithoutRatifiedMatch is a working list, not a printed measure: the
// children in care with a long-term fostering plan and no match both
// approved by panel and ratified by the ADM by the as-at date.
const ListLTFWithoutRatifiedMatch = listLTFWithoutRatifiedMatchKey

// CohortKey is the cohort key of a plan: cohort.adoption.
func CohortKey(p Plan) Key { return Key("cohort." + p.Key()) }

// Trend series and statistics, for TrendKey.
const (
	TrendFinalHearing   = "final_hearing"
	TrendPlacementOrder = "placement_order"
	TrendCount          = "count"
	TrendMedianWeeks    = "median_weeks"
	TrendWithin26Weeks  = "within_26_weeks"
)

// TrendKey is a trend key: trend.final_hearing.2025-Q2.count.
func TrendKey(series string, q Quarter, stat string) Key {
	return Key("trend." + series + "." + q.Label + "." + stat)
}

// Unit says what a measure's value is.
type Unit uint8

// The units.
const (
	UnitChildren Unit = iota // a count of children
	UnitDays                 // a median or mean of days
	UnitWeeks                // a median of weeks
	UnitPer10000             // a rate per 10,000 children of the authority's population
)

// Measure is one entry of the catalogue: everything about a measure in one
// place. Compute, the CLI, every screen, slide and export read it.
type Measure struct {
	Key         Key
	Group       string
	label       func(th Thresholds) string
	Definition  string // measures.md's definition, in its words
	Unit        Unit
	Denominator Key // for a share: the key it is a share of ("7 of 12")
	// Threshold names the setting the measure is held against (a key of
	// ThresholdSettings), if any.
	Threshold string
	rag       func(m *Measures, v Value, num, den int) RAGRating
	Drift     DriftKind // the drift flag the measure drives, or NoDrift
	Success   bool      // counted in celebrations.total
	// Pattern marks a catalogue entry standing for a family of keys
	// (cohort.PLAN, trend.SERIES.QUARTER.STAT).
	Pattern bool
	// Changes marks a measure worked out from the changes over the period
	// (AddChanges: disruptions, changes of plan, revocations), which need
	// the history of extracts and the panel's records: Compute, which sees
	// one date's states, leaves it out. docs/measures-panel.md defines it.
	Changes bool
	// Population marks a rate over the authority's population under 18 (the
	// setting population.under_18), worked out by AddPopulationRates:
	// Compute, which knows no population, leaves it out.
	// docs/measures-panel.md defines it.
	Population bool
}

// Label is the measure's label with the thresholds in force.
func (e *Measure) Label(th Thresholds) string { return e.label(th) }

// HasRAG reports whether the panel rates the measure red/amber/green.
func (e *Measure) HasRAG() bool { return e.rag != nil }

// IsCount reports whether the measure counts children.
func (e *Measure) IsCount() bool { return e.Unit == UnitChildren }

func fixed(s string) func(Thresholds) string { return func(Thresholds) string { return s } }

// Catalogue is every measure, in the data set's order. The cohort and
// trend entries stand for their families of keys.
var Catalogue = []Measure{
	{Key: KeyInCare, Group: "Children in care", label: fixed("Children in care"),
		Definition: "children in care at A: entered care by A, not ceased by A, legal status not V3/V4"},
	{Key: KeyInCarePer10000, Group: "Children in care", Unit: UnitPer10000, Population: true,
		label:      fixed("Children in care per 10,000 children"),
		Definition: "in_care × 10,000 / the authority's population under 18 (setting population.under_18), to 1 decimal place; left out when the population is not set or a filter narrows the children"},
	{Key: keyCohortPattern, Group: "Children in care", Pattern: true, Denominator: KeyInCare, rag: cohortRule,
		label:      func(Thresholds) string { return "Plan: PLAN" },
		Definition: "children in care at A by permanence plan category (all eight printed)"},
	{Key: KeyPlanConfirmedDenominator, Group: "Plans", label: fixed("Children in care who have had their second review"),
		Definition: "in care at A with second_review_date by A"},
	{Key: KeyPlanConfirmedNumerator, Group: "Plans", label: fixed("… with the permanence plan confirmed by the second review"),
		Definition: "of those, plan_confirmed_date present and ≤ second_review_date", Denominator: KeyPlanConfirmedDenominator,
		Drift: DriftPlanNotConfirmed, rag: shareRule(0.9, 0.75, "The permanence plan should be confirmed by the second review (4 months).")},
	{Key: KeyLTFMatchDenominator, Group: "Plans", label: fixed("LTF plan in a long-term foster placement (U1/U4)"),
		Definition: "in care at A, plan long_term_fostering, placement_type U1 or U4"},
	{Key: KeyLTFMatchNumerator, Group: "Plans", label: fixed("… with the match approved by panel and ratified by the ADM"),
		Definition: "of those, ltf_panel_date by A and ltf_adm_date by A", Denominator: KeyLTFMatchDenominator,
		rag: shareRule(0.9, 0.75, "A long-term foster placement should have its match approved by panel and ratified by the ADM.")},
	{Key: KeyLTFPlanNotInLTFPlacement, Group: "Plans", label: fixed("LTF plan not recorded as an LTF placement"),
		Definition:  "in care at A, plan long_term_fostering, placement_type not U1 or U4 (empty included)",
		Denominator: CohortKey(PlanLongTermFostering),
		rag:         noneOrFewRule(0.1, "A long-term fostering plan should be matched to a long-term placement (U1/U4).", "LTF plans")},
	{Key: KeyCareOrderPlanNotLTF, Group: "Plans", Threshold: "threshold.care_order_months", Drift: DriftCareOrderNotLTF,
		label: func(th Thresholds) string {
			return "Care order over " + MonthsText(th.CareOrderMonths) + ", plan not LTF"
		},
		Definition: "in care at A, care_order_date ≤ A less the care-order limit (6 months), plan not long_term_fostering"},

	{Key: KeyPreProceedings, Group: "Court", label: fixed("In pre-proceedings (PLO)"), Drift: DriftPreProceedings,
		Definition: "pre_proceedings_start_date by A, no pre_proceedings_end_date by A, no proceedings_issue_date by A"},
	{Key: KeyPreProceedingsMedianDays, Group: "Court", Unit: UnitDays, label: fixed("Pre-proceedings: median days so far"),
		Definition: "median of days(start, A) over those", Threshold: "threshold.pre_proceedings_days", rag: preProceedingsRule},
	{Key: KeyProceedings, Group: "Court", label: fixed("In care proceedings"),
		Definition: "proceedings_issue_date by A, no final_hearing_date by A"},
	{Key: KeyProceedingsOver26Weeks, Group: "Court", Denominator: KeyProceedings, Threshold: "threshold.proceedings_days",
		Drift:      DriftProceedings,
		label:      func(th Thresholds) string { return "Proceedings over " + WeeksText(th.ProceedingsDays) },
		Definition: "of those, days(issue, A) over the proceedings limit (182 days)",
		rag:        noneOrFewRule(0.1, "Care proceedings should finish within 26 weeks (Children and Families Act 2014 s.14).", "proceedings")},
	{Key: KeyProceedingsMedianDays, Group: "Court", Unit: UnitDays, label: fixed("Proceedings: median days so far"),
		Definition: "median of days(issue, A) over those", Threshold: "threshold.proceedings_days", rag: proceedingsMedianRule},
	{Key: KeyFinalHearings, Group: "Court", label: fixed("Final hearings in the period"),
		Definition: "final_hearing_date in the period, with proceedings_issue_date present and ≤ final_hearing_date"},
	{Key: KeyFinalHearingsWithin26Weeks, Group: "Court", Denominator: KeyFinalHearings, Threshold: "threshold.proceedings_days",
		label:      func(th Thresholds) string { return "… within " + WeeksText(th.ProceedingsDays) + " of issue" },
		Definition: "of those, days(issue, final hearing) within the proceedings limit (182 days)", rag: finalHearingsShareRule},
	{Key: KeyFinalHearingsMedianWeeks, Group: "Court", Unit: UnitWeeks, label: fixed("Final hearings: median weeks from issue"),
		Definition: "median of weeks(issue, final hearing) over those", Threshold: "threshold.proceedings_days", rag: finalHearingsMedianRule},

	{Key: KeyAdoptionActive, Group: "Adoption", label: fixed("Active adoption plans (ADM decision, no order yet)"),
		Definition: "in care at A, plan adoption, adm_adoption_date by A, no adoption_order_date by A"},
	{Key: KeyAdoptionOrders, Group: "Adoption", label: fixed("Adoption orders in the period"), Success: true,
		Definition: "adoption_order_date in the period"},
	{Key: KeyA1Count, Group: "Adoption", label: fixed("A1: adopted children with entry and placement dates"),
		Definition: "of adoption.orders, date_entered_care and placed_for_adoption_date present"},
	{Key: KeyA1MeanDays, Group: "Adoption", Unit: UnitDays, Threshold: "threshold.a1_days",
		label:      fixed("A1: mean days, entering care to moving in with adopters"),
		Definition: "mean of days(date_entered_care, placed_for_adoption_date) over those", rag: scorecardRule("A1")},
	{Key: KeyA1Within, Group: "Adoption", Denominator: KeyA1Count, Threshold: "threshold.a1_days",
		label:      func(th Thresholds) string { return fmt.Sprintf("A1 within %d days", th.A1Days) },
		Definition: "of those, days within the A1 threshold (426)"},
	{Key: KeyA2Count, Group: "Adoption", label: fixed("A2: adopted children with placement order and match dates"),
		Definition: "of adoption.orders, placement_order_date and match_date present"},
	{Key: KeyA2MeanDays, Group: "Adoption", Unit: UnitDays, Threshold: "threshold.a2_days",
		label:      fixed("A2: mean days, placement order to match"),
		Definition: "mean of days(placement_order_date, match_date) over those (0 when the match came first)", rag: scorecardRule("A2")},
	{Key: KeyA2Within, Group: "Adoption", Denominator: KeyA2Count, Threshold: "threshold.a2_days",
		label:      func(th Thresholds) string { return fmt.Sprintf("A2 within %d days", th.A2Days) },
		Definition: "of those, days within the A2 threshold (121)"},
	{Key: KeyA10Count, Group: "Adoption", label: fixed("A10: adopted children with entry and moving-in dates"),
		Definition: "of adoption.orders, date_entered_care and the date the child moved in with the family who adopted present"},
	{Key: KeyA10MeanDays, Group: "Adoption", Unit: UnitDays, Threshold: "threshold.a1_days",
		label:      fixed("A10: mean days, entering care to moving in with the family who adopted"),
		Definition: "mean of days(date_entered_care, moving in) over those", rag: scorecardRule("A10")},
	{Key: KeyA10Within, Group: "Adoption", Denominator: KeyA10Count, Threshold: "threshold.a1_days",
		label:      func(th Thresholds) string { return fmt.Sprintf("A10 within %d days", th.A1Days) },
		Definition: "of those, days within the A1 threshold (426)"},
	{Key: KeyAwaitingRevocation, Group: "Adoption", label: fixed("Placement order, adoption no longer the plan, awaiting revocation"),
		Definition: "placement_order_date by A, adoption_plan_ended_date by A, no adoption_order_date by A, no placement_order_revoked_date by A",
		Threshold:  "threshold.adoption_ended_months", Drift: DriftPlacementOrderNotRevoked, rag: awaitingRevocationRule},
	{Key: KeyPlacementOrdersRevoked, Group: "Adoption", label: fixed("Placement orders revoked in the period"),
		Definition: "placement_order_revoked_date in the period"},
	{Key: KeyEarlyPermanenceCurrent, Group: "Adoption", label: fixed("In an early permanence placement now"),
		Definition: "in care at A, early_permanence_date by A, no adoption_order_date by A"},
	{Key: KeyEarlyPermanencePlacements, Group: "Adoption", label: fixed("Early permanence placements in the period"),
		Definition: "early_permanence_date in the period"},
	{Key: KeyEarlyPermanenceMedianDays, Group: "Adoption", Unit: UnitDays, label: fixed("Early permanence: median days from entering care"),
		Definition: "median of days(date_entered_care, early_permanence_date) over those placements with date_entered_care present"},

	{Key: KeySGOPlan, Group: groupSGO, label: fixed("Plan: special guardianship"),
		Definition: "in care at A, plan special_guardianship"},
	{Key: KeySGOApplicationsPending, Group: groupSGO, label: fixed("SGO applications pending"),
		Definition: "sgo_application_date by A, no sgo_order_date by A"},
	{Key: KeySGOOrders, Group: groupSGO, label: fixed("Special guardianship orders in the period"), Success: true,
		Definition: "sgo_order_date in the period"},
	{Key: KeySGOMedianDays, Group: groupSGO, Unit: UnitDays, label: fixed("SGO: median days from application to order"),
		Definition: "median of days(sgo_application_date, sgo_order_date) over those orders with an application date"},
	{Key: KeyCAOOrders, Group: groupSGO, label: fixed("Child arrangements orders in the period"), Success: true,
		Definition: "cao_order_date in the period"},

	{Key: KeyPlacedWithParents, Group: "Reunification", label: fixed("Plan reunification, placed with parents"),
		Definition: "in care at A, plan reunification, placed_with_parents_date by A"},
	{Key: KeyPlacedWithParentsOverLimit, Group: "Reunification", Denominator: KeyPlacedWithParents,
		Threshold: "threshold.placed_with_parents_months", Drift: DriftPlacedWithParents,
		label: func(th Thresholds) string {
			return "… over " + MonthsText(th.PlacedWithParentsMonths) + " with no discharge application"
		},
		Definition: "of those, placed_with_parents_date ≤ A less the placed-with-parents limit (6 months) and no discharge_application_date by A",
		rag:        placedWithParentsRule},
	{Key: KeyCareOrdersDischarged, Group: "Reunification", label: fixed("Care orders discharged in the period"), Success: true,
		Definition: "care_order_discharged_date in the period"},

	{Key: KeyLTFMatchesRatified, Group: "Long-term fostering", label: fixed("Long-term fostering matches ratified in the period"),
		Success: true, Definition: "ltf_adm_date in the period"},

	{Key: KeyCelebrations, Group: "Celebrations", label: fixed("Successes in the period"),
		Definition: "adoption.orders + sgo.orders + cao.orders + reunification.discharged + ltf.matches_ratified"},

	{Key: KeyDisruptions, Group: groupChanges, Changes: true, label: fixed("Disruptions in the period (placements meant to be permanent that ended)"),
		Definition: "placements meant to be permanent that ended in the period: adoptive placements ended without an adoption order, long-term fostering matches no longer in a U1/U4 placement (from successive extracts and SSDA903 episodes)"},
	{Key: KeyDisruptionsAdoption, Group: groupChanges, Changes: true, label: fixed("… adoptive or early permanence placements ended, no adoption order"),
		Definition: "of those, placed for adoption or in early permanence, then no longer in that placement without an adoption order"},
	{Key: KeyDisruptionsLTF, Group: groupChanges, Changes: true, label: fixed("… long-term fostering matches ended"),
		Definition: "of those, a long-term fostering match approved or ratified, then in a placement other than U1/U4"},
	{Key: KeyDisruptionsRecommendation, Group: groupChanges, Changes: true, Denominator: KeyDisruptions,
		label:      fixed("… with the panel's disruption recommendation recorded"),
		Definition: "of those, a panel record of the child with a decision, at a meeting held from the disruption to A, that was on the agenda for the disruption or speaks of it"},
	{Key: KeyPlanChanges, Group: groupChanges, Changes: true, label: fixed("Changes of permanence plan in the period"),
		Definition: "changes of permanence plan category first seen in the period, between recorded plans, the child in care throughout"},
	{Key: KeyPlanChangesFromAdoption, Group: groupChanges, Changes: true, label: fixed("… away from adoption"),
		Definition: "of those, from adoption to another plan"},
	{Key: KeyPlanChangesWithPO, Group: groupChanges, Changes: true, label: fixed("… away from adoption with a placement order"),
		Definition: "of those, placement_order_date on or before the change was first seen, not revoked before the change"},
	{Key: KeyRevocationsDue, Group: groupChanges, Changes: true, Threshold: "threshold.adoption_ended_months",
		label: func(th Thresholds) string {
			return "Placement orders due for revocation (" + MonthsText(th.AdoptionEndedMonths) + " from the change passed, or revoked)"
		},
		Definition: "of those, placement_order_revoked_date by A or the target date (the change plus the revocation limit, 3 months) before A"},
	{Key: KeyRevocationsWithinTarget, Group: groupChanges, Changes: true, Denominator: KeyRevocationsDue, Threshold: "threshold.adoption_ended_months",
		label: func(th Thresholds) string {
			return "… revoked within " + MonthsText(th.AdoptionEndedMonths) + " of the change"
		},
		Definition: "of those, placement_order_revoked_date by A and on or before the target date",
		rag:        shareRule(0.9, 0.75, "A placement order should be revoked promptly once adoption is no longer the plan.")},
	{Key: KeyRevocationsMedianDays, Group: groupChanges, Changes: true, Unit: UnitDays, label: fixed("Revocations: median days from the change of plan"),
		Definition: "median of days(change, placement_order_revoked_date) over the changes away from adoption with a placement order revoked by A"},
	{Key: KeyCaseSystemDiffers, Group: groupChanges, Changes: true, label: fixed("Plan changed, case system plan differs from the panel's"),
		Definition: "in care at A, whose plan changed in the period (in the extracts, or endorsed by the panel) and whose extract plan at A is not the plan of the panel's latest record"},

	{Key: keyTrendHearingsPattern, Group: "Trends", Pattern: true, label: fixed("Final hearings QUARTER"),
		Definition: "final hearings in that quarter with an issue date ≤ final hearing"},
	{Key: keyTrendHearingsMedianPattern, Group: "Trends", Pattern: true, Unit: UnitWeeks, label: fixed("Final hearings QUARTER: median weeks"),
		Definition: "median weeks(issue, final hearing) over those"},
	{Key: keyTrendHearingsWithinPattern, Group: "Trends", Pattern: true, Denominator: keyTrendHearingsPattern,
		Threshold:  "threshold.proceedings_days",
		label:      func(th Thresholds) string { return "Final hearings QUARTER: within " + WeeksText(th.ProceedingsDays) },
		Definition: "of those, days within the proceedings limit (182)"},
	{Key: keyTrendOrdersPattern, Group: "Trends", Pattern: true, label: fixed("Placement orders QUARTER"),
		Definition: "placement orders in that quarter with an issue date ≤ placement order"},
	{Key: keyTrendOrdersMedianPattern, Group: "Trends", Pattern: true, Unit: UnitWeeks, label: fixed("Placement orders QUARTER: median weeks from issue"),
		Definition: "median weeks(issue, placement order) over those"},
}

const groupSGO = "Special guardianship and child arrangements"

// groupChanges is the group of the measures AddChanges works out.
const groupChanges = "Disruptions and changes of plan"

var catalogueIndex = func() map[Key]int {
	out := make(map[Key]int, len(Catalogue))
	for i := range Catalogue {
		out[Catalogue[i].Key] = i
	}
	return out
}()

// patternOf maps a concrete cohort or trend key to its catalogue pattern.
func patternOf(k Key) (Key, bool) {
	s := string(k)
	switch {
	case strings.HasPrefix(s, "cohort."):
		if _, ok := PlanFromKey(strings.TrimPrefix(s, "cohort.")); ok {
			return keyCohortPattern, true
		}
	case strings.HasPrefix(s, "trend."):
		parts := strings.Split(s, ".")
		if len(parts) == 4 && validQuarterLabel(parts[2]) {
			parts[2] = "QUARTER"
			return Key(strings.Join(parts, ".")), true
		}
	}
	return "", false
}

// validQuarterLabel reports whether s is a quarter as Date.Quarter writes
// it: the year, "-Q" and 1 to 4 ("2025-Q2").
func validQuarterLabel(s string) bool {
	year, q, ok := strings.Cut(s, "-Q")
	if !ok || len(q) != 1 || q[0] < '1' || q[0] > '4' {
		return false
	}
	_, err := strconv.Atoi(year)
	return err == nil
}

// Lookup returns the catalogue entry of a key (for a cohort or trend key,
// the entry of its family).
func Lookup(k Key) (*Measure, error) {
	if i, ok := catalogueIndex[k]; ok && !Catalogue[i].Pattern {
		return &Catalogue[i], nil
	}
	if p, ok := patternOf(k); ok {
		if i, ok := catalogueIndex[p]; ok {
			return &Catalogue[i], nil
		}
	}
	return nil, fmt.Errorf("no measure called %q: see measures.md for the keys", string(k))
}

// ParseKey checks a key typed by a person or read from a file.
func ParseKey(s string) (Key, error) {
	k := Key(strings.TrimSpace(s))
	if _, err := Lookup(k); err != nil {
		return "", err
	}
	return k, nil
}

// mustLookup is Lookup for the program's own keys: an unknown one is a
// programming error.
func mustLookup(k Key) *Measure {
	e, err := Lookup(k)
	if err != nil {
		panic(err)
	}
	return e
}

// SuccessKeys are the measures celebrations.total adds up, in the order
// the Celebrations screen, slide and sheet show them.
var SuccessKeys = func() []Key {
	var out []Key
	for i := range Catalogue {
		if Catalogue[i].Success {
			out = append(out, Catalogue[i].Key)
		}
	}
	return out
}()

// SuccessKind says how a success is named and dated on a child.
type SuccessKind struct {
	Key   Key
	Label string // "Adoption order"
	Date  func(c *Child) Date
}

// SuccessKinds are the successes, one per key of SuccessKeys.
var SuccessKinds = []SuccessKind{
	{KeyAdoptionOrders, "Adoption order", func(c *Child) Date { return c.AdoptionOrder }},
	{KeySGOOrders, "Special guardianship order", func(c *Child) Date { return c.SGOOrder }},
	{KeyCAOOrders, "Child arrangements order", func(c *Child) Date { return c.CAOOrder }},
	{KeyCareOrdersDischarged, "Care order discharged: home to family", func(c *Child) Date { return c.CareOrderDischarged }},
	{KeyLTFMatchesRatified, "Long-term fostering match ratified", func(c *Child) Date { return c.LTFADM }},
}
