package demo

import (
	"encoding/csv"
	"fmt"
	"io"
	"permanence/data"

	"github.com/xuri/excelize/v2"
)

// trackerCell is a field's value as text for a tracker extract: dates as
// dd/mm/yyyy, the plan as written, yes/no flags as "Yes" or empty.
func trackerCell(f *data.Field, c *data.Child) string {
	switch {
	case f.Kind == data.KindDate:
		return f.Date(c).UK()
	case f.Kind == data.KindPlan:
		return c.PlanText
	case f.Kind == data.KindFlag:
		if *f.Flag(c) {
			return "Yes"
		}
		return ""
	}
	return *f.Text(c)
}

// WriteTrackerCSV writes children as a tracker extract in CSV (UTF-8, CRLF
// line ends as Excel writes them, on every system): a heading row of the
// canonical field names in Fields order, then one row per child, dates as
// dd/mm/yyyy.
func WriteTrackerCSV(w io.Writer, children []data.Child) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	row := make([]string, len(data.Fields))
	for i := range data.Fields {
		row[i] = data.Fields[i].Name
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for k := range children {
		c := &children[k]
		for i := range data.Fields {
			row[i] = trackerCell(&data.Fields[i], c)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTrackerXLSX writes children as a tracker extract workbook at path:
// one sheet, "Tracker", with the same columns as WriteTrackerCSV and dates
// as real date cells formatted dd/mm/yyyy. Rows are streamed, so large
// extracts use little memory.
func WriteTrackerXLSX(w io.Writer, children []data.Child) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	const sheet = "Tracker"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i := range data.Fields {
		width := 14.0
		switch data.Fields[i].Name {
		case "child_name", "social_worker", "ethnicity", "team", "permanence_plan":
			width = 24
		case "child_id", "sex", "legal_status", "placement_type", "reason_ceased":
			width = 10
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(data.Fields))
	for i := range data.Fields {
		row[i] = excelize.Cell{StyleID: headStyle, Value: data.Fields[i].Name}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	cells := make([]excelize.Cell, len(data.Fields))
	for k := range children {
		c := &children[k]
		for i := range data.Fields {
			fd := &data.Fields[i]
			row[i] = nil
			if fd.Kind == data.KindDate {
				if d := *fd.Date(c); !d.IsZero() {
					cells[i] = excelize.Cell{StyleID: dateStyle, Value: d.ExcelSerial()}
					row[i] = &cells[i]
				}
				continue
			}
			if v := trackerCell(fd, c); v != "" {
				row[i] = v
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, k+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, row); err != nil {
			return fmt.Errorf("row %d: %w", k+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
