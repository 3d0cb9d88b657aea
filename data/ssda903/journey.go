package ssda903

import (
	"fmt"
	"permanence/data"
	"sort"
	"strings"
)

// Stitching returns across years and deriving each child's journey.
//
// Returns from consecutive years overlap: an episode open at 31 March
// reappears, closed, in the next year's return. The same episode (child and
// DECOM) is kept once, from the latest return. Where a later return starts
// a child's episodes differently (an earlier return's episode starting on
// or after the later return's first episode for that child, with no match
// in it), the later return is taken as the correction and the earlier
// episode is dropped. Episodes are then cut at the extract date, an episode
// left open with a later one after it is closed on that one's start, and
// periods of care are rebuilt: a period starts at RNE S and ends at a DEC
// whose REC is not X1. Episodes under V3/V4 (short breaks) are never care,
// even in the middle of a period: a period made only of them is no period
// of care, and the record's dates, placements and orders come from the
// period's other episodes only (see careSteps). The child's record is
// derived from their latest period of care; an adoption order, SGO, CAO or
// care order discharge that ended an earlier period is kept on the record
// where the latest period has none of its own (see earlierOrders), so that
// the orders made in a year all count.

// Codes the journey reads.
var (
	rneCodes              = map[string]bool{"S": true, "L": true, "P": true, "T": true, "U": true, "B": true}
	sameCarerRNE          = map[string]bool{"L": true, "T": true, "U": true} // the child stays with the same carers
	sgoReasons            = map[string]bool{"E43": true, "E44": true, "E45": true, "E46": true, "E47": true, "E48": true}
	placedCeasedReasons   = map[string]bool{"RD1": true, "RD2": true, "RD3": true, "RD4": true}
	returnedHomeReasons   = map[string]bool{"E4A": true, "E4B": true}
	independentPlacements = map[string]bool{"P2": true, "H5": true, "K3": true}
	sexes                 = map[string]string{"1": "Male", "2": "Female"}
	ethnicities           = map[string]string{
		"WBRI": "White British", "WIRI": "White Irish", "WIRT": "Traveller of Irish heritage",
		"WOTH": "Any other White background", "WROM": "Gypsy/Roma", "MWBC": "White and Black Caribbean",
		"MWBA": "White and Black African", "MWAS": "White and Asian", "MOTH": "Any other mixed background",
		"AIND": "Indian", "APKN": "Pakistani", "ABAN": "Bangladeshi", "AOTH": "Any other Asian background",
		"BCRB": "Caribbean", "BAFR": "African", "BOTH": "Any other Black background", "CHNE": "Chinese",
		"OOTH": "Any other ethnic group", "REFU": "Refused", "NOBT": "Information not yet obtained",
	}
)

// step is an episode as the journey uses it: its end may be cut at the
// extract date or filled in from the next episode.
type step struct {
	ep  *episode
	dec data.Date
	rec string
}

func (s *step) shortBreak() bool { return data.IsShortBreak(s.ep.ls) }

// fieldSource says where a derived field came from, to locate CheckChild's
// warnings.
type fieldSource struct {
	field   string
	ref     rowRef
	col     string
	earlier int // the earlier period of care (1 = the child's first) the field was kept from; 0 for the latest
}

// journey derives one child's record; one is reused for every child.
type journey struct {
	r     *reader
	asAt  data.Date
	kid   int32
	id    string
	steps []step
	care  []step // the latest period's steps that are care (not short breaks)
	src   []fieldSource
	warn  []data.Warning
	c     data.Child
	row   int

	leftUnrecorded bool // the importer closed the last episode (child missing from a later return)
}

func (j *journey) colName(ref rowRef, col string) string {
	return j.r.names[ref.file] + " " + col
}

func (j *journey) warnAt(ref rowRef, col, value, msg string) {
	j.warn = append(j.warn, data.Warning{ChildID: j.id, Row: int(ref.row), Column: j.colName(ref, col), Value: value, Message: msg})
}

func (j *journey) from(field string, ref rowRef, col string) {
	j.src = append(j.src, fieldSource{field: field, ref: ref, col: col})
}

// kidSpans returns, for a table sorted by kid, the start of each kid's rows.
func kidSpans(n int, kids int, kidOf func(i int) int32) []int {
	start := make([]int, kids+1)
	for i := 0; i < n; i++ {
		start[kidOf(i)+1]++
	}
	for k := 0; k < kids; k++ {
		start[k+1] += start[k]
	}
	return start
}

