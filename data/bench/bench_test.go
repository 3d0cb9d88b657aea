package bench_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/demo"
	"permanence/data/export"
	"permanence/data/importer"
	"permanence/data/store"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchFiles writes a 100,000-child tracker extract as CSV and XLSX once
// per test binary run.
var benchFiles = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "permanence-bench")
	if err != nil {
		return "", err
	}
	children := demo.GenerateDemo(demo.DemoOptions{Children: 100000, Months: 1, Seed: 7})[0].Children
	var buf bytes.Buffer
	if err := demo.WriteTrackerCSV(&buf, children); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "tracker.csv"), buf.Bytes(), 0o600); err != nil {
		return "", err
	}
	return dir, export.WritePrivateFile(filepath.Join(dir, "tracker.xlsx"), func(w io.Writer) error { return demo.WriteTrackerXLSX(w, children) })
})

func benchImport(b *testing.B, name string) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := importer.ImportPaths(ctx, s, []string{path}, importer.ImportOptions{ExtractDate: data.NewDate(2026, 3, 31)})
		if err != nil || res[0].Extract.Rows < 90000 {
			b.Fatalf("import: %v", err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkImportTrackerCSV100k: parse and store a 100,000-row tracker CSV
// (compare with the sqlite3 tool's .import: .ci/bench-import.sh).
func BenchmarkImportTrackerCSV100k(b *testing.B) { benchImport(b, "tracker.csv") }

// BenchmarkImportTrackerXLSX100k: the same rows from XLSX.
func BenchmarkImportTrackerXLSX100k(b *testing.B) { benchImport(b, "tracker.xlsx") }

// BenchmarkExcelizeStreamRead100k is the reference for the XLSX import:
// excelize's own streaming read of every cell of the same file.
func BenchmarkExcelizeStreamRead100k(b *testing.B) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		f, err := excelize.OpenFile(filepath.Join(dir, "tracker.xlsx"))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			n += len(cells)
		}
		rows.Close()
		f.Close()
		if n == 0 {
			b.Fatal("no cells")
		}
	}
}

// BenchmarkMeasures100k: load every child's state as at A from the store
// and compute every key, for 100,000 children.
func BenchmarkMeasures100k(b *testing.B) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a := data.NewDate(2026, 3, 31)
	if _, err := importer.ImportPaths(ctx, s, []string{filepath.Join(dir, "tracker.csv")}, importer.ImportOptions{ExtractDate: a}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		children, err := s.StateAt(ctx, a)
		if err != nil {
			b.Fatal(err)
		}
		m := data.Compute(children, a, data.NoDate, data.DefaultThresholds())
		if m.Count("in_care") == 0 {
			b.Fatal("nobody in care")
		}
	}
}

// BenchmarkComputeOnly100k: the measures engine alone, state already loaded.
func BenchmarkComputeOnly100k(b *testing.B) {
	children := demo.GenerateDemo(demo.DemoOptions{Children: 100000, Months: 1, Seed: 7})[0].Children
	a := data.NewDate(2026, 3, 31)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		data.Compute(children, a, data.NoDate, data.DefaultThresholds())
	}
}

// BenchmarkStateAt100kSixMonths: the state as at the latest date from a
// store holding six monthly extracts of 100,000 children (about 880,000
// child rows), as the app reads it when the as-at date changes.
func BenchmarkStateAt100kSixMonths(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := demo.LoadDemo(ctx, s, demo.DemoOptions{Children: 100000, Months: 6, Seed: 7}, nil); err != nil {
		b.Fatal(err)
	}
	a, _ := s.LatestExtractDate(ctx)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		children, err := s.StateAt(ctx, a)
		if err != nil || len(children) < 100000 {
			b.Fatalf("%d children, %v", len(children), err)
		}
	}
}

// BenchmarkBackupBeforeImport100kSixMonths: the consistent copy every
// import into a store holding something now makes first (panel.md,
// "Integrity"), of a store of six monthly extracts of 100,000 children:
// the time an import of a new month gains.
func BenchmarkBackupBeforeImport100kSixMonths(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	s, err := store.Open(filepath.Join(dir, "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := demo.LoadDemo(ctx, s, demo.DemoOptions{Children: 100000, Months: 6, Seed: 7}, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("copy-%d.db", i))
		if err := s.Backup(ctx, out); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if st, err := os.Stat(out); err == nil {
			b.ReportMetric(float64(st.Size())/1e6, "MB")
		}
		os.Remove(out)
		b.StartTimer()
	}
}
