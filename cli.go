package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"permanence/data/benchmark"
	"permanence/data/demo"
	"permanence/data/export"
	"permanence/data/figures"
	"permanence/data/importer"
	"permanence/data/panel"
	"permanence/data/papers"
	"permanence/data/store"
	"strings"
	"text/tabwriter"

	"permanence/data"
)

const usageText = `permanence: the permanence panel's dashboard and data set.

Usage:
  permanence [--db PATH] [--demo] [--present]
                                        open the desktop app (--demo: on the demo authority, kept in its own
                                        demo.db unless --db is given; --present: start in presentation mode)
  permanence import [--db PATH] [--extract-date YYYY-MM-DD] [--replace] FILE|FOLDER...
  permanence measures [--db PATH] [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--json]
  permanence demo [--db PATH] [--children N] [--months N] [--seed N] [--out FILE.csv|FILE.xlsx]
  permanence export [--db PATH] [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--report pack|board|slt] [--hide-names] --out FILE.xlsx
  permanence settings [--db PATH] [KEY [VALUE]]
                                        list every setting, read one, or set one (an empty VALUE puts a
                                        threshold back to its default)
  permanence backup [--db PATH] --out FILE
                                        write a complete, consistent copy of the store
  permanence restore [--db PATH] FILE   replace the store with a backup (the store it replaces is kept in
                                        the backups folder beside it); close the app first
  permanence benchmarks [--db PATH] [--as-of YYYY-MM-DD] [--json]
                                        list the national figures and the authority's comparators held, with
                                        their sources (docs/benchmarks.md)
  permanence benchmarks import [--db PATH] FILE.csv
                                        add comparators (a region's, statistical neighbours', a newer
                                        national release) from a CSV of the benchmark table's columns
  permanence panel SUBCOMMAND [--db PATH] ...
                                        the panel's meetings, agendas, records, actions and escalations:
` + panel.Usage + `

The store defaults to the app's own database
(%s).
Exit status: 0 success, 1 a problem with the input, 2 a usage error.
`

// usageError is a mistake in the command line itself (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// runCLI runs a subcommand and returns the exit status. Nothing it does
// lets a Go panic reach the user.
func runCLI(args []string, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "permanence: something went wrong inside the program (%v); nothing more was written. Please report this.\n", r)
			status = 1
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := dispatch(ctx, args, stdout, stderr)
	var ue usageError
	var ie *data.InputError
	var re *data.RecordFileError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "permanence: %s\nRun 'permanence help' for usage.\n", ue.msg)
		return 2
	case errors.As(err, &ie):
		for _, p := range ie.Problems {
			fmt.Fprintln(stderr, p.String())
		}
		fmt.Fprintf(stderr, "permanence: %d problem(s) found; nothing was imported and the store is unchanged.\n", len(ie.Problems))
		return 1
	case errors.As(err, &re):
		for _, p := range re.Problems {
			fmt.Fprintln(stderr, p)
		}
		fmt.Fprintf(stderr, "permanence: %d problem(s) in the record; nothing was written.\n", len(re.Problems))
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "permanence: stopped; nothing was written.")
		return 1
	default:
		fmt.Fprintf(stderr, "permanence: %v\n", err)
		return 1
	}
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("no command given")
	}
	rest := args[1:]
	switch args[0] {
	case "import":
		return cmdImport(ctx, rest, stdout, stderr)
	case "measures":
		return cmdMeasures(ctx, rest, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, stdout, stderr)
	case "export":
		return cmdExport(ctx, rest, stdout, stderr)
	case "settings":
		return cmdSettings(ctx, rest, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, stdout, stderr)
	case "restore":
		return cmdRestore(rest, stdout, stderr)
	case "benchmarks":
		return cmdBenchmarks(ctx, rest, stdout, stderr)
	case "panel":
		err := panel.Command(ctx, rest, openStore, papers.WriteMeetingPapers, stdout, stderr)
		var ue panel.UsageError
		if errors.As(err, &ue) {
			return usagef("%s", ue.Msg)
		}
		return err
	case "help", "-h", "-help", "--help":
		def, _ := store.DefaultPath()
		fmt.Fprintf(stdout, usageText, def)
		return nil
	}
	return usagef("unknown command %q", args[0])
}

