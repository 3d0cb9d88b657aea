package data

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// Problem is one thing wrong with an input file, located as a person would
// find it: the file, the row as a spreadsheet numbers it (0 for the file as
// a whole), the column heading and the value.
type Problem struct {
	File   string
	Row    int
	Column string
	Value  string
	Why    string
}

// String formats the problem as FILE:ROW: COLUMN: VALUE: why.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, ":%d", p.Row)
	}
	b.WriteString(": ")
	if p.Column != "" {
		b.WriteString(p.Column)
		b.WriteString(": ")
	}
	if p.Column != "" || p.Value != "" {
		fmt.Fprintf(&b, "%q: ", p.Value)
	}
	b.WriteString(p.Why)
	return b.String()
}

// InputError is a file (or return) rejected whole, with every problem found.
type InputError struct {
	Problems []Problem
}

func (e *InputError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].String()
	}
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, fmt.Sprintf("%d problems; nothing was imported:", len(e.Problems)))
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// IOReason is the reason a file could not be read, without Go's "open PATH:" prefix.
func IOReason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
