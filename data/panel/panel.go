// Package panel is the service the CLI and the app use for the panel's own
// records (panel.md): a meeting's agenda — the domain's suggestions merged
// with what people changed by hand, with slot times — holding and closing
// meetings, and writing records with the domain's checks. The rules are the
// domain's (package data); what is kept is the store's; this package puts
// the two together so that the command line and the screens agree.
package panel

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"permanence/data"
	"permanence/data/store"
)

// States gives every child's state as at a date (the figures service,
// which caches them, or the store itself).
type States interface {
	State(ctx context.Context, a data.Date) ([]data.Child, error)
}

// storeStates reads states straight from the store.
type storeStates struct{ s *store.Store }

func (s storeStates) State(ctx context.Context, a data.Date) ([]data.Child, error) {
	return s.s.StateAt(ctx, a)
}

// Service works on one store's panel records.
type Service struct {
	store  *store.Store
	states States
}

// New returns the service for a store; states, when not nil, gives the
// children's states (a cache); otherwise they are read from the store.
func New(s *store.Store, states States) *Service {
	if states == nil {
		states = storeStates{s}
	}
	return &Service{store: s, states: states}
}

// Store is the store the service works on.
func (p *Service) Store() *store.Store { return p.store }

// Line is one line of a meeting's agenda as people see it: the domain's
// line (child, reasons, slot, what lies behind each reason) with the
// child's social worker and team from the latest extract.
type Line struct {
	data.AgendaLine
	Name         string // the child's name (shown only where names may be)
	Initials     string
	SocialWorker string
	Team         string
	Plan         data.Plan
	InCare       bool // in care on the meeting's date
}

// Agenda is a meeting's agenda (or the suggestions for a meeting not yet
// stored).
type Agenda struct {
	Meeting data.Meeting // ID 0 when not stored
	Since   data.Date    // L: "since the last meeting" is Since < d ≤ Meeting.Date
	Lines   []Line
	// NeverReviewed are children in the cohort who have been in care over
	// four months and have no panel record (listed apart, panel.md).
	NeverReviewed []Line
	// Removed are suggestions removed by hand (kept off the agenda).
	Removed []string
	// Warning says when the agenda is too long for its day (the lines past
	// midnight have no time).
	Warning string
}

// ErrNoChild is returned for a child ID no extract holds.
var ErrNoChild = errors.New("no child with that ID in any extract")

// Suggest is the agenda the app suggests for a meeting of kind on date,
// with slot times from the panel settings; nothing is stored.
func (p *Service) Suggest(ctx context.Context, kind data.PanelKind, date data.Date) (Agenda, error) {
	m := data.Meeting{Kind: kind, Date: date, Status: data.MeetingPlanned}
	ag, latest, err := p.suggest(ctx, m)
	if err != nil {
		return Agenda{}, err
	}
	out := Agenda{Meeting: m, Since: ag.Since}
	for _, l := range ag.Lines {
		out.Lines = append(out.Lines, p.line(l, latest, date))
	}
	for _, id := range ag.NeverReviewed {
		out.NeverReviewed = append(out.NeverReviewed, p.line(data.AgendaLine{ChildID: id}, latest, date))
	}
	return out, p.slots(ctx, &out)
}

// suggest runs the domain's suggestion for meeting m and returns it with
// the children's latest state by ID (for social worker and team).
func (p *Service) suggest(ctx context.Context, m data.Meeting) (data.Agenda, map[string]*data.Child, error) {
	meetings, err := p.store.Meetings(ctx)
	if err != nil {
		return data.Agenda{}, nil, err
	}
	recs, err := p.store.AllRecords(ctx)
	if err != nil {
		return data.Agenda{}, nil, err
	}
	th, err := p.store.Thresholds(ctx)
	if err != nil {
		return data.Agenda{}, nil, err
	}
	l := data.LastMeetingDate(meetings, m.Kind, m.Date, m.ID)
	atM, err := p.states.State(ctx, m.Date)
	if err != nil {
		return data.Agenda{}, nil, err
	}
	atL, err := p.states.State(ctx, l)
	if err != nil {
		return data.Agenda{}, nil, err
	}
	ag := data.SuggestAgenda(data.AgendaInput{Kind: m.Kind, Meeting: m.Date, MeetingID: m.ID,
		Previous: meetings, AtM: atM, AtL: atL, Records: recs, Thresholds: th})
	latest, err := p.latest(ctx)
	if err != nil {
		return data.Agenda{}, nil, err
	}
	return ag, latest, nil
}

