package store

// What the changes between two dates read (issue 13): every child's state
// as at several dates in one pass, the SSDA903 episodes and adoption
// decisions behind adoptive placements, and the agenda lines frozen with a
// given reason.

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"permanence/data"
)

// StatesOver calls fn once for every child, in child ID order, with their
// state as at each of dates (extract.md, "Extracts as snapshots"):
// *states[i] is their state as at dates[i], exactly as StateAt gives it
// (two dates with the same row may share one). The store is read once,
// and each row decoded at most once, so a year of monthly extracts costs
// one pass rather than one per date. fn must not keep states or change
// what they point to: both are reused for the next child. An error from
// fn stops the pass and is returned.
func (s *Store) StatesOver(ctx context.Context, dates []data.Date, fn func(states []*data.Child) error) error {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return err
	}
	byID := make(map[int64]*data.Extract, len(xs))
	for i := range xs {
		byID[xs[i].ID] = &xs[i]
	}
	rows, err := s.db.QueryContext(ctx, "SELECT child_id, extract_id, record FROM child_rows ORDER BY child_id")
	if err != nil {
		return explain(s.path, fmt.Errorf("read children: %w", err))
	}
	defer rows.Close()
	h := &historyBuffer{dates: dates, states: make([]*data.Child, len(dates)), combined: make([]data.Child, len(dates))}
	var id string
	var xid int64
	var rec []byte
	n := 0
	for rows.Next() {
		if err := rows.Scan(&id, &xid, &rec); err != nil {
			return err
		}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		x := byID[xid]
		if x == nil {
			continue
		}
		if h.started && id != h.id {
			if err := h.flush(fn); err != nil {
				return err
			}
		}
		h.add(id, x, rec)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if h.started {
		return h.flush(fn)
	}
	return nil
}

// historyBuffer holds one child's rows while StatesOver reads them.
type historyBuffer struct {
	dates    []data.Date
	states   []*data.Child
	combined []data.Child // the states that combine a tracker and an SSDA903 row, by date
	started  bool
	id       string
	xs       []*data.Extract
	offs     []int // rows[i] is arena[offs[i]:offs[i+1]]
	arena    []byte
	decoded  []data.Child
	done     []bool
}

func (h *historyBuffer) add(id string, x *data.Extract, rec []byte) {
	if !h.started || id != h.id {
		h.started, h.id = true, id
		h.xs, h.offs, h.arena = h.xs[:0], append(h.offs[:0], 0), h.arena[:0]
	}
	h.xs = append(h.xs, x)
	h.arena = append(h.arena, rec...)
	h.offs = append(h.offs, len(h.arena))
}

// row decodes the child's i-th row once; a row whose bytes are those of
// a row decoded already (a child unchanged from one extract to the next)
// is a copy of it.
func (h *historyBuffer) row(i int) (*data.Child, error) {
	if h.done[i] {
		return &h.decoded[i], nil
	}
	rec := h.arena[h.offs[i]:h.offs[i+1]]
	for j := range h.done {
		if h.done[j] && bytes.Equal(h.arena[h.offs[j]:h.offs[j+1]], rec) {
			h.decoded[i], h.done[i] = h.decoded[j], true
			return &h.decoded[i], nil
		}
	}
	h.decoded[i] = data.Child{}
	if err := DecodeChild(rec, &h.decoded[i]); err != nil {
		return nil, fmt.Errorf("child %s: %w", h.id, err)
	}
	h.done[i] = true
	return &h.decoded[i], nil
}

// flush works out the child's state as at each date, as StateAt does,
// and hands them to fn.
func (h *historyBuffer) flush(fn func([]*data.Child) error) error {
	n := len(h.xs)
	if cap(h.decoded) < n {
		h.decoded, h.done = make([]data.Child, n), make([]bool, n)
	}
	h.decoded, h.done = h.decoded[:n], h.done[:n]
	clear(h.done)
	for d, a := range h.dates {
		best := [2]int{-1, -1}
		for i, x := range h.xs {
			g := data.SourceGroup(x.Kind)
			var cur *data.Extract
			if best[g] >= 0 {
				cur = h.xs[best[g]]
			}
			if data.Better(x, cur, a) {
				best[g] = i
			}
		}
		if best[0] < 0 || best[1] < 0 {
			r, err := h.row(max(best[0], best[1]))
			if err != nil {
				return err
			}
			r.ID = h.id
			h.states[d] = r
		} else {
			var rows [2]*data.Child
			var current [2]bool
			for g := range best {
				r, err := h.row(best[g])
				if err != nil {
					return err
				}
				cp := *r
				rows[g], current[g] = &cp, h.xs[best[g]].Date <= a
			}
			c := &h.combined[d]
			*c, _ = data.Combine(rows, current)
			c.ID = h.id
			h.states[d] = c
		}
	}
	return fn(h.states)
}

