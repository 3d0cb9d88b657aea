package tracker

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// workbook is an open workbook whose bulk parts (its sheets and shared
// texts) are unpacked here, not by excelize: each when it is first read,
// into one buffer of exactly its size, handed to excelize in its package
// (File.Pkg, where excelize reads parts from). excelize's own unpacking
// holds a part in a buffer grown to twice its size, or, past
// UnzipXMLSizeLimit, copies it (names and dates of birth included) to a
// temporary file; and a sheet held here can be checked before excelize
// reads it.
type workbook struct {
	*excelize.File
	held   map[string]*zip.File // the bulk parts, by the names excelize reads them by
	loaded map[string]bool      // the held parts in the package now
}

// sharedStringsPart is the name excelize reads the shared texts by,
// whatever their case in the zip.
const sharedStringsPart = "xl/sharedStrings.xml"

// unloadedSheet is the only cell of the sheet that stands in for a held
// sheet in the package until it is loaded: a sheet read without being
// loaded (were the reader to find a sheet's part other than where excelize
// does) shows it, rather than looking empty.
const unloadedSheet = "permanence: sheet not unpacked"

var placeholderSheet = []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
	`<row r="1"><c r="A1" t="inlineStr"><is><t>` + unloadedSheet + `</t></is></c></row></sheetData></worksheet>`)

// openWorkbook opens a workbook checkWorkbookZip has passed: excelize
// opens a copy of its zip with the bulk parts left empty (the others
// copied as they are packed), with its own limits at the same bounds, and
// writing any temporary file it would write to dir, the app's own folder.
// The shared texts are unpacked at once: excelize reads them with the
// first cell.
func openWorkbook(zr *zip.Reader, dir string) (w *workbook, err error) {
	defer func() { // a damaged file is a problem to report, not a crash
		if p := recover(); p != nil {
			w, err = nil, fmt.Errorf("reading it failed: %v", p)
		}
	}()
	light, held, err := withoutBulkParts(zr)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(light), excelize.Options{
		UnzipSizeLimit:    maxUnpacked,
		UnzipXMLSizeLimit: maxPart,
		TmpDir:            dir,
	})
	if err != nil {
		return nil, err
	}
	w = &workbook{File: f, held: held, loaded: map[string]bool{}}
	if err := w.loadSharedStrings(); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// loadSharedStrings unpacks the shared texts, if there are any, and checks
// them as a sheet is checked, and their number.
func (w *workbook) loadSharedStrings() error {
	sst, err := w.load(sharedStringsPart)
	if err != nil {
		return err
	}
	n, err := walkTags(sst, "si")
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", sharedStringsPart, err)
	case n > maxSharedTexts:
		return &shapeError{why: fmt.Sprintf("more than %s different texts in its cells", thousands(maxSharedTexts)), tooLarge: true}
	}
	return nil
}

// withoutBulkParts copies the zip with its bulk parts left out (a sheet
// replaced by placeholderSheet, the shared texts by nothing), and returns
// those parts by name.
func withoutBulkParts(zr *zip.Reader) ([]byte, map[string]*zip.File, error) {
	sheets := worksheetParts(zr)
	held := map[string]*zip.File{}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		name := strings.ReplaceAll(zf.Name, "\\", "/")
		if strings.EqualFold(name, sharedStringsPart) {
			name = sharedStringsPart
		}
		if name == sharedStringsPart || sheets[name] {
			held[name] = zf
			if err := writePlaceholder(zw, zf.Name, name != sharedStringsPart); err != nil {
				return nil, nil, err
			}
			continue
		}
		if err := copyPacked(zw, zf); err != nil {
			return nil, nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), held, nil
}

// writePlaceholder writes the part that stands in for a held one: a
// sheet's placeholder, or nothing.
func writePlaceholder(zw *zip.Writer, name string, sheet bool) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err == nil && sheet {
		_, err = w.Write(placeholderSheet)
	}
	return err
}

// copyPacked copies a part into zw as it is packed, with the sizes it
// declares.
func copyPacked(zw *zip.Writer, zf *zip.File) error {
	r, err := zf.OpenRaw()
	if err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zf.Method, CRC32: zf.CRC32,
		CompressedSize64: zf.CompressedSize64, UncompressedSize64: zf.UncompressedSize64})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// worksheetParts names the worksheets' parts: those under xl/worksheets/
// and those the workbook's relationships name as worksheets.
func worksheetParts(zr *zip.Reader) map[string]bool {
	parts := map[string]bool{}
	for _, zf := range zr.File {
		name := strings.ReplaceAll(zf.Name, "\\", "/")
		if strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") {
			parts[name] = true
		}
	}
	workbook := workbookPart(packagePart(zr, "_rels/.rels"))
	for _, target := range relTargets(packagePart(zr, relsPath(workbook)), func(id, typ string) bool {
		return strings.HasSuffix(typ, "/worksheet")
	}) {
		parts[partPath(workbook, target)] = true
	}
	return parts
}

// packagePart reads a small part of the zip (a relationships part) by its
// name, as far as maxDecodedPart.
func packagePart(zr *zip.Reader, name string) []byte {
	for _, zf := range zr.File {
		if strings.ReplaceAll(zf.Name, "\\", "/") != name {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, maxDecodedPart))
		return b
	}
	return nil
}

// load unpacks a held part into the package, if it has not been, and
// returns it (nil for a part not held).
func (w *workbook) load(name string) ([]byte, error) {
	zf := w.held[name]
	switch {
	case zf == nil:
		return nil, nil
	case w.loaded[name]:
		return pkgPart(w.File, name), nil
	}
	b, err := unpack(zf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	w.Pkg.Store(name, b)
	w.loaded[name] = true
	return b, nil
}

// unload puts a held sheet's placeholder back in the package, to free the
// sheet's memory.
func (w *workbook) unload(name string) {
	if w.loaded[name] && name != sharedStringsPart {
		w.Pkg.Store(name, placeholderSheet)
		delete(w.loaded, name)
	}
}

// unpack reads a part into a buffer of the size it declares (which
// checkWorkbookZip has bounded). A part that unpacks to less or more, or
// fails its checksum, is an error: read on regardless, as excelize does,
// a sheet cut short would lose its last children without a word.
func unpack(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := make([]byte, zf.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, fmt.Errorf("it unpacks to less than it declares: %w", err)
	}
	// Past the declared size Go's zip reader gives io.EOF, once the
	// checksum is right, and an error for anything more.
	if n, err := rc.Read(make([]byte, 1)); n > 0 || err != io.EOF {
		return nil, fmt.Errorf("it does not unpack to what it declares: %v", err)
	}
	return b, nil
}
