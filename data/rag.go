package data

import (
	"fmt"
	"strings"
)

// RAG is a red/amber/green rating of a measure against its threshold.
type RAG string

// The ratings; RAGNone is a measure with no rule, or nothing to rate.
const (
	RAGNone  RAG = ""
	RAGGreen RAG = "Green"
	RAGAmber RAG = "Amber"
	RAGRed   RAG = "Red"
)

// RAGRating is a measure's threshold, its status and the rule that gave it.
type RAGRating struct {
	Threshold string // the limit in words ("≤ 426 days")
	Status    RAG
	Rule      string // how the status is decided, written out in full
}

// proportionOf names, for each proportion key, the key of its denominator:
// the measure itself is the numerator.
func proportionOf(m *Measures, key string) (string, bool) {
	switch {
	case strings.HasSuffix(key, ".numerator"):
		return strings.TrimSuffix(key, "numerator") + "denominator", true
	case strings.HasPrefix(key, "cohort."):
		return "in_care", true
	case strings.HasPrefix(key, "trend.final_hearing.") && strings.HasSuffix(key, ".within_26_weeks"):
		return strings.TrimSuffix(key, "within_26_weeks") + "count", true
	}
	den, ok := map[string]string{
		"ltf_plan_not_in_ltf_placement":              "cohort.long_term_fostering",
		"proceedings.over_26_weeks":                  "proceedings.count",
		"final_hearings.within_26_weeks":             "final_hearings.count",
		"adoption.a1_within_426":                     "adoption.a1_count",
		"adoption.a2_within_121":                     "adoption.a2_count",
		"adoption.a10_within_426":                    "adoption.a10_count",
		"reunification.over_6_months_no_application": "reunification.placed_with_parents",
	}[key]
	return den, ok
}

// Proportion returns a key's numerator and denominator when the measure is
// a proportion ("7 of 12"), as the spreadsheet and the panel read it.
func (m *Measures) Proportion(key string) (num, den int, ok bool) {
	dk, ok := proportionOf(m, key)
	if !ok {
		return 0, 0, false
	}
	v, okv := m.Get(key)
	d, okd := m.Get(dk)
	if !okv || !okd || !v.IsCount {
		return 0, 0, false
	}
	return v.Count, d.Count, true
}

// share rates num/den against green and amber floors (fractions): at or
// above green is Green, at or above amber is Amber, else Red.
func ragShare(num, den int, green, amber float64) RAG {
	if den == 0 {
		return RAGNone
	}
	switch {
	case float64(num) >= green*float64(den):
		return RAGGreen
	case float64(num) >= amber*float64(den):
		return RAGAmber
	}
	return RAGRed
}

// atMost rates a number against green and amber ceilings.
func ragAtMost(v, green, amber float64) RAG {
	switch {
	case v <= green:
		return RAGGreen
	case v <= amber:
		return RAGAmber
	}
	return RAGRed
}

// noneOrFew rates a count that should be zero: Green at 0, Amber while it
// is at most the fraction of its base, Red above.
func ragNoneOrFew(n, base int, amber float64) RAG {
	switch {
	case n == 0:
		return RAGGreen
	case float64(n) <= amber*float64(base):
		return RAGAmber
	}
	return RAGRed
}

