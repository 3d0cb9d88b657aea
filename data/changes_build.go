package data

import (
	"sort"
	"strings"
)

// ChangeWindow says which changes to work out: between the first and last
// of Snapshots (From < d ≤ To), comparing the states as at each.
type ChangeWindow struct {
	Snapshots  []Date // SnapshotDates: From first, To last, at least two
	Thresholds Thresholds
	// View asks for every line of the view (Changes.View): came into care,
	// left care, plans then and now, drift flags begun and stopped (which
	// keeps every child's state at From and at To until Finish),
	// proceedings concluded, permanence achieved. Without it only
	// disruptions, changes of plan and plans differing are worked out.
	View bool
}

// ChangesSources are what the changes read besides the children's states.
type ChangesSources struct {
	Records []MeetingRecord // every panel record, with its meeting
	// DisruptionLines holds, for each meeting (by id), the children its
	// agenda listed with the reason "disruption" when it was held.
	DisruptionLines map[int64][]string
	// SSDA903 holds each child's episodes and adoption decisions from the
	// latest SSDA903 return dated on or before To that has them.
	SSDA903 []SSDA903History
}

// ChangesBuilder works out the changes one child at a time (Add), so that
// no more than one child's states need be held, then Finish.
type ChangesBuilder struct {
	w        ChangeWindow
	from, to Date
	ch       *Changes
	records  map[string][]MeetingRecord
	lines    map[int64]map[string]bool
	ssda903  map[string]*SSDA903History
	recs     []MeetingRecord
	atFrom   []Child // with View: every child's state as at From
	atTo     []Child // and as at To, in the order added
	kept     map[string]bool
}

// NewChangesBuilder starts working out the changes over w.
func NewChangesBuilder(w ChangeWindow, src ChangesSources) *ChangesBuilder {
	if len(w.Snapshots) < 2 {
		panic("data: a change window needs at least two snapshot dates")
	}
	if w.Thresholds == (Thresholds{}) {
		w.Thresholds = DefaultThresholds()
	}
	from, to := w.Snapshots[0], w.Snapshots[len(w.Snapshots)-1]
	b := &ChangesBuilder{w: w, from: from, to: to, recs: src.Records,
		ch:      &Changes{From: from, To: to, Snapshots: w.Snapshots, Thresholds: w.Thresholds, View: w.View},
		records: map[string][]MeetingRecord{}, lines: map[int64]map[string]bool{}, ssda903: map[string]*SSDA903History{},
		kept: map[string]bool{}}
	for _, mr := range src.Records {
		b.records[mr.Record.ChildID] = append(b.records[mr.Record.ChildID], mr)
	}
	for id, children := range src.DisruptionLines {
		b.lines[id] = map[string]bool{}
		for _, c := range children {
			b.lines[id][c] = true
		}
	}
	for i := range src.SSDA903 {
		b.ssda903[src.SSDA903[i].ChildID] = &src.SSDA903[i]
	}
	return b
}

// Add takes one child's states: *states[i] is their state as at the i-th
// snapshot date (two may point to the same row). They are neither changed
// nor kept: the caller may reuse them.
func (b *ChangesBuilder) Add(states []*Child) {
	if len(states) != len(b.w.Snapshots) {
		panic("data: a child's states do not match the snapshot dates")
	}
	first, last := states[0], states[len(states)-1]
	ch := b.ch
	n := b.count()
	events := b.plansOf(states)
	ch.PlanChanges = append(ch.PlanChanges, events...)
	ch.Disruptions = append(ch.Disruptions, b.disruptionsOf(states)...)
	if d, ok := b.caseSystemDiffers(last, len(events) > 0); ok {
		ch.CaseSystemDiffers = append(ch.CaseSystemDiffers, d)
	}
	if b.w.View {
		b.viewLines(states)
		b.atFrom = append(b.atFrom, *first)
		b.atTo = append(b.atTo, *last)
	}
	if b.count() > n {
		b.keep(last)
	}
}

