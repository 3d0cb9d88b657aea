package bench_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/importer"
	"permanence/data/store"
	"permanence/data/tracker"
	"sort"
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

// shapeRows, shapeSeed and shapeAsAt fix the realistic extract: 100,000
// children, seed 7, extract date 31 March 2026.
const (
	shapeRows = 100000
	shapeSeed = 7
)

var shapeAsAt = data.NewDate(2026, 3, 31)

// Vocabularies of the realistic extract's text columns: known SSDA903
// codes and plan texts (so the file imports without warnings) and a
// handful of names, teams and ethnicities.
var (
	shapeFirst     = []string{"Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Jack", "Zoë", "Renée", "Muhammad", "Freya", "Kai", "Ruby", "Ethan"}
	shapeLast      = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Khan", "Patel", "O'Brien", "Nowak", "Green"}
	shapeSex       = []string{"Male", "Female"}
	shapeEthnicity = []string{"White British", "White British", "White British", "White Other", "Mixed White and Black Caribbean", "Black African", "Asian Pakistani", "Any Other"}
	shapeTeams     = []string{"Children in Care 1", "Children in Care 2", "Court Team", "Adoption", "Leaving Care", "Fostering"}
	shapeWorkers   = []string{"Chipo Nowak", "Nadia Green", "Sam Patel", "Jo Evans", "Alex Khan", "Priya Shah", "Tom Wilson"}
	shapeLS        = []string{"C2", "C2", "C2", "C1", "V2", "E1"}
	shapePlace     = []string{"U6", "U6", "U4", "U3", "U1", "A5", "K2", "R1", "P1", "H5"}
	shapeRec       = []string{"E11", "E12", "E13", "E41", "E45", "E46", "E4A", "E5", "E8"}
	shapePlans     = []string{"Adoption", "Special Guardianship", "Long Term Fostering", "Long Term Fostering", "Reunification", "Child Arrangements Order", "Residential Step Down", "Independence", ""}
)

// writeTrackerShape writes the realistic tracker extract: a heading row of
// every field of data.Fields by its canonical name, then n rows with ISO
// dates (YYYY-MM-DD) and about a third of the date cells filled, CRLF line
// ends as Excel writes them. The same seed gives the same bytes. The dates
// of a row rise in Fields order (birth, entering care, then the rest up to
// the extract date), so no row breaks a date-order rule and the file
// imports with no warnings.
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
	ids := rng.Perm(n)
	days := make([]int, 0, len(data.Fields))
	for k := 0; k < n; k++ {
		writeShapeRow(bw, rng, 1000000+ids[k], days)
	}
	return bw.Flush()
}

// writeShapeRow writes one child's row of the realistic extract.
func writeShapeRow(bw *bufio.Writer, rng *rand.Rand, id int, days []int) {
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	dob := data.NewDate(2008, 4, 1).AddDays(rng.IntN(17 * 365))
	entered := dob.AddDays(rng.IntN(data.Days(dob, shapeAsAt) + 1))
	// Birth and entering care are always recorded; each other date is
	// filled with probability 8/28, so about 10 of 30 date cells are.
	filled := make([]bool, len(data.Fields))
	days = days[:0]
	for i := range data.Fields {
		f := &data.Fields[i]
		if f.Kind != data.KindDate || f.Name == "date_of_birth" || f.Name == "date_entered_care" {
			continue
		}
		if rng.IntN(28) < 8 {
			filled[i] = true
			days = append(days, rng.IntN(data.Days(entered, shapeAsAt)+1))
		}
	}
	sort.Ints(days)
	ceased := false
	for i := range data.Fields {
		f := &data.Fields[i]
		if i > 0 {
			bw.WriteByte(',')
		}
		var v string
		switch f.Name {
		case "child_id":
			v = fmt.Sprint(id)
		case "child_name":
			v = pick(shapeFirst) + " " + pick(shapeLast)
		case "date_of_birth":
			v = dob.String()
		case "sex":
			v = pick(shapeSex)
		case "ethnicity":
			v = pick(shapeEthnicity)
		case "team":
			v = pick(shapeTeams)
		case "social_worker":
			v = pick(shapeWorkers)
		case "date_entered_care":
			v = entered.String()
		case "reason_ceased":
			if ceased {
				v = pick(shapeRec)
			}
		case "legal_status":
			v = pick(shapeLS)
		case "placement_type":
			v = pick(shapePlace)
		case "permanence_plan":
			v = pick(shapePlans)
		default:
			if filled[i] {
				v = entered.AddDays(days[0]).String()
				days = days[1:]
				ceased = ceased || f.Name == "ceased_care_date"
			}
		}
		bw.WriteString(v)
	}
	bw.WriteString("\r\n")
}

