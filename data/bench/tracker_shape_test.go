package bench_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/importer"
	"permanence/data/store"
	"permanence/data/tracker"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// shapeOut, when set, makes TestTrackerShape also write the realistic
// tracker CSV there (.ci/bench-import.sh uses it to time the sqlite3 tool
// and the CLI on the same file):
//
//	go test -run '^TestTrackerShape$' ./data/bench/ -args -tracker-shape-out=FILE
var shapeOut = flag.String("tracker-shape-out", "", "also write the realistic 100,000-row tracker CSV to this file")

// shapeRows and shapeSeed fix the realistic extract: 100,000 children
// from seed 7.
const (
	shapeRows = 100000
	shapeSeed = 7
)

// shapeAsAt is the realistic extract's date: every date in it is on or
// before it.
var shapeAsAt = data.NewDate(2026, 3, 31)

// Vocabularies of the realistic extract's text columns: known SSDA903
// codes and plan texts (so no cell earns a warning of its own) and a
// handful of names, teams and ethnicities. A column not listed here (the
// yes/no flags) is left empty.
var (
	shapeFirst = []string{"Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Jack", "Zoë", "Renée", "Muhammad", "Freya", "Kai", "Ruby", "Ethan"}
	shapeLast  = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Khan", "Patel", "O'Brien", "Nowak", "Green"}
	shapeRec   = []string{"E11", "E12", "E13", "E41", "E45", "E46", "E4A", "E5", "E8"}
	shapeText  = map[string][]string{
		"sex":             {"Male", "Female"},
		"ethnicity":       {"White British", "White British", "White British", "White Other", "Mixed White and Black Caribbean", "Black African", "Asian Pakistani", "Any Other"},
		"team":            {"Children in Care 1", "Children in Care 2", "Court Team", "Adoption", "Leaving Care", "Fostering"},
		"social_worker":   {"Chipo Nowak", "Nadia Green", "Sam Patel", "Jo Evans", "Alex Khan", "Priya Shah", "Tom Wilson"},
		"legal_status":    {"C2", "C2", "C2", "C1", "V2", "E1"},
		"placement_type":  {"U6", "U6", "U4", "U3", "U1", "A5", "K2", "R1", "P1", "H5"},
		"permanence_plan": {"Adoption", "Special Guardianship", "Long Term Fostering", "Long Term Fostering", "Reunification", "Child Arrangements Order", "Residential Step Down", "Independence", ""},
		"reason_ceased":   {""},
		"plan_inferred":   {""}, "adopted_by_foster_carer": {""},
	}
)

// shapeDatesFrom is the earliest date in the realistic extract.
var shapeDatesFrom = data.NewDate(2000, 1, 1)

// writeTrackerShape writes the realistic tracker extract: a heading row of
// every field of data.Fields by its canonical name, then n rows with ISO
// dates (YYYY-MM-DD), CRLF line ends as Excel writes them. Each date cell
// is filled with chance 1/3, with a day drawn at random from 2000 to the
// extract date, so dates are often out of order (an adoption order before
// the placement order, say) and the file imports with about 0.7 warnings
// a row. The same seed gives the same bytes.
func writeTrackerShape(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	for i := range data.Fields {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(data.Fields[i].Name)
	}
	bw.WriteString("\r\n")
	rng := rand.New(rand.NewPCG(seed, seed^0x7ac))
	for _, id := range rng.Perm(n) {
		writeShapeRow(bw, rng, 1000000+id)
		bw.WriteString("\r\n")
	}
	return bw.Flush()
}

// writeShapeRow writes one child's row of the realistic extract.
func writeShapeRow(bw *bufio.Writer, rng *rand.Rand, id int) {
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	ceased := false
	for i := range data.Fields {
		f := &data.Fields[i]
		if i > 0 {
			bw.WriteByte(',')
		}
		switch {
		case f.Kind == data.KindDate:
			if rng.IntN(3) == 0 {
				bw.WriteString(shapeDatesFrom.AddDays(rng.IntN(data.Days(shapeDatesFrom, shapeAsAt) + 1)).String())
				ceased = ceased || f.Name == "ceased_care_date"
			}
		case f.Name == "child_id":
			bw.WriteString(strconv.Itoa(id))
		case f.Name == "child_name":
			bw.WriteString(pick(shapeFirst) + " " + pick(shapeLast))
		case f.Name == "reason_ceased" && ceased:
			bw.WriteString(pick(shapeRec))
		default:
			bw.WriteString(pick(shapeText[f.Name]))
		}
	}
}

// shapeBytes is the realistic extract, made once per test binary run.
var shapeBytes = sync.OnceValues(func() ([]byte, error) {
	var buf bytes.Buffer
	err := writeTrackerShape(&buf, shapeRows, shapeSeed)
	return buf.Bytes(), err
})

