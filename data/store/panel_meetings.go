package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"

	"permanence/data"
)

// The refusals of the panel's records, as errors.Is finds them in what the
// meeting, agenda and record methods return. Each is wrapped in a sentence
// that names the meeting (and the child).
var (
	// ErrNoMeeting: no meeting has that id.
	ErrNoMeeting = errors.New("there is no panel meeting with that id")
	// ErrMeetingClosed: the meeting is closed, its records final; a change
	// to one is an amendment, with a reason (AmendRecord).
	ErrMeetingClosed = errors.New("the meeting is closed and its records are final: change a record as an amendment, with a reason (permanence panel amend ... --why TEXT)")
	// ErrNotClosed: an amendment was asked for on a meeting that is not
	// closed, where a record is simply saved.
	ErrNotClosed = errors.New("the meeting is not closed: save the record as usual (amendments, with a reason, are for closed meetings)")
	// ErrNoReason: an amendment without its reason.
	ErrNoReason = errors.New("an amendment to a closed meeting's record needs a reason (why)")
	// ErrStatusChange: a meeting's status may only go planned → held → closed.
	ErrStatusChange = errors.New("a meeting goes from planned to held to closed, one step at a time, and never back")
	// ErrNotOnAgenda: the child has no line on the meeting's stored agenda.
	ErrNotOnAgenda = errors.New("the child is not on the meeting's agenda")
	// ErrHasRecord: a child with a record at the meeting keeps their line.
	ErrHasRecord = errors.New("the child has a record at this meeting, so their line stays on the agenda")
)

// timeLayout is how the store writes when something was done: RFC 3339 in
// UTC, to the second.
const timeLayout = time.RFC3339

// stamp is the time now as the store writes it.
func stamp() string { return now().UTC().Truncate(time.Second).Format(timeLayout) }

// OSUser is the operating system's name for the person using the app: who
// saved a record or closed a meeting. It falls back to $USER, then
// $USERNAME, then "unknown".
func OSUser() string {
	if u, err := user.Current(); err == nil && strings.TrimSpace(u.Username) != "" {
		return strings.TrimSpace(u.Username)
	}
	for _, v := range []string{"USER", "USERNAME"} {
		if s := strings.TrimSpace(os.Getenv(v)); s != "" {
			return s
		}
	}
	return "unknown"
}

// whoOrOS is who, trimmed, or the operating system's user when empty.
func whoOrOS(who string) string {
	if who = strings.TrimSpace(who); who != "" {
		return who
	}
	return OSUser()
}

// maxChildID is the longest child ID the store accepts (as imports do).
const maxChildID = 100

// checkChildID refuses an empty or over-long child ID.
func checkChildID(id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return errors.New("no child ID given")
	case len([]rune(id)) > maxChildID:
		return fmt.Errorf("child ID %.20q... is longer than %d characters", id, maxChildID)
	}
	return nil
}

// MeetingStamps are who created, held and closed a meeting, and when
// (RFC 3339, UTC); empty until it happens.
type MeetingStamps struct {
	CreatedBy, CreatedAt string
	HeldBy, HeldAt       string
	ClosedBy, ClosedAt   string
}

// CreateMeeting stores a new planned meeting of m's date, kind, chair and
// attendees (m.ID and m.Status are ignored), created by who (the operating
// system's user when empty), and returns its id.
func (s *Store) CreateMeeting(ctx context.Context, m data.Meeting, who string) (int64, error) {
	if m.Date.IsZero() {
		return 0, errors.New("a meeting needs a date")
	}
	kind, err := data.ParsePanelKind(string(m.Kind))
	if err != nil {
		return 0, err
	}
	r, err := s.db.ExecContext(ctx, `INSERT INTO panel_meetings (meeting_date, kind, chair, attendees, status, created_by, created_at)
		VALUES (?, ?, ?, ?, 'planned', ?, ?)`, m.Date.String(), string(kind), strings.TrimSpace(m.Chair),
		strings.TrimSpace(m.Attendees), whoOrOS(who), stamp())
	if err != nil {
		return 0, explain(s.path, fmt.Errorf("store the meeting: %w", err))
	}
	return r.LastInsertId()
}

const meetingColumns = "id, meeting_date, kind, chair, attendees, status"

// scanMeeting reads one row of meetingColumns.
func scanMeeting(row interface{ Scan(...any) error }) (data.Meeting, error) {
	var m data.Meeting
	var date, kind, status string
	if err := row.Scan(&m.ID, &date, &kind, &m.Chair, &m.Attendees, &status); err != nil {
		return m, err
	}
	var err error
	if m.Date, err = data.ParseDate(date); err != nil {
		return m, fmt.Errorf("meeting %d: stored date %q: %w", m.ID, date, err)
	}
	m.Kind, m.Status = data.PanelKind(kind), data.MeetingStatus(status)
	return m, nil
}

// rowQueryer is a *sql.DB or a *sql.Tx.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// meeting reads meeting id through q; an unknown id is ErrNoMeeting.
func meeting(ctx context.Context, q rowQueryer, id int64) (data.Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, "SELECT "+meetingColumns+" FROM panel_meetings WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("panel meeting %d: %w", id, ErrNoMeeting)
	}
	return m, err
}

