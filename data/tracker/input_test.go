package tracker

import (
	"bytes"
	"context"
	"encoding/binary"
	"permanence/data"
	"permanence/data/internal/testkit"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

// utf16 encodes s as UTF-16 in the given byte order, with or without a
// BOM.
func utf16(t testing.TB, s string, order unicode.Endianness, bom unicode.BOMPolicy) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestUTF16Extract: a UTF-16 file (what Excel saves as "Unicode Text":
// little-endian with a BOM, tab-separated; also saved under a .csv name,
// comma-separated, big-endian, or without a BOM) is read like any extract,
// names with accents intact.
func TestUTF16Extract(t *testing.T) {
	tab := "Child ID\tName\tDOB\r\nA1\tZoë Smith\t01/02/2020\r\nA2\tRenée Ng\t2019-05-05\r\n"
	comma := strings.ReplaceAll(tab, "\t", ",")
	for _, tt := range []struct {
		name string
		body []byte
	}{
		{"unicode text.txt", utf16(t, tab, unicode.LittleEndian, unicode.UseBOM)},
		{"saved as.csv", utf16(t, comma, unicode.LittleEndian, unicode.UseBOM)},
		{"big-endian.csv", utf16(t, comma, unicode.BigEndian, unicode.UseBOM)},
		{"no bom.csv", utf16(t, tab, unicode.LittleEndian, unicode.IgnoreBOM)},
		{"big-endian no bom.csv", utf16(t, comma, unicode.BigEndian, unicode.IgnoreBOM)},
	} {
		x, err := ReadTracker(context.Background(), tt.name, tt.body, asAt)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(x.Children) != 2 || x.Children[0].ID != "A1" || x.Children[0].Name != "Zoë Smith" || x.Children[0].DOB != testkit.D("2020-02-01") ||
			x.Children[1].Name != "Renée Ng" || x.Children[1].DOB != testkit.D("2019-05-05") || x.Rows[1] != 3 {
			t.Errorf("%s: read %+v", tt.name, x.Children)
		}
	}
	// A file with zero bytes that is not text is still binary data.
	for _, body := range []string{"\xff\xfe\x01\x00\x02\x00", "A\x00\x01\x00B\x00\x02\x00", "\x00\x00\x00\x00", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"} {
		_, err := ReadTracker(context.Background(), "b.csv", []byte(body), asAt)
		if got := testkit.Problems(t, err); len(got) != 1 || got[0] != "b.csv: not a CSV or XLSX file (it holds binary data)" {
			t.Errorf("%q: %q", body, got)
		}
	}
}

// cfbFile is a compound file: its 512-byte header, then one sector holding
// directory entries with the given names.
func cfbFile(names ...string) []byte {
	b := make([]byte, 512+512)
	copy(b, cfbSignature)
	for i, name := range names {
		entry := b[512+128*i:]
		u := utf16Bytes(name)
		copy(entry, u)
		binary.LittleEndian.PutUint16(entry[64:], uint16(len(u)+2))
	}
	return b
}

// utf16Bytes is s in UTF-16, little-endian, as ASCII only.
func utf16Bytes(s string) []byte {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// TestPasswordProtectedWorkbook: a workbook saved with a password (an
// encrypted package in a compound file) is called what it is, with what
// to do; a real .xls is still called an old-style workbook.
func TestPasswordProtectedWorkbook(t *testing.T) {
	f := tinyTracker(t)
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	locked := buf.Bytes()
	if !bytes.HasPrefix(locked, cfbSignature) {
		t.Fatalf("excelize wrote %q, not a compound file", locked[:8])
	}
	const password = ": the workbook is protected by a password, so it cannot be read: open it in Excel, clear the password " +
		"(File > Info > Protect Workbook > Encrypt with Password, delete it, OK) and save a copy without one, then import that copy"
	const xls = ": this is an old-style .xls workbook: open it in Excel and save it as .xlsx or CSV"
	misplaced := cfbFile("Root Entry", "Workbook")
	copy(misplaced[512+128*2+6:], utf16Bytes("EncryptedPackage")) // in a stream's data, not an entry's name
	for _, tt := range []struct {
		name string
		body []byte
		want string
	}{
		{"locked.xlsx", locked, password},
		{"locked.xls", cfbFile("Root Entry", "EncryptionInfo", "EncryptedPackage"), password},
		{"old.xls", cfbFile("Root Entry", "Workbook", "\x05SummaryInformation"), xls},
		{"old.xlsx", misplaced, xls},
		{"short.xls", cfbSignature[:4], xls},
	} {
		_, err := ReadTracker(context.Background(), tt.name, tt.body, asAt)
		if got := testkit.Problems(t, err); len(got) != 1 || got[0] != tt.name+tt.want {
			t.Errorf("%s: %q", tt.name, got)
		}
	}
}

// formulaSheet is a sheet whose cells hold formulas, some with no saved
// value (as a program writes them that never calculates).
const formulaSheet = sheetHead +
	`<row r="1"><c r="A1" t="inlineStr"><is><t>Child ID</t></is></c><c r="B1" t="inlineStr"><is><t>Date of Birth</t></is></c>` +
	`<c r="C1" t="inlineStr"><is><t>Placement Order</t></is></c><c r="D1" t="inlineStr"><is><t>Team</t></is></c></row>` +
	`<row r="2"><c r="A2" t="inlineStr"><is><t>A2</t></is></c><c r="B2" s="0"><f>DATE(2020,1,1)</f></c>` +
	`<c r="C2"><f>DATE(2024,6,15)</f><v>45458</v></c><c r="D2" t="str"><f>IF(TRUE,"","x")</f><v></v></c></row>` +
	`<row r="3"><c r="B3"><f>TODAY()</f></c><c r="C3"><f>TODAY()</f></c></row>` +
	`<row r="4"><c r="A4" t="inlineStr"><is><t>A4</t></is></c><c r="B4"><f t="shared" ref="B4:B5" si="0">DATE(2021,1,1)</f></c>` +
	`<c r="D4"><f>"North"</f></c></row>` +
	`<row r="5"><c r="A5" t="inlineStr"><is><t>A5</t></is></c><c r="B5"><f t="shared" si="0"/></c><c r="E5"><f>1</f></c></row>` +
	sheetTail

// TestFormulaWithNoSavedValue: a formula cell with no saved value is not
// dropped silently: the child's row gets a warning naming the column (a
// row of nothing else is still a blank row); a formula child ID with no
// value is fatal, saying why.
func TestFormulaWithNoSavedValue(t *testing.T) {
	parts := workbookParts(t, tinyTracker(t))
	b := rezip(t, parts, zipPart{name: "xl/worksheets/sheet1.xml", body: []byte(formulaSheet)})
	x, err := ReadTracker(context.Background(), "formulas.xlsx", b, asAt)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Children) != 3 || x.Children[0].PlacementOrder != testkit.D("2024-06-15") || !x.Children[0].DOB.IsZero() {
		t.Fatalf("children %+v", x.Children)
	}
	var got []data.Warning
	for _, w := range x.Warnings {
		if strings.Contains(w.Message, "formula") {
			got = append(got, w)
		}
	}
	const why = "a formula with no saved value: open the file in Excel, let it calculate and save it again"
	want := []data.Warning{{Row: 2, ChildID: "A2", Column: "Date of Birth", Message: why}, {Row: 4, ChildID: "A4", Column: "Date of Birth", Message: why},
		{Row: 4, ChildID: "A4", Column: "Team", Message: why}, {Row: 5, ChildID: "A5", Column: "Date of Birth", Message: why}}
	if len(got) != len(want) {
		t.Fatalf("warnings %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("warning %+v, want %+v", got[i], want[i])
		}
	}

	// The child ID itself.
	sheet := strings.Replace(formulaSheet, `<c r="A2" t="inlineStr"><is><t>A2</t></is></c>`, `<c r="A2"><f>"A"&amp;ROW()</f></c>`, 1)
	b = rezip(t, parts, zipPart{name: "xl/worksheets/sheet1.xml", body: []byte(sheet)})
	_, err = ReadTracker(context.Background(), "formulas.xlsx", b, asAt)
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != `formulas.xlsx:2: Child ID: "": the child ID is `+why {
		t.Errorf("problems %q", got)
	}

	// As excelize writes a formula: no value.
	b = workbookBytes(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "DOB"})
		f.SetCellValue("Sheet1", "A2", "E1")
		f.SetCellFormula("Sheet1", "B2", "DATE(2020,1,1)")
	})
	x, err = ReadTracker(context.Background(), "excelize.xlsx", b, asAt)
	if err != nil || len(x.Warnings) == 0 || x.Warnings[0] != (data.Warning{Row: 2, ChildID: "E1", Column: "DOB", Message: why}) {
		t.Errorf("%v: warnings %+v", err, x.Warnings)
	}
}

