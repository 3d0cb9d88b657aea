// Package ssda903 is the SSDA903 importer: it reads the tables of one or
// more of the Department for Education's SSDA903 returns (CSV files,
// recognised by their heading rows), stitches their episodes across the
// years, rebuilds each child's latest period of care and derives their
// journey as the domain's child record, with warnings located at the
// table cells they come from. The stitched tables go with the extract, for
// the store to keep beside the children.
package ssda903

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/csvin"
	"sort"
	"strconv"
	"strings"
)

// The SSDA903 return (extract.md, "SSDA903 return") arrives as a set of CSV
// tables, recognised here by their heading rows, never by their file names.
// Five tables feed the child record: header, episodes, reviews, ad1 and
// placed_for_adoption. The others are recognised so that a whole return
// folder imports, and are deliberately left out (the panel has no use for
// them, and several hold sensitive health and missing-from-care details).

// table is one of the return's tables.
type table uint8

const (
	headerTable table = iota
	episodesTable
	reviewsTable
	ad1Table
	placedForAdoptionTable
	previousPermanenceTable
	missingTable
	uascTable
	oc2Table
	oc3Table
	swEpisodesTable
	doLoTable
	numTables
)

// tableSpec describes a table: its columns as the DfE specification
// names them (CHILD first), the columns only it has, the columns the
// importer cannot do without, and whether the panel uses it.
type tableSpec struct {
	name        string
	columns     []string
	distinctive []string
	required    []string
	used        bool
	skipWhy     string // for tables not used: why
}

