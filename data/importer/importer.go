package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/ssda903"
	"permanence/data/store"
	"permanence/data/tracker"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ImportOptions are the choices an import makes.
type ImportOptions struct {
	ExtractDate data.Date // the date the extract describes; NoDate means a date in the file name, else today (for an SSDA903 return, its year end)
	Replace     bool      // replace a stored extract of the same kind and date
	Progress    data.Progress
}

// ImportPaths imports the files and folders a user named. Tracker extracts
// (CSV or XLSX) are each one extract, except that tracker files with the
// same extract date (one export per team, say) form one extract holding
// every file's children; SSDA903 tables (a folder, or CSV files whose
// heading rows are 903 tables) are read together as one return. Every
// input is parsed and checked before anything is written (an extract date
// before 1990 or more than a year ahead, a child ID over 100 characters, a
// child in two files of one date with different values, an extract with no
// child in care at its date are refused), and all of them are stored in
// one transaction: a fatal problem in any file, or a cancellation, leaves
// the store untouched. A fatal problem's error is an *InputError listing
// every problem in every file.
func ImportPaths(ctx context.Context, s *store.Store, paths []string, o ImportOptions) ([]data.ImportResult, error) {
	trackers, returns, err := classifyPaths(paths)
	if err != nil {
		return nil, err
	}
	parsed, problems, err := parseAll(ctx, trackers, returns, o.ExtractDate)
	if err != nil {
		return nil, err
	}
	today := data.Today()
	for _, p := range parsed {
		problems = append(problems, checkExtractDate(p, today)...)
		problems = append(problems, checkChildIDs(p.x)...)
	}
	parsed, conflicts := mergeSameDate(parsed)
	problems = append(problems, conflicts...)
	for _, p := range parsed {
		if checkExtractDate(p, today) == nil { // a refused date says enough
			problems = append(problems, checkInCare(p)...)
		}
	}
	if len(problems) > 0 {
		return nil, &data.InputError{Problems: problems}
	}
	if err := refuseDemoStore(ctx, s); err != nil {
		return nil, err
	}
	stored, err := s.ChildIDs(ctx)
	if err != nil {
		return nil, err
	}
	xs := make([]*data.ExtractData, len(parsed))
	for i, p := range parsed {
		xs[i] = p.x
		similarIDs(p.x, stored)
	}
	results, err := s.SaveExtracts(ctx, xs, o.Replace, o.Progress)
	if err != nil {
		return nil, err
	}
	for i, x := range xs {
		results[i].Tables = x.Tables
	}
	return results, nil
}

// parseAll reads every tracker extract, each dated date, else by a date in
// its file name, else today; and the SSDA903 tables as one return, dated
// date, else by its latest collection year. Fatal problems in the files
// are collected; other errors (a cancellation) end it.
func parseAll(ctx context.Context, trackers, returns []string, date data.Date) ([]parsedInput, []data.Problem, error) {
	var parsed []parsedInput
	var problems []data.Problem
	note := func(x *data.ExtractData, from string, err error) error {
		if err == nil {
			parsed = append(parsed, parsedInput{x: x, dateFrom: from})
			return nil
		}
		if ie, ok := err.(*data.InputError); ok {
			problems = append(problems, ie.Problems...)
			return nil
		}
		return err
	}
	for _, p := range trackers {
		d, from := date, "given for this import"
		if d.IsZero() {
			d, from = DateFromFileName(filepath.Base(p)), "read from the file name"
		}
		if d.IsZero() {
			d, from = data.Today(), "today, as no date was given or found in the file name"
		}
		x, err := tracker.ReadTrackerFile(ctx, p, d)
		if err := note(x, from, err); err != nil {
			return nil, nil, err
		}
	}
	if len(returns) > 0 {
		from := "given for this import"
		if date.IsZero() {
			from = "the end of the latest collection year of the return's episodes"
		}
		x, err := ssda903.ReadSSDA903Files(ctx, returns, date)
		if err := note(x, from, err); err != nil {
			return nil, nil, err
		}
	}
	return parsed, problems, nil
}

// classifyPaths expands folders and sorts inputs into tracker extracts and
// SSDA903 tables.
func classifyPaths(paths []string) (trackers, returns []string, err error) {
	var problems []data.Problem
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			problems = append(problems, data.Problem{File: p, Why: "cannot be opened: " + data.IOReason(err)})
			continue
		}
		if st.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				problems = append(problems, data.Problem{File: p, Why: "cannot be read: " + data.IOReason(err)})
				continue
			}
			var csvs []string
			for _, e := range entries {
				if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
					csvs = append(csvs, filepath.Join(p, e.Name()))
				}
			}
			sort.Strings(csvs)
			if len(csvs) == 0 {
				problems = append(problems, data.Problem{File: p, Why: "the folder holds no CSV files"})
			}
			returns = append(returns, csvs...)
			continue
		}
		if strings.EqualFold(filepath.Ext(p), ".csv") && ssda903.IsSSDA903File(p) {
			returns = append(returns, p)
		} else {
			trackers = append(trackers, p)
		}
	}
	if len(problems) > 0 {
		return nil, nil, &data.InputError{Problems: problems}
	}
	return trackers, returns, nil
}

var fileNameDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_.]?([01][0-9])[-_.]?([0-3][0-9])(?:[^0-9]|$)`)

// DateFromFileName finds an extract date written into a file name as
// YYYY-MM-DD, YYYY_MM_DD or YYYYMMDD ("tracker-2026-03-31.xlsx"), or NoDate.
func DateFromFileName(name string) data.Date {
	m := fileNameDate.FindStringSubmatch(name)
	if m == nil {
		return data.NoDate
	}
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if !data.ValidDate(y, mo, d) {
		return data.NoDate
	}
	return data.NewDate(y, mo, d)
}

// atoi reads the digits the file-name pattern matched.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// ErrDemoStore is returned when real extracts are imported into the demo
// authority's store: demo and real children must never mix.
var ErrDemoStore = errors.New("this is the demo authority's store: real extracts are never imported into it, so that no real child is mixed with a made-up one; " +
	"import into your own store instead (permanence import without --db, or open the app without --demo)")

// refuseDemoStore refuses a store that holds the demo authority.
func refuseDemoStore(ctx context.Context, s *store.Store) error {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return err
	}
	for _, x := range xs {
		if x.Kind == data.KindDemo {
			return ErrDemoStore
		}
	}
	return nil
}