// build stitches the tables, derives every child and fills x.Children,
// x.Rows and x.Warnings. It returns the stitched tables to be stored.
func (r *reader) build(x *data.ExtractData) *rawTables {
	r.rankGroups()
	r.sortRows()
	eps, hs, rv, ad, pf := r.episodes, r.headers, r.reviews, r.ad1, r.pfa
	nk := len(r.kids)
	epSpan := kidSpans(len(eps), nk, func(i int) int32 { return eps[i].kid })
	hSpan := kidSpans(len(hs), nk, func(i int) int32 { return hs[i].kid })
	rvSpan := kidSpans(len(rv), nk, func(i int) int32 { return rv[i].kid })
	adSpan := kidSpans(len(ad), nk, func(i int) int32 { return ad[i].kid })
	pfSpan := kidSpans(len(pf), nk, func(i int) int32 { return pf[i].kid })

	// Children in ID order.
	order := make([]int32, nk)
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, k int) bool { return r.kids[order[i]] < r.kids[order[k]] })

	j := &journey{r: r, asAt: x.Date}
	x.Children = make([]data.Child, 0, nk)
	x.Rows = make([]int, 0, nk)
	for n, k := range order {
		if n%4096 == 0 && r.ctx.Err() != nil {
			return nil
		}
		j.start(k)
		kidEps := eps[epSpan[k]:epSpan[k+1]]
		if len(kidEps) == 0 {
			j.noEpisodes(hs[hSpan[k]:hSpan[k+1]], rv[rvSpan[k]:rvSpan[k+1]], ad[adSpan[k]:adSpan[k+1]], pf[pfSpan[k]:pfSpan[k+1]])
			x.Warnings = append(x.Warnings, j.warn...)
			continue
		}
		// Duplicates: the latest return's version of a table row wins.
		j.dedupeReviews(rv[rvSpan[k]:rvSpan[k+1]])
		j.dedupePFA(pf[pfSpan[k]:pfSpan[k+1]])
		if !j.stitch(kidEps) {
			x.Warnings = append(x.Warnings, j.warn...)
			continue // every episode starts after the extract date
		}
		j.header(hs[hSpan[k]:hSpan[k+1]])
		j.derive(rv[rvSpan[k]:rvSpan[k+1]], ad[adSpan[k]:adSpan[k+1]], pf[pfSpan[k]:pfSpan[k+1]])
		j.check()
		x.Children = append(x.Children, j.c)
		x.Rows = append(x.Rows, j.row)
		x.Warnings = append(x.Warnings, j.warn...)
	}
	return &rawTables{names: r.names, groups: r.groups, kids: r.kids, ids: r.ids, episodes: eps, reviews: rv, ad1: ad, pfa: pf,
		tables: r.tables}
}

// sortRows puts each table's rows in kid order and, for each kid, in the
// order the journey reads them. Where returns repeat a row, the later
// return's copy comes after the earlier one's.
func (r *reader) sortRows() {
	rank := func(g int32) int { return r.groups[g].rank }
	byRef := func(a, b rowRef) bool {
		if a.file != b.file {
			return a.file < b.file
		}
		return a.row < b.row
	}
	eps := r.episodes
	sort.Slice(eps, func(i, k int) bool {
		a, b := &eps[i], &eps[k]
		switch {
		case a.kid != b.kid:
			return a.kid < b.kid
		case a.decom != b.decom:
			return a.decom < b.decom
		case a.group != b.group:
			return rank(a.group) < rank(b.group)
		}
		return byRef(a.rowRef, b.rowRef)
	})
	hs := r.headers
	sort.Slice(hs, func(i, k int) bool {
		a, b := &hs[i], &hs[k]
		switch {
		case a.kid != b.kid:
			return a.kid < b.kid
		case a.group != b.group:
			return rank(a.group) < rank(b.group)
		}
		return byRef(a.rowRef, b.rowRef)
	})
	rv := r.reviews
	sort.Slice(rv, func(i, k int) bool {
		a, b := &rv[i], &rv[k]
		switch {
		case a.kid != b.kid:
			return a.kid < b.kid
		case a.date != b.date:
			return a.date < b.date
		case a.group != b.group:
			return rank(a.group) < rank(b.group)
		}
		return byRef(a.rowRef, b.rowRef)
	})
	ad := r.ad1
	sort.Slice(ad, func(i, k int) bool {
		a, b := &ad[i], &ad[k]
		switch {
		case a.kid != b.kid:
			return a.kid < b.kid
		case a.group != b.group:
			return rank(a.group) < rank(b.group)
		case a.match != b.match:
			return a.match < b.match
		}
		return byRef(a.rowRef, b.rowRef)
	})
	pf := r.pfa
	sort.Slice(pf, func(i, k int) bool {
		a, b := &pf[i], &pf[k]
		switch {
		case a.kid != b.kid:
			return a.kid < b.kid
		case a.placed != b.placed:
			return a.placed < b.placed
		case a.group != b.group:
			return rank(a.group) < rank(b.group)
		}
		return byRef(a.rowRef, b.rowRef)
	})
}

func (j *journey) start(k int32) {
	j.kid, j.id = k, j.r.kids[k]
	j.steps, j.src, j.warn = j.steps[:0], j.src[:0], j.warn[:0]
	j.c = data.Child{ID: j.id}
	j.row = 0
}

