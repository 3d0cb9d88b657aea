package store

import (
	"context"
	"database/sql"
	"fmt"
	"permanence/data"
	"sort"
)

// StateAt returns every child's state as at a (extract.md, "Extracts as
// snapshots"), in child ID order.
func (s *Store) StateAt(ctx context.Context, a data.Date) ([]data.Child, error) {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*data.Extract, len(xs))
	biggest := 0
	for i := range xs {
		byID[xs[i].ID] = &xs[i]
		biggest = max(biggest, xs[i].Rows)
	}
	// Rows come in child order (the table's key), so each child's rows are
	// consecutive: pick the best row of each source group, then decode.
	rows, err := s.db.QueryContext(ctx, "SELECT child_id, extract_id, record FROM child_rows ORDER BY child_id")
	if err != nil {
		return nil, fmt.Errorf("read children: %w", err)
	}
	defer rows.Close()
	out := make([]data.Child, 0, biggest+biggest/8)
	var (
		cur     string
		bestX   [2]*data.Extract
		bestRec [2][]byte
		started bool
		xid     int64
		id      string
		rec     sql.RawBytes
	)
	flush := func() error {
		if !started {
			return nil
		}
		out = append(out, data.Child{})
		c := &out[len(out)-1]
		if bestX[0] == nil || bestX[1] == nil {
			// One source only (the usual case): its row as it is.
			g := 0
			if bestX[0] == nil {
				g = 1
			}
			if err := DecodeChild(bestRec[g], c); err != nil {
				return fmt.Errorf("child %s: %w", cur, err)
			}
		} else {
			var decoded [2]data.Child
			var rows [2]*data.Child
			var current [2]bool
			for g := range bestX {
				if err := DecodeChild(bestRec[g], &decoded[g]); err != nil {
					return fmt.Errorf("child %s: %w", cur, err)
				}
				rows[g], current[g] = &decoded[g], bestX[g].Date <= a
			}
			*c, _ = data.Combine(rows, current)
		}
		c.ID = cur
		bestX = [2]*data.Extract{}
		return nil
	}
	for rows.Next() {
		if err := rows.Scan(&id, &xid, &rec); err != nil {
			return nil, err
		}
		x := byID[xid]
		if x == nil {
			continue
		}
		if !started || id != cur {
			if err := flush(); err != nil {
				return nil, err
			}
			cur, started = id, true
		}
		g := data.SourceGroup(x.Kind)
		if data.Better(x, bestX[g], a) {
			bestX[g] = x
			bestRec[g] = append(bestRec[g][:0], rec...)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// ChildHistory returns a child's rows in every extract, oldest first.
func (s *Store) ChildHistory(ctx context.Context, childID string) ([]data.HistoryRow, error) {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]data.Extract{}
	for _, x := range xs {
		byID[x.ID] = x
	}
	rows, err := s.db.QueryContext(ctx, "SELECT extract_id, source_row, record FROM child_rows WHERE child_id = ?", childID)
	if err != nil {
		return nil, fmt.Errorf("read child %s: %w", childID, err)
	}
	defer rows.Close()
	var out []data.HistoryRow
	for rows.Next() {
		var h data.HistoryRow
		var xid int64
		var rec []byte
		if err := rows.Scan(&xid, &h.Row, &rec); err != nil {
			return nil, err
		}
		if err := DecodeChild(rec, &h.Child); err != nil {
			return nil, fmt.Errorf("child %s: %w", childID, err)
		}
		h.Child.ID = childID
		h.Extract = byID[xid]
		out = append(out, h)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Extract.Date != out[j].Extract.Date {
			return out[i].Extract.Date < out[j].Extract.Date
		}
		return out[i].Extract.ID < out[j].Extract.ID
	})
	return out, rows.Err()
}
