package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	"permanence/data"
)

// BenchmarkImport says what SaveBenchmarks did with a file's rows.
type BenchmarkImport struct {
	File      string
	Added     int // benchmarks the store did not hold
	Replaced  int // rows that replace a stored benchmark of the same measure, area, kind and period
	Unchanged int // rows exactly as the store already holds them: not stored again
}

// SaveBenchmarks stores the benchmarks of one imported file (its rows,
// already checked) in one transaction: all of them, or none. A row the
// store already holds exactly is not stored again; a row of the same
// measure, area, kind and period as a stored one is stored as its newer
// version (the older is kept). file names the file in the store (its base
// name); who is the person importing ("" for the operating system's user).
func (s *Store) SaveBenchmarks(ctx context.Context, file string, rows []data.Benchmark, who string) (BenchmarkImport, error) {
	res := BenchmarkImport{File: filepath.Base(file)}
	err := s.inTx(ctx, "store the benchmarks of "+res.File, func(tx *sql.Tx) error {
		held, err := storedBenchmarks(ctx, tx)
		if err != nil {
			return err
		}
		current := data.NewBenchmarkTable(held)
		at := stamp()
		for _, b := range rows {
			same := false
			replaces := false
			for _, h := range current.For(b.Key) {
				if data.SameBenchmark(h, b) {
					replaces = true
					same = sameFigures(h, b)
				}
			}
			switch {
			case same:
				res.Unchanged++
				continue
			case replaces:
				res.Replaced++
			default:
				res.Added++
			}
			if err := insertBenchmark(ctx, tx, b, res.File, whoOrOS(who), at); err != nil {
				return fmt.Errorf("store %s: %w", b, err)
			}
		}
		return nil
	})
	if err != nil {
		return BenchmarkImport{File: res.File}, err
	}
	return res, nil
}

// sameFigures reports whether two rows of the same benchmark say the same
// in every column of the CSV.
func sameFigures(a, b data.Benchmark) bool {
	a.From, b.From = "", ""
	return a == b
}

func insertBenchmark(ctx context.Context, tx *sql.Tx, b data.Benchmark, file, who, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO benchmarks (measure_key, area, kind, value, unit, period, period_start, period_end,
		publisher, source_title, source_url, published, comparability, notes, file_name, imported_by, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(b.Key), b.Area, string(b.Kind), b.Value, string(b.Unit), b.Period, dateText(b.PeriodStart), dateText(b.PeriodEnd),
		b.Publisher, b.Title, b.URL, dateText(b.Published), b.Comparability, b.Notes, file, who, at)
	return err
}

// Benchmarks are the authority's own benchmarks, every version in the
// order they were stored (data.NewBenchmarkTable keeps the newest of
// each). A stored row whose measure this build does not know, or whose
// dates cannot be read, is an error.
func (s *Store) Benchmarks(ctx context.Context) ([]data.Benchmark, error) {
	out, err := storedBenchmarks(ctx, s.db)
	return out, explain(s.path, err)
}

func storedBenchmarks(ctx context.Context, q queryer) ([]data.Benchmark, error) {
	rows, err := q.QueryContext(ctx, `SELECT measure_key, area, kind, value, unit, period, period_start, period_end,
		publisher, source_title, source_url, published, comparability, notes, file_name, imported_at FROM benchmarks ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read the stored benchmarks: %w", err)
	}
	defer rows.Close()
	var out []data.Benchmark
	for rows.Next() {
		var b data.Benchmark
		var key, kind, unit, start, end, published, file, at string
		if err := rows.Scan(&key, &b.Area, &kind, &b.Value, &unit, &b.Period, &start, &end,
			&b.Publisher, &b.Title, &b.URL, &published, &b.Comparability, &b.Notes, &file, &at); err != nil {
			return nil, err
		}
		k, err := data.ParseKey(key)
		if err != nil {
			return nil, fmt.Errorf("a stored benchmark (from %s): %w", file, err)
		}
		b.Key, b.Kind, b.Unit = k, data.BenchmarkKind(kind), data.BenchmarkUnit(unit)
		for _, d := range []struct {
			text string
			to   *data.Date
		}{{start, &b.PeriodStart}, {end, &b.PeriodEnd}, {published, &b.Published}} {
			if *d.to, err = data.ParseDate(d.text); err != nil {
				return nil, fmt.Errorf("a stored benchmark (from %s) has the date %q: %w", file, d.text, err)
			}
		}
		b.From = "imported from " + file
		if t, err := time.Parse(timeLayout, at); err == nil {
			b.From += " on " + data.DateOf(t.Local()).UK()
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// dateText is a date as the store writes it: YYYY-MM-DD, or "".
func dateText(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
