// Package csvin reads the CSV files an authority exports: text decoding,
// delimiter, row numbers as a spreadsheet shows them, and the list of
// problems found, by file, row and column.
package csvin

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"permanence/data"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ReadRows reads a CSV file the way a spreadsheet shows it: the text is
// decoded (a BOM dropped, Windows-1252 when it is not UTF-8), the delimiter
// (comma, semicolon or tab) taken from the first line, and each record
// handed to fn with its row number as a spreadsheet numbers it (blank lines
// count as rows, a quoted cell spanning lines does not add rows). A record
// that cannot be parsed (a quote left open) is added to pl and stops the
// read; so does fn returning false or ctx being cancelled. The record slice
// is reused between calls. Cells are substrings of one copy of the decoded
// file (a cell that holds a doubled quote, or spans lines, has a string of
// its own), so a cell kept keeps that copy in memory.
func ReadRows(ctx context.Context, b []byte, pl *Problems, fn func(row int, rec []string) bool) {
	b = Decode(b)
	r := newRowReader(b, SniffDelimiter(b))
	for n := 0; ; n++ {
		row, rec, err := r.next()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				why := "a quote is left open or misplaced: check the quotes on this row"
				if pe.Err != csv.ErrQuote && pe.Err != csv.ErrBareQuote {
					why = pe.Err.Error()
				}
				pl.Add(row, "", "", why)
			} else {
				pl.Add(0, "", "", "cannot be read: "+err.Error())
			}
			return
		}
		if n%4096 == 0 && ctx.Err() != nil {
			return
		}
		if !fn(row, rec) {
			return
		}
	}
}

// rowReader splits a decoded CSV file into records exactly as encoding/csv
// does (FieldsPerRecord -1, no lazy quotes, no comment character), but
// without copying: a line with no quote in it, which is nearly every line
// of an extract, is cut at its delimiters in place, and so is a line whose
// quoted cells all close on it. Any other line holding a quote (a cell
// spanning lines, a stray quote) is handed to an encoding/csv reader that
// is fed one line at a time, so it reads that record, and any lines its
// quoted cells span, and nothing more. row counts records and blank lines,
// which is how a spreadsheet numbers rows: a record spanning lines is one
// row.
type rowReader struct {
	text   string      // the decoded file
	b      []byte      // the same bytes, scanned a word at a time
	feed   lineFeeder  // the same bytes again, for quoted records
	quoted *csv.Reader // made at the first line holding a quote
	comma  byte
	pos    int // byte offset of the next line
	row    int // spreadsheet row of the next record or blank line
	rec    []string
}

// newRowReader reads the decoded file b, whose delimiter is comma.
func newRowReader(b []byte, comma rune) *rowReader {
	return &rowReader{text: string(b), b: b, feed: lineFeeder{b: b}, comma: byte(comma), row: 1}
}

// next returns the next record and its row, io.EOF at the end of the file,
// or the *csv.ParseError that stops the read (with the row of the record
// it is in).
func (r *rowReader) next() (int, []string, error) {
	for r.pos < len(r.text) {
		end, next := r.lineEnd()
		if end == r.pos { // encoding/csv skips blank lines; they are still rows
			r.pos = next
			r.row++
			continue
		}
		var rec []string
		if strings.IndexByte(r.text[r.pos:end], '"') < 0 {
			rec = r.split(r.pos, end)
		} else if q, ok := r.splitQuoted(r.pos, end); ok {
			rec = q
		} else {
			return r.readQuoted()
		}
		row := r.row
		r.pos, r.row = next, r.row+1
		return row, rec, nil
	}
	return 0, nil, io.EOF
}

// lineEnd returns where the line at pos ends without its line end ("\n"
// or "\r\n"; at the end of the file, a lone trailing "\r"), and the offset
// of the next line.
func (r *rowReader) lineEnd() (end, next int) {
	i := strings.IndexByte(r.text[r.pos:], '\n')
	if i < 0 {
		end, next = len(r.text), len(r.text)
	} else {
		end, next = r.pos+i, r.pos+i+1
	}
	if end > r.pos && r.text[end-1] == '\r' {
		end--
	}
	return end, next
}

// split cuts the quote-free line text[start:end] at its delimiters,
// looking at eight bytes at a time.
func (r *rowReader) split(start, end int) []string {
	rec := r.rec[:0]
	from, i := start, start
	delims := uint64(r.comma) * 0x0101010101010101
	for ; i+8 <= end; i += 8 {
		for m := zeroBytes(binary.LittleEndian.Uint64(r.b[i:]) ^ delims); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)/8
			rec = append(rec, r.text[from:j])
			from = j + 1
		}
	}
	for ; i < end; i++ {
		if r.b[i] == r.comma {
			rec = append(rec, r.text[from:i])
			from = i + 1
		}
	}
	r.rec = append(rec, r.text[from:end])
	return r.rec
}

// zeroBytes sets the high bit of each byte of x that is zero, and no other
// bit.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((x&low7 + low7) | x | low7)
}

// splitQuoted cuts the line text[start:end] when every quote in it belongs
// to a quoted cell that closes on the line; ok is false for anything else
// (a cell spanning lines, a stray quote), which readQuoted then reads.
func (r *rowReader) splitQuoted(start, end int) (rec []string, ok bool) {
	rec = r.rec[:0]
	for i := start; ; i++ { // i is the start of a cell
		var cell string
		if i < end && r.text[i] == '"' {
			if cell, i, ok = r.quotedCell(i+1, end); !ok {
				return nil, false
			}
		} else {
			j := strings.IndexByte(r.text[i:end], r.comma)
			if j < 0 {
				j = end - i
			}
			if cell, i = r.text[i:i+j], i+j; strings.IndexByte(cell, '"') >= 0 {
				return nil, false
			}
		}
		rec = append(rec, cell)
		if i == end { // else text[i] is the delimiter
			r.rec = rec
			return rec, true
		}
	}
}

