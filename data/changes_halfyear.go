package data

import "sort"

// PanelFigures are the panel's own figures over a half-year, From < d ≤
// To, for the 6-monthly report to senior leaders (panel.md, "Outputs"):
// aggregates only. docs/measures-panel.md defines each one.
type PanelFigures struct {
	From, To Date
	// MeetingsHeld counts the meetings held (status held or closed) dated
	// in the half-year, one entry per kind in PanelKinds order.
	MeetingsHeld []KindCount
	// Reviews counts the records made at those meetings; ChildrenReviewed
	// the children they are of, each once.
	Reviews, ChildrenReviewed int
	// PermanenceSince counts, of the children reviewed, those who achieved
	// permanence on or after their first review in the half-year, by route
	// (one entry per SuccessKinds, in order; a child counts once per route).
	PermanenceSince []RouteCount
	// Barriers counts the records of the half-year naming each barrier,
	// one entry per Barriers, in order.
	Barriers []BarrierCount
	// EscalationsRaised: escalations raised in the half-year;
	// EscalationsResolved: those resolved in it (an outcome, resolved date
	// in the half-year), whatever their date raised; DaysToResolve their
	// days from raised to resolved.
	EscalationsRaised, EscalationsResolved int
	DaysToResolve                          []int
	// ActionsDue: actions due in the half-year; ActionsDoneByDue: of
	// those, done on or before their due date.
	ActionsDue, ActionsDoneByDue int
	// ReviewsMissed counts the children whose panel review date fell in
	// the half-year and who were not reviewed by the first meeting of the
	// kind held on or after it: see PanelHalfYear.
	ReviewsMissed int
}

// KindCount is a count for one panel kind.
type KindCount struct {
	Kind  PanelKind
	Count int
}

// RouteCount is a count of children for one route to permanence.
type RouteCount struct {
	Route Key
	Label string
	Count int
}

// BarrierCount is how many records name one barrier.
type BarrierCount struct {
	Barrier Barrier
	Records int
}

// MeetingsHeldTotal is every meeting held in the half-year.
func (p *PanelFigures) MeetingsHeldTotal() int {
	n := 0
	for _, k := range p.MeetingsHeld {
		n += k.Count
	}
	return n
}

// MedianDaysToResolve is the median of DaysToResolve, rounded half away
// from zero to 1 decimal place, and whether there is one.
func (p *PanelFigures) MedianDaysToResolve() (float64, bool) {
	if len(p.DaysToResolve) == 0 {
		return 0, false
	}
	vs := append([]int(nil), p.DaysToResolve...)
	n, d := medianRatio(vs)
	return RoundRatio(n, d), true
}

// HalfYearStart is the day before the half-year ending on to begins: to
// less 6 calendar months (the half-year is from < d ≤ to).
func HalfYearStart(to Date) Date { return to.AddMonths(-6) }

// PanelHalfYear works out the panel's figures over from < d ≤ to from
// every meeting, every record (with its meeting) and the children's
// states as at to:
//
//   - a meeting counts when it is held or closed and dated in the
//     half-year; reviews are the records made at those meetings;
//   - permanence since: for each child reviewed, each success of
//     SuccessKinds dated (as at to) on or after the date of their first
//     review in the half-year and on or before to;
//   - barriers: each barrier of each of those records, once a record;
//   - escalations and actions are those of Escalations and Actions over
//     every record (each in its latest state): raised in the half-year;
//     resolved (an outcome recorded and a resolved date) in the
//     half-year; due in the half-year, and of those done (status done)
//     with a done date on or before the due date;
//   - reviews missed: children with a record, at a meeting S dated
//     before the review date R it set, R in the half-year, who were in
//     care on R (their state as at to), where a meeting of S's kind was
//     held on or after R and on or before to, and the child has no record
//     at a meeting dated after S and on or before the first such meeting
//     (the agenda suggests a child at the first meeting on or after their
//     review date: one not heard there was not reviewed in time); each
//     child once.
func PanelHalfYear(meetings []Meeting, recs []MeetingRecord, children []Child, from, to Date) *PanelFigures {
	p := &PanelFigures{From: from, To: to}
	held := func(m Meeting) bool {
		return m.Date.In(from, to) && (m.Status == MeetingHeld || m.Status == MeetingClosed)
	}
	perKind := map[PanelKind]int{}
	for _, m := range meetings {
		if held(m) {
			perKind[m.Kind]++
		}
	}
	for _, k := range PanelKinds {
		p.MeetingsHeld = append(p.MeetingsHeld, KindCount{Kind: k, Count: perKind[k]})
	}
	firstReview := map[string]Date{}
	barriers := map[Barrier]int{}
	for _, mr := range recs {
		if !held(mr.Meeting) {
			continue
		}
		p.Reviews++
		if d, ok := firstReview[mr.Record.ChildID]; !ok || mr.Meeting.Date < d {
			firstReview[mr.Record.ChildID] = mr.Meeting.Date
		}
		seen := map[Barrier]bool{}
		for _, b := range mr.Record.Barriers {
			if !seen[b] {
				seen[b] = true
				barriers[b]++
			}
		}
	}
	p.ChildrenReviewed = len(firstReview)
	for _, b := range Barriers {
		p.Barriers = append(p.Barriers, BarrierCount{Barrier: b, Records: barriers[b]})
	}
	p.permanenceSince(firstReview, children)
	p.escalationsAndActions(recs)
	p.ReviewsMissed = reviewsMissed(meetings, recs, children, from, to)
	return p
}

