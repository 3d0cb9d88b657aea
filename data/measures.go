package data

import (
	"fmt"
	"sort"
)

// Thresholds are the panel's named limits. They are settings, since the
// national thresholds have changed over the years.
type Thresholds struct {
	ProceedingsDays         int // care proceedings should finish within 26 weeks (182 days)
	PreProceedingsDays      int // pre-proceedings best practice: 16 weeks (112 days)
	A1Days                  int // adoption scorecard A1 (and A10): entering care to placed, 426 days
	A2Days                  int // adoption scorecard A2: placement order to match, 121 days
	PlacedWithParentsMonths int // placed with parents this long without a discharge application is drift
	CareOrderMonths         int // care order this long with a plan other than LTF
	AdoptionEndedMonths     int // adoption plan ended this long with the placement order not revoked
	PeriodMonths            int // the default reporting period before the as-at date
	TrendQuarters           int // quarters in each trend
}

// DefaultThresholds are the values in measures.md.
func DefaultThresholds() Thresholds {
	return Thresholds{ProceedingsDays: 182, PreProceedingsDays: 112, A1Days: 426, A2Days: 121,
		PlacedWithParentsMonths: 6, CareOrderMonths: 6, AdoptionEndedMonths: 3, PeriodMonths: 12, TrendQuarters: 8}
}

// Value is one measure.
type Value struct {
	Key     string
	Label   string
	Group   string
	IsCount bool
	Count   int     // for counts
	Number  float64 // for medians and means, rounded to 1 decimal place
	// Threshold says which limit a measure is held against, in words ("26 weeks"); may be empty.
	Threshold string
}

// Text formats the value for a table.
func (v Value) Text() string {
	if v.IsCount {
		return fmt.Sprint(v.Count)
	}
	return fmt.Sprintf("%.1f", v.Number)
}

// Measures is the panel's data set as at one date, with the children
// behind every count (for drill-down) and each child's drift flags.
type Measures struct {
	AsOf        Date
	PeriodStart Date
	Thresholds  Thresholds
	Children    []Child
	Values      []Value
	// Members holds, for every count key, the indices into Children of the
	// children it counts.
	Members  map[string][]int
	Drift    [][]DriftFlag // per child, same order as Children
	Quarters []Quarter     // the trend quarters, oldest first
	index    map[string]int
}

// Quarter is one calendar quarter of a trend.
type Quarter struct {
	Label      string // 2025-Q2
	Start, End Date   // first and last day
}

// Get returns the value of a key and whether it was computed (a median with
// no values is absent).
func (m *Measures) Get(key string) (Value, bool) {
	i, ok := m.index[key]
	if !ok {
		return Value{}, false
	}
	return m.Values[i], true
}

// Count returns a count key's value (0 when absent).
func (m *Measures) Count(key string) int {
	v, _ := m.Get(key)
	return v.Count
}

// Number returns a median or mean key's value and whether it is present.
func (m *Measures) Number(key string) (float64, bool) {
	v, ok := m.Get(key)
	return v.Number, ok
}

// ChildrenOf returns the children a count key counts.
func (m *Measures) ChildrenOf(key string) []*Child {
	idx := m.Members[key]
	out := make([]*Child, len(idx))
	for i, j := range idx {
		out[i] = &m.Children[j]
	}
	return out
}

// roundRatio rounds p/q half away from zero to one decimal place, exactly.
func RoundRatio(p, q int64) float64 {
	if q < 0 {
		p, q = -p, -q
	}
	neg := p < 0
	if neg {
		p = -p
	}
	tenths := (20*p + q) / (2 * q)
	v := float64(tenths) / 10
	if neg {
		v = -v
	}
	return v
}

// medianRatio returns the median of vs as a ratio p/q (vs is sorted here).
func medianRatio(vs []int) (int64, int64) {
	sort.Ints(vs)
	n := len(vs)
	if n%2 == 1 {
		return int64(vs[n/2]), 1
	}
	return int64(vs[n/2-1] + vs[n/2]), 2
}