// newFlags makes a flag set that reports errors as usage errors instead of
// printing and exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	// Go's flag package stops at the first argument that is not a flag;
	// allow flags after file names too, as people type them.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usagef("%s: %v", fs.Name(), err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

// dateFlag is a YYYY-MM-DD flag value.
type dateFlag struct{ d data.Date }

func (f *dateFlag) String() string { return f.d.String() }
func (f *dateFlag) Set(s string) error {
	d, err := data.ParseDate(s)
	if err != nil || d.IsZero() {
		return fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	f.d = d
	return nil
}

// openStore opens the store at path (the app's own when empty), saying on
// standard error when it is on a network drive or in a synced folder.
func openStore(path string) (*store.Store, error) {
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if w := store.PlaceWarning(path); w != "" {
		fmt.Fprintf(os.Stderr, "permanence: warning: %s\n", w)
	}
	return store.Open(path)
}

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	var date dateFlag
	fs.Var(&date, "extract-date", "the date the extract describes (default: a date in the file name such as tracker-2026-03-31.csv, else today; for an SSDA903 return, its year end)")
	replace := fs.Bool("replace", false, "replace a stored extract of the same date")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("import: name at least one file or folder to import")
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	results, err := importer.ImportPaths(ctx, s, fs.Args(), importer.ImportOptions{ExtractDate: date.d, Replace: *replace})
	for _, r := range results {
		printImportReport(stdout, r)
	}
	return err
}

func printImportReport(w io.Writer, r data.ImportResult) {
	x := r.Extract
	if r.AlreadyImported {
		fmt.Fprintf(w, "%s: already imported on %s as the extract of %s; nothing to do.\n", x.FileName, x.ImportedAt.Local().Format("02/01/2006 15:04"), x.Date.UK())
		return
	}
	fmt.Fprintf(w, "%s: imported as the extract of %s.\n", x.FileName, x.Date.UK())
	if r.Replaced != nil {
		fmt.Fprintf(w, "  replaced the earlier extract of that date (%s, %d children)\n", r.Replaced.FileName, r.Replaced.Rows)
	}
	fmt.Fprintf(w, "  rows read: %d\n  children added: %d\n  children updated: %d\n  warnings: %d\n", r.RowsRead, r.Added, r.Updated, len(r.Warnings))
	for _, t := range r.Tables {
		fmt.Fprintf(w, "  SSDA903 %s (%s): %d rows; %s\n", t.Name, strings.Join(t.Files, ", "), t.Rows, t.Use)
	}
	if len(r.IgnoredColumns) > 0 && len(r.Tables) == 0 {
		fmt.Fprintf(w, "  ignored columns: %s\n", strings.Join(r.IgnoredColumns, ", "))
	}
	const shown = 20
	for i, wn := range r.Warnings {
		if i == shown {
			fmt.Fprintf(w, "  … and %d more warnings (see the data-quality screen)\n", len(r.Warnings)-shown)
			break
		}
		fmt.Fprintf(w, "  warning: %s\n", wn.String())
	}
}

// figuresAt builds the figures as at the requested date (default: the
// latest extract) with the figures service: thresholds, period length and
// authority name come from the store's settings. changes asks for the
// changes between the last two extracts on or before that date (the
// pack's Changes sheet).
func figuresAt(ctx context.Context, s *store.Store, asOf, from data.Date, quarters int, changes bool) (*data.Figures, error) {
	if !from.IsZero() && !asOf.IsZero() && from >= asOf {
		return nil, usagef("--from (%s) must be before the as-at date (%s)", from, asOf)
	}
	r := figures.Request{AsOf: asOf, From: from, Quarters: quarters}
	if changes {
		r.Changes = &figures.ChangesRequest{}
	}
	f, err := figures.New(s).Figures(ctx, r)
	if errors.Is(err, figures.ErrNoExtracts) {
		return nil, fmt.Errorf("the store has no extracts yet: import one first (permanence import FILE) or load the demo (permanence demo)")
	}
	if err == nil && !from.IsZero() && from >= f.AsOf {
		return nil, usagef("--from (%s) must be before the as-at date (%s)", from, f.AsOf)
	}
	return f, err
}

