package benchmark

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	shipped "permanence/assets/benchmarks"
	"permanence/data"
	"permanence/data/store"
)

var ctx = context.Background()

func d(s string) data.Date { return data.MustDate(s) }

// Every row of the shipped table names its source (publisher, title and
// an https address), its period (as read, and its first and last days)
// and a measure the catalogue has, read here with encoding/csv rather
// than the package's own reader.
func TestShippedRowsNameSourcePeriodAndKey(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(shipped.CSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"key", "area", "value", "unit", "period", "period_start", "period_end", "publisher", "source_title", "source_url"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("the shipped table has no %s column", h)
		}
	}
	if len(recs) < 20 {
		t.Fatalf("the shipped table has %d rows", len(recs)-1)
	}
	for n, r := range recs[1:] {
		row := n + 2
		get := func(h string) string { return strings.TrimSpace(r[col[h]]) }
		if _, err := data.Lookup(data.Key(get("key"))); err != nil {
			t.Errorf("row %d: key %q is not in the catalogue", row, get("key"))
		}
		for _, h := range []string{"area", "publisher", "source_title", "period"} {
			if get(h) == "" {
				t.Errorf("row %d: no %s", row, h)
			}
		}
		if !strings.HasPrefix(get("source_url"), "https://") {
			t.Errorf("row %d: source_url %q is not an https address", row, get("source_url"))
		}
		start, err1 := data.ParseDate(get("period_start"))
		end, err2 := data.ParseDate(get("period_end"))
		if err1 != nil || err2 != nil || start.IsZero() || end.IsZero() || start > end {
			t.Errorf("row %d: period %q to %q", row, get("period_start"), get("period_end"))
		}
		if get("notes") == "" {
			t.Errorf("row %d: the notes should say how the figure was checked", row)
		}
	}
	if _, err := Shipped(); err != nil {
		t.Errorf("the package refuses the shipped table: %v", err)
	}
}

// The figures, written out here by hand, are in the shipped table
// as the lookups find them.
func TestShippedFigures(t *testing.T) {
	rows, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	tab := data.NewBenchmarkTable(rows)
	want := []struct {
		key    data.Key
		asOf   string
		value  float64
		period string
	}{
		{data.KeyFinalHearingsMedianWeeks, "2026-03-31", 38, "Apr–Jun 2025"},
		{data.KeyFinalHearingsWithin26Weeks, "2026-03-31", 36, "Apr–Jun 2025"},
		{data.KeyFinalHearingsMedianWeeks, "2025-05-31", 40, "Jan–Mar 2025"},
		{data.KeyFinalHearingsWithin26Weeks, "2025-05-31", 35, "Jan–Mar 2025"},
		{data.KeyFinalHearingsMedianWeeks, "2024-12-31", 40, "Jul–Sep 2024"},
		{data.KeyFinalHearingsWithin26Weeks, "2024-12-31", 34, "Jul–Sep 2024"},
		{data.KeyFinalHearingsMedianWeeks, "2024-07-31", 41, "Apr–Jun 2024"},
		{data.KeyFinalHearingsWithin26Weeks, "2024-07-31", 32, "Apr–Jun 2024"},
		{data.KeyInCarePer10000, "2026-03-31", 67, "31 Mar 2025"},
		{data.KeyInCarePer10000, "2025-03-30", 69, "31 Mar 2024"},
		{data.KeyInCarePer10000, "2024-03-30", 70, "31 Mar 2023"},
		{data.KeyInCare, "2026-03-31", 81770, "31 Mar 2025"},
		{data.KeyAdoptionOrders, "2026-03-31", 3040, "year to 31 Mar 2025"},
	}
	for _, w := range want {
		b, ok := tab.National(w.key, d(w.asOf))
		if !ok || b.Value != w.value || b.Period != w.period {
			t.Errorf("%s as at %s: %v (%v), want %g over %s", w.key, w.asOf, b, ok, w.value, w.period)
		}
	}
	if b, _ := tab.National(data.KeyFinalHearingsMedianWeeks, d("2026-03-31")); b.Area != "England and Wales" || b.Publisher != "Ministry of Justice" {
		t.Errorf("the family court figure: %s, %s; want England and Wales, Ministry of Justice", b.Area, b.Publisher)
	}
	if b, _ := tab.National(data.KeyAdoptionOrders, d("2026-03-31")); !strings.Contains(b.Notes, "34,450") || !strings.Contains(b.Notes, "3 years 2 months") {
		t.Errorf("the adoptions row's notes should give the children who ceased (34,450) and the age at adoption: %q", b.Notes)
	}
	// The scorecard's thresholds, newest first: A1 426, 487, 547, 639
	// days; A2 121, 152, 182, 213.
	for key, days := range map[data.Key][]float64{data.KeyA1MeanDays: {426, 487, 547, 639}, data.KeyA2MeanDays: {121, 152, 182, 213}} {
		var got []float64
		for _, b := range tab.For(key) {
			if b.Kind == data.BenchmarkThreshold {
				got = append(got, b.Value)
			}
		}
		if len(got) != 4 || got[0] != days[0] || got[1] != days[1] || got[2] != days[2] || got[3] != days[3] {
			t.Errorf("%s thresholds %v, want %v", key, got, days)
		}
		if _, ok := tab.National(key, d("2026-03-31")); ok {
			t.Errorf("%s: a threshold is not a national figure to show beside the mean", key)
		}
		if b, ok := tab.NationalThreshold(key, d("2026-03-31")); !ok || b.Value != days[0] {
			t.Errorf("%s: threshold in force %v", key, b)
		}
	}
}

