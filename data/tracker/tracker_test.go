package tracker

import (
	"context"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func readCSV(t *testing.T, name, body string) (*data.ExtractData, error) {
	t.Helper()
	return ReadTracker(context.Background(), name, []byte(body), asAt)
}

func mustRead(t *testing.T, name, body string) *data.ExtractData {
	t.Helper()
	x, err := readCSV(t, name, body)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return x
}

func TestEveryAliasIsRecognised(t *testing.T) {
	for _, f := range data.Fields {
		for _, alias := range append([]string{f.Name}, f.Aliases...) {
			if f.Name == "child_id" {
				x := mustRead(t, "a.csv", alias+"\nX1\n")
				if len(x.Children) != 1 || x.Children[0].ID != "X1" {
					t.Errorf("heading %q is not read as child_id", alias)
				}
				continue
			}
			value := "x"
			switch f.Kind {
			case data.KindDate:
				value = "01/02/2020"
			case data.KindPlan:
				value = "Adoption"
			case data.KindCode:
				value = map[string]string{"legal_status": "C2", "placement_type": "U4", "reason_ceased": "E11"}[f.Name]
			case data.KindFlag:
				value = "yes"
			}
			// Headings are matched whatever their case and separators.
			heading := strings.ToUpper(strings.ReplaceAll(alias, " ", "_"))
			x := mustRead(t, "a.csv", "Child ID,"+heading+"\nX1,"+value+"\n")
			c := &x.Children[0]
			if f.IsEmpty(c) {
				t.Errorf("heading %q (as %q) did not fill %s", alias, heading, f.Name)
			}
			if len(x.IgnoredColumns) != 0 {
				t.Errorf("heading %q was ignored", heading)
			}
		}
	}
}

func TestDateForms(t *testing.T) {
	want := data.NewDate(2025, 3, 31)
	for _, s := range []string{"2025-03-31", "31/03/2025", "31/3/2025", "31-03-2025", "31 Mar 2025", "31-Mar-2025",
		"31 March 2025", "2025-03-31 00:00:00", "31/03/2025 14:30", "31 Mar 2025 10:00", "31 March 2025 2:15 pm", "31-Mar-2025 00:00", "2025-03-31T10:00:00Z", " 31.03.2025 "} {
		got, err := data.ParseDate(s)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	// Slashes are always day/month/year.
	if got, _ := data.ParseDate("03/04/2025"); got != data.NewDate(2025, 4, 3) {
		t.Errorf("03/04/2025 = %v, want 3 April 2025", got)
	}
	for _, s := range []string{"31/02/2025", "2025/13/01", "yesterday", "31/03/25", "45747", "1/1"} {
		if _, err := data.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) should fail", s)
		}
	}
	if d, err := data.ParseDate("  "); err != nil || !d.IsZero() {
		t.Errorf("blank date should be empty, got %v %v", d, err)
	}
}

func TestDateArithmetic(t *testing.T) {
	for _, tc := range []struct {
		from   string
		months int
		want   string
	}{{"2026-03-31", -6, "2025-09-30"}, {"2025-08-31", 6, "2026-02-28"}, {"2024-02-29", 12, "2025-02-28"},
		{"2026-03-31", -12, "2025-03-31"}, {"2025-01-15", 1, "2025-02-15"}, {"2025-12-01", 1, "2026-01-01"}} {
		if got := d(tc.from).AddMonths(tc.months).String(); got != tc.want {
			t.Errorf("%s + %d months = %s, want %s", tc.from, tc.months, got, tc.want)
		}
	}
	if data.Days(testkit.D("2024-01-01"), testkit.D("2025-01-01")) != 366 {
		t.Error("2024 is a leap year")
	}
	for _, s := range []string{"1970-01-01", "1969-12-31", "2000-02-29", "2100-03-01", "1900-03-01"} {
		if got := d(s).String(); got != s {
			t.Errorf("round trip %s = %s", s, got)
		}
	}
	if got, _ := data.DateFromExcelSerial(45747); got != testkit.D("2025-03-31") {
		t.Errorf("serial 45747 = %v, want 2025-03-31", got)
	}
}

