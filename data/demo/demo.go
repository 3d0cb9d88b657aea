// Package demo is the demo generator: a synthetic local authority whose
// monthly tracker extracts look like real ones (GenerateDemo), written as
// tracker files (WriteTrackerCSV, WriteTrackerXLSX) or loaded into a new
// store (LoadDemo). The same options and seed give identical output.
package demo

import (
	"math"
	"math/rand/v2"
	"permanence/data"
	"strconv"
)

// The demo authority: a synthetic English local authority whose monthly
// tracker extracts look like real ones. It is a simulation, not random
// codes: children enter care over many years before the first extract (so
// the cohort at the first extract is already a settled mix), each follows
// an explicit journey by route (adoption, special guardianship, child
// arrangements order, reunification, long-term fostering, residential
// step-down, leaving care at 18, other endings), with dated milestones, and
// each extract shows every child as at its own date. Rates are calibrated
// on domain.md's national figures.

// DemoOptions configure the demo authority.
type DemoOptions struct {
	Children  int       // about how many children are looked after at the last extract; default 600
	Months    int       // monthly extracts; default 24
	Seed      int64     // reproducible: the same options give identical output
	End       data.Date // date of the last extract; default the last day of the previous month
	Authority string    // default "Demo Borough Council"
}

// DemoExtract is one monthly snapshot: every child on the authority's
// tracker at that date (in care, or ceased in the last 12 months), as at
// that date.
type DemoExtract struct {
	Date     data.Date
	Children []data.Child
}

// DemoDefaults returns o with its defaults filled in.
func DemoDefaults(o DemoOptions) DemoOptions {
	if o.Children <= 0 {
		o.Children = 600
	}
	if o.Months <= 0 {
		o.Months = 24
	}
	if o.End.IsZero() {
		y, m, _ := data.Today().YMD()
		o.End = data.NewDate(y, m, 1).AddDays(-1)
	}
	if o.Authority == "" {
		o.Authority = "Demo Borough Council"
	}
	return o
}

// startsPerChild is the starts per year per child in care at the end
// that keeps the number in care near DemoOptions.Children (starts ≈ 0.40 ×
// children in care, domain.md). Family groups share an entry date, so
// arrivals are drawn per family.
const (
	startsPerChild = 0.405
	meanFamilySize = 1.35
	warmupYears    = 19 // every child in care at the first extract entered after this
)

// extractDates returns the monthly extract dates, oldest first: month
// ends when end is a month end, otherwise the same day each month.
func extractDates(end data.Date, months int) []data.Date {
	ds := make([]data.Date, months)
	_, _, next := end.AddDays(1).YMD()
	for i := 0; i < months; i++ {
		if next == 1 {
			ds[months-1-i] = end.AddDays(1).AddMonths(-i).AddDays(-1)
		} else {
			ds[months-1-i] = end.AddMonths(-i)
		}
	}
	return ds
}

// GenerateDemo simulates the authority and returns its monthly extracts,
// oldest first.
func GenerateDemo(o DemoOptions) []DemoExtract {
	o = DemoDefaults(o)
	dates := extractDates(o.End, o.Months)
	g := newGenerator(o)
	g.run(dates[0], o.End)

	out := make([]DemoExtract, len(dates))
	for k, a := range dates {
		since := a.AddMonths(-12)
		n := 0
		for i := range g.kept {
			j := &g.kept[i]
			if j.c.EnteredCare <= a && (j.c.CeasedCare.IsZero() || j.c.CeasedCare > since) {
				n++
			}
		}
		cs := make([]data.Child, 0, n)
		for i := range g.kept {
			j := &g.kept[i]
			if j.c.EnteredCare <= a && (j.c.CeasedCare.IsZero() || j.c.CeasedCare > since) {
				cs = append(cs, g.asAt(j, a))
			}
		}
		out[k] = DemoExtract{Date: a, Children: cs}
	}
	return out
}

// Routes: the way a child's period of care ends (or is meant to).
const (
	routeAdoption = iota
	routeSGO
	routeCAO
	routeHomeShort // accommodated under section 20, home within months
	routeHomeCourt // care proceedings, then home (at the final hearing or via P1 and discharge)
	routeLTF       // long-term fostering until 18
	routeResi      // residential care, perhaps stepping down, until 18
	routeLeave16   // entered at 16 or 17, leaves at 18
	routeOther     // other endings: another authority, moved abroad, ...
	routeShortBreak
	routeCount
)

// ageBands are entry-age bands (in years, upper bound exclusive) with
// their share of starts; routeMix gives each band's mix of routes.
var (
	ageBands   = [5][2]int{{0, 1}, {1, 5}, {5, 10}, {10, 16}, {16, 18}}
	ageWeights = []float64{0.19, 0.08, 0.17, 0.31, 0.25}
	routeMix   = [5][]float64{
		//  adopt  sgo   cao  home court  ltf  resi leave other
		{0.44, 0.15, 0.03, 0.06, 0.22, 0.06, 0, 0, 0.04},
		{0.17, 0.22, 0.05, 0.17, 0.25, 0.08, 0, 0, 0.06},
		{0.02, 0.20, 0.05, 0.21, 0.24, 0.16, 0.04, 0, 0.08},
		{0, 0.07, 0.03, 0.30, 0.16, 0.19, 0.12, 0, 0.13},
		{0, 0, 0, 0.08, 0.02, 0, 0.04, 0.79, 0.07},
	}
)

type episode struct {
	from data.Date
	code string
}

type planEpisode struct {
	from, confirmed data.Date
	text            string
	plan            data.Plan
}

// journey is one child's whole period of care: the final row (every
// milestone at its true date) plus what changes over time.
type journey struct {
	c         data.Child
	seed      uint64
	route     uint8
	fhKnown   data.Date // the final hearing is listed (known) from this date
	fcaKnown  data.Date // adoption by foster carers is known from this date
	ls, pl    [2]int32
	plans     [2]int32
	teamFrom  [3]data.Date
	team      [3]uint8
	worker    [3]uint16
	nameFirst uint16
	nameLast  uint16
	namePool  uint8
}

type family struct {
	left       int
	entered    data.Date
	ethnicity  int
	pool       int
	last       int
	courtSet   bool
	plo0, plo1 data.Date
	issue, fh  data.Date
}

type generator struct {
	o DemoOptions
	r *rand.Rand

	kept  []journey
	ls    []episode
	pl    []episode
	plans []planEpisode

	// scratch for the journey being built
	j     journey
	sls   []episode
	spl   []episode
	splan []planEpisode
	fam   family
	age   int // age in days at entry
	dob   data.Date
	band  int

	workers [len(teams)][]string
	idSalt  int
}

func newGenerator(o DemoOptions) *generator {
	g := &generator{o: o, r: rand.New(rand.NewPCG(uint64(o.Seed), 0x9e3779b97f4a7c15^uint64(o.Seed)*0xbf58476d1ce4e5b9))}
	per := o.Children / 110
	if per < 4 {
		per = 4
	}
	if per > 300 {
		per = 300
	}
	seen := map[string]bool{}
	for t := range teams {
		for k := 0; k < per; k++ {
			var name string
			for try := 0; try < 20; try++ {
				name = workerFirstNames[g.r.IntN(len(workerFirstNames))] + " " + workerLastNames[g.r.IntN(len(workerLastNames))]
				if !seen[name] {
					break
				}
			}
			seen[name] = true
			g.workers[t] = append(g.workers[t], name)
		}
	}
	g.idSalt = g.r.IntN(900000)
	return g
}

// --- random helpers ---

