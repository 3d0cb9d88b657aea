package ssda903

import (
	"context"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"sort"
	"strings"
	"testing"
)

func readReturn(t testing.TB, dir string, date data.Date) *data.ExtractData {
	t.Helper()
	x, err := ReadSSDA903Files(context.Background(), testkit.CSVs(t, dir), date)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return x
}

// expectChild checks every field of a derived child: the listed fields have
// these values (dates as YYYY-MM-DD, the plan as its key, flags as "1") and
// every other field is empty.
func expectChild(t *testing.T, c *data.Child, want map[string]string, planText string) {
	t.Helper()
	for i := range data.Fields {
		f := &data.Fields[i]
		if f.Name == "child_id" {
			continue
		}
		got, w := f.Value(c), want[f.Name]
		if f.Kind == data.KindPlan && w == "" {
			w = "not_recorded"
		}
		if got != w {
			t.Errorf("%s: %s = %q, want %q", c.ID, f.Name, got, w)
		}
	}
	if c.PlanText != planText {
		t.Errorf("%s: plan text = %q, want %q", c.ID, c.PlanText, planText)
	}
	if c.PlanInferred != (planText != "") {
		t.Errorf("%s: plan inferred = %v", c.ID, c.PlanInferred)
	}
	for name := range want {
		if data.FieldByName(name) == nil {
			t.Errorf("no field %s", name)
		}
	}
}

var twoYearsAsAt = data.MustDate("2021-03-31")

