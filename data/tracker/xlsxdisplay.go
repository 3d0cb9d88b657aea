package tracker

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// storedNumFmt is the number format ID readAsDisplayed gives a style whose
// numbers are to be read as stored: no workbook defines it, so excelize
// leaves such a value as it is (a number as Excel's General format shows
// it, up to 15 significant digits).
const storedNumFmt = -1 << 31

// readAsDisplayed sets a workbook's styles, as excelize holds them, so
// that excelize gives each cell as Excel displays it (a child ID 123 shown
// with the format 00000 as "00123", as it appears in a CSV saved from the
// same sheet), except a number shown as a date or time, which it gives as
// the number stored (the serial the reader turns into a date: excelize
// would write it in whichever date format the cell has). Numbers in the
// General and text (@) formats are read as stored too: that is how they
// display, and excelize's formatting is slow. The styles are only read,
// never written back.
func readAsDisplayed(f *excelize.File) {
	st := f.Styles
	if st == nil || st.CellXfs == nil {
		return
	}
	custom := map[int]string{} // the first of each ID, as excelize looks them up
	if st.NumFmts != nil {
		for _, nf := range st.NumFmts.NumFmt {
			if nf == nil {
				continue
			}
			if _, seen := custom[nf.NumFmtID]; !seen {
				custom[nf.NumFmtID] = nf.FormatCode
				if nf.FormatCode16 != "" {
					custom[nf.NumFmtID] = nf.FormatCode16
				}
			}
		}
	}
	stored := storedNumFmt
	for i := range st.CellXfs.Xf {
		xf := &st.CellXfs.Xf[i]
		if xf.NumFmtID == nil || readAsStored(*xf.NumFmtID, custom) {
			xf.NumFmtID = &stored
		}
	}
}

// readAsStored reports whether numbers in number format id are read as
// stored: a date or time, General, text (@), or a format excelize does not
// know (it leaves those values as stored anyway).
func readAsStored(id int, custom map[int]string) bool {
	if code, ok := custom[id]; ok {
		return isDateTimeFormat(code) || strings.EqualFold(strings.TrimSpace(code), "general") || code == "@"
	}
	switch {
	case id >= 1 && id <= 13, id >= 37 && id <= 44, id == 48:
		return false // Excel's built-in number formats: 0, 0.00, #,##0, 0%, 0.00E+00, # ?/?, ...
	}
	return true // General (0), @ (49), dates and times (14-22, 45-47, and 27-36, 50-58 in East Asian locales)
}

// isDateTimeFormat reports whether the first section of a number format
// code shows a date or a time: it has a day, month, year, hour, minute,
// second or era code (d, m, y, h, s, e, and AM/PM) outside quoted text,
// escaped characters and brackets, or an elapsed time ([h], [mm], [ss]).
func isDateTimeFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i] | 0x20; { // lower case, for letters
		case code[i] == ';':
			return false
		case code[i] == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case code[i] == '\\', code[i] == '_', code[i] == '*':
			i++ // the next character is shown, or sizes a space, or fills
		case code[i] == '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			if t := strings.ToLower(code[i+1 : i+j]); t != "" && strings.Trim(t, "hms") == "" {
				return true
			}
			i += j
		case c == 'g' && strings.HasPrefix(strings.ToLower(code[i:]), "general"):
			i += len("general") - 1
		case c == 'e' && i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-'):
			i++ // scientific notation: 0.00E+00
		case c == 'd', c == 'm', c == 'y', c == 'h', c == 's', c == 'e':
			return true
		}
	}
	return false
}