// A file with any bad row is refused whole, each problem as
// FILE:ROW: COLUMN: "VALUE": why.
func TestParseListsEveryProblem(t *testing.T) {
	head := "key,area,value,unit,period,period_start,period_end,publisher,source_title,source_url\n"
	good := "final_hearings.median_weeks,North West,41,weeks,Apr–Jun 2025,2025-04-01,2025-06-30,LAIT,Local authority interactive tool,https://www.gov.uk/lait\n"
	cases := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"f.csv: the file is empty"}},
		{"headings only", head, []string{"f.csv: the file has headings but no benchmarks"}},
		{"unknown column", strings.Replace(head, "period,", "perod,", 1) + good,
			[]string{`f.csv:1: column E: "perod": is not a column of a benchmark table`, "f.csv:1: the heading row has no period column"}},
		{"bad rows", head + good +
			"in_care.per_10000,Statistical neighbours,fifty,per_10000,2025,2025-03-31,2025-03-31,DfE,LAIT,https://x\n" +
			"proceedings.median_day,North West,41,days,2025,2025-03-31,2025-03-31,DfE,LAIT,https://x\n" +
			good,
			[]string{`f.csv:3: value: "fifty": is not a number`,
				`f.csv:4: key: "proceedings.median_day": is not a measure of the catalogue`,
				`f.csv:5: period: "Apr–Jun 2025": row 2 already gives final_hearings.median_weeks for North West over this period`}},
	}
	for _, c := range cases {
		rows, err := Parse(ctx, "f.csv", []byte(c.text))
		var ie *data.InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: %d rows, error %v; want an input error", c.name, len(rows), err)
			continue
		}
		var got []string
		for _, p := range ie.Problems {
			got = append(got, p.String())
		}
		all := strings.Join(got, "\n")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: problems\n%s\nwant one starting %q", c.name, all, w)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d problems, want %d:\n%s", c.name, len(got), len(c.want), all)
		}
	}
	// Headings in any order and case, Excel's semicolons and BOM.
	text := "\ufeffSource_URL;Key;Area;Value;Unit;Period;Period_Start;Period_End;Publisher;Source Title\n" +
		"https://x;in_care.per_10000;Statistical neighbours;71.5;per_10000;31 Mar 2025;31/03/2025;31/03/2025;DfE;LAIT\n"
	rows, err := Parse(ctx, "g.csv", []byte(text))
	if err != nil || len(rows) != 1 || rows[0].Value != 71.5 || rows[0].Area != "Statistical neighbours" || rows[0].PeriodEnd != d("2025-03-31") {
		t.Errorf("semicolons, BOM, headings in another order: %+v %v", rows, err)
	}
}

