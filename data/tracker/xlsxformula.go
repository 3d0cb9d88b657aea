package tracker

import (
	"bytes"
	"encoding/xml"
	"path"
	"permanence/data"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellRef is a cell of a sheet: its row (from 1) and column (from 0).
type cellRef struct{ row, col int }

// maxFormulaGaps bounds the cells formulaGaps remembers for a sheet.
const maxFormulaGaps = 1 << 20

// Bounds on how far formulaGaps looks from a formula element for the cell
// around it: before it, for the cell's start tag; after it, for the
// cell's end (a formula is at most 8,192 characters, escaped in XML).
const (
	cellStartWindow = 1 << 10
	cellEndWindow   = 64 << 10
)

// formulaGaps finds the cells of a sheet, from its XML, holding a formula
// with no saved value (an <f> element and no <v>), in the columns read
// (fields not nil), sorted by row and column: excelize gives such a cell
// as empty, like a blank one. It looks at the XML in one pass; every byte
// is looked at a bounded number of times, so a crafted sheet cannot make
// it slow.
func formulaGaps(sheetXML []byte, fields []*data.Field) []cellRef {
	var gaps []cellRef
	for pos, done := 0, 0; len(gaps) < maxFormulaGaps; {
		i := bytes.Index(sheetXML[pos:], []byte("<f"))
		if i < 0 {
			break
		}
		i += pos
		if pos = i + 2; pos == len(sheetXML) || !tagNameEnds(sheetXML[pos]) {
			continue
		}
		// done is where the last cell looked at ended: no byte is looked
		// at twice looking for a cell's start or end.
		from := max(done, i-cellStartWindow)
		start := bytes.LastIndex(sheetXML[from:i], []byte("<c "))
		end := bytes.Index(sheetXML[i:min(len(sheetXML), i+cellEndWindow)], []byte("</c>"))
		if end < 0 {
			pos = min(len(sheetXML), i+cellEndWindow)
			done = pos
			continue
		}
		pos, done = i+end, i+end
		if start < 0 {
			continue
		}
		if ref, ok := cellWithoutValue(sheetXML[from+start : i+end]); ok && ref.col < len(fields) && fields[ref.col] != nil {
			gaps = append(gaps, ref)
		}
	}
	sort.Slice(gaps, func(i, j int) bool {
		return gaps[i].row < gaps[j].row || (gaps[i].row == gaps[j].row && gaps[i].col < gaps[j].col)
	})
	return gaps
}

// tagNameEnds reports whether c ends an element's name in a tag.
func tagNameEnds(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// cellWithoutValue reads a cell's XML, from its start tag to its end tag
// (not included), and gives its reference when it has no <v> element.
func cellWithoutValue(cell []byte) (cellRef, bool) {
	for from := 0; ; {
		i := bytes.Index(cell[from:], []byte("<v"))
		if i < 0 {
			break
		}
		if from += i + 2; from == len(cell) || tagNameEnds(cell[from]) {
			return cellRef{}, false
		}
	}
	tag := cell[:max(0, bytes.IndexByte(cell, '>'))]
	i := bytes.Index(tag, []byte(` r="`))
	if i < 0 {
		return cellRef{}, false
	}
	ref := tag[i+4:]
	if j := bytes.IndexByte(ref, '"'); j >= 0 {
		ref = ref[:j]
	}
	col, row, err := excelize.CellNameToCoordinates(string(ref))
	if err != nil {
		return cellRef{}, false
	}
	return cellRef{row: row, col: col - 1}, true
}

// pkgPart is a part of the workbook as excelize holds it in memory, or
// nil.
func pkgPart(f *excelize.File, name string) []byte {
	v, _ := f.Pkg.Load(name)
	b, _ := v.([]byte)
	return b
}

// sheetPath is the name of a sheet's part, found as excelize finds it:
// the workbook part is the target of the package's officeDocument
// relationship, and the sheet's part the target of the workbook's
// relationship the sheet names.
func sheetPath(f *excelize.File, sheet string) string {
	if f.WorkBook == nil {
		return ""
	}
	var id string
	for _, s := range f.WorkBook.Sheets.Sheet {
		if strings.EqualFold(s.Name, sheet) {
			id = s.ID
			break
		}
	}
	workbook := workbookPart(pkgPart(f, "_rels/.rels"))
	targets := relTargets(pkgPart(f, relsPath(workbook)), func(relID, typ string) bool { return relID == id })
	if len(targets) == 0 {
		return ""
	}
	return partPath(workbook, targets[0])
}

// workbookPart is the name of the workbook part, from the package's
// relationships (rels, the part _rels/.rels): the target of its
// officeDocument relationship.
func workbookPart(rels []byte) string {
	targets := relTargets(rels, func(id, typ string) bool { return strings.HasSuffix(typ, "/officeDocument") })
	if len(targets) == 0 {
		return ""
	}
	return strings.TrimPrefix(targets[0], "/")
}

// relsPath is the name of the relationships part of a part.
func relsPath(part string) string {
	return strings.TrimPrefix(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"), "/")
}

// partPath is the name of the part a relationship of the workbook part
// targets, as excelize resolves it: relative to the workbook's folder, or
// from the package's root when it starts with a slash; backslashes are
// slashes.
func partPath(workbook, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(workbook), target), "/")
}

// relTargets lists the targets of the relationships, in a relationships
// part, that match accepts (by their ID and type).
func relTargets(rels []byte, match func(id, typ string) bool) []string {
	var targets []string
	d := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := d.Token()
		if err != nil {
			return targets
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "Relationship" {
			continue
		}
		var id, typ, target string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			}
		}
		if match(id, typ) {
			targets = append(targets, target)
		}
	}
}