func (g *generator) between(a, b int) int {
	if b <= a {
		return a
	}
	return a + g.r.IntN(b-a+1)
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// logn draws a log-normal number of days with the given median, clamped.
func (g *generator) logn(median, sigma float64, lo, hi int) int {
	v := int(math.Round(median * math.Exp(sigma*g.r.NormFloat64())))
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func (g *generator) pick(w []float64) int {
	u := g.r.Float64()
	total := 0.0
	for _, x := range w {
		total += x
	}
	u *= total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

func (g *generator) oneOf(s []string) string { return s[g.r.IntN(len(s))] }

// --- the simulation ---

func (g *generator) run(first, end data.Date) {
	// room for everyone on any extract: those in care, and a year and the
	// extract window of leavers
	est := int(float64(g.o.Children) * (1.2 + 0.45*float64(g.o.Months+11)/12))
	g.kept = make([]journey, 0, est)
	g.ls = make([]episode, 0, est*3)
	g.pl = make([]episode, 0, est*3)
	g.plans = make([]planEpisode, 0, est*3)
	start := first.AddMonths(-12 * warmupYears)
	keepAfter := first.AddMonths(-12)
	// Starts drift down slowly over the last five years (as nationally), so
	// that leavers run a little ahead of starts. Over the last six years
	// starts also answer to the number in care (as an authority's
	// gatekeeping does), which holds it near the target with little noise.
	rate := startsPerChild * float64(g.o.Children) / meanFamilySize / 365.2425
	const trend, maxFeedback = 0.12, 1.6
	maxRate := rate * (1 + trend) * maxFeedback
	feedbackFrom := end.AddDays(-6 * 365)
	var inCare dateHeap // the ceased dates of those in care now
	t := float64(start)
	for {
		var e data.Date
		if g.fam.left > 0 {
			e = g.fam.entered
			g.fam.left--
		} else {
			t += g.r.ExpFloat64() / maxRate
			e = data.Date(t)
			if e > end {
				break
			}
			years := float64(end-e) / 365.2425
			m := 1 + trend*math.Min(1, years/5)
			for len(inCare) > 0 && inCare[0] <= e {
				inCare.pop()
			}
			if e >= feedbackFrom {
				target := float64(g.o.Children) * (1 + 0.02*years)
				f := target / math.Max(1, float64(len(inCare)))
				m *= math.Max(1/maxFeedback, math.Min(maxFeedback, f*f))
			}
			if g.r.Float64()*(1+trend)*maxFeedback > m {
				continue
			}
			g.newFamily(e)
		}
		g.build(e)
		if g.j.route != routeShortBreak {
			inCare.push(g.j.c.CeasedCare)
		}
		if c := g.j.c.CeasedCare; !c.IsZero() && c <= keepAfter {
			continue
		}
		g.keep()
	}
}

// dateHeap is a min-heap of dates.
type dateHeap []data.Date

func (h *dateHeap) push(d data.Date) {
	*h = append(*h, d)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if s[p] <= s[i] {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h *dateHeap) pop() {
	s := *h
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < n && s[l] < s[m] {
			m = l
		}
		if r := l + 1; r < n && s[r] < s[m] {
			m = r
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
}

func (g *generator) newFamily(e data.Date) {
	g.fam = family{entered: e}
	switch u := g.r.Float64(); {
	case u < 0.74:
	case u < 0.92:
		g.fam.left = 1
	default:
		g.fam.left = 2
	}
	g.fam.ethnicity = g.pick(ethnicWeights)
	g.fam.pool = ethnicities[g.fam.ethnicity].pool
	g.fam.last = g.r.IntN(len(namePools[g.fam.pool].last))
}

// keep copies the scratch journey into the kept list.
func (g *generator) keep() {
	j := g.j
	j.ls = [2]int32{int32(len(g.ls)), int32(len(g.ls) + len(g.sls))}
	g.ls = append(g.ls, g.sls...)
	j.pl = [2]int32{int32(len(g.pl)), int32(len(g.pl) + len(g.spl))}
	g.pl = append(g.pl, g.spl...)
	j.plans = [2]int32{int32(len(g.plans)), int32(len(g.plans) + len(g.splan))}
	g.plans = append(g.plans, g.splan...)

	n := len(g.kept)
	if n < 900000 {
		j.c.ID = "C" + strconv.Itoa(100000+(n*7919+g.idSalt)%900000)
	} else {
		j.c.ID = "C" + strconv.Itoa(1000000+n)
	}
	pool := &namePools[j.namePool]
	first := pool.male
	if j.c.Sex == "Female" {
		first = pool.female
	}
	j.c.Name = first[int(j.nameFirst)%len(first)] + " " + pool.last[j.nameLast]
	g.kept = append(g.kept, j)
}

func (g *generator) setLS(from data.Date, code string) {
	g.sls = append(g.sls, episode{from, code})
}

func (g *generator) place(from data.Date, code string) {
	g.spl = append(g.spl, episode{from, code})
}

func (g *generator) plan(from data.Date, p data.Plan) {
	g.splan = append(g.splan, planEpisode{from: from, text: g.planText(p), plan: p})
}

func (g *generator) planText(p data.Plan) string {
	ts := planTexts[p]
	if len(ts) == 0 {
		return ""
	}
	// The authority mostly uses its own wording; a third of rows vary.
	if g.chance(0.65) {
		return ts[0]
	}
	return g.oneOf(ts)
}

func (g *generator) cease(d data.Date, rec string) {
	g.j.c.CeasedCare, g.j.c.ReasonCeased = d, rec
}

// currentPlace is the placement code in force on d among those added so far.
func (g *generator) currentPlace(d data.Date) (string, data.Date) {
	code, from := "", data.NoDate
	for _, e := range g.spl {
		if e.from <= d && e.from >= from {
			code, from = e.code, e.from
		}
	}
	return code, from
}

// court draws pre-proceedings and proceedings. atEntry: proceedings are
// issued when the child enters care (an interim care order), perhaps after
// pre-proceedings at home; otherwise the child is accommodated first and
// pre-proceedings then escalate to an issue. It sets the legal status.
func (g *generator) court(atEntry bool) (issue, fh data.Date) {
	c := &g.j.c
	e := c.EnteredCare
	if atEntry && g.fam.courtSet {
		c.PreProceedingsStart, c.PreProceedingsEnd = g.fam.plo0, g.fam.plo1
		issue, fh = g.fam.issue, g.fam.fh
	} else {
		var plo0, plo1 data.Date
		if atEntry {
			issue = e
			if g.chance(0.2) {
				issue = e.AddDays(g.between(1, 10))
			}
			if g.chance(0.55) {
				plo0 = issue.AddDays(-g.logn(105, 0.4, 28, 300))
				if lo := g.dob.AddDays(-140); plo0 < lo {
					plo0 = lo
				}
				plo1 = issue
			}
		} else {
			plo0 = e.AddDays(g.between(7, 90))
			plo1 = plo0.AddDays(g.logn(110, 0.45, 21, 400))
			issue = plo1.AddDays(g.between(0, 14))
		}
		fh = issue.AddDays(g.proceedingsDays())
		c.PreProceedingsStart, c.PreProceedingsEnd = plo0, plo1
		if atEntry {
			g.fam.courtSet = true
			g.fam.plo0, g.fam.plo1, g.fam.issue, g.fam.fh = plo0, plo1, issue, fh
		}
	}
	c.ProceedingsIssued, c.FinalHearing = issue, fh
	g.j.fhKnown = fh.AddDays(-g.between(40, 150))
	if lo := issue.AddDays(28); g.j.fhKnown < lo {
		g.j.fhKnown = lo
	}
	if issue > e {
		if atEntry && g.chance(0.5) {
			g.setLS(e, g.oneOf([]string{"L1", "L2", "L2"}))
		} else {
			g.setLS(e, "V2")
		}
	}
	g.setLS(issue, "C1")
	return issue, fh
}

// proceedingsDays draws how long care proceedings take: a third finish
// within 26 weeks (182 days), the rest run on (extensions) to a mean of
// about 39-40 weeks overall, a few past 18 months.
func (g *generator) proceedingsDays() int {
	if g.chance(0.34) {
		return 84 + int(98*math.Sqrt(g.r.Float64()))
	}
	return 183 + int(53*(g.r.ExpFloat64()+g.r.ExpFloat64()+g.r.ExpFloat64()))
}

// careOrder records a full care order made at d.
func (g *generator) careOrder(d data.Date) {
	g.j.c.CareOrder = d
	g.setLS(d, "C2")
}

// build simulates one child entering care on e into the scratch journey.
func (g *generator) build(e data.Date) {
	g.j = journey{}
	g.sls, g.spl, g.splan = g.sls[:0], g.spl[:0], g.splan[:0]
	c := &g.j.c
	c.EnteredCare = e
	g.j.seed = g.r.Uint64()

	route := routeShortBreak
	if !g.chance(0.025) {
		g.band = g.pick(ageWeights)
		route = g.pick(routeMix[g.band])
	} else {
		g.band = 1 + g.pick([]float64{0.2, 0.4, 0.4})
	}
	if g.band == 0 && g.chance(0.45) {
		g.dob = e.AddDays(-g.between(0, 14)) // removed at birth
	} else {
		b := ageBands[g.band]
		oldest, youngest := e.AddMonths(-12*b[1]).AddDays(1), e.AddMonths(-12*b[0])
		g.dob = oldest.AddDays(g.between(0, data.Days(oldest, youngest)))
	}
	g.age = data.Days(g.dob, e)
	c.DOB = g.dob
	g.j.route = uint8(route)

	uasc := route == routeLeave16 && g.chance(0.45)
	male := 0.54
	if uasc {
		male = 0.93
	}
	if g.chance(male) {
		c.Sex = "Male"
	} else {
		c.Sex = "Female"
	}
	eth, pool, last := g.fam.ethnicity, g.fam.pool, g.fam.last
	if uasc {
		eth = g.pick(uascWeights)
		pool = ethnicities[eth].pool
		last = g.r.IntN(len(namePools[pool].last))
	}
	c.Ethnicity = ethnicities[eth].label
	g.j.namePool, g.j.nameLast, g.j.nameFirst = uint8(pool), uint16(last), uint16(g.r.IntN(1<<15))

	switch route {
	case routeAdoption:
		g.adoption()
	case routeSGO:
		g.sgo(false)
	case routeCAO:
		g.sgo(true)
	case routeHomeShort:
		g.homeShort()
	case routeHomeCourt:
		g.homeCourt()
	case routeLTF:
		g.ltf()
	case routeResi:
		g.resi()
	case routeLeave16:
		g.leave16(uasc)
	case routeOther:
		g.other()
	case routeShortBreak:
		g.shortBreak()
	}
	g.finish()
}

func (g *generator) yearsOld() int { return g.age / 365 }

// initialPlan records the plan from entry until the substantive plan on
// from: sometimes nothing yet, sometimes a plan of return home.
func (g *generator) initialPlan(until data.Date, reunify float64) {
	e := g.j.c.EnteredCare
	if until <= e {
		return
	}
	if g.chance(reunify) {
		g.plan(e.AddDays(g.between(0, 20)), data.PlanReunification)
	} else {
		g.splan = append(g.splan, planEpisode{from: e})
	}
}

// adoption: a child adopted, by consent (accommodated under section 20) or
// under a placement order, some from an early permanence placement. Some
// adoption plans end: before a placement order (a care order instead) or
// after one.
func (g *generator) adoption() {
	c := &g.j.c
	e := c.EnteredCare
	consent := g.chance(0.04)
	ep := !consent && g.age < 120 && g.chance(0.27)
	if g.chance(0.04) {
		g.place(e, "U3")
	} else {
		g.place(e, "U6")
	}
	var epDate data.Date
	if ep {
		epDate = g.earlyPermanence()
	}
	if consent {
		g.adoptionByConsent()
		return
	}
	fh, adm := g.adoptionDecision(ep)
	ended := g.chance(0.15)
	if ended && g.chance(0.3) {
		g.placementOrderRefused(fh, adm)
		return
	}
	po := g.placementOrder(fh)
	if ended {
		g.adoptionPlanEndsAfterOrder(po)
		return
	}
	if ep {
		c.Match = po.AddDays(g.between(0, 100))
	} else {
		c.Match = po.AddDays(g.logn(190, 0.45, 14, 700))
	}
	g.placeForAdoption(ep || g.chance(0.12), "A6", "A5", epDate, "E12")
}

// earlyPermanence places the child in an early permanence placement (U5,
// a tenth U2) on entry or within five weeks, and returns its date.
func (g *generator) earlyPermanence() data.Date {
	c := &g.j.c
	e := c.EnteredCare
	epDate := e
	if g.chance(0.5) {
		epDate = e.AddDays(g.between(3, 35))
	}
	c.EarlyPermanence = epDate
	code := "U5"
	if g.chance(0.1) {
		code = "U2"
	}
	g.place(epDate, code)
	return epDate
}

// adoptionByConsent: accommodated under section 20, a plan for adoption
// within three months, the agency decision and the match, then adopted.
func (g *generator) adoptionByConsent() {
	c := &g.j.c
	e := c.EnteredCare
	g.setLS(e, "V2")
	planDate := e.AddDays(g.between(14, 90))
	g.initialPlan(planDate, 0.2)
	g.plan(planDate, data.PlanAdoption)
	c.ADMAdoption = planDate.AddDays(g.between(20, 120))
	c.Match = c.ADMAdoption.AddDays(g.logn(130, 0.4, 30, 500))
	g.placeForAdoption(g.chance(0.1), "A4", "A3", data.NoDate, "E11")
}

// adoptionDecision draws care proceedings, the plan for adoption and the
// agency decision (about six months after entry, at least two weeks
// before the final hearing), and perhaps a move between foster placements
// meanwhile. It returns the final hearing and the decision's dates.
func (g *generator) adoptionDecision(ep bool) (fh, adm data.Date) {
	c := &g.j.c
	e := c.EnteredCare
	_, fh = g.court(g.chance(0.9))
	var planDate data.Date
	if ep {
		planDate = e.AddDays(g.between(0, 40))
	} else {
		planDate = e.AddDays(g.between(30, 120))
	}
	adm = e.AddDays(int(183 + 45*g.r.NormFloat64()))
	if lo := e.AddDays(45); adm < lo {
		adm = lo
	}
	if adm > fh.AddDays(-14) {
		adm = fh.AddDays(-g.between(14, 60))
		if lo := e.AddDays(30); adm < lo {
			adm = lo
		}
	}
	if planDate > adm {
		planDate = adm
	}
	if !ep {
		g.initialPlan(planDate, 0.5)
	}
	g.plan(planDate, data.PlanAdoption)
	c.ADMAdoption = adm
	if !ep && g.chance(0.35) {
		// a move between foster placements while the plan is made
		code, _ := g.currentPlace(e)
		g.place(e.AddDays(g.between(30, 300)), code)
	}
	return fh, adm
}

// placementOrderRefused: the court refuses a placement order, or the plan
// changes in proceedings: a care order instead, and another route.
func (g *generator) placementOrderRefused(fh, adm data.Date) {
	end := fh.AddDays(-g.between(0, 45))
	if end < adm.AddDays(14) {
		end = adm.AddDays(14)
	}
	g.j.c.AdoptionPlanEnded = end
	g.careOrder(fh)
	g.afterAdoption(end)
}

// placementOrder makes the placement order at the final hearing (with the
// care order), or for some children months after a care order. It returns
// the placement order's date.
func (g *generator) placementOrder(fh data.Date) data.Date {
	c := &g.j.c
	po := fh
	c.CareOrder = fh
	if g.chance(0.15) {
		po = fh.AddDays(g.between(30, 150))
		g.careOrder(fh)
	}
	c.PlacementOrder = po
	g.setLS(po, "E1")
	return po
}

// adoptionPlanEndsAfterOrder: the adoption plan ends five to fifteen months
// after the placement order po, and most such orders are later revoked.
func (g *generator) adoptionPlanEndsAfterOrder(po data.Date) {
	c := &g.j.c
	end := po.AddDays(g.between(150, 450))
	c.AdoptionPlanEnded = end
	if !g.chance(0.2) {
		rev := end.AddDays(g.logn(180, 0.55, 21, 900))
		c.PlacementOrderRevoked = rev
		g.setLS(rev, "C2")
	}
	g.afterAdoption(end)
}

// placeForAdoption completes an adoption from the match: placed, applied,
// adopted. fca: adopted by the child's own foster carers (the A10 clock
// stops when the child moved in with them).
func (g *generator) placeForAdoption(fca bool, code, fcaCode string, epDate data.Date, rec string) {
	c := &g.j.c
	placed := c.Match.AddDays(g.between(14, 42))
	if fca {
		placed = c.Match
		code = fcaCode
		c.FosterCarerAdoption = true
		if !epDate.IsZero() {
			c.A10Start = epDate
		} else {
			_, c.A10Start = g.currentPlace(c.Match)
		}
		g.j.fcaKnown = c.Match
	}
	c.PlacedForAdoption = placed
	g.place(placed, code)
	c.AdoptionApplication = placed.AddDays(g.between(70, 160))
	c.AdoptionOrder = c.AdoptionApplication.AddDays(g.between(80, 240))
	g.cease(c.AdoptionOrder, rec)
}

// afterAdoption continues a child whose adoption plan ended on d.
func (g *generator) afterAdoption(d data.Date) {
	if g.chance(0.45) {
		g.plan(d, data.PlanSpecialGuardianship)
		app := d.AddDays(g.logn(200, 0.5, 30, 800))
		g.sgoOrder(app, app.AddDays(g.between(90, 260)), false)
		return
	}
	g.ltfFrom(d, false)
}

// sgoOrder records an SGO (or, cao, a child arrangements order) and the
// child leaving care on order.
func (g *generator) sgoOrder(app, order data.Date, cao bool) {
	c := &g.j.c
	if cao {
		c.CAOOrder = order
		g.cease(order, "E41")
		return
	}
	c.SGOApplication, c.SGOOrder = app, order
	code, _ := g.currentPlace(order)
	rec := "E45"
	switch {
	case code == "U3" || code == "U1":
		rec = "E47"
		if g.chance(0.1) {
			rec = "E48"
		}
	case g.chance(0.45):
		rec = "E48" // to relatives the child moves to at the order
	case g.chance(0.1):
		rec = "E46"
	}
	g.cease(order, rec)
}

// sgo: special guardianship (or a child arrangements order), at the final
// hearing or after a care order.
func (g *generator) sgo(cao bool) {
	c := &g.j.c
	e := c.EnteredCare
	p := data.PlanSpecialGuardianship
	kinP, atFHP := 0.72, 0.55
	if cao {
		p, kinP, atFHP = data.PlanChildArrangementsOrder, 0.5, 0.6
	}
	kin := g.chance(kinP)
	issue, fh := g.court(g.chance(0.7))
	if kin && g.chance(0.5) {
		g.place(e, "U3")
	} else {
		g.place(e, "U6")
		if kin {
			g.place(e.AddDays(g.between(14, 150)), "U3")
		}
	}
	if g.chance(0.25) {
		code, _ := g.currentPlace(fh)
		g.place(e.AddDays(g.between(60, 400)), code)
	}
	if g.chance(0.5) {
		// assessed for a kinship placement during proceedings
		planDate := e.AddDays(g.between(60, 200))
		if hi := fh.AddDays(-20); planDate > hi {
			planDate = hi
		}
		if planDate < e {
			planDate = e
		}
		g.initialPlan(planDate, 0.5)
		g.plan(planDate, p)
	}
	if g.chance(atFHP) {
		if len(g.splan) == 0 {
			planDate := e.AddDays(g.between(30, 200))
			if hi := fh.AddDays(-20); planDate > hi {
				planDate = hi
			}
			if planDate < e {
				planDate = e
			}
			g.initialPlan(planDate, 0.5)
			g.plan(planDate, p)
		}
		app := fh.AddDays(-g.between(30, 120))
		if lo := issue.AddDays(14); app < lo {
			app = lo
		}
		g.sgoOrder(app, fh, cao)
		return
	}
	g.careOrder(fh)
	if len(g.splan) == 0 {
		// reunification or long-term fostering first, then the order
		until := fh.AddDays(g.between(-60, 200))
		if until < e {
			until = e
		}
		g.initialPlan(e.AddDays(1), 0.8)
		if g.chance(0.3) && until > e.AddDays(60) {
			g.plan(e.AddDays(g.between(20, 60)), data.PlanLongTermFostering)
		}
		g.plan(until, p)
	}
	app := fh.AddDays(g.logn(240, 0.5, 60, 900))
	g.sgoOrder(app, app.AddDays(g.between(90, 260)), cao)
}

func (g *generator) homeShort() {
	c := &g.j.c
	e := c.EnteredCare
	if g.chance(0.05) {
		g.setLS(e, "L1")
		g.setLS(e.AddDays(g.between(1, 3)), "V2")
	} else {
		g.setLS(e, "V2")
	}
	switch u := g.r.Float64(); {
	case u < 0.15:
		g.place(e, "U3")
	case u < 0.3 && g.yearsOld() >= 10:
		g.place(e, "K2")
	default:
		g.place(e, "U6")
	}
	dur := g.logn(80, 0.9, 3, 730)
	if g.chance(0.75) {
		g.plan(e.AddDays(g.between(0, 30)), data.PlanReunification)
	} else {
		g.splan = append(g.splan, planEpisode{from: e})
	}
	if dur > 45 && g.chance(0.3) {
		c.PreProceedingsStart = e.AddDays(g.between(7, dur-7))
		end := c.PreProceedingsStart.AddDays(g.logn(100, 0.4, 21, 300))
		if hi := e.AddDays(dur); end > hi {
			end = hi
		}
		c.PreProceedingsEnd = end
	}
	rec := "E4A"
	switch u := g.r.Float64(); {
	case u < 0.15 || (u < 0.3 && g.yearsOld() >= 12):
		rec = "E4B"
	case u < 0.5:
		rec = "E13"
	}
	g.cease(e.AddDays(dur), rec)
}

func (g *generator) homeCourt() {
	c := &g.j.c
	e := c.EnteredCare
	issue, fh := g.court(g.chance(0.65))
	switch u := g.r.Float64(); {
	case u < 0.2:
		g.place(e, "U3")
	case u < 0.25 && g.yearsOld() >= 10:
		g.place(e, "K2")
	default:
		g.place(e, "U6")
	}
	g.initialPlan(e.AddDays(g.between(10, 60)), 0)
	g.plan(e.AddDays(g.between(10, 60)), data.PlanReunification)
	if g.chance(0.25) {
		// home at the final hearing, perhaps placed with parents first
		if g.chance(0.5) {
			pwp := fh.AddDays(-g.between(30, 150))
			if lo := issue.AddDays(14); pwp < lo {
				pwp = lo
			}
			c.PlacedWithParents = pwp
			g.place(pwp, "P1")
		}
		g.cease(fh, "E4A")
		return
	}
	g.careOrder(fh)
	var pwp data.Date
	if g.chance(0.6) {
		pwp = fh.AddDays(-g.between(0, 180))
		if lo := issue.AddDays(14); pwp < lo {
			pwp = lo
		}
	} else {
		pwp = fh.AddDays(g.logn(120, 0.6, 7, 600))
	}
	c.PlacedWithParents = pwp
	g.place(pwp, "P1")
	if g.chance(0.08) {
		// the return home breaks down: back to foster care, long-term plan
		back := pwp.AddDays(g.between(60, 300))
		g.place(back, "U6")
		g.ltfFrom(back.AddDays(g.between(0, 60)), false)
		return
	}
	var app data.Date
	if g.chance(0.4) {
		app = pwp.AddDays(g.between(183, 720)) // drift
	} else {
		app = pwp.AddDays(g.between(120, 182))
	}
	c.DischargeApplication = app
	c.CareOrderDischarged = app.AddDays(g.between(40, 160))
	g.cease(c.CareOrderDischarged, "E4A")
}

// ltfFrom records a long-term fostering plan from d: fostering panel match,
// ADM ratification, and the placement becoming long-term (U4, or U1 with
// kin).
func (g *generator) ltfFrom(d data.Date, kin bool) {
	c := &g.j.c
	g.plan(d, data.PlanLongTermFostering)
	code, _ := g.currentPlace(d)
	kin = kin || code == "U3" || code == "U1"
	ltfCode := "U4"
	if kin {
		ltfCode = "U1"
	}
	early := g.chance(0.18)
	if early {
		g.place(d.AddDays(g.between(0, 30)), ltfCode) // recorded as long-term before the match
	}
	panel := 0.85
	if early {
		panel = 0.5
	}
	if g.chance(panel) {
		c.LTFPanel = d.AddDays(g.logn(200, 0.6, 30, 1000))
		if g.chance(0.92) {
			c.LTFADM = c.LTFPanel.AddDays(g.between(5, 40))
			if !early {
				g.place(c.LTFADM, ltfCode)
			}
		}
	}
	if g.chance(0.08) && !c.LTFADM.IsZero() {
		// the long-term foster carers become special guardians
		app := c.LTFADM.AddDays(g.logn(500, 0.5, 120, 2000))
		g.plan(app.AddDays(-g.between(0, 60)), data.PlanSpecialGuardianship)
		order := app.AddDays(g.between(90, 240))
		c.SGOApplication, c.SGOOrder = app, order
		if kin {
			g.cease(order, "E47")
		} else {
			g.cease(order, "E45")
		}
	}
	g.maybeSupported()
}

// maybeSupported moves some older children to supported accommodation
// before 18, with a plan of independence.
func (g *generator) maybeSupported() {
	if !g.chance(0.65) {
		return
	}
	d := g.dob.AddMonths(192).AddDays(g.between(0, 540))
	if d <= g.j.c.EnteredCare || (!g.j.c.CeasedCare.IsZero() && d >= g.j.c.CeasedCare) {
		return
	}
	switch u := g.r.Float64(); {
	case u < 0.3:
		g.place(d, "K3")
	case u < 0.5:
		g.place(d, "H5")
	default:
		g.place(d, "P2")
	}
	g.plan(d.AddDays(-g.between(0, 60)), data.PlanOther)
}

func (g *generator) ltf() {
	c := &g.j.c
	e := c.EnteredCare
	older := g.yearsOld() >= 10
	v2 := 0.05
	if older {
		v2 = 0.08
	}
	kin := g.chance(0.25)
	switch {
	case kin:
		g.place(e, "U3")
	case older && g.chance(0.12):
		g.place(e, g.oneOf([]string{"S1", "S1", "S1", "R2", "Z1"})) // residential school, health
	case older && g.chance(0.22):
		g.place(e, "K2")
		g.place(e.AddDays(g.logn(500, 0.6, 30, 2000)), "U6")
	default:
		g.place(e, "U6")
	}
	var ltfDate data.Date
	if g.chance(v2) {
		g.setLS(e, "V2")
		if g.chance(0.1) {
			c.PreProceedingsStart = e.AddDays(g.between(30, 300))
			c.PreProceedingsEnd = c.PreProceedingsStart.AddDays(g.logn(110, 0.4, 21, 300))
		}
		ltfDate = e.AddDays(g.between(20, 200))
		if g.chance(0.3) {
			g.plan(e.AddDays(g.between(0, 20)), data.PlanReunification)
			ltfDate = e.AddDays(g.between(120, 400))
		} else {
			g.initialPlan(ltfDate, 0.1)
		}
	} else {
		_, fh := g.court(g.chance(0.65))
		g.careOrder(fh)
		if g.chance(0.35) {
			g.plan(e.AddDays(g.between(0, 20)), data.PlanReunification)
			ltfDate = fh.AddDays(g.between(-60, 150))
		} else {
			ltfDate = e.AddDays(g.between(20, 150))
			g.initialPlan(ltfDate, 0.15)
		}
		if ltfDate < e {
			ltfDate = e
		}
	}
	if !g.chance(0.02) { // a few never recorded
		g.ltfFrom(ltfDate, kin)
	}
	// moves between foster placements before the long-term match
	stop := g.dob.AddMonths(204)
	if !c.LTFADM.IsZero() && c.LTFADM < stop {
		stop = c.LTFADM
	}
	for t := e.AddDays(g.logn(400, 0.8, 30, 3000)); t < stop; t = t.AddDays(g.logn(900, 0.7, 90, 5000)) {
		if code, _ := g.currentPlace(t); code == "U6" || code == "U3" {
			g.place(t, code)
		}
	}
}

func (g *generator) resi() {
	c := &g.j.c
	e := c.EnteredCare
	if g.chance(0.15) {
		g.setLS(e, "V2")
	} else {
		_, fh := g.court(g.chance(0.5))
		g.careOrder(fh)
	}
	switch u := g.r.Float64(); {
	case u < 0.82:
		g.place(e, "K2")
	case u < 0.92:
		g.place(e, "R1")
	case u < 0.95:
		g.place(e, "K1")
		g.place(e.AddDays(g.between(60, 300)), "K2")
	default:
		g.place(e, "S1")
	}
	planDate := e.AddDays(g.between(20, 150))
	g.initialPlan(planDate, 0.15)
	switch u := g.r.Float64(); {
	case u < 0.6:
		g.plan(planDate, data.PlanResidentialStepDown)
	case u < 0.75:
		g.plan(planDate, data.PlanLongTermFostering)
	default:
		g.plan(planDate, data.PlanOther)
	}
	if g.chance(0.5) {
		sd := e.AddDays(g.logn(420, 0.5, 60, 2500))
		if sd >= g.dob.AddMonths(216) {
			return
		}
		if sd >= g.dob.AddMonths(192) {
			switch u := g.r.Float64(); {
			case u < 0.4:
				g.place(sd, "K3")
			case u < 0.7:
				g.place(sd, "H5")
			default:
				g.place(sd, "P2")
			}
			g.plan(sd.AddDays(-g.between(0, 45)), data.PlanOther)
		} else {
			g.place(sd, "U6")
			if g.chance(0.6) {
				g.ltfFrom(sd.AddDays(g.between(0, 60)), false)
			} else {
				g.plan(sd, data.PlanLongTermFostering)
			}
		}
	}
}

func (g *generator) leave16(uasc bool) {
	c := &g.j.c
	e := c.EnteredCare
	if !uasc && g.chance(0.3) {
		_, fh := g.court(true)
		g.careOrder(fh)
	} else {
		g.setLS(e, "V2")
	}
	switch u := g.r.Float64(); {
	case u < 0.25:
		g.place(e, "K3")
	case u < 0.36:
		g.place(e, "H5")
	case u < 0.72:
		g.place(e, "U6")
	case u < 0.77:
		g.place(e, "K2")
	default:
		g.place(e, "P2")
	}
	code, _ := g.currentPlace(e)
	planDate := e.AddDays(g.between(0, 45))
	switch u := g.r.Float64(); {
	case u < 0.06:
		g.splan = append(g.splan, planEpisode{from: e})
	case u < 0.35 && code == "U6":
		g.initialPlan(planDate, 0)
		g.plan(planDate, data.PlanLongTermFostering)
	default:
		g.initialPlan(planDate, 0)
		g.plan(planDate, data.PlanOther)
	}
	if code == "U6" {
		g.maybeSupported()
	}
	if g.chance(0.06) {
		recs := []string{"E8", "E8", "E3", "E4B", "E15", "E16"}
		if !uasc {
			recs = []string{"E8", "E3", "E4B", "E4B", "E13"}
		}
		g.cease(e.AddDays(g.logn(150, 0.8, 7, 700)), g.oneOf(recs))
	}
}

func (g *generator) other() {
	c := &g.j.c
	e := c.EnteredCare
	minDur := 14
	if g.chance(0.6) {
		_, fh := g.court(g.chance(0.6))
		minDur = data.Days(e, fh) + g.between(30, 200)
		g.careOrder(fh)
	} else {
		g.setLS(e, "V2")
	}
	switch u := g.r.Float64(); {
	case u < 0.6:
		g.place(e, "U6")
	case u < 0.7:
		g.place(e, "U3")
	case u < 0.85 && g.yearsOld() >= 10:
		g.place(e, "K2")
	case u < 0.95 && g.yearsOld() >= 16:
		g.place(e, "K3")
	case g.yearsOld() >= 12:
		g.place(e, g.oneOf([]string{"R2", "R5", "Z1", "K1", "S1"}))
	default:
		g.place(e, "U6")
	}
	planDate := e.AddDays(g.between(10, 120))
	g.initialPlan(planDate, 0.2)
	switch u := g.r.Float64(); {
	case u < 0.4:
		g.plan(planDate, data.PlanReunification)
	case u < 0.7:
		g.plan(planDate, data.PlanLongTermFostering)
	case u < 0.92:
		g.plan(planDate, data.PlanOther)
	}
	dur := g.logn(320, 0.8, 14, 3000)
	if dur < minDur {
		dur = minDur
	}
	rec := g.oneOf([]string{"E8", "E8", "E8", "E3", "E3", "E3", "E16", "E9", "E14", "E2"})
	g.cease(e.AddDays(dur), rec)
}

func (g *generator) shortBreak() {
	c := &g.j.c
	e := c.EnteredCare
	if g.chance(0.7) {
		g.setLS(e, "V4")
	} else {
		g.setLS(e, "V3")
	}
	if g.chance(0.55) {
		g.place(e, "K2")
	} else {
		g.place(e, "U6")
	}
	if g.chance(0.3) {
		g.plan(e, data.PlanOther)
	} else {
		g.splan = append(g.splan, planEpisode{from: e})
	}
	g.cease(e.AddDays(g.between(365, 5*365)), "E8")
}

// ageOutReason is the reason a child leaving care at 18 from a placement
// ceases: staying put, independent living, adult services.
func (g *generator) ageOutReason(place string, shortBreak bool) string {
	u := g.r.Float64()
	switch {
	case shortBreak:
		if u < 0.7 {
			return "E6"
		}
		return "E8"
	case place != "" && place[0] == 'U':
		switch {
		case u < 0.55:
			return "E17"
		case u < 0.88:
			return "E5"
		case u < 0.95:
			return "E6"
		}
		return "E8"
	case place == "K3" || place == "H5" || place == "P2":
		switch {
		case u < 0.86:
			return "E5"
		case u < 0.93:
			return "E6"
		}
		return "E8"
	default:
		switch {
		case u < 0.62:
			return "E5"
		case u < 0.9:
			return "E6"
		}
		return "E8"
	}
}

// milestones lists every date a journey may hold that must not be
// later than the end of the period of care.
func milestones(c *data.Child) [26]*data.Date {
	return [26]*data.Date{&c.PlanConfirmed, &c.SecondReview, &c.NextPanelReview, &c.LTFPanel, &c.LTFADM,
		&c.PreProceedingsStart, &c.PreProceedingsEnd, &c.ProceedingsIssued, &c.FinalHearing, &c.CareOrder,
		&c.PlacementOrder, &c.ADMAdoption, &c.Match, &c.PlacedForAdoption, &c.AdoptionApplication,
		&c.AdoptionOrder, &c.EarlyPermanence, &c.AdoptionPlanEnded, &c.PlacementOrderRevoked, &c.A10Start,
		&c.SGOApplication, &c.SGOOrder, &c.CAOOrder, &c.PlacedWithParents, &c.DischargeApplication,
		&c.CareOrderDischarged}
}

// finish closes the journey: leaving care at 18, trimming what would
// happen after the child ceased, ordering episodes, plan confirmations,
// reviews and teams. The random draws are made in a fixed order, so that
// a seed gives the same authority.
func (g *generator) finish() {
	j := &g.j
	c := &j.c
	sortEpisodes(g.sls)
	sortEpisodes(g.spl)
	sortPlans(g.splan)
	g.leaveAt18()
	end := c.CeasedCare
	g.trimToPeriod(end)
	if j.route == routeShortBreak {
		j.team = [3]uint8{5, 5, 5}
	} else {
		c.SecondReview = g.secondReviewDate()
		g.confirmPlans(c.SecondReview)
		g.assignTeams()
	}
	for i := range g.splan {
		if g.splan[i].confirmed >= end {
			g.splan[i].confirmed = data.NoDate
		}
	}
	j.teamFrom[0] = c.EnteredCare
	for k := range j.worker {
		j.worker[k] = uint16(g.r.IntN(len(g.workers[j.team[k]])))
	}
	g.closeCourtBusiness(end)
	g.clearAfter(end)
}

// leaveAt18 ends the period of care at 18 for a child still in care then,
// for a reason that fits their placement at 18.
func (g *generator) leaveAt18() {
	c := &g.j.c
	eighteen := g.dob.AddMonths(216)
	if c.CeasedCare.IsZero() || c.CeasedCare > eighteen {
		code := ""
		for _, p := range g.spl {
			if p.from < eighteen {
				code = p.code
			}
		}
		g.cease(eighteen, g.ageOutReason(code, g.j.route == routeShortBreak))
	}
}

// trimToPeriod drops the legal statuses, placements and plans that would
// start after the child ceased care on end. Every child has a legal status
// (V2 when none was drawn) and a plan (perhaps not recorded) from entry.
func (g *generator) trimToPeriod(end data.Date) {
	e := g.j.c.EnteredCare
	if len(g.sls) == 0 {
		g.sls = append(g.sls, episode{e, "V2"})
	}
	g.sls = trimEpisodes(g.sls, end)
	g.spl = trimEpisodes(g.spl, end)
	if len(g.splan) == 0 {
		g.splan = append(g.splan, planEpisode{from: e})
	}
	n := 1
	for _, p := range g.splan[1:] {
		if p.from < end {
			g.splan[n] = p
			n++
		}
	}
	g.splan = g.splan[:n]
	if g.splan[0].from > e {
		g.splan[0].from = e
	}
}

// secondReviewDate draws the second review, about four months after
// entering care, some of them late.
func (g *generator) secondReviewDate() data.Date {
	sr := g.j.c.EnteredCare.AddDays(28 + g.between(80, 100))
	if g.chance(0.06) {
		sr = sr.AddDays(g.between(10, 60))
	}
	return sr
}

// confirmPlans draws when each plan was confirmed: a plan made before the
// second review (sr) is mostly confirmed at a review by then; later
// changes soon after they are made.
func (g *generator) confirmPlans(sr data.Date) {
	e := g.j.c.EnteredCare
	for i := range g.splan {
		p := &g.splan[i]
		if p.text == "" {
			continue
		}
		u := g.r.Float64()
		if p.from <= sr {
			switch {
			case u < 0.85:
				lo := e.AddDays(28)
				if lo < p.from {
					lo = p.from
				}
				p.confirmed = lo.AddDays(g.between(0, data.Days(lo, sr)))
			case u < 0.95:
				p.confirmed = sr.AddDays(g.between(14, 180))
			}
			continue
		}
		switch {
		case u < 0.8:
			p.confirmed = p.from.AddDays(g.between(0, 21))
		case u < 0.9:
			p.confirmed = p.from.AddDays(g.between(22, 120))
		}
	}
}

// assignTeams draws the child's teams: a locality team, then a children in
// care team, then leaving care from 17 (a child entering at 16 or 17 goes
// to leaving care soon after entry).
func (g *generator) assignTeams() {
	j := &g.j
	e := j.c.EnteredCare
	j.team[0] = uint8(g.r.IntN(2))
	j.team[1] = 2 + uint8(g.r.IntN(2))
	j.team[2] = 4
	j.teamFrom[1] = e.AddDays(g.between(90, 300))
	j.teamFrom[2] = g.dob.AddMonths(204)
	if g.age >= 16*365 {
		j.team[1] = 4
		j.teamFrom[1] = e.AddDays(g.between(30, 120))
	}
	if j.teamFrom[2] < j.teamFrom[1] {
		j.teamFrom[2] = j.teamFrom[1]
	}
}

// closeCourtBusiness ends court business when the child leaves care on
// end: proceedings conclude (the order they leave on is made at the final
// hearing, or the application is withdrawn at 18 or on a return home) and
// pre-proceedings close.
func (g *generator) closeCourtBusiness(end data.Date) {
	j := &g.j
	c := &j.c
	if !c.ProceedingsIssued.IsZero() && c.ProceedingsIssued <= end && (c.FinalHearing.IsZero() || c.FinalHearing > end) {
		c.FinalHearing = end
		if j.fhKnown > end {
			j.fhKnown = end
		}
	}
	if !c.PreProceedingsStart.IsZero() && c.PreProceedingsStart <= end && (c.PreProceedingsEnd.IsZero() || c.PreProceedingsEnd > end) {
		c.PreProceedingsEnd = end
	}
}

// clearAfter clears the milestones after the child left care on end, and
// those that cannot stand without another: adoption by foster carers
// without a match, a revocation without a placement order. The court
// revokes a placement order when it makes an SGO or CAO.
func (g *generator) clearAfter(end data.Date) {
	c := &g.j.c
	for _, d := range milestones(c) {
		if *d > end {
			*d = data.NoDate
		}
	}
	if c.Match.IsZero() {
		c.FosterCarerAdoption, c.A10Start = false, data.NoDate
	}
	if c.PlacementOrder.IsZero() {
		c.PlacementOrderRevoked = data.NoDate
	} else if c.AdoptionOrder.IsZero() && c.PlacementOrderRevoked.IsZero() && (c.ReasonCeased == "E41" || c.ReasonCeased >= "E43" && c.ReasonCeased <= "E48") {
		c.PlacementOrderRevoked = end
	}
}

func sortEpisodes(es []episode) {
	for i := 1; i < len(es); i++ {
		for k := i; k > 0 && es[k].from < es[k-1].from; k-- {
			es[k], es[k-1] = es[k-1], es[k]
		}
	}
}

func sortPlans(ps []planEpisode) {
	for i := 1; i < len(ps); i++ {
		for k := i; k > 0 && ps[k].from < ps[k-1].from; k-- {
			ps[k], ps[k-1] = ps[k-1], ps[k]
		}
	}
}

// trimEpisodes drops episodes that start on or after the end of care (the
// first is always kept) and merges a change of code on one day.
func trimEpisodes(es []episode, end data.Date) []episode {
	n := 1
	for _, p := range es[1:] {
		if p.from >= end {
			continue
		}
		if p.from == es[n-1].from {
			es[n-1] = p
			continue
		}
		es[n] = p
		n++
	}
	return es[:n]
}

// asAt is the journey's row as at a.
func (g *generator) asAt(j *journey, a data.Date) data.Child {
	c := j.c
	fh := c.FinalHearing
	for _, d := range milestones(&c) {
		if *d > a {
			*d = data.NoDate
		}
	}
	if fh > a && a >= j.fhKnown {
		c.FinalHearing = fh // listed
	}
	if c.CeasedCare > a {
		c.CeasedCare, c.ReasonCeased = data.NoDate, ""
	}
	if c.Match.IsZero() || a < j.fcaKnown {
		c.FosterCarerAdoption, c.A10Start = false, data.NoDate
	}
	at := a
	if !c.CeasedCare.IsZero() {
		at = c.CeasedCare
	}
	for _, e := range g.ls[j.ls[0]:j.ls[1]] {
		if e.from <= at {
			c.LegalStatus = e.code
		}
	}
	for _, e := range g.pl[j.pl[0]:j.pl[1]] {
		if e.from <= at {
			c.PlacementType, c.PlacementStart = e.code, e.from
		}
	}
	// The plan in force; plan_confirmed_date is when a permanence plan was
	// first confirmed (a later change of plan does not reset it).
	for _, p := range g.plans[j.plans[0]:j.plans[1]] {
		if p.from <= at {
			c.PlanText, c.Plan = p.text, p.plan
			if c.PlanConfirmed.IsZero() && !p.confirmed.IsZero() && p.confirmed <= a {
				c.PlanConfirmed = p.confirmed
			}
		}
	}
	addSlips(&c, j.seed)
	k := 0
	for k < 2 && !j.teamFrom[k+1].IsZero() && j.teamFrom[k+1] <= at {
		k++
	}
	c.Team = teams[j.team[k]]
	c.SocialWorker = g.workers[j.team[k]][j.worker[k]]
	if c.CeasedCare.IsZero() && j.route != routeShortBreak {
		c.NextPanelReview = nextPanel(j.seed, c.EnteredCare, a)
	}
	return c
}

// nextPanel is the next permanence panel review due as at a: panels
// every three to six months, mostly held on time, some late (overdue).
// slipPlans are plan wordings a worker might type that no authority's
// vocabulary recognises: imported, they count as "other" with a warning.
var slipPlans = []string{"Perm with carers", "Adoption?", "Long term - TBC", "Twin track", "Kinship"}

// addSlips gives a few children the slips real case records carry, so the
// data-quality screen has something to show: about 1 in 120 has an
// unrecognised plan wording and 1 in 250 a mistyped placement code. They
// come from the child's own seed, so a child keeps the same slip in every
// extract, and the rest of the authority is unchanged.
func addSlips(c *data.Child, seed uint64) {
	h := seed ^ 0x5eed5eed5eed5eed
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	if h%120 == 7 && c.PlanText != "" {
		c.PlanText, c.Plan = slipPlans[(h/120)%uint64(len(slipPlans))], data.PlanOther
	}
	if h%250 == 11 && c.PlacementType != "" {
		c.PlacementType = map[bool]string{true: "U7", false: "K9"}[h%2 == 0]
	}
}

func nextPanel(seed uint64, entered, a data.Date) data.Date {
	r := splitMix(seed)
	due := entered.AddDays(30 + r.intN(90))
	for {
		held := due
		switch u := r.intN(100); {
		case u < 80:
			held = due.AddDays(r.intN(22) - 14)
		case u < 95:
			held = due.AddDays(8 + r.intN(53))
		default:
			held = due.AddDays(61 + r.intN(90))
		}
		if held > a {
			return due
		}
		due = held.AddMonths(3 + r.intN(4))
	}
}

// splitMix is a tiny allocation-free generator for per-child schedules.
type splitMix uint64

func (s *splitMix) intN(n int) int {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return int(z % uint64(n))
}

// --- the authority's vocabulary ---

var teams = [...]string{"North Locality", "South Locality", "Children in Care 1", "Children in Care 2",
	"Leaving Care", "Disabled Children"}

// planTexts are the plan wordings used, by category: the first is the
// authority's usual wording, the rest are what workers also type.
var planTexts = [...][]string{
	data.PlanNotRecorded:            nil,
	data.PlanAdoption:               {"Adoption", "adoption", "Placement for Adoption", "Adopt"},
	data.PlanSpecialGuardianship:    {"SGO", "Special Guardianship", "Special Guardianship Order", "special guardianship"},
	data.PlanLongTermFostering:      {"Long Term Fostering", "LTF", "Long-term fostering", "Permanent Fostering", "Long term foster care"},
	data.PlanReunification:          {"Return Home", "Reunification", "Rehabilitation", "Return to Parents", "Return to family", "Placement with Parents", "Rehab"},
	data.PlanChildArrangementsOrder: {"Child Arrangements Order", "CAO", "Residence Order"},
	data.PlanResidentialStepDown:    {"Step Down", "Residential Step Down", "Step-down"},
	data.PlanOther:                  {"Independence", "Supported Living", "Independence", "Other"},
}

type namePool struct{ male, female, last []string }

const (
	poolBritish = iota
	poolEuropean
	poolCaribbean
	poolAfrican
	poolSouthAsian
	poolOther
	poolChinese
	poolMixedCaribbean
)

var namePools = [...]namePool{
	poolBritish: {
		male: []string{"Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Charlie", "Oscar", "Jacob", "Alfie",
			"Freddie", "Archie", "Tommy", "Riley", "Tyler", "Kai", "Mason", "Logan", "Harley", "Bradley", "Callum",
			"Connor", "Liam", "Kieran", "Jayden", "Alfie-James", "Tommy-Lee", "Reece", "Lewis", "Dylan", "Ciarán",
			"Seán", "Jamie", "Ethan", "Finley", "Stanley", "Teddy", "Ronnie", "Frankie", "Billy", "Lucas", "Theo"},
		female: []string{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Evie",
			"Poppy", "Sophie", "Grace", "Ella", "Chloé", "Zoë", "Renée", "Amelia-Rose", "Lily-Mae", "Ruby", "Daisy",
			"Harper", "Millie", "Jessica", "Leah", "Niamh", "Siobhán", "Aoife", "Maisie", "Summer", "Skye", "Holly",
			"Kayleigh", "Jade", "Courtney", "Megan", "Paige", "Tegan", "Ellie-May", "Darcie", "Willow", "Phoebe"},
		last: []string{"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
			"Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green",
			"Hall", "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
			"Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
			"Phillips", "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
			"Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
			"O'Brien", "O'Neill", "Doyle", "McCarthy", "Walsh", "Byrne", "Smith-Jones", "Taylor-Reid",
			"Brown-Hughes", "Lloyd", "Marshall", "Stevens", "Gibson", "Lowe", "Connolly", "Boswell", "Lee-Smith"},
	},
	poolEuropean: {
		male:   []string{"Jakub", "Szymon", "Filip", "Mateusz", "Luca", "Andrei", "Matei", "Arben", "Kledi", "Dominik", "Tomáš", "Lukas", "Adrián", "Marek"},
		female: []string{"Zuzanna", "Oliwia", "Maja", "Natalia", "Emília", "Ioana", "Elena", "Ana-Maria", "Klaudia", "Eliška", "Denisa", "Alesia", "Agnieszka"},
		last: []string{"Kowalski", "Nowak", "Wiśniewski", "Kaczmarek", "Novák", "Horváth", "Popescu", "Ionescu",
			"Hoxha", "Berisha", "Dvořák", "Lewandowska", "Kovács", "Stan", "Krasniqi", "Balogh"},
	},
	poolCaribbean: {
		male:   []string{"Jerome", "Tyrone", "Marcus", "Malachi", "Elijah", "Isaac", "Joshua", "Kayden", "Jaden", "Nathaniel", "Andre", "Kai", "Reuben"},
		female: []string{"Shanice", "Keisha", "Tanisha", "Aaliyah", "Nia", "Imani", "Jada", "Leah", "Kiara", "Precious", "Tia-Rose", "Destiny"},
		last:   []string{"Campbell", "Brown", "Thomas", "Williams", "Johnson", "Francis", "Henry", "Grant", "Reid", "Clarke", "Bailey", "Morgan", "Gayle", "Spencer", "Douglas"},
	},
	poolAfrican: {
		male:   []string{"Kwame", "Kofi", "Tunde", "Chidi", "Emeka", "Tobi", "David", "Daniel", "Samuel", "Abdi", "Yusuf", "Michael", "Ayo", "Jesse"},
		female: []string{"Amara", "Adaeze", "Chioma", "Zuri", "Abena", "Kemi", "Tiwa", "Blessing", "Esther", "Hodan", "Deborah", "Ife", "Favour"},
		last:   []string{"Okafor", "Adeyemi", "Mensah", "Owusu", "Boateng", "Mohamed", "Abdi", "Osei", "Bello", "Nwosu", "Asante", "Yusuf", "Okoro", "Adebayo", "Hassan", "Ali"},
	},
	poolSouthAsian: {
		male:   []string{"Muhammad", "Ibrahim", "Yusuf", "Ayaan", "Zayn", "Arjun", "Rohan", "Aarav", "Harjit", "Ali", "Hamza", "Omar", "Rayan", "Imran", "Musa"},
		female: []string{"Aisha", "Fatima", "Maryam", "Zara", "Amira", "Inaya", "Anaya", "Priya", "Simran", "Harleen", "Sana", "Hafsa", "Nusrat", "Aleena"},
		last:   []string{"Khan", "Ahmed", "Hussain", "Ali", "Begum", "Patel", "Singh", "Kaur", "Shah", "Rahman", "Akhtar", "Mahmood", "Sharma", "Chowdhury", "Islam", "Iqbal"},
	},
	poolOther: {
		male:   []string{"Ahmad", "Mohammad", "Abdullah", "Yonas", "Dawit", "Mehari", "Hamid", "Karwan", "Rebin", "Minh", "Tuan", "Samir", "Mustafa", "Biniam", "Ali-Reza"},
		female: []string{"Selam", "Hiwet", "Ruta", "Layla", "Noor", "Mahsa", "Lina", "Yasmin", "Thi Lan", "Hana", "Sara"},
		last:   []string{"Ahmadi", "Hosseini", "Rahimi", "Tesfay", "Haile", "Gebremedhin", "Berhane", "Osman", "Mahmoud", "Karimi", "Nguyen", "Tran", "Le", "Abdullahi", "Hamid", "Omar"},
	},
	poolChinese: {
		male:   []string{"Hao", "Jun", "Wei", "Ethan", "Ryan", "Yi"},
		female: []string{"Jia", "Mei", "Li Na", "Chloe", "Xin", "Hui"},
		last:   []string{"Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Lam"},
	},
	poolMixedCaribbean: {
		male: []string{"Tyler", "Kai", "Jayden", "Marcus", "Elijah", "Riley", "Mason", "Malachi", "Jaden", "Theo",
			"Jaylen", "Isaiah", "Leon", "Kyrie", "Tommy-Jay"},
		female: []string{"Aaliyah", "Nevaeh", "Amelia", "Mia", "Lacey", "Imani", "Jada", "Skye", "Ella", "Zoë",
			"Renée", "Tia-Rose", "Nia", "Leah"},
		last: []string{"Campbell", "Smith", "Brown", "Thomas", "Williams", "Clarke", "Walker", "Johnson", "Francis",
			"Reid", "Taylor", "Grant", "Hughes", "Henry", "Lewis-Grant", "Mensah", "Okafor", "Khan", "Ahmed"},
	},
}

type ethnicity struct {
	label string
	pool  int
}

// ethnicities are DfE ethnicity labels with the name pool used for
// them; ethnicWeights is the mix of children looked after in England.
var (
	ethnicities = []ethnicity{
		{"White British", poolBritish}, {"White Irish", poolBritish}, {"Gypsy/Roma", poolEuropean},
		{"Traveller of Irish heritage", poolBritish}, {"Any other White background", poolEuropean},
		{"White and Black Caribbean", poolMixedCaribbean}, {"White and Black African", poolMixedCaribbean},
		{"White and Asian", poolMixedCaribbean}, {"Any other mixed background", poolMixedCaribbean},
		{"Indian", poolSouthAsian}, {"Pakistani", poolSouthAsian}, {"Bangladeshi", poolSouthAsian},
		{"Any other Asian background", poolOther}, {"Caribbean", poolCaribbean}, {"African", poolAfrican},
		{"Any other Black background", poolCaribbean}, {"Chinese", poolChinese},
		{"Any other ethnic group", poolOther}, {"Information not yet obtained", poolBritish},
	}
	ethnicWeights = []float64{64, 0.6, 1, 0.5, 5, 3.6, 1.5, 1.6, 3.5, 0.5, 1.5, 0.8, 1.6, 1.2, 3.7, 1.4, 0.2, 3, 0.8}
	uascWeights   = []float64{0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 22, 0, 28, 4, 0, 38, 0}
)

var (
	workerFirstNames = []string{"Sarah", "Emma", "Rachel", "Claire", "Laura", "Gemma", "Hannah", "Nicola", "Joanne",
		"Kate", "Amy", "Helen", "Michelle", "Priya", "Nadia", "Fatima", "Grace", "Chipo", "Tendai", "Agnieszka",
		"Siobhán", "Mark", "James", "David", "Daniel", "Tom", "Ben", "Chris", "Paul", "Imran", "Kwame", "Adebayo",
		"Seán", "Rebecca", "Lucy", "Natalie", "Aisha", "Jo", "Sam", "Becky", "Gareth", "Hayley", "Zainab", "Renée"}
	workerLastNames = []string{"Smith", "Jones", "Patel", "Green", "Hughes", "O'Connor", "Okafor", "Mensah", "Khan",
		"Begum", "Walsh", "Nowak", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Wright", "Hall",
		"Clarke", "Bennett", "Ahmed", "Campbell", "Murray", "Fletcher", "Sutton", "Ellis", "Kaur", "Adeyemi",
		"Lawson", "Fraser", "Rowe", "Dixon", "Barker", "Holt", "Nash", "Sharma", "Kowalska", "Ward-Lewis"}
)
