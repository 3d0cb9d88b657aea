package tracker

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"permanence/data"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

// trackerSeeds are small extracts with the features the reader must keep
// handling: a BOM, semicolons, CRLF, Windows-1252, quoted cells spanning
// lines, blank rows, XLSX, and every kind of fatal problem and warning.
var trackerSeeds = []string{
	"\ufeffChild ID;Name;DOB;Legal Status;Care Plan;Final Hearing\r\nA1;Zoë Smith;01/02/2020;c2;Long Term Fostering;2025-06-01\r\n;;;;;\r\nA2;Renée;2019-05-05;E1;Adopt;\r\n",
	"Child ID,Name\nA1,Zo\xeb Smith\nA2,Ren\xe9e Jones\n",
	"Child ID,Name,DOB\nA1,\"Smith,\nJane\",01/01/2020\nA2,Bob,notadate\n",
	"ID,DOB,Placement Order\nA1,32/01/2020,2020-01-01\nA2,01/01/2020,someday\nA1,,\n",
	"ID,Name\nA1,Ann,extra\n",
	"ID,Name\nA1,\"Ann\nA2,Bob\n",
	"ID,Plan,LS,PLACE,REC,DOB,Date Entered Care,Placement Order,Adoption Order,Final Hearing,Foster Carer Adoption\n" +
		"A1,Fostering for a while,C9,ZZ,E99,,,,,,maybe\nA2,adoption,E1,A4,,01/01/1985,,,,,Yes\n" +
		"A3,Adoption,E1,A4,,01/06/2020,01/01/2020,01/05/2024,01/04/2024,01/04/2027,no\n",
	"Name,DOB\nAnn,01/01/2020\n",
	"Child ID,Name\n\n",
	"  \n",
	"Child ID\tDOB\tSGO Order\n7\t31 Mar 2025\t2025-03-31 00:00:00\n8\t31-Mar-2025\t31/3/2025 14:30\n",
	"\n\nchild_id,date_of_birth\n\"X\"\"1\",\"2020-02-29\"\nX2,2021-02-29\n",
}

// FuzzReadTracker checks that the tracker reader never panics (nor has to
// catch a panic), stays within its memory bounds, that a rejected file is
// an *InputError whose every problem names the file, and that an accepted
// one is consistent: one source row per child, rows in order, child IDs
// present and unique, warnings tied to a child's row, and the file's own
// SHA-256.
func FuzzReadTracker(f *testing.F) {
	for _, s := range trackerSeeds {
		f.Add([]byte(s), false)
	}
	for _, b := range textSeeds(f) {
		f.Add(b, false)
	}
	f.Add(smallWorkbook(f), true)
	for _, b := range workbookSeeds(f) {
		f.Add(b, true)
	}
	f.Fuzz(func(t *testing.T, b []byte, xlsx bool) {
		name := "fuzz.csv"
		if xlsx {
			name = "fuzz.xlsx"
		}
		var x *data.ExtractData
		var err error
		alloc := allocated(func() { x, err = ReadTracker(context.Background(), name, b, asAt) })
		if budget := 256<<20 + 256*uint64(len(b)); alloc > budget {
			t.Errorf("reading %d bytes allocated %d MB, more than the %d MB allowed", len(b), alloc>>20, budget>>20)
		}
		if err != nil {
			checkProblems(t, name, err)
			return
		}
		if err := checkExtract(x, b); err != nil {
			t.Errorf("%q: %v", b, err)
		}
	})
}

// checkProblems fails t unless err is an *InputError whose every problem
// names the file, and none is a panic the reader caught.
func checkProblems(t *testing.T, name string, err error) {
	var ie *data.InputError
	if !errors.As(err, &ie) || len(ie.Problems) == 0 {
		t.Fatalf("error %v is not an *InputError with problems", err)
	}
	for _, p := range ie.Problems {
		if p.File != name || p.Row < 0 {
			t.Errorf("problem %+v does not name %s (or has a negative row)", p, name)
		}
		if strings.Contains(p.Why, "reading it failed") {
			t.Errorf("the reader caught a panic: %s", p.Why)
		}
	}
}

// textSeeds are text files beyond trackerSeeds: UTF-16 as Excel saves
// "Unicode Text" (and without a BOM, big-endian, comma-separated), a
// child ID over 100 characters and a cell over 32,767.
func textSeeds(f *testing.F) [][]byte {
	tab := "Child ID\tName\tDOB\r\nA1\tZoë Smith\t01/02/2020\r\nA2\tRenée\t2019-05-05\r\n"
	return [][]byte{
		utf16(f, tab, unicode.LittleEndian, unicode.UseBOM),
		utf16(f, strings.ReplaceAll(tab, "\t", ","), unicode.BigEndian, unicode.IgnoreBOM),
		[]byte("ID,DOB\nA1,01/01/2020\n" + strings.Repeat("x", 101) + ",01/01/2020\n"),
		[]byte("ID,Name\nA1,\"" + strings.Repeat("a", 33000) + "\"\n"),
	}
}