// viewLines adds the child's lines of the view other than disruptions,
// changes of plan and plans differing.
func (b *ChangesBuilder) viewLines(states []*Child) {
	first, last := states[0], states[len(states)-1]
	id, from, to := last.ID, b.from, b.to
	ch := b.ch
	if last.EnteredCare.In(from, to) {
		ch.CameIntoCare = append(ch.CameIntoCare, ChildEvent{ChildID: id, Date: last.EnteredCare})
	}
	if last.CeasedCare.In(from, to) {
		ch.LeftCare = append(ch.LeftCare, LeftCare{ChildID: id, Date: last.CeasedCare, Reason: last.ReasonCeased})
	}
	if last.FinalHearing.In(from, to) {
		ch.ProceedingsConcluded = append(ch.ProceedingsConcluded, ChildEvent{ChildID: id, Date: last.FinalHearing})
	}
	for _, k := range SuccessKinds {
		if d := k.Date(last); d.In(from, to) {
			ch.AchievedPermanence = append(ch.AchievedPermanence, Permanence{ChildID: id, Route: k.Key, Label: k.Label, Date: d})
		}
	}
	if InCare(first, from) && InCare(last, to) && first.Plan != PlanNotRecorded && last.Plan != PlanNotRecorded && first.Plan != last.Plan {
		ch.PlanChanged = append(ch.PlanChanged, ChangeOfPlan{ChildID: id, From: first.Plan, To: last.Plan,
			FromText: first.PlanText, ToText: last.PlanText, Since: from, Seen: b.seenSince(states)})
	}
}

// count is how many events the lists hold.
func (b *ChangesBuilder) count() int {
	ch := b.ch
	return len(ch.CameIntoCare) + len(ch.LeftCare) + len(ch.ProceedingsConcluded) + len(ch.AchievedPermanence) +
		len(ch.PlanChanges) + len(ch.PlanChanged) + len(ch.Disruptions) + len(ch.CaseSystemDiffers)
}

func (b *ChangesBuilder) keep(c *Child) {
	if !b.kept[c.ID] {
		b.kept[c.ID] = true
		b.ch.Children = append(b.ch.Children, *c)
	}
}

// seenSince is the first snapshot of the run, ending at To, in which the
// child is in care with their plan at To.
func (b *ChangesBuilder) seenSince(states []*Child) Date {
	n := len(states) - 1
	seen := b.to
	for i := n - 1; i >= 0; i-- {
		if !InCare(states[i], b.w.Snapshots[i]) || states[i].Plan != states[n].Plan {
			break
		}
		seen = b.w.Snapshots[i]
	}
	return seen
}

// plansOf finds the child's changes of plan: walking the snapshots, a
// change is seen at a snapshot where the child is in care with a
// recorded plan that differs from the last recorded plan seen at an
// earlier snapshot, the child in care at every snapshot between (leaving
// care starts afresh).
func (b *ChangesBuilder) plansOf(states []*Child) []ChangeOfPlan {
	var out []ChangeOfPlan
	var last *Child
	var lastAt Date
	for i := range states {
		c, s := states[i], b.w.Snapshots[i]
		if !InCare(c, s) {
			last = nil
			continue
		}
		if c.Plan == PlanNotRecorded {
			continue
		}
		if last != nil && c.Plan != last.Plan {
			ev := ChangeOfPlan{ChildID: c.ID, From: last.Plan, To: c.Plan, FromText: last.PlanText, ToText: c.PlanText,
				Since: lastAt, Seen: s}
			if last.Plan == PlanAdoption {
				ev.Revocation = revocationOf(states[len(states)-1], s, b.to, b.w.Thresholds)
			}
			out = append(out, ev)
		}
		last, lastAt = c, s
	}
	return out
}

// revocationOf follows the placement order of a child whose plan changed
// away from adoption, first seen on seen, from their state as at to: nil
// when there was no placement order by then, or it was revoked before the
// change.
func revocationOf(c *Child, seen, to Date, th Thresholds) *Revocation {
	if !c.PlacementOrder.By(seen) {
		return nil
	}
	changed := seen
	if c.AdoptionPlanEnded.By(seen) {
		changed = c.AdoptionPlanEnded
	}
	revoked := c.PlacementOrderRevoked
	if !revoked.IsZero() && revoked < changed {
		return nil
	}
	if !revoked.By(to) {
		revoked = NoDate
	}
	return &Revocation{PlacementOrder: c.PlacementOrder, Changed: changed,
		Target: changed.AddMonths(th.AdoptionEndedMonths), Revoked: revoked}
}

// ltfDisruptionPrefix is how Disrupted begins its account of a long-term
// fostering match that ended.
const ltfDisruptionPrefix = "long-term fostering match"

