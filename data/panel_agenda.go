package data

// The agenda a panel meeting is suggested (panel.md, "The agenda"), and the
// escalations and actions across meetings that feed it.

import (
	"fmt"
	"sort"
	"strings"
)

// MeetingRecord is a child's record with the meeting it was made at.
type MeetingRecord struct {
	Meeting Meeting
	Record  PanelRecord // Record.ChildID says whose it is
}

// AgendaInput is what suggesting an agenda needs.
type AgendaInput struct {
	Kind      PanelKind
	Meeting   Date  // M, the meeting's date
	MeetingID int64 // the meeting's id, 0 when it is not stored
	// Previous is every stored meeting (any kind and status): L is found
	// among them.
	Previous []Meeting
	// AtM and AtL are every child's state as at M and as at L (extract.md,
	// "Extracts as snapshots"), matched by child ID. They are not changed.
	AtM, AtL []Child
	// Records is every stored record, each with its meeting.
	Records    []MeetingRecord
	Thresholds Thresholds // the zero value means DefaultThresholds
}

// Agenda is the suggested agenda of a meeting.
type Agenda struct {
	Kind    PanelKind
	Meeting Date // M
	Since   Date // L: "since the last meeting" is Since < d ≤ Meeting
	// Lines are the suggested children in agenda order (see SuggestAgenda),
	// Time left empty (SlotTimes fills it).
	Lines []AgendaLine
	// NeverReviewed are the children in the cohort at M with no panel
	// record who reached 4 months in care on or before L: past the point
	// where "not yet seen" would have suggested them, so listed apart
	// (panel.md), longest in care first. A child here may also be a line
	// of the agenda for another reason.
	NeverReviewed []string
}

// LastMeetingDate is L for a meeting of kind on m: the date of the latest
// meeting of that same kind (a panel for all children looks only at
// meetings of kind all) dated before m that was held (status held or
// closed), leaving out the meeting excludeID (0: none); when there is
// none, m minus 3 calendar months, day clamped to the month's end.
func LastMeetingDate(meetings []Meeting, kind PanelKind, m Date, excludeID int64) Date {
	var last Date
	for _, mt := range meetings {
		if mt.Kind != kind || mt.Date >= m || (excludeID != 0 && mt.ID == excludeID) {
			continue
		}
		if mt.Status != MeetingHeld && mt.Status != MeetingClosed {
			continue
		}
		if mt.Date > last {
			last = mt.Date
		}
	}
	if last.IsZero() {
		return m.AddMonths(-3)
	}
	return last
}

// laterMeeting reports whether meeting a comes after b: the later date,
// then (two meetings the same day) the later-made meeting, by id.
func laterMeeting(a, b Meeting) bool {
	return a.Date > b.Date || (a.Date == b.Date && a.ID > b.ID)
}

// panelReview is the record that gives a child's panel review date as at
// a: of the child's records made at meetings dated on or before a and
// during their current period of care (not before c.EnteredCare), the one
// at the latest meeting among those that set a next review date.
func panelReview(recs []MeetingRecord, c *Child, a Date) (MeetingRecord, bool) {
	var best MeetingRecord
	found := false
	for _, mr := range recs {
		if mr.Record.ChildID != c.ID || mr.Record.NextReview.IsZero() || mr.Meeting.Date > a ||
			(!c.EnteredCare.IsZero() && mr.Meeting.Date < c.EnteredCare) {
			continue
		}
		if !found || laterMeeting(mr.Meeting, best.Meeting) {
			best, found = mr, true
		}
	}
	return best, found
}

// ApplyPanelReviews puts the panel's own review dates into the children's
// states as at a, so that "review due" and the drift flag "panel review
// overdue" read the panel's date first (the panel's review date wins over
// the extract's): for each child with a record made at a meeting dated on
// or before a, in their current period of care, that sets a next review
// date, NextPanelReview becomes the date set at the latest such meeting.
// Other children keep the extract's next_panel_review_date. children is
// changed in place.
func ApplyPanelReviews(children []Child, recs []MeetingRecord, a Date) {
	byChild := map[string][]MeetingRecord{}
	for _, mr := range recs {
		if !mr.Record.NextReview.IsZero() && mr.Meeting.Date <= a {
			byChild[mr.Record.ChildID] = append(byChild[mr.Record.ChildID], mr)
		}
	}
	for i := range children {
		c := &children[i]
		if mr, ok := panelReview(byChild[c.ID], c, a); ok {
			c.NextPanelReview = mr.Record.NextReview
		}
	}
}