func TestTrackerReadsValues(t *testing.T) {
	body := "\ufeffChild ID;Name;DOB;Legal Status;Placement Type;Care Plan;Final Hearing;Shoe Size\r\n" +
		"A1;Zoë Smith;01/02/2020;c2;u4;Long Term Fostering;2025-06-01;5\r\n" +
		";;;;;;;\r\n" +
		"A2;Renée Jones;2019-05-05;E1;A4;Adopt;;\r\n"
	x := mustRead(t, "tracker.csv", body)
	if len(x.Children) != 2 || x.RowsRead != 2 {
		t.Fatalf("children = %d, rows read %d; want 2 (the blank row is skipped)", len(x.Children), x.RowsRead)
	}
	a := x.Children[0]
	if a.ID != "A1" || a.Name != "Zoë Smith" || a.DOB != testkit.D("2020-02-01") || a.LegalStatus != "C2" || a.PlacementType != "U4" ||
		a.Plan != data.PlanLongTermFostering || a.PlanText != "Long Term Fostering" || a.FinalHearing != testkit.D("2025-06-01") {
		t.Errorf("row 2 read as %+v", a)
	}
	if x.Rows[1] != 4 {
		t.Errorf("second child is on spreadsheet row %d, want 4 (a blank row is still a row)", x.Rows[1])
	}
	if x.Children[1].Plan != data.PlanAdoption {
		t.Errorf("'Adopt' should be the adoption plan")
	}
	if strings.Join(x.IgnoredColumns, ",") != "Shoe Size" {
		t.Errorf("ignored columns = %v", x.IgnoredColumns)
	}
	if len(x.Warnings) != 0 {
		t.Errorf("unexpected warnings %v", x.Warnings)
	}
}

func TestTrackerWindows1252(t *testing.T) {
	// "Zoë" and "Renée" as Excel's "CSV" saves them: Windows-1252 bytes.
	body := []byte("Child ID,Name\nA1,Zo\xeb Smith\nA2,Ren\xe9e Jones\n")
	x, err := ReadTracker(context.Background(), "excel.csv", body, asAt)
	if err != nil {
		t.Fatal(err)
	}
	if x.Children[0].Name != "Zoë Smith" || x.Children[1].Name != "Renée Jones" {
		t.Errorf("names = %q, %q", x.Children[0].Name, x.Children[1].Name)
	}
}

func TestTrackerQuotedMultilineRowNumbers(t *testing.T) {
	body := "Child ID,Name,DOB\nA1,\"Smith,\nJane\",01/01/2020\nA2,Bob,notadate\n"
	_, err := readCSV(t, "m.csv", body)
	got := testkit.Problems(t, err)
	if len(got) != 1 || got[0] != `m.csv:3: DOB: "notadate": cannot be read as a date: use 31/03/2025 or 2025-03-31` {
		t.Errorf("problems = %q", got)
	}
}

