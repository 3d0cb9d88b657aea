// Package benchmark reads benchmark tables: the one shipped with the app
// (assets/benchmarks) and the CSVs of comparators an authority imports
// (docs/benchmarks.md). Each row is checked as data.ParseBenchmark says;
// a file with any bad row is refused whole, every problem listed as
// FILE:ROW: COLUMN: VALUE: why.
package benchmark

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	shipped "permanence/assets/benchmarks"
	"permanence/data"
	"permanence/data/csvin"
	"permanence/data/store"
)

// maxFileBytes bounds a benchmark file: a table of figures is a few
// hundred rows; anything near this size is the wrong file.
const maxFileBytes = 8 << 20

// Parse reads a benchmark CSV (name names it in problems): a heading row
// naming the columns (data.BenchmarkColumns, in any order, any case; other
// columns are refused so that a misspelt one is not lost), then one
// benchmark a row. Blank rows are skipped; the same benchmark (measure,
// area, kind and period) twice is refused. It returns every row, or a
// *data.InputError listing every problem.
func Parse(ctx context.Context, name string, b []byte) ([]data.Benchmark, error) {
	pl := &csvin.Problems{File: name}
	var heads []string
	var out []data.Benchmark
	rowOf := map[string]int{}
	csvin.ReadRows(ctx, b, pl, func(row int, rec []string) bool {
		if !csvin.CheckCellLengths(pl, row, rec, heads) {
			return true
		}
		if heads == nil {
			if csvin.IsBlank(rec) {
				return true
			}
			heads = headings(pl, row, rec)
			return heads != nil
		}
		if csvin.IsBlank(rec) || !csvin.CheckWidth(pl, row, rec, len(heads)) {
			return true
		}
		cells := map[string]string{}
		for i, h := range heads {
			if i < len(rec) && h != "" {
				cells[h] = rec[i]
			}
		}
		bm, probs := data.ParseBenchmark(cells)
		for _, p := range probs {
			pl.Add(row, p.Column, p.Value, p.Why)
		}
		if len(probs) > 0 {
			return true
		}
		id := identity(bm)
		if first, ok := rowOf[id]; ok {
			pl.Add(row, "period", bm.Period, fmt.Sprintf("row %d already gives %s for %s over this period: keep one of them", first, bm.Key, bm.Area))
			return true
		}
		rowOf[id] = row
		out = append(out, bm)
		return true
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if heads == nil && pl.Len() == 0 {
		pl.Add(0, "", "", "the file is empty: it needs a heading row ("+columnList()+") and a row per benchmark")
	}
	if heads != nil && len(out) == 0 && pl.Len() == 0 {
		pl.Add(0, "", "", "the file has headings but no benchmarks")
	}
	if err := pl.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// identity is what makes two rows the same benchmark.
func identity(b data.Benchmark) string {
	return fmt.Sprint(b.Key, "|", strings.ToLower(b.Area), "|", b.Kind, "|", b.PeriodStart, "|", b.PeriodEnd)
}

// headings reads the heading row: each cell the name of a column of
// data.BenchmarkColumns. Unknown or repeated columns, and missing required
// ones, are problems (and nil is returned).
func headings(pl *csvin.Problems, row int, rec []string) []string {
	known := map[string]bool{}
	for _, c := range data.BenchmarkColumns {
		known[c.Name] = true
	}
	heads := make([]string, len(rec))
	seen := map[string]bool{}
	ok := true
	for i, cell := range rec {
		h := strings.ToLower(strings.TrimSpace(cell))
		h = strings.ReplaceAll(h, " ", "_")
		switch {
		case h == "":
			continue
		case !known[h]:
			pl.Add(row, csvin.ColumnName(i, nil), cell, "is not a column of a benchmark table: the columns are "+columnList())
			ok = false
		case seen[h]:
			pl.Add(row, csvin.ColumnName(i, nil), cell, "is a column already given")
			ok = false
		}
		seen[h] = true
		heads[i] = h
	}
	for _, c := range data.BenchmarkColumns {
		if c.Required && !seen[c.Name] {
			pl.Add(row, "", "", "the heading row has no "+c.Name+" column: it is needed ("+c.What+")")
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return heads
}

func columnList() string {
	names := make([]string, len(data.BenchmarkColumns))
	for i, c := range data.BenchmarkColumns {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// shippedRows is the shipped table, read once.
var shippedRows = sync.OnceValues(func() ([]data.Benchmark, error) {
	rows, err := Parse(context.Background(), shipped.Name, shipped.CSV)
	for i := range rows {
		rows[i].From = "shipped with the app"
	}
	return rows, err
})

// Shipped is the benchmark table shipped with the app. Its rows are
// checked by the tests; an error here is a broken build.
func Shipped() ([]data.Benchmark, error) {
	rows, err := shippedRows()
	if err != nil {
		return nil, fmt.Errorf("the benchmark table shipped with the app is broken: %w", err)
	}
	return append([]data.Benchmark(nil), rows...), nil
}

// Table is every benchmark the store's figures are set beside: the
// shipped table, then the authority's own (which replace shipped rows of
// the same measure, area, kind and period).
func Table(ctx context.Context, s *store.Store) (*data.BenchmarkTable, error) {
	rows, err := Shipped()
	if err != nil {
		return nil, err
	}
	own, err := s.Benchmarks(ctx)
	if err != nil {
		return nil, err
	}
	return data.NewBenchmarkTable(rows, own), nil
}

// ReadFile reads and checks a benchmark CSV from disk.
func ReadFile(ctx context.Context, path string) ([]data.Benchmark, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &data.InputError{Problems: []data.Problem{{File: path, Why: "cannot be read: " + data.IOReason(err)}}}
	}
	if st.IsDir() {
		return nil, &data.InputError{Problems: []data.Problem{{File: path, Why: "is a folder: name the CSV file of benchmarks"}}}
	}
	if st.Size() > maxFileBytes {
		return nil, &data.InputError{Problems: []data.Problem{{File: path,
			Why: fmt.Sprintf("is %d MB: a benchmark table is a few hundred rows; check that this is the right file", st.Size()>>20)}}}
	}
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".xlsx" || ext == ".xls" {
		return nil, &data.InputError{Problems: []data.Problem{{File: path,
			Why: "is a workbook: save the sheet as CSV (File, Save As, CSV UTF-8) and import that"}}}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &data.InputError{Problems: []data.Problem{{File: path, Why: "cannot be read: " + data.IOReason(err)}}}
	}
	return Parse(ctx, path, b)
}

// Import reads, checks and stores a file of the authority's benchmarks:
// every row lands, or (on any problem) none does and the store is as it
// was.
func Import(ctx context.Context, s *store.Store, path string) (store.BenchmarkImport, error) {
	rows, err := ReadFile(ctx, path)
	if err != nil {
		return store.BenchmarkImport{File: filepath.Base(path)}, err
	}
	res, err := s.SaveBenchmarks(ctx, path, rows, "")
	if err != nil && !errors.Is(err, context.Canceled) {
		err = fmt.Errorf("the benchmarks of %s were not stored (nothing was): %w", filepath.Base(path), err)
	}
	return res, err
}