func cmdMeasures(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("measures", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	var asOf, from dateFlag
	fs.Var(&asOf, "as-of", "the as-at date (default: the latest extract date)")
	fs.Var(&from, "from", "the day before the period starts (default: the as-at date less threshold.period_months, 12 unless set)")
	asJSON := fs.Bool("json", false, "print one flat JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("measures takes no file names (got %q)", fs.Arg(0))
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := figuresAt(ctx, s, asOf.d, from.d, 0, false)
	if err != nil {
		return err
	}
	if *asJSON {
		_, err = stdout.Write(m.JSON())
		return err
	}
	return m.WriteTable(stdout)
}

func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	children := fs.Int("children", 600, "children looked after at the latest extract")
	months := fs.Int("months", 24, "monthly extracts")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same authority")
	out := fs.String("out", "", "write the latest extract to this tracker file (.csv or .xlsx) instead of a store")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("demo takes no file names (got %q)", fs.Arg(0))
	}
	if *children < 1 || *children > 2_000_000 {
		return usagef("--children must be between 1 and 2000000")
	}
	if *months < 1 || *months > 120 {
		return usagef("--months must be between 1 and 120")
	}
	o := demo.DemoOptions{Children: *children, Months: *months, Seed: *seed}
	if *out != "" {
		return writeDemoFile(*out, o, stdout)
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := demo.LoadDemo(ctx, s, o, nil); err != nil {
		return err
	}
	latest, err := s.LatestExtractDate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo authority loaded into %s: %d monthly extracts up to %s.\n", s.Path(), *months, latest.UK())
	return nil
}

func writeDemoFile(path string, o demo.DemoOptions, stdout io.Writer) error {
	o.Months = 1
	extracts := demo.GenerateDemo(o)
	last := extracts[len(extracts)-1]
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		if err := export.WritePrivateFile(path, func(w io.Writer) error { return demo.WriteTrackerCSV(w, last.Children) }); err != nil {
			return err
		}
	case ".xlsx":
		if err := export.WritePrivateFile(path, func(w io.Writer) error { return demo.WriteTrackerXLSX(w, last.Children) }); err != nil {
			return err
		}
	default:
		return usagef("--out must end in .csv or .xlsx")
	}
	fmt.Fprintf(stdout, "Wrote a tracker extract of %d children as at %s to %s.\n", len(last.Children), last.Date.UK(), path)
	return nil
}

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	var asOf, from dateFlag
	fs.Var(&asOf, "as-of", "the as-at date (default: the latest extract date)")
	fs.Var(&from, "from", "the day before the period starts (default: the as-at date less threshold.period_months, 12 unless set)")
	out := fs.String("out", "", "the workbook to write (.xlsx)")
	report := fs.String("report", "pack", "pack (the monthly panel pack), board (quarterly summary) or slt (6-monthly report)")
	hide := fs.Bool("hide-names", false, "show child IDs only, no names (always on for board and slt)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("export takes no file names (got %q): use --out", fs.Arg(0))
	}
	if *out == "" || !strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		return usagef("export needs --out FILE.xlsx")
	}
	if *report != "pack" && *report != "board" && *report != "slt" {
		return usagef("--report must be pack, board or slt")
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.IsStoreFile(*out) {
		return fmt.Errorf("--out %s is the store itself: choose another file name (nothing was written and the store is unchanged)", *out)
	}
	quarters := map[string]int{"board": 4, "slt": 8}[*report]
	f, err := figuresAt(ctx, s, asOf.d, from.d, quarters, *report == "pack")
	if err != nil {
		return err
	}
	o := export.ExportOptions{HideNames: *hide}
	switch *report {
	case "pack":
		err = export.WritePanelPack(*out, f, o)
	case "board":
		o.HideNames = true
		err = export.WriteBoardSummary(*out, f, o)
	case "slt":
		o.HideNames = true
		err = export.WriteSLTReport(*out, f, o)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote the %s as at %s to %s.\n", map[string]string{"pack": "panel pack", "board": "board summary", "slt": "SLT report"}[*report], f.AsOf.UK(), *out)
	return nil
}

func cmdSettings(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("settings", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 2 {
		return usagef("settings takes a KEY and a VALUE at most (quote a value with spaces)")
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if fs.NArg() == 2 {
		if err := s.ChangeSetting(ctx, fs.Arg(0), fs.Arg(1)); err != nil {
			return err
		}
	}
	all, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if fs.NArg() >= 1 {
		for _, st := range all {
			if st.Key == fs.Arg(0) {
				fmt.Fprintln(stdout, st.Value)
				return nil
			}
		}
		return fmt.Errorf("no setting called %q: run 'permanence settings' to list them", fs.Arg(0))
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Setting\tValue\tDefault\tWhat it is")
	for _, st := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", st.Key, st.Value, st.Default, st.Label)
	}
	return tw.Flush()
}

func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	out := fs.String("out", "", "the backup file to write (it must not exist)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("backup takes no file names (got %q): use --out FILE", fs.Arg(0))
	}
	if *out == "" {
		return usagef("backup needs --out FILE")
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote a complete copy of %s to %s (readable by your user account only).\n", s.Path(), *out)
	return nil
}

func cmdRestore(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("restore", stderr)
	db := fs.String("db", "", "the store to replace (default: the app's own)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("restore takes one backup file: permanence restore [--db PATH] FILE")
	}
	path := *db
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return err
		}
		path = p
	}
	kept, err := store.Restore(path, fs.Arg(0))
	if err != nil {
		return err
	}
	if kept != "" {
		fmt.Fprintf(stdout, "Restored %s from %s. The store it replaced is kept as %s.\n", path, fs.Arg(0), kept)
	} else {
		fmt.Fprintf(stdout, "Restored %s from %s.\n", path, fs.Arg(0))
	}
	return nil
}

// cmdBenchmarks lists the benchmarks held (the shipped table and the
// store's own), or with "import FILE.csv" adds the authority's own.
func cmdBenchmarks(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	importing := len(args) > 0 && args[0] == "import"
	if importing {
		args = args[1:]
	}
	fs := newFlags("benchmarks", stderr)
	db := fs.String("db", "", "the store (default: the app's own)")
	var asOf dateFlag
	asJSON := new(bool)
	if !importing {
		fs.Var(&asOf, "as-of", "the date ages are worked out at (default: the latest extract's, else today)")
		fs.BoolVar(asJSON, "json", false, "print JSON")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case importing && fs.NArg() != 1:
		return usagef("benchmarks import takes one CSV file: permanence benchmarks import [--db PATH] FILE.csv")
	case !importing && fs.NArg() > 0:
		return usagef("benchmarks takes no file names (got %q): to add comparators, use 'permanence benchmarks import FILE.csv'", fs.Arg(0))
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if importing {
		res, err := benchmark.Import(ctx, s, fs.Arg(0))
		if err == nil {
			benchmark.WriteImport(stdout, res.Added, res.Replaced, res.Unchanged, res.File)
		}
		return err
	}
	t, err := benchmark.Table(ctx, s)
	if err != nil {
		return err
	}
	th, err := s.Thresholds(ctx)
	if err != nil {
		return err
	}
	a := asOf.d
	if a.IsZero() {
		if a, err = s.LatestExtractDate(ctx); err != nil {
			return err
		}
		if a.IsZero() {
			a = data.Today()
		}
	}
	if *asJSON {
		return benchmark.WriteJSON(stdout, t, a, th)
	}
	return benchmark.WriteText(stdout, t, a, th)
}