// noEpisodes warns about a child who appears in other tables only.
func (j *journey) noEpisodes(hs []headerRow, rv []review, ad []ad1Row, pf []pfaRow) {
	var ref rowRef
	table := ""
	switch {
	case len(hs) > 0:
		ref, table = hs[0].rowRef, "header"
	case len(ad) > 0:
		ref, table = ad[0].rowRef, "ad1"
	case len(pf) > 0:
		ref, table = pf[0].rowRef, "placed_for_adoption"
	case len(rv) > 0:
		ref, table = rv[0].rowRef, "reviews"
	default:
		return
	}
	j.warnAt(ref, "CHILD", j.id, fmt.Sprintf("this child is in the %s table but has no episodes: not imported", table))
}

func (j *journey) dedupeReviews(rv []review) {
	for i := 1; i < len(rv); i++ {
		if rv[i].date == rv[i-1].date {
			rv[i-1].date = data.NoDate // marks the earlier copy as replaced
		}
	}
}

func (j *journey) dedupePFA(pf []pfaRow) {
	for i := 1; i < len(pf); i++ {
		if pf[i].placed == pf[i-1].placed {
			pf[i-1].placed = data.NoDate
		}
	}
}

// stitch keeps one version of each episode, drops episodes a later return
// has replaced, cuts the rest at the extract date and fills j.steps. It
// reports whether any episode is left.
func (j *journey) stitch(eps []episode) bool {
	j.dropRepeats(eps)
	j.dropReplaced(eps)
	j.cutAtExtractDate(eps)
	if len(j.steps) == 0 {
		return false
	}
	j.leftUnrecorded = false
	if last := &j.steps[len(j.steps)-1]; last.dec.IsZero() {
		j.closeIfMissingLater(last)
	}
	return true
}

// dropRepeats keeps one version of an episode that is in several returns:
// the latest return's.
func (j *journey) dropRepeats(eps []episode) {
	for i := 1; i < len(eps); i++ {
		a, b := &eps[i-1], &eps[i]
		if a.decom != b.decom {
			continue
		}
		a.dropped = true
		if a.group == b.group {
			j.warnAt(b.rowRef, "DECOM", b.decom.UK(), fmt.Sprintf("the same episode is also on row %d of %s: this later row is used",
				a.row, j.r.names[a.file]))
		}
	}
}

// dropReplaced drops the earlier returns' episodes from the date a later
// return starts this child's episodes elsewhere.
func (j *journey) dropReplaced(eps []episode) {
	r := j.r
	rank := func(e *episode) int { return r.groups[e.group].rank }
	type first struct {
		rank  int
		decom data.Date
		ep    *episode
	}
	var firsts []first
	for i := range eps {
		e := &eps[i]
		if e.dropped {
			continue
		}
		found := false
		for f := range firsts {
			if firsts[f].rank == rank(e) {
				found = true
				break
			}
		}
		if !found {
			firsts = append(firsts, first{rank(e), e.decom, e}) // eps are in DECOM order: the first is the earliest
		}
	}
	if len(firsts) < 2 {
		return
	}
	for i := range eps {
		e := &eps[i]
		if e.dropped {
			continue
		}
		for _, f := range firsts {
			if f.rank > rank(e) && e.decom >= f.decom {
				e.dropped = true
				j.warnAt(e.rowRef, "DECOM", e.decom.UK(), fmt.Sprintf(
					"not in the later return (%s), which has this child's episodes from %s: this episode is replaced by it",
					r.label(f.ep.group), f.decom.UK()))
				break
			}
		}
	}
}

// cutAtExtractDate fills j.steps with the episodes kept that began by the
// extract date; one that ends after it is still open at it.
func (j *journey) cutAtExtractDate(eps []episode) {
	for i := range eps {
		e := &eps[i]
		e.period = 0
		if e.dropped || e.decom > j.asAt {
			continue
		}
		s := step{ep: e, dec: e.dec, rec: e.rec}
		if s.dec > j.asAt {
			s.dec, s.rec = data.NoDate, "" // still open at the extract date
		}
		j.steps = append(j.steps, s)
	}
}

// closeIfMissingLater closes the child's open last episode when they are
// still in care at the end of their latest return, but missing from a
// later return (for their LA) that began by the extract date: the child
// left care by the end of that year, when and why unknown.
func (j *journey) closeIfMissingLater(last *step) {
	r := j.r
	mine := last.ep.group
	for i := range j.steps {
		if g := j.steps[i].ep.group; r.groups[g].rank > r.groups[mine].rank {
			mine = g
		}
	}
	end := yearEnd(r.groups[mine].latest)
	if end < last.ep.decom || end >= j.asAt {
		return
	}
	la := r.kidLA[j.kid]
	for g := range r.groups {
		gr := &r.groups[g]
		covers := gr.las[la] || (la == "" && gr.las == nil) // the same LA, or both without LA
		if gr.table != episodesTable || gr.rank <= r.groups[mine].rank || !covers ||
			yearEnd(gr.latest).AddMonths(-12) >= j.asAt || yearEnd(gr.latest) <= end {
			continue
		}
		last.dec, last.rec = end, ""
		j.leftUnrecorded = true
		j.warnAt(last.ep.rowRef, "DEC", "", fmt.Sprintf(
			"the episode is open in %s, but the child is not in the later return (%s): taken to have left care by %s, the end of that year; the reason is not recorded",
			r.label(mine), r.label(int32(g)), end.UK()))
		break
	}
}