// TestFormulaGapsBounded: looking for formulas costs one pass however the
// sheet is crafted: formula tags with no cell around them, or cells that
// never end.
func TestFormulaGapsBounded(t *testing.T) {
	fields := []*data.Field{data.FieldForHeading("Child ID")}
	for _, body := range []string{strings.Repeat("<f>", 1<<20), strings.Repeat(`<c r="A1"><f>`, 1<<19), "<c " + strings.Repeat("<f/>", 1<<20),
		strings.Repeat(`<c r="A1"><f>`, 1<<19) + `</c><c r="A3"><f>1</f></c>`} {
		start := time.Now()
		gaps := formulaGaps([]byte(body), fields)
		if len(gaps) > 2 || time.Since(start) > 2*time.Second {
			t.Errorf("%.20q...: %d gaps in %v", body, len(gaps), time.Since(start))
		}
	}
	// The cell closing at the end is found, past the 512K that never close.
	sheet := []byte(`<c r="B9"><v>1</v></c><c r="A3" s="2"><f>1</f></c><c r="A4"><f>1</f><v>1</v></c>`)
	if gaps := formulaGaps(sheet, fields); len(gaps) != 1 || gaps[0] != (cellRef{row: 3, col: 0}) {
		t.Errorf("gaps %v, want A3", gaps)
	}
}

