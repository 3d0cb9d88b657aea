package data

import (
	"fmt"
	"sort"
	"strings"
)

// Value is one measure.
type Value struct {
	Key     Key
	Label   string
	Group   string
	IsCount bool
	Count   int     // for counts
	Number  float64 // for medians and means, rounded to 1 decimal place
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
	Members  map[Key][]int
	Drift    [][]DriftFlag // per child, same order as Children
	Quarters []Quarter     // the trend quarters, oldest first
	// Benchmarks are the published figures to set beside the measures
	// (nil: none); the figures service attaches the shipped table and the
	// authority's own. The rules that cite a national figure read it here.
	Benchmarks *BenchmarkTable
	index      map[Key]int
}

// Quarter is one calendar quarter of a trend.
type Quarter struct {
	Label      string // 2025-Q2: the calendar label measure keys use
	Name       string // the label people read: Label, or "2025/26 Q1" with financial-year quarters
	Start, End Date   // first and last day
}

// QuarterName is the quarter that starts on start as people read it: the
// calendar label ("2025-Q2", Q1 is January–March), or with financial-year
// quarters (Q1 is April–June) the financial year and its quarter
// ("2025/26 Q1"). The quarters' boundaries are the same either way.
func QuarterName(start Date, financial bool) string {
	if !financial {
		return start.Quarter()
	}
	y, m, _ := start.YMD()
	q := (m-1)/3 + 1 // calendar quarter
	fy := y
	if q == 1 {
		fy-- // January–March is the fourth quarter of the year begun last April
	}
	return fmt.Sprintf("%d/%02d Q%d", fy, (fy+1)%100, (q+2)%4+1)
}

// Get returns the value of a key and whether it was computed (a median with
// no values is absent).
// A key that is not in the catalogue panics: use the Key constants, and
// ParseKey or Value for keys a person typed.
func (m *Measures) Get(key Key) (Value, bool) {
	i, ok := m.index[key]
	if !ok {
		mustLookup(key)
		return Value{}, false
	}
	return m.Values[i], true
}

// Value returns a key's value; an unknown key is an error, and so is a
// median or mean with no values to take it over.
func (m *Measures) Value(key Key) (Value, error) {
	if _, err := Lookup(key); err != nil {
		return Value{}, err
	}
	v, ok := m.Get(key)
	if !ok {
		return Value{}, fmt.Errorf("%s has no value as at %s: nothing to take it over", key, m.AsOf.UK())
	}
	return v, nil
}

// Count returns a count key's value (0 when absent).
func (m *Measures) Count(key Key) int {
	v, _ := m.Get(key)
	return v.Count
}

// Number returns a median or mean key's value and whether it is present.
func (m *Measures) Number(key Key) (float64, bool) {
	v, ok := m.Get(key)
	return v.Number, ok
}

// ChildrenOf returns the children a count key counts.
func (m *Measures) ChildrenOf(key Key) []*Child {
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
		m.index = map[Key]int{}
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
	a, from  Date
}

// label is a key's catalogue label with the thresholds in force, and the
// plan or quarter of a cohort or trend key put in.
func (b *measureBuilder) label(key Key) string {
	e := mustLookup(key)
	l := e.Label(b.m.Thresholds)
	if e.Pattern {
		parts := strings.Split(string(key), ".")
		if parts[0] == "cohort" {
			p, _ := PlanFromKey(parts[1])
			l = strings.Replace(l, "PLAN", p.Label(), 1)
		} else {
			l = strings.Replace(l, "QUARTER", parts[2], 1)
		}
	}
	return l
}

func (b *measureBuilder) add(v Value) {
	e := mustLookup(v.Key)
	v.Group, v.Label = e.Group, b.label(v.Key)
	b.m.Put(v)
}

// count adds a count key over the children of from (all children when from
// is nil) that match pred, and returns them.
func (b *measureBuilder) count(key Key, from []int, pred func(c *Child) bool) []int {
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
	return b.set(key, out)
}

// set adds a count key for a set of children already chosen.
func (b *measureBuilder) set(key Key, members []int) []int {
	if members == nil {
		members = []int{}
	}
	b.add(Value{Key: key, IsCount: true, Count: len(members)})
	b.m.Members[key] = members
	return members
}