// Two hand-made returns (2019-20 and 2020-21) whose journeys are worked out
// by hand below. Open episodes of 2019-20 reappear, closed, in 2020-21.
func TestSSDA903TwoYearsDerivedByHand(t *testing.T) {
	x := readReturn(t, "testdata/ssda903/two_years", data.NoDate)
	if x.Kind != data.KindSSDA903 || x.Date != twoYearsAsAt || x.FileName != "two_years (11 files)" {
		t.Errorf("kind %s, date %s, name %q", x.Kind, x.Date, x.FileName)
	}
	if x.RowsRead != 14+10+8+7+12+9+2+2+2 {
		t.Errorf("rows read = %d", x.RowsRead)
	}
	for _, w := range x.Warnings {
		t.Errorf("unexpected warning: %s %s", w.ChildID, w)
	}
	if len(x.IgnoredColumns) != 1 || !strings.HasPrefix(x.IgnoredColumns[0], "missing table (2019-20_missing.csv): not stored") {
		t.Errorf("ignored = %q", x.IgnoredColumns)
	}
	var ids []string
	for _, c := range x.Children {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "ADOPT1 BACK FCADOPT HOME LTF PWP RESPITE SGO" {
		t.Fatalf("children = %s", got)
	}

	// Adopted (placement order, not by foster carers). The 15/02/2020
	// episode is open in 2019-20 and ends 20/06/2020 in 2020-21. The ADM
	// decision is DATE_PLACED, the match is AD1's DATE_MATCH, the move is
	// the first A3-A6 episode; the second review is the second since entry.
	expectChild(t, testkit.Child(t, x.Children, "ADOPT1"), map[string]string{
		"date_of_birth": "2019-03-15", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2019-05-01", "ceased_care_date": "2021-01-15", "reason_ceased": "E12",
		"legal_status": "E1", "placement_type": "A6", "placement_start_date": "2020-06-20",
		"permanence_plan": "adoption", "plan_inferred": "1", "second_review_date": "2019-08-20",
		"care_order_date": "2019-11-10", "placement_order_date": "2020-02-15", "adm_adoption_date": "2019-12-01",
		"match_date": "2020-06-05", "placed_for_adoption_date": "2020-06-20", "adoption_order_date": "2021-01-15",
	}, "inferred from REC E12")

	// Adopted by the foster-for-adoption carers the child moved to on
	// 01/09/2019 (RNE P): the later episodes (RNE L, L, then T into A5)
	// stay with them, so A10's clock stops on 01/09/2019.
	expectChild(t, testkit.Child(t, x.Children, "FCADOPT"), map[string]string{
		"date_of_birth": "2019-05-20", "sex": "Female", "ethnicity": "White and Black Caribbean",
		"date_entered_care": "2019-06-03", "ceased_care_date": "2021-02-01", "reason_ceased": "E12",
		"legal_status": "E1", "placement_type": "A5", "placement_start_date": "2020-07-01",
		"permanence_plan": "adoption", "plan_inferred": "1", "second_review_date": "2019-12-01",
		"care_order_date": "2019-12-10", "placement_order_date": "2020-03-01", "adm_adoption_date": "2020-01-20",
		"match_date": "2020-06-15", "placed_for_adoption_date": "2020-07-01", "adoption_order_date": "2021-02-01",
		"early_permanence_date": "2019-09-01", "adopted_by_foster_carer": "1", "a10_start_date": "2019-09-01",
	}, "inferred from REC E12")

	// Long-term fostering since 01/10/2018: the change of legal status
	// (RNE L) keeps the placement, which started with the period.
	expectChild(t, testkit.Child(t, x.Children, "LTF"), map[string]string{
		"date_of_birth": "2010-10-10", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2018-10-01", "legal_status": "C2", "placement_type": "U4",
		"placement_start_date": "2018-10-01", "care_order_date": "2019-04-01", "second_review_date": "2019-03-10",
		"permanence_plan": "long_term_fostering", "plan_inferred": "1",
	}, "inferred from C2/U4")

	// Placed with parents under a care order; the 2020-21 header corrects
	// the ethnicity (the later return wins).
	expectChild(t, testkit.Child(t, x.Children, "PWP"), map[string]string{
		"date_of_birth": "2015-01-01", "sex": "Female", "ethnicity": "African",
		"date_entered_care": "2020-01-15", "legal_status": "C2", "placement_type": "P1",
		"placement_start_date": "2020-05-20", "care_order_date": "2020-05-20", "placed_with_parents_date": "2020-05-20",
		"second_review_date": "2020-05-10", "permanence_plan": "reunification", "plan_inferred": "1",
	}, "inferred from C2/P1")

	expectChild(t, testkit.Child(t, x.Children, "SGO"), map[string]string{
		"date_of_birth": "2012-05-05", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2020-02-01", "ceased_care_date": "2020-12-01", "reason_ceased": "E45",
		"legal_status": "V2", "placement_type": "U3", "placement_start_date": "2020-02-01",
		"sgo_order_date": "2020-12-01", "second_review_date": "2020-08-01",
		"permanence_plan": "special_guardianship", "plan_inferred": "1",
	}, "inferred from REC E45")

	// Only in 2019-20, and home by the end of it.
	expectChild(t, testkit.Child(t, x.Children, "HOME"), map[string]string{
		"date_of_birth": "2008-02-02", "sex": "Female", "ethnicity": "Indian",
		"date_entered_care": "2019-06-01", "ceased_care_date": "2019-09-01", "reason_ceased": "E4A",
		"legal_status": "V2", "placement_type": "U6", "placement_start_date": "2019-06-01",
		"permanence_plan": "reunification", "plan_inferred": "1",
	}, "inferred from REC E4A")

	// Two periods of care, one in each return: the record is the latest,
	// and its second review counts from 01/08/2020. No plan can be inferred
	// from V2/U6.
	expectChild(t, testkit.Child(t, x.Children, "BACK"), map[string]string{
		"date_of_birth": "2009-03-03", "sex": "Male", "ethnicity": "Any other White background",
		"date_entered_care": "2020-08-01", "legal_status": "V2", "placement_type": "U6",
		"placement_start_date": "2020-08-01", "second_review_date": "2020-11-10",
	}, "")

	// Short breaks only (V4): not a period of care.
	expectChild(t, testkit.Child(t, x.Children, "RESPITE"), map[string]string{
		"date_of_birth": "2011-04-04", "sex": "Female", "ethnicity": "White British",
		"legal_status": "V4", "placement_type": "U6",
	}, "")

	// A1, A2 and A10 over the year to 31/03/2021 (two adoption orders):
	// A1:  ADOPT1 01/05/2019 -> 20/06/2020 = 416 days; FCADOPT 03/06/2019 -> 01/07/2020 = 394; mean 405.0
	// A2:  ADOPT1 15/02/2020 -> 05/06/2020 = 111 days; FCADOPT 01/03/2020 -> 15/06/2020 = 106; mean 108.5
	// A10: ADOPT1 as A1 = 416; FCADOPT 03/06/2019 -> 01/09/2019 = 90; mean 253.0
	m := data.Compute(x.Children, twoYearsAsAt, data.NoDate, data.DefaultThresholds())
	for key, want := range map[string]int{"adoption.orders": 2, "adoption.a1_count": 2, "adoption.a1_within_426": 2,
		"adoption.a2_count": 2, "adoption.a2_within_121": 2, "adoption.a10_count": 2, "adoption.a10_within_426": 2,
		"in_care": 3, "cohort.long_term_fostering": 1, "cohort.reunification": 1, "cohort.not_recorded": 1,
		"cohort.adoption": 0, "sgo.orders": 1, "reunification.placed_with_parents": 1, "early_permanence.placements": 0} {
		if got := m.Count(data.Key(key)); got != want {
			t.Errorf("%s = %d, want %d", key, got, want)
		}
	}
	for key, want := range map[string]float64{"adoption.a1_mean_days": 405.0, "adoption.a2_mean_days": 108.5,
		"adoption.a10_mean_days": 253.0} {
		if got, ok := m.Number(data.Key(key)); !ok || got != want {
			t.Errorf("%s = %v (%v), want %v", key, got, ok, want)
		}
	}
}

// Returns from consecutive years overlap: each episode is kept once, from
// the later return, and periods of care are rebuilt across the years.
func TestSSDA903StitchesYears(t *testing.T) {
	files := testkit.CSVs(t, "testdata/ssda903/two_years")
	x, err := ReadSSDA903Files(context.Background(), files, data.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	var episodes *data.SourceTable
	for i := range x.Stored {
		if x.Stored[i].Name == "ssda903_episodes" {
			episodes = &x.Stored[i]
		}
	}
	if episodes == nil {
		t.Fatal("no SSDA903 episodes table beside the extract")
	}
	type kept struct {
		decom, dec, file string
		period           int16
	}
	col := map[string]int{}
	for i, c := range episodes.Columns {
		col[c] = i
	}
	byChild := map[string][]kept{}
	total := 0
	for i := 0; i < episodes.Rows; i++ {
		v, ok := episodes.Row(i)
		if !ok {
			continue
		}
		total++
		id := v[col["child_id"]].(string)
		byChild[id] = append(byChild[id], kept{v[col["decom"]].(string), v[col["dec"]].(string),
			v[col["source_file"]].(string), v[col["period_of_care"]].(int16)})
	}
	// 14 + 10 episodes, 5 of them in both returns.
	if total != 19 {
		t.Errorf("%d episodes kept, want 19", total)
	}
	a := byChild["ADOPT1"]
	if len(a) != 4 || a[2] != (kept{"2020-02-15", "2020-06-20", "2020-21_episodes.csv", 1}) {
		t.Errorf("ADOPT1 episodes = %+v", a)
	}
	b := byChild["BACK"]
	if len(b) != 2 || b[0].period != 1 || b[1].period != 2 || b[0].file != "2019-20_episodes.csv" || b[1].file != "2020-21_episodes.csv" {
		t.Errorf("BACK episodes = %+v", b)
	}

	// The same return read in another order (and from a different folder
	// listing) is the same extract.
	rev := append([]string(nil), files...)
	sort.Sort(sort.Reverse(sort.StringSlice(rev)))
	y, err := ReadSSDA903Files(context.Background(), rev, data.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	if y.SHA256 != x.SHA256 || len(y.Children) != len(x.Children) {
		t.Errorf("order changed the extract: %s vs %s", y.SHA256, x.SHA256)
	}
	for i := range x.Children {
		if x.Children[i] != y.Children[i] {
			t.Errorf("%s differs when read in another order", x.Children[i].ID)
		}
	}
	// Only the 2019-20 return: the adoption is still to come.
	var first []string
	for _, f := range files {
		if strings.Contains(f, "2019-20") {
			first = append(first, f)
		}
	}
	z, err := ReadSSDA903Files(context.Background(), first, data.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	if z.Date != data.MustDate("2020-03-31") || z.SHA256 == x.SHA256 {
		t.Errorf("2019-20 alone: date %s", z.Date)
	}
	c := testkit.Child(t, z.Children, "ADOPT1")
	if !c.CeasedCare.IsZero() || c.LegalStatus != "E1" || c.PlacementType != "U6" || c.PlacementStart != data.MustDate("2019-05-01") {
		t.Errorf("ADOPT1 at 2019-20: %+v", c)
	}
}

// An extract date before the end of the data gives the state as at that
// date: later episodes are left out and later ends are still open.
func TestSSDA903ExtractDateCutsTheJourney(t *testing.T) {
	x := readReturn(t, "testdata/ssda903/two_years", data.MustDate("2020-03-31"))
	if x.Date != data.MustDate("2020-03-31") {
		t.Fatalf("date = %s", x.Date)
	}
	expectChild(t, testkit.Child(t, x.Children, "ADOPT1"), map[string]string{
		"date_of_birth": "2019-03-15", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2019-05-01", "legal_status": "E1", "placement_type": "U6", "placement_start_date": "2019-05-01",
		"permanence_plan": "adoption", "plan_inferred": "1", "second_review_date": "2019-08-20",
		"care_order_date": "2019-11-10", "placement_order_date": "2020-02-15", "adm_adoption_date": "2019-12-01",
	}, "inferred from E1/U6")
	if c := testkit.Child(t, x.Children, "SGO"); !c.CeasedCare.IsZero() || !c.SGOOrder.IsZero() {
		t.Errorf("SGO at 31/03/2020: %+v", c)
	}
	for _, w := range x.Warnings {
		t.Errorf("unexpected warning: %s %s", w.ChildID, w)
	}
}

// Regional pipeline output: LA and YEAR columns, ISO dates, a BOM and CRLF.
func TestSSDA903RegionalLAQualifiedIDs(t *testing.T) {
	x := readReturn(t, "testdata/ssda903/regional", data.NoDate)
	if x.Date != twoYearsAsAt {
		t.Errorf("date = %s", x.Date)
	}
	var ids []string
	for _, c := range x.Children {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "Barnet/100 Camden/100 Camden/200" {
		t.Fatalf("children = %s", got)
	}
	expectChild(t, &x.Children[0], map[string]string{
		"date_of_birth": "2015-06-01", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2020-01-10", "legal_status": "C2", "placement_type": "U6", "placement_start_date": "2020-01-10",
		"care_order_date": "2020-09-01",
	}, "")
	expectChild(t, &x.Children[1], map[string]string{
		"date_of_birth": "2012-02-02", "sex": "Female", "ethnicity": "African",
		"date_entered_care": "2019-11-05", "legal_status": "V2", "placement_type": "U4", "placement_start_date": "2019-11-05",
		"permanence_plan": "long_term_fostering", "plan_inferred": "1",
	}, "inferred from V2/U4")
	// Open in YEAR 2020 but not in YEAR 2021, which has other Camden
	// children: taken to have left care by the end of the 2020 return's year.
	expectChild(t, &x.Children[2], map[string]string{
		"date_of_birth": "2010-01-01", "sex": "Male", "ethnicity": "White British",
		"date_entered_care": "2020-02-01", "ceased_care_date": "2020-03-31", "legal_status": "V2", "placement_type": "U6",
		"placement_start_date": "2020-02-01",
	}, "")
	if len(x.Warnings) != 1 || x.Warnings[0].ChildID != "Camden/200" || x.Warnings[0].Row != 7 ||
		x.Warnings[0].Column != "episodes.csv DEC" || !strings.Contains(x.Warnings[0].Message, "not in the later return (episodes.csv, YEAR 2021)") {
		t.Errorf("warnings = %+v", x.Warnings)
	}
}

// Each journey check, once, located at the row and column it is about.
func TestSSDA903Warnings(t *testing.T) {
	x := readReturn(t, "testdata/ssda903/warnings", data.NoDate)
	want := []struct {
		child, column string
		row           int
		value, msg    string
	}{
		{"OVERLAP", "episodes.csv DECOM", 3, "20/07/2020", "episodes overlap"},
		{"GAP", "episodes.csv DECOM", 5, "15/08/2020", "starts 14 days after the previous one ended"},
		{"MATCHLATE", "ad1.csv DATE_MATCH", 2, "10/09/2020", "the match is after the child was placed for adoption (episodes.csv row 8"},
		{"NOPO", "episodes.csv REC", 10, "E12", "no episode in this period of care has LS E1"},
		{"SGO18", "episodes.csv REC", 11, "E45", "for a child aged 19"},
		{"ADMLATE", "placed_for_adoption.csv DATE_PLACED", 4, "01/12/2020", "is after they were placed for adoption (episodes.csv row 14"},
		{"OPEN", "episodes.csv DEC", 15, "", "no end date but a later episode starts on 01/07/2020"},
		{"NOS", "episodes.csv RNE", 18, "P", "should have RNE S"},
		{"FC", "ad1.csv FOSTER_CARE", 4, "1", "does not agree with the adoptive placement A6"},
		{"BORN", "episodes.csv DECOM", 22, "01/07/2020", "is before Date of birth"}, // CheckChild, located
		{"ORPHAN", "header.csv CHILD", 12, "ORPHAN", "has no episodes: not imported"},
	}
	got := append([]data.Warning(nil), x.Warnings...)
	for _, w := range want {
		found := -1
		for i, g := range got {
			if g.ChildID == w.child && g.Column == w.column && g.Row == w.row && g.Value == w.value && strings.Contains(g.Message, w.msg) {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("no warning for %s %s row %d %q: %s", w.child, w.column, w.row, w.value, w.msg)
			continue
		}
		got = append(got[:found], got[found+1:]...)
	}
	for _, g := range got {
		t.Errorf("unexpected warning: %s %s", g.ChildID, g)
	}
	if len(x.Children) != 10 {
		t.Errorf("%d children, want 10 (ORPHAN has no episodes)", len(x.Children))
	}
	// The journeys are still derived around the problems.
	if c := testkit.Child(t, x.Children, "OPEN"); c.EnteredCare != data.MustDate("2020-05-01") || c.PlacementStart != data.MustDate("2020-07-01") {
		t.Errorf("OPEN: %+v", c)
	}
	if c := testkit.Child(t, x.Children, "NOS"); c.EnteredCare != data.MustDate("2020-09-01") {
		t.Errorf("NOS: entered care %s", c.EnteredCare)
	}
	if c := testkit.Child(t, x.Children, "FC"); !c.FosterCarerAdoption || c.A10Start != c.PlacedForAdoption {
		t.Errorf("FC: %+v", c)
	}
}

// Broken files are fatal: every problem is listed with file, row and
// column, and nothing is returned.
func TestSSDA903FatalProblems(t *testing.T) {
	const eh = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
	good := eh + "A,01/04/2020,S,V2,N1,U6,PR1,,,,,,\n"
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"no CHILD column", map[string]string{"episodes.csv": strings.TrimPrefix(eh, "CHILD,") + "01/04/2020,S,V2,N1,U6,PR1,,,,,,\n"},
			[]string{`episodes.csv:1: CHILD: "": no CHILD column`}},
		{"unreadable date", map[string]string{"episodes.csv": good + "B,31/02/2020,S,V2,N1,U6,PR1,,,,,,\nC,2020-05-01,S,V2,N1,U6,PR1,soon,,,,,\n"},
			[]string{`episodes.csv:3: DECOM: "31/02/2020": cannot be read as a date`, `episodes.csv:4: DEC: "soon": cannot be read as a date`}},
		{"unrecognised table", map[string]string{"episodes.csv": good, "notes.csv": "Name,Colour\nAmy,red\n"},
			[]string{`notes.csv:1: "Name,Colour": not an SSDA903 table`}},
		{"missing required column", map[string]string{"episodes.csv": strings.Replace(good, ",REC,", ",RECX,", 1)},
			[]string{`episodes.csv:1: REC: "": the episodes table needs a REC column`}},
		{"a year that cannot be right", map[string]string{"episodes.csv": good + "B,01/04/0202,S,V2,N1,U6,PR1,,,,,,\nC,2020-05-01,S,V2,N1,U6,PR1,2020-06-01,E8,,,,\n",
			"header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/0001,WBRI,,,\n"},
			[]string{`episodes.csv:3: DECOM: "01/04/0202": the year 202 cannot be right: a date in a return is between 1900 and 2199`,
				`header.csv:2: DOB: "01/01/0001": the year 1 cannot be right`}},
		{"empty CHILD and DECOM", map[string]string{"episodes.csv": good + ",01/04/2020,S,V2,N1,U6,PR1,,,,,,\nD,,S,V2,N1,U6,PR1,,,,,,\n"},
			[]string{`episodes.csv:3: CHILD: "": CHILD is empty`, `episodes.csv:4: DECOM: "": DECOM (the date the episode began) is empty`}},
		{"empty LA, bad YEAR", map[string]string{"episodes.csv": strings.Replace(eh, "URN\n", "URN,LA,YEAR\n", 1) +
			"A,2020-04-01,S,V2,N1,U6,PR1,,,,,,,,2021\nB,2020-04-01,S,V2,N1,U6,PR1,,,,,,,Barnet,twenty\n"},
			[]string{`episodes.csv:2: LA: "": LA is empty`, `episodes.csv:3: YEAR: "twenty": YEAR is not a year`}},
		{"no episodes table", map[string]string{"header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2015,WBRI,,,\n"},
			[]string{`header.csv: no episodes table among these files`}},
		{"episodes table with no rows", map[string]string{"episodes.csv": eh},
			[]string{`episodes.csv: the episodes table has no rows`}},
		{"open quote", map[string]string{"episodes.csv": good + "\"B,01/04/2020,S\n"},
			[]string{`episodes.csv:3: a quote is left open`}},
		{"too many cells", map[string]string{"episodes.csv": good + "B,01/04/2020,S,V2,N1,U6,PR1,,,,,,,extra\n"},
			[]string{`episodes.csv:3: "extra": the row has 14 cells but the heading row has 13`}},
		{"empty file and bad date elsewhere", map[string]string{"episodes.csv": good, "ad1.csv": "",
			"reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2015,13/13/2020,PN1\n"},
			[]string{`ad1.csv: the file is empty`, `reviews.csv:2: REVIEW: "13/13/2020": cannot be read as a date`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for name, body := range tc.files {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
				files = append(files, p)
			}
			sort.Strings(files)
			x, err := ReadSSDA903Files(context.Background(), files, data.NoDate)
			if x != nil {
				t.Errorf("an extract came back with the error")
			}
			got := testkit.Problems(t, err)
			if len(got) != len(tc.want) {
				t.Errorf("problems = %q, want %d", got, len(tc.want))
			}
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					found = found || strings.Contains(g, w)
				}
				if !found {
					t.Errorf("no problem %q in %q", w, got)
				}
			}
		})
	}
}

func TestSSDA903RecognisesTablesByHeadings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n", true},
		{"\ufeffchild;decom;rne;ls;place;dec;rec\n", true}, // BOM, semicolons, lower case
		{"CHILD,DOB,REVIEW,REVIEW_CODE,LA,YEAR\n", true},
		{"CHILD,DOB,DOLO_START,DOLO_END\r\n", true},
		{"DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n", true}, // CHILD missing: still episodes
		{"Child ID,Name,Permanence Plan,Review\n", false},                                                   // a tracker
		{"CHILD,SEX,DOB,ETHNIC,Permanence Plan,Team\n", false},                                              // a tracker using 903 names
		{"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,LA,YEAR\n", true},
		{"Child ID,Date of Birth,Placement Order,Match Date\n", false},
		{"", false},
	} {
		if got := IsSSDA903File(write("t.csv", tc.body)); got != tc.want {
			t.Errorf("IsSSDA903File(%q) = %v", tc.body, got)
		}
	}
	if IsSSDA903File(filepath.Join(dir, "missing.csv")) {
		t.Error("a missing file is a 903 table")
	}
	// The table's name is never taken from the file name.
	p := write("episodes.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2015,01/05/2020,PN1\n")
	if _, err := ReadSSDA903Files(context.Background(), []string{p}, data.NoDate); err == nil ||
		!strings.Contains(err.Error(), "no episodes table") {
		t.Errorf("a reviews table called episodes.csv: %v", err)
	}
}

