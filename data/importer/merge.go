package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"permanence/data"
)

// mergeSameDate joins the tracker extracts of one import that share an
// extract date into one extract: authorities often export per team, and
// the store keeps one tracker extract per date. Other extracts pass
// through. A child in two files with different values is a problem for
// each value that differs.
func mergeSameDate(ps []parsedInput) ([]parsedInput, []data.Problem) {
	var out []parsedInput
	var members [][]*data.ExtractData // the files of each of out
	byDate := map[data.Date]int{}     // the index in out of the tracker extract of each date
	for _, p := range ps {
		if p.x.Kind == data.KindTracker {
			if i, ok := byDate[p.x.Date]; ok {
				members[i] = append(members[i], p.x)
				continue
			}
			byDate[p.x.Date] = len(out)
		}
		out = append(out, p)
		members = append(members, []*data.ExtractData{p.x})
	}
	var problems []data.Problem
	for i, xs := range members {
		if len(xs) > 1 {
			var ps []data.Problem
			out[i].x, ps = mergeExtracts(xs)
			problems = append(problems, ps...)
		}
	}
	return out, problems
}

// childAt is where a merged extract's child came from.
type childAt struct {
	file  string
	row   int
	index int // in the merged extract's Children
}

// mergeExtracts joins tracker extracts of one date into one extract named
// "a.csv + b.csv", whose SHA-256 is over every file (in any order: the
// same set imported again is seen as already imported). A file given twice
// counts once; a child in two files with the same values counts once.
// Each warning says which file it is from.
func mergeExtracts(xs []*data.ExtractData) (*data.ExtractData, []data.Problem) {
	xs = distinctFiles(xs)
	if len(xs) == 1 {
		return xs[0], nil
	}
	m := &data.ExtractData{Kind: xs[0].Kind, Date: xs[0].Date}
	var names, sums []string
	var problems []data.Problem
	seen := map[string]childAt{}
	for _, x := range xs {
		names = append(names, x.FileName)
		sums = append(sums, x.SHA256)
		m.RowsRead += x.RowsRead
		again := map[string]bool{} // children already merged, with the same values
		for i := range x.Children {
			c, row := &x.Children[i], rowOf(x, i)
			prev, ok := seen[c.ID]
			switch {
			case !ok:
				seen[c.ID] = childAt{file: x.FileName, row: row, index: len(m.Children)}
				m.Children = append(m.Children, *c)
				m.Rows = append(m.Rows, row)
			case m.Children[prev.index] == *c:
				again[c.ID] = true
			default:
				problems = append(problems, conflicts(prev, &m.Children[prev.index], x.FileName, row, c)...)
			}
		}
		for _, w := range x.Warnings {
			if !again[w.ChildID] {
				w.Message += " (in " + x.FileName + ")"
				m.Warnings = append(m.Warnings, w)
			}
		}
		m.IgnoredColumns = appendNew(m.IgnoredColumns, x.IgnoredColumns)
	}
	m.FileName = strings.Join(names, " + ")
	m.SHA256 = setSum(sums)
	return m, problems
}

// distinctFiles drops a file whose bytes (SHA-256) an earlier one had.
func distinctFiles(xs []*data.ExtractData) []*data.ExtractData {
	var out []*data.ExtractData
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x.SHA256] {
			seen[x.SHA256] = true
			out = append(out, x)
		}
	}
	return out
}

// setSum is the SHA-256 of a set of files' SHA-256s (hex), whatever their
// order.
func setSum(sums []string) string {
	sorted := append([]string(nil), sums...)
	sort.Strings(sorted)
	h := sha256.New()
	for _, s := range sorted {
		b, err := hex.DecodeString(s)
		if err != nil {
			b = []byte(s)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rowOf is the source row of x's child i, or 0 when not known.
func rowOf(x *data.ExtractData, i int) int {
	if i < len(x.Rows) {
		return x.Rows[i]
	}
	return 0
}

// appendNew appends the strings of add not already in list.
func appendNew(list, add []string) []string {
	for _, s := range add {
		found := false
		for _, t := range list {
			found = found || t == s
		}
		if !found {
			list = append(list, s)
		}
	}
	return list
}

// conflicts lists, at c's row, each value of c that differs from the same
// child's in an earlier file of the same date (prev, a).
func conflicts(prev childAt, a *data.Child, file string, row int, c *data.Child) []data.Problem {
	where := fmt.Sprintf("%s row %d", prev.file, prev.row)
	if prev.row == 0 {
		where = prev.file
	}
	var out []data.Problem
	for i := range data.Fields {
		f := &data.Fields[i]
		va, vc := f.Value(a), f.Value(c)
		if f.Kind == data.KindPlan {
			va, vc = a.PlanText, c.PlanText
		}
		if va == vc {
			continue
		}
		out = append(out, data.Problem{File: file, Row: row, Column: f.Label, Value: vc, Why: fmt.Sprintf(
			"child %s is also in %s, with %q: the files of one extract date must agree on each child they share", c.ID, where, va)})
	}
	if len(out) == 0 {
		out = append(out, data.Problem{File: file, Row: row, Column: "child_id", Value: c.ID, Why: fmt.Sprintf(
			"child %s is also in %s, with other values: the files of one extract date must agree on each child they share", c.ID, where)})
	}
	return out
}
