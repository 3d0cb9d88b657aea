package tracker

import (
	"bytes"
	"fmt"
)

// Bounds on the shape of a sheet's XML. excelize reads a sheet with Go's
// XML decoder, which holds a whole piece of text (or a comment, or a tag)
// in memory at once, and every element it is inside: a crafted sheet, a
// few hundred KB packed, could take gigabytes that way within the bounds
// on its size. No sheet a spreadsheet writes comes near them: a cell holds
// at most 32,767 characters, and a sheet's elements nest some 8 deep.
const (
	maxRun   = 1 << 20 // text, a tag, a comment, a CDATA section
	maxDepth = 1000
)

// shapeError is what checkSheetShape finds wrong with a sheet's XML:
// beyond the bounds (tooLarge), or in no workbook at all.
type shapeError struct {
	why      string
	tooLarge bool
}

func (e *shapeError) Error() string { return e.why }

var (
	errLongRun = &shapeError{"more than 1 MB of text in one piece, more than a cell can hold", true}
	errLongTag = &shapeError{"a tag, comment or CDATA section of more than 1 MB", true}
	errDeep    = &shapeError{fmt.Sprintf("XML elements nested more than %s deep", thousands(maxDepth)), true}
	errDTD     = &shapeError{"a document type declaration, which no workbook has", false}
)

// checkSheetShape walks the tags of a sheet's XML, without decoding it,
// and returns a *shapeError for anything beyond the bounds above: the
// decoder would hold it whole. One pass, each byte looked at about once.
func checkSheetShape(b []byte) error {
	_, err := walkTags(b, "")
	return err
}

// walkTags walks the tags of a part's XML as checkSheetShape does, and
// counts the start tags of elements named name (with any prefix), unless
// name is "".
func walkTags(b []byte, name string) (count int, err error) {
	depth := 0
	for pos := 0; pos < len(b); {
		i := bytes.IndexByte(b[pos:min(len(b), pos+maxRun+1)], '<')
		switch {
		case i < 0 && len(b)-pos > maxRun:
			return count, errLongRun
		case i < 0:
			return count, nil
		}
		pos += i
		end, change, err := tagEnd(b, pos)
		if err != nil {
			return count, err
		}
		if depth += change; depth > maxDepth {
			return count, errDeep
		}
		if name != "" && change >= 0 && isElement(b[pos+1:end+1], name) {
			count++
		}
		pos = end + 1
	}
	return count, nil
}

// isElement reports whether a start tag's text (after its '<') names an
// element name, with any prefix: "si>", "x:si/>", "si foo=...".
func isElement(tag []byte, name string) bool {
	end := 0
	for end < len(tag) && !tagNameEnds(tag[end]) {
		end++
	}
	qualified := tag[:end]
	if i := bytes.LastIndexByte(qualified, ':'); i >= 0 {
		qualified = qualified[i+1:]
	}
	return string(qualified) == name
}

// tagEnd reads the tag (or comment, CDATA section, processing instruction)
// starting at b[pos], '<', and returns the offset of its last byte, and
// how it changes the depth of elements: 1 for a start tag, -1 for an end
// tag, 0 for the rest.
func tagEnd(b []byte, pos int) (end, change int, err error) {
	rest := b[pos:min(len(b), pos+maxRun)]
	find := func(close string) (int, int, error) {
		if j := bytes.Index(rest, []byte(close)); j >= 0 {
			return pos + j + len(close) - 1, 0, nil
		}
		return 0, 0, errLongTag
	}
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return find("-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return find("]]>")
	case bytes.HasPrefix(rest, []byte("<!")):
		return 0, 0, errDTD
	case bytes.HasPrefix(rest, []byte("<?")):
		return find("?>")
	}
	j := bytes.IndexByte(rest, '>')
	switch {
	case j < 0:
		return 0, 0, errLongTag
	case bytes.HasPrefix(rest, []byte("</")):
		return pos + j, -1, nil
	case rest[j-1] != '/':
		// A start tag, or a longer one if a quoted value holds the '>':
		// a start tag either way.
		return pos + j, 1, nil
	case evenQuotes(rest[:j]):
		return pos + j, 0, nil // <c r="A1"/>, closed where it starts
	}
	// A quoted value holds the "/>": find the tag's real end.
	return quotedTagEnd(rest, pos)
}

// evenQuotes reports whether a '>' just after a tag's text is outside any
// quoted value, when that is plain: the text has one kind of quote, an
// even number of them. (With both kinds, one may be inside a value quoted
// with the other.)
func evenQuotes(tag []byte) bool {
	var double, single int
	for _, c := range tag {
		switch c {
		case '"':
			double++
		case '\'':
			single++
		}
	}
	return (single == 0 && double%2 == 0) || (double == 0 && single%2 == 0)
}

// quotedTagEnd finds the end of the start tag at the start of rest (at pos
// in the sheet), skipping quoted values, and whether it closes itself.
func quotedTagEnd(rest []byte, pos int) (end, change int, err error) {
	for k := 1; ; {
		j := bytes.IndexAny(rest[k:], `"'>`)
		if j < 0 {
			return 0, 0, errLongTag
		}
		k += j
		if rest[k] == '>' {
			if rest[k-1] == '/' {
				return pos + k, 0, nil
			}
			return pos + k, 1, nil
		}
		q := bytes.IndexByte(rest[k+1:], rest[k])
		if q < 0 {
			return 0, 0, errLongTag
		}
		k += q + 2
	}
}