// latest is every child's state as at the latest extract, by ID.
func (p *Service) latest(ctx context.Context) (map[string]*data.Child, error) {
	a, err := p.store.LatestExtractDate(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]*data.Child{}
	if a.IsZero() {
		return out, nil
	}
	all, err := p.states.State(ctx, a)
	if err != nil {
		return nil, err
	}
	for i := range all {
		out[all[i].ID] = &all[i]
	}
	return out, nil
}

// line adds what the latest extract says of the child.
func (p *Service) line(l data.AgendaLine, latest map[string]*data.Child, on data.Date) Line {
	out := Line{AgendaLine: l}
	if c := latest[l.ChildID]; c != nil {
		out.Name, out.Initials = c.Name, c.Initials()
		out.SocialWorker, out.Team, out.Plan = c.SocialWorker, c.Team, c.Plan
		out.InCare = data.InCare(c, on)
	}
	return out
}

// slots gives the lines their times from the kind's settings.
func (p *Service) slots(ctx context.Context, ag *Agenda) error {
	ps, err := p.store.PanelSettings(ctx)
	if err != nil {
		return err
	}
	ks := ps.For(ag.Meeting.Kind)
	lines := make([]data.AgendaLine, len(ag.Lines))
	for i := range ag.Lines {
		lines[i] = ag.Lines[i].AgendaLine
	}
	if err := data.SlotTimes(lines, ks.StartTime, ks.MinutesPerChild); err != nil {
		// Too many children for one day: the lines that fit get their
		// times, and the agenda says what is wrong rather than showing
		// nothing.
		fit := 0
		for n := len(lines) - 1; n > 0; n-- {
			if data.SlotTimes(lines[:n], ks.StartTime, ks.MinutesPerChild) == nil {
				fit = n
				break
			}
		}
		if fit == 0 && data.SlotTimes(lines[:0], ks.StartTime, ks.MinutesPerChild) != nil {
			return err // the settings themselves are wrong
		}
		ag.Warning = fmt.Sprintf("%s: only the first %d have a time; remove children or split the agenda", err, fit)
	}
	for i := range lines {
		ag.Lines[i].Time = lines[i].Time
	}
	return nil
}

