package data

import (
	"fmt"
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

// maxProblems bounds the list kept for one file: a file with every row
// broken still says what is wrong without drowning the reader.
const maxProblems = 1000

// problemList collects problems up to maxProblems, counting the rest.
type problemList struct {
	file    string
	list    []Problem
	dropped int
}

func (l *problemList) add(row int, column, value, why string) {
	if len(l.list) >= maxProblems {
		l.dropped++
		return
	}
	l.list = append(l.list, Problem{File: l.file, Row: row, Column: column, Value: value, Why: why})
}

func (l *problemList) err() error {
	if len(l.list) == 0 {
		return nil
	}
	if l.dropped > 0 {
		l.list = append(l.list, Problem{File: l.file, Why: fmt.Sprintf("and %d more problems not listed", l.dropped)})
	}
	return &InputError{Problems: l.list}
}
