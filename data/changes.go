package data

// What changed between two dates (issue 13): children who came into care
// or left it, whose plan changed, who began or stopped drifting, whose
// proceedings concluded or who achieved permanence; every placement meant
// to be permanent that ended (a disruption); every change of permanence
// plan, with the revocation of a placement order left behind by a change
// away from adoption; and children whose case system plan differs from
// the plan the panel endorsed. docs/measures-panel.md defines each one.

import (
	"fmt"
	"sort"
	"strings"
)

// Changes are what changed between two dates, From < d ≤ To, worked out
// from the children's states as at each snapshot date (SnapshotDates), the
// SSDA903 returns' episodes and the panel's records. The lists are in
// date order, then by child ID (the drift lines by flag, then child; plans
// differing by child). Children holds the state as at To, with the
// panel's review dates, of every child a list names.
type Changes struct {
	From, To Date
	// Snapshots are the dates whose states were compared: From, every
	// extract date between (and any cut asked for), To.
	Snapshots  []Date
	Thresholds Thresholds
	// View says whether every line of the view was worked out. Without
	// it (the changes the change measures count) only Disruptions,
	// PlanChanges and CaseSystemDiffers are: the lines from CameIntoCare to
	// AchievedPermanence are empty.
	View bool

	// The view's lines (with View).
	CameIntoCare         []ChildEvent // date_entered_care in the window
	LeftCare             []LeftCare   // ceased_care_date in the window
	PlanChanged          []ChangeOfPlan
	BecameDrifting       []DriftChange
	StoppedDrifting      []DriftChange
	ProceedingsConcluded []ChildEvent // final_hearing_date in the window
	AchievedPermanence   []Permanence

	// Always worked out.
	Disruptions []Disruption
	// PlanChanges is every change of permanence plan first seen in the
	// window (PlanChanged is the net change, From against To).
	PlanChanges       []ChangeOfPlan
	CaseSystemDiffers []PlanDiffers

	// Children are the states as at To of the children the lists name, in
	// child ID order.
	Children []Child
}

// ChildEvent is a dated event in a child's record.
type ChildEvent struct {
	ChildID string
	Date    Date
}

// LeftCare is a child who left care in the window, and how.
type LeftCare struct {
	ChildID string
	Date    Date   // ceased_care_date
	Reason  string // SSDA903 REC ("" when not recorded)
}

// How says how the child left care: "Adopted (placement order) (E12)".
func (l LeftCare) How() string {
	if l.Reason == "" {
		return "Reason not recorded"
	}
	if t, ok := ReasonsCeased[l.Reason]; ok {
		return t + " (" + l.Reason + ")"
	}
	return l.Reason
}

// ChangeOfPlan is a change of a child's permanence plan category: From →
// To, first seen at the snapshot Seen (an extract's date). In
// Changes.PlanChanged (the plan then against the plan now), Since is the
// first date and Seen the first snapshot of the run, ending at the last,
// in which the child was in care with the plan they have now. For a change
// away from adoption with a placement order in force, Revocation follows
// the order's revocation.
type ChangeOfPlan struct {
	ChildID          string
	From, To         Plan
	FromText, ToText string // the plans as the extracts wrote them
	Seen             Date   // the snapshot at which the new plan was first seen
	Since            Date   // the snapshot at which the old plan was last seen
	Revocation       *Revocation
}

// Text is "Adoption → Long-term fostering".
func (c ChangeOfPlan) Text() string { return c.From.Label() + " → " + c.To.Label() }

// Revocation is what became of the placement order of a child whose plan
// changed away from adoption.
type Revocation struct {
	PlacementOrder Date // placement_order_date
	// Changed is when the clock starts: adoption_plan_ended_date when it
	// is recorded and on or before the date the change was first seen,
	// otherwise that date.
	Changed Date
	Target  Date // Changed plus the revocation limit in calendar months
	Revoked Date // placement_order_revoked_date, by the later date; NoDate when not revoked
}

// Days is the days from the change to the revocation, and whether the
// order was revoked.
func (r *Revocation) Days() (int, bool) {
	if r.Revoked.IsZero() {
		return 0, false
	}
	return Days(r.Changed, r.Revoked), true
}

// RevocationStatus says where a revocation stands against its target.
type RevocationStatus string

// The revocation statuses.
const (
	RevokedWithinTarget RevocationStatus = "revoked within target"
	RevokedLate         RevocationStatus = "revoked after the target"
	AwaitingRevocation  RevocationStatus = "awaiting revocation, within target"
	RevocationOverdue   RevocationStatus = "not revoked, target passed"
)