// disruptionsOf finds the child's disruptions between each pair of
// successive snapshots (Disrupted), merged with those their SSDA903
// return shows, each with the panel's recommendation.
func (b *ChangesBuilder) disruptionsOf(states []*Child) []Disruption {
	var out []Disruption
	snaps := b.w.Snapshots
	for i := 1; i < len(states); i++ {
		l, m := snaps[i-1], snaps[i]
		atL, atM := states[i-1], states[i]
		if !adoptiveOrLTF(atL) {
			continue // no placement meant to be permanent to end
		}
		ok, what := Disrupted(atL, atM, l, m)
		if !ok {
			continue
		}
		d := Disruption{ChildID: atM.ID, Kind: DisruptionAdoption, Date: m, Since: l, Seen: m, FromSnapshots: true,
			What: what, Placement: atL.PlacementType}
		if strings.HasPrefix(what, ltfDisruptionPrefix) {
			d.Kind = DisruptionLTF
		}
		switch {
		case d.Kind == DisruptionAdoption && atM.CeasedCare.In(l, m):
			d.Date = atM.CeasedCare
		case atM.PlacementStart.In(l, m):
			d.Date = atM.PlacementStart
		}
		out = append(out, d)
	}
	if h := b.ssda903[states[0].ID]; h != nil {
		out = mergeSSDA903(out, SSDA903Disruptions(h, b.from, b.to))
	}
	for i := range out {
		out[i].Recommendation = b.recommendation(&out[i])
	}
	return out
}

// adoptiveOrLTF reports whether a row could show a placement meant to be
// permanent: placed for adoption, early permanence or an LTF match.
func adoptiveOrLTF(c *Child) bool {
	return !c.PlacedForAdoption.IsZero() || !c.EarlyPermanence.IsZero() || !c.LTFPanel.IsZero() || !c.LTFADM.IsZero()
}

// mergeSSDA903 adds the disruptions a return shows to those the snapshots
// show: one dated between the two snapshots of an adoptive placement's
// disruption is that disruption (its date and codes from the return).
func mergeSSDA903(snap, ret []Disruption) []Disruption {
	for _, r := range ret {
		merged := false
		for i := range snap {
			s := &snap[i]
			if s.Kind == DisruptionAdoption && !s.FromSSDA903 && r.Date.In(s.Since, s.Seen) {
				s.FromSSDA903, s.Date = true, r.Date
				s.ReasonPlaceChange, s.ReasonPlacedCeased = r.ReasonPlaceChange, r.ReasonPlacedCeased
				if s.Placement == "" {
					s.Placement = r.Placement
				}
				s.What += "; SSDA903: " + r.What
				merged = true
				break
			}
		}
		if !merged {
			snap = append(snap, r)
		}
	}
	return snap
}

// recommendation is the panel's record of a disruption: the first record
// of the child, at a held or closed meeting dated from the disruption's
// date to To, with a decision, where the meeting's agenda listed the child
// for the disruption when it was held or the decision speaks of a
// disruption ("disrupt" in any case).
func (b *ChangesBuilder) recommendation(d *Disruption) *MeetingRecord {
	var best *MeetingRecord
	for i, mr := range b.records[d.ChildID] {
		mt := mr.Meeting
		if mt.Date < d.Date || mt.Date > b.to || (mt.Status != MeetingHeld && mt.Status != MeetingClosed) ||
			strings.TrimSpace(mr.Record.Decision) == "" {
			continue
		}
		if !b.lines[mt.ID][d.ChildID] && !mentionsDisruption(mr.Record.Decision) {
			continue
		}
		if best == nil || laterMeeting(best.Meeting, mt) {
			best = &b.records[d.ChildID][i]
		}
	}
	if best == nil {
		return nil
	}
	r := *best
	return &r
}

// caseSystemDiffers checks the child's state as at To against the plan
// the panel endorsed at its latest record (at a meeting dated on or
// before To) that records one: listed when they differ, the child is in
// care at To, and either the extracts show a change of plan in the window
// or the panel endorsed that plan at a meeting in the window.
func (b *ChangesBuilder) caseSystemDiffers(c *Child, changed bool) (PlanDiffers, bool) {
	var latest *MeetingRecord
	for i, mr := range b.records[c.ID] {
		if mr.Meeting.Date > b.to || strings.TrimSpace(mr.Record.Plan) == "" {
			continue
		}
		if latest == nil || laterMeeting(mr.Meeting, latest.Meeting) {
			latest = &b.records[c.ID][i]
		}
	}
	if latest == nil || !InCare(c, b.to) || !latest.Record.PlanDiffers(c) {
		return PlanDiffers{}, false
	}
	in := latest.Meeting.Date.In(b.from, b.to)
	if !changed && !in {
		return PlanDiffers{}, false
	}
	return PlanDiffers{ChildID: c.ID, CaseSystem: c.Plan, Panel: latest.Record.PlanCategory(), PanelText: latest.Record.Plan,
		Meeting: latest.Meeting, ChangedInCaseSystem: changed, EndorsedInWindow: in}, true
}