// Import stores every row of a good file in one go, says so when a file
// is imported again, and stores nothing from a bad one.
func TestImport(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := t.TempDir()
	good := filepath.Join(dir, "neighbours.csv")
	text := "key,area,value,unit,period,period_start,period_end,publisher,source_title,source_url,comparability\n" +
		"final_hearings.median_weeks,North West,44,weeks,Apr–Jun 2025,2025-04-01,2025-06-30,MoJ,FCSQ by DFJ area,https://x,\"By court area, mean\"\n" +
		"in_care.per_10000,Statistical neighbours,71.5,per_10000,31 Mar 2025,2025-03-31,2025-03-31,DfE,LAIT,https://y,\n"
	if err := os.WriteFile(good, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := Import(ctx, s, good)
	if err != nil || res.Added != 2 || res.Replaced != 0 || res.Unchanged != 0 || res.File != "neighbours.csv" {
		t.Fatalf("first import: %+v %v", res, err)
	}
	res, err = Import(ctx, s, good)
	if err != nil || res.Added != 0 || res.Unchanged != 2 {
		t.Errorf("the same file again: %+v %v, want 2 unchanged", res, err)
	}
	revised := strings.Replace(text, "North West,44", "North West,45", 1)
	if err := os.WriteFile(good, []byte(revised), 0o600); err != nil {
		t.Fatal(err)
	}
	if res, err = Import(ctx, s, good); err != nil || res.Replaced != 1 || res.Unchanged != 1 {
		t.Errorf("a revised row: %+v %v, want 1 replaced, 1 unchanged", res, err)
	}
	tab, err := Table(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	cs := tab.Comparators(data.KeyFinalHearingsMedianWeeks, d("2026-03-31"))
	if len(cs) != 1 || cs[0].Value != 45 || cs[0].Comparability != "By court area, mean" || !strings.HasPrefix(cs[0].From, "imported from neighbours.csv") {
		t.Errorf("comparators after the revision: %+v", cs)
	}
	if b, ok := tab.National(data.KeyFinalHearingsMedianWeeks, d("2026-03-31")); !ok || b.Value != 38 {
		t.Errorf("the shipped national figure is still there beside them: %v %v", b, ok)
	}
	held, _ := s.Benchmarks(ctx)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(strings.Replace(text, "71.5", "lots", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Import(ctx, s, bad)
	var ie *data.InputError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Row != 3 || ie.Problems[0].Column != "value" {
		t.Errorf("a bad file: %v", err)
	}
	if now, _ := s.Benchmarks(ctx); len(now) != len(held) {
		t.Errorf("a refused file stored %d rows", len(now)-len(held))
	}
	if _, err := Import(ctx, s, filepath.Join(dir, "book.xlsx")); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("a missing file: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(shipped.CSV)
	f.Add([]byte("key,area,value,unit,period,period_start,period_end,publisher,source_title,source_url\n" +
		"in_care,England,1,children,x,2025-03-31,2025-03-31,p,t,https://x\n"))
	f.Add([]byte("key;area\n\"open"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := Parse(ctx, "f.csv", b)
		if err == nil && len(rows) == 0 {
			t.Error("no rows and no error")
		}
		for _, r := range rows {
			if _, err := data.Lookup(r.Key); err != nil || r.PeriodStart > r.PeriodEnd || r.Value < 0 {
				t.Errorf("a row that should have been refused: %+v", r)
			}
		}
	})
}