// Status is the revocation's status as at a: revoked by a within or after
// the target, or not revoked by a with the target still to come (on or
// after a) or passed.
func (r *Revocation) Status(a Date) RevocationStatus {
	switch {
	case r.Revoked.By(a) && r.Revoked <= r.Target:
		return RevokedWithinTarget
	case r.Revoked.By(a):
		return RevokedLate
	case r.Target < a:
		return RevocationOverdue
	}
	return AwaitingRevocation
}

// Due reports whether the revocation counts towards the target as at a:
// the order was revoked by a, or the target date is before a.
func (r *Revocation) Due(a Date) bool { return r.Revoked.By(a) || r.Target < a }

// DriftChange is a drift flag that began or stopped between the dates.
type DriftChange struct {
	ChildID string
	Kind    DriftKind
	Since   Date // when the flag started running (as at the date it was on)
}

// Permanence is a child who achieved permanence in the window, and by
// which route (a success of the catalogue: adoption order, SGO, CAO,
// care order discharged home, LTF match ratified).
type Permanence struct {
	ChildID string
	Route   Key // a key of SuccessKeys
	Label   string
	Date    Date
}

// DisruptionKind says which placement meant to be permanent ended.
type DisruptionKind string

// The kinds of disruption.
const (
	// DisruptionAdoption: placed for adoption (or early permanence), then
	// no longer in that placement, with no adoption order.
	DisruptionAdoption DisruptionKind = "adoption"
	// DisruptionLTF: a long-term fostering match approved or ratified,
	// then no longer in a U1/U4 placement.
	DisruptionLTF DisruptionKind = "long_term_fostering"
)

// Label is the kind as a person reads it.
func (k DisruptionKind) Label() string {
	if k == DisruptionLTF {
		return "Long-term fostering match ended"
	}
	return "Adoptive placement ended"
}

// Disruption is a placement meant to be permanent that ended.
type Disruption struct {
	ChildID string
	Kind    DisruptionKind
	// Date is when the placement ended, as best known: the episode's end
	// (SSDA903); the date the child left care or the new placement began,
	// when it falls between the two snapshots; otherwise Seen.
	Date Date
	// Since and Seen are the snapshots between which the extracts show it
	// (Since < Date ≤ Seen); both NoDate when only an SSDA903 return shows it.
	Since, Seen Date
	// FromSnapshots: successive extracts show it (Disrupted); FromSSDA903:
	// a return's episodes or placed_for_adoption table do.
	FromSnapshots, FromSSDA903 bool
	What                       string // what happened, in words
	Placement                  string // the placement that ended (PLACE), when known
	// ReasonPlaceChange is the SSDA903 REASON_PLACE_CHANGE of the episode
	// that followed; ReasonPlacedCeased the REASON_PLACED_CEASED (RD1–RD4)
	// of the decision to place for adoption that was reversed.
	ReasonPlaceChange, ReasonPlacedCeased string
	// Recommendation is the panel's record of the disruption
	// (DisruptionRecommendation), nil when there is none by To.
	Recommendation *MeetingRecord
}

// Source says where the disruption was seen: "extracts", "SSDA903" or both.
func (d *Disruption) Source() string {
	switch {
	case d.FromSnapshots && d.FromSSDA903:
		return "extracts and SSDA903"
	case d.FromSSDA903:
		return "SSDA903"
	}
	return "extracts"
}

// PlanDiffers is a child whose plan changed and whose case system plan
// (the extract's, as at To) is not the plan the panel endorsed at its
// latest record.
type PlanDiffers struct {
	ChildID    string
	CaseSystem Plan
	Panel      Plan
	PanelText  string  // the plan as the record gives it
	Meeting    Meeting // where the panel endorsed it
	// ChangedInCaseSystem: the extracts show a change of plan in the
	// window; EndorsedInWindow: the panel endorsed its plan at a meeting
	// in the window.
	ChangedInCaseSystem, EndorsedInWindow bool
}

// Child returns the state as at To of a child the lists name, or nil.
func (ch *Changes) Child(id string) *Child {
	i := sort.Search(len(ch.Children), func(i int) bool { return ch.Children[i].ID >= id })
	if i < len(ch.Children) && ch.Children[i].ID == id {
		return &ch.Children[i]
	}
	return nil
}

