package ssda903

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"strings"
	"testing"
	"time"
)

// The orders in the public validator sample's year, counted straight from
// its episodes table without the importer: the children with an episode
// that is not a short break (LS V3/V4), ended in the year with an order's
// REC. The importer's children, through data.Compute, must give the same.
func TestSSDA903OrdersMatchAnIndependentCount(t *testing.T) {
	dir := filepath.Join(testkit.Samples, "csc-validator-be-903_tests_fake_data")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared/samples/ssda903 is not beside the repository")
	}
	yearEnd, byKey := independentOrders(t, filepath.Join(dir, "episodes.csv"))
	if yearEnd.Format("2006-01-02") != "2018-03-31" {
		t.Fatalf("the sample's year ends %s, want 2018-03-31", yearEnd.Format("2006-01-02"))
	}
	x := readReturn(t, dir, data.NoDate)
	if x.Date != data.MustDate("2018-03-31") {
		t.Fatalf("extract date %s", x.Date)
	}
	m := data.Compute(x.Children, x.Date, data.NoDate, data.DefaultThresholds())
	// The independent figures were 69, 128 and 29 (the importer
	// gave 62, 118 and 26); the discharges (10) always agreed.
	want := map[string]int{"adoption.orders": 69, "sgo.orders": 128, "cao.orders": 29, "reunification.discharged": 10}
	for key, ids := range byKey {
		if len(ids) != want[key] {
			t.Errorf("independent %s = %d, the issue says %d", key, len(ids), want[key])
		}
		got := map[string]bool{}
		for _, c := range m.ChildrenOf(data.Key(key)) {
			got[c.ID] = true
		}
		for id := range ids {
			if !got[id] {
				t.Errorf("%s: child %s has an order in the year but is not counted", key, id)
			}
		}
		for id := range got {
			if !ids[id] {
				t.Errorf("%s: child %s is counted but has no order in the year", key, id)
			}
		}
		if m.Count(data.Key(key)) != len(ids) {
			t.Errorf("%s = %d, independently %d", key, m.Count(data.Key(key)), len(ids))
		}
	}
}

// independentOrders reads an episodes CSV (dd/mm/yyyy dates) with the
// standard library only. The collection year ends on the 31 March on or
// after the latest DECOM (a return holds no episode that starts after its
// year end). It returns that date and, for each order measure, the
// children with an episode, not under V3/V4, whose DEC is in the year
// (after the 31 March a year before, up to the year end) and whose REC is
// that order's: E11/E12 adoption, E43-E48 SGO, E41 CAO, E4A/E4B under LS
// C2 a care order discharged.
func independentOrders(t *testing.T, path string) (time.Time, map[string]map[string]bool) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	day := func(s string) time.Time {
		d, err := time.Parse("02/01/2006", strings.TrimSpace(s))
		if err != nil && s != "" {
			t.Fatalf("%q: %v", s, err)
		}
		return d
	}
	var latest time.Time
	for _, r := range rows[1:] {
		if d := day(r[col["DECOM"]]); d.After(latest) {
			latest = d
		}
	}
	end := time.Date(latest.Year(), time.March, 31, 0, 0, 0, 0, time.UTC)
	if latest.After(end) {
		end = end.AddDate(1, 0, 0)
	}
	start := end.AddDate(-1, 0, 0) // the period is start < DEC <= end
	kind := func(rec, ls string) string {
		switch rec {
		case "E11", "E12":
			return "adoption.orders"
		case "E43", "E44", "E45", "E46", "E47", "E48":
			return "sgo.orders"
		case "E41":
			return "cao.orders"
		case "E4A", "E4B":
			if ls == "C2" {
				return "reunification.discharged"
			}
		}
		return ""
	}
	out := map[string]map[string]bool{"adoption.orders": {}, "sgo.orders": {}, "cao.orders": {}, "reunification.discharged": {}}
	for _, r := range rows[1:] {
		ls, dec := r[col["LS"]], day(r[col["DEC"]])
		if ls == "V3" || ls == "V4" || dec.IsZero() || !dec.After(start) || dec.After(end) {
			continue
		}
		if k := kind(r[col["REC"]], ls); k != "" {
			out[k][r[col["CHILD"]]] = true
		}
	}
	return end, out
}