// median adds the median of days(c) over set, divided by per (1 for days,
// 7 for weeks); left out when set is empty.
func (b *measureBuilder) median(key Key, set []int, per int64, days func(c *Child) int) {
	if len(set) == 0 {
		return
	}
	vs := make([]int, len(set))
	for i, j := range set {
		vs[i] = days(&b.children[j])
	}
	p, q := medianRatio(vs)
	b.add(Value{Key: key, Number: RoundRatio(p, q*per)})
}

// mean adds the mean of days(c) over set; left out when set is empty.
func (b *measureBuilder) mean(key Key, set []int, days func(c *Child) int) {
	if len(set) == 0 {
		return
	}
	var sum int64
	for _, j := range set {
		sum += int64(days(&b.children[j]))
	}
	b.add(Value{Key: key, Number: RoundRatio(sum, int64(len(set)))})
}

// where keeps the members of set whose child matches pred.
func (b *measureBuilder) where(set []int, pred func(c *Child) bool) []int {
	var out []int
	for _, i := range set {
		if pred(&b.children[i]) {
			out = append(out, i)
		}
	}
	return out
}

func (b *measureBuilder) by(d Date) bool    { return d.By(b.a) }
func (b *measureBuilder) notBy(d Date) bool { return !d.By(b.a) }
func (b *measureBuilder) in(d Date) bool    { return d.In(b.from, b.a) }

// InCare reports whether the child is looked after at a: entered care by a,
// not ceased by a, and not on a V3/V4 short break.
func InCare(c *Child, a Date) bool {
	return c.EnteredCare.By(a) && !c.CeasedCare.By(a) && !IsShortBreak(c.LegalStatus)
}

// A2Days is A2's days from placement order to match, counted as 0 when the
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

// Compute works out every measure of the catalogue (measures.md) for the
// children's states as at a, over the period from < d <= a (from defaults
// to a less PeriodMonths), with the children behind every count and each
// child's drift flags.
func Compute(children []Child, a, from Date, th Thresholds) *Measures {
	if from.IsZero() {
		from = a.AddMonths(-th.PeriodMonths)
	}
	m := &Measures{AsOf: a, PeriodStart: from, Thresholds: th, Children: children,
		Members: map[Key][]int{}, index: map[Key]int{}}
	b := &measureBuilder{m: m, children: children, a: a, from: from}
	inCare := b.count(KeyInCare, nil, func(c *Child) bool { return InCare(c, a) })
	for _, p := range Plans {
		b.count(CohortKey(p), inCare, func(c *Child) bool { return c.Plan == p })
	}
	b.plans(inCare)
	b.court()
	b.adoption(inCare)
	b.otherRoutes(inCare)
	b.celebrations()
	b.trends()
	computeDrift(m)
	return m
}

func (b *measureBuilder) plans(inCare []int) {
	reviewed := b.count(KeyPlanConfirmedDenominator, inCare, func(c *Child) bool { return b.by(c.SecondReview) })
	b.count(KeyPlanConfirmedNumerator, reviewed,
		func(c *Child) bool { return !c.PlanConfirmed.IsZero() && c.PlanConfirmed <= c.SecondReview })
	ltfPlaced := b.count(KeyLTFMatchDenominator, inCare,
		func(c *Child) bool { return c.Plan == PlanLongTermFostering && IsLTFPlacement(c.PlacementType) })
	b.count(KeyLTFMatchNumerator, ltfPlaced, func(c *Child) bool { return b.by(c.LTFPanel) && b.by(c.LTFADM) })
	b.count(KeyLTFPlanNotInLTFPlacement, inCare,
		func(c *Child) bool { return c.Plan == PlanLongTermFostering && !IsLTFPlacement(c.PlacementType) })
	b.m.Members[ListLTFWithoutRatifiedMatch] = b.where(inCare, func(c *Child) bool {
		return c.Plan == PlanLongTermFostering && !(b.by(c.LTFPanel) && b.by(c.LTFADM))
	})
	careOrderCut := b.a.AddMonths(-b.m.Thresholds.CareOrderMonths)
	b.count(KeyCareOrderPlanNotLTF, inCare, func(c *Child) bool {
		return !c.CareOrder.IsZero() && c.CareOrder <= careOrderCut && c.Plan != PlanLongTermFostering
	})
}