// ChangeCategory is one line of the changes between two dates: how many
// events, and the children behind them (each once, in list order).
type ChangeCategory struct {
	Key      string // came_into_care, left_care, plan_changed, became_drifting, ...
	Label    string
	Count    int
	ChildIDs []string
}

// The keys of Categories, in order.
const (
	CategoryCameIntoCare         = "came_into_care"
	CategoryLeftCare             = "left_care"
	CategoryPlanChanged          = "plan_changed"
	CategoryBecameDrifting       = "became_drifting"
	CategoryStoppedDrifting      = "stopped_drifting"
	CategoryProceedingsConcluded = "proceedings_concluded"
	CategoryAchievedPermanence   = "achieved_permanence"
	CategoryDisruptions          = "disruptions"
	CategoryPlanChanges          = "changes_of_plan"
	CategoryCaseSystemDiffers    = "case_system_differs"
)

// Categories are the counts of every list, in the order a view shows
// them, each with its children for drill-down. Without View only the
// disruptions, changes of plan and plans differing are given.
func (ch *Changes) Categories() []ChangeCategory {
	ids := func(n int, id func(i int) string) []string {
		var out []string
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			if c := id(i); !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
		return out
	}
	cat := func(key, label string, n int, id func(i int) string) ChangeCategory {
		return ChangeCategory{Key: key, Label: label, Count: n, ChildIDs: ids(n, id)}
	}
	var out []ChangeCategory
	if ch.View {
		out = append(out,
			cat(CategoryCameIntoCare, "Came into care", len(ch.CameIntoCare), func(i int) string { return ch.CameIntoCare[i].ChildID }),
			cat(CategoryLeftCare, "Left care", len(ch.LeftCare), func(i int) string { return ch.LeftCare[i].ChildID }),
			cat(CategoryPlanChanged, "Plan changed (then and now)", len(ch.PlanChanged), func(i int) string { return ch.PlanChanged[i].ChildID }),
			cat(CategoryBecameDrifting, "Began drifting (a drift flag that was not on before)", len(ch.BecameDrifting),
				func(i int) string { return ch.BecameDrifting[i].ChildID }),
			cat(CategoryStoppedDrifting, "Stopped drifting (a drift flag that is no longer on)", len(ch.StoppedDrifting),
				func(i int) string { return ch.StoppedDrifting[i].ChildID }),
			cat(CategoryProceedingsConcluded, "Proceedings concluded (final hearing)", len(ch.ProceedingsConcluded),
				func(i int) string { return ch.ProceedingsConcluded[i].ChildID }),
			cat(CategoryAchievedPermanence, "Achieved permanence", len(ch.AchievedPermanence),
				func(i int) string { return ch.AchievedPermanence[i].ChildID }))
	}
	return append(out,
		cat(CategoryDisruptions, "Disruptions: placements meant to be permanent that ended", len(ch.Disruptions),
			func(i int) string { return ch.Disruptions[i].ChildID }),
		cat(CategoryPlanChanges, "Changes of permanence plan", len(ch.PlanChanges), func(i int) string { return ch.PlanChanges[i].ChildID }),
		cat(CategoryCaseSystemDiffers, "Plan changed, case system differs from the panel's plan", len(ch.CaseSystemDiffers),
			func(i int) string { return ch.CaseSystemDiffers[i].ChildID }),
	)
}

// Filtered returns the changes of the children f keeps (their state as at
// To): ch itself when f keeps every child.
func (ch *Changes) Filtered(f Filter) *Changes {
	if !f.Active() {
		return ch
	}
	keep := map[string]bool{}
	var children []Child
	for i := range ch.Children {
		if f.Keeps(&ch.Children[i], ch.To) {
			keep[ch.Children[i].ID] = true
			children = append(children, ch.Children[i])
		}
	}
	out := *ch
	out.Children = children
	out.CameIntoCare = keepEvents(ch.CameIntoCare, keep, func(e ChildEvent) string { return e.ChildID })
	out.LeftCare = keepEvents(ch.LeftCare, keep, func(e LeftCare) string { return e.ChildID })
	out.PlanChanged = keepEvents(ch.PlanChanged, keep, func(e ChangeOfPlan) string { return e.ChildID })
	out.BecameDrifting = keepEvents(ch.BecameDrifting, keep, func(e DriftChange) string { return e.ChildID })
	out.StoppedDrifting = keepEvents(ch.StoppedDrifting, keep, func(e DriftChange) string { return e.ChildID })
	out.ProceedingsConcluded = keepEvents(ch.ProceedingsConcluded, keep, func(e ChildEvent) string { return e.ChildID })
	out.AchievedPermanence = keepEvents(ch.AchievedPermanence, keep, func(e Permanence) string { return e.ChildID })
	out.Disruptions = keepEvents(ch.Disruptions, keep, func(e Disruption) string { return e.ChildID })
	out.PlanChanges = keepEvents(ch.PlanChanges, keep, func(e ChangeOfPlan) string { return e.ChildID })
	out.CaseSystemDiffers = keepEvents(ch.CaseSystemDiffers, keep, func(e PlanDiffers) string { return e.ChildID })
	return &out
}

