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

// s903Table is one of the return's tables.
type s903Table uint8

const (
	s903Header s903Table = iota
	s903Episodes
	s903Reviews
	s903AD1
	s903PlacedForAdoption
	s903PreviousPermanence
	s903Missing
	s903UASC
	s903OC2
	s903OC3
	s903SWEpisodes
	s903DoLo
	numS903Tables
)

// s903TableSpec describes a table: its columns as the DfE specification
// names them (CHILD first), the columns only it has, the columns the
// importer cannot do without, and whether the panel uses it.
type s903TableSpec struct {
	name        string
	columns     []string
	distinctive []string
	required    []string
	used        bool
	skipWhy     string // for tables not used: why
}

var s903Tables = [numS903Tables]s903TableSpec{
	s903Header: {name: "header", used: true,
		columns:     []string{"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"},
		distinctive: []string{"ETHNIC", "UPN", "MOTHER", "MC_DOB"},
		required:    []string{"CHILD"}},
	s903Episodes: {name: "episodes", used: true,
		columns: []string{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
			"REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"},
		distinctive: []string{"DECOM"},
		required:    []string{"CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"}},
	s903Reviews: {name: "reviews", used: true,
		columns:     []string{"CHILD", "DOB", "REVIEW", "REVIEW_CODE"},
		distinctive: []string{"REVIEW", "REVIEW_CODE"},
		required:    []string{"CHILD", "REVIEW"}},
	s903AD1: {name: "ad1", used: true,
		columns:     []string{"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		distinctive: []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		required:    []string{"CHILD", "DATE_MATCH"}},
	s903PlacedForAdoption: {name: "placed_for_adoption", used: true,
		columns:     []string{"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
		distinctive: []string{"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
		required:    []string{"CHILD", "DATE_PLACED"}},
	s903PreviousPermanence: {name: "previous_permanence", skipWhy: "not used by the panel's measures",
		columns:     []string{"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"},
		distinctive: []string{"PREV_PERM", "LA_PERM", "DATE_PERM"}},
	s903Missing: {name: "missing", skipWhy: "missing-from-care episodes: not used by the panel",
		columns:     []string{"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"},
		distinctive: []string{"MISSING", "MIS_START", "MIS_END"}},
	s903UASC: {name: "uasc", skipWhy: "not used by the panel",
		columns:     []string{"CHILD", "SEX", "DOB", "DUC"},
		distinctive: []string{"DUC"}},
	s903OC2: {name: "oc2", skipWhy: "health and offending outcomes: not used by the panel",
		columns: []string{"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
			"TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
		distinctive: []string{"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK"}},
	s903OC3: {name: "oc3", skipWhy: "care leavers' outcomes: not used by the panel",
		columns:     []string{"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
		distinctive: []string{"IN_TOUCH", "ACTIV", "ACCOM"}},
	s903SWEpisodes: {name: "sw_episodes", skipWhy: "social worker ids: not used by the panel",
		columns:     []string{"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"},
		distinctive: []string{"SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"}},
	s903DoLo: {name: "DoLo", skipWhy: "deprivation of liberty orders: not used by the panel",
		columns:     []string{"CHILD", "DOB", "DOLO_START", "DOLO_END"},
		distinctive: []string{"DOLO_START", "DOLO_END"}},
}

// Columns that regional pipelines (liia-tools) add to every table.
const (
	s903ColLA   = "LA"
	s903ColYear = "YEAR"
)

// s903Columns is every column of every table, and LA and YEAR.
var s903Columns = func() map[string]bool {
	m := map[string]bool{s903ColLA: true, s903ColYear: true}
	for _, t := range s903Tables {
		for _, c := range t.columns {
			m[c] = true
		}
	}
	return m
}()

// s903Heading folds a heading to the DfE's spelling: upper case with
// underscores (a BOM, spaces and case do not matter).
func s903Heading(h string) string { return strings.ToUpper(data.NormaliseHeading(h)) }

// recogniseS903 names the table a heading row belongs to. A table matches
// when one of its own columns is present and at least half (and three) of
// its columns are; the best match wins. A heading row with a column that
// only tracker extracts have (Permanence Plan, Team, ...) is no 903 table.
func recogniseS903(headings []string) (s903Table, bool) {
	present := make(map[string]bool, len(headings))
	for _, h := range headings {
		c := s903Heading(h)
		if data.FieldForHeading(h) != nil && !s903Columns[c] {
			return 0, false // a tracker column (Permanence Plan, Team, ...): a tracker extract
		}
		present[c] = true
	}
	best, bestScore := s903Table(0), 0.0
	for t := range s903Tables {
		spec := &s903Tables[t]
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
			best, bestScore = s903Table(t), score
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
	_, ok := recogniseS903(rec)
	return ok
}

// ReadSSDA903Files reads the tables of one or more SSDA903 returns (several
// years at once, in any order) as one extract: episodes are stitched across
// the years, each child's latest period of care is rebuilt, and their
// journey is derived from it (see ssda903_journey.go). The extract date is
// extractDate, or when that is NoDate the end (31 March) of the latest
// collection year in the data. A fatal problem in any file returns an
// *InputError listing every problem in every file.
func ReadSSDA903Files(ctx context.Context, files []string, extractDate data.Date) (*data.ExtractData, error) {
	r := newS903Reader(ctx, files)
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
	if len(r.problems) == 0 && len(r.tables[s903Episodes].files) == 0 {
		var found []string
		for t := range r.tables {
			for _, f := range r.tables[t].files {
				found = append(found, fmt.Sprintf("%s is the %s table", r.names[f], s903Tables[t].name))
			}
		}
		r.problems = append(r.problems, data.Problem{File: s903FileSummary(files),
			Why: "no episodes table among these files: an SSDA903 import needs the episodes table (CHILD, DECOM, RNE, LS, PLACE, DEC, REC ...); " +
				"read by their headings, " + strings.Join(found, ", ")})
	} else if len(r.problems) == 0 && len(r.episodes) == 0 {
		r.problems = append(r.problems, data.Problem{File: r.names[r.tables[s903Episodes].files[0]],
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
	x := &data.ExtractData{Kind: data.KindSSDA903, FileName: s903FileSummary(files), SHA256: hex.EncodeToString(h.Sum(nil)),
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
	attachS903(x, raw)
	return x, nil
}

// s903FileSummary names a set of files for the import report: the file, the
// folder they share, or how many there are.
func s903FileSummary(files []string) string {
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

// s903Group is one return year of one file: a file with a YEAR column holds
// several. Later groups win where returns overlap.
type s903Group struct {
	file    int
	year    int       // the YEAR column's value, or a year in the file name
	hasYear bool      // year is known (column or file name)
	latest  data.Date // latest event date in the group (to order groups without a year)
	rank    int       // order among all groups: higher is later
	yearCol bool      // the year comes from a YEAR column
	table   s903Table
	las     map[string]bool // LAs with rows in the group (nil: no LA column)
}

// s903Ref locates a row: the file, and the row as a spreadsheet numbers it.
type s903Ref struct {
	file int32
	row  int32
}

type s903Episode struct {
	kid   int32
	group int32
	s903Ref
	decom, dec   data.Date
	rne, ls, cin string
	place, prov  string
	rec, reason  string
	urn          string
	dropped      bool  // replaced by another return's version
	period       int16 // period of care (1 = the child's first in the data); 0 when not used
}

type s903HeaderRow struct {
	kid   int32
	group int32
	s903Ref
	sex, ethnic string
	dob         data.Date
}

type s903Review struct {
	kid   int32
	group int32
	s903Ref
	date data.Date
	code string
}

type s903AD1Row struct {
	kid   int32
	group int32
	s903Ref
	dateInt, match data.Date
	fosterCare     string
	nbAdoptr       string
	sexAdoptr      string
	lsAdoptr       string
}

type s903PFARow struct {
	kid   int32
	group int32
	s903Ref
	placed, ceased data.Date
	reason         string
}

// s903TableUse records which files held a table and how many rows.
type s903TableUse struct {
	files []int
	rows  int
}

type s903Reader struct {
	ctx      context.Context
	names    []string // base names, for messages
	problems []data.Problem

	groups   []s903Group
	groupIdx map[[2]int]int32 // (file, year) -> group

	ids   map[string]int32 // child ID -> kid
	kids  []string         // kid -> child ID
	kidLA []string         // kid -> LA ("" without an LA column)

	episodes []s903Episode
	headers  []s903HeaderRow
	reviews  []s903Review
	ad1      []s903AD1Row
	pfa      []s903PFARow

	tables   [numS903Tables]s903TableUse
	unknown  []string // "file: COLUMN" for columns no table has
	rowsRead int
	intern   map[string]string
}

func newS903Reader(ctx context.Context, files []string) *s903Reader {
	r := &s903Reader{ctx: ctx, groupIdx: map[[2]int]int32{}, ids: map[string]int32{},
		intern: map[string]string{}}
	for _, f := range files {
		r.names = append(r.names, filepath.Base(f))
	}
	return r
}

// code returns an upper-cased code, shared between rows (codes repeat, and
// sharing lets each CSV line be freed).
func (r *s903Reader) code(s string) string {
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

func (r *s903Reader) kid(id, la string) int32 {
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

func (r *s903Reader) group(t s903Table, file int, year int, hasYearCol bool) int32 {
	key := [2]int{file, year}
	if g, ok := r.groupIdx[key]; ok {
		return g
	}
	g := s903Group{file: file, year: year, hasYear: hasYearCol, yearCol: hasYearCol, table: t}
	if !hasYearCol {
		g.year, g.hasYear = yearInName(r.names[file])
	}
	id := int32(len(r.groups))
	r.groups = append(r.groups, g)
	r.groupIdx[key] = id
	return id
}

// s903Row is one data row being read: its cells by column.
type s903Row struct {
	r     *s903Reader
	pl    *csvin.Problems
	row   int
	cells []string
	col   map[string]int // DfE column -> index
	head  []string       // headings as written
	ok    bool
}

func (x *s903Row) text(c string) string {
	i, ok := x.col[c]
	if !ok || i >= len(x.cells) {
		return ""
	}
	return strings.TrimSpace(x.cells[i])
}

func (x *s903Row) date(c string) data.Date {
	v := x.text(c)
	if v == "" {
		return data.NoDate
	}
	d, err := data.ParseDate(v)
	if err != nil {
		x.pl.Add(x.row, x.head[x.col[c]], v, "cannot be read as a date: use 31/03/2025 or 2025-03-31")
		x.ok = false
	}
	return d
}

// need reports a problem when a cell the row cannot do without is empty.
func (x *s903Row) need(c string, d data.Date, what string) {
	if d.IsZero() && x.text(c) == "" {
		x.pl.Add(x.row, x.head[x.col[c]], "", what+" is empty")
		x.ok = false
	}
}

// readFile reads one table. Problems are added to r.problems.
func (r *s903Reader) readFile(fi int, b []byte) {
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
	case bytes.IndexByte(b, 0) >= 0 || bytes.HasPrefix(b, []byte("PK\x03\x04")):
		pl.Add(0, "", "", "not a CSV file (it holds binary data): SSDA903 tables are read as CSV")
		return
	}
	var (
		table  s903Table
		row    = &s903Row{r: r, pl: pl}
		header = true
		laCol  = -1
		yrCol  = -1
	)
	csvin.ReadRows(r.ctx, b, pl, func(rowNum int, rec []string) bool {
		if header {
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				return true
			}
			header = false
			t, ok := recogniseS903(rec)
			if !ok {
				pl.Add(rowNum, "", strings.Join(rec, ","), "not an SSDA903 table: the heading row matches none of "+
					"header, episodes, reviews, ad1, placed_for_adoption, previous_permanence, missing, uasc, oc2, oc3, sw_episodes or DoLo")
				return false
			}
			table = t
			use := &r.tables[t]
			use.files = append(use.files, fi)
			spec := &s903Tables[t]
			if !spec.used {
				return false // recognised and deliberately not read
			}
			row.head = make([]string, len(rec))
			row.col = map[string]int{}
			known := map[string]bool{}
			for _, c := range spec.columns {
				known[c] = true
			}
			for i, h := range rec {
				h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
				row.head[i] = h
				c := s903Heading(h)
				if _, dup := row.col[c]; dup {
					continue
				}
				switch {
				case c == s903ColLA:
					laCol = i
				case c == s903ColYear:
					yrCol = i
				case known[c]:
				case h == "":
					continue
				default:
					r.unknown = append(r.unknown, r.names[fi]+": "+h)
					continue
				}
				row.col[c] = i
			}
			for _, c := range spec.required {
				if _, ok := row.col[c]; ok {
					continue
				}
				why := fmt.Sprintf("the %s table needs a %s column", spec.name, c)
				if c == "CHILD" {
					why = fmt.Sprintf("no CHILD column: every SSDA903 table identifies the child by CHILD (this heading row looks like the %s table)", spec.name)
				}
				pl.Add(rowNum, c, "", why)
			}
			if pl.Len() > 0 {
				return false
			}
			return true
		}
		if csvin.IsBlank(rec) || !csvin.CheckWidth(pl, rowNum, rec, len(row.head)) {
			return true
		}
		r.rowsRead++
		r.tables[table].rows++
		row.row, row.cells, row.ok = rowNum, rec, true
		child := row.text("CHILD")
		if child == "" {
			pl.Add(rowNum, row.head[row.col["CHILD"]], "", "CHILD is empty on a row that has other values")
			return true
		}
		la := ""
		if laCol >= 0 {
			if laCol < len(rec) {
				la = strings.TrimSpace(rec[laCol])
			}
			if la == "" {
				pl.Add(rowNum, row.head[laCol], "", "LA is empty: where the table has an LA column a child is known by LA and CHILD together")
				return true
			}
			child = la + "/" + child
		}
		year, hasYear := 0, false
		if yrCol >= 0 {
			v := ""
			if yrCol < len(rec) {
				v = strings.TrimSpace(rec[yrCol])
			}
			y, err := strconv.Atoi(v)
			if err != nil || y < 1900 || y > 2200 {
				pl.Add(rowNum, row.head[yrCol], v, "YEAR is not a year")
				return true
			}
			year, hasYear = y, true
		}
		r.addRow(table, fi, row, child, la, year, hasYear)
		return true
	})
	if header {
		pl.Add(0, "", "", "the file is empty")
	}
}

// addRow stores one data row of a used table.
func (r *s903Reader) addRow(t s903Table, fi int, x *s903Row, child, la string, year int, hasYear bool) {
	ref := s903Ref{file: int32(fi), row: int32(x.row)}
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
	case s903Header:
		dob := x.date("DOB")
		if !x.ok {
			return
		}
		r.headers = append(r.headers, s903HeaderRow{kid: r.kid(child, la), group: g, s903Ref: ref,
			sex: r.code(x.text("SEX")), ethnic: r.code(x.text("ETHNIC")), dob: dob})
	case s903Episodes:
		decom, dec := x.date("DECOM"), x.date("DEC")
		x.need("DECOM", decom, "DECOM (the date the episode began)")
		if !x.ok {
			return
		}
		seen(decom)
		r.episodes = append(r.episodes, s903Episode{kid: r.kid(child, la), group: g, s903Ref: ref,
			decom: decom, dec: dec, rne: r.code(x.text("RNE")), ls: r.code(x.text("LS")), cin: r.code(x.text("CIN")),
			place: r.code(x.text("PLACE")), prov: r.code(x.text("PLACE_PROVIDER")), rec: r.code(x.text("REC")),
			reason: r.code(x.text("REASON_PLACE_CHANGE")), urn: r.code(x.text("URN"))})
	case s903Reviews:
		d := x.date("REVIEW")
		x.need("REVIEW", d, "REVIEW (the review date)")
		if !x.ok {
			return
		}
		seen(d)
		r.reviews = append(r.reviews, s903Review{kid: r.kid(child, la), group: g, s903Ref: ref, date: d,
			code: r.code(x.text("REVIEW_CODE"))})
	case s903AD1:
		di, dm := x.date("DATE_INT"), x.date("DATE_MATCH")
		if !x.ok {
			return
		}
		seen(dm)
		r.ad1 = append(r.ad1, s903AD1Row{kid: r.kid(child, la), group: g, s903Ref: ref, dateInt: di, match: dm,
			fosterCare: r.code(x.text("FOSTER_CARE")), nbAdoptr: r.code(x.text("NB_ADOPTR")),
			sexAdoptr: r.code(x.text("SEX_ADOPTR")), lsAdoptr: r.code(x.text("LS_ADOPTR"))})
	case s903PlacedForAdoption:
		dp, dc := x.date("DATE_PLACED"), x.date("DATE_PLACED_CEASED")
		x.need("DATE_PLACED", dp, "DATE_PLACED (the decision that the child should be placed for adoption)")
		if !x.ok {
			return
		}
		seen(dp)
		r.pfa = append(r.pfa, s903PFARow{kid: r.kid(child, la), group: g, s903Ref: ref, placed: dp, ceased: dc,
			reason: r.code(x.text("REASON_PLACED_CEASED"))})
	}
}

// label names a group in messages: its file, and its YEAR where a YEAR
// column splits the file.
func (r *s903Reader) label(g int32) string {
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
func (r *s903Reader) latestYearEnd() data.Date {
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
func (r *s903Reader) rankGroups() {
	key := func(g *s903Group) int {
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
func (r *s903Reader) ignoredReport() []string {
	out := append([]string(nil), r.unknown...)
	for t := range s903Tables {
		spec := &s903Tables[t]
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
