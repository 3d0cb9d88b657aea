// Package csvin reads the CSV files an authority exports: text decoding,
// delimiter, row numbers as a spreadsheet shows them, and the list of
// problems found, by file, row and column.
package csvin

import (
	"unicode/utf8"

	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"permanence/data"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// ReadRows reads a CSV file the way a spreadsheet shows it: the text is
// decoded (a BOM dropped, Windows-1252 when it is not UTF-8), the delimiter
// (comma, semicolon or tab) taken from the first line, and each record
// handed to fn with its row number as a spreadsheet numbers it (blank lines
// count as rows, a quoted cell spanning lines does not add rows). A record
// that cannot be parsed (a quote left open) is added to pl and stops the
// read; so does fn returning false or ctx being cancelled. The record slice
// is reused between calls.
func ReadRows(ctx context.Context, b []byte, pl *Problems, fn func(row int, rec []string) bool) {
	b = Decode(b)
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = SniffDelimiter(b)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	// encoding/csv skips blank lines and reports the line a record starts
	// on: rows are that line less the extra lines earlier quoted cells spanned.
	extraLines := 0
	for n := 0; ; n++ {
		rec, err := r.Read()
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
				pl.Add(pe.StartLine-extraLines, "", "", why)
			} else {
				pl.Add(0, "", "", "cannot be read: "+err.Error())
			}
			return
		}
		if n%4096 == 0 && ctx.Err() != nil {
			return
		}
		startLine, _ := r.FieldPos(0)
		row := startLine - extraLines
		lastLine, _ := r.FieldPos(len(rec) - 1)
		extraLines += lastLine - startLine + strings.Count(rec[len(rec)-1], "\n")
		if !fn(row, rec) {
			return
		}
	}
}

// IsBlank reports whether every cell is empty or spaces.
func IsBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
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

// Decode returns the file as UTF-8: a BOM is dropped, and a file that
// is not valid UTF-8 is read as Windows-1252 (what Excel writes as "CSV").
func Decode(b []byte) []byte {
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
