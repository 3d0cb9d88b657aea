package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"permanence/data"
)

// numberedChildren makes n children, C0000 to C(n-1), listed last first
// (so that the store must sort them into its key order), each with fields
// that depend on its number: a date of birth i days after 2010-01-01, a
// team, a plan cycling through adoption, special guardianship and none, a
// flag on every other child and a final hearing on every fifth.
func numberedChildren(n int) ([]data.Child, []int) {
	plans := []data.Plan{data.PlanAdoption, data.PlanSpecialGuardianship, data.PlanNotRecorded}
	texts := []string{"Adoption", "SGO", ""}
	children := make([]data.Child, n)
	rows := make([]int, n)
	for k := range children {
		i := n - 1 - k
		c := data.Child{ID: fmt.Sprintf("C%04d", i), DOB: d("2010-01-01").AddDays(i), Team: fmt.Sprintf("Team %d", i%7),
			Plan: plans[i%3], PlanText: texts[i%3], PlanInferred: i%2 == 1}
		if i%5 == 0 {
			c.FinalHearing = data.NewDate(2025, 6, 1)
		}
		children[k], rows[k] = c, i+2 // row 1 is the heading
	}
	return children, rows
}

// savedRow is a child row as read back from the table.
type savedRow struct {
	row   int
	plan  string
	child data.Child
}

