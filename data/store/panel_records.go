package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"permanence/data"
)

// A panel record is stored as its JSON (json.Marshal of data.PanelRecord:
// the shape of panel.md's record file), the current one in panel_records
// and every version in panel_record_versions. The meeting and the child are
// the row's key, whatever the JSON says.

// SaveRecord stores rec as the current record of child rec.ChildID at
// meeting rec.MeetingID, saved by who (the operating system's user when
// empty), in one transaction that writes the record and a new version of
// it. A record identical to the current one writes nothing (autosave calls
// this every few seconds), and saved is false. A child not on the
// meeting's agenda is added to it (added by hand). The meeting must not be
// closed: a change there is an amendment (AmendRecord), and the refusal
// wraps ErrMeetingClosed. The record's content is not checked here: that
// is the domain's (data).
func (s *Store) SaveRecord(ctx context.Context, rec data.PanelRecord, who string) (saved bool, err error) {
	return s.saveRecord(ctx, rec, who, "", false)
}

// AmendRecord stores rec as a change to child rec.ChildID's record at
// closed meeting rec.MeetingID, by who, for the reason why (required:
// ErrNoReason). It is one transaction, like SaveRecord, and writes nothing
// when rec is the current record. A meeting that is not closed is refused
// (ErrNotClosed): save its records with SaveRecord.
func (s *Store) AmendRecord(ctx context.Context, rec data.PanelRecord, who, why string) (saved bool, err error) {
	if strings.TrimSpace(why) == "" {
		return false, fmt.Errorf("meeting %d, child %s: %w", rec.MeetingID, rec.ChildID, ErrNoReason)
	}
	return s.saveRecord(ctx, rec, who, strings.TrimSpace(why), true)
}

// saveRecord is SaveRecord (amend false) and AmendRecord (amend true).
func (s *Store) saveRecord(ctx context.Context, rec data.PanelRecord, who, why string, amend bool) (bool, error) {
	if err := checkChildID(rec.ChildID); err != nil {
		return false, err
	}
	js, err := json.Marshal(&rec) // a pointer, so that a MarshalJSON of either receiver is used
	if err != nil {
		return false, fmt.Errorf("meeting %d, child %s: the record cannot be stored: %w", rec.MeetingID, rec.ChildID, err)
	}
	saved := false
	err = s.inTx(ctx, "save the record", func(tx *sql.Tx) error {
		m, err := meeting(ctx, tx, rec.MeetingID)
		if err != nil {
			return err
		}
		closed := m.Status == data.MeetingClosed
		switch {
		case closed && !amend:
			return fmt.Errorf("%s (meeting %d), child %s: %w", m.Title(), m.ID, rec.ChildID, ErrMeetingClosed)
		case !closed && amend:
			return fmt.Errorf("%s (meeting %d) is %s, child %s: %w", m.Title(), m.ID, m.Status, rec.ChildID, ErrNotClosed)
		}
		version, same, err := compareCurrent(ctx, tx, rec, js)
		if err != nil || same {
			return err
		}
		if err := writeVersion(ctx, tx, rec, js, version+1, whoOrOS(who), why); err != nil {
			return err
		}
		saved = true
		return onAgenda(ctx, tx, rec.MeetingID, rec.ChildID)
	})
	return saved, err
}

// compareCurrent reads the current version of rec's record inside tx (0
// when there is none) and says whether js holds the same record. Stored
// JSON that differs in bytes is decoded and encoded again before it is
// compared, so that a record written by an older build is still found the
// same.
func compareCurrent(ctx context.Context, tx *sql.Tx, rec data.PanelRecord, js []byte) (version int, same bool, err error) {
	var stored []byte
	err = tx.QueryRowContext(ctx, "SELECT version, record FROM panel_records WHERE meeting_id = ? AND child_id = ?",
		rec.MeetingID, rec.ChildID).Scan(&version, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if bytes.Equal(stored, js) {
		return version, true, nil
	}
	old, err := decodeRecord(stored, rec.MeetingID, rec.ChildID)
	if err != nil {
		return version, false, nil // a damaged current record is replaced; its version stays in the history
	}
	again, err := json.Marshal(&old)
	return version, err == nil && bytes.Equal(again, js), nil
}

// writeVersion makes js version v of rec's record: the current record and
// a new row of its history, written inside tx.
func writeVersion(ctx context.Context, tx *sql.Tx, rec data.PanelRecord, js []byte, v int, who, why string) error {
	at := stamp()
	next := ""
	if !rec.NextReview.IsZero() {
		next = rec.NextReview.String()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO panel_records (meeting_id, child_id, version, record, next_review, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (meeting_id, child_id) DO UPDATE SET version = excluded.version, record = excluded.record,
			next_review = excluded.next_review, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		rec.MeetingID, rec.ChildID, v, string(js), next, who, at)
	if err != nil {
		return fmt.Errorf("meeting %d, child %s: store the record: %w", rec.MeetingID, rec.ChildID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO panel_record_versions (meeting_id, child_id, version, record, saved_by, saved_at, why)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, rec.MeetingID, rec.ChildID, v, string(js), who, at, why)
	if err != nil {
		return fmt.Errorf("meeting %d, child %s: keep the record's version %d: %w", rec.MeetingID, rec.ChildID, v, err)
	}
	return nil
}

// onAgenda puts a child with a record on the meeting's agenda, added by
// hand, unless they have a line there that is not removed.
func onAgenda(ctx context.Context, tx *sql.Tx, id int64, child string) error {
	var shown bool
	err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM panel_agenda WHERE meeting_id = ? AND child_id = ? AND removed = 0)",
		id, child).Scan(&shown)
	if err != nil || shown {
		return err
	}
	return addToAgenda(ctx, tx, id, child)
}

// decodeRecord reads a stored record's JSON; the meeting and the child are
// those of its row.
func decodeRecord(js []byte, meetingID int64, child string) (data.PanelRecord, error) {
	var r data.PanelRecord
	if err := json.Unmarshal(js, &r); err != nil {
		return r, fmt.Errorf("meeting %d, child %s: the stored record cannot be read: %w", meetingID, child, err)
	}
	r.MeetingID, r.ChildID = meetingID, child
	return r, nil
}

// Record returns the current record of child at meeting id; found is false
// when none was saved. An unknown meeting is ErrNoMeeting.
func (s *Store) Record(ctx context.Context, id int64, child string) (rec data.PanelRecord, found bool, err error) {
	if _, err := meeting(ctx, s.db, id); err != nil {
		return rec, false, explain(s.path, err)
	}
	var js []byte
	err = s.db.QueryRowContext(ctx, "SELECT record FROM panel_records WHERE meeting_id = ? AND child_id = ?", id, child).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return data.PanelRecord{MeetingID: id, ChildID: child}, false, nil
	}
	if err != nil {
		return rec, false, explain(s.path, err)
	}
	rec, err = decodeRecord(js, id, child)
	return rec, err == nil, err
}

