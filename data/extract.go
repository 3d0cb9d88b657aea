package data

import (
	"fmt"
	"time"
)

// Extract kinds.
const (
	KindTracker = "tracker"
	KindSSDA903 = "ssda903"
	KindDemo    = "demo"
)

// Extract is one imported snapshot.
type Extract struct {
	ID             int64
	Kind           string
	FileName       string
	SHA256         string
	Date           Date
	ImportedAt     time.Time
	Rows           int
	Warnings       int
	IgnoredColumns []string
}

// Warning is a problem with one child's row that did not stop the import.
type Warning struct {
	ExtractID int64
	ChildID   string
	Row       int // the row as a spreadsheet numbers it (0 when not from a row)
	Column    string
	Value     string
	Message   string
}

func (w Warning) String() string {
	return fmt.Sprintf("row %d: %s: %q: %s", w.Row, w.Column, w.Value, w.Message)
}

// ExtractData is a parsed extract, ready to be stored.
type ExtractData struct {
	Kind           string
	FileName       string
	SHA256         string
	Date           Date
	Children       []Child
	Rows           []int // source row of each child (same order as Children); may be nil
	Warnings       []Warning
	IgnoredColumns []string
	RowsRead       int // data rows read from the file(s)

	// Stored are source tables kept in the store beside the children, in
	// the same transaction (an SSDA903 return's episodes, say).
	Stored []SourceTable
	// Tables says what the import did with each table of the source (an
	// SSDA903 return's), for the import report.
	Tables []TableReport
}

// ImportResult says what an import did.
type ImportResult struct {
	Extract         Extract
	RowsRead        int
	Added, Updated  int // children new to the store, and children already known
	AlreadyImported bool
	Replaced        *Extract // the extract of the same date that this one replaced
	IgnoredColumns  []string
	Warnings        []Warning
	Tables          []TableReport // for an SSDA903 return: what was done with each table
}

// Progress is told how many of total rows are done; it may be nil.
type Progress func(done, total int)

// SourceTable is one table of an extract's source kept in the store beside
// its children: the store's table, its columns after extract_id, and a
// function giving the values of row i (false to leave the row out).
type SourceTable struct {
	Name    string
	Columns []string
	Rows    int
	Row     func(i int) ([]any, bool)
}

// TableReport says what an import did with one table of a return, for the
// import report.
type TableReport struct {
	Name   string   // as the DfE names it: header, episodes, ad1, ...
	Files  []string // the files that held it
	Rows   int      // data rows read (0 for tables not read)
	Stored bool     // kept in the store beside the children (ssda903_* tables)
	Use    string   // what the panel uses it for, or why it is left out
}
