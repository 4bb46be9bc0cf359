package sheets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbooks (.xlsx) are read like CSV files: the same aliases, the same
// checks, all or nothing. Problems name the sheet and its row number, as
// FILE:SHEET!ROW: message. A date or time cell is read as the date or time
// it holds, whatever format shows it (see isoDates).

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, Excel 97-2003
)

// IsWorkbook reports whether a file name is an Excel workbook's.
func IsWorkbook(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// SheetChoiceError is returned when a workbook has several sheets with
// data and Options.Sheet does not name one of them. Nothing was changed.
type SheetChoiceError struct {
	File   string
	Asked  string   // the sheet asked for, "" when none was
	Sheets []string // the sheets with data, in workbook order
}

func (e *SheetChoiceError) Error() string {
	names := `"` + strings.Join(e.Sheets, `", "`) + `"`
	if e.Asked != "" {
		return fmt.Sprintf("%s has no sheet %q; its sheets are %s", e.File, e.Asked, names)
	}
	return fmt.Sprintf("%s has %d sheets with data, %s, and one is imported at a time", e.File, len(e.Sheets), names)
}

// readSheet reads a CSV file or a workbook, told apart by their first bytes.
func readSheet(ctx context.Context, r io.Reader, fields []field, opt Options, problems *rowProblems) (*table, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: read file: %w", opt.fileName(), err)
	}
	switch {
	case bytes.HasPrefix(raw, zipMagic):
		return readWorkbook(ctx, raw, fields, opt, problems)
	case bytes.HasPrefix(raw, oleMagic):
		return nil, fmt.Errorf("%s is an Excel 97-2003 workbook (.xls), which Fairdesk does not read; save it from Excel as an Excel Workbook (.xlsx) or as CSV UTF-8", opt.fileName())
	case IsWorkbook(opt.fileName()):
		return nil, fmt.Errorf("%s is not an Excel workbook, though its name ends in %s; save it from the spreadsheet again as an Excel Workbook (.xlsx)", opt.fileName(), filepath.Ext(opt.fileName()))
	}
	return readTable(ctx, bytes.NewReader(raw), fields, opt, problems)
}

// readWorkbook reads the chosen sheet of a workbook as a table, its rows
// numbered as the spreadsheet numbers them.
func readWorkbook(ctx context.Context, raw []byte, fields []field, opt Options, problems *rowProblems) (*table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s is not a workbook Fairdesk can read (%v); save it from the spreadsheet again as an Excel Workbook (.xlsx)", opt.fileName(), err)
	}
	defer f.Close()
	sheet, err := chooseSheet(f, opt)
	if err != nil {
		return nil, err
	}
	problems.sheet = sheet
	where := fmt.Sprintf("%s:%s", opt.fileName(), sheet)
	if err := isoDates(f); err != nil {
		return nil, fmt.Errorf("%s: read the cell formats: %w", where, err)
	}
	values, rows, err := sheetPart(raw, f, sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	t := &table{encoding: "xlsx"}
	var clash *columnClash // two columns for one field: the table is still read, for a mapping screen
	read := 0
	var stop error // why each stopped the reading
	each := func(line int, cells []string) error {
		if read++; read%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if t.headers == nil {
			if blankRecord(cells) {
				return nil // rows above the header, as some sheets have
			}
			t.headers = cells
			var err error
			t.mapping, err = mapColumns(cells, fields, opt.Mapping)
			if err != nil && !errors.As(err, &clash) {
				return fmt.Errorf("%s!%d: %w", where, line, err)
			}
			problems.setColumns(t.mapping, len(fields))
			return nil
		}
		if blankRecord(cells) {
			return nil
		}
		// A workbook leaves out empty cells at the end of a row.
		for len(cells) < len(t.headers) {
			cells = append(cells, "")
		}
		if len(cells) > len(t.headers) {
			if !blankRecord(cells[len(t.headers):]) {
				problems.add(line, "a cell in column %s, right of the last column with a header; give it a header or clear it",
					columnLetters(len(t.headers)+1+slices.IndexFunc(cells[len(t.headers):], func(c string) bool { return c != "" })))
				return nil
			}
			cells = cells[:len(t.headers)]
		}
		t.rows = append(t.rows, row{line: line, cells: cells})
		return nil
	}
	err = sheetRows(rows, values, func(line int, cells []string) error {
		stop = each(line, cells)
		return stop
	})
	if stop != nil {
		return nil, stop
	}
	if err != nil {
		return nil, fmt.Errorf("%s: the sheet cannot be read (%v); save it from the spreadsheet again as an Excel Workbook (.xlsx)", where, err)
	}
	if t.headers == nil {
		return nil, fmt.Errorf("%s: the sheet is empty; it needs a header row naming the columns", where)
	}
	if clash != nil {
		return t, fmt.Errorf("%s: %w", where, clash)
	}
	return t, nil
}

// sheetPart is the XML of a sheet's rows and what shows its cells.
func sheetPart(raw []byte, f *excelize.File, sheet string) (*cellValues, []byte, error) {
	parts, err := openParts(raw)
	if err != nil {
		return nil, nil, err
	}
	name, err := parts.sheetPart(sheet)
	if err != nil {
		return nil, nil, err
	}
	rows, err := parts.read(name)
	if err != nil {
		return nil, nil, err
	}
	var shared []string
	if sst, err := parts.read("xl/sharedStrings.xml"); err != nil {
		return nil, nil, err
	} else if sst != nil {
		if shared, err = sharedStrings(sst); err != nil {
			return nil, nil, fmt.Errorf("the shared strings: %w", err)
		}
	}
	values, err := newCellValues(f, shared)
	return values, rows, err
}

