package tracker

import (
	"bytes"
	"context"
	"permanence/data"
	"permanence/data/internal/testkit"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbookBytes writes a workbook made by fill to memory.
func workbookBytes(t testing.TB, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	fill(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// styled sets cell to v with the number format code (custom) or ID
// (built-in, when code is "").
func styled(t testing.TB, f *excelize.File, cell string, v any, code string, id int) {
	t.Helper()
	st := &excelize.Style{NumFmt: id}
	if code != "" {
		st = &excelize.Style{CustomNumFmt: &code}
	}
	style, err := f.NewStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Sheet1", cell, v)
	f.SetCellStyle("Sheet1", cell, cell, style)
}

// TestXLSXReadsCellsAsDisplayed: text and code columns are read as Excel
// shows them (a child ID 123 with the format 00000 is "00123", as a CSV
// saved from the same sheet has it, so the child is not counted twice),
// and date columns from the number stored, whatever date format shows it.
func TestXLSXReadsCellsAsDisplayed(t *testing.T) {
	b := workbookBytes(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "Team", "DOB"})
		styled(t, f, "A2", 123, "00000", 0)      // zero-padded: 00123
		styled(t, f, "A3", 124, "", 1)           // built-in 0: 124
		styled(t, f, "A4", "00125", "", 49)      // text, format @: 00125
		f.SetCellValue("Sheet1", "A5", 126)      // General: 126
		styled(t, f, "A6", 127, "", 49)          // a number in format @: 127
		styled(t, f, "A7", 128, `"LCS"00000`, 0) // LCS00128
		styled(t, f, "A8", 1e6, "", 3)           // built-in #,##0: 1,000,000
		styled(t, f, "B2", 7, "000", 0)          // 007
		f.SetCellValue("Sheet1", "B3", "North")
		styled(t, f, "C2", 43831, "dd/mm/yyyy", 0)    // 1 January 2020
		styled(t, f, "C3", 43832, "", 14)             // built-in date: 2 January 2020
		styled(t, f, "C4", 43833.75, "", 22)          // date and time: 3 January 2020
		styled(t, f, "C5", 43834, "d mmmm yyyy;@", 0) // 4 January 2020
		styled(t, f, "C6", 43835, "0", 0)             // a serial in a number format: 5 January 2020
		f.SetCellValue("Sheet1", "C7", "06/01/2020")  // text: 6 January 2020
		styled(t, f, "C8", "07/01/2020", "", 49)      // text in format @: 7 January 2020
	})
	x, err := ReadTracker(context.Background(), "shown.xlsx", b, asAt)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id, team string
		dob      data.Date
	}{
		{"00123", "007", testkit.D("2020-01-01")},
		{"124", "North", testkit.D("2020-01-02")},
		{"00125", "", testkit.D("2020-01-03")},
		{"126", "", testkit.D("2020-01-04")},
		{"127", "", testkit.D("2020-01-05")},
		{"LCS00128", "", testkit.D("2020-01-06")},
		{"1,000,000", "", testkit.D("2020-01-07")},
	}
	if len(x.Children) != len(want) {
		t.Fatalf("%d children, want %d", len(x.Children), len(want))
	}
	for i, w := range want {
		if c := x.Children[i]; c.ID != w.id || c.Team != w.team || c.DOB != w.dob {
			t.Errorf("row %d: %q %q %v, want %q %q %v", x.Rows[i], c.ID, c.Team, c.DOB, w.id, w.team, w.dob)
		}
	}
}

// TestXLSXAndCSVAgreeOnIDs: the same child, from a CSV one month (the ID
// as Excel saves it, 00123) and from the workbook the next (the number 123
// shown as 00123), has the same ID.
func TestXLSXAndCSVAgreeOnIDs(t *testing.T) {
	csv := mustRead(t, "march.csv", "Child ID,DOB\n00123,01/01/2020\n")
	b := workbookBytes(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "DOB"})
		styled(t, f, "A2", 123, "00000", 0)
		styled(t, f, "B2", 43831, "", 14)
	})
	xlsx, err := ReadTracker(context.Background(), "april.xlsx", b, asAt)
	if err != nil {
		t.Fatal(err)
	}
	if csv.Children[0].ID != "00123" || xlsx.Children[0].ID != "00123" || csv.Children[0].DOB != xlsx.Children[0].DOB {
		t.Errorf("CSV %q %v, XLSX %q %v: want both 00123, 1 January 2020", csv.Children[0].ID, csv.Children[0].DOB, xlsx.Children[0].ID, xlsx.Children[0].DOB)
	}
}

func TestIsDateTimeFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"dd/mm/yyyy": true, "d-mmm-yy": true, "mm:ss": true, "[h]:mm:ss": true, "[mm]": true, "h:mm AM/PM": true,
		"yyyy-mm-dd;@": true, "[$-F800]dddd, mmmm dd, yyyy": true, "[$-809]dd mmmm yyyy": true, "DD/MM/YYYY": true,
		"General": false, "general": false, "@": false, "0": false, "00000": false, `"LCS"00000`: false, `0 "days"`: false,
		"0.00E+00": false, "##0.0e-0": false, "[Red]0.00": false, "[$£-809]#,##0.00": false, `\d0`: false,
		"#,##0;[Red]-#,##0": false, "0;dd/mm/yyyy": false, `_(* #,##0_);_(* \(#,##0\)`: false, `"unclosed`: false,
	} {
		if got := isDateTimeFormat(code); got != want {
			t.Errorf("isDateTimeFormat(%q) = %v, want %v", code, got, want)
		}
	}
}