func (b *measureBuilder) court() {
	a, limit := b.a, b.m.Thresholds.ProceedingsDays
	pre := b.count(KeyPreProceedings, nil, func(c *Child) bool {
		return b.by(c.PreProceedingsStart) && b.notBy(c.PreProceedingsEnd) && b.notBy(c.ProceedingsIssued)
	})
	b.median(KeyPreProceedingsMedianDays, pre, 1, func(c *Child) int { return Days(c.PreProceedingsStart, a) })
	proc := b.count(KeyProceedings, nil, func(c *Child) bool { return b.by(c.ProceedingsIssued) && b.notBy(c.FinalHearing) })
	b.count(KeyProceedingsOver26Weeks, proc, func(c *Child) bool { return Days(c.ProceedingsIssued, a) > limit })
	b.median(KeyProceedingsMedianDays, proc, 1, func(c *Child) int { return Days(c.ProceedingsIssued, a) })
	fh := b.count(KeyFinalHearings, nil, func(c *Child) bool {
		return b.in(c.FinalHearing) && !c.ProceedingsIssued.IsZero() && c.ProceedingsIssued <= c.FinalHearing
	})
	b.count(KeyFinalHearingsWithin26Weeks, fh, func(c *Child) bool { return Days(c.ProceedingsIssued, c.FinalHearing) <= limit })
	b.median(KeyFinalHearingsMedianWeeks, fh, 7, func(c *Child) int { return Days(c.ProceedingsIssued, c.FinalHearing) })
}

func (b *measureBuilder) adoption(inCare []int) {
	th := b.m.Thresholds
	b.count(KeyAdoptionActive, inCare, func(c *Child) bool {
		return c.Plan == PlanAdoption && b.by(c.ADMAdoption) && b.notBy(c.AdoptionOrder)
	})
	orders := b.count(KeyAdoptionOrders, nil, func(c *Child) bool { return b.in(c.AdoptionOrder) })
	a1 := b.count(KeyA1Count, orders, func(c *Child) bool { return !c.EnteredCare.IsZero() && !c.PlacedForAdoption.IsZero() })
	a1Days := func(c *Child) int { return Days(c.EnteredCare, c.PlacedForAdoption) }
	b.mean(KeyA1MeanDays, a1, a1Days)
	b.count(KeyA1Within, a1, func(c *Child) bool { return a1Days(c) <= th.A1Days })
	a2 := b.count(KeyA2Count, orders, func(c *Child) bool { return !c.PlacementOrder.IsZero() && !c.Match.IsZero() })
	b.mean(KeyA2MeanDays, a2, A2Days)
	b.count(KeyA2Within, a2, func(c *Child) bool { return A2Days(c) <= th.A2Days })
	a10 := b.count(KeyA10Count, orders, func(c *Child) bool { return !c.EnteredCare.IsZero() && !a10Stop(c).IsZero() })
	a10Days := func(c *Child) int { return Days(c.EnteredCare, a10Stop(c)) }
	b.mean(KeyA10MeanDays, a10, a10Days)
	b.count(KeyA10Within, a10, func(c *Child) bool { return a10Days(c) <= th.A1Days })
	b.count(KeyAwaitingRevocation, nil, func(c *Child) bool {
		return b.by(c.PlacementOrder) && b.by(c.AdoptionPlanEnded) && b.notBy(c.AdoptionOrder) && b.notBy(c.PlacementOrderRevoked)
	})
	b.count(KeyPlacementOrdersRevoked, nil, func(c *Child) bool { return b.in(c.PlacementOrderRevoked) })
	b.count(KeyEarlyPermanenceCurrent, inCare, func(c *Child) bool { return b.by(c.EarlyPermanence) && b.notBy(c.AdoptionOrder) })
	ep := b.count(KeyEarlyPermanencePlacements, nil, func(c *Child) bool { return b.in(c.EarlyPermanence) })
	b.median(KeyEarlyPermanenceMedianDays, b.where(ep, func(c *Child) bool { return !c.EnteredCare.IsZero() }), 1,
		func(c *Child) int { return Days(c.EnteredCare, c.EarlyPermanence) })
}

