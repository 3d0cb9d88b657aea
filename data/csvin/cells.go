package csvin

import (
	"fmt"
	"unicode/utf8"
)

// MaxCellChars is the most characters a cell may hold: Excel's own limit.
// A longer cell is a broken file (a quote left open) or not an extract.
const MaxCellChars = 32767

// CheckCellLengths adds a problem for each cell of rec longer than
// MaxCellChars characters, naming it by its heading (headings, when
// known) or its column letter, and reports whether there was none. It is
// meant to be called on each record as it is read, before any of its
// cells is kept.
func CheckCellLengths(pl *Problems, row int, rec, headings []string) bool {
	ok := true
	for i, c := range rec {
		if len(c) <= MaxCellChars { // bytes: at least as many as characters
			continue
		}
		n := utf8.RuneCountInString(c)
		if n <= MaxCellChars {
			continue
		}
		ok = false
		pl.Add(row, ColumnName(i, headings), Shorten(c, 40), fmt.Sprintf(
			"a cell of %d characters is longer than a spreadsheet cell can be (at most 32,767): check that this is the right file, and the quotes on this row", n))
	}
	return ok
}

// ColumnName names column i (from 0) as a person finds it: its heading
// when there is one, else its letter ("column C").
func ColumnName(i int, headings []string) string {
	if i < len(headings) && headings[i] != "" {
		return headings[i]
	}
	return "column " + columnLetters(i)
}

// columnLetters is the spreadsheet letter of column i (from 0): A, ...,
// Z, AA, ...
func columnLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// Shorten keeps the first n characters of s, marking what was cut, so
// that a long value can be shown in a problem.
func Shorten(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