// Put adds a value to the data set (or replaces the value of its key).
func (m *Measures) Put(v Value) {
	if m.index == nil {
		m.index = map[string]int{}
	}
	if i, ok := m.index[v.Key]; ok {
		m.Values[i] = v
		return
	}
	m.index[v.Key] = len(m.Values)
	m.Values = append(m.Values, v)
}

type measureBuilder struct {
	m        *Measures
	children []Child
	group    string
}

func (b *measureBuilder) add(v Value) {
	v.Group = b.group
	b.m.index[v.Key] = len(b.m.Values)
	b.m.Values = append(b.m.Values, v)
}

// count adds a count key over the children of from (all children when from
// is nil) that match pred, and returns them.
func (b *measureBuilder) count(key, label string, from []int, pred func(c *Child) bool) []int {
	var out []int
	if from == nil {
		for i := range b.children {
			if pred(&b.children[i]) {
				out = append(out, i)
			}
		}
	} else {
		for _, i := range from {
			if pred(&b.children[i]) {
				out = append(out, i)
			}
		}
	}
	return b.set(key, label, out)
}

// set adds a count key for a set of children already chosen.
func (b *measureBuilder) set(key, label string, members []int) []int {
	if members == nil {
		members = []int{}
	}
	b.add(Value{Key: key, Label: label, IsCount: true, Count: len(members)})
	b.m.Members[key] = members
	return members
}

// median adds the median of days(c) over set, divided by per (1 for days,
// 7 for weeks); left out when set is empty.
func (b *measureBuilder) median(key, label string, set []int, per int64, days func(c *Child) int) {
	if len(set) == 0 {
		return
	}
	vs := make([]int, len(set))
	for i, j := range set {
		vs[i] = days(&b.children[j])
	}
	p, q := medianRatio(vs)
	b.add(Value{Key: key, Label: label, Number: RoundRatio(p, q*per)})
}

// mean adds the mean of days(c) over set; left out when set is empty.
func (b *measureBuilder) mean(key, label string, set []int, days func(c *Child) int) {
	if len(set) == 0 {
		return
	}
	var sum int64
	for _, j := range set {
		sum += int64(days(&b.children[j]))
	}
	b.add(Value{Key: key, Label: label, Number: RoundRatio(sum, int64(len(set)))})
}

// InCare reports whether the child is looked after at a: entered care by a,
// not ceased by a, and not on a V3/V4 short break.
func InCare(c *Child, a Date) bool {
	return c.EnteredCare.By(a) && !c.CeasedCare.By(a) && !IsShortBreak(c.LegalStatus)
}

// a2Days is A2's days from placement order to match, counted as 0 when the
// match came first (the adoption scorecard's rule).
func A2Days(c *Child) int {
	if d := Days(c.PlacementOrder, c.Match); d > 0 {
		return d
	}
	return 0
}

// a10Stop is when A10's clock stops: the day a child adopted by their
// foster carers first moved in with them, otherwise the adoptive placement.
func a10Stop(c *Child) Date {
	if c.FosterCarerAdoption && !c.A10Start.IsZero() && (c.PlacedForAdoption.IsZero() || c.A10Start < c.PlacedForAdoption) {
		return c.A10Start
	}
	return c.PlacedForAdoption
}