// Rate returns the red/amber/green rating of a measure, or a RAGRating with
// RAGNone and no rule when the panel holds the measure for context
// only. A rule whose base is empty (no final hearings in the period, say)
// has RAGNone and its rule.
func (m *Measures) RateRAG(key string) RAGRating {
	v, ok := m.Get(key)
	if !ok {
		return RAGRating{}
	}
	th := m.Thresholds
	pct := func(f float64) string { return fmt.Sprintf("%g%%", f*100) }
	num, den, _ := m.Proportion(key)
	switch key {
	case "cohort.not_recorded":
		return RAGRating{Threshold: "0 (none)",
			Status: ragNoneOrFew(v.Count, m.Count("in_care"), 0.05),
			Rule:   "Every child in care should have a recorded permanence plan. Green: none missing; Amber: up to 5% of children in care; Red: more than 5%."}
	case "plan_confirmed_by_second_review.numerator":
		return RAGRating{Threshold: "≥ " + pct(0.9),
			Status: ragShare(num, den, 0.9, 0.75),
			Rule:   "The permanence plan should be confirmed by the second review (4 months). Green: 90% or more of those reviewed; Amber: 75% to under 90%; Red: under 75%."}
	case "ltf_match_approved.numerator":
		return RAGRating{Threshold: "≥ " + pct(0.9),
			Status: ragShare(num, den, 0.9, 0.75),
			Rule:   "A long-term foster placement should have its match approved by panel and ratified by the ADM. Green: 90% or more; Amber: 75% to under 90%; Red: under 75%."}
	case "ltf_plan_not_in_ltf_placement":
		return RAGRating{Threshold: "0 (none)",
			Status: ragNoneOrFew(v.Count, m.Count("cohort.long_term_fostering"), 0.1),
			Rule:   "A long-term fostering plan should be matched to a long-term placement (U1/U4). Green: none; Amber: up to 10% of LTF plans; Red: more than 10%."}
	case "pre_proceedings.median_days":
		return RAGRating{Threshold: fmt.Sprintf("≤ %d days", th.PreProceedingsDays),
			Status: ragAtMost(v.Number, float64(th.PreProceedingsDays), float64(th.ProceedingsDays)),
			Rule: fmt.Sprintf("Pre-proceedings best practice is about 16 weeks. Green: median up to %d days; Amber: up to %d days (26 weeks); Red: longer.",
				th.PreProceedingsDays, th.ProceedingsDays)}
	case "proceedings.over_26_weeks":
		return RAGRating{Threshold: "0 (none)",
			Status: ragNoneOrFew(v.Count, m.Count("proceedings.count"), 0.1),
			Rule:   "Care proceedings should finish within 26 weeks (Children and Families Act 2014 s.14). Green: none over; Amber: up to 10% of proceedings; Red: more than 10%."}
	case "proceedings.median_days":
		return RAGRating{Threshold: fmt.Sprintf("≤ %d days", th.ProceedingsDays),
			Status: ragAtMost(v.Number, float64(th.ProceedingsDays), 266),
			Rule: fmt.Sprintf("Proceedings so far, against the 26-week limit. Green: median up to %d days; Amber: up to 266 days (38 weeks, the national average, Apr–Jun 2025); Red: longer.",
				th.ProceedingsDays)}
	case "final_hearings.within_26_weeks":
		return RAGRating{Threshold: "≥ 50%",
			Status: ragShare(num, den, 0.5, 0.33),
			Rule:   "Share of final hearings within 26 weeks of issue. Green: 50% or more; Amber: 33% to under 50% (national 36%, Apr–Jun 2025); Red: under 33%."}
	case "final_hearings.median_weeks":
		return RAGRating{Threshold: "≤ 26 weeks",
			Status: ragAtMost(v.Number, 26, 38),
			Rule:   "Green: median up to 26 weeks (the statutory limit); Amber: up to 38 weeks (the national average, Apr–Jun 2025); Red: longer."}
	case "adoption.a1_mean_days", "adoption.a10_mean_days":
		name := "A1"
		if key == "adoption.a10_mean_days" {
			name = "A10"
		}
		return RAGRating{Threshold: fmt.Sprintf("≤ %d days", th.A1Days),
			Status: ragAtMost(v.Number, float64(th.A1Days), float64(th.A1Days+61)),
			Rule: fmt.Sprintf("Adoption scorecard %s threshold %d days (14 months). Green: mean at or under it; Amber: up to %d days (2 months over); Red: longer.",
				name, th.A1Days, th.A1Days+61)}
	case "adoption.a2_mean_days":
		return RAGRating{Threshold: fmt.Sprintf("≤ %d days", th.A2Days),
			Status: ragAtMost(v.Number, float64(th.A2Days), float64(th.A2Days+61)),
			Rule: fmt.Sprintf("Adoption scorecard A2 threshold %d days (4 months). Green: mean at or under it; Amber: up to %d days (2 months over); Red: longer.",
				th.A2Days, th.A2Days+61)}
	case "reunification.over_6_months_no_application":
		return RAGRating{Threshold: "0 (none)",
			Status: ragNoneOrFew(v.Count, m.Count("reunification.placed_with_parents"), 0.1),
			Rule: fmt.Sprintf("Placed with parents over %d months should lead to a discharge application. Green: none; Amber: up to 10%% of children placed with parents; Red: more than 10%%.",
				th.PlacedWithParentsMonths)}
	case "po_not_adoption.awaiting_revocation":
		st := RAGGreen
		if v.Count > 0 {
			st = RAGAmber
			for _, i := range m.Members[key] {
				if m.HasDrift(i, DriftPlacementOrderNotRevoked) {
					st = RAGRed
					break
				}
			}
		}
		return RAGRating{Threshold: "0 (none)",
			Status: st,
			Rule: fmt.Sprintf("A placement order should be revoked promptly once adoption is no longer the plan. Green: none waiting; Amber: all waiting under %d months; Red: any waiting longer.",
				th.AdoptionEndedMonths)}
	}
	return RAGRating{}
}

// HasDrift reports whether the i-th child has drift flag k.
func (m *Measures) HasDrift(i int, k DriftKind) bool {
	if i < 0 || i >= len(m.Drift) {
		return false
	}
	for _, f := range m.Drift[i] {
		if f.Kind == k {
			return true
		}
	}
	return false
}