// ChildEscalation is an escalation, whose child it is and the meeting
// whose record gives its latest state.
type ChildEscalation struct {
	ChildID    string
	Meeting    Meeting
	Escalation Escalation
}

// Escalations lists every escalation the records hold, each once: an
// escalation is known by its child, to whom and the date it was raised,
// and when several records carry it (a record carrying it forward to
// record its outcome), the record at the latest meeting gives its state.
// They are in the order raised, then by child ID.
func Escalations(recs []MeetingRecord) []ChildEscalation {
	type key struct {
		child, to string
		raised    Date
	}
	idx := map[key]int{}
	var out []ChildEscalation
	for _, mr := range recs {
		e := mr.Record.Escalation
		if e == nil {
			continue
		}
		k := key{mr.Record.ChildID, strings.ToLower(strings.TrimSpace(e.To)), e.Raised}
		ce := ChildEscalation{ChildID: mr.Record.ChildID, Meeting: mr.Meeting, Escalation: *e}
		if i, seen := idx[k]; !seen {
			idx[k] = len(out)
			out = append(out, ce)
		} else if laterMeeting(mr.Meeting, out[i].Meeting) {
			out[i] = ce
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Escalation.Raised != b.Escalation.Raised {
			return a.Escalation.Raised < b.Escalation.Raised
		}
		return a.ChildID < b.ChildID
	})
	return out
}

// ChildAction is an action, whose child it is and the meeting whose
// record gives its latest state.
type ChildAction struct {
	ChildID string
	Meeting Meeting
	Action  Action
}

// Actions lists every action the records hold, each once: an action is
// known by its child, what, who and due date, and when several records
// carry it, the record at the latest meeting gives its state. They are in
// the order of the records.
func Actions(recs []MeetingRecord) []ChildAction {
	type key struct {
		child, what, who string
		due              Date
	}
	idx := map[key]int{}
	var out []ChildAction
	for _, mr := range recs {
		for _, a := range mr.Record.Actions {
			k := key{mr.Record.ChildID, strings.TrimSpace(a.What), strings.TrimSpace(a.Who), a.Due}
			ca := ChildAction{ChildID: mr.Record.ChildID, Meeting: mr.Meeting, Action: a}
			if i, seen := idx[k]; !seen {
				idx[k] = len(out)
				out = append(out, ca)
			} else if laterMeeting(mr.Meeting, out[i].Meeting) {
				out[i] = ca
			}
		}
	}
	return out
}

// SortActions puts actions in the order panel.md lists them: overdue at
// asOf first, then by owner (who, ignoring case), due date and child ID.
func SortActions(list []ChildAction, asOf Date) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := &list[i], &list[j]
		if oa, ob := a.Action.OverdueAt(asOf), b.Action.OverdueAt(asOf); oa != ob {
			return oa
		}
		if wa, wb := strings.ToLower(a.Action.Who), strings.ToLower(b.Action.Who); wa != wb {
			return wa < wb
		}
		if a.Action.Due != b.Action.Due {
			return a.Action.Due < b.Action.Due
		}
		return a.ChildID < b.ChildID
	})
}

