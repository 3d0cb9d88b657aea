package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readCSVRows reads a CSV file the way a spreadsheet shows it: the text is
// decoded (a BOM dropped, Windows-1252 when it is not UTF-8), the delimiter
// (comma, semicolon or tab) taken from the first line, and each record
// handed to fn with its row number as a spreadsheet numbers it (blank lines
// count as rows, a quoted cell spanning lines does not add rows). A record
// that cannot be parsed (a quote left open) is added to pl and stops the
// read; so does fn returning false or ctx being cancelled. The record slice
// is reused between calls.
func readCSVRows(ctx context.Context, b []byte, pl *problemList, fn func(row int, rec []string) bool) {
	b = decodeText(b)
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = sniffDelimiter(b)
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
				pl.add(pe.StartLine-extraLines, "", "", why)
			} else {
				pl.add(0, "", "", "cannot be read: "+err.Error())
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

// isBlankRecord reports whether every cell is empty or spaces.
func isBlankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// checkWidth adds a problem when a row has non-empty cells beyond the
// heading row's width, and reports whether the row is within it.
func checkWidth(pl *problemList, row int, rec []string, width int) bool {
	if len(rec) <= width || isBlankRecord(rec[width:]) {
		return true
	}
	pl.add(row, "", strings.Join(rec[width:], ","), fmt.Sprintf("the row has %d cells but the heading row has %d", len(rec), width))
	return false
}