// quotedCell reads a quoted cell whose text starts at from, and returns it
// with the offset just past its closing quote, which is the line's end or
// a delimiter. ok is false when the cell does not close on this line or
// the closing quote is followed by anything else.
func (r *rowReader) quotedCell(from, end int) (cell string, next int, ok bool) {
	var unescaped []byte // the cell so far, when it holds a doubled quote
	seg := from
	for i := from; ; {
		j := strings.IndexByte(r.text[i:end], '"')
		if j < 0 {
			return "", 0, false
		}
		q := i + j
		switch {
		case q+1 < end && r.text[q+1] == '"': // "" is a quote
			unescaped = append(unescaped, r.text[seg:q+1]...)
			i, seg = q+2, q+2
			continue
		case q+1 < end && r.text[q+1] != r.comma:
			return "", 0, false
		case unescaped == nil:
			return r.text[seg:q], q + 1, true
		}
		return string(append(unescaped, r.text[seg:q]...)), q + 1, true
	}
}

// readQuoted reads the record starting at pos with encoding/csv.
func (r *rowReader) readQuoted() (int, []string, error) {
	if r.quoted == nil {
		r.quoted = csv.NewReader(&r.feed)
		r.quoted.Comma = rune(r.comma)
		r.quoted.FieldsPerRecord = -1
		r.quoted.ReuseRecord = true
	}
	r.feed.pos, r.feed.end = r.pos, min(len(r.b), r.pos+maxQuotedRecord)
	row := r.row
	rec, err := r.quoted.Read()
	if err != nil {
		return row, nil, err
	}
	r.pos, r.row = r.feed.pos, r.row+1
	return row, rec, nil
}

// maxQuotedRecord bounds what encoding/csv gathers for one record read
// by readQuoted: no record of cells that fit in a spreadsheet
// (MaxCellChars) comes near it, while a quote left open near the top of a
// big file would otherwise gather the rest of the file into one cell
// before the read fails. The read fails the same way, sooner.
const maxQuotedRecord = 16 << 20

// lineFeeder reads b from pos, never past the end of the current line nor
// past end, so that the bufio.Reader inside encoding/csv holds nothing
// beyond the record it has read and pos is where the next record starts.
type lineFeeder struct {
	b   []byte
	pos int
	end int // where the record being read must end by
}

// Read copies into p the rest of the current line, or as much of it as p
// holds.
func (f *lineFeeder) Read(p []byte) (int, error) {
	if f.pos >= f.end {
		return 0, io.EOF
	}
	rest := f.b[f.pos:f.end]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i+1]
	}
	n := copy(p, rest)
	f.pos += n
	return n, nil
}

// IsBlank reports whether every cell is empty or spaces.
func IsBlank(rec []string) bool {
	for _, c := range rec {
		if TrimCell(c) != "" {
			return false
		}
	}
	return true
}

// TrimCell is strings.TrimSpace(c), without its scan in the common case of
// a cell that starts and ends with a printable ASCII character.
func TrimCell(c string) string {
	if c == "" {
		return c
	}
	if first, last := c[0], c[len(c)-1]; first > ' ' && first < 0x7f && last > ' ' && last < 0x7f {
		return c
	}
	return strings.TrimSpace(c)
}

// CheckWidth adds a problem when a row has non-empty cells beyond the
// heading row's width, and reports whether the row is within it.
func CheckWidth(pl *Problems, row int, rec []string, width int) bool {
	if len(rec) <= width || IsBlank(rec[width:]) {
		return true
	}
	pl.Add(row, "", strings.Join(rec[width:], ","), fmt.Sprintf("the row has %d cells but the heading row has %d", len(rec), width))
	return false
}

// Decode returns the file as UTF-8: a BOM is dropped, UTF-16 (what Excel
// writes as "Unicode Text", little- or big-endian, with or without its
// BOM: see IsUTF16) is converted, and a file that is not valid UTF-8 is
// read as Windows-1252 (what Excel writes as "CSV").
func Decode(b []byte) []byte {
	if order, ok := utf16Order(b); ok {
		if out, err := unicode.UTF16(order, unicode.UseBOM).NewDecoder().Bytes(b); err == nil {
			return out
		}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return b
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// SniffDelimiter picks ',', ';' or tab from the first line.
func SniffDelimiter(b []byte) rune {
	line := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		line = b[:i]
	}
	best, n := ',', bytes.Count(line, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

// maxProblems bounds the list kept for one file: a file with every row
// broken still says what is wrong without drowning the reader.
const maxProblems = 1000

// Problems collects problems up to maxProblems, counting the rest.
type Problems struct {
	File    string
	list    []data.Problem
	dropped int
}

func (l *Problems) Add(row int, column, value, why string) {
	if len(l.list) >= maxProblems {
		l.dropped++
		return
	}
	l.list = append(l.list, data.Problem{File: l.File, Row: row, Column: column, Value: value, Why: why})
}

func (l *Problems) Err() error {
	if len(l.list) == 0 {
		return nil
	}
	if l.dropped > 0 {
		l.list = append(l.list, data.Problem{File: l.File, Why: fmt.Sprintf("and %d more problems not listed", l.dropped)})
	}
	return &data.InputError{Problems: l.list}
}

// Len is how many problems are listed so far.
func (l *Problems) Len() int { return len(l.list) }