// Compute works out every measure of measures.md for the children's states
// as at a, over the period from < d <= a (from defaults to a less
// PeriodMonths).
func Compute(children []Child, a, from Date, th Thresholds) *Measures {
	if from.IsZero() {
		from = a.AddMonths(-th.PeriodMonths)
	}
	m := &Measures{AsOf: a, PeriodStart: from, Thresholds: th, Children: children,
		Members: map[string][]int{}, index: map[string]int{}}
	b := &measureBuilder{m: m, children: children}
	by := func(d Date) bool { return d.By(a) }
	in := func(d Date) bool { return d.In(from, a) }
	notBy := func(d Date) bool { return !d.By(a) }

	b.group = "Children in care"
	inCare := b.count("in_care", "Children in care", nil, func(c *Child) bool { return InCare(c, a) })
	for _, p := range Plans {
		p := p
		b.count("cohort."+p.Key(), "Plan: "+p.Label(), inCare, func(c *Child) bool { return c.Plan == p })
	}

	b.group = "Plans"
	reviewed := b.count("plan_confirmed_by_second_review.denominator", "Children in care who have had their second review", inCare,
		func(c *Child) bool { return by(c.SecondReview) })
	b.count("plan_confirmed_by_second_review.numerator", "… with the permanence plan confirmed by the second review", reviewed,
		func(c *Child) bool { return !c.PlanConfirmed.IsZero() && c.PlanConfirmed <= c.SecondReview })
	ltfPlaced := b.count("ltf_match_approved.denominator", "LTF plan in a long-term foster placement (U1/U4)", inCare,
		func(c *Child) bool { return c.Plan == PlanLongTermFostering && IsLTFPlacement(c.PlacementType) })
	b.count("ltf_match_approved.numerator", "… with the match approved by panel and ratified by the ADM", ltfPlaced,
		func(c *Child) bool { return by(c.LTFPanel) && by(c.LTFADM) })
	b.count("ltf_plan_not_in_ltf_placement", "LTF plan not recorded as an LTF placement", inCare,
		func(c *Child) bool { return c.Plan == PlanLongTermFostering && !IsLTFPlacement(c.PlacementType) })
	careOrderCut := a.AddMonths(-th.CareOrderMonths)
	b.count("care_order_6m_plan_not_ltf", fmt.Sprintf("Care order over %d months, plan not LTF", th.CareOrderMonths), inCare,
		func(c *Child) bool {
			return !c.CareOrder.IsZero() && c.CareOrder <= careOrderCut && c.Plan != PlanLongTermFostering
		})

	b.group = "Court"
	pre := b.count("pre_proceedings.count", "In pre-proceedings (PLO)", nil, func(c *Child) bool {
		return by(c.PreProceedingsStart) && notBy(c.PreProceedingsEnd) && notBy(c.ProceedingsIssued)
	})
	b.median("pre_proceedings.median_days", "Pre-proceedings: median days so far", pre, 1,
		func(c *Child) int { return Days(c.PreProceedingsStart, a) })
	proc := b.count("proceedings.count", "In care proceedings", nil, func(c *Child) bool {
		return by(c.ProceedingsIssued) && notBy(c.FinalHearing)
	})
	b.count("proceedings.over_26_weeks", "Proceedings over 26 weeks", proc,
		func(c *Child) bool { return Days(c.ProceedingsIssued, a) > th.ProceedingsDays })
	b.median("proceedings.median_days", "Proceedings: median days so far", proc, 1,
		func(c *Child) int { return Days(c.ProceedingsIssued, a) })
	fh := b.count("final_hearings.count", "Final hearings in the period", nil, func(c *Child) bool {
		return in(c.FinalHearing) && !c.ProceedingsIssued.IsZero() && c.ProceedingsIssued <= c.FinalHearing
	})
	b.count("final_hearings.within_26_weeks", "… within 26 weeks of issue", fh,
		func(c *Child) bool { return Days(c.ProceedingsIssued, c.FinalHearing) <= th.ProceedingsDays })
	b.median("final_hearings.median_weeks", "Final hearings: median weeks from issue", fh, 7,
		func(c *Child) int { return Days(c.ProceedingsIssued, c.FinalHearing) })

	b.group = "Adoption"
	b.count("adoption.active", "Active adoption plans (ADM decision, no order yet)", inCare, func(c *Child) bool {
		return c.Plan == PlanAdoption && by(c.ADMAdoption) && notBy(c.AdoptionOrder)
	})
	orders := b.count("adoption.orders", "Adoption orders in the period", nil, func(c *Child) bool { return in(c.AdoptionOrder) })
	a1 := b.count("adoption.a1_count", "A1: adopted children with entry and placement dates", orders,
		func(c *Child) bool { return !c.EnteredCare.IsZero() && !c.PlacedForAdoption.IsZero() })
	a1Days := func(c *Child) int { return Days(c.EnteredCare, c.PlacedForAdoption) }
	b.mean("adoption.a1_mean_days", "A1: mean days, entering care to moving in with adopters", a1, a1Days)
	b.count("adoption.a1_within_426", fmt.Sprintf("A1 within %d days", th.A1Days), a1,
		func(c *Child) bool { return a1Days(c) <= th.A1Days })
	a2 := b.count("adoption.a2_count", "A2: adopted children with placement order and match dates", orders,
		func(c *Child) bool { return !c.PlacementOrder.IsZero() && !c.Match.IsZero() })
	b.mean("adoption.a2_mean_days", "A2: mean days, placement order to match", a2, A2Days)
	b.count("adoption.a2_within_121", fmt.Sprintf("A2 within %d days", th.A2Days), a2,
		func(c *Child) bool { return A2Days(c) <= th.A2Days })
	a10 := b.count("adoption.a10_count", "A10: adopted children with entry and moving-in dates", orders,
		func(c *Child) bool { return !c.EnteredCare.IsZero() && !a10Stop(c).IsZero() })
	a10Days := func(c *Child) int { return Days(c.EnteredCare, a10Stop(c)) }
	b.mean("adoption.a10_mean_days", "A10: mean days, entering care to moving in with the family who adopted", a10, a10Days)
	b.count("adoption.a10_within_426", fmt.Sprintf("A10 within %d days", th.A1Days), a10,
		func(c *Child) bool { return a10Days(c) <= th.A1Days })
	b.count("po_not_adoption.awaiting_revocation", "Placement order, adoption no longer the plan, awaiting revocation", nil,
		func(c *Child) bool {
			return by(c.PlacementOrder) && by(c.AdoptionPlanEnded) && notBy(c.AdoptionOrder) && notBy(c.PlacementOrderRevoked)
		})
	b.count("po_not_adoption.revoked", "Placement orders revoked in the period", nil,
		func(c *Child) bool { return in(c.PlacementOrderRevoked) })
	b.count("early_permanence.current", "In an early permanence placement now", inCare,
		func(c *Child) bool { return by(c.EarlyPermanence) && notBy(c.AdoptionOrder) })
	ep := b.count("early_permanence.placements", "Early permanence placements in the period", nil,
		func(c *Child) bool { return in(c.EarlyPermanence) })
	var epDated []int
	for _, i := range ep {
		if !children[i].EnteredCare.IsZero() {
			epDated = append(epDated, i)
		}
	}
	b.median("early_permanence.median_days_to_placement", "Early permanence: median days from entering care", epDated, 1,
		func(c *Child) int { return Days(c.EnteredCare, c.EarlyPermanence) })

	b.group = "Special guardianship and child arrangements"
	b.count("sgo.plan", "Plan: special guardianship", inCare, func(c *Child) bool { return c.Plan == PlanSpecialGuardianship })
	b.count("sgo.applications_pending", "SGO applications pending", nil,
		func(c *Child) bool { return by(c.SGOApplication) && notBy(c.SGOOrder) })
	sgo := b.count("sgo.orders", "Special guardianship orders in the period", nil, func(c *Child) bool { return in(c.SGOOrder) })
	var sgoApplied []int
	for _, i := range sgo {
		if !children[i].SGOApplication.IsZero() {
			sgoApplied = append(sgoApplied, i)
		}
	}
	b.median("sgo.median_days_application_to_order", "SGO: median days from application to order", sgoApplied, 1,
		func(c *Child) int { return Days(c.SGOApplication, c.SGOOrder) })
	b.count("cao.orders", "Child arrangements orders in the period", nil, func(c *Child) bool { return in(c.CAOOrder) })

	b.group = "Reunification"
	pwp := b.count("reunification.placed_with_parents", "Plan reunification, placed with parents", inCare,
		func(c *Child) bool { return c.Plan == PlanReunification && by(c.PlacedWithParents) })
	pwpCut := a.AddMonths(-th.PlacedWithParentsMonths)
	b.count("reunification.over_6_months_no_application", fmt.Sprintf("… over %d months with no discharge application", th.PlacedWithParentsMonths), pwp,
		func(c *Child) bool { return c.PlacedWithParents <= pwpCut && notBy(c.DischargeApplication) })
	b.count("reunification.discharged", "Care orders discharged in the period", nil, func(c *Child) bool { return in(c.CareOrderDischarged) })

	b.group = "Long-term fostering"
	b.count("ltf.matches_ratified", "Long-term fostering matches ratified in the period", nil, func(c *Child) bool { return in(c.LTFADM) })

	b.group = "Celebrations"
	var celebrated []int
	seen := map[int]bool{}
	for _, k := range []string{"adoption.orders", "sgo.orders", "cao.orders", "reunification.discharged", "ltf.matches_ratified"} {
		for _, i := range m.Members[k] {
			if !seen[i] {
				seen[i] = true
				celebrated = append(celebrated, i)
			}
		}
	}
	sort.Ints(celebrated)
	total := m.Count("adoption.orders") + m.Count("sgo.orders") + m.Count("cao.orders") +
		m.Count("reunification.discharged") + m.Count("ltf.matches_ratified")
	b.set("celebrations.total", "Successes in the period", celebrated)
	if total != len(celebrated) {
		// A child with two successes in the period counts twice in the
		// total (measures.md adds the counts) but is listed once.
		m.Values[m.index["celebrations.total"]].Count = total
	}

	b.group = "Trends"
	computeTrends(b, a, th)
	computeDrift(m)
	return m
}