func columnLetters(n int) string {
	name, err := excelize.ColumnNumberToName(n)
	if err != nil {
		return strconv.Itoa(n)
	}
	return name
}

// chooseSheet is the sheet opt.Sheet names or, without it, the only sheet
// with data.
func chooseSheet(f *excelize.File, opt Options) (string, error) {
	all := f.GetSheetList()
	if opt.Sheet != "" {
		for _, name := range all {
			if strings.EqualFold(name, strings.TrimSpace(opt.Sheet)) {
				return name, nil
			}
		}
		return "", &SheetChoiceError{File: opt.fileName(), Asked: opt.Sheet, Sheets: all}
	}
	var withData []string
	for _, name := range all {
		if hasData(f, name) {
			withData = append(withData, name)
		}
	}
	switch len(withData) {
	case 0:
		return "", fmt.Errorf("%s: every sheet is empty; the people, sessions or booths need a sheet with a header row", opt.fileName())
	case 1:
		return withData[0], nil
	}
	return "", &SheetChoiceError{File: opt.fileName(), Sheets: withData}
}

// hasData reports whether a sheet has a cell that is not blank.
func hasData(f *excelize.File, sheet string) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return false
		}
		if !blankRecord(cells) {
			return true
		}
	}
	return false
}

// Workbooks keep a date as a number of days and a format that shows it,
// which may be 23/10/2026, 10/23/26 or 2026年10月23日. isoDates makes every
// date or time format that does not already start with the year show the
// cell as ISO 8601 (2026-10-23 10:00:00), so that it reads back as the
// date it is, never as a day and month to guess between. It changes only
// the copy of the workbook in memory.
func isoDates(f *excelize.File) error {
	if _, err := f.GetStyle(0); err != nil || f.Styles == nil || f.Styles.CellXfs == nil {
		return nil // no styles: no dates either
	}
	// A new style registers the format; its number is the format's id.
	ids := map[string]*int{}
	idOf := func(code string) (*int, error) {
		if id, ok := ids[code]; ok {
			return id, nil
		}
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return nil, err
		}
		ids[code] = f.Styles.CellXfs.Xf[style].NumFmtID
		return ids[code], nil
	}
	for i := range len(f.Styles.CellXfs.Xf) { // the styles there were before
		style, err := f.GetStyle(i)
		if err != nil {
			return err
		}
		code := ""
		if style.CustomNumFmt != nil {
			code = *style.CustomNumFmt
		}
		date, clock := dateFormat(style.NumFmt, code)
		var iso string
		switch {
		case date && clock:
			iso = "yyyy-mm-dd hh:mm:ss"
		case date:
			iso = "yyyy-mm-dd"
		case clock:
			iso = "hh:mm:ss"
		default:
			continue
		}
		if strings.HasPrefix(strings.ToLower(code), "yyyy") {
			continue // already year first, as our own exports write them
		}
		id, err := idOf(iso)
		if err != nil {
			return err
		}
		f.Styles.CellXfs.Xf[i].NumFmtID = id
	}
	return nil
}

// builtInDates are the built-in number formats (ECMA-376 18.8.30, and the
// East Asian ones) that show a date, a time, or both.
var builtInDates = map[int][2]bool{
	14: {true, false}, 15: {true, false}, 16: {true, false}, 17: {true, false},
	18: {false, true}, 19: {false, true}, 20: {false, true}, 21: {false, true}, 22: {true, true},
	27: {true, false}, 28: {true, false}, 29: {true, false}, 30: {true, false}, 31: {true, false},
	32: {false, true}, 33: {false, true}, 34: {true, false}, 35: {true, false}, 36: {true, false},
	45: {false, true}, 46: {false, true}, 47: {false, true},
	50: {true, false}, 51: {true, false}, 52: {true, false}, 53: {true, false}, 54: {true, false},
	55: {true, false}, 56: {true, false}, 57: {true, false}, 58: {true, false},
}

// dateFormat reports whether a number format shows a date and whether it
// shows a time of day: a built-in one by its id, a custom one by its code
// (y, d or m for a date, h or s for a time, outside quoted text, escapes
// and [colour] sections).
func dateFormat(id int, code string) (date, clock bool) {
	if code == "" {
		d := builtInDates[id]
		return d[0], d[1]
	}
	section, _, _ := strings.Cut(code, ";")
	var plain strings.Builder
	for i := 0; i < len(section); i++ {
		switch c := section[i]; c {
		case '"':
			if j := strings.IndexByte(section[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(section)
			}
		case '\\', '_', '*':
			i++ // an escaped or padding character
		case '[':
			j := strings.IndexByte(section[i:], ']')
			if j < 0 {
				i = len(section)
				break
			}
			if inner := strings.ToLower(section[i+1 : i+j]); strings.Trim(inner, "hms") == "" {
				plain.WriteString(inner) // [h]:mm elapsed time
			}
			i += j
		default:
			plain.WriteByte(c)
		}
	}
	p := strings.ToLower(plain.String())
	if strings.Contains(p, "general") {
		return false, false
	}
	clock = strings.ContainsAny(p, "hs")
	date = strings.ContainsAny(p, "yd") || (!clock && strings.Contains(p, "m"))
	return date, clock
}
