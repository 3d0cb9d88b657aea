package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"permanence/data/ssda903"
	"permanence/data/store"
	"strings"
	"testing"
)

// s903Open opens a store in a temporary folder.
func s903Open(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "panel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// s903StoreCounts summarises what a store holds, to check it is unchanged.
func s903StoreCounts(t testing.TB, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"extracts", "child_rows", "warnings", "ssda903_episodes", "ssda903_reviews",
		"ssda903_ad1", "ssda903_placed_for_adoption"} {
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	return b.String()
}

// A full import through the store: a folder of returns, merged with a
// tracker extract by StateAt, with provenance per field; a failing file
// leaves the store unchanged.
func TestSSDA903ImportThroughStore(t *testing.T) {
	ctx := context.Background()
	s := s903Open(t)
	res, err := ImportPaths(ctx, s, []string{"../ssda903/testdata/ssda903/two_years"}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Extract.Kind != data.KindSSDA903 || res[0].Extract.Date != s903AsAt || res[0].Extract.Rows != 8 ||
		res[0].Added != 8 || len(res[0].Warnings) != 0 {
		t.Fatalf("result = %+v", res)
	}
	state, err := s.StateAt(ctx, s903AsAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(state) != 8 {
		t.Fatalf("%d children in the state", len(state))
	}
	a := testkit.Child(t, state, "FCADOPT")
	if a.A10Start != data.MustDate("2019-09-01") || !a.FosterCarerAdoption || a.AdoptionOrder != data.MustDate("2021-02-01") ||
		a.Plan != data.PlanAdoption || !a.PlanInferred {
		t.Errorf("FCADOPT from the store: %+v", a)
	}

	// A tracker extract for the same child: it wins field by field.
	tracker := filepath.Join(t.TempDir(), "tracker.csv")
	if err := os.WriteFile(tracker, []byte("Child ID,Permanence Plan,LTF Panel Date,Placement Type\nLTF,Long term fostering,12/01/2021,U1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportPaths(ctx, s, []string{tracker}, ImportOptions{ExtractDate: s903AsAt}); err != nil {
		t.Fatal(err)
	}
	state, err = s.StateAt(ctx, s903AsAt)
	if err != nil {
		t.Fatal(err)
	}
	l := testkit.Child(t, state, "LTF")
	if l.EnteredCare != data.MustDate("2018-10-01") || l.LTFPanel != data.MustDate("2021-01-12") || l.PlacementType != "U1" ||
		l.Plan != data.PlanLongTermFostering || l.PlanInferred || l.PlanText != "Long term fostering" || l.LegalStatus != "C2" {
		t.Errorf("LTF merged: %+v", l)
	}
	hist, err := s.ChildHistory(ctx, "LTF")
	if err != nil {
		t.Fatal(err)
	}
	_, prov := data.StateFromHistory(hist, s903AsAt)
	if prov["date_entered_care"].Kind != data.KindSSDA903 || prov["ltf_panel_date"].Kind != data.KindTracker ||
		prov["placement_type"].Kind != data.KindTracker || prov["legal_status"].Kind != data.KindSSDA903 {
		t.Errorf("provenance = %+v", prov)
	}

	// The same return again is a no-op.
	again, err := ImportPaths(ctx, s, []string{"../ssda903/testdata/ssda903/two_years"}, ImportOptions{})
	if err != nil || len(again) != 1 || !again[0].AlreadyImported {
		t.Errorf("second import: %+v, %v", again, err)
	}

	// A later return with one broken file: nothing is written.
	before := s903StoreCounts(t, s)
	dir := t.TempDir()
	for _, f := range testkit.CSVs(t, "../ssda903/testdata/ssda903/warnings") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "ad1.csv" {
			b = append(b, "NOPO,01/01/2019,01/06/2020,32/08/2020,0,2,MF,L11\n"...)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, err = ImportPaths(ctx, s, []string{dir}, ImportOptions{})
	if got := testkit.Problems(t, err); len(got) != 1 || !strings.Contains(got[0], `ad1.csv:5: DATE_MATCH: "32/08/2020"`) {
		t.Errorf("problems = %q", got)
	}
	if after := s903StoreCounts(t, s); after != before {
		t.Errorf("store changed by a failed import:\n%s\n%s", before, after)
	}
}

// The stitched tables are stored beside the extract and go with it.
func TestSSDA903RawTablesStored(t *testing.T) {
	ctx := context.Background()
	s := s903Open(t)
	x := readReturn(t, "../ssda903/testdata/ssda903/two_years")
	res, err := s.SaveExtract(ctx, x, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Extract.ID
	count := func(table string) int {
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM "+table+" WHERE extract_id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// 24 episodes less 5 repeated; 21 reviews less 1 repeated; 4 decisions less 2.
	for table, want := range map[string]int{"ssda903_episodes": 19, "ssda903_reviews": 20, "ssda903_ad1": 2,
		"ssda903_placed_for_adoption": 2} {
		if got := count(table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	var dec, file string
	var row, period, year int
	err = s.DB().QueryRow(`SELECT dec, source_file, source_row, period_of_care, return_year FROM ssda903_episodes
		WHERE extract_id = ? AND child_id = 'ADOPT1' AND decom = '2020-02-15'`, id).Scan(&dec, &file, &row, &period, &year)
	if err != nil || dec != "2020-06-20" || file != "2020-21_episodes.csv" || row != 2 || period != 1 || year != 2020 {
		t.Errorf("ADOPT1's stitched episode: %s %s %d %d %d %v", dec, file, row, period, year, err)
	}
	if err := s.DeleteExtract(ctx, id); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"ssda903_episodes", "ssda903_reviews", "ssda903_ad1", "ssda903_placed_for_adoption"} {
		if n := count(table); n != 0 {
			t.Errorf("%s: %d rows left after the extract was deleted", table, n)
		}
	}
}

// Once SaveExtract writes the SSDA903 tables in its own transaction (see
// saveSSDA903Tables), an import through ImportPaths stores them.
func TestSSDA903ImportStoresRawTables(t *testing.T) {
	ctx := context.Background()
	s := s903Open(t)
	res, err := ImportPaths(ctx, s, []string{"../ssda903/testdata/ssda903/two_years"}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM ssda903_episodes WHERE extract_id = ?", res[0].Extract.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("the raw 903 tables were not stored with the extract")
	}
	if n != 19 {
		t.Errorf("%d episodes stored, want 19", n)
	}
}

// The public fake returns: four folders that differ in date format, extra
// columns and years.
func TestSSDA903PublicSamples(t *testing.T) {
	if _, err := os.Stat(testkit.Samples); err != nil {
		t.Skip("shared/samples/ssda903 is not beside the repository")
	}
	read := func(folder string) *data.ExtractData {
		dir := filepath.Join(testkit.Samples, folder)
		for _, f := range testkit.CSVs(t, dir) {
			if !ssda903.IsSSDA903File(f) {
				t.Errorf("%s is not recognised", f)
			}
		}
		return readReturn(t, dir)
	}
	warningsLocated := func(x *data.ExtractData) {
		for _, w := range x.Warnings {
			if w.ChildID == "" || w.Row < 2 || !strings.Contains(w.Column, ".csv ") || w.Message == "" {
				t.Errorf("%s: warning not located: %+v", x.FileName, w)
				return
			}
		}
	}
	countWarnings := func(x *data.ExtractData, part string) int {
		n := 0
		for _, w := range x.Warnings {
			if strings.Contains(w.Message, part) {
				n++
			}
		}
		return n
	}

	// One year, every table (dd/mm/yyyy; sw_episodes has a BOM and CRLF).
	v := read("csc-validator-be-903_tests_fake_data")
	if v.Date != data.MustDate("2018-03-31") || len(v.Children) != 2123 || v.RowsRead != 2675+5050+12582+29+59 {
		t.Errorf("validator sample: %s, %d children, %d rows", v.Date, len(v.Children), v.RowsRead)
	}
	if len(v.IgnoredColumns) != 7 {
		t.Errorf("ignored = %q", v.IgnoredColumns)
	}
	for _, name := range []string{"previous_permanence", "missing", "uasc", "oc2", "oc3", "sw_episodes", "DoLo"} {
		if !strings.Contains(strings.Join(v.IgnoredColumns, "\n"), name+" table (") {
			t.Errorf("%s not reported as skipped", name)
		}
	}
	if n := countWarnings(v, "header table but has no episodes"); n != 552 {
		t.Errorf("%d header-only children, want 552", n)
	}
	warningsLocated(v)
	// 465478 moves within the same carers (RNE L, then T into A3): the A10
	// clock stops when the period began. 75087 goes from U2 (foster for
	// adoption) by T into A3, then moves on and is adopted (E11).
	c := testkit.Child(t, v.Children, "465478")
	if c.EnteredCare != data.MustDate("2015-02-11") || c.PlacedForAdoption != data.MustDate("2017-10-28") || !c.FosterCarerAdoption ||
		c.A10Start != data.MustDate("2015-02-11") || c.PlacementStart != data.MustDate("2017-10-28") || c.Plan != data.PlanAdoption ||
		c.PlanText != "inferred from L1/A3" || !c.CeasedCare.IsZero() {
		t.Errorf("465478: %+v", c)
	}
	c = testkit.Child(t, v.Children, "75087")
	if c.EnteredCare != data.MustDate("2015-07-15") || c.EarlyPermanence != data.MustDate("2015-07-15") ||
		c.PlacedForAdoption != data.MustDate("2017-06-24") || c.A10Start != data.MustDate("2015-07-15") || !c.FosterCarerAdoption ||
		c.AdoptionOrder != data.MustDate("2018-01-25") || c.ReasonCeased != "E11" || c.PlanText != "inferred from REC E11" {
		t.Errorf("75087: %+v", c)
	}

	// Five annual returns, the same children recurring.
	comb := read("cs-demand-model_combined")
	if comb.Date != data.MustDate("2022-03-31") || len(comb.Children) != 820 {
		t.Errorf("combined sample: %s, %d children", comb.Date, len(comb.Children))
	}
	warningsLocated(comb)
	// The same five years as one regional file (LA and YEAR columns, ISO
	// dates): the same journeys, known by LA and CHILD.
	reg := read("cs-demand-model-regional_samples_v1")
	if reg.Date != data.MustDate("2022-03-31") || len(reg.Children) != 820 {
		t.Errorf("regional sample: %s, %d children", reg.Date, len(reg.Children))
	}
	warningsLocated(reg)
	byChild := map[string]*data.Child{}
	for i := range comb.Children {
		byChild[comb.Children[i].ID] = &comb.Children[i]
	}
	journey := []string{"date_entered_care", "ceased_care_date", "reason_ceased", "legal_status", "placement_type",
		"placement_start_date", "care_order_date", "placement_order_date", "placed_for_adoption_date",
		"early_permanence_date", "placed_with_parents_date", "adoption_order_date", "sgo_order_date", "cao_order_date",
		"permanence_plan"} // the regional sample has no reviews table
	for i := range reg.Children {
		r := &reg.Children[i]
		la, child, ok := strings.Cut(r.ID, "/")
		if !ok || (la != "Southwark" && la != "Bromley" && la != "Hillingdon") {
			t.Fatalf("regional ID %q is not LA/CHILD", r.ID)
		}
		cc := byChild[child]
		if cc == nil {
			t.Errorf("%s not in the combined returns", r.ID)
			continue
		}
		for _, name := range journey {
			f := data.FieldByName(name)
			if f.Value(r) != f.Value(cc) {
				t.Errorf("%s: %s = %q, combined returns say %q", r.ID, name, f.Value(r), f.Value(cc))
			}
		}
	}
	if n := countWarnings(comb, "not in the later return"); n == 0 || n != countWarnings(reg, "not in the later return") {
		t.Errorf("stitching warnings differ: %d vs %d", n, countWarnings(reg, "not in the later return"))
	}

	// liia-tools: a plain 2020 episodes file and the cross-year "episode
	// fixes" test cases (ISO dates, LA and YEAR).
	l := read("liia-tools_s903")
	if l.Date != data.MustDate("2023-03-31") {
		t.Errorf("liia date = %s", l.Date)
	}
	warningsLocated(l)
	for _, tc := range []struct {
		id, entered, ceased, rec string
	}{
		// Overlapping episodes: a V4 short break ending E15 (18/07/2019) ends
		// the first period, so the latest starts 16/05/2019 (RNE T, warned).
		{"689661", "2019-05-16", "2019-09-26", "E2"},
		// RULE3: the 2018 return starts the period on 23/09/2016, not 27/09/2016.
		{"Barking and Dagenham/RULE3_BAD", "2016-09-23", "2017-05-30", "E2"},
		// RULE1: an episode left open in 2018 is closed by the next one (2020).
		{"Barking and Dagenham/RULE1_BAD", "2016-01-13", "2019-07-23", "E6"},
		// RULE2: open in 2020, absent from later returns of the same LA.
		{"Barking and Dagenham/RULE2_BAD", "2019-05-10", "2020-03-31", ""},
		// RULE3A: the 2019 return's episode replaces the 2018 one it overlaps.
		{"Barking and Dagenham/RULE3A_BAD", "2017-11-25", "2018-05-16", "E45"},
		{"Newham/NORULE_NEW", "2022-10-23", "", ""},
	} {
		c := testkit.Child(t, l.Children, tc.id)
		if c.EnteredCare.String() != tc.entered || c.CeasedCare.String() != tc.ceased || c.ReasonCeased != tc.rec {
			t.Errorf("%s: entered %s, ceased %s %s; want %s, %s %s", tc.id, c.EnteredCare, c.CeasedCare, c.ReasonCeased,
				tc.entered, tc.ceased, tc.rec)
		}
	}

	// Measures compute over every sample, and a folder imports whole.
	for _, x := range []*data.ExtractData{v, comb, reg, l} {
		m := data.Compute(x.Children, x.Date, data.NoDate, data.DefaultThresholds())
		if m.Count("in_care") == 0 {
			t.Errorf("%s: no child in care at %s", x.FileName, x.Date)
		}
	}
	s := s903Open(t)
	res, err := ImportPaths(context.Background(), s, []string{filepath.Join(testkit.Samples, "cs-demand-model_combined")}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	state, err := s.StateAt(context.Background(), res[0].Extract.Date)
	if err != nil || len(state) != 820 {
		t.Errorf("state: %d children, %v", len(state), err)
	}
}

// readReturn reads a folder of SSDA903 tables as one return.
func readReturn(t testing.TB, dir string) *data.ExtractData {
	t.Helper()
	x, err := ssda903.ReadSSDA903Files(context.Background(), testkit.CSVs(t, dir), data.NoDate)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return x
}

var s903AsAt = data.MustDate("2021-03-31")
