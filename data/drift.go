package data

import "fmt"

// DriftKind names a way a child's plan can drift (measures.md, "Drift flags").
type DriftKind uint8

// The drift flags, in the order the panel's agenda lists them.
const (
	DriftPlanNotConfirmed DriftKind = iota
	DriftPreProceedings
	DriftProceedings
	DriftPlacementOrderNoMatch
	DriftPlacedWithParents
	DriftCareOrderNotLTF
	DriftPlacementOrderNotRevoked
	DriftPanelReviewOverdue
	numDriftKinds
)

// DriftKinds lists every kind in agenda order.
var DriftKinds = func() []DriftKind {
	out := make([]DriftKind, numDriftKinds)
	for i := range out {
		out[i] = DriftKind(i)
	}
	return out
}()

// NoDrift marks a measure that drives no drift flag.
const NoDrift = numDriftKinds

// Label is the flag as the panel's agenda words it, with the thresholds in
// force.
func (k DriftKind) Label(th Thresholds) string {
	switch k {
	case DriftPlanNotConfirmed:
		return "Plan not confirmed by the second review"
	case DriftPreProceedings:
		return "In pre-proceedings over " + WeeksText(th.PreProceedingsDays)
	case DriftProceedings:
		return "In proceedings over " + WeeksText(th.ProceedingsDays)
	case DriftPlacementOrderNoMatch:
		return fmt.Sprintf("Placement order over %d days with no match", th.A2Days)
	case DriftPlacedWithParents:
		return "Placed with parents over " + MonthsText(th.PlacedWithParentsMonths) + ", no discharge application"
	case DriftCareOrderNotLTF:
		return "Care order over " + MonthsText(th.CareOrderMonths) + ", plan not LTF, no order applied for"
	case DriftPlacementOrderNotRevoked:
		return "Adoption plan ended over " + MonthsText(th.AdoptionEndedMonths) + " ago, placement order not revoked"
	case DriftPanelReviewOverdue:
		return "Panel review overdue"
	}
	return ""
}

// Short is a compact label for table cells, with the thresholds in force.
func (k DriftKind) Short(th Thresholds) string {
	switch k {
	case DriftPlanNotConfirmed:
		return "Plan unconfirmed"
	case DriftPreProceedings:
		return "PLO > " + shortWeeks(th.PreProceedingsDays)
	case DriftProceedings:
		return "Proceedings > " + shortWeeks(th.ProceedingsDays)
	case DriftPlacementOrderNoMatch:
		return "PO no match"
	case DriftPlacedWithParents:
		return "PWP > " + MonthsText(th.PlacedWithParentsMonths)
	case DriftCareOrderNotLTF:
		return "Care order, not LTF"
	case DriftPlacementOrderNotRevoked:
		return "PO not revoked"
	case DriftPanelReviewOverdue:
		return "Review overdue"
	}
	return ""
}

// shortWeeks is "26 wks", or "180 days" when not whole weeks.
func shortWeeks(days int) string {
	if days%7 == 0 {
		return fmt.Sprintf("%d wks", days/7)
	}
	return fmt.Sprintf("%d days", days)
}

// DriftFlag is one drift flag on a child, with the date it started running
// from and the days it has run by the as-at date.
type DriftFlag struct {
	Kind  DriftKind
	Since Date
	Days  int
}

// computeDrift sets m.Drift from the children's states and the same
// definitions as the measures. Thresholds come from m.Thresholds.
func computeDrift(m *Measures) {
	a, th := m.AsOf, m.Thresholds
	m.Drift = make([][]DriftFlag, len(m.Children))
	flag := func(i int, k DriftKind, since Date) {
		m.Drift[i] = append(m.Drift[i], DriftFlag{Kind: k, Since: since, Days: Days(since, a)})
	}
	member := func(key Key) []bool {
		s := make([]bool, len(m.Children))
		for _, i := range m.Members[key] {
			s[i] = true
		}
		return s
	}
	pre, proc := member(KeyPreProceedings), member(KeyProceedings)
	pwp := member(KeyPlacedWithParentsOverLimit)
	coNotLTF := member(KeyCareOrderPlanNotLTF)
	awaiting := member(KeyAwaitingRevocation)
	endedCut := a.AddMonths(-th.AdoptionEndedMonths)
	for i := range m.Children {
		c := &m.Children[i]
		inCare := InCare(c, a)
		if inCare && c.SecondReview.By(a) && !c.PlanConfirmed.By(a) {
			flag(i, DriftPlanNotConfirmed, c.SecondReview)
		}
		if pre[i] && Days(c.PreProceedingsStart, a) > th.PreProceedingsDays {
			flag(i, DriftPreProceedings, c.PreProceedingsStart)
		}
		if proc[i] && Days(c.ProceedingsIssued, a) > th.ProceedingsDays {
			flag(i, DriftProceedings, c.ProceedingsIssued)
		}
		if inCare && c.PlacementOrder.By(a) && !c.Match.By(a) && !c.AdoptionOrder.By(a) &&
			!c.AdoptionPlanEnded.By(a) && !c.PlacementOrderRevoked.By(a) && Days(c.PlacementOrder, a) > th.A2Days {
			flag(i, DriftPlacementOrderNoMatch, c.PlacementOrder)
		}
		if pwp[i] {
			flag(i, DriftPlacedWithParents, c.PlacedWithParents)
		}
		if coNotLTF[i] && !c.PlacementOrder.By(a) && !c.AdoptionApplication.By(a) &&
			!c.SGOApplication.By(a) && !c.DischargeApplication.By(a) {
			flag(i, DriftCareOrderNotLTF, c.CareOrder)
		}
		if awaiting[i] && c.AdoptionPlanEnded <= endedCut {
			flag(i, DriftPlacementOrderNotRevoked, c.AdoptionPlanEnded)
		}
		if inCare && !c.NextPanelReview.IsZero() && c.NextPanelReview < a {
			flag(i, DriftPanelReviewOverdue, c.NextPanelReview)
		}
	}
}