func keepEvents[T any](list []T, keep map[string]bool, id func(T) string) []T {
	var out []T
	for _, e := range list {
		if keep[id(e)] {
			out = append(out, e)
		}
	}
	return out
}

// DisruptionsIn are the disruptions dated from < d ≤ to.
func (ch *Changes) DisruptionsIn(from, to Date) []Disruption {
	var out []Disruption
	for _, d := range ch.Disruptions {
		if d.Date.In(from, to) {
			out = append(out, d)
		}
	}
	return out
}

// PlanChangesIn are the changes of plan first seen from < d ≤ to.
func (ch *Changes) PlanChangesIn(from, to Date) []ChangeOfPlan {
	var out []ChangeOfPlan
	for _, c := range ch.PlanChanges {
		if c.Seen.In(from, to) {
			out = append(out, c)
		}
	}
	return out
}

// SnapshotDates are the dates whose states are compared for the window
// from < d ≤ to: from, every extract date strictly between, every cut
// strictly between, and to, in order, each once.
func SnapshotDates(from, to Date, extracts []Extract, cuts ...Date) []Date {
	set := map[Date]bool{from: true, to: true}
	for _, x := range extracts {
		if x.Date > from && x.Date < to {
			set[x.Date] = true
		}
	}
	for _, c := range cuts {
		if c > from && c < to {
			set[c] = true
		}
	}
	out := make([]Date, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// ChangeDates are the two dates a view of the changes defaults to: the
// last two meetings of kind that were held (held or closed), dated on or
// before asOf; else the last two extract dates on or before asOf; else
// asOf less months, and asOf. kind "" skips the meetings.
func ChangeDates(meetings []Meeting, kind PanelKind, extracts []Extract, asOf Date, months int) (from, to Date) {
	var held []Date
	for _, m := range meetings {
		if kind != "" && m.Kind == kind && m.Date <= asOf && (m.Status == MeetingHeld || m.Status == MeetingClosed) {
			held = appendDistinct(held, m.Date)
		}
	}
	if n := len(held); n >= 2 {
		return held[n-2], held[n-1]
	}
	var dates []Date
	for _, x := range extracts {
		if x.Date <= asOf {
			dates = appendDistinct(dates, x.Date)
		}
	}
	if n := len(dates); n >= 2 {
		return dates[n-2], dates[n-1]
	}
	return asOf.AddMonths(-months), asOf
}

// appendDistinct adds d to a sorted list of distinct dates.
func appendDistinct(ds []Date, d Date) []Date {
	i := sort.Search(len(ds), func(i int) bool { return ds[i] >= d })
	if i < len(ds) && ds[i] == d {
		return ds
	}
	ds = append(ds, 0)
	copy(ds[i+1:], ds[i:])
	ds[i] = d
	return ds
}

// PlanChangeMatrix counts changes of plan by from and to category: the
// cell [from][to] in Plans order.
func PlanChangeMatrix(list []ChangeOfPlan) [][]int {
	at := map[Plan]int{}
	for i, p := range Plans {
		at[p] = i
	}
	out := make([][]int, len(Plans))
	for i := range out {
		out[i] = make([]int, len(Plans))
	}
	for _, c := range list {
		out[at[c.From]][at[c.To]]++
	}
	return out
}

// WindowText is "01/02/2026 to 31/03/2026": the window's first and last days.
func (ch *Changes) WindowText() string {
	return ch.From.AddDays(1).UK() + " to " + ch.To.UK()
}

// Text is the drift change in words for a list.
func (d DriftChange) Text(th Thresholds) string {
	return fmt.Sprintf("%s (since %s)", d.Kind.Label(th), d.Since.UK())
}

// mentionsDisruption reports whether a record's text speaks of a disruption.
func mentionsDisruption(s string) bool { return strings.Contains(strings.ToLower(s), "disrupt") }