// SSDA903Histories returns, for every child who was ever placed for
// adoption or in early permanence (PLACE A3–A6, U2 or U5) in an SSDA903
// return dated on or before asOf, their episodes (by DECOM) and adoption
// decisions (by DATE_PLACED) from the latest such return that holds them,
// in child ID order. Nothing is read when the store holds no return.
func (s *Store) SSDA903Histories(ctx context.Context, asOf data.Date) ([]data.SSDA903History, error) {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return nil, err
	}
	returns := map[int64]data.Extract{}
	for _, x := range xs {
		if x.Kind == data.KindSSDA903 && x.Date <= asOf {
			returns[x.ID] = x
		}
	}
	if len(returns) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.child_id, e.extract_id, e.decom, e.dec, e.rne, e.ls, e.place, e.rec,
		e.reason_place_change, e.period_of_care
		FROM ssda903_episodes AS e
		WHERE e.child_id IN (SELECT child_id FROM ssda903_episodes WHERE place IN ('A3', 'A4', 'A5', 'A6', 'U2', 'U5'))
		ORDER BY e.child_id, e.extract_id, e.decom`)
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("read the SSDA903 episodes: %w", err))
	}
	defer rows.Close()
	var out []data.SSDA903History
	at := map[string]int{}
	for rows.Next() {
		var child, decom, dec string
		var xid int64
		var e data.SSDA903Episode
		if err := rows.Scan(&child, &xid, &decom, &dec, &e.RNE, &e.LS, &e.Place, &e.REC, &e.ReasonPlaceChange, &e.Period); err != nil {
			return nil, err
		}
		x, ok := returns[xid]
		if !ok {
			continue
		}
		if e.Start, err = storedDate(decom); err != nil {
			return nil, fmt.Errorf("child %s: SSDA903 episode DECOM: %w", child, err)
		}
		if e.End, err = storedDate(dec); err != nil {
			return nil, fmt.Errorf("child %s: SSDA903 episode DEC: %w", child, err)
		}
		i, seen := at[child]
		switch {
		case !seen:
			at[child] = len(out)
			out = append(out, data.SSDA903History{ChildID: child, Return: x})
			i = len(out) - 1
		case laterReturn(x, out[i].Return):
			out[i] = data.SSDA903History{ChildID: child, Return: x}
		case x.ID != out[i].Return.ID:
			continue
		}
		out[i].Episodes = append(out[i].Episodes, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.adoptionDecisions(ctx, out, at)
}

// adoptionDecisions adds the placed_for_adoption rows of each history's
// return.
func (s *Store) adoptionDecisions(ctx context.Context, hs []data.SSDA903History, at map[string]int) error {
	if len(hs) == 0 {
		return nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT child_id, extract_id, date_placed, date_placed_ceased, reason_placed_ceased
		FROM ssda903_placed_for_adoption ORDER BY child_id, date_placed`)
	if err != nil {
		return explain(s.path, fmt.Errorf("read the SSDA903 adoption decisions: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var child, placed, ceased string
		var xid int64
		var d data.AdoptionDecision
		if err := rows.Scan(&child, &xid, &placed, &ceased, &d.Reason); err != nil {
			return err
		}
		i, ok := at[child]
		if !ok || hs[i].Return.ID != xid {
			continue
		}
		if d.Placed, err = storedDate(placed); err != nil {
			return fmt.Errorf("child %s: SSDA903 DATE_PLACED: %w", child, err)
		}
		if d.Ceased, err = storedDate(ceased); err != nil {
			return fmt.Errorf("child %s: SSDA903 DATE_PLACED_CEASED: %w", child, err)
		}
		hs[i].Decisions = append(hs[i].Decisions, d)
	}
	return rows.Err()
}

// laterReturn reports whether return a is later than b (date, then id).
func laterReturn(a, b data.Extract) bool {
	return a.Date > b.Date || (a.Date == b.Date && a.ID > b.ID)
}

// storedDate reads a date the store wrote (YYYY-MM-DD, or "" for none).
func storedDate(s string) (data.Date, error) {
	if s == "" {
		return data.NoDate, nil
	}
	return data.ParseDate(s)
}

// FrozenAgendaLines returns, for each meeting (by id), the children whose
// agenda line was frozen when the meeting was held with reason among its
// reasons (and not removed).
func (s *Store) FrozenAgendaLines(ctx context.Context, reason data.Reason) (map[int64][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT meeting_id, child_id, reasons FROM panel_agenda
		WHERE frozen = 1 AND removed = 0 ORDER BY meeting_id, position`)
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("read the agendas: %w", err))
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var child, reasons string
		if err := rows.Scan(&id, &child, &reasons); err != nil {
			return nil, err
		}
		for _, r := range strings.Fields(reasons) {
			if data.Reason(r) == reason {
				out[id] = append(out[id], child)
				break
			}
		}
	}
	return out, rows.Err()
}
