package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data/papers"
)

// papersButton writes a meeting's papers (the agenda as a sheet, a PDF and
// a calendar file; once held, the minutes and each child's record) into a
// folder the user chooses.
func (s *panelScreen) papersButton(id int64) *widget.Button {
	return widget.NewButtonWithIcon("Papers…", theme.DocumentPrintIcon(), func() {
		fd := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				s.u.showError(err)
				return
			}
			if l != nil {
				s.writePapers(id, l.Path())
			}
		}, s.u.win)
		fd.Resize(s.u.importer.dialogSize())
		fd.Show()
	})
}

// writePapers saves what was typed, then writes meeting id's papers into
// dir off the UI goroutine and says which files were written.
func (s *panelScreen) writePapers(id int64, dir string) {
	svc := s.where().svc
	s.settle(func(unsaved []string) {
		if len(unsaved) > 0 {
			s.u.showError(fmt.Errorf("the papers were not written: some of what was typed could not be saved:\n%s", strings.Join(unsaved, "\n")))
			return
		}
		run(s.u.bridge, func(ctx context.Context) ([]string, error) {
			return papers.WriteMeetingPapers(ctx, svc, id, dir)
		}, func(paths []string, err error) {
			if err != nil {
				s.u.showError(fmt.Errorf("the papers were not all written to %s: %w", dir, err))
				return
			}
			names := make([]string, len(paths))
			for i, p := range paths {
				names[i] = filepath.Base(p)
			}
			text := fmt.Sprintf("%d files written to %s:\n\n%s\n\nOnly your user account can open them. The agenda and minutes name "+
				"children by initials and ID; each child's record shows their name, for the case file.", len(paths), dir, strings.Join(names, "\n"))
			s.u.lastSaved = text
			s.u.showNotice("Papers saved", text)
		})
	})
}
