package store

import (
	"context"
	"strings"
	"testing"

	"permanence/data"
)

// A row as migration 5 stores it, written here as fixed SQL, reads back
// as the benchmark it is: the unit and kind codes and the dates are
// permanent encodings.
func TestStoredBenchmarkEncoding(t *testing.T) {
	fixClock(t)
	s := openTemp(t)
	ctx := context.Background()
	mustExec(t, s.db, `INSERT INTO benchmarks (measure_key, area, kind, value, unit, period, period_start, period_end,
		publisher, source_title, source_url, published, comparability, notes, file_name, imported_by, imported_at)
		VALUES ('final_hearings.within_26_weeks', 'North West', 'figure', 41.5, 'percent', 'Apr–Jun 2025', '2025-04-01', '2025-06-30',
		'Ministry of Justice', 'FCSQ', 'https://x', '', 'per case', 'n', 'nw.csv', 'ann', '2026-11-20T10:00:00Z')`)
	got, err := s.Benchmarks(ctx)
	if err != nil || len(got) != 1 {
		t.Fatalf("%v %v", got, err)
	}
	want := data.Benchmark{Key: data.KeyFinalHearingsWithin26Weeks, Area: "North West", Kind: data.BenchmarkFigure, Value: 41.5,
		Unit: data.BenchPercent, Period: "Apr–Jun 2025", PeriodStart: data.MustDate("2025-04-01"), PeriodEnd: data.MustDate("2025-06-30"),
		Publisher: "Ministry of Justice", Title: "FCSQ", URL: "https://x", Comparability: "per case", Notes: "n",
		From: "imported from nw.csv on 20/11/2026"}
	if got[0] != want {
		t.Errorf("read\n%#v\nwant\n%#v", got[0], want)
	}
}

// Saving writes every row or none; a row already held exactly is not
// written again; a revised one is a new version, the old kept; nothing
// stored is ever changed or deleted.
func TestSaveBenchmarks(t *testing.T) {
	fixClock(t)
	s := openTemp(t)
	ctx := context.Background()
	b := data.Benchmark{Key: data.KeyInCarePer10000, Area: "Statistical neighbours", Kind: data.BenchmarkFigure, Value: 71.5,
		Unit: data.BenchPer10000, Period: "31 Mar 2025", PeriodStart: data.MustDate("2025-03-31"), PeriodEnd: data.MustDate("2025-03-31"),
		Publisher: "DfE", Title: "LAIT", URL: "https://x"}
	res, err := s.SaveBenchmarks(ctx, "/home/ann/sn.csv", []data.Benchmark{b}, "ann")
	if err != nil || res != (BenchmarkImport{File: "sn.csv", Added: 1}) {
		t.Fatalf("%+v %v", res, err)
	}
	if res, _ = s.SaveBenchmarks(ctx, "sn.csv", []data.Benchmark{b}, "ann"); res.Unchanged != 1 || res.Added+res.Replaced != 0 {
		t.Errorf("the same row again: %+v", res)
	}
	b2 := b
	b2.Value = 70
	if res, _ = s.SaveBenchmarks(ctx, "sn2.csv", []data.Benchmark{b2}, "ann"); res.Replaced != 1 {
		t.Errorf("a revised row: %+v", res)
	}
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM benchmarks").Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows stored, want 2 (both versions)", n)
	}
	if tab := data.NewBenchmarkTable(must(s.Benchmarks(ctx))); tab.Comparators(data.KeyInCarePer10000, data.MustDate("2026-03-31"))[0].Value != 70 {
		t.Error("the newer version should be the one in force")
	}
	for _, q := range []string{"DELETE FROM benchmarks", "UPDATE benchmarks SET value = 1"} {
		if _, err := s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "never") {
			t.Errorf("%s: %v, want it refused", q, err)
		}
	}
	// One bad row (refused by the table's own checks) and nothing lands.
	bad := b
	bad.Area, bad.Value = "Another", 5
	worse := b
	worse.Unit = "fortnights"
	if _, err := s.SaveBenchmarks(ctx, "x.csv", []data.Benchmark{bad, worse}, "ann"); err == nil {
		t.Error("a row with a unit the store does not know was stored")
	}
	if err := s.db.QueryRow("SELECT COUNT(*) FROM benchmarks").Scan(&n); err != nil || n != 2 {
		t.Errorf("after a refused save: %d rows, want 2", n)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// The population under 18 is a setting: a whole number in range, with
// the commas people type, or empty (not set).
func TestPopulationSetting(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if n, err := s.Population(ctx); err != nil || n != 0 {
		t.Fatalf("not set: %d %v", n, err)
	}
	if err := s.ChangeSetting(ctx, SettingPopulation, "245,300"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Population(ctx); n != 245300 {
		t.Errorf("population = %d, want 245300", n)
	}
	for _, v := range []string{"lots", "12", "3000000", "24.5"} {
		if err := s.ChangeSetting(ctx, SettingPopulation, v); err == nil || !strings.Contains(err.Error(), "population under 18") {
			t.Errorf("%q: %v, want it refused", v, err)
		}
	}
	if n, _ := s.Population(ctx); n != 245300 {
		t.Errorf("a refused value changed it: %d", n)
	}
	all, _ := s.Settings(ctx)
	found := false
	for _, st := range all {
		found = found || (st.Key == SettingPopulation && st.Value == "245300")
	}
	if !found {
		t.Error("Settings does not list the population")
	}
	if err := s.ChangeSetting(ctx, SettingPopulation, ""); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Population(ctx); n != 0 {
		t.Errorf("emptied: %d", n)
	}
}
