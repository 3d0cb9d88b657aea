package tracker

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbookParts is a workbook written by excelize, part by part, to build
// crafted workbooks from.
func workbookParts(t testing.TB, wb *excelize.File) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// zipPart is one part of a hand-made zip: its bytes, deflated, and, when
// declared is not zero, the uncompressed size its headers claim instead
// of the real one. A part too big to hold gives its deflated bytes
// (packed) and their CRC-32 instead of body.
type zipPart struct {
	name     string
	body     []byte
	declared uint64
	packed   []byte
	crc      uint32
}

// craftZip writes parts as a zip, each deflated, with the sizes they
// declare. Parts are in name order, [Content_Types].xml first as Excel
// writes it.
func craftZip(t testing.TB, parts []zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		switch {
		case p.packed == nil && len(p.body) < 64: // not worth a compressor
			p.packed, p.crc, method = p.body, crc32.ChecksumIEEE(p.body), zip.Store
		case p.packed == nil:
			p.packed, p.crc = deflate(t, p.body, true), crc32.ChecksumIEEE(p.body)
		}
		size := uint64(len(p.body))
		if p.declared != 0 {
			size = p.declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: method, CRC32: p.crc,
			CompressedSize64: uint64(len(p.packed)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.packed)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rezip writes a workbook's parts back as a zip, with replaced (or added)
// parts taking the place of the originals.
func rezip(t testing.TB, parts map[string][]byte, replaced ...zipPart) []byte {
	t.Helper()
	byName := map[string]zipPart{}
	for name, body := range parts {
		byName[name] = zipPart{name: name, body: body}
	}
	for _, p := range replaced {
		byName[p.name] = p
	}
	var list []zipPart
	for _, p := range byName {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool {
		if (list[i].name == "[Content_Types].xml") != (list[j].name == "[Content_Types].xml") {
			return list[i].name == "[Content_Types].xml"
		}
		return list[i].name < list[j].name
	})
	return craftZip(t, list)
}

// tinyTracker is a one-sheet workbook with a heading row and one child.
func tinyTracker(t testing.TB) *excelize.File {
	t.Helper()
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Child ID", "DOB"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"A1", "01/02/2020"})
	return wb
}

// deflate compresses b as one deflate stream, or (final false) as blocks
// that another stream's blocks may follow.
func deflate(t testing.TB, b []byte, final bool) []byte {
	t.Helper()
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(b)
	if final {
		fw.Close()
	} else {
		fw.Flush()
	}
	return packed.Bytes()
}

// bombPart is a part that unpacks to head, then fill repeated times times,
// then tail, with its sizes declared truly unless declared is not zero.
// Its deflated form is the deflated fill repeated: a few KB per hundred MB
// of spaces. It is built without ever holding what it unpacks to.
func bombPart(t testing.TB, name, head, fill string, times int, tail string, declared uint64) zipPart {
	t.Helper()
	packed := deflate(t, []byte(head), false)
	crc := crc32.ChecksumIEEE([]byte(head))
	block := deflate(t, []byte(fill), false)
	for i := 0; i < times; i++ {
		packed = append(packed, block...)
		crc = crc32.Update(crc, crc32.IEEETable, []byte(fill))
	}
	packed = append(packed, deflate(t, []byte(tail), true)...)
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	if declared == 0 {
		declared = uint64(len(head)) + uint64(times)*uint64(len(fill)) + uint64(len(tail))
	}
	return zipPart{name: name, declared: declared, packed: packed, crc: crc}
}

// sheetHead and sheetTail wrap rows of cells as a worksheet part.
const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// textRow is a row of inline text cells, from column A.
func textRow(row int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, row)
	for i, c := range cells {
		if c != "" {
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, row, c)
		}
	}
	b.WriteString("</row>")
	return b.String()
}