func (p *PanelFigures) permanenceSince(firstReview map[string]Date, children []Child) {
	counts := make([]int, len(SuccessKinds))
	for i := range children {
		c := &children[i]
		first, ok := firstReview[c.ID]
		if !ok {
			continue
		}
		for j, k := range SuccessKinds {
			if d := k.Date(c); !d.IsZero() && d >= first && d <= p.To {
				counts[j]++
			}
		}
	}
	for j, k := range SuccessKinds {
		p.PermanenceSince = append(p.PermanenceSince, RouteCount{Route: k.Key, Label: k.Label, Count: counts[j]})
	}
}

func (p *PanelFigures) escalationsAndActions(recs []MeetingRecord) {
	for _, ce := range Escalations(recs) {
		e := ce.Escalation
		if e.Raised.In(p.From, p.To) {
			p.EscalationsRaised++
		}
		if !e.Open() && e.Resolved.In(p.From, p.To) {
			p.EscalationsResolved++
			if !e.Raised.IsZero() {
				p.DaysToResolve = append(p.DaysToResolve, Days(e.Raised, e.Resolved))
			}
		}
	}
	sort.Ints(p.DaysToResolve)
	for _, ca := range Actions(recs) {
		a := ca.Action
		if !a.Due.In(p.From, p.To) {
			continue
		}
		p.ActionsDue++
		if a.Status == ActionDone && !a.DoneOn.IsZero() && a.DoneOn <= a.Due {
			p.ActionsDoneByDue++
		}
	}
}

// reviewsMissed counts the children whose review date R, set at a
// meeting S before it and falling in from < R ≤ to, passed with no review:
// the first meeting of S's kind held on or after R (and on or before to)
// came, and the child has no record at any meeting dated after S and on or
// before that one; and they were in care on R. Each child once.
func reviewsMissed(meetings []Meeting, recs []MeetingRecord, children []Child, from, to Date) int {
	byChild := map[string][]MeetingRecord{}
	for _, mr := range recs {
		byChild[mr.Record.ChildID] = append(byChild[mr.Record.ChildID], mr)
	}
	// next is the first meeting of kind k held on or after d, by to.
	next := func(k PanelKind, d Date) (Date, bool) {
		var best Date
		for _, m := range meetings {
			if m.Kind == k && m.Date >= d && m.Date <= to && (m.Status == MeetingHeld || m.Status == MeetingClosed) &&
				(best.IsZero() || m.Date < best) {
				best = m.Date
			}
		}
		return best, !best.IsZero()
	}
	n := 0
	for i := range children {
		c := &children[i]
		for _, set := range byChild[c.ID] {
			due := set.Record.NextReview
			if !due.In(from, to) || set.Meeting.Date >= due || !InCare(c, due) {
				continue
			}
			by, ok := next(set.Meeting.Kind, due)
			if !ok {
				continue
			}
			reviewed := false
			for _, r := range byChild[c.ID] {
				if r.Meeting.Date > set.Meeting.Date && r.Meeting.Date <= by {
					reviewed = true
					break
				}
			}
			if !reviewed {
				n++
				break
			}
		}
	}
	return n
}
