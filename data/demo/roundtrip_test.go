package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/importer"
	"permanence/data/internal/testkit"
	"permanence/data/tracker"
	"testing"
)

// TestDemoRoundTrip: the demo authority written as a tracker extract (CSV
// and XLSX) and imported again gives exactly the same measures.
func TestDemoRoundTrip(t *testing.T) {
	extracts := GenerateDemo(DemoOptions{Children: 600, Months: 3, Seed: 42})
	last := extracts[len(extracts)-1]
	a := last.Date
	want := data.Compute(last.Children, a, data.NoDate, data.DefaultThresholds())
	if want.Count("in_care") < 400 {
		t.Fatalf("the demo should have about 600 children in care, has %d", want.Count("in_care"))
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteTrackerCSV(&buf, last.Children); err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(dir, "demo.csv")
	os.WriteFile(csvPath, buf.Bytes(), 0o600)
	xlsxPath := filepath.Join(dir, "demo.xlsx")
	if err := writeXLSXFile(xlsxPath, last.Children); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{csvPath, xlsxPath} {
		t.Run(filepath.Ext(path), func(t *testing.T) {
			s := testkit.OpenStore(t)
			ctx := context.Background()
			res, err := importer.ImportPaths(ctx, s, []string{path}, importer.ImportOptions{ExtractDate: a})
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Extract.Rows != len(last.Children) {
				t.Errorf("imported %d rows, want %d", res[0].Extract.Rows, len(last.Children))
			}
			children, err := s.StateAt(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			got := data.Compute(children, a, data.NoDate, data.DefaultThresholds())
			if !bytes.Equal(got.JSON(), want.JSON()) {
				t.Errorf("measures after the round trip differ:\n%s\nwant\n%s", got.JSON(), want.JSON())
			}
		})
	}
}

// TestLoadDemo stores every monthly extract and gives plan histories.
func TestLoadDemo(t *testing.T) {
	s := testkit.OpenStore(t)
	ctx := context.Background()
	o := DemoOptions{Children: 200, Months: 6, Seed: 3}
	if err := LoadDemo(ctx, s, o, nil); err != nil {
		t.Fatal(err)
	}
	xs, _ := s.Extracts(ctx)
	if len(xs) != 6 {
		t.Fatalf("extracts = %d, want 6", len(xs))
	}
	// Loading again is a no-op.
	if err := LoadDemo(ctx, s, o, nil); err != nil {
		t.Fatal(err)
	}
	if xs2, _ := s.Extracts(ctx); len(xs2) != 6 {
		t.Errorf("loading the demo twice stored %d extracts", len(xs2))
	}
	if name, _ := s.Setting(ctx, "authority_name", ""); name == "" {
		t.Error("the demo authority has no name")
	}
	// Some child's plan changes across the extracts.
	rows, _ := s.DB().Query("SELECT child_id FROM child_rows GROUP BY child_id HAVING COUNT(DISTINCT plan) > 1 LIMIT 1")
	var id string
	if rows.Next() {
		rows.Scan(&id)
	}
	rows.Close()
	if id == "" {
		t.Fatal("no child changed plan across six monthly extracts")
	}
	hist, _ := s.ChildHistory(ctx, id)
	if len(data.PlanHistory(hist)) < 2 {
		t.Errorf("child %s: plan history %+v", id, data.PlanHistory(hist))
	}
	// The demo refuses to mix with real extracts.
	s2 := testkit.OpenStore(t)
	x, err := tracker.ReadTracker(ctx, "real.csv", []byte("ID\nA\n"), testkit.D("2026-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.SaveExtract(ctx, x, false, nil); err != nil {
		t.Fatal(err)
	}
	if err := LoadDemo(ctx, s2, o, nil); err != ErrRealData {
		t.Errorf("demo into a real store: %v", err)
	}
}