// shapeFile writes the realistic extract once per test binary run.
var shapeFile = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "permanence-shape")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "tracker_shape.csv")
	var buf bytes.Buffer
	if err := writeTrackerShape(&buf, shapeRows, shapeSeed); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, buf.Bytes(), 0o600)
})

// TestTrackerShape checks the realistic extract is what the benchmarks
// claim: every field a column, ISO dates, about a third of the date cells
// filled, the same bytes from the same seed, and a clean import. With
// -tracker-shape-out it also writes the 100,000-row file.
func TestTrackerShape(t *testing.T) {
	var a, b bytes.Buffer
	if err := writeTrackerShape(&a, 2000, shapeSeed); err != nil {
		t.Fatal(err)
	}
	writeTrackerShape(&b, 2000, shapeSeed)
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
	// 2 of 30 date columns always filled, the other 28 with chance 8/28:
	// 10 of 30 expected.
	if share := float64(filled) / float64(dateCells); share < 0.30 || share > 0.37 {
		t.Errorf("%.3f of date cells filled, want about a third", share)
	}
	x, err := tracker.ReadTracker(context.Background(), "shape.csv", a.Bytes(), shapeAsAt)
	if err != nil || len(x.Children) != 2000 || len(x.Warnings) != 0 || len(x.IgnoredColumns) != 0 {
		t.Fatalf("import: %v; want 2,000 children, no warnings, no ignored columns", err)
	}
	if *shapeOut != "" {
		f, err := os.Create(*shapeOut)
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
}

// benchImportPath times ImportPaths (parse and store) of the file at path
// into a fresh store each time.
func benchImportPath(b *testing.B, path string, err error) {
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
		res, err := importer.ImportPaths(ctx, s, []string{path}, importer.ImportOptions{ExtractDate: shapeAsAt})
		if err != nil || res[0].Extract.Rows < 90000 {
			b.Fatalf("import: %v", err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkImportTrackerShape100k: parse and store the realistic
// 100,000-row tracker CSV (compare with the sqlite3 tool's .import of the
// same file: .ci/bench-import.sh).
func BenchmarkImportTrackerShape100k(b *testing.B) {
	path, err := shapeFile()
	benchImportPath(b, path, err)
}

// benchRead times the tracker reader alone on the file at path.
func benchRead(b *testing.B, path string, err error) {
	if err != nil {
		b.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := tracker.ReadTracker(context.Background(), filepath.Base(path), body, shapeAsAt)
		if err != nil || len(x.Children) < 90000 {
			b.Fatalf("read: %v", err)
		}
	}
}

// BenchmarkReadTrackerShape100k: the tracker reader alone (decode, split,
// parse, check) on the realistic extract, nothing stored.
func BenchmarkReadTrackerShape100k(b *testing.B) {
	path, err := shapeFile()
	benchRead(b, path, err)
}

// BenchmarkReadTrackerCSV100k: the tracker reader alone on the demo
// extract of BenchmarkImportTrackerCSV100k.
func BenchmarkReadTrackerCSV100k(b *testing.B) {
	dir, err := benchFiles()
	benchRead(b, filepath.Join(dir, "tracker.csv"), err)
}

// BenchmarkSaveTrackerShape100k: the store's part alone (one transaction
// of encode and INSERT per child) for the realistic extract, parsed once
// beforehand; with BenchmarkReadTrackerShape100k it splits the import's
// time between reading and storing.
func BenchmarkSaveTrackerShape100k(b *testing.B) {
	path, err := shapeFile()
	if err != nil {
		b.Fatal(err)
	}
	x, err := tracker.ReadTrackerFile(context.Background(), path, shapeAsAt)
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