func (b *measureBuilder) otherRoutes(inCare []int) {
	b.count(KeySGOPlan, inCare, func(c *Child) bool { return c.Plan == PlanSpecialGuardianship })
	b.count(KeySGOApplicationsPending, nil, func(c *Child) bool { return b.by(c.SGOApplication) && b.notBy(c.SGOOrder) })
	sgo := b.count(KeySGOOrders, nil, func(c *Child) bool { return b.in(c.SGOOrder) })
	b.median(KeySGOMedianDays, b.where(sgo, func(c *Child) bool { return !c.SGOApplication.IsZero() }), 1,
		func(c *Child) int { return Days(c.SGOApplication, c.SGOOrder) })
	b.count(KeyCAOOrders, nil, func(c *Child) bool { return b.in(c.CAOOrder) })

	pwp := b.count(KeyPlacedWithParents, inCare,
		func(c *Child) bool { return c.Plan == PlanReunification && b.by(c.PlacedWithParents) })
	pwpCut := b.a.AddMonths(-b.m.Thresholds.PlacedWithParentsMonths)
	b.count(KeyPlacedWithParentsOverLimit, pwp,
		func(c *Child) bool { return c.PlacedWithParents <= pwpCut && b.notBy(c.DischargeApplication) })
	b.count(KeyCareOrdersDischarged, nil, func(c *Child) bool { return b.in(c.CareOrderDischarged) })
	b.count(KeyLTFMatchesRatified, nil, func(c *Child) bool { return b.in(c.LTFADM) })
}

// celebrations adds celebrations.total: the sum of the success counts
// (measures.md). A child with two successes in the period counts twice in
// the total but is listed once among its members.
func (b *measureBuilder) celebrations() {
	m := b.m
	var celebrated []int
	seen := map[int]bool{}
	total := 0
	for _, k := range SuccessKeys {
		total += m.Count(k)
		for _, i := range m.Members[k] {
			if !seen[i] {
				seen[i] = true
				celebrated = append(celebrated, i)
			}
		}
	}
	sort.Ints(celebrated)
	b.set(KeyCelebrations, celebrated)
	m.Values[m.index[KeyCelebrations]].Count = total
}

// TrendQuarters returns the n calendar quarters ending with the one that
// contains a, oldest first, named for people as financial says (see
// QuarterName).
func TrendQuarters(a Date, n int, financial bool) []Quarter {
	qs := make([]Quarter, n)
	start := a.QuarterStart()
	for i := n - 1; i >= 0; i-- {
		end := start.AddMonths(3).AddDays(-1)
		qs[i] = Quarter{Label: start.Quarter(), Name: QuarterName(start, financial), Start: start, End: end}
		start = start.AddMonths(-3)
	}
	return qs
}

// quarterIndex is the trend quarter holding d (on or before a), or -1.
func quarterIndex(qs []Quarter, a, d Date) int {
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

func (b *measureBuilder) trends() {
	m, a, limit := b.m, b.a, b.m.Thresholds.ProceedingsDays
	m.Quarters = TrendQuarters(a, m.Thresholds.TrendQuarters, m.Thresholds.FinancialQuarters)
	qs := m.Quarters
	// One pass over the children puts each final hearing and placement
	// order (on or before A, after the issue date) in its quarter.
	hearings := make([][]int, len(qs))
	orders := make([][]int, len(qs))
	for i := range b.children {
		c := &b.children[i]
		if c.ProceedingsIssued.IsZero() {
			continue
		}
		if q := quarterIndex(qs, a, c.FinalHearing); q >= 0 && c.ProceedingsIssued <= c.FinalHearing {
			hearings[q] = append(hearings[q], i)
		}
		if q := quarterIndex(qs, a, c.PlacementOrder); q >= 0 && c.ProceedingsIssued <= c.PlacementOrder {
			orders[q] = append(orders[q], i)
		}
	}
	for i, q := range qs {
		fh := b.set(TrendKey(TrendFinalHearing, q, TrendCount), hearings[i])
		b.median(TrendKey(TrendFinalHearing, q, TrendMedianWeeks), fh, 7,
			func(c *Child) int { return Days(c.ProceedingsIssued, c.FinalHearing) })
		b.count(TrendKey(TrendFinalHearing, q, TrendWithin26Weeks), fh,
			func(c *Child) bool { return Days(c.ProceedingsIssued, c.FinalHearing) <= limit })
	}
	for i, q := range qs {
		po := b.set(TrendKey(TrendPlacementOrder, q, TrendCount), orders[i])
		b.median(TrendKey(TrendPlacementOrder, q, TrendMedianWeeks), po, 7,
			func(c *Child) int { return Days(c.ProceedingsIssued, c.PlacementOrder) })
	}
}