// TrendQuarters returns the n calendar quarters ending with the one that
// contains a, oldest first.
func TrendQuarters(a Date, n int) []Quarter {
	qs := make([]Quarter, n)
	start := a.QuarterStart()
	for i := n - 1; i >= 0; i-- {
		end := start.AddMonths(3).AddDays(-1)
		qs[i] = Quarter{Label: start.Quarter(), Start: start, End: end}
		start = start.AddMonths(-3)
	}
	return qs
}

func computeTrends(b *measureBuilder, a Date, th Thresholds) {
	m := b.m
	m.Quarters = TrendQuarters(a, th.TrendQuarters)
	qs := m.Quarters
	// One pass over the children puts each final hearing and placement
	// order (on or before A, after the issue date) in its quarter.
	quarterOf := func(d Date) int {
		if d.IsZero() || d > a || d < qs[0].Start || d > qs[len(qs)-1].End {
			return -1
		}
		for i := len(qs) - 1; i >= 0; i-- {
			if d >= qs[i].Start {
				return i
			}
		}
		return -1
	}
	hearings := make([][]int, len(qs))
	orders := make([][]int, len(qs))
	for i := range b.children {
		c := &b.children[i]
		if c.ProceedingsIssued.IsZero() {
			continue
		}
		if q := quarterOf(c.FinalHearing); q >= 0 && c.ProceedingsIssued <= c.FinalHearing {
			hearings[q] = append(hearings[q], i)
		}
		if q := quarterOf(c.PlacementOrder); q >= 0 && c.ProceedingsIssued <= c.PlacementOrder {
			orders[q] = append(orders[q], i)
		}
	}
	for i, q := range qs {
		prefix := "trend.final_hearing." + q.Label
		fh := b.set(prefix+".count", "Final hearings "+q.Label, hearings[i])
		b.median(prefix+".median_weeks", "Final hearings "+q.Label+": median weeks", fh, 7,
			func(c *Child) int { return Days(c.ProceedingsIssued, c.FinalHearing) })
		b.count(prefix+".within_26_weeks", "Final hearings "+q.Label+": within 26 weeks", fh,
			func(c *Child) bool { return Days(c.ProceedingsIssued, c.FinalHearing) <= th.ProceedingsDays })
	}
	for i, q := range qs {
		prefix := "trend.placement_order." + q.Label
		po := b.set(prefix+".count", "Placement orders "+q.Label, orders[i])
		b.median(prefix+".median_weeks", "Placement orders "+q.Label+": median weeks from issue", po, 7,
			func(c *Child) int { return Days(c.ProceedingsIssued, c.PlacementOrder) })
	}
}