// Agenda is meeting id's agenda. While the meeting is planned, it is the
// suggestions worked out afresh from the store (so a new extract shows at
// once), without the children removed by hand, with the children added by
// hand, in the order people set: lines whose place was set keep it, new
// suggestions follow them in the suggested order; when nobody has moved a
// suggestion, suggestions come first and children added by hand after
// them. Once the meeting is held, it is the agenda as it was then (with
// any child added since at the end).
func (p *Service) Agenda(ctx context.Context, id int64) (Agenda, error) {
	m, err := p.store.Meeting(ctx, id)
	if err != nil {
		return Agenda{}, err
	}
	entries, err := p.store.StoredAgenda(ctx, id)
	if err != nil {
		return Agenda{}, err
	}
	out := Agenda{Meeting: m}
	for _, e := range entries {
		if e.Removed {
			out.Removed = append(out.Removed, e.ChildID)
		}
	}
	if m.Status != data.MeetingPlanned {
		latest, err := p.latest(ctx)
		if err != nil {
			return Agenda{}, err
		}
		meetings, err := p.store.Meetings(ctx)
		if err != nil {
			return Agenda{}, err
		}
		out.Since = data.LastMeetingDate(meetings, m.Kind, m.Date, m.ID)
		var late []data.AgendaLine
		for _, e := range entries {
			switch {
			case e.Removed:
			case e.Frozen:
				out.Lines = append(out.Lines, p.line(data.AgendaLine{ChildID: e.ChildID, Reasons: e.Reasons, Time: e.Time, Detail: e.Detail}, latest, m.Date))
			default:
				late = append(late, data.AgendaLine{ChildID: e.ChildID, Reasons: []data.Reason{data.ReasonAdded}})
			}
		}
		for _, l := range late {
			out.Lines = append(out.Lines, p.line(l, latest, m.Date))
		}
		return out, nil
	}
	ag, latest, err := p.suggest(ctx, m)
	if err != nil {
		return Agenda{}, err
	}
	out.Since = ag.Since
	for _, l := range merge(ag.Lines, entries) {
		out.Lines = append(out.Lines, p.line(l, latest, m.Date))
	}
	on := map[string]bool{}
	for _, l := range out.Lines {
		on[l.ChildID] = true
	}
	for _, id := range ag.NeverReviewed {
		if !on[id] {
			out.NeverReviewed = append(out.NeverReviewed, p.line(data.AgendaLine{ChildID: id}, latest, m.Date))
		}
	}
	return out, p.slots(ctx, &out)
}

// merge puts the suggestions and the stored entries of a planned meeting
// together (see Agenda).
func merge(suggested []data.AgendaLine, entries []store.AgendaEntry) []data.AgendaLine {
	byID := map[string]data.AgendaLine{}
	for _, l := range suggested {
		byID[l.ChildID] = l
	}
	removed := map[string]bool{}
	placed := false // a suggestion's place was set by hand
	for _, e := range entries {
		if e.Removed {
			removed[e.ChildID] = true
			continue
		}
		if _, ok := byID[e.ChildID]; ok && !e.Added {
			placed = true
		}
	}
	var fromEntries []data.AgendaLine
	used := map[string]bool{}
	for _, e := range entries {
		if e.Removed {
			continue
		}
		l, suggestedToo := byID[e.ChildID]
		switch {
		case suggestedToo && e.Added:
			l.Reasons = append(slices.Clone(l.Reasons), data.ReasonAdded)
		case suggestedToo:
		case e.Added:
			l = data.AgendaLine{ChildID: e.ChildID, Reasons: []data.Reason{data.ReasonAdded}}
		default:
			continue // a placed suggestion that no longer has a reason
		}
		fromEntries = append(fromEntries, l)
		used[e.ChildID] = true
	}
	var rest []data.AgendaLine
	for _, l := range suggested {
		if !used[l.ChildID] && !removed[l.ChildID] {
			rest = append(rest, l)
		}
	}
	if placed {
		return append(fromEntries, rest...)
	}
	return append(rest, fromEntries...)
}

// Hold marks a planned meeting held, keeping its agenda as it is now (the
// reasons and slots stay as the panel saw them).
func (p *Service) Hold(ctx context.Context, id int64, who string) error {
	ag, err := p.Agenda(ctx, id)
	if err != nil {
		return err
	}
	if ag.Meeting.Status != data.MeetingPlanned {
		return fmt.Errorf("%s (meeting %d) is already %s", ag.Meeting.Title(), id, ag.Meeting.Status)
	}
	lines := make([]data.AgendaLine, len(ag.Lines))
	for i, l := range ag.Lines {
		lines[i] = l.AgendaLine
	}
	return p.store.HoldMeeting(ctx, id, lines, who)
}

// Close closes a meeting: its records become final (a later change is an
// amendment with a reason). A planned meeting is held first.
func (p *Service) Close(ctx context.Context, id int64, who string) error {
	m, err := p.store.Meeting(ctx, id)
	if err != nil {
		return err
	}
	if m.Status == data.MeetingPlanned {
		if err := p.Hold(ctx, id, who); err != nil {
			return err
		}
	}
	return p.store.SetMeetingStatus(ctx, id, data.MeetingClosed, who)
}