// Disrupted reports whether a match or placement meant to be permanent
// ended between l and m (panel.md, reason "disruption"), from the child's
// state as at l (atL) and as at m (atM), and says what happened.
//
// Adoption: at l the child was in care in an adoptive placement — placed
// for adoption or in an early permanence placement by l, no adoption
// order by l, and the placement type (when recorded) A3–A6, U2 or U5 — and
// by m, with no adoption order (no adoption_order_date by m, and not left
// care with reason E11/E12), either left care, or is in care with a
// placement type outside A3–A6, U2 and U5, or has a different placement
// start date. An early permanence placement becoming the placement for
// adoption with the same carers (placed for adoption since l, placement
// A3 or A5 "with current foster carer", or not recorded) is not a
// disruption.
//
// Long-term fostering: at l the child was in care with the LTF match
// approved or ratified (ltf_panel_date or ltf_adm_date by l) and placement
// U1 or U4; at m they are in care with a placement type recorded that is
// not U1 or U4. Leaving care is not a disruption of long-term fostering
// (it ends at 18, or with a special guardianship order, often to the
// carers), and neither is an empty placement type (not recorded).
func Disrupted(atL, atM *Child, l, m Date) (bool, string) {
	if inAdoptivePlacement(atL, l) && !adopted(atM, m) {
		was := placementText("placed for adoption", atL.PlacedForAdoption, atL.PlacementType)
		if !atL.PlacedForAdoption.By(l) {
			was = placementText("early permanence placement", atL.EarlyPermanence, atL.PlacementType)
		}
		switch {
		case atM.CeasedCare.By(m):
			return true, fmt.Sprintf("%s; left care on %s without an adoption order", was, atM.CeasedCare.UK())
		case atM.PlacementType != "" && !adoptiveOrEarly(atM.PlacementType):
			return true, fmt.Sprintf("%s; now in placement %s%s, no adoption order", was, atM.PlacementType, fromText(atM.PlacementStart))
		case moved(atL, atM, m) && !becamePlacedForAdoption(atL, atM, l, m):
			return true, fmt.Sprintf("%s; moved to a new placement%s%s, no adoption order", was, codeText(atM.PlacementType), fromText(atM.PlacementStart))
		}
	}
	if ltfMatched(atL, l) && InCare(atM, m) && atM.PlacementType != "" && !IsLTFPlacement(atM.PlacementType) {
		match := atL.LTFADM
		if !match.By(l) {
			match = atL.LTFPanel
		}
		return true, fmt.Sprintf("long-term fostering match of %s (%s); now in placement %s%s",
			match.UK(), atL.PlacementType, atM.PlacementType, fromText(atM.PlacementStart))
	}
	return false, ""
}

func adoptiveOrEarly(place string) bool {
	return IsAdoptivePlacement(place) || place == "U2" || place == "U5"
}

func inAdoptivePlacement(c *Child, d Date) bool {
	return InCare(c, d) && (c.PlacedForAdoption.By(d) || c.EarlyPermanence.By(d)) &&
		!c.AdoptionOrder.By(d) && (c.PlacementType == "" || adoptiveOrEarly(c.PlacementType))
}

func adopted(c *Child, d Date) bool {
	return c.AdoptionOrder.By(d) || (c.CeasedCare.By(d) && (c.ReasonCeased == "E11" || c.ReasonCeased == "E12"))
}

// moved reports a new placement start date by m.
func moved(atL, atM *Child, m Date) bool {
	return !atL.PlacementStart.IsZero() && atM.PlacementStart.By(m) && atM.PlacementStart != atL.PlacementStart
}

// becamePlacedForAdoption: from early permanence at l to placed for
// adoption with the same carers since.
func becamePlacedForAdoption(atL, atM *Child, l, m Date) bool {
	t := atM.PlacementType
	return !atL.PlacedForAdoption.By(l) && atM.PlacedForAdoption.In(l, m) && (t == "" || t == "A3" || t == "A5")
}

func ltfMatched(c *Child, d Date) bool {
	return InCare(c, d) && (c.LTFPanel.By(d) || c.LTFADM.By(d)) && IsLTFPlacement(c.PlacementType)
}

func placementText(what string, on Date, place string) string {
	s := what
	if !on.IsZero() {
		s += " on " + on.UK()
	}
	return s + codeText(place)
}

func codeText(place string) string {
	if place == "" {
		return ""
	}
	return " (" + place + ")"
}

func fromText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return " from " + d.UK()
}

// agendaPriority orders agenda lines: a child's most pressing reason
// decides their place.
var agendaPriority = []Reason{ReasonDisruption, ReasonEscalationOpen, ReasonNewDrift,
	ReasonActionOverdue, ReasonPlanChanged, ReasonProceedingsConcluded, ReasonNotYetSeen,
	ReasonReviewDue, ReasonAdded}

func priority(line *AgendaLine) int {
	best := len(agendaPriority)
	for _, r := range line.Reasons {
		for i, p := range agendaPriority {
			if r == p && i < best {
				best = i
			}
		}
	}
	return best
}

// SortAgenda puts agenda lines in the order SuggestAgenda gives: by the
// child's most pressing reason — disruption, escalation open, new drift,
// action overdue, plan changed, proceedings concluded, not yet seen,
// review due, added — then more reasons first, then by child ID. The most
// urgent cases are heard first, while the panel is fresh and before time
// runs short; routine reviews come last.
func SortAgenda(lines []AgendaLine) {
	sort.SliceStable(lines, func(i, j int) bool {
		a, b := &lines[i], &lines[j]
		if pa, pb := priority(a), priority(b); pa != pb {
			return pa < pb
		}
		if len(a.Reasons) != len(b.Reasons) {
			return len(a.Reasons) > len(b.Reasons)
		}
		return a.ChildID < b.ChildID
	})
}

