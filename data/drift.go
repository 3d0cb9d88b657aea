package data

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

var driftLabels = [...]string{
	"Plan not confirmed by the second review",
	"In pre-proceedings over 16 weeks",
	"In proceedings over 26 weeks",
	"Placement order over 121 days with no match",
	"Placed with parents over 6 months, no discharge application",
	"Care order over 6 months, plan not LTF, no order applied for",
	"Adoption plan ended over 3 months ago, placement order not revoked",
	"Panel review overdue",
}

var driftShort = [...]string{"Plan unconfirmed", "PLO > 16 wks", "Proceedings > 26 wks", "PO no match",
	"PWP > 6 months", "Care order, not LTF", "PO not revoked", "Review overdue"}

// Label is the flag as the panel's agenda words it.
func (k DriftKind) Label() string { return driftLabels[k] }

// Short is a compact label for table cells.
func (k DriftKind) Short() string { return driftShort[k] }

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
	member := func(key string) []bool {
		s := make([]bool, len(m.Children))
		for _, i := range m.Members[key] {
			s[i] = true
		}
		return s
	}
	pre, proc := member("pre_proceedings.count"), member("proceedings.count")
	pwp := member("reunification.over_6_months_no_application")
	coNotLTF := member("care_order_6m_plan_not_ltf")
	awaiting := member("po_not_adoption.awaiting_revocation")
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
