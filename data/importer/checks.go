package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"permanence/data"
)

// earliestExtractDate is the first extract date the importer accepts: no
// authority's case system holds earlier extracts of children in care now.
var earliestExtractDate = data.NewDate(1990, 1, 1)

// maxChildIDLength is the longest child ID, in characters, the importer
// accepts: case and person IDs are a few characters; a longer "ID" is
// another column, or a broken file.
const maxChildIDLength = 100

// parsedInput is one parsed extract and where its extract date came from,
// for messages.
type parsedInput struct {
	x        *data.ExtractData
	dateFrom string // "given for this import", "read from the file name", ...
}

// checkExtractDate refuses an extract date before 1990 or more than a year
// after today (0001-01-01 and 9999-12-31 typed by mistake, say): stored, a
// far-future extract would become the default as-at date.
func checkExtractDate(p parsedInput, today data.Date) []data.Problem {
	latest := today.AddMonths(12)
	d := p.x.Date
	var why string
	switch {
	case d < earliestExtractDate:
		why = fmt.Sprintf("is before %s", earliestExtractDate.UK())
	case d > latest:
		why = fmt.Sprintf("is after %s, more than a year from today", latest.UK())
	default:
		return nil
	}
	return []data.Problem{{File: p.x.FileName, Column: "extract date", Value: d.String(), Why: fmt.Sprintf(
		"the extract date (%s) %s: an extract date must be between %s and %s. Give the date the extract describes (permanence import --extract-date YYYY-MM-DD, or the extract date in the app's import)",
		p.dateFrom, why, earliestExtractDate.UK(), latest.UK())}}
}

// checkChildIDs refuses child IDs longer than maxChildIDLength characters,
// each a problem at its row (when the extract knows its rows).
func checkChildIDs(x *data.ExtractData) []data.Problem {
	var out []data.Problem
	for i := range x.Children {
		id := x.Children[i].ID
		if len(id) <= maxChildIDLength { // bytes: at least as many as characters
			continue
		}
		n := utf8.RuneCountInString(id)
		if n <= maxChildIDLength {
			continue
		}
		row := 0
		if i < len(x.Rows) {
			row = x.Rows[i]
		}
		out = append(out, data.Problem{File: x.FileName, Row: row, Column: "child_id", Value: shorten(id, 40), Why: fmt.Sprintf(
			"a child ID of %d characters is too long (at most %d): check that the child ID column holds the case or person ID", n, maxChildIDLength)})
	}
	return out
}

// shorten keeps the first n characters of s, marking what was cut.
func shorten(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// checkInCare refuses an extract in which no child is in care at its
// extract date (data.InCare): stored, it would become the latest extract
// and hide the real one. A child with no date entered care may be in care
// (a tracker need not have that column), so it counts as possibly in care
// unless it had ceased care by then or is on a short break.
func checkInCare(p parsedInput) []data.Problem {
	x := p.x
	var after, ceased, shortBreak int
	for i := range x.Children {
		c := &x.Children[i]
		switch {
		case data.InCare(c, x.Date):
			return nil
		case c.CeasedCare.By(x.Date):
			ceased++
		case data.IsShortBreak(c.LegalStatus):
			shortBreak++
		case c.EnteredCare.IsZero():
			return nil // not known: maybe in care
		default:
			after++
		}
	}
	why := []string{"it holds no child with a period of care begun by then"}
	if len(x.Children) > 0 {
		why = []string{"of its " + countChildren(len(x.Children))}
	}
	for _, n := range []struct {
		count int
		what  string
	}{{after, "entered care after that date"}, {ceased, "had ceased care by then"}, {shortBreak, "on short breaks (V3/V4 legal status)"}} {
		if n.count > 0 {
			why = append(why, fmt.Sprintf("%d %s", n.count, n.what))
		}
	}
	return []data.Problem{{File: x.FileName, Column: "extract date", Value: x.Date.String(), Why: fmt.Sprintf(
		"no child in it is in care on %s, its extract date (%s): %s. Stored, it would become the latest extract and hide the real one. "+
			"Check the extract date, and that the file is an extract of the children in care (not of leavers, or of another date)",
		x.Date.UK(), p.dateFrom, strings.Join(why, ", "))}}
}

// countChildren says n children in words: "1 child", "12 children".
func countChildren(n int) string {
	if n == 1 {
		return "1 child"
	}
	return fmt.Sprintf("%d children", n)
}
