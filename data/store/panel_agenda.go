package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"permanence/data"
)

// AgendaEntry is what the store keeps of one child's line on a meeting's
// agenda. Suggestions nobody touched are not stored (they are worked out
// from the extracts); a stored entry is a child added by hand, a suggestion
// removed by hand, a line whose place was set, or, once the meeting is held,
// a line as it was then.
type AgendaEntry struct {
	ChildID  string
	Position int  // agenda order among the meeting's entries, from 0
	Added    bool // added by hand, or by a record saved for the child
	Removed  bool // removed by hand: a suggestion that stays off the agenda
	// Frozen: Reasons, Time and Detail are the line as it was when the
	// meeting was held (FreezeAgenda). A child added after that is not
	// frozen.
	Frozen  bool
	Reasons []data.Reason
	Time    string   // HH:MM
	Detail  []string // what lies behind each reason, a line each
}

// StoredAgenda returns meeting id's stored agenda entries in position
// order, removed ones included.
func (s *Store) StoredAgenda(ctx context.Context, id int64) ([]AgendaEntry, error) {
	if _, err := meeting(ctx, s.db, id); err != nil {
		return nil, explain(s.path, err)
	}
	es, err := agendaEntries(ctx, s.db, id)
	return es, explain(s.path, err)
}

// agendaEntries reads a meeting's entries in position order.
func agendaEntries(ctx context.Context, q queryer, id int64) ([]AgendaEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT child_id, position, added, removed, frozen, reasons, slot, detail
		FROM panel_agenda WHERE meeting_id = ? ORDER BY position, child_id`, id)
	if err != nil {
		return nil, fmt.Errorf("read the agenda of meeting %d: %w", id, err)
	}
	defer rows.Close()
	var out []AgendaEntry
	for rows.Next() {
		var e AgendaEntry
		var reasons, detail string
		if err := rows.Scan(&e.ChildID, &e.Position, &e.Added, &e.Removed, &e.Frozen, &reasons, &e.Time, &detail); err != nil {
			return nil, err
		}
		for _, r := range strings.Fields(reasons) {
			e.Reasons = append(e.Reasons, data.Reason(r))
		}
		if detail != "" {
			if err := json.Unmarshal([]byte(detail), &e.Detail); err != nil {
				return nil, fmt.Errorf("meeting %d, child %s: the stored agenda detail is damaged: %w", id, e.ChildID, err)
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddToAgenda puts child on meeting id's agenda by hand: a new line goes
// last; a removed line comes back (un-removed, in its place). Refused on a
// closed meeting.
func (s *Store) AddToAgenda(ctx context.Context, id int64, child string) error {
	if err := checkChildID(child); err != nil {
		return err
	}
	return s.inTx(ctx, "add the child to the agenda", func(tx *sql.Tx) error {
		if _, err := openMeeting(ctx, tx, id); err != nil {
			return err
		}
		return addToAgenda(ctx, tx, id, child)
	})
}

// addToAgenda adds child by hand to meeting id's agenda inside tx (last,
// or un-removed where it was).
func addToAgenda(ctx context.Context, tx *sql.Tx, id int64, child string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO panel_agenda (meeting_id, child_id, position, added)
		VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM panel_agenda WHERE meeting_id = ?1), 1)
		ON CONFLICT (meeting_id, child_id) DO UPDATE SET added = 1, removed = 0`, id, child)
	return err
}

// RemoveFromAgenda takes child off meeting id's agenda: a suggestion
// removed stays removed (the entry is kept, marked removed) until it is
// added again. A child with a record at the meeting keeps their line
// (ErrHasRecord). Refused on a closed meeting.
func (s *Store) RemoveFromAgenda(ctx context.Context, id int64, child string) error {
	if err := checkChildID(child); err != nil {
		return err
	}
	return s.inTx(ctx, "remove the child from the agenda", func(tx *sql.Tx) error {
		m, err := openMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		var has bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM panel_records WHERE meeting_id = ? AND child_id = ?)", id, child).Scan(&has); err != nil {
			return err
		}
		if has {
			return fmt.Errorf("%s, child %s: %w", m.Title(), child, ErrHasRecord)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO panel_agenda (meeting_id, child_id, position, removed)
			VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM panel_agenda WHERE meeting_id = ?1), 1)
			ON CONFLICT (meeting_id, child_id) DO UPDATE SET removed = 1`, id, child)
		return err
	})
}

// MoveAgendaLine moves child's line to place newIndex (from 0, clamped to
// the ends) among the meeting's stored lines that are not removed; the
// others keep their order. The child must have a stored line
// (ErrNotOnAgenda): to place a suggestion that is not stored, store the
// whole order shown with SetAgendaOrder. Refused on a closed meeting.
func (s *Store) MoveAgendaLine(ctx context.Context, id int64, child string, newIndex int) error {
	return s.inTx(ctx, "move the agenda line", func(tx *sql.Tx) error {
		m, err := openMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		es, err := agendaEntries(ctx, tx, id)
		if err != nil {
			return err
		}
		var shown, removed []string
		for _, e := range es {
			if e.Removed {
				removed = append(removed, e.ChildID)
			} else if e.ChildID != child {
				shown = append(shown, e.ChildID)
			}
		}
		if !slices.ContainsFunc(es, func(e AgendaEntry) bool { return e.ChildID == child && !e.Removed }) {
			return fmt.Errorf("%s, child %s: %w", m.Title(), child, ErrNotOnAgenda)
		}
		newIndex = max(0, min(newIndex, len(shown)))
		shown = slices.Insert(shown, newIndex, child)
		return setPositions(ctx, tx, id, append(shown, removed...))
	})
}

// SetAgendaOrder stores the agenda's order as shown: children[i] goes to
// place i (a child not yet stored, a suggestion, gets a line that is
// neither added nor removed); stored lines not in children follow, in
// their order. A child listed twice is an error. Refused on a closed
// meeting.
func (s *Store) SetAgendaOrder(ctx context.Context, id int64, children []string) error {
	seen := map[string]bool{}
	for _, c := range children {
		if err := checkChildID(c); err != nil {
			return err
		}
		if seen[c] {
			return fmt.Errorf("child %s is listed twice in the agenda's order", c)
		}
		seen[c] = true
	}
	return s.inTx(ctx, "store the agenda's order", func(tx *sql.Tx) error {
		if _, err := openMeeting(ctx, tx, id); err != nil {
			return err
		}
		es, err := agendaEntries(ctx, tx, id)
		if err != nil {
			return err
		}
		order := slices.Clone(children)
		for _, e := range es {
			if !seen[e.ChildID] {
				order = append(order, e.ChildID)
			}
		}
		return setPositions(ctx, tx, id, order)
	})
}

// setPositions gives order[i] position i on meeting id's agenda, adding a
// plain line for a child with none.
func setPositions(ctx context.Context, tx *sql.Tx, id int64, order []string) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO panel_agenda (meeting_id, child_id, position) VALUES (?, ?, ?)
		ON CONFLICT (meeting_id, child_id) DO UPDATE SET position = excluded.position`)
	if err != nil {
		return err
	}
	defer st.Close()
	for i, c := range order {
		if _, err := st.ExecContext(ctx, id, c, i); err != nil {
			return fmt.Errorf("child %s: %w", c, err)
		}
	}
	return nil
}