// shapeFile writes the realistic extract into a folder of b's that is
// removed when b ends.
func shapeFile(b *testing.B) string {
	body, err := shapeBytes()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "tracker_shape.csv")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// TestTrackerShape checks the realistic extract is what the benchmarks
// claim: every field a column, ISO dates, a third of the date cells
// filled, the same bytes from the same seed, and an import with no fatal
// problem and about 0.7 date-order warnings a row. With -tracker-shape-out
// it also writes the 100,000-row file.
func TestTrackerShape(t *testing.T) {
	var a, b bytes.Buffer
	if err := writeTrackerShape(&a, 2000, shapeSeed); err != nil {
		t.Fatal(err)
	}
	if err := writeTrackerShape(&b, 2000, shapeSeed); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same seed gave different files")
	}
	lines := strings.Split(strings.TrimSuffix(a.String(), "\r\n"), "\r\n")
	if len(lines) != 2001 || len(strings.Split(lines[0], ",")) != len(data.Fields) {
		t.Fatalf("%d lines, heading %q; want 2,001 lines and %d columns", len(lines), lines[0], len(data.Fields))
	}
	dateCells, filled := 0, 0
	for _, line := range lines[1:] {
		for i, cell := range strings.Split(line, ",") {
			if data.Fields[i].Kind != data.KindDate {
				continue
			}
			dateCells++
			if cell == "" {
				continue
			}
			filled++
			if len(cell) != 10 || cell[4] != '-' || cell[7] != '-' {
				t.Fatalf("date cell %q is not YYYY-MM-DD", cell)
			}
		}
	}
	// 60,000 date cells, each filled with chance 1/3: 20,000 expected,
	// give or take 115.
	if share := float64(filled) / float64(dateCells); share < 0.32 || share > 0.35 {
		t.Errorf("%.3f of date cells filled, want a third", share)
	}
	x, err := tracker.ReadTracker(context.Background(), "shape.csv", a.Bytes(), shapeAsAt)
	if err != nil || len(x.Children) != 2000 || len(x.IgnoredColumns) != 0 {
		t.Fatalf("import: %v; want 2,000 children and no ignored columns", err)
	}
	// 13 date-order rules, each with both dates present with chance 1/9
	// and then broken half the time: 13/18 = 0.72 warnings a row, and no
	// other kind.
	if perRow := float64(len(x.Warnings)) / 2000; perRow < 0.65 || perRow > 0.8 {
		t.Errorf("%.2f warnings a row, want about 0.72", perRow)
	}
	for _, w := range x.Warnings {
		if !strings.HasPrefix(w.Message, "is before ") {
			t.Fatalf("unexpected warning %v", w)
		}
	}
	if *shapeOut != "" {
		writeShapeOut(t, *shapeOut)
	}
}

// writeShapeOut writes the 100,000-row realistic extract to path.
func writeShapeOut(t *testing.T, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeTrackerShape(f, shapeRows, shapeSeed); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkImportTrackerShape100k: parse and store the realistic
// 100,000-row tracker CSV (compare with the sqlite3 tool's .import of the
// same file: .ci/bench-import.sh).
func BenchmarkImportTrackerShape100k(b *testing.B) {
	path := shapeFile(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := importer.ImportPaths(ctx, s, []string{path}, importer.ImportOptions{ExtractDate: shapeAsAt})
		if err != nil || res[0].Extract.Rows != shapeRows {
			b.Fatalf("import: %v", err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// benchRead times the tracker reader alone on body.
func benchRead(b *testing.B, name string, body []byte) {
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := tracker.ReadTracker(context.Background(), name, body, shapeAsAt)
		if err != nil || len(x.Children) < 90000 {
			b.Fatalf("read: %v", err)
		}
	}
}

// BenchmarkReadTrackerShape100k: the tracker reader alone (decode, split,
// parse, check, hash) on the realistic extract, nothing stored.
func BenchmarkReadTrackerShape100k(b *testing.B) {
	body, err := shapeBytes()
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, "tracker_shape.csv", body)
}

// BenchmarkReadTrackerCSV100k: the tracker reader alone on the demo
// extract of BenchmarkImportTrackerCSV100k.
func BenchmarkReadTrackerCSV100k(b *testing.B) {
	dir, err := benchFiles()
	if err != nil {
		b.Fatal(err)
	}
	body, err := os.ReadFile(filepath.Join(dir, "tracker.csv"))
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, "tracker.csv", body)
}

// BenchmarkSaveTrackerShape100k: the store's part alone (one transaction
// of encode and INSERT per child) for the realistic extract, parsed once
// beforehand. With BenchmarkReadTrackerShape100k it splits the import's
// time between reading and storing.
func BenchmarkSaveTrackerShape100k(b *testing.B) {
	body, err := shapeBytes()
	if err != nil {
		b.Fatal(err)
	}
	x, err := tracker.ReadTracker(context.Background(), "tracker_shape.csv", body, shapeAsAt)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "p.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.SaveExtract(ctx, x, false, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