// SuggestAgenda suggests the agenda of a meeting of in.Kind on M =
// in.Meeting (panel.md, "The agenda"): every child in the kind's cohort at
// M (in care then, with a plan the kind covers) with at least one reason,
// each reason with a Detail line, in SortAgenda's order. L is
// LastMeetingDate; "since the last meeting" is L < d ≤ M.
//
// The records it reads are those made at meetings dated before M, other
// than the meeting itself: what the panel had decided before this meeting.
// So a meeting's own records, once written, never change its agenda, and
// nor does a meeting of another kind on the same day.
//
//   - review_due: the child's panel review date is ≤ M. That date is the
//     next review set at the latest meeting whose record for the child sets
//     one (ApplyPanelReviews); a record that sets none leaves the one
//     before in force. With no such record, the extract's
//     next_panel_review_date (when present).
//   - not_yet_seen: no record for the child made during their current
//     period of care (at a meeting dated on or after date_entered_care),
//     and date_entered_care plus 4 calendar months falls in L < d ≤ M.
//     Such children whose 4 months fell on or before L are
//     Agenda.NeverReviewed instead.
//   - new_drift: a drift flag (measures.md) on the child at M that was not
//     on them at L, each worked out by Compute on the states as at that
//     date with the panel's review dates applied (at L those set at
//     meetings on or before L).
//   - plan_changed: in care at L and at M, with a different plan category.
//   - proceedings_concluded: final_hearing_date (as at M) in L < d ≤ M.
//   - disruption: Disrupted(at L, at M).
//   - escalation_open: an escalation of the child's (Escalations) with no
//     outcome.
//   - action_overdue: an action of the child's (Actions) still open whose
//     due date is before M.
//
// A child with no state as at L is taken as having no flags and no care
// at L. The caller's slices are not changed.
func SuggestAgenda(in AgendaInput) Agenda {
	m := in.Meeting
	th := in.Thresholds
	if th == (Thresholds{}) {
		th = DefaultThresholds()
	}
	l := LastMeetingDate(in.Previous, in.Kind, m, in.MeetingID)
	ag := Agenda{Kind: in.Kind, Meeting: m, Since: l}

	var prior []MeetingRecord
	for _, mr := range in.Records {
		if mr.Meeting.Date < m && (in.MeetingID == 0 || mr.Meeting.ID != in.MeetingID) {
			prior = append(prior, mr)
		}
	}
	atM := append([]Child(nil), in.AtM...)
	atL := append([]Child(nil), in.AtL...)
	ApplyPanelReviews(atM, prior, m)
	ApplyPanelReviews(atL, prior, l)
	driftM := Compute(atM, m, NoDate, th).Drift
	driftL := Compute(atL, l, NoDate, th).Drift

	s := agendaState{
		m: m, l: l, th: th, atL: map[string]int{}, driftL: map[string]map[DriftKind]bool{},
		records: map[string][]MeetingRecord{}, escalations: map[string][]Escalation{}, actions: map[string][]Action{},
	}
	for i := range atL {
		s.atL[atL[i].ID] = i
		s.driftL[atL[i].ID] = map[DriftKind]bool{}
		for _, f := range driftL[i] {
			s.driftL[atL[i].ID][f.Kind] = true
		}
	}
	s.atLRows = atL
	for _, mr := range prior {
		s.records[mr.Record.ChildID] = append(s.records[mr.Record.ChildID], mr)
	}
	for _, ce := range Escalations(prior) {
		if ce.Escalation.Open() {
			s.escalations[ce.ChildID] = append(s.escalations[ce.ChildID], ce.Escalation)
		}
	}
	for _, ca := range Actions(prior) {
		if ca.Action.OverdueAt(m) {
			s.actions[ca.ChildID] = append(s.actions[ca.ChildID], ca.Action)
		}
	}

	type never struct {
		id      string
		entered Date
	}
	var nevers []never
	for i := range atM {
		c := &atM[i]
		if !in.Kind.InCohort(c, m) {
			continue
		}
		line, neverReviewed := s.line(c, driftM[i])
		if len(line.Reasons) > 0 {
			ag.Lines = append(ag.Lines, line)
		}
		if neverReviewed {
			nevers = append(nevers, never{c.ID, c.EnteredCare})
		}
	}
	SortAgenda(ag.Lines)
	sort.Slice(nevers, func(i, j int) bool {
		if nevers[i].entered != nevers[j].entered {
			return nevers[i].entered < nevers[j].entered
		}
		return nevers[i].id < nevers[j].id
	})
	for _, n := range nevers {
		ag.NeverReviewed = append(ag.NeverReviewed, n.id)
	}
	return ag
}

