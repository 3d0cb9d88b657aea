package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"permanence/data"
)

// sourceTables are the tables an extract's source may keep beside its
// children (migration 0002); no other name reaches SQL.
var sourceTables = map[string]bool{
	"ssda903_episodes": true, "ssda903_reviews": true, "ssda903_ad1": true, "ssda903_placed_for_adoption": true,
}

// saveSourceTables writes an extract's source tables under extract id,
// inside the caller's transaction: SaveExtracts calls it after the child
// rows, so an import lands whole or not at all.
func saveSourceTables(ctx context.Context, tx *sql.Tx, id int64, tables []data.SourceTable) error {
	for _, t := range tables {
		if err := saveSourceTable(ctx, tx, id, t); err != nil {
			return fmt.Errorf("store the %s table: %w", t.Name, err)
		}
	}
	return nil
}

func saveSourceTable(ctx context.Context, tx *sql.Tx, id int64, t data.SourceTable) error {
	if !sourceTables[t.Name] {
		return fmt.Errorf("the store has no table %q for an extract's source", t.Name)
	}
	for _, c := range t.Columns {
		if strings.Trim(c, "abcdefghijklmnopqrstuvwxyz_0123456789") != "" {
			return fmt.Errorf("column name %q", c)
		}
	}
	q := fmt.Sprintf("INSERT INTO %s (extract_id, %s) VALUES (?%s)", t.Name, strings.Join(t.Columns, ", "),
		strings.Repeat(", ?", len(t.Columns)))
	st, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return err
	}
	defer st.Close()
	args := make([]any, 1, 1+len(t.Columns))
	args[0] = id
	for i := 0; i < t.Rows; i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		vals, ok := t.Row(i)
		if !ok {
			continue
		}
		if len(vals) != len(t.Columns) {
			return fmt.Errorf("row %d has %d values for %d columns", i, len(vals), len(t.Columns))
		}
		if _, err := st.Exec(append(args[:1], vals...)...); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
	}
	return nil
}
