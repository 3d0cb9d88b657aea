package tracker

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds on what a workbook may unpack to and hold. They are generous for
// a real extract of 200,000 rows × 60 columns (its sheet is some 400 MB of
// XML; its shared texts, when it has them, a few tens of MB), and keep a
// zip bomb, a small file that unpacks to gigabytes, from taking the
// machine's memory and disk.
const (
	maxUnpacked = 1 << 30   // all of a workbook's parts together, unpacked
	maxPart     = 512 << 20 // one part: a sheet, or any part excelize holds without decoding it
	// maxDecodedPart bounds a part excelize decodes whole into Go values
	// when it opens the workbook (styles, the workbook, relationships,
	// content types, theme, calculation chain), and maxDecodedTags the
	// XML tags in it: each decoded element costs 200 to 400 bytes at its
	// peak, whatever the part's size. Excel holds at most 64,000 styles.
	maxDecodedPart = 32 << 20
	maxDecodedTags = 1_000_000
	// The shared texts are decoded whole with the first cell read: a text
	// costs about 400 bytes at its peak besides its characters. Two
	// million are ten different texts on each of 200,000 rows.
	maxSharedStrings = 128 << 20
	maxSharedTags    = 8_000_000
	maxSharedTexts   = 2_000_000
	maxParts         = 10_000
	maxSheetRows     = excelize.TotalRows // 1,048,576: more than Excel can hold
	maxCells         = 32_000_000         // read from the workbook, blanks between values included
)

// tooLarge is the problem for a workbook beyond the bounds; why says
// which.
func tooLarge(why string) string {
	return "the workbook is larger than a tracker extract can be once unpacked (" + why + "): check it is the right file"
}

// checkWorkbookZip checks a workbook against the bounds before anything
// in it is unpacked, from the sizes its zip directory declares and, for
// the parts excelize decodes whole, the tags in them. It returns the zip,
// and says what is too large ("" when nothing is), or why the file is not
// a zip. A part cannot unpack to more than it declares: Go's zip reader
// fails it, and unpack refuses it.
func checkWorkbookZip(b []byte) (zr *zip.Reader, tooLarge string, err error) {
	zr, err = zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, "", err
	}
	return zr, unpackedSizeProblem(zr), nil
}

// unpackedSizeProblem says what in the zip is beyond the bounds, or "".
func unpackedSizeProblem(zr *zip.Reader) string {
	if len(zr.File) > maxParts {
		return fmt.Sprintf("it has %s parts, and a workbook can have at most %s", thousands(len(zr.File)), thousands(maxParts))
	}
	workbook := strings.ToLower(workbookPart(packagePart(zr, "_rels/.rels")))
	if workbook == "" {
		workbook = "xl/workbook.xml"
	}
	var total uint64
	for _, zf := range zr.File {
		name := partName(zf.Name)
		limit, _ := partLimits(name, workbook)
		if zf.UncompressedSize64 > limit {
			return fmt.Sprintf("%s would unpack to %s, and the most this part can be is %s", name, size(zf.UncompressedSize64), size(limit))
		}
		if total += zf.UncompressedSize64; total > maxUnpacked {
			return fmt.Sprintf("its parts would unpack to more than %s together", size(maxUnpacked))
		}
	}
	for _, zf := range zr.File {
		name := partName(zf.Name)
		if _, tags := partLimits(name, workbook); tags > 0 && countTags(zf, tags) > tags {
			return fmt.Sprintf("%s has more than %s XML tags, and the most this part can have is %s", name, thousands(tags), thousands(tags))
		}
	}
	return ""
}

// partName is a part's name as excelize reads it: with forward slashes,
// and here in lower case, as some names are matched whatever their case.
func partName(name string) string {
	return strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
}

// partLimits is the most a part may unpack to and, for a part excelize
// decodes whole, the most XML tags it may hold (0 for other parts).
// workbook is the lower-case name of the workbook part (see workbookPart).
func partLimits(name, workbook string) (size uint64, tags int) {
	switch name {
	case "xl/sharedstrings.xml":
		return maxSharedStrings, maxSharedTags
	case "[content_types].xml", "xl/styles.xml", "xl/calcchain.xml", "xl/theme/theme1.xml", workbook:
		return maxDecodedPart, maxDecodedTags
	}
	if strings.HasSuffix(name, ".rels") {
		return maxDecodedPart, maxDecodedTags
	}
	return maxPart, 0
}

// countTags counts the XML tags ('<') in a part as it unpacks, stopping
// past limit (or at the first error: excelize reports a damaged part).
func countTags(zf *zip.File, limit int) int {
	rc, err := zf.Open()
	if err != nil {
		return 0
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	n := 0
	for n <= limit {
		k, err := rc.Read(buf)
		n += bytes.Count(buf[:k], []byte{'<'})
		if err != nil {
			break
		}
	}
	return n
}

// size is a number of bytes as a person reads it.
func size(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// thousands writes n with commas: 1,048,576.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// cfbSignature starts an OLE compound file: an old-style .xls workbook,
// or an XLSX workbook encrypted with a password.
var cfbSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// encryptedPackage is the name of the stream holding an encrypted
// workbook, in UTF-16 as a compound file's directory holds it.
var encryptedPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")

// encryptedOOXML reports whether the compound file b is an encrypted
// workbook, as Excel writes one protected by a password: its directory
// has an entry named EncryptedPackage. (A directory entry is 128 bytes,
// at a multiple of 128 in the file, and starts with its name; at offset
// 64 is the name's length in bytes, with its terminating zero.) A real
// .xls has no such entry.
func encryptedOOXML(b []byte) bool {
	for from := 0; ; {
		i := bytes.Index(b[from:], encryptedPackage)
		if i < 0 {
			return false
		}
		at := from + i
		if at%128 == 0 && at+66 <= len(b) && int(binary.LittleEndian.Uint16(b[at+64:])) == len(encryptedPackage)+2 {
			return true
		}
		from = at + 1
	}
}