func TestTrackerFatalProblems(t *testing.T) {
	for _, tc := range []struct {
		name, file, body string
		want             []string
	}{
		{"no child id column", "a.csv", "Name,DOB\nAnn,01/01/2020\n",
			[]string{"a.csv:1: no child ID column: the heading row needs a column called Child ID (or ID, Person ID, LCS ID, Client ID, CHILD)"}},
		{"empty child id", "a.csv", "ID,Name\nA1,Ann\n,Bob\n,\n",
			[]string{`a.csv:3: ID: "": the child ID is empty on a row that has other values`}},
		{"duplicate child id", "a.csv", "ID,Name\nA1,Ann\nA2,Bob\nA1,Cat\n",
			[]string{`a.csv:4: ID: "A1": the same child ID is already on row 2`}},
		{"every problem is listed", "b.csv", "ID,DOB,Placement Order\nA1,32/01/2020,2020-01-01\nA2,01/01/2020,someday\nA1,,\n",
			[]string{`b.csv:2: DOB: "32/01/2020": cannot be read as a date: use 31/03/2025 or 2025-03-31`,
				`b.csv:3: Placement Order: "someday": cannot be read as a date: use 31/03/2025 or 2025-03-31`,
				`b.csv:4: ID: "A1": the same child ID is already on row 2`}},
		{"empty file", "e.csv", "  \n", []string{"e.csv: the file is empty"}},
		{"heading row only", "h.csv", "Child ID,Name\n\n", []string{"h.csv: the file has a heading row but no children: nothing to import"}},
		{"binary file", "p.csv", "\x00\x01\x02binary", []string{"p.csv: not a CSV or XLSX file (it holds binary data)"}},
		{"not xlsx", "x.xlsx", "Child ID\nA1\n", []string{"x.xlsx: not an XLSX workbook (the file is damaged or is another kind of file)"}},
		{"old xls", "x.xls", "\xd0\xcf\x11\xe0rest", []string{"x.xls: this is an old-style .xls workbook: open it in Excel and save it as .xlsx or CSV"}},
		{"too many cells", "a.csv", "ID,Name\nA1,Ann,extra\n", []string{`a.csv:2: "extra": the row has 3 cells but the heading row has 2`}},
		{"open quote", "a.csv", "ID,Name\nA1,\"Ann\nA2,Bob\n", []string{"a.csv:2: a quote is left open or misplaced: check the quotes on this row"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readCSV(t, tc.file, tc.body)
			got := testkit.Problems(t, err)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestTrackerWarnings(t *testing.T) {
	body := "ID,Plan,LS,PLACE,REC,DOB,Date Entered Care,Placement Order,Adoption Order,Final Hearing\n" +
		"A1,Fostering for a while,C9,ZZ,E99,,,,,\n" +
		"A2,adoption,E1,A4,,01/01/1985,,,,\n" +
		"A3,Adoption,E1,A4,,01/06/2020,01/01/2020,01/05/2024,01/04/2024,01/04/2027\n"
	x := mustRead(t, "w.csv", body)
	var got []string
	for _, w := range x.Warnings {
		got = append(got, w.ChildID+" "+w.String())
	}
	want := []string{
		`A1 row 2: Plan: "Fostering for a while": plan not recognised: counted as "other"`,
		`A1 row 2: REC: "E99": not a known SSDA903 code`,
		`A1 row 2: LS: "C9": not a known SSDA903 code`,
		`A1 row 2: PLACE: "ZZ": not a known SSDA903 code`,
		`A2 row 3: DOB: "01/01/1985": date is before 1990`,
		`A3 row 4: Final Hearing: "01/04/2027": date is more than a year after the extract date (31/03/2026)`,
		`A3 row 4: Date Entered Care: "01/01/2020": is before Date of birth (01/06/2020)`,
		`A3 row 4: Adoption Order: "01/04/2024": is before Placement order (01/05/2024)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if x.Children[0].Plan != data.PlanOther || x.Children[0].PlanText != "Fostering for a while" {
		t.Errorf("unknown plan text must be kept and counted as other: %+v", x.Children[0])
	}
}

func TestPlanVocabulary(t *testing.T) {
	for text, want := range map[string]data.Plan{"ADOPTION": data.PlanAdoption, "placement for adoption": data.PlanAdoption,
		" SGO ": data.PlanSpecialGuardianship, "Special Guardianship Order": data.PlanSpecialGuardianship,
		"long-term fostering": data.PlanLongTermFostering, "Permanent Fostering": data.PlanLongTermFostering, "LTF": data.PlanLongTermFostering,
		"Rehab": data.PlanReunification, "Return to Parents": data.PlanReunification, "Placement with Parents": data.PlanReunification,
		"Residence Order": data.PlanChildArrangementsOrder, "CAO": data.PlanChildArrangementsOrder, "Step-down": data.PlanResidentialStepDown,
		"Residential Step Down": data.PlanResidentialStepDown, "Independence": data.PlanOther, "Supported Living": data.PlanOther, "": data.PlanNotRecorded} {
		if got, known := data.ParsePlan(text); got != want || !known {
			t.Errorf("ParsePlan(%q) = %v, %v; want %v", text, got.Key(), known, want.Key())
		}
	}
	if p, known := data.ParsePlan("adoption?"); known || p != data.PlanOther {
		t.Error("unrecognised text must be other and unknown")
	}
}

func writeXLSX(t *testing.T, path string, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	fill(f)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTrackerXLSX(t *testing.T) {
	dir := t.TempDir()
	b := writeXLSX(t, filepath.Join(dir, "t.xlsx"), func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Notes")
		f.SetCellStr("Notes", "A1", "This sheet has no table")
		f.NewSheet("Children")
		f.SetCellStr("Children", "A1", "Permanence tracker, March 2026")
		f.SetSheetRow("Children", "A3", &[]any{"LCS ID", "Child Name", "Date of Birth", "Placement Order", "Plan"})
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetSheetRow("Children", "A4", &[]any{1001, "Ann Lee", 43831.0, "15/06/2024", "SGO"})
		f.SetCellStyle("Children", "C4", "C4", style)
		f.SetSheetRow("Children", "A6", &[]any{"1002", "Bo Ng", "2021-01-01", 45000, ""})
		f.SetCellStyle("Children", "D6", "D6", style)
	})
	x, err := ReadTracker(context.Background(), "t.xlsx", b, asAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Children) != 2 {
		t.Fatalf("children = %d", len(x.Children))
	}
	a, bo := x.Children[0], x.Children[1]
	if a.ID != "1001" || a.DOB != testkit.D("2020-01-01") || a.PlacementOrder != testkit.D("2024-06-15") || a.Plan != data.PlanSpecialGuardianship {
		t.Errorf("first child %+v", a)
	}
	if bo.ID != "1002" || bo.DOB != testkit.D("2021-01-01") || bo.PlacementOrder != testkit.D("2023-03-15") || x.Rows[1] != 6 {
		t.Errorf("second child %+v on row %d", bo, x.Rows[1])
	}

	// A workbook in Excel's 1904 date system (old Mac Excel) reads its date
	// cells from 1904: serial 44285 there is 31 March 2025.
	b = writeXLSX(t, filepath.Join(dir, "mac.xlsx"), func(f *excelize.File) {
		yes := true
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
		f.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "DOB"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"M1", 44285})
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle("Sheet1", "B2", "B2", style)
	})
	x, err = ReadTracker(context.Background(), "mac.xlsx", b, asAt)
	if err != nil || x.Children[0].DOB != testkit.D("2025-03-31") {
		t.Errorf("1904 workbook: %v %v", err, x)
	}

	// A workbook with no child ID heading anywhere is rejected.
	b = writeXLSX(t, filepath.Join(dir, "n.xlsx"), func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Name", "DOB"})
	})
	_, err = ReadTracker(context.Background(), "n.xlsx", b, asAt)
	if got := testkit.Problems(t, err); len(got) != 1 || !strings.HasPrefix(got[0], "n.xlsx: no sheet has a child ID column") {
		t.Errorf("problems = %q", got)
	}
	// A bad date cell is located by row and heading.
	b = writeXLSX(t, filepath.Join(dir, "bad.xlsx"), func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "DOB"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"Z9", "soon"})
	})
	_, err = ReadTracker(context.Background(), "bad.xlsx", b, asAt)
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != `bad.xlsx:2: DOB: "soon": cannot be read as a date: use 31/03/2025 or 2025-03-31` {
		t.Errorf("problems = %q", got)
	}
}

func TestNormaliseHeading(t *testing.T) {
	for in, want := range map[string]string{"Date Became Looked After": "date_became_looked_after", " PO-Date ": "po_date",
		"2nd CLA Review": "2nd_cla_review", "Pre-proceedings Start": "pre_proceedings_start", "Child's Name": "childs_name",
		"A/B.C__D": "a_b_c_d"} {
		if got := data.NormaliseHeading(in); got != want {
			t.Errorf("NormaliseHeading(%q) = %q, want %q", in, got, want)
		}
	}
}

func d(s string) data.Date { return data.MustDate(s) }

var asAt = testkit.D("2026-03-31")