// Meeting returns meeting id; an unknown id is an error wrapping
// ErrNoMeeting that names it.
func (s *Store) Meeting(ctx context.Context, id int64) (data.Meeting, error) {
	m, err := meeting(ctx, s.db, id)
	return m, explain(s.path, err)
}

// Meetings lists every meeting, oldest date first (then in the order they
// were created).
func (s *Store) Meetings(ctx context.Context) ([]data.Meeting, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+meetingColumns+" FROM panel_meetings ORDER BY meeting_date, id")
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("read the meetings: %w", err))
	}
	defer rows.Close()
	var out []data.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MeetingStamps returns who created, held and closed meeting id, and when.
func (s *Store) MeetingStamps(ctx context.Context, id int64) (MeetingStamps, error) {
	var st MeetingStamps
	err := s.db.QueryRowContext(ctx, `SELECT created_by, created_at, held_by, held_at, closed_by, closed_at
		FROM panel_meetings WHERE id = ?`, id).Scan(&st.CreatedBy, &st.CreatedAt, &st.HeldBy, &st.HeldAt, &st.ClosedBy, &st.ClosedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("panel meeting %d: %w", id, ErrNoMeeting)
	}
	return st, explain(s.path, err)
}

// UpdateMeeting changes the date, chair and attendees of meeting m.ID to
// m's, while it is not closed. Its kind and status do not change here: m
// may leave them empty, and a different kind or status is refused.
func (s *Store) UpdateMeeting(ctx context.Context, m data.Meeting) error {
	if m.Date.IsZero() {
		return errors.New("a meeting needs a date")
	}
	return s.inTx(ctx, "change the meeting", func(tx *sql.Tx) error {
		old, err := openMeeting(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if m.Kind != "" && m.Kind != old.Kind {
			return fmt.Errorf("%s: a meeting's kind cannot change (it decides the agenda): create a new meeting of kind %s", old.Title(), m.Kind)
		}
		if m.Status != "" && m.Status != old.Status {
			return fmt.Errorf("%s is %s: its status changes when it is held or closed, not here", old.Title(), old.Status)
		}
		_, err = tx.ExecContext(ctx, "UPDATE panel_meetings SET meeting_date = ?, chair = ?, attendees = ? WHERE id = ?",
			m.Date.String(), strings.TrimSpace(m.Chair), strings.TrimSpace(m.Attendees), m.ID)
		return err
	})
}

// openMeeting reads meeting id inside tx and refuses a closed one with
// ErrMeetingClosed.
func openMeeting(ctx context.Context, tx *sql.Tx, id int64) (data.Meeting, error) {
	m, err := meeting(ctx, tx, id)
	if err != nil {
		return m, err
	}
	if m.Status == data.MeetingClosed {
		return m, fmt.Errorf("%s (meeting %d): %w", m.Title(), id, ErrMeetingClosed)
	}
	return m, nil
}

// SetMeetingStatus moves meeting id to status to: planned → held, or held →
// closed, and records who (the operating system's user when empty) did it
// and when. Any other change (back, a step skipped, the same status again)
// is refused with an error wrapping ErrStatusChange. HoldMeeting marks a
// meeting held and keeps its agenda as it is then, together.
func (s *Store) SetMeetingStatus(ctx context.Context, id int64, to data.MeetingStatus, who string) error {
	return s.inTx(ctx, "change the meeting's status", func(tx *sql.Tx) error {
		return setStatus(ctx, tx, id, to, who)
	})
}

// setStatus is SetMeetingStatus inside tx.
func setStatus(ctx context.Context, tx *sql.Tx, id int64, to data.MeetingStatus, who string) error {
	m, err := meeting(ctx, tx, id)
	if err != nil {
		return err
	}
	var set string
	switch {
	case m.Status == data.MeetingPlanned && to == data.MeetingHeld:
		set = "status = 'held', held_by = ?, held_at = ?"
	case m.Status == data.MeetingHeld && to == data.MeetingClosed:
		set = "status = 'closed', closed_by = ?, closed_at = ?"
	default:
		return fmt.Errorf("%s (meeting %d) is %s and cannot become %q: %w", m.Title(), id, m.Status, to, ErrStatusChange)
	}
	_, err = tx.ExecContext(ctx, "UPDATE panel_meetings SET "+set+" WHERE id = ?", whoOrOS(who), stamp(), id)
	return err
}

// inTx runs f in one write transaction: all its writes land, or none.
// what names the change in an error.
func (s *Store) inTx(ctx context.Context, what string, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return explain(s.path, fmt.Errorf("%s: %w", what, err))
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return explain(s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return explain(s.path, fmt.Errorf("%s: %w", what, err))
	}
	return nil
}

// HasPanelData reports whether the store holds any panel meeting (and so,
// perhaps, records typed by the panel).
func (s *Store) HasPanelData(ctx context.Context) (bool, error) {
	var has bool
	err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM panel_meetings)").Scan(&has)
	return has, explain(s.path, err)
}

// HasChild reports whether any stored extract holds the child ID.
func (s *Store) HasChild(ctx context.Context, child string) (bool, error) {
	var has bool
	err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM child_rows WHERE child_id = ?)", child).Scan(&has)
	return has, explain(s.path, err)
}