// workbookSeeds are small workbooks with what the XLSX reader must keep
// handling: number formats (read as displayed), formulas with and without
// saved values, a zip bomb of each kind (a part declaring 4 GB, a real one
// of 2,000,000 styles, a sheet unpacking to far more than it declares),
// truncated workbooks, and compound files (with a password; an old .xls).
func workbookSeeds(f *testing.F) [][]byte {
	parts := workbookParts(f, tinyTracker(f))
	small := smallWorkbook(f)
	var locked bytes.Buffer
	if err := tinyTracker(f).Write(&locked, excelize.Options{Password: "secret"}); err != nil {
		f.Fatal(err)
	}
	liar := sheetHead + textRow(1, "Child ID", "DOB") + textRow(2, "A1", "01/02/2020")
	return [][]byte{
		workbookBytes(f, func(wb *excelize.File) {
			wb.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "Team", "DOB"})
			styled(f, wb, "A2", 123, "00000", 0)
			styled(f, wb, "B2", 7, `"T"000;[Red]-0`, 0)
			styled(f, wb, "C2", 43831.5, "dd/mm/yyyy hh:mm", 0)
		}),
		rezip(f, parts, zipPart{name: "xl/worksheets/sheet1.xml", body: []byte(formulaSheet)}),
		rezip(f, parts, zipPart{name: "xl/styles.xml", body: parts["xl/styles.xml"], declared: 4 << 30}),
		rezip(f, parts, bombPart(f, "xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>`,
			strings.Repeat("<xf/>", 1000), 2000, "</cellXfs></styleSheet>", 0)),
		rezip(f, parts, bombPart(f, "xl/worksheets/sheet1.xml", liar, strings.Repeat(" ", 1<<20), 16, sheetTail, 8<<10)),
		small[:len(small)/2],
		small[:len(small)-10],
		locked.Bytes(),
		cfbFile("Root Entry", "Workbook"),
	}
}

// checkExtract says what is inconsistent in an accepted extract, or nil.
func checkExtract(x *data.ExtractData, b []byte) error {
	sum := sha256.Sum256(b)
	switch {
	case x.SHA256 != hex.EncodeToString(sum[:]):
		return fmt.Errorf("SHA-256 %s is not the file's", x.SHA256)
	case len(x.Children) == 0 || len(x.Rows) != len(x.Children) || x.RowsRead < len(x.Children):
		return fmt.Errorf("%d children, %d rows, %d rows read", len(x.Children), len(x.Rows), x.RowsRead)
	}
	byRow := map[int]string{}
	ids := map[string]bool{}
	for i, c := range x.Children {
		if c.ID == "" || ids[c.ID] || x.Rows[i] < 2 || (i > 0 && x.Rows[i] <= x.Rows[i-1]) {
			return fmt.Errorf("child %d (%q) on row %d: empty or repeated ID, or rows out of order", i, c.ID, x.Rows[i])
		}
		ids[c.ID] = true
		byRow[x.Rows[i]] = c.ID
	}
	for _, w := range x.Warnings {
		if id, ok := byRow[w.Row]; !ok || id != w.ChildID {
			return fmt.Errorf("warning %+v is not tied to the child on its row", w)
		}
	}
	return nil
}

// smallWorkbook is a seed XLSX: a title row, a heading row, a date cell and
// a text date.
func smallWorkbook(f *testing.F) []byte {
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Permanence tracker"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"LCS ID", "DOB", "Placement Order", "Plan"})
	wb.SetSheetRow("Sheet1", "A3", &[]any{1001, 43831.0, "15/06/2024", "SGO"})
	style, _ := wb.NewStyle(&excelize.Style{NumFmt: 14})
	wb.SetCellStyle("Sheet1", "B3", "B3", style)
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzCellDate checks the date fast path against data.ParseDate: the same
// date, and an error exactly when ParseDate gives one.
func FuzzCellDate(f *testing.F) {
	for _, s := range []string{"2025-03-31", "31/03/2025", "2024-02-29", "2025-02-29", "29/02/2100", "0000-01-01",
		"2025-1a-01", "31-03-2025", "31 Mar 2025", "2025-03-31T10:00", "01/13/2025", "+1/01/2025", "2025-03-3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		got, gerr := cellDate(s)
		want, werr := data.ParseDate(s)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Errorf("cellDate(%q) = %v, %v; ParseDate gives %v, %v", s, got, gerr, want, werr)
		}
	})
}

// TestNewDate checks the year table against data.NewDate on every day
// from 1899 to 2101, both sides of the table's range.
func TestNewDate(t *testing.T) {
	for y := 1899; y <= 2101; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; data.ValidDate(y, m, d); d++ {
				if got, want := newDate(y, m, d), data.NewDate(y, m, d); got != want {
					t.Fatalf("newDate(%d, %d, %d) = %v, want %v", y, m, d, got, want)
				}
			}
		}
	}
}

// TestManyPlanTexts checks that plan texts past the memo's bound are still
// read and warned about: 300 children, each with a plan text of their own.
func TestManyPlanTexts(t *testing.T) {
	var b strings.Builder
	b.WriteString("Child ID,Plan\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "C%d,plan %d\n", i, i)
	}
	b.WriteString("C300,Adoption\nC301,plan 299\n")
	x := mustRead(t, "plans.csv", b.String())
	if len(x.Warnings) != 301 || x.Warnings[300].Value != "plan 299" || x.Warnings[300].ChildID != "C301" {
		t.Fatalf("%d warnings, want 301 (one per unrecognised text, the last for C301)", len(x.Warnings))
	}
	if c := x.Children[300]; c.Plan != data.PlanAdoption || c.PlanText != "Adoption" {
		t.Errorf("C300 read as %v %q, want adoption", c.Plan.Key(), c.PlanText)
	}
}
