package importer

import (
	"context"
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

// ImportPaths imports the files and folders a user named: each tracker
// extract (CSV or XLSX) is imported on its own, and SSDA903 tables (a folder,
// or CSV files whose heading rows are 903 tables) are read together as one
// return. Every input is parsed before anything is written, and all of them
// are stored in one transaction: a fatal problem in any file, or a
// cancellation, leaves the store untouched. A fatal problem's error is an
// *InputError listing every problem in every file.
func ImportPaths(ctx context.Context, s *store.Store, paths []string, o ImportOptions) ([]data.ImportResult, error) {
	trackers, returns, err := classifyPaths(paths)
	if err != nil {
		return nil, err
	}
	var parsed []*data.ExtractData
	var problems []data.Problem
	note := func(x *data.ExtractData, err error) error {
		if err == nil {
			parsed = append(parsed, x)
			return nil
		}
		if ie, ok := err.(*data.InputError); ok {
			problems = append(problems, ie.Problems...)
			return nil
		}
		return err
	}
	date := o.ExtractDate
	for _, p := range trackers {
		d := date
		if d.IsZero() {
			d = DateFromFileName(filepath.Base(p))
		}
		if d.IsZero() {
			d = data.Today()
		}
		x, err := tracker.ReadTrackerFile(ctx, p, d)
		if err := note(x, err); err != nil {
			return nil, err
		}
	}
	if len(returns) > 0 {
		x, err := ssda903.ReadSSDA903Files(ctx, returns, date)
		if err := note(x, err); err != nil {
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, &data.InputError{Problems: problems}
	}
	results, err := s.SaveExtracts(ctx, parsed, o.Replace, o.Progress)
	if err != nil {
		return nil, err
	}
	for i, x := range parsed {
		results[i].Tables = x.Tables
	}
	return results, nil
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