func TestSSDA903TablesReport(t *testing.T) {
	x := readReturn(t, "testdata/ssda903/two_years", data.NoDate)
	got := map[string]data.TableReport{}
	for _, tt := range x.Tables {
		got[tt.Name] = tt
	}
	if len(got) != 6 {
		t.Errorf("tables = %+v", got)
	}
	if e := got["episodes"]; !e.Stored || e.Rows != 24 || len(e.Files) != 2 || e.Use == "" {
		t.Errorf("episodes = %+v", e)
	}
	if h := got["header"]; h.Stored || h.Rows != 15 {
		t.Errorf("header = %+v", h)
	}
	// 2019-20_missing.csv holds one row: the report says so though the table is not read.
	if m := got["missing"]; m.Stored || m.Rows != 1 || !strings.Contains(m.Use, "not read or stored") {
		t.Errorf("missing = %+v", m)
	}
}

// A return whose tables were saved as UTF-16 ("Unicode Text") reads as the
// same return in UTF-8.
func TestSSDA903UTF16(t *testing.T) {
	dir := t.TempDir()
	for _, f := range testkit.CSVs(t, "testdata/ssda903/two_years") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out := []byte{0xff, 0xfe} // UTF-16 LE with its BOM
		for _, r := range string(b) {
			out = append(out, byte(r), byte(r>>8))
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), out, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := ReadSSDA903Files(context.Background(), testkit.CSVs(t, "testdata/ssda903/two_years"), data.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadSSDA903Files(context.Background(), testkit.CSVs(t, dir), data.NoDate)
	if err != nil {
		t.Fatalf("UTF-16 return: %v", err)
	}
	if len(got.Children) != len(want.Children) || got.Date != want.Date {
		t.Errorf("UTF-16: %d children as at %s, UTF-8: %d as at %s", len(got.Children), got.Date, len(want.Children), want.Date)
	}
	for _, f := range testkit.CSVs(t, dir) {
		if !IsSSDA903File(f) {
			t.Errorf("%s in UTF-16 is not recognised as an SSDA903 table", filepath.Base(f))
		}
	}
}