// Records returns every current record of meeting id, in agenda order
// (then by child ID).
func (s *Store) Records(ctx context.Context, id int64) ([]data.PanelRecord, error) {
	if _, err := meeting(ctx, s.db, id); err != nil {
		return nil, explain(s.path, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.child_id, r.record FROM panel_records AS r
		LEFT JOIN panel_agenda AS a ON a.meeting_id = r.meeting_id AND a.child_id = r.child_id
		WHERE r.meeting_id = ? ORDER BY a.position IS NULL, a.position, r.child_id`, id)
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("read the records of meeting %d: %w", id, err))
	}
	defer rows.Close()
	var out []data.PanelRecord
	for rows.Next() {
		var child string
		var js []byte
		if err := rows.Scan(&child, &js); err != nil {
			return nil, err
		}
		rec, err := decodeRecord(js, id, child)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, rows.Err()
}

// AllRecords returns every current record of every meeting, with its
// meeting: oldest meeting first, each in agenda order. Actions,
// escalations, review dates and the agenda's rules read them.
func (s *Store) AllRecords(ctx context.Context) ([]data.MeetingRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.id, m.meeting_date, m.kind, m.chair, m.attendees, m.status, r.child_id, r.record
		FROM panel_records AS r JOIN panel_meetings AS m ON m.id = r.meeting_id
		LEFT JOIN panel_agenda AS a ON a.meeting_id = r.meeting_id AND a.child_id = r.child_id
		ORDER BY m.meeting_date, m.id, a.position IS NULL, a.position, r.child_id`)
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("read the panel's records: %w", err))
	}
	defer rows.Close()
	var out []data.MeetingRecord
	for rows.Next() {
		var m data.Meeting
		var date, kind, status, child string
		var js []byte
		if err := rows.Scan(&m.ID, &date, &kind, &m.Chair, &m.Attendees, &status, &child, &js); err != nil {
			return nil, err
		}
		if m.Date, err = data.ParseDate(date); err != nil {
			return nil, fmt.Errorf("meeting %d: stored date %q: %w", m.ID, date, err)
		}
		m.Kind, m.Status = data.PanelKind(kind), data.MeetingStatus(status)
		rec, err := decodeRecord(js, m.ID, child)
		if err != nil {
			return nil, err
		}
		out = append(out, data.MeetingRecord{Meeting: m, Record: rec})
	}
	return out, rows.Err()
}

// RecordHistory returns every version of child's record at meeting id,
// oldest first; none when no record was saved. An unknown meeting is
// ErrNoMeeting.
func (s *Store) RecordHistory(ctx context.Context, id int64, child string) ([]data.RecordVersion, error) {
	if _, err := meeting(ctx, s.db, id); err != nil {
		return nil, explain(s.path, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version, saved_by, saved_at, why, record FROM panel_record_versions
		WHERE meeting_id = ? AND child_id = ? ORDER BY version`, id, child)
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("read the history of child %s at meeting %d: %w", child, id, err))
	}
	defer rows.Close()
	var out []data.RecordVersion
	for rows.Next() {
		var v data.RecordVersion
		var js []byte
		if err := rows.Scan(&v.Version, &v.Who, &v.At, &v.Why, &js); err != nil {
			return nil, err
		}
		if v.Record, err = decodeRecord(js, id, child); err != nil {
			return nil, fmt.Errorf("version %d: %w", v.Version, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
