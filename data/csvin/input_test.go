package csvin

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// TestDecodeUTF16: UTF-16 in either byte order, with or without a BOM,
// decodes to the same text as the UTF-8 file, accents intact.
func TestDecodeUTF16(t *testing.T) {
	const text = "Child ID\tName\r\nA1\tZoë Smith\r\nA2\tRenée – “Ng”\r\n"
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		for _, bom := range []unicode.BOMPolicy{unicode.UseBOM, unicode.IgnoreBOM} {
			b, err := unicode.UTF16(order, bom).NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if !IsUTF16(b) {
				t.Errorf("%v %v: not seen as UTF-16", order, bom)
			}
			if got := string(Decode(b)); got != text {
				t.Errorf("%v %v: decoded %q", order, bom, got)
			}
		}
	}
}

// TestIsUTF16: text in UTF-8 or Windows-1252 (no zero bytes) and binary
// files are not UTF-16.
func TestIsUTF16(t *testing.T) {
	for s, want := range map[string]bool{
		"A\x00": true, "\xff\xfe": true, "\xfe\xff\x00A\x00\n": true, "\xff\xfeA\x00\t\x00\xe9\x00": true,
		"Child ID,Name\nA1,Zoë\n": false, "Child ID,Name\nA1,Zo\xeb\n": false, "\xff\xfe\x01\x00": false, "\x00\x00\x00\x00": false,
		"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR": false, "A": false, "": false, "A\x00B\x00\x00C": false,
	} {
		if got := IsUTF16([]byte(s)); got != want {
			t.Errorf("IsUTF16(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCheckCellLengths(t *testing.T) {
	most, over := strings.Repeat("é", MaxCellChars), strings.Repeat("é", MaxCellChars+1)
	pl := &Problems{File: "f.csv"}
	if !CheckCellLengths(pl, 2, []string{"a", most}, []string{"ID", "Name"}) || pl.Len() != 0 {
		t.Errorf("32,767 characters refused")
	}
	if CheckCellLengths(pl, 3, make([]string, 27), nil) != true {
		t.Errorf("empty cells refused")
	}
	rec := make([]string, 28)
	rec[1], rec[27] = over, over
	if CheckCellLengths(pl, 4, rec, []string{"ID", "Name"}) || pl.Len() != 2 {
		t.Fatalf("two cells of 32,768 characters: %d problems", pl.Len())
	}
	want := `f.csv:4: column AB: "` + strings.Repeat("é", 40) + `…": a cell of 32768 characters is longer than a spreadsheet cell can be (at most 32,767): check that this is the right file, and the quotes on this row`
	if got := pl.list[1].String(); got != want || pl.list[0].Column != "Name" {
		t.Errorf("problem %q, %q\nwant %q", pl.list[0].Column, got, want)
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "column A", 25: "column Z", 26: "column AA", 701: "column ZZ", 702: "column AAA", 16383: "column XFD"} {
		if got := ColumnName(i, nil); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
	if got := ColumnName(1, []string{"ID", "Name"}); got != "Name" {
		t.Errorf("ColumnName(1) = %q", got)
	}
}

// TestOpenQuoteInABigFile: a quote left open near the top of a big file
// is reported at its row without gathering the rest of the file into one
// cell first.
func TestOpenQuoteInABigFile(t *testing.T) {
	b := []byte("Child ID,Name\nA1,\"Ann\n" + strings.Repeat("A2,Bob Smith and some more text\n", 3<<20)) // 96 MB
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	pl := &Problems{File: "f.csv"}
	ReadRows(context.Background(), b, pl, func(int, []string) bool { return true })
	runtime.ReadMemStats(&after)
	if pl.Len() != 1 || pl.list[0].Row != 2 || !strings.HasPrefix(pl.list[0].Why, "a quote is left open") {
		t.Errorf("problems %v", pl.list)
	}
	// The decoded copy of the file, and what encoding/csv allocates
	// growing a record to the bound (some 7 times it), not to the file's
	// size.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(b))+10*maxQuotedRecord {
		t.Errorf("allocated %d MB reading a %d MB file", alloc>>20, len(b)>>20)
	}
}
