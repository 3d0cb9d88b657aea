package data

import (
	"fmt"
	"math"
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

// Proportion returns a key's numerator and denominator when the measure is
// a share of another ("7 of 12"), as the spreadsheet and the panel read it.
func (m *Measures) Proportion(key Key) (num, den int, ok bool) {
	e, err := Lookup(key)
	if err != nil || e.Denominator == "" {
		return 0, 0, false
	}
	dk := e.Denominator
	if e.Pattern && strings.HasPrefix(string(key), "trend.") {
		dk = Key(strings.TrimSuffix(string(key), "within_26_weeks") + "count")
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

// RateRAG returns the red/amber/green rating of a measure from its
// catalogue rule, or a RAGRating with RAGNone and no rule when the panel
// holds the measure for context only. A rule whose base is empty (no final
// hearings in the period, say) has RAGNone and its rule.
func (m *Measures) RateRAG(key Key) RAGRating {
	v, ok := m.Get(key)
	if !ok {
		return RAGRating{}
	}
	e := mustLookup(key)
	if e.rag == nil {
		return RAGRating{}
	}
	num, den, _ := m.Proportion(key)
	return e.rag(m, v, num, den)
}

func pct(f float64) string { return fmt.Sprintf("%g%%", f*100) }

// shareRule rates a share: green at or above green, amber at or above amber.
func shareRule(green, amber float64, why string) func(*Measures, Value, int, int) RAGRating {
	return func(_ *Measures, _ Value, num, den int) RAGRating {
		return RAGRating{Threshold: "≥ " + pct(green), Status: ragShare(num, den, green, amber),
			Rule: fmt.Sprintf("%s Green: %s or more; Amber: %s to under %s; Red: under %s.", why, pct(green), pct(amber), pct(green), pct(amber))}
	}
}

// noneOrFewRule rates a count that should be zero, against its denominator.
func noneOrFewRule(amber float64, why, base string) func(*Measures, Value, int, int) RAGRating {
	return func(_ *Measures, v Value, _, den int) RAGRating {
		return RAGRating{Threshold: "0 (none)", Status: ragNoneOrFew(v.Count, den, amber),
			Rule: fmt.Sprintf("%s Green: none; Amber: up to %s of %s; Red: more than %s.", why, pct(amber), base, pct(amber))}
	}
}

// cohortRule rates only the children with no recorded plan.
func cohortRule(m *Measures, v Value, _, den int) RAGRating {
	if v.Key != CohortKey(PlanNotRecorded) {
		return RAGRating{}
	}
	return RAGRating{Threshold: "0 (none)", Status: ragNoneOrFew(v.Count, den, 0.05),
		Rule: "Every child in care should have a recorded permanence plan. Green: none missing; Amber: up to 5% of children in care; Red: more than 5%."}
}

func preProceedingsRule(m *Measures, v Value, _, _ int) RAGRating {
	th := m.Thresholds
	return RAGRating{Threshold: fmt.Sprintf("≤ %d days", th.PreProceedingsDays),
		Status: ragAtMost(v.Number, float64(th.PreProceedingsDays), float64(th.ProceedingsDays)),
		Rule: fmt.Sprintf("Pre-proceedings best practice is %s. Green: median up to %d days; Amber: up to %d days (the proceedings limit); Red: longer.",
			WeeksText(th.PreProceedingsDays), th.PreProceedingsDays, th.ProceedingsDays)}
}

// nationalDuration is the national average time to disposal of care and
// supervision cases (the Ministry of Justice's, in the benchmark table,
// beside final_hearings.median_weeks) as at m's date, in weeks, and a
// note naming it with its period; ok is false when the table has none.
func nationalDuration(m *Measures) (weeks float64, note string, ok bool) {
	b, ok := m.National(KeyFinalHearingsMedianWeeks)
	if !ok || b.Unit != BenchWeeks {
		return 0, "", false
	}
	return b.Value, fmt.Sprintf("the %s average, %s", b.Area, b.Period), true
}

// amberUpTo says a rule's amber band, up to the national average when
// there is one above the green limit: "Amber: up to 266 days (38 weeks,
// the England and Wales average, Apr–Jun 2025); ".
func amberUpTo(limit, national float64, have bool, amount, note string) string {
	switch {
	case !have:
		return "Amber: none (the benchmark table holds no national average to set it); "
	case national <= limit:
		return "Amber: none (" + note + ", is within the limit); "
	}
	return "Amber: up to " + amount + " (" + note + "); "
}

func proceedingsMedianRule(m *Measures, v Value, _, _ int) RAGRating {
	th := m.Thresholds
	weeks, note, have := nationalDuration(m)
	amber := math.Round(weeks * 7)
	if !have {
		amber = float64(th.ProceedingsDays)
	}
	return RAGRating{Threshold: fmt.Sprintf("≤ %d days", th.ProceedingsDays),
		Status: ragAtMost(v.Number, float64(th.ProceedingsDays), amber),
		Rule: fmt.Sprintf("Proceedings so far, against the %s limit. Green: median up to %d days; %sRed: longer.",
			WeeksText(th.ProceedingsDays), th.ProceedingsDays,
			amberUpTo(float64(th.ProceedingsDays), amber, have, fmt.Sprintf("%g days (%g weeks)", amber, weeks), note))}
}

func finalHearingsShareRule(m *Measures, _ Value, num, den int) RAGRating {
	national := ""
	if b, ok := m.National(KeyFinalHearingsWithin26Weeks); ok {
		national = fmt.Sprintf(" (the %s share within the statutory limit was %s, %s)", b.Area, b.ValueText(), b.Period)
	}
	return RAGRating{Threshold: "≥ 50%", Status: ragShare(num, den, 0.5, 0.33),
		Rule: fmt.Sprintf("Share of final hearings within %s of issue. Green: 50%% or more; Amber: 33%% to under 50%%%s; Red: under 33%%.",
			WeeksText(m.Thresholds.ProceedingsDays), national)}
}

func finalHearingsMedianRule(m *Measures, v Value, _, _ int) RAGRating {
	limit := float64(m.Thresholds.ProceedingsDays) / 7
	weeks, note, have := nationalDuration(m)
	amber := weeks
	if !have {
		amber = limit
	}
	return RAGRating{Threshold: fmt.Sprintf("≤ %g weeks", limit), Status: ragAtMost(v.Number, limit, amber),
		Rule: fmt.Sprintf("Green: median up to %g weeks (the statutory limit); %sRed: longer.",
			limit, amberUpTo(limit, weeks, have, fmt.Sprintf("%g weeks", weeks), note))}
}

// scorecardRule rates an adoption scorecard mean against its threshold:
// amber up to 61 days (2 months) over it.
func scorecardRule(name string) func(*Measures, Value, int, int) RAGRating {
	return func(m *Measures, v Value, _, _ int) RAGRating {
		limit := m.Thresholds.A1Days
		if name == "A2" {
			limit = m.Thresholds.A2Days
		}
		return RAGRating{Threshold: fmt.Sprintf("≤ %d days", limit),
			Status: ragAtMost(v.Number, float64(limit), float64(limit+61)),
			Rule: fmt.Sprintf("Adoption scorecard %s threshold %d days. Green: mean at or under it; Amber: up to %d days (2 months over); Red: longer.",
				name, limit, limit+61)}
	}
}

func placedWithParentsRule(m *Measures, v Value, _, den int) RAGRating {
	return RAGRating{Threshold: "0 (none)", Status: ragNoneOrFew(v.Count, den, 0.1),
		Rule: fmt.Sprintf("Placed with parents over %s should lead to a discharge application. Green: none; Amber: up to 10%% of children placed with parents; Red: more than 10%%.",
			MonthsText(m.Thresholds.PlacedWithParentsMonths))}
}

func awaitingRevocationRule(m *Measures, v Value, _, _ int) RAGRating {
	st := RAGGreen
	if v.Count > 0 {
		st = RAGAmber
		for _, i := range m.Members[KeyAwaitingRevocation] {
			if m.HasDrift(i, DriftPlacementOrderNotRevoked) {
				st = RAGRed
				break
			}
		}
	}
	return RAGRating{Threshold: "0 (none)", Status: st,
		Rule: fmt.Sprintf("A placement order should be revoked promptly once adoption is no longer the plan. Green: none waiting; Amber: all waiting under %s; Red: any waiting longer.",
			MonthsText(m.Thresholds.AdoptionEndedMonths))}
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