// Finish compares drift flags (when asked), sorts every list and returns
// the changes. The builder is spent.
func (b *ChangesBuilder) Finish() *Changes {
	ch := b.ch
	if b.w.View {
		b.compareDrift()
	}
	byDate := func(d func(i int) Date, id func(i int) string) func(i, j int) bool {
		return func(i, j int) bool {
			if d(i) != d(j) {
				return d(i) < d(j)
			}
			return id(i) < id(j)
		}
	}
	sort.SliceStable(ch.CameIntoCare, byDate(func(i int) Date { return ch.CameIntoCare[i].Date }, func(i int) string { return ch.CameIntoCare[i].ChildID }))
	sort.SliceStable(ch.LeftCare, byDate(func(i int) Date { return ch.LeftCare[i].Date }, func(i int) string { return ch.LeftCare[i].ChildID }))
	sort.SliceStable(ch.PlanChanged, byDate(func(i int) Date { return ch.PlanChanged[i].Seen }, func(i int) string { return ch.PlanChanged[i].ChildID }))
	sort.SliceStable(ch.ProceedingsConcluded, byDate(func(i int) Date { return ch.ProceedingsConcluded[i].Date },
		func(i int) string { return ch.ProceedingsConcluded[i].ChildID }))
	sort.SliceStable(ch.AchievedPermanence, byDate(func(i int) Date { return ch.AchievedPermanence[i].Date },
		func(i int) string { return ch.AchievedPermanence[i].ChildID }))
	sort.SliceStable(ch.Disruptions, byDate(func(i int) Date { return ch.Disruptions[i].Date }, func(i int) string { return ch.Disruptions[i].ChildID }))
	sort.SliceStable(ch.PlanChanges, byDate(func(i int) Date { return ch.PlanChanges[i].Seen }, func(i int) string { return ch.PlanChanges[i].ChildID }))
	sort.SliceStable(ch.CaseSystemDiffers, func(i, j int) bool { return ch.CaseSystemDiffers[i].ChildID < ch.CaseSystemDiffers[j].ChildID })
	if !sort.SliceIsSorted(ch.Children, func(i, j int) bool { return ch.Children[i].ID < ch.Children[j].ID }) {
		sort.Slice(ch.Children, func(i, j int) bool { return ch.Children[i].ID < ch.Children[j].ID })
	}
	// The panel's review dates win over the extract's, as in the figures.
	ApplyPanelReviews(ch.Children, b.recs, b.to)
	b.atFrom, b.atTo = nil, nil
	return ch
}

// compareDrift lists the drift flags on at To and not at From, and the
// other way about, each date's flags worked out by Compute on the states
// as at that date with the panel's review dates as at that date.
func (b *ChangesBuilder) compareDrift() {
	ApplyPanelReviews(b.atFrom, b.recs, b.from)
	ApplyPanelReviews(b.atTo, b.recs, b.to)
	th := b.w.Thresholds
	before := Compute(b.atFrom, b.from, NoDate, th).Drift
	after := Compute(b.atTo, b.to, NoDate, th).Drift
	for i := range b.atTo {
		on := map[DriftKind]DriftFlag{}
		for _, f := range before[i] {
			on[f.Kind] = f
		}
		moved := false
		for _, f := range after[i] {
			if _, was := on[f.Kind]; was {
				delete(on, f.Kind)
				continue
			}
			b.ch.BecameDrifting = append(b.ch.BecameDrifting, DriftChange{ChildID: b.atTo[i].ID, Kind: f.Kind, Since: f.Since})
			moved = true
		}
		for _, f := range before[i] {
			if _, still := on[f.Kind]; still {
				b.ch.StoppedDrifting = append(b.ch.StoppedDrifting, DriftChange{ChildID: b.atTo[i].ID, Kind: f.Kind, Since: f.Since})
				moved = true
			}
		}
		if moved {
			b.keep(&b.atTo[i])
		}
	}
	for _, list := range [][]DriftChange{b.ch.BecameDrifting, b.ch.StoppedDrifting} {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Kind != list[j].Kind {
				return list[i].Kind < list[j].Kind
			}
			return list[i].ChildID < list[j].ChildID
		})
	}
}