// savedRows reads every child row of extract id, by child ID.
func savedRows(t *testing.T, s *Store, id int64) map[string]savedRow {
	t.Helper()
	rows, err := s.db.Query("SELECT child_id, source_row, plan, record FROM child_rows WHERE extract_id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]savedRow{}
	for rows.Next() {
		var childID string
		var r savedRow
		var rec []byte
		if err := rows.Scan(&childID, &r.row, &r.plan, &rec); err != nil {
			t.Fatal(err)
		}
		if err := DecodeChild(rec, &r.child); err != nil {
			t.Fatalf("child %s: %v", childID, err)
		}
		if _, twice := out[childID]; twice {
			t.Errorf("child %s stored twice", childID)
		}
		out[childID] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSaveInBatches: an extract of 1, 250 (one full batch of 128 and one
// of 122), 256 (two full batches) or 2,500 children (19 full batches and
// one of 68) stores every child once, with its record, row and plan, and
// reports progress every 1,024 children.
func TestSaveInBatches(t *testing.T) {
	for _, tc := range []struct {
		n        int
		progress []int // done, as progress is told it
	}{
		{1, []int{0, 1}},
		{250, []int{0, 250}},
		{256, []int{0, 256}},
		{2500, []int{0, 1024, 2048, 2500}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			s := openTemp(t)
			children, rows := numberedChildren(tc.n)
			x := &data.ExtractData{Kind: data.KindTracker, FileName: "t.csv", SHA256: "t", Date: d("2026-03-31"), Children: children, Rows: rows}
			var told []int
			res, err := s.SaveExtract(context.Background(), x, false, func(done, total int) {
				if total != tc.n {
					t.Errorf("progress total %d, want %d", total, tc.n)
				}
				told = append(told, done)
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != tc.n || res.Updated != 0 || res.Extract.Rows != tc.n {
				t.Errorf("added %d, updated %d, rows %d; want %d, 0, %d", res.Added, res.Updated, res.Extract.Rows, tc.n, tc.n)
			}
			if !reflect.DeepEqual(told, tc.progress) {
				t.Errorf("progress told %v, want %v", told, tc.progress)
			}
			got := savedRows(t, s, res.Extract.ID)
			if len(got) != tc.n {
				t.Errorf("%d child rows stored, want %d", len(got), tc.n)
			}
			for k, c := range children {
				r, ok := got[c.ID]
				switch {
				case !ok:
					t.Errorf("child %s not stored", c.ID)
				case r.child != c || r.row != rows[k] || r.plan != c.Plan.Key():
					t.Errorf("child %s stored as row %d, plan %s:\n%+v\nwant row %d, plan %s:\n%+v", c.ID, r.row, r.plan, r.child, rows[k], c.Plan.Key(), c)
				}
			}
		})
	}
}

// TestSavedRowsHoldTheirValues checks three children of a 250-child
// extract against values worked out by hand from numberedChildren: C0000
// (row 2, adoption, final hearing), C0127 (the last of the first batch:
// row 129, plan 127 % 3 = 1, SGO, flag set, team 127 % 7 = 1) and C0249
// (the last of all: row 251, plan 249 % 3 = 0, adoption, flag set, team
// 249 % 7 = 4, born 249 days after 2010-01-01: 2010-09-07).
func TestSavedRowsHoldTheirValues(t *testing.T) {
	s := openTemp(t)
	children, rows := numberedChildren(250)
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "t.csv", SHA256: "t", Date: d("2026-03-31"), Children: children, Rows: rows}
	res, err := s.SaveExtract(context.Background(), x, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := savedRows(t, s, res.Extract.ID)
	for id, want := range map[string]savedRow{
		"C0000": {2, "adoption", data.Child{ID: "C0000", DOB: d("2010-01-01"), Team: "Team 0", Plan: data.PlanAdoption, PlanText: "Adoption", FinalHearing: d("2025-06-01")}},
		"C0127": {129, "special_guardianship", data.Child{ID: "C0127", DOB: d("2010-05-08"), Team: "Team 1", Plan: data.PlanSpecialGuardianship, PlanText: "SGO", PlanInferred: true}},
		"C0249": {251, "adoption", data.Child{ID: "C0249", DOB: d("2010-09-07"), Team: "Team 4", Plan: data.PlanAdoption, PlanText: "Adoption", PlanInferred: true}},
	} {
		if got[id] != want {
			t.Errorf("child %s stored as\n%+v\nwant\n%+v", id, got[id], want)
		}
	}
}

// tableCounts counts the rows of the tables an import writes.
func tableCounts(t *testing.T, s *Store) [3]int {
	t.Helper()
	var n [3]int
	for i, table := range []string{"extracts", "child_rows", "warnings"} {
		if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n[i]); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// TestFailingRowNamesTheChild: an extract that holds a child twice fails
// with an error naming that child, wherever the second row falls (in a
// batch, first in the next batch, in the last, shorter batch, or in an
// extract of two rows), and leaves the store as it was.
func TestFailingRowNamesTheChild(t *testing.T) {
	const unique = ": UNIQUE constraint failed: child_rows.child_id, child_rows.extract_id"
	for _, tc := range []struct {
		name  string
		n     int    // children C0000 to C(n-1), then
		twice string // this one again
	}{
		{"within the first batch", 250, "C0100"},
		{"first in the second batch", 250, "C0127"},
		{"in the last, shorter batch", 250, "C0240"},
		{"an extract of two rows", 1, "C0000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			saveOne(t, s, "earlier.csv", "Z")
			children, _ := numberedChildren(tc.n)
			children = append(children, data.Child{ID: tc.twice, Team: "again"})
			x := &data.ExtractData{Kind: data.KindTracker, FileName: "t.csv", SHA256: "t", Date: d("2026-04-30"), Children: children,
				Warnings: []data.Warning{{ChildID: tc.twice, Row: 3, Column: "team", Value: "again", Message: "seen twice"}}}
			_, err := s.SaveExtract(context.Background(), x, false, nil)
			if want := "store child " + tc.twice + unique; err == nil || err.Error() != want {
				t.Errorf("error %v\nwant %s", err, want)
			}
			if got, want := tableCounts(t, s), [3]int{1, 1, 0}; got != want {
				t.Errorf("extracts, child rows, warnings: %v, want %v (the earlier extract only)", got, want)
			}
		})
	}
}

// TestWarningsAllStored: 300 warnings (two full batches of 128 and one of
// 44), three for each of the children C0000 to C0099 at rows 2 to 101, are
// all stored, in their order, with their values.
func TestWarningsAllStored(t *testing.T) {
	s := openTemp(t)
	columns := []string{"date_of_birth", "team", "match_date"}
	var warnings []data.Warning
	for i := 0; i < 300; i++ {
		warnings = append(warnings, data.Warning{ChildID: fmt.Sprintf("C%04d", i/3), Row: i/3 + 2, Column: columns[i%3],
			Value: fmt.Sprint(i), Message: fmt.Sprintf("message %d", i)})
	}
	children, _ := numberedChildren(100)
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "t.csv", SHA256: "t", Date: d("2026-03-31"), Children: children, Warnings: warnings}
	res, err := s.SaveExtract(context.Background(), x, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Warnings(context.Background(), res.Extract.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 300 || res.Extract.Warnings != 300 {
		t.Fatalf("%d warnings stored, %d counted; want 300", len(got), res.Extract.Warnings)
	}
	for i, w := range warnings {
		w.ExtractID = res.Extract.ID
		if got[i] != w {
			t.Errorf("warning %d: %+v, want %+v", i, got[i], w)
		}
	}
	// C0007's three: rows 9, values 21 to 23.
	mine, err := s.Warnings(context.Background(), 0, "C0007")
	want := []data.Warning{
		{ExtractID: res.Extract.ID, ChildID: "C0007", Row: 9, Column: "date_of_birth", Value: "21", Message: "message 21"},
		{ExtractID: res.Extract.ID, ChildID: "C0007", Row: 9, Column: "team", Value: "22", Message: "message 22"},
		{ExtractID: res.Extract.ID, ChildID: "C0007", Row: 9, Column: "match_date", Value: "23", Message: "message 23"},
	}
	if err != nil || !reflect.DeepEqual(mine, want) {
		t.Errorf("C0007's warnings: %+v, %v\nwant %+v", mine, err, want)
	}
}

// TestAddedAndUpdated: a child is updated when another extract held it,
// added otherwise; an extract replaced does not count, and the files of
// one import see each other.
func TestAddedAndUpdated(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	extract := func(name, date string, ids ...string) *data.ExtractData {
		x := &data.ExtractData{Kind: data.KindTracker, FileName: name, SHA256: name, Date: d(date)}
		for _, id := range ids {
			x.Children = append(x.Children, data.Child{ID: id})
		}
		return x
	}
	check := func(what string, r data.ImportResult, added, updated int) {
		t.Helper()
		if r.Added != added || r.Updated != updated {
			t.Errorf("%s: added %d, updated %d; want %d, %d", what, r.Added, r.Updated, added, updated)
		}
	}
	r, err := s.SaveExtract(ctx, extract("jan", "2026-01-31", "A", "B", "C"), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	check("January into an empty store", r, 3, 0)
	if r, err = s.SaveExtract(ctx, extract("feb", "2026-02-28", "B", "C", "D", "E"), false, nil); err != nil {
		t.Fatal(err)
	}
	check("February: B and C known", r, 2, 2)
	// Replacing February: E was only there, so it is new again; B is known from January.
	if r, err = s.SaveExtract(ctx, extract("feb2", "2026-02-28", "B", "E", "F"), true, nil); err != nil {
		t.Fatal(err)
	}
	check("February replaced", r, 2, 1)
	rs, err := s.SaveExtracts(ctx, []*data.ExtractData{extract("mar", "2026-03-31", "A", "G"), extract("apr", "2026-04-30", "G", "H")}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	check("March: A known", rs[0], 1, 1)
	check("April: G known from March, in the same import", rs[1], 1, 1)
}

// TestKeyOrder: child rows go in in SQLite's order of child_id, byte by
// byte, including IDs that share their first 8 bytes, a shorter ID before
// a longer one it begins, a zero byte, and bytes above 0x7f.
func TestKeyOrder(t *testing.T) {
	in := []string{"ä", "ABCDEFGHI", "9", "ABCDEFGH", "A\x00", "10", "ABCDEFGH\x00", "a", "ABCDEFGG~", "A", "Z", "ABCDEFGHA", "AB"}
	want := []string{"10", "9", "A", "A\x00", "AB", "ABCDEFGG~", "ABCDEFGH", "ABCDEFGH\x00", "ABCDEFGHA", "ABCDEFGHI", "Z", "a", "ä"}
	rows := make([]childRow, len(in))
	for i, id := range in {
		rows[i].id = id
	}
	var got []string
	for _, i := range keyOrder(rows) {
		got = append(got, rows[i].id)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("key order %q\nwant %q", got, want)
	}
}

// TestBatchesWithinHostParameterLimit: an INSERT of a full batch binds
// 1 + 128 × 4 = 513 (child rows) and 1 + 128 × 5 = 641 (warnings)
// parameters, within the 999 of SQLite before 3.32, let alone 32,766.
func TestBatchesWithinHostParameterLimit(t *testing.T) {
	if n := 1 + childBatch*4; n > 999 {
		t.Errorf("a batch of child rows binds %d parameters", n)
	}
	if n := 1 + warningBatch*5; n > 999 {
		t.Errorf("a batch of warnings binds %d parameters", n)
	}
}
