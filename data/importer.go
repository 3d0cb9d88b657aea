package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImportOptions are the choices an import makes.
type ImportOptions struct {
	ExtractDate Date // the date the extract describes; NoDate means today (or, for an SSDA903 return, its year end)
	Replace     bool // replace a stored extract of the same kind and date
	Progress    Progress
}

// ImportPaths imports the files and folders a user named: each tracker
// extract (CSV or XLSX) is imported on its own, and SSDA903 tables (a folder,
// or CSV files whose heading rows are 903 tables) are read together as one
// return. Every input is parsed before anything is written, so a fatal
// problem in any file leaves the store untouched; the error is an
// *InputError listing every problem in every file.
func ImportPaths(ctx context.Context, s *Store, paths []string, o ImportOptions) ([]ImportResult, error) {
	trackers, returns, err := classifyPaths(paths)
	if err != nil {
		return nil, err
	}
	var parsed []*ExtractData
	var problems []Problem
	note := func(x *ExtractData, err error) error {
		if err == nil {
			parsed = append(parsed, x)
			return nil
		}
		if ie, ok := err.(*InputError); ok {
			problems = append(problems, ie.Problems...)
			return nil
		}
		return err
	}
	date := o.ExtractDate
	for _, p := range trackers {
		d := date
		if d.IsZero() {
			d = Today()
		}
		x, err := ReadTrackerFile(ctx, p, d)
		if err := note(x, err); err != nil {
			return nil, err
		}
	}
	if len(returns) > 0 {
		x, err := ReadSSDA903Files(ctx, returns, date)
		if err := note(x, err); err != nil {
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	var results []ImportResult
	for _, x := range parsed {
		r, err := s.SaveExtract(ctx, x, o.Replace, o.Progress)
		if err != nil {
			return results, fmt.Errorf("%s: %w", x.FileName, err)
		}
		r.Tables = SSDA903Tables(x)
		results = append(results, r)
	}
	return results, nil
}

// classifyPaths expands folders and sorts inputs into tracker extracts and
// SSDA903 tables.
func classifyPaths(paths []string) (trackers, returns []string, err error) {
	var problems []Problem
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			problems = append(problems, Problem{File: p, Why: "cannot be opened: " + plainIOError(err)})
			continue
		}
		if st.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				problems = append(problems, Problem{File: p, Why: "cannot be read: " + plainIOError(err)})
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
				problems = append(problems, Problem{File: p, Why: "the folder holds no CSV files"})
			}
			returns = append(returns, csvs...)
			continue
		}
		if strings.EqualFold(filepath.Ext(p), ".csv") && IsSSDA903File(p) {
			returns = append(returns, p)
		} else {
			trackers = append(trackers, p)
		}
	}
	if len(problems) > 0 {
		return nil, nil, &InputError{Problems: problems}
	}
	return trackers, returns, nil
}