// agendaState is what SuggestAgenda has worked out for every child.
type agendaState struct {
	m, l        Date
	th          Thresholds
	atL         map[string]int // child ID → index in atLRows
	atLRows     []Child
	driftL      map[string]map[DriftKind]bool
	records     map[string][]MeetingRecord // the child's records before M
	escalations map[string][]Escalation    // open
	actions     map[string][]Action        // overdue at M
}

// line works out child c's reasons (c is their state as at M, with the
// panel's review date applied; flags their drift flags at M), and whether
// they belong in the list of children never reviewed.
func (s *agendaState) line(c *Child, flags []DriftFlag) (AgendaLine, bool) {
	line := AgendaLine{ChildID: c.ID}
	add := func(r Reason, detail string) {
		line.Reasons = append(line.Reasons, r)
		line.Detail = append(line.Detail, r.Label()+": "+detail)
	}
	var atL *Child
	if j, ok := s.atL[c.ID]; ok {
		atL = &s.atLRows[j]
	}

	// review_due
	if c.NextPanelReview.By(s.m) {
		if mr, ok := panelReview(s.records[c.ID], c, s.m); ok {
			add(ReasonReviewDue, fmt.Sprintf("panel review date %s, set at the meeting of %s",
				c.NextPanelReview.UK(), mr.Meeting.Date.UK()))
		} else {
			add(ReasonReviewDue, fmt.Sprintf("next panel review date %s (from the extract)", c.NextPanelReview.UK()))
		}
	}

	// not_yet_seen, and never reviewed
	neverReviewed := false
	if !s.seenThisPeriod(c) {
		fourMonths := c.EnteredCare.AddMonths(4)
		switch {
		case fourMonths.In(s.l, s.m):
			add(ReasonNotYetSeen, fmt.Sprintf("4 months in care on %s (entered care %s), no panel record",
				fourMonths.UK(), c.EnteredCare.UK()))
		case fourMonths.By(s.l):
			neverReviewed = true
		}
	}

	// new_drift
	var fresh []string
	for _, f := range flags {
		if atL == nil || !s.driftL[c.ID][f.Kind] {
			fresh = append(fresh, fmt.Sprintf("%s (since %s)", f.Kind.Label(s.th), f.Since.UK()))
		}
	}
	if len(fresh) > 0 {
		add(ReasonNewDrift, strings.Join(fresh, "; "))
	}

	// plan_changed
	if atL != nil && InCare(atL, s.l) && InCare(c, s.m) && atL.Plan != c.Plan {
		add(ReasonPlanChanged, atL.Plan.Label()+" → "+c.Plan.Label())
	}

	// proceedings_concluded
	if c.FinalHearing.In(s.l, s.m) {
		add(ReasonProceedingsConcluded, "final hearing "+c.FinalHearing.UK())
	}

	// disruption
	if atL != nil {
		if ok, what := Disrupted(atL, c, s.l, s.m); ok {
			add(ReasonDisruption, what)
		}
	}

	// escalation_open
	if es := s.escalations[c.ID]; len(es) > 0 {
		var parts []string
		for _, e := range es {
			parts = append(parts, fmt.Sprintf("to %s, raised %s", e.To, e.Raised.UK()))
		}
		add(ReasonEscalationOpen, strings.Join(parts, "; "))
	}

	// action_overdue
	if as := s.actions[c.ID]; len(as) > 0 {
		var parts []string
		for _, a := range as {
			parts = append(parts, fmt.Sprintf("%s (%s), due %s", a.What, a.Who, a.Due.UK()))
		}
		add(ReasonActionOverdue, strings.Join(parts, "; "))
	}
	return line, neverReviewed
}

// seenThisPeriod reports whether the child has a record made before M at a
// meeting during their current period of care.
func (s *agendaState) seenThisPeriod(c *Child) bool {
	for _, mr := range s.records[c.ID] {
		if c.EnteredCare.IsZero() || mr.Meeting.Date >= c.EnteredCare {
			return true
		}
	}
	return false
}