// header takes the child's details from the latest return's header row.
func (j *journey) header(hs []headerRow) {
	if len(hs) == 0 {
		return
	}
	h := &hs[len(hs)-1]
	for i := len(hs) - 2; i >= 0 && hs[i].group == h.group; i-- {
		if o := &hs[i]; o.dob == h.dob && o.sex == h.sex && o.ethnic == h.ethnic {
			continue // the same row twice
		}
		j.warnAt(h.rowRef, "CHILD", j.id, fmt.Sprintf("the child is also on row %d of %s: this later row is used",
			hs[i].row, j.r.names[hs[i].file]))
	}
	j.c.DOB = h.dob
	j.from("date_of_birth", h.rowRef, "DOB")
	if s, ok := sexes[h.sex]; ok {
		j.c.Sex = s
	} else {
		j.c.Sex = h.sex
	}
	if e, ok := ethnicities[h.ethnic]; ok {
		j.c.Ethnicity = e
	} else {
		j.c.Ethnicity = h.ethnic
	}
}

// derive rebuilds the periods of care and the child's journey in the latest.
func (j *journey) derive(rv []review, ad []ad1Row, pf []pfaRow) {
	steps := j.steps
	n := len(steps)
	j.checkEpisodes()
	periods := j.periodsOfCare()
	latest := latestPeriod(steps, periods)
	for p, pr := range periods {
		for i := pr[0]; i <= pr[1]; i++ {
			steps[i].ep.period = int16(p + 1)
		}
	}
	last := &steps[n-1]
	j.row = int(last.ep.row)
	if latest < 0 {
		// Short breaks only: not looked after; keep the latest codes.
		j.c.LegalStatus, j.c.PlacementType = last.ep.ls, last.ep.place
		j.from("legal_status", last.ep.rowRef, "LS")
		j.from("placement_type", last.ep.rowRef, "PLACE")
		return
	}
	prevEnd := data.NoDate
	if latest > 0 {
		prevEnd = steps[periods[latest-1][1]].dec
	}
	j.period(steps[periods[latest][0]:periods[latest][1]+1], latest == 0, prevEnd, rv, ad, pf)
	j.earlierOrders(periods[:latest])
}

// checkEpisodes checks the episodes one by one, and closes an open episode
// that has a later one after it on that one's start.
func (j *journey) checkEpisodes() {
	steps := j.steps
	n := len(steps)
	for i := range steps {
		s := &steps[i]
		if !rneCodes[s.ep.rne] {
			j.warnAt(s.ep.rowRef, "RNE", s.ep.rne, "not a known SSDA903 RNE code (S, L, P, T, U, B)")
		}
		j.checkShortBreakOrder(s)
		if s.dec != 0 && s.dec < s.ep.decom {
			j.warnAt(s.ep.rowRef, "DEC", s.dec.UK(), fmt.Sprintf("the episode ends before it begins (DECOM %s)", s.ep.decom.UK()))
		}
		if i == n-1 {
			break
		}
		next := &steps[i+1]
		if s.dec == 0 {
			s.dec = next.ep.decom
			if next.ep.rne == "S" {
				s.rec = ""
			} else {
				s.rec = "X1"
			}
			j.warnAt(s.ep.rowRef, "DEC", "", fmt.Sprintf("the episode has no end date but a later episode starts on %s (%s row %d): taken to end then",
				next.ep.decom.UK(), j.r.names[next.ep.file], next.ep.row))
		} else if s.rec == "" {
			j.warnAt(s.ep.rowRef, "REC", "", "REC is empty on an episode that has ended")
		}
	}
}