// Save applies a record file's changes (patch) to child's record at
// meeting id and stores it, checking the rules that depend on the
// meeting's date; file names the source in messages. A planned meeting is
// held first (writing records is what holding a meeting is). A closed
// meeting is refused: amend it with a reason. A child no extract holds is
// refused. saved is false when nothing changed.
func (p *Service) Save(ctx context.Context, id int64, child, file string, patch data.RecordPatch, who string) (saved bool, err error) {
	return p.write(ctx, id, child, file, patch, who, "", false)
}

// Amend is Save for a closed meeting, with the reason for the change.
func (p *Service) Amend(ctx context.Context, id int64, child, file string, patch data.RecordPatch, who, why string) (saved bool, err error) {
	if strings.TrimSpace(why) == "" {
		return false, errors.New("an amendment to a closed meeting's record needs a reason (--why)")
	}
	return p.write(ctx, id, child, file, patch, who, why, true)
}

func (p *Service) write(ctx context.Context, id int64, child, file string, patch data.RecordPatch, who, why string, amend bool) (bool, error) {
	m, err := p.store.Meeting(ctx, id)
	if err != nil {
		return false, err
	}
	if err := p.knownChild(ctx, child); err != nil {
		return false, err
	}
	switch {
	case amend && m.Status != data.MeetingClosed:
		return false, fmt.Errorf("%s (meeting %d) is %s, not closed: write its records with 'panel record' (amendments are for closed meetings)", m.Title(), id, m.Status)
	case !amend && m.Status == data.MeetingClosed:
		return false, fmt.Errorf("%s (meeting %d) is closed: its records are final; change one with 'panel amend ... --why TEXT'", m.Title(), id)
	}
	rec, _, err := p.store.Record(ctx, id, child)
	if err != nil {
		return false, err
	}
	rec.MeetingID, rec.ChildID = id, child
	patch.Apply(&rec)
	if err := data.CheckRecordAt(file, m.Date, &rec); err != nil {
		return false, err
	}
	if amend {
		return p.store.AmendRecord(ctx, rec, who, why)
	}
	if m.Status == data.MeetingPlanned {
		if err := p.Hold(ctx, id, who); err != nil {
			return false, err
		}
	}
	return p.store.SaveRecord(ctx, rec, who)
}

// knownChild refuses a child ID that no extract holds (a typing mistake
// would otherwise start a record nobody finds).
func (p *Service) knownChild(ctx context.Context, child string) error {
	ok, err := p.store.HasChild(ctx, child)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("child %q: %w", child, ErrNoChild)
	}
	return nil
}

// AddToAgenda adds a child any extract holds to a meeting's agenda.
func (p *Service) AddToAgenda(ctx context.Context, id int64, child string) error {
	if err := p.knownChild(ctx, child); err != nil {
		return err
	}
	return p.store.AddToAgenda(ctx, id, child)
}

// NextReview is the review date a child's record at meeting m gets unless
// the panel chooses another (data.DefaultNextReview): 3 months when the
// child has a drift flag at the meeting's date, an open escalation or an
// overdue action, otherwise 6.
func (p *Service) NextReview(ctx context.Context, m data.Meeting, child string) (data.Date, error) {
	recs, err := p.store.AllRecords(ctx)
	if err != nil {
		return data.NoDate, err
	}
	th, err := p.store.Thresholds(ctx)
	if err != nil {
		return data.NoDate, err
	}
	all, err := p.states.State(ctx, m.Date)
	if err != nil {
		return data.NoDate, err
	}
	c := data.Child{ID: child} // no state as at the meeting: no drift flags
	for i := range all {
		if all[i].ID == child {
			c = all[i]
			break
		}
	}
	return data.ProposedNextReview(c, m, recs, th), nil
}