// FreezeAgenda stores meeting id's agenda as it is when the meeting is
// held: lines[i] goes to place i with its reasons, slot time and detail
// fixed (and is no longer removed, should it have been); a stored line not
// in lines and not removed follows them, in its order, so that nobody
// drops off the agenda. HoldMeeting does this and marks the meeting held
// in one transaction; FreezeAgenda alone may store the agenda again while
// the meeting is held. Refused on a closed meeting.
func (s *Store) FreezeAgenda(ctx context.Context, id int64, lines []data.AgendaLine) error {
	if err := checkLines(lines); err != nil {
		return err
	}
	return s.inTx(ctx, "store the agenda as held", func(tx *sql.Tx) error {
		if _, err := openMeeting(ctx, tx, id); err != nil {
			return err
		}
		return freezeAgenda(ctx, tx, id, lines)
	})
}

// HoldMeeting marks planned meeting id held by who (the operating
// system's user when empty) and stores its agenda as it is then (lines,
// as FreezeAgenda), in one transaction: both, or neither. A meeting that
// is not planned is refused (ErrStatusChange).
func (s *Store) HoldMeeting(ctx context.Context, id int64, lines []data.AgendaLine, who string) error {
	if err := checkLines(lines); err != nil {
		return err
	}
	return s.inTx(ctx, "hold the meeting", func(tx *sql.Tx) error {
		if err := setStatus(ctx, tx, id, data.MeetingHeld, who); err != nil {
			return err
		}
		return freezeAgenda(ctx, tx, id, lines)
	})
}

// checkLines refuses an agenda with an empty child ID or a child twice.
func checkLines(lines []data.AgendaLine) error {
	seen := map[string]bool{}
	for _, l := range lines {
		if err := checkChildID(l.ChildID); err != nil {
			return err
		}
		if seen[l.ChildID] {
			return fmt.Errorf("child %s is on the agenda twice", l.ChildID)
		}
		seen[l.ChildID] = true
	}
	return nil
}

// freezeAgenda is FreezeAgenda inside tx.
func freezeAgenda(ctx context.Context, tx *sql.Tx, id int64, lines []data.AgendaLine) error {
	es, err := agendaEntries(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := freezeLines(ctx, tx, id, lines); err != nil {
		return err
	}
	order := make([]string, 0, len(es)+len(lines))
	listed := map[string]bool{}
	for _, l := range lines {
		order = append(order, l.ChildID)
		listed[l.ChildID] = true
	}
	var removed []string
	for _, e := range es {
		switch {
		case listed[e.ChildID]:
		case e.Removed:
			removed = append(removed, e.ChildID)
		default:
			order = append(order, e.ChildID)
		}
	}
	return setPositions(ctx, tx, id, append(order, removed...))
}

// freezeLines writes each line's reasons, slot and detail, frozen.
func freezeLines(ctx context.Context, tx *sql.Tx, id int64, lines []data.AgendaLine) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO panel_agenda (meeting_id, child_id, position, added, frozen, reasons, slot, detail)
		VALUES (?, ?, 0, ?, 1, ?, ?, ?)
		ON CONFLICT (meeting_id, child_id) DO UPDATE SET removed = 0, frozen = 1,
			reasons = excluded.reasons, slot = excluded.slot, detail = excluded.detail`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, l := range lines {
		codes := make([]string, len(l.Reasons))
		for i, r := range l.Reasons {
			if strings.ContainsAny(string(r), " \t\n") || r == "" {
				return fmt.Errorf("child %s: %q is not a reason code", l.ChildID, r)
			}
			codes[i] = string(r)
		}
		detail := ""
		if len(l.Detail) > 0 {
			b, err := json.Marshal(l.Detail)
			if err != nil {
				return err
			}
			detail = string(b)
		}
		added := slices.Contains(l.Reasons, data.ReasonAdded)
		if _, err := st.ExecContext(ctx, id, l.ChildID, added, strings.Join(codes, " "), l.Time, detail); err != nil {
			return fmt.Errorf("child %s: %w", l.ChildID, err)
		}
	}
	return nil
}