// TestLongChildID: a child ID over 100 characters is refused where it is
// read, by its heading as written and its row; 100 characters are read.
func TestLongChildID(t *testing.T) {
	long := strings.Repeat("x", 101)
	_, err := readCSV(t, "ids.csv", "LCS ID,DOB\nA1,01/01/2020\n"+long+",01/01/2020\n")
	want := `ids.csv:3: LCS ID: "` + strings.Repeat("x", 40) + `…": a child ID of 101 characters is too long (at most 100): check that the child ID column holds the case or person ID`
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != want {
		t.Errorf("problems %q", got)
	}
	// An ID longer than any cell gets the child ID's problem, not the cell's.
	_, err = readCSV(t, "ids.csv", "LCS ID,DOB\n"+strings.Repeat("x", 40000)+",01/01/2020\n")
	want40k := `ids.csv:2: LCS ID: "` + strings.Repeat("x", 40) + `…": a child ID of 40000 characters is too long (at most 100): check that the child ID column holds the case or person ID`
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != want40k {
		t.Errorf("problems %q", got)
	}
	ok := strings.Repeat("é", 100)
	if x := mustRead(t, "ok.csv", "LCS ID\n"+ok+"\n"); x.Children[0].ID != ok {
		t.Errorf("a 100-character ID read as %q", x.Children[0].ID)
	}
	b := workbookBytes(t, func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"Person ID"})
		f.SetSheetRow("Sheet1", "A2", &[]any{long})
	})
	_, err = ReadTracker(context.Background(), "ids.xlsx", b, asAt)
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != strings.Replace(want, "ids.csv:3: LCS ID", "ids.xlsx:2: Person ID", 1) {
		t.Errorf("problems %q", got)
	}
}

// TestLongCell: a cell over 32,767 characters (more than Excel holds) is
// refused with its row and column, in a CSV (as a heading, unquoted or
// quoted across lines) or a workbook; 32,767 are read.
func TestLongCell(t *testing.T) {
	huge := strings.Repeat("a", 40000)
	shown := `"` + strings.Repeat("a", 40) + `…": a cell of 40000 characters is longer than a spreadsheet cell can be (at most 32,767): check that this is the right file, and the quotes on this row`
	for _, tt := range []struct{ body, want string }{
		{"Child ID,Name\nA1," + huge + "\nA2,Bo\n", "cells.csv:2: Name: " + shown},
		{"Child ID," + huge + "\nA1,Ann\n", "cells.csv:1: column B: " + shown},
		{"Child ID,Name,Notes\nA1,Ann,\"" + huge[:20000] + "\n" + huge[:19999] + "\"\n", "cells.csv:2: Notes: " + shown},
	} {
		_, err := readCSV(t, "cells.csv", tt.body)
		if got := testkit.Problems(t, err); len(got) != 1 || got[0] != tt.want {
			t.Errorf("problems %.200q\nwant %.200q", got, tt.want)
		}
	}
	most := strings.Repeat("é", 32767)
	if x := mustRead(t, "ok.csv", "Child ID,Name\nA1,"+most+"\n"); x.Children[0].Name != most {
		t.Errorf("a 32,767-character name was not read")
	}
	sheet := sheetHead + textRow(1, "Child ID", "Name") + textRow(2, "A1", huge) + sheetTail
	b := rezip(t, workbookParts(t, tinyTracker(t)), zipPart{name: "xl/worksheets/sheet1.xml", body: []byte(sheet)})
	_, err := ReadTracker(context.Background(), "cells.xlsx", b, asAt)
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != "cells.xlsx:2: Name: "+shown {
		t.Errorf("problems %.200q", got)
	}
}
