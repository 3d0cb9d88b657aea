package data

// The panel's own records (panel.md): meetings, their agendas, the record
// of each child at a meeting, actions and escalations. These types hold no
// SQL: data/store keeps them, the CLI and the app show them.

import (
	"fmt"
	"strings"
)

// PanelKind is a kind of permanence panel: tracking, adoption or all.
type PanelKind string

// The panel kinds of panel.md.
const (
	PanelTracking PanelKind = "tracking"
	PanelAdoption PanelKind = "adoption"
	PanelAll      PanelKind = "all"
)

// PanelKinds lists every kind.
var PanelKinds = []PanelKind{PanelTracking, PanelAdoption, PanelAll}

// ParsePanelKind reads a kind's name; anything else is an error that lists
// the kinds.
func ParsePanelKind(s string) (PanelKind, error) {
	k := PanelKind(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range PanelKinds {
		if k == known {
			return k, nil
		}
	}
	return "", fmt.Errorf("%q is not a panel kind: use tracking, adoption or all", s)
}

// Label is the kind as a person reads it.
func (k PanelKind) Label() string {
	switch k {
	case PanelTracking:
		return "Permanence tracking panel"
	case PanelAdoption:
		return "Adoption tracking panel"
	case PanelAll:
		return "Permanence panel (all children)"
	}
	return string(k)
}

// Includes reports whether a child whose plan is p belongs to the kind's
// cohort (panel.md, "Panels and cohorts").
func (k PanelKind) Includes(p Plan) bool {
	switch k {
	case PanelAdoption:
		return p == PlanAdoption
	case PanelTracking:
		return p != PlanAdoption
	case PanelAll:
		return true
	}
	return false
}

// InCohort reports whether child c, in their state as at d, is in kind k's
// cohort on d: in care then, with a plan the kind covers.
func (k PanelKind) InCohort(c *Child, d Date) bool {
	return InCare(c, d) && k.Includes(c.Plan)
}

// MeetingStatus is where a meeting is in its life: planned → held → closed.
type MeetingStatus string

// The meeting statuses of panel.md.
const (
	MeetingPlanned MeetingStatus = "planned"
	MeetingHeld    MeetingStatus = "held"
	MeetingClosed  MeetingStatus = "closed"
)

// MeetingStatuses lists the statuses in the order a meeting passes
// through them.
var MeetingStatuses = []MeetingStatus{MeetingPlanned, MeetingHeld, MeetingClosed}

// ParseMeetingStatus reads a status's name; anything else is an error that
// lists the statuses.
func ParseMeetingStatus(s string) (MeetingStatus, error) {
	st := MeetingStatus(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range MeetingStatuses {
		if st == known {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q is not a meeting status: use planned, held or closed", s)
}

// CanBecome reports whether a meeting with status s may move to t. A
// meeting moves one step forward only: planned → held (records being
// written) → closed (records final). Nothing goes back: a closed meeting's
// records change only by amendment, and a held meeting is never planned
// again. Planned → closed is refused too, since a meeting is held before
// its records are final; a command that closes a planned meeting marks it
// held first, as two steps.
func (s MeetingStatus) CanBecome(t MeetingStatus) bool {
	return (s == MeetingPlanned && t == MeetingHeld) || (s == MeetingHeld && t == MeetingClosed)
}

// Label is the status as a person reads it.
func (s MeetingStatus) Label() string {
	switch s {
	case MeetingPlanned:
		return "Planned"
	case MeetingHeld:
		return "Held"
	case MeetingClosed:
		return "Closed"
	}
	return string(s)
}

// Meeting is one panel meeting.
type Meeting struct {
	ID        int64
	Date      Date
	Kind      PanelKind
	Chair     string
	Attendees string // roles and names, free text, one a line
	Status    MeetingStatus
}

// Title is "Adoption tracking panel, 12/03/2026".
func (m *Meeting) Title() string { return m.Kind.Label() + ", " + m.Date.UK() }

// Reason is why a child is on an agenda (panel.md, "The agenda"); the
// strings are the codes of `panel agenda --json`.
type Reason string

// The agenda reasons, in the order an agenda line lists them.
const (
	ReasonReviewDue            Reason = "review_due"
	ReasonNotYetSeen           Reason = "not_yet_seen"
	ReasonNewDrift             Reason = "new_drift"
	ReasonPlanChanged          Reason = "plan_changed"
	ReasonProceedingsConcluded Reason = "proceedings_concluded"
	ReasonDisruption           Reason = "disruption"
	ReasonEscalationOpen       Reason = "escalation_open"
	ReasonActionOverdue        Reason = "action_overdue"
	ReasonAdded                Reason = "added"
)

// Reasons lists every reason in the order agenda lines list them.
var Reasons = []Reason{ReasonReviewDue, ReasonNotYetSeen, ReasonNewDrift,
	ReasonPlanChanged, ReasonProceedingsConcluded, ReasonDisruption,
	ReasonEscalationOpen, ReasonActionOverdue, ReasonAdded}

// Label is the reason as an agenda chip says it.
func (r Reason) Label() string {
	switch r {
	case ReasonReviewDue:
		return "Review due"
	case ReasonNotYetSeen:
		return "Not yet seen by panel"
	case ReasonNewDrift:
		return "New drift"
	case ReasonPlanChanged:
		return "Plan changed"
	case ReasonProceedingsConcluded:
		return "Proceedings concluded"
	case ReasonDisruption:
		return "Disruption"
	case ReasonEscalationOpen:
		return "Escalation open"
	case ReasonActionOverdue:
		return "Action overdue"
	case ReasonAdded:
		return "Added"
	}
	return string(r)
}

// AgendaLine is one child on a meeting's agenda, in agenda order.
type AgendaLine struct {
	ChildID string
	Reasons []Reason // every reason that applies, in Reasons order; ReasonAdded when added by hand
	Time    string   // the slot's start, HH:MM
	Detail  []string // what lies behind each reason, a line each ("Plan changed: adoption → long-term fostering")
}

// Answer is yes, no or not applicable (not appropriate, for a child's
// voice); empty is "not recorded".
type Answer string

// The answers of panel.md's record.
const (
	AnswerYes            Answer = "yes"
	AnswerNo             Answer = "no"
	AnswerNotApplicable  Answer = "not_applicable"
	AnswerNotAppropriate Answer = "not_appropriate"
)

// Barrier is a barrier to permanence a panel record names.
type Barrier string

// The barriers of panel.md, in the order the record form lists them.
const (
	BarrierCourtDelay           Barrier = "court_delay"
	BarrierAssessmentDelay      Barrier = "assessment_delay"
	BarrierFamilyFinding        Barrier = "family_finding"
	BarrierPlacementSufficiency Barrier = "placement_sufficiency"
	BarrierSiblings             Barrier = "siblings"
	BarrierSupportPlan          Barrier = "support_plan"
	BarrierLegal                Barrier = "legal"
	BarrierNeeds                Barrier = "needs"
	BarrierChildWishes          Barrier = "child_wishes"
	BarrierParentalChallenge    Barrier = "parental_challenge"
	BarrierResources            Barrier = "resources"
	BarrierOther                Barrier = "other"
)

// Barriers lists every barrier in form order.
var Barriers = []Barrier{BarrierCourtDelay, BarrierAssessmentDelay, BarrierFamilyFinding,
	BarrierPlacementSufficiency, BarrierSiblings, BarrierSupportPlan, BarrierLegal,
	BarrierNeeds, BarrierChildWishes, BarrierParentalChallenge, BarrierResources, BarrierOther}

// Label is the barrier as panel.md words it.
func (b Barrier) Label() string {
	switch b {
	case BarrierCourtDelay:
		return "Court delay"
	case BarrierAssessmentDelay:
		return "Assessment delay"
	case BarrierFamilyFinding:
		return "Family finding / no match"
	case BarrierPlacementSufficiency:
		return "Placement sufficiency"
	case BarrierSiblings:
		return "Sibling considerations"
	case BarrierSupportPlan:
		return "Support plan or allowance"
	case BarrierLegal:
		return "Legal advice or application not made"
	case BarrierNeeds:
		return "Health, education or therapeutic needs"
	case BarrierChildWishes:
		return "The child's wishes"
	case BarrierParentalChallenge:
		return "Parental challenge or appeal"
	case BarrierResources:
		return "Staffing or resources"
	case BarrierOther:
		return "Other"
	}
	return string(b)
}

// ActionStatus is an action's state: open, done (on a date) or dropped
// (no longer needed, with why).
type ActionStatus string

// The action statuses of panel.md.
const (
	ActionOpen    ActionStatus = "open"
	ActionDone    ActionStatus = "done"
	ActionDropped ActionStatus = "dropped"
)

// Action is something the panel asked someone to do for a child.
type Action struct {
	What   string
	Who    string // a name or a role
	Due    Date
	Status ActionStatus
	DoneOn Date   // when done
	Why    string // why dropped
}

// OverdueAt reports whether the action is open and was due before d.
func (a *Action) OverdueAt(d Date) bool {
	return a.Status == ActionOpen && !a.Due.IsZero() && a.Due < d
}

// Escalation is a case the panel escalated: to whom (a role), why, when;
// later its outcome and when it was resolved.
type Escalation struct {
	To       string
	Why      string
	Raised   Date
	Outcome  string
	Resolved Date
}

// Open reports whether the escalation has no recorded outcome (panel.md:
// "an escalation with no recorded outcome"). A record file gives an
// outcome and the date it was resolved together (ParseRecordFile).
func (e *Escalation) Open() bool { return e != nil && e.Outcome == "" }

// ChildVoice is whether the child's wishes and feelings were gathered, and
// what they are.
type ChildVoice struct {
	Gathered Answer // yes, no or not_appropriate
	Text     string
}

// PanelRecord is the record of one child at one meeting (panel.md, "The
// record of a child at a meeting").
type PanelRecord struct {
	MeetingID int64
	ChildID   string

	Attended                   *bool // the social worker attended; nil: not recorded
	UpdateBy                   string
	Update                     string
	ChildVoice                 ChildVoice
	Plan                       string // the plan the panel endorses, in the plan vocabulary of extract.md
	ParallelPlan               string
	Barriers                   []Barrier
	BarrierOther               string
	EarlyPermanenceConsidered  Answer // yes, no or not_applicable
	PreviousAdoptersConsidered Answer
	Decision                   string
	Actions                    []Action
	NextReview                 Date
	NextReviewWhy              string
	Escalation                 *Escalation
}

// PlanCategory is the category of the plan the panel endorses
// (PlanNotRecorded when none is recorded; PlanOther for a text outside the
// vocabulary, which a record file cannot give). The category's key
// (long_term_fostering) reads as the category.
func (r *PanelRecord) PlanCategory() Plan {
	p, _ := recordPlan(r.Plan)
	return p
}

// PlanDiffers reports whether the record endorses a plan and it is not the
// plan of the child's extract row c: the case system needs updating
// (panel.md).
func (r *PanelRecord) PlanDiffers(c *Child) bool {
	return strings.TrimSpace(r.Plan) != "" && r.PlanCategory() != c.Plan
}

// RecordVersion is one saved version of a child's record at a meeting: who
// saved it (the operating system's user), when, and for a change to a
// closed meeting's record, why.
type RecordVersion struct {
	Version int
	Who     string
	At      string // RFC 3339, UTC
	Why     string
	Record  PanelRecord
}

// PanelSettings are the panel settings (panel.md): the kinds run, each
// with its cadence, start time and minutes per child.
type PanelSettings struct {
	Kinds []PanelKindSettings
}

// PanelKindSettings are one kind's settings.
type PanelKindSettings struct {
	Kind            PanelKind
	Cadence         string // "fortnightly" or "monthly"
	StartTime       string // HH:MM
	MinutesPerChild int
}

// DefaultPanelSettings: a tracking and an adoption panel, monthly, from
// 10:00, 20 minutes a child.
func DefaultPanelSettings() PanelSettings {
	return PanelSettings{Kinds: []PanelKindSettings{
		{Kind: PanelTracking, Cadence: "monthly", StartTime: "10:00", MinutesPerChild: 20},
		{Kind: PanelAdoption, Cadence: "monthly", StartTime: "10:00", MinutesPerChild: 20},
	}}
}

// For returns kind k's settings (the defaults when the kind is not run).
func (s PanelSettings) For(k PanelKind) PanelKindSettings {
	for _, ks := range s.Kinds {
		if ks.Kind == k {
			return ks
		}
	}
	return PanelKindSettings{Kind: k, Cadence: "monthly", StartTime: "10:00", MinutesPerChild: 20}
}
