// Command permanence is the permanence panel's dashboard: with no
// subcommand it opens the desktop app; with one (import, measures, demo,
// export) it runs headless. See README.md and 'permanence help'.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data/platform"
	"permanence/data/store"
	"strings"

	"permanence/app"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") || len(args) > 0 && isHelp(args[0]) {
		// The Windows build is a windowed program: give its command line
		// the console it was typed in (nothing elsewhere).
		platform.AttachConsole()
		os.Exit(runCLI(args, os.Stdout, os.Stderr))
	}
	os.Exit(runApp(args))
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// runApp opens the desktop app.
func runApp(args []string) int {
	fs := flag.NewFlagSet("permanence", flag.ContinueOnError)
	db := fs.String("db", "", "the store (default: the app's own)")
	demo := fs.Bool("demo", false, "open on the demo authority (loaded into an empty store; without --db, its own demo.db)")
	present := fs.Bool("present", false, "start in presentation mode")
	tour := fs.Bool("tour", false, "walk through every screen, one per line read from standard input (the screenshot script; builds with -tags tour only)")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintln(os.Stderr, "Run 'permanence help' for usage.")
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "permanence: unexpected %q. Run 'permanence help' for usage.\n", fs.Arg(0))
		return 2
	}
	if *tour && !app.TourBuilt() {
		fmt.Fprintln(os.Stderr, "permanence: --tour is for the screenshot script: build with -tags migrated_fynedo,tour")
		return 2
	}
	path := *db
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			fmt.Fprintf(os.Stderr, "permanence: %v\n", err)
			return 1
		}
		if *demo {
			// The demo authority never shares a store with real extracts.
			p = filepath.Join(filepath.Dir(p), "demo.db")
		}
		path = p
	}
	if err := checkDisplay(); err != nil {
		fmt.Fprintf(os.Stderr, "permanence: %v\n", err)
		return 1
	}
	if err := runAppSafely(path, app.Options{Demo: *demo, Present: *present, Tour: *tour}); err != nil {
		fmt.Fprintf(os.Stderr, "permanence: %v\n", err)
		return 1
	}
	return 0
}

// runAppSafely runs the desktop app, turning a panic into an error message
// so that no stack trace reaches the user.
func runAppSafely(path string, o app.Options) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if strings.Contains(fmt.Sprint(r), "GLFW") {
				err = fmt.Errorf("could not open a window on display %q: check that a graphical session is running (%v)", os.Getenv("DISPLAY"), r)
				return
			}
			err = fmt.Errorf("the desktop app stopped unexpectedly (%v); your data is unchanged. Please report this", r)
		}
	}()
	return app.Run(path, o)
}
