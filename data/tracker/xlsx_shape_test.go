package tracker

import (
	"context"
	"permanence/data"
	"permanence/data/csvin"
	"permanence/data/internal/testkit"
	"strings"
	"testing"
)

// TestCheckSheetShape: the walk over a sheet's tags finds what the XML
// decoder would hold whole, and nothing in a sheet as Excel writes it.
func TestCheckSheetShape(t *testing.T) {
	cell := `<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve"> Ann &amp; "Bo" > </t></is></c><c r="B1" s="2"/>`
	deep := func(open string, n int) string { return strings.Repeat(open, n) }
	for _, tt := range []struct {
		name, xml string
		want      error
	}{
		{"a sheet", sheetHead + `<row r="1">` + cell + `</row><row r="2"/>` + sheetTail, nil},
		{"a comment and CDATA", `<?xml version="1.0"?><!-- made by hand --><a><![CDATA[<b>]]></a>`, nil},
		{"1,000 deep", deep("<a>", 1000), nil},
		{"1,001 deep", deep("<a>", 1001), errDeep},
		{"self-closing tags", deep(`<a b="1"/>`, 5000), nil},
		{"a quoted /> is no end", deep(`<a b="/>">`, 1001), errDeep},
		{"nor with both quotes", deep(`<a x='"' y="/>">`, 1001), errDeep},
		{"nor in single quotes", deep(`<a b='/>'>`, 1001), errDeep},
		{"a quoted > in a closed tag", deep(`<a b=">"/>`, 5000), errDeep}, // read as open tags: a crafted file refused, no more
		{"end tags", deep("<a>", 1000) + deep("</a>", 1000) + deep("<a>", 1000), nil},
		{"text of 1 MB", "<t>" + strings.Repeat("x", maxRun) + "</t>", nil},
		{"text over 1 MB", "<t>" + strings.Repeat("x", maxRun+1) + "</t>", errLongRun},
		{"text over 1 MB at the end", "<t/>" + strings.Repeat(" ", maxRun+1), errLongRun},
		{"a long tag", `<c r="` + strings.Repeat("A", maxRun) + `">`, errLongTag},
		{"a long comment", "<!--" + strings.Repeat("<a>", maxRun/3) + "-->", errLongTag},
		{"a long CDATA", "<![CDATA[" + strings.Repeat("</a>", maxRun/4) + "]]>", errLongTag},
		{"a DTD", `<!DOCTYPE x [<!ENTITY a "b">]><x/>`, errDTD},
		{"an open tag at the end", "<a", errLongTag},
	} {
		if got := checkSheetShape([]byte(tt.xml)); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWalkTagsCounts(t *testing.T) {
	sst := `<sst><si><t>a</t></si><x:si><x:t>b</x:t></x:si><si/><si x:y="1"/><sim/><!-- <si> --></sst>`
	if n, err := walkTags([]byte(sst), "si"); n != 4 || err != nil {
		t.Errorf("%d texts, %v; want 4", n, err)
	}
}

// TestSheetFoundAsExcelizeFindsIt: a sheet whose relationship targets it
// with backslashes is read (excelize reads them as slashes); and a sheet
// the reader cannot find where excelize reads it is a problem, never a
// sheet that looks empty.
func TestSheetFoundAsExcelizeFindsIt(t *testing.T) {
	parts := workbookParts(t, tinyTracker(t))
	rels := strings.Replace(string(parts["xl/_rels/workbook.xml.rels"]), `Target="worksheets/sheet1.xml"`, `Target="worksheets\sheet1.xml"`, 1)
	if rels == string(parts["xl/_rels/workbook.xml.rels"]) {
		t.Fatalf("no sheet target in %s", rels)
	}
	b := rezip(t, parts, zipPart{name: "xl/_rels/workbook.xml.rels", body: []byte(rels)})
	x, err := ReadTracker(context.Background(), "back.xlsx", b, asAt)
	if err != nil || len(x.Children) != 1 {
		t.Errorf("%v", err)
	}

	zr, _, err := checkWorkbookZip(rezip(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	w, err := openWorkbook(zr, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.WorkBook.Sheets.Sheet[0].ID = "rId404" // the reader now looks for it elsewhere than excelize does
	tb := &trackerBuilder{x: &data.ExtractData{}, problems: csvin.Problems{File: "lost.xlsx"}, ctx: context.Background()}
	if found := tb.readSheet(w, "Sheet1"); found || !tb.stopped || tb.problems.Len() != 1 {
		t.Fatalf("found %v, stopped %v, %d problems", found, tb.stopped, tb.problems.Len())
	}
	want := `lost.xlsx: not a readable XLSX workbook (the file is damaged, cut short or another kind of file: sheet "Sheet1": its part was not found where excelize reads it)`
	if got := testkit.Problems(t, tb.problems.Err()); got[0] != want {
		t.Errorf("problem %q", got[0])
	}
}