var tables = [numTables]tableSpec{
	headerTable: {name: "header", used: true,
		columns:     []string{"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"},
		distinctive: []string{"ETHNIC", "UPN", "MOTHER", "MC_DOB"},
		required:    []string{"CHILD"}},
	episodesTable: {name: "episodes", used: true,
		columns: []string{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
			"REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"},
		distinctive: []string{"DECOM"},
		required:    []string{"CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"}},
	reviewsTable: {name: "reviews", used: true,
		columns:     []string{"CHILD", "DOB", "REVIEW", "REVIEW_CODE"},
		distinctive: []string{"REVIEW", "REVIEW_CODE"},
		required:    []string{"CHILD", "REVIEW"}},
	ad1Table: {name: "ad1", used: true,
		columns:     []string{"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		distinctive: []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		required:    []string{"CHILD", "DATE_MATCH"}},
	placedForAdoptionTable: {name: "placed_for_adoption", used: true,
		columns:     []string{"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
		distinctive: []string{"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
		required:    []string{"CHILD", "DATE_PLACED"}},
	previousPermanenceTable: {name: "previous_permanence", skipWhy: "not used by the panel's measures",
		columns:     []string{"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"},
		distinctive: []string{"PREV_PERM", "LA_PERM", "DATE_PERM"}},
	missingTable: {name: "missing", skipWhy: "missing-from-care episodes: not used by the panel",
		columns:     []string{"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"},
		distinctive: []string{"MISSING", "MIS_START", "MIS_END"}},
	uascTable: {name: "uasc", skipWhy: "not used by the panel",
		columns:     []string{"CHILD", "SEX", "DOB", "DUC"},
		distinctive: []string{"DUC"}},
	oc2Table: {name: "oc2", skipWhy: "health and offending outcomes: not used by the panel",
		columns: []string{"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
			"TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
		distinctive: []string{"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK"}},
	oc3Table: {name: "oc3", skipWhy: "care leavers' outcomes: not used by the panel",
		columns:     []string{"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
		distinctive: []string{"IN_TOUCH", "ACTIV", "ACCOM"}},
	swEpisodesTable: {name: "sw_episodes", skipWhy: "social worker ids: not used by the panel",
		columns:     []string{"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"},
		distinctive: []string{"SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"}},
	doLoTable: {name: "DoLo", skipWhy: "deprivation of liberty orders: not used by the panel",
		columns:     []string{"CHILD", "DOB", "DOLO_START", "DOLO_END"},
		distinctive: []string{"DOLO_START", "DOLO_END"}},
}

// Columns that regional pipelines (liia-tools) add to every table.
const (
	colLA   = "LA"
	colYear = "YEAR"
)

// allColumns is every column of every table, and LA and YEAR.
var allColumns = func() map[string]bool {
	m := map[string]bool{colLA: true, colYear: true}
	for _, t := range tables {
		for _, c := range t.columns {
			m[c] = true
		}
	}
	return m
}()

// dfeHeading folds a heading to the DfE's spelling: upper case with
// underscores (a BOM, spaces and case do not matter).
func dfeHeading(h string) string { return strings.ToUpper(data.NormaliseHeading(h)) }

// recogniseTable names the table a heading row belongs to. A table matches
// when one of its own columns is present and at least half (and three) of
// its columns are; the best match wins. A heading row with a column that
// only tracker extracts have (Permanence Plan, Team, ...) is no 903 table.
func recogniseTable(headings []string) (table, bool) {
	present := make(map[string]bool, len(headings))
	for _, h := range headings {
		c := dfeHeading(h)
		if data.FieldForHeading(h) != nil && !allColumns[c] {
			return 0, false // a tracker column (Permanence Plan, Team, ...): a tracker extract
		}
		present[c] = true
	}
	best, bestScore := table(0), 0.0
	for t := range tables {
		spec := &tables[t]
		distinct := false
		for _, c := range spec.distinctive {
			if present[c] {
				distinct = true
				break
			}
		}
		if !distinct {
			continue
		}
		hits := 0
		for _, c := range spec.columns {
			if present[c] {
				hits++
			}
		}
		score := float64(hits) / float64(len(spec.columns))
		if score >= 0.5 && hits >= 3 && score > bestScore {
			best, bestScore = table(t), score
		}
	}
	return best, bestScore > 0
}

// IsSSDA903File reports whether a CSV file's heading row is an SSDA903 table.
func IsSSDA903File(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b, err := bufio.NewReader(io.LimitReader(f, 1<<16)).ReadBytes('\n')
	if err != nil && err != io.EOF {
		return false
	}
	b = csvin.Decode(b)
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = csvin.SniffDelimiter(b)
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return false
	}
	_, ok := recogniseTable(rec)
	return ok
}

// ReadSSDA903Files reads the tables of one or more SSDA903 returns (several
// years at once, in any order) as one extract: episodes are stitched across
// the years, each child's latest period of care is rebuilt, and their
// journey is derived from it (see journey.go). The extract date is
// extractDate, or when that is NoDate the end (31 March) of the latest
// collection year in the data. A fatal problem in any file returns an
// *InputError listing every problem in every file.
func ReadSSDA903Files(ctx context.Context, files []string, extractDate data.Date) (*data.ExtractData, error) {
	r := newReader(ctx, files)
	sums := make([][]byte, 0, len(files))
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			r.problems = append(r.problems, data.Problem{File: r.names[i], Why: "cannot be read: " + data.IOReason(err)})
			continue
		}
		sum := sha256.Sum256(b)
		sums = append(sums, sum[:])
		r.readFile(i, b)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(r.problems) == 0 && len(r.tables[episodesTable].files) == 0 {
		var found []string
		for t := range r.tables {
			for _, f := range r.tables[t].files {
				found = append(found, fmt.Sprintf("%s is the %s table", r.names[f], tables[t].name))
			}
		}
		r.problems = append(r.problems, data.Problem{File: fileSummary(files),
			Why: "no episodes table among these files: an SSDA903 import needs the episodes table (CHILD, DECOM, RNE, LS, PLACE, DEC, REC ...); " +
				"read by their headings, " + strings.Join(found, ", ")})
	} else if len(r.problems) == 0 && len(r.episodes) == 0 {
		r.problems = append(r.problems, data.Problem{File: r.names[r.tables[episodesTable].files[0]],
			Why: "the episodes table has no rows: there is nothing to import"})
	}
	if len(r.problems) > 0 {
		return nil, &data.InputError{Problems: r.problems}
	}

	// The hash covers every file's bytes, whatever their names or order.
	sort.Slice(sums, func(i, j int) bool { return bytes.Compare(sums[i], sums[j]) < 0 })
	h := sha256.New()
	for _, s := range sums {
		h.Write(s)
	}
	x := &data.ExtractData{Kind: data.KindSSDA903, FileName: fileSummary(files), SHA256: hex.EncodeToString(h.Sum(nil)),
		RowsRead: r.rowsRead}
	x.Date = extractDate
	if x.Date.IsZero() {
		x.Date = r.latestYearEnd()
	}
	raw := r.build(x)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	x.IgnoredColumns = r.ignoredReport()
	attachTables(x, raw)
	return x, nil
}

// fileSummary names a set of files for the import report: the file, the
// folder they share, or how many there are.
func fileSummary(files []string) string {
	if len(files) == 1 {
		return filepath.Base(files[0])
	}
	dir := filepath.Dir(files[0])
	for _, f := range files[1:] {
		if filepath.Dir(f) != dir {
			return fmt.Sprintf("%d files", len(files))
		}
	}
	return fmt.Sprintf("%s (%d files)", filepath.Base(dir), len(files))
}

// group is one return year of one file: a file with a YEAR column holds
// several. Later groups win where returns overlap.
type group struct {
	file    int
	year    int       // the YEAR column's value, or a year in the file name
	hasYear bool      // year is known (column or file name)
	latest  data.Date // latest event date in the group (to order groups without a year)
	rank    int       // order among all groups: higher is later
	yearCol bool      // the year comes from a YEAR column
	table   table
	las     map[string]bool // LAs with rows in the group (nil: no LA column)
}

// rowRef locates a row: the file, and the row as a spreadsheet numbers it.
type rowRef struct {
	file int32
	row  int32
}

type episode struct {
	kid   int32
	group int32
	rowRef
	decom, dec   data.Date
	rne, ls, cin string
	place, prov  string
	rec, reason  string
	urn          string
	dropped      bool  // replaced by another return's version
	period       int16 // period of care (1 = the child's first in the data); 0 when not used
}

type headerRow struct {
	kid   int32
	group int32
	rowRef
	sex, ethnic string
	dob         data.Date
}

type review struct {
	kid   int32
	group int32
	rowRef
	date data.Date
	code string
}

type ad1Row struct {
	kid   int32
	group int32
	rowRef
	dateInt, match data.Date
	fosterCare     string
	nbAdoptr       string
	sexAdoptr      string
	lsAdoptr       string
}

type pfaRow struct {
	kid   int32
	group int32
	rowRef
	placed, ceased data.Date
	reason         string
}

// tableUse records which files held a table and how many rows.
type tableUse struct {
	files []int
	rows  int
}

type reader struct {
	ctx      context.Context
	names    []string // base names, for messages
	problems []data.Problem

	groups   []group
	groupIdx map[[2]int]int32 // (file, year) -> group

	ids   map[string]int32 // child ID -> kid
	kids  []string         // kid -> child ID
	kidLA []string         // kid -> LA ("" without an LA column)

	episodes []episode
	headers  []headerRow
	reviews  []review
	ad1      []ad1Row
	pfa      []pfaRow

	tables   [numTables]tableUse
	unknown  []string // "file: COLUMN" for columns no table has
	rowsRead int
	intern   map[string]string
}

func newReader(ctx context.Context, files []string) *reader {
	r := &reader{ctx: ctx, groupIdx: map[[2]int]int32{}, ids: map[string]int32{},
		intern: map[string]string{}}
	for _, f := range files {
		r.names = append(r.names, filepath.Base(f))
	}
	return r
}

// code returns an upper-cased code, shared between rows (codes repeat, and
// sharing lets each CSV line be freed).
func (r *reader) code(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if v, ok := r.intern[s]; ok {
		return v
	}
	v := strings.ToUpper(strings.Clone(s))
	if len(r.intern) < 1<<16 {
		r.intern[s] = v
	}
	return v
}

func (r *reader) kid(id, la string) int32 {
	if k, ok := r.ids[id]; ok {
		return k
	}
	id = strings.Clone(id)
	k := int32(len(r.kids))
	r.ids[id] = k
	r.kids = append(r.kids, id)
	r.kidLA = append(r.kidLA, id[:len(la)])
	return k
}

// yearInName finds a year (19xx or 20xx, standing alone) in a file name,
// as in "2021-episodes.csv" or "SSDA903_2020_episodes.csv".
func yearInName(name string) (int, bool) {
	for i := 0; i+4 <= len(name); i++ {
		if i > 0 && isDigit(name[i-1]) {
			continue
		}
		if !(name[i] == '1' && name[i+1] == '9' || name[i] == '2' && name[i+1] == '0') {
			continue
		}
		if !isDigit(name[i+2]) || !isDigit(name[i+3]) || (i+4 < len(name) && isDigit(name[i+4])) {
			continue
		}
		y, _ := strconv.Atoi(name[i : i+4])
		return y, true
	}
	return 0, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (r *reader) group(t table, file int, year int, hasYearCol bool) int32 {
	key := [2]int{file, year}
	if g, ok := r.groupIdx[key]; ok {
		return g
	}
	g := group{file: file, year: year, hasYear: hasYearCol, yearCol: hasYearCol, table: t}
	if !hasYearCol {
		g.year, g.hasYear = yearInName(r.names[file])
	}
	id := int32(len(r.groups))
	r.groups = append(r.groups, g)
	r.groupIdx[key] = id
	return id
}

// csvRow is one data row being read: its cells by column.
type csvRow struct {
	r     *reader
	pl    *csvin.Problems
	row   int
	cells []string
	col   map[string]int // DfE column -> index
	head  []string       // headings as written
	ok    bool
}

func (x *csvRow) text(c string) string {
	i, ok := x.col[c]
	if !ok || i >= len(x.cells) {
		return ""
	}
	return strings.TrimSpace(x.cells[i])
}

// The years a date in a return can have: a year outside them is a typing
// error (0202 for 2020), and would date the extract in it.
const firstYear, lastYear = 1900, 2199

func (x *csvRow) date(c string) data.Date {
	v := x.text(c)
	if v == "" {
		return data.NoDate
	}
	d, err := data.ParseDate(v)
	if err != nil {
		x.pl.Add(x.row, x.head[x.col[c]], v, "cannot be read as a date: use 31/03/2025 or 2025-03-31")
		x.ok = false
		return data.NoDate
	}
	if y, _, _ := d.YMD(); y < firstYear || y > lastYear {
		x.pl.Add(x.row, x.head[x.col[c]], v, fmt.Sprintf("the year %d cannot be right: a date in a return is between %d and %d", y, firstYear, lastYear))
		x.ok = false
		return data.NoDate
	}
	return d
}

// need reports a problem when a cell the row cannot do without is empty.
func (x *csvRow) need(c string, d data.Date, what string) {
	if d.IsZero() && x.text(c) == "" {
		x.pl.Add(x.row, x.head[x.col[c]], "", what+" is empty")
		x.ok = false
	}
}

// readFile reads one table. Problems are added to r.problems.
func (r *reader) readFile(fi int, b []byte) {
	pl := &csvin.Problems{File: r.names[fi]}
	defer func() {
		if err := pl.Err(); err != nil {
			r.problems = append(r.problems, err.(*data.InputError).Problems...)
		}
	}()
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		pl.Add(0, "", "", "the file is empty")
		return
	case bytes.IndexByte(b, 0) >= 0 && !csvin.IsUTF16(b) || bytes.HasPrefix(b, []byte("PK\x03\x04")):
		pl.Add(0, "", "", "not a CSV file (it holds binary data): SSDA903 tables are read as CSV")
		return
	}
	f := &fileReader{r: r, fi: fi, pl: pl, row: &csvRow{r: r, pl: pl}, laCol: -1, yrCol: -1}
	header := true
	csvin.ReadRows(r.ctx, b, pl, func(rowNum int, rec []string) bool {
		if header {
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				return true
			}
			header = false
			return f.headingRow(rowNum, rec)
		}
		return f.dataRow(rowNum, rec)
	})
	if header {
		pl.Add(0, "", "", "the file is empty")
	}
	if f.unread {
		// Not read, but the report says how many rows the file holds.
		r.tables[f.table].rows += dataLines(b)
	}
}

// dataLines counts the lines after the first that are not blank: the rows
// of a table that is recognised but not read.
func dataLines(b []byte) int {
	n := 0
	for i, line := range bytes.Split(b, []byte("\n")) {
		if i > 0 && len(bytes.Trim(line, " \t\r,")) > 0 {
			n++
		}
	}
	return n
}

// fileReader reads one file: the table its heading row names, and where
// that table's columns (and LA and YEAR) are.
type fileReader struct {
	unread bool // a table recognised and deliberately not read
	r      *reader
	fi     int // the file
	pl     *csvin.Problems
	table  table
	row    *csvRow
	laCol  int // the LA column, or -1
	yrCol  int // the YEAR column, or -1
}

// headingRow recognises the table by its heading row and finds its
// columns. It reports whether the file's data rows are to be read.
func (f *fileReader) headingRow(rowNum int, rec []string) bool {
	t, ok := recogniseTable(rec)
	if !ok {
		f.pl.Add(rowNum, "", strings.Join(rec, ","), "not an SSDA903 table: the heading row matches none of "+
			"header, episodes, reviews, ad1, placed_for_adoption, previous_permanence, missing, uasc, oc2, oc3, sw_episodes or DoLo")
		return false
	}
	f.table = t
	use := &f.r.tables[t]
	use.files = append(use.files, f.fi)
	spec := &tables[t]
	if !spec.used {
		f.unread = true
		return false // recognised and deliberately not read
	}
	f.findColumns(rec, spec)
	f.checkRequired(rowNum, spec)
	return f.pl.Len() == 0
}

// findColumns finds the table's columns, and LA and YEAR, among the
// headings. A column no table has is noted for the import report; of a
// column that is there twice, the first is read.
func (f *fileReader) findColumns(rec []string, spec *tableSpec) {
	row := f.row
	row.head = make([]string, len(rec))
	row.col = map[string]int{}
	known := map[string]bool{}
	for _, c := range spec.columns {
		known[c] = true
	}
	for i, h := range rec {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		row.head[i] = h
		c := dfeHeading(h)
		if _, dup := row.col[c]; dup {
			continue
		}
		switch {
		case c == colLA:
			f.laCol = i
		case c == colYear:
			f.yrCol = i
		case known[c]:
		case h == "":
			continue
		default:
			f.r.unknown = append(f.r.unknown, f.r.names[f.fi]+": "+h)
			continue
		}
		row.col[c] = i
	}
}

// checkRequired reports each column the table cannot do without that the
// heading row lacks.
func (f *fileReader) checkRequired(rowNum int, spec *tableSpec) {
	for _, c := range spec.required {
		if _, ok := f.row.col[c]; ok {
			continue
		}
		why := fmt.Sprintf("the %s table needs a %s column", spec.name, c)
		if c == "CHILD" {
			why = fmt.Sprintf("no CHILD column: every SSDA903 table identifies the child by CHILD (this heading row looks like the %s table)", spec.name)
		}
		f.pl.Add(rowNum, c, "", why)
	}
}

// dataRow reads one data row and stores it. A child is known by LA and
// CHILD together where the table has an LA column.
func (f *fileReader) dataRow(rowNum int, rec []string) bool {
	r, pl, row := f.r, f.pl, f.row
	if csvin.IsBlank(rec) || !csvin.CheckWidth(pl, rowNum, rec, len(row.head)) {
		return true
	}
	r.rowsRead++
	r.tables[f.table].rows++
	row.row, row.cells, row.ok = rowNum, rec, true
	child := row.text("CHILD")
	if child == "" {
		pl.Add(rowNum, row.head[row.col["CHILD"]], "", "CHILD is empty on a row that has other values")
		return true
	}
	la := ""
	if f.laCol >= 0 {
		la = cell(rec, f.laCol)
		if la == "" {
			pl.Add(rowNum, row.head[f.laCol], "", "LA is empty: where the table has an LA column a child is known by LA and CHILD together")
			return true
		}
		child = la + "/" + child
	}
	year, hasYear, ok := f.year(rowNum, rec)
	if !ok {
		return true
	}
	r.addRow(f.table, f.fi, row, child, la, year, hasYear)
	return true
}

// year reads a data row's YEAR where the table has a YEAR column; ok is
// false (and a problem reported) when it is not a year.
func (f *fileReader) year(rowNum int, rec []string) (year int, hasYear, ok bool) {
	if f.yrCol < 0 {
		return 0, false, true
	}
	v := cell(rec, f.yrCol)
	y, err := strconv.Atoi(v)
	if err != nil || y < 1900 || y > 2200 {
		f.pl.Add(rowNum, f.row.head[f.yrCol], v, "YEAR is not a year")
		return 0, false, false
	}
	return y, true, true
}

// cell is a record's cell i, trimmed, or "" when the record is shorter.
func cell(rec []string, i int) string {
	if i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// addRow stores one data row of a used table.
func (r *reader) addRow(t table, fi int, x *csvRow, child, la string, year int, hasYear bool) {
	ref := rowRef{file: int32(fi), row: int32(x.row)}
	g := r.group(t, fi, year, hasYear)
	grp := &r.groups[g]
	if la != "" {
		if grp.las == nil {
			grp.las = map[string]bool{}
		}
		if !grp.las[la] {
			grp.las[strings.Clone(la)] = true
		}
	}
	seen := func(d data.Date) {
		if d > grp.latest {
			grp.latest = d
		}
	}
	switch t {
	case headerTable:
		dob := x.date("DOB")
		if !x.ok {
			return
		}
		r.headers = append(r.headers, headerRow{kid: r.kid(child, la), group: g, rowRef: ref,
			sex: r.code(x.text("SEX")), ethnic: r.code(x.text("ETHNIC")), dob: dob})
	case episodesTable:
		decom, dec := x.date("DECOM"), x.date("DEC")
		x.need("DECOM", decom, "DECOM (the date the episode began)")
		if !x.ok {
			return
		}
		seen(decom)
		r.episodes = append(r.episodes, episode{kid: r.kid(child, la), group: g, rowRef: ref,
			decom: decom, dec: dec, rne: r.code(x.text("RNE")), ls: r.code(x.text("LS")), cin: r.code(x.text("CIN")),
			place: r.code(x.text("PLACE")), prov: r.code(x.text("PLACE_PROVIDER")), rec: r.code(x.text("REC")),
			reason: r.code(x.text("REASON_PLACE_CHANGE")), urn: r.code(x.text("URN"))})
	case reviewsTable:
		d := x.date("REVIEW")
		x.need("REVIEW", d, "REVIEW (the review date)")
		if !x.ok {
			return
		}
		seen(d)
		r.reviews = append(r.reviews, review{kid: r.kid(child, la), group: g, rowRef: ref, date: d,
			code: r.code(x.text("REVIEW_CODE"))})
	case ad1Table:
		di, dm := x.date("DATE_INT"), x.date("DATE_MATCH")
		if !x.ok {
			return
		}
		seen(dm)
		r.ad1 = append(r.ad1, ad1Row{kid: r.kid(child, la), group: g, rowRef: ref, dateInt: di, match: dm,
			fosterCare: r.code(x.text("FOSTER_CARE")), nbAdoptr: r.code(x.text("NB_ADOPTR")),
			sexAdoptr: r.code(x.text("SEX_ADOPTR")), lsAdoptr: r.code(x.text("LS_ADOPTR"))})
	case placedForAdoptionTable:
		dp, dc := x.date("DATE_PLACED"), x.date("DATE_PLACED_CEASED")
		x.need("DATE_PLACED", dp, "DATE_PLACED (the decision that the child should be placed for adoption)")
		if !x.ok {
			return
		}
		seen(dp)
		r.pfa = append(r.pfa, pfaRow{kid: r.kid(child, la), group: g, rowRef: ref, placed: dp, ceased: dc,
			reason: r.code(x.text("REASON_PLACED_CEASED"))})
	}
}

// label names a group in messages: its file, and its YEAR where a YEAR
// column splits the file.
func (r *reader) label(g int32) string {
	gr := &r.groups[g]
	if gr.yearCol {
		return fmt.Sprintf("%s, YEAR %d", r.names[gr.file], gr.year)
	}
	return r.names[gr.file]
}

// yearEnd is the end (31 March) of the collection year holding d.
func yearEnd(d data.Date) data.Date {
	y, m, _ := d.YMD()
	if m > 3 {
		y++
	}
	return data.NewDate(y, 3, 31)
}

// latestYearEnd is the end of the latest collection year in the data: the
// 31 March on or after the latest episode start (a return holds no episode
// that starts after its year end). Starts more than a year in the future
// are typing errors and are passed over when there is anything else.
func (r *reader) latestYearEnd() data.Date {
	limit := data.Today().AddMonths(12)
	var latest, any data.Date
	for i := range r.episodes {
		d := r.episodes[i].decom
		if d > any {
			any = d
		}
		if d <= limit && d > latest {
			latest = d
		}
	}
	if latest.IsZero() {
		latest = any
	}
	return yearEnd(latest)
}

// rankGroups orders the return years: by year (the YEAR column or a year in
// the file name, else the collection year of the group's latest date),
// then by file and row order.
func (r *reader) rankGroups() {
	key := func(g *group) int {
		if g.hasYear {
			return g.year
		}
		if g.latest.IsZero() {
			return 0
		}
		y, _, _ := yearEnd(g.latest).YMD()
		return y
	}
	order := make([]int, len(r.groups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &r.groups[order[i]], &r.groups[order[j]]
		if ka, kb := key(a), key(b); ka != kb {
			return ka < kb
		}
		return a.file < b.file
	})
	for rank, g := range order {
		r.groups[g].rank = rank
	}
}

// ignoredReport lists, for the import report, the columns no table has and
// each table that was recognised but deliberately not read or stored.
func (r *reader) ignoredReport() []string {
	out := append([]string(nil), r.unknown...)
	for t := range tables {
		spec := &tables[t]
		use := &r.tables[t]
		if spec.used || len(use.files) == 0 {
			continue
		}
		var names []string
		for _, f := range use.files {
			names = append(names, r.names[f])
		}
		out = append(out, fmt.Sprintf("%s table (%s): not stored, %s", spec.name, strings.Join(names, ", "), spec.skipWhy))
	}
	return out
}