// checkShortBreakOrder warns when a short break ends with an order: short
// breaks are not care, so the order is not counted.
func (j *journey) checkShortBreakOrder(s *step) {
	if !s.shortBreak() || s.dec.IsZero() {
		return
	}
	if field, what := orderEnding(s.rec, s.ep.ls); field != "" { // V3/V4: never a care order discharged
		j.warnAt(s.ep.rowRef, "REC", s.rec, fmt.Sprintf(
			"%s (REC %s) ends a short break (LS %s): short breaks are not care, so it is not counted among the orders",
			upperFirst(what), s.rec, s.ep.ls))
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// periodsOfCare splits the steps into periods of care, as [first, last]
// step: a period ends where REC is not X1. It warns where the episodes and
// their codes disagree about that.
func (j *journey) periodsOfCare() [][2]int {
	steps := j.steps
	n := len(steps)
	var periods [][2]int
	begin := 0
	for i := 0; i < n; i++ {
		s := &steps[i]
		if i == n-1 {
			periods = append(periods, [2]int{begin, i})
			if s.dec != 0 && s.rec == "X1" {
				j.warnAt(s.ep.rowRef, "REC", s.rec, "REC X1 says the child stays in care, but no later episode follows: the child is taken to be still in care")
			} else if s.dec != 0 && s.rec == "" && !j.leftUnrecorded {
				j.warnAt(s.ep.rowRef, "REC", "", "REC is empty: the child left care for a reason not recorded")
			}
			break
		}
		if !j.endsPeriod(s, &steps[i+1]) {
			continue
		}
		periods = append(periods, [2]int{begin, i})
		begin = i + 1
	}
	return periods
}

// endsPeriod reports whether a period of care ends with step s, before
// next, and warns where the two disagree (overlapping, a gap, or an RNE
// that does not fit the REC before it).
func (j *journey) endsPeriod(s, next *step) bool {
	ceased := s.rec != "" && s.rec != "X1"
	if next.ep.decom < s.dec {
		j.warnAt(next.ep.rowRef, "DECOM", next.ep.decom.UK(), fmt.Sprintf(
			"the episode starts before the previous one ends (%s row %d, DEC %s): episodes overlap",
			j.r.names[s.ep.file], s.ep.row, s.dec.UK()))
	}
	switch {
	case ceased:
		if next.ep.rne != "S" {
			j.warnAt(next.ep.rowRef, "RNE", next.ep.rne, fmt.Sprintf(
				"the child left care on %s (REC %s), so this episode starts a new period of care and should have RNE S",
				s.dec.UK(), s.rec))
		}
	case next.ep.rne == "S":
		if s.rec == "X1" {
			j.warnAt(next.ep.rowRef, "RNE", "S", fmt.Sprintf(
				"RNE S starts a new period of care, but the previous episode (%s row %d) ends with REC X1 (the child stays in care)",
				j.r.names[s.ep.file], s.ep.row))
		}
	default:
		if next.ep.decom > s.dec {
			j.warnAt(next.ep.rowRef, "DECOM", next.ep.decom.UK(), fmt.Sprintf(
				"the episode starts %d days after the previous one ended (%s row %d, DEC %s, REC X1): a gap inside the period of care",
				data.Days(s.dec, next.ep.decom), j.r.names[s.ep.file], s.ep.row, s.dec.UK()))
		}
		return false
	}
	return true
}

// latestPeriod is the latest period of care that is not only short
// breaks, or -1 when there is none.
func latestPeriod(steps []step, periods [][2]int) int {
	for p := len(periods) - 1; p >= 0; p-- {
		for i := periods[p][0]; i <= periods[p][1]; i++ {
			if !steps[i].shortBreak() {
				return p
			}
		}
	}
	return -1
}

// period derives the child's record from their latest period of care,
// full: from its episodes that are care, never from its short breaks.
func (j *journey) period(full []step, firstPeriod bool, prevEnd data.Date, rv []review, ad []ad1Row, pf []pfaRow) {
	p, lastCare := j.careSteps(full)
	last := &p[len(p)-1]
	j.row = int(last.ep.row)
	j.enteredAndCeased(p, full, lastCare, firstPeriod)
	j.currentPlacement(p)
	po, pa := j.orderAndPlacementDates(p)
	j.permanenceOrder(last, po)
	j.adoptionDecisionAndMatch(p, pa, prevEnd, ad, pf)
	j.a10Start(p, pa)
	j.secondReview(rv)

	c := &j.c
	c.Plan, c.PlanText = inferPlan(c)
	c.PlanInferred = c.PlanText != ""
}

// careSteps returns the period's steps that are care, leaving out its
// short breaks (there is at least one, or the period is no period of
// care), and the index in full of the last of them.
func (j *journey) careSteps(full []step) (care []step, lastCare int) {
	j.care = j.care[:0]
	for i := range full {
		if !full[i].shortBreak() {
			j.care = append(j.care, full[i])
			lastCare = i
		}
	}
	return j.care, lastCare
}

// enteredAndCeased takes the dates the period of care began (its first
// episode of care, p[0]) and ended, and why it ended. Where only short
// breaks follow its last episode of care (full[lastCare]), care ended with
// that episode, for a reason not recorded.
func (j *journey) enteredAndCeased(p, full []step, lastCare int, firstPeriod bool) {
	c := &j.c
	start, last := &p[0], &p[len(p)-1]
	c.EnteredCare = start.ep.decom
	j.from("date_entered_care", start.ep.rowRef, "DECOM")
	if firstPeriod && full[0].ep.rne != "S" {
		j.warnAt(full[0].ep.rowRef, "RNE", full[0].ep.rne, "the period of care began before the earliest return imported (the first episode is not RNE S): "+
			"date entered care is this episode's start; import earlier returns to get the real date")
	}
	switch {
	case lastCare < len(full)-1:
		next := &full[lastCare+1]
		c.CeasedCare = last.dec
		j.from("ceased_care_date", last.ep.rowRef, "DEC")
		j.warnAt(next.ep.rowRef, "LS", next.ep.ls, fmt.Sprintf(
			"from %s the child has short breaks only (LS %s), which are not care: taken to have left care on %s, when the last episode of care ended (%s row %d); "+
				"how they left is not recorded", next.ep.decom.UK(), next.ep.ls, last.dec.UK(), j.r.names[last.ep.file], last.ep.row))
	case last.dec != 0 && last.rec != "X1":
		c.CeasedCare, c.ReasonCeased = last.dec, last.rec
		j.from("ceased_care_date", last.ep.rowRef, "DEC")
		j.from("reason_ceased", last.ep.rowRef, "REC")
	}
}

// currentPlacement takes the legal status and placement of the period's
// last episode, and the date that placement began: episodes that follow
// on with RNE L (a change of legal status only) continue it.
func (j *journey) currentPlacement(p []step) {
	c := &j.c
	k := len(p) - 1
	last := &p[k]
	c.LegalStatus, c.PlacementType = last.ep.ls, last.ep.place
	j.from("legal_status", last.ep.rowRef, "LS")
	j.from("placement_type", last.ep.rowRef, "PLACE")
	ps := k
	for ps > 0 && p[ps].ep.rne == "L" && p[ps-1].dec == p[ps].ep.decom {
		ps--
	}
	c.PlacementStart = p[ps].ep.decom
	j.from("placement_start_date", p[ps].ep.rowRef, "DECOM")
}

// orderAndPlacementDates dates each milestone a legal status or placement
// marks by the first episode in the period that has it. It returns the
// steps of the first placement order (po) and of the first adoptive
// placement (pa), each -1 when there is none.
func (j *journey) orderAndPlacementDates(p []step) (po, pa int) {
	c := &j.c
	firstWith := func(field string, pred func(s *step) bool) int {
		for i := range p {
			if pred(&p[i]) {
				*data.FieldByName(field).Date(c) = p[i].ep.decom
				j.from(field, p[i].ep.rowRef, "DECOM")
				return i
			}
		}
		return -1
	}
	firstWith("care_order_date", func(s *step) bool { return s.ep.ls == "C2" })
	po = firstWith("placement_order_date", func(s *step) bool { return s.ep.ls == "E1" })
	pa = firstWith("placed_for_adoption_date", func(s *step) bool { return data.IsAdoptivePlacement(s.ep.place) })
	firstWith("early_permanence_date", func(s *step) bool { return s.ep.place == "U2" || s.ep.place == "U5" })
	firstWith("placed_with_parents_date", func(s *step) bool { return s.ep.place == "P1" })
	return po, pa
}

// orderEnding names the field of the order that a period of care ending
// with REC rec, from an episode under legal status ls, was made with, and
// says what it is in words: an adoption order, special guardianship order,
// child arrangements order, or a care order discharged as the child went
// home. field is "" when rec is no such order.
func orderEnding(rec, ls string) (field, what string) {
	switch {
	case rec == "E11" || rec == "E12":
		return "adoption_order_date", "an adoption order"
	case sgoReasons[rec]:
		return "sgo_order_date", "a special guardianship order"
	case rec == "E41":
		return "cao_order_date", "a child arrangements order"
	case returnedHomeReasons[rec] && ls == "C2":
		return "care_order_discharged_date", "the discharge of the care order as the child went home"
	}
	return "", ""
}

// permanenceOrder takes the order the period of care ended with, if any
// (orderEnding). po is the step of the first placement order, or -1.
func (j *journey) permanenceOrder(last *step, po int) {
	c := &j.c
	rec, ref := c.ReasonCeased, last.ep.rowRef
	field, _ := orderEnding(rec, last.ep.ls)
	if c.CeasedCare.IsZero() || field == "" {
		return
	}
	*data.FieldByName(field).Date(c) = c.CeasedCare
	j.from(field, ref, "DEC")
	switch {
	case rec == "E12" && po < 0:
		j.warnAt(ref, "REC", rec, "adopted under a placement order (REC E12), but no episode in this period of care has LS E1 (placement order)")
	case sgoReasons[rec]:
		if age := c.AgeAt(c.CeasedCare); age >= 18 {
			j.warnAt(ref, "REC", rec, fmt.Sprintf("a special guardianship order (REC %s) for a child aged %d: SGOs are for children under 18", rec, age))
		}
	}
}

// earlierOrders keeps on the record the order that ended an earlier period
// of care (the periods before the latest, as [first, last] step), where the
// record, from the latest period, has no date of its own for that order:
// the order was made, and counts in its year, whatever came after. Of
// several, the latest is kept. An order on a short break is not care and
// is not kept.
func (j *journey) earlierOrders(earlier [][2]int) {
	c := &j.c
	for p := len(earlier) - 1; p >= 0; p-- {
		end := &j.steps[earlier[p][1]]
		if end.shortBreak() || end.dec.IsZero() {
			continue
		}
		field, what := orderEnding(end.rec, end.ep.ls)
		if field == "" {
			continue
		}
		f := data.FieldByName(field)
		d := f.Date(c)
		if !d.IsZero() {
			continue // the latest period's own, or a later earlier period's
		}
		*d = end.dec
		j.src = append(j.src, fieldSource{field: field, ref: end.ep.rowRef, col: "DEC", earlier: p + 1})
		later := "the child came back into care on " + c.EnteredCare.UK()
		if c.EnteredCare <= end.dec {
			later = "a later period of care begins on " + c.EnteredCare.UK() + " (the periods overlap)"
		}
		j.warnAt(end.ep.rowRef, "DEC", end.dec.UK(), fmt.Sprintf(
			"an earlier period of care ended here with %s (REC %s), and %s: "+
				"the child's record is about the later period, but keeps this date in its %q field so that the order counts in its year",
			what, end.rec, later, f.Label))
	}
}

// adoptionDecisionAndMatch takes, from the placed_for_adoption and ad1
// rows dated in this period of care, the decision that the child should be
// placed for adoption (DATE_PLACED, else the ad1 row's DATE_INT), its
// reversal, the match and adoption by foster carers. pa is the step of the
// first adoptive placement, or -1.
func (j *journey) adoptionDecisionAndMatch(p []step, pa int, prevEnd data.Date, ad []ad1Row, pf []pfaRow) {
	inPeriod := func(d data.Date) bool { return !d.IsZero() && d <= j.asAt && (prevEnd.IsZero() || d > prevEnd) }
	var dec *pfaRow
	for i := range pf {
		if inPeriod(pf[i].placed) {
			dec = &pf[i] // pf is in date order: the latest decision wins
		}
	}
	var a1 *ad1Row
	for i := range ad {
		if inPeriod(ad[i].match) || (ad[i].match.IsZero() && inPeriod(ad[i].dateInt)) {
			a1 = &ad[i] // ad is in return order: the latest return wins
		}
	}
	if dec != nil {
		j.placementDecision(dec, p, pa)
	} else if a1 != nil && inPeriod(a1.dateInt) {
		j.c.ADMAdoption = a1.dateInt
		j.from("adm_adoption_date", a1.rowRef, "DATE_INT")
	}
	if a1 != nil {
		j.match(a1, p, pa)
		j.fosterCarerAdoption(a1, p, pa)
	}
}

// placementDecision takes the decision that the child should be placed for
// adoption, and its reversal, from a placed_for_adoption row.
func (j *journey) placementDecision(dec *pfaRow, p []step, pa int) {
	c := &j.c
	c.ADMAdoption = dec.placed
	j.from("adm_adoption_date", dec.rowRef, "DATE_PLACED")
	if !dec.ceased.IsZero() && dec.ceased <= j.asAt && c.AdoptionOrder.IsZero() {
		c.AdoptionPlanEnded = dec.ceased
		j.from("adoption_plan_ended_date", dec.rowRef, "DATE_PLACED_CEASED")
	}
	if dec.reason != "" && !placedCeasedReasons[dec.reason] {
		j.warnAt(dec.rowRef, "REASON_PLACED_CEASED", dec.reason, "not a known SSDA903 REASON_PLACED_CEASED code (RD1–RD4)")
	}
	if pa >= 0 && dec.placed > c.PlacedForAdoption {
		j.warnAt(dec.rowRef, "DATE_PLACED", dec.placed.UK(), fmt.Sprintf(
			"the decision that the child should be placed for adoption is after they were placed for adoption (%s row %d, DECOM %s)",
			j.r.names[p[pa].ep.file], p[pa].ep.row, c.PlacedForAdoption.UK()))
	}
}

// match takes the match date from an ad1 row.
func (j *journey) match(a1 *ad1Row, p []step, pa int) {
	c := &j.c
	if a1.match <= j.asAt {
		c.Match = a1.match
		j.from("match_date", a1.rowRef, "DATE_MATCH")
	}
	if pa >= 0 && !c.Match.IsZero() && c.Match > c.PlacedForAdoption {
		j.warnAt(a1.rowRef, "DATE_MATCH", c.Match.UK(), fmt.Sprintf(
			"the match is after the child was placed for adoption (%s row %d, DECOM %s)",
			j.r.names[p[pa].ep.file], p[pa].ep.row, c.PlacedForAdoption.UK()))
	}
}

// fosterCarerAdoption takes adoption by foster carers from an ad1 row's
// FOSTER_CARE, and checks it against the adoptive placement.
func (j *journey) fosterCarerAdoption(a1 *ad1Row, p []step, pa int) {
	switch a1.fosterCare {
	case "1":
		j.c.FosterCarerAdoption = true
		j.from("adopted_by_foster_carer", a1.rowRef, "FOSTER_CARE")
	case "0", "":
	default:
		j.warnAt(a1.rowRef, "FOSTER_CARE", a1.fosterCare, "FOSTER_CARE should be 1 (adopted by their foster carers) or 0")
	}
	if pa >= 0 {
		place := p[pa].ep.place
		withCarer := place == "A3" || place == "A5"
		if (a1.fosterCare == "1" && !withCarer) || (a1.fosterCare == "0" && withCarer) {
			j.warnAt(a1.rowRef, "FOSTER_CARE", a1.fosterCare, fmt.Sprintf(
				"does not agree with the adoptive placement %s (%s row %d): A3 and A5 are with the current foster carers, A4 and A6 are not",
				place, j.r.names[p[pa].ep.file], p[pa].ep.row))
		}
	}
}

// a10Start dates A10: a child adopted by their foster carers (as ad1 says,
// or as an A3 or A5 adoptive placement says) first moved in with them at
// the start of the run of episodes with the same carers. pa is the step of
// the first adoptive placement, or -1.
func (j *journey) a10Start(p []step, pa int) {
	c := &j.c
	if pa >= 0 && (p[pa].ep.place == "A3" || p[pa].ep.place == "A5") && !c.FosterCarerAdoption {
		c.FosterCarerAdoption = true
		j.from("adopted_by_foster_carer", p[pa].ep.rowRef, "PLACE")
	}
	if c.FosterCarerAdoption && pa >= 0 {
		i := pa // p holds no short breaks: one between two episodes leaves a gap
		for i > 0 && sameCarerRNE[p[i].ep.rne] && p[i-1].dec == p[i].ep.decom {
			i--
		}
		c.A10Start = p[i].ep.decom
		j.from("a10_start_date", p[i].ep.rowRef, "DECOM")
	}
}

// secondReview dates the second review since the child entered care.
func (j *journey) secondReview(rv []review) {
	c := &j.c
	nth := 0
	for i := range rv {
		d := rv[i].date
		if d.IsZero() || d < c.EnteredCare || d > j.asAt || (!c.CeasedCare.IsZero() && d > c.CeasedCare) {
			continue
		}
		if nth++; nth == 2 {
			c.SecondReview = d
			j.from("second_review_date", rv[i].rowRef, "REVIEW")
			break
		}
	}
}

// inferPlan infers a permanence plan, since the return records none:
// from how the child left care when that was a permanence outcome, else
// from their placement and legal status.
func inferPlan(c *data.Child) (data.Plan, string) {
	if !c.CeasedCare.IsZero() {
		by := "inferred from REC " + c.ReasonCeased
		switch rec := c.ReasonCeased; {
		case rec == "E11" || rec == "E12":
			return data.PlanAdoption, by
		case sgoReasons[rec]:
			return data.PlanSpecialGuardianship, by
		case rec == "E41":
			return data.PlanChildArrangementsOrder, by
		case rec == "E4A":
			return data.PlanReunification, by
		}
	}
	ls, place := c.LegalStatus, c.PlacementType
	var parts []string
	for _, s := range []string{ls, place} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	by := "inferred from " + strings.Join(parts, "/")
	adoptionEnded := !c.AdoptionPlanEnded.IsZero()
	switch {
	case data.IsAdoptivePlacement(place):
		return data.PlanAdoption, by
	case (ls == "E1" || ls == "D1") && !adoptionEnded:
		return data.PlanAdoption, by
	case place == "U2" || place == "U5":
		return data.PlanAdoption, by
	case data.IsLTFPlacement(place):
		return data.PlanLongTermFostering, by
	case place == "P1" && (ls == "C1" || ls == "C2"):
		return data.PlanReunification, by
	case independentPlacements[place]:
		return data.PlanOther, by
	}
	return data.PlanNotRecorded, ""
}

// check runs CheckChild on the derived record, locating each warning at the
// table cell the field came from.
func (j *journey) check() {
	matchLabel := "is before " + data.FieldByName("match_date").Label
	for _, w := range data.CheckChild(&j.c, j.asAt, 0, nil) {
		if w.Column == "placed_for_adoption_date" && strings.HasPrefix(w.Message, matchLabel) {
			continue // reported at the match itself (DATE_MATCH)
		}
		found, skip := false, false
		for _, s := range j.src {
			if s.field == w.Column {
				// An order kept from an earlier period comes before this
				// period's dates: that is no error.
				skip = s.earlier > 0 && strings.HasPrefix(w.Message, "is before ")
				w.Row, w.Column = int(s.ref.row), j.colName(s.ref, s.col)
				found = true
				break
			}
		}
		if skip {
			continue
		}
		if !found {
			if f := data.FieldByName(w.Column); f != nil {
				w.Column = f.Label
			}
		}
		j.warn = append(j.warn, w)
	}
}
