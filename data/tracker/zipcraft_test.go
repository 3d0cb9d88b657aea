package tracker

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"sort"
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
// of the real one.
type zipPart struct {
	name     string
	body     []byte
	declared uint64
}

// craftZip writes parts as a zip, each deflated, with the sizes they
// declare. Parts are in name order, [Content_Types].xml first as Excel
// writes it.
func craftZip(t testing.TB, parts []zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		var packed bytes.Buffer
		fw, err := flate.NewWriter(&packed, flate.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(p.body)
		fw.Close()
		size := uint64(len(p.body))
		if p.declared != 0 {
			size = p.declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(p.body),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(packed.Bytes())
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
