package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/fairdesk/fairdesk/data"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// The workbook holds the same columns and cells as the CSV export (it is
// made from it, so the two cannot drift apart), in one sheet whose header
// row stays in view and carries filter buttons, with columns sized to
// their contents, session times as real dates and counts as numbers.

// dateColumns and numberColumns are the exported columns typed in a
// workbook; the others are text.
var (
	dateColumns   = map[string]bool{"starts_at": true, "ends_at": true}
	numberColumns = map[string]bool{"capacity": true, "year_returned": true}
)

// sheetNames are the names of the one sheet of each kind's workbook.
var sheetNames = map[Kind]string{People: "People", Sessions: "Sessions", Booths: "Booths"}

// ExportWorkbook writes the live records of one kind as an Excel workbook
// (.xlsx), with the columns of the CSV export.
func ExportWorkbook(ctx context.Context, st *data.Store, kind Kind, w io.Writer) error {
	var export func(context.Context, *data.Store, io.Writer) error
	switch kind {
	case People:
		export = ExportPeople
	case Sessions:
		export = ExportSessions
	case Booths:
		export = ExportBooths
	default:
		return fmt.Errorf("export workbook: unknown kind of sheet %q", kind)
	}
	var buf bytes.Buffer
	if err := export(ctx, st, &buf); err != nil {
		return err
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), utf8BOM))).ReadAll()
	if err != nil {
		return fmt.Errorf("export %s workbook: %w", kind, err)
	}
	if err := writeWorkbook(w, sheetNames[kind], records); err != nil {
		return fmt.Errorf("export %s workbook: %w", kind, err)
	}
	return nil
}

// writeWorkbook writes records (the header first) as a one-sheet workbook.
func writeWorkbook(w io.Writer, sheet string, records [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header := records[0]
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dates := dateStyles{f: f, ids: map[string]int{}}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for col, wide := range columnWidths(records) {
		if err := sw.SetColWidth(col+1, col+1, wide); err != nil {
			return err
		}
	}
	row := make([]any, len(header))
	for i, name := range header {
		row[i] = excelize.Cell{StyleID: bold, Value: name}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for n, record := range records[1:] {
		row = make([]any, len(record))
		for i, text := range record {
			row[i], err = typedCell(header[i], text, &dates)
			if err != nil {
				return err
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(header), max(len(records), 2))
	// A table gives the header row its filter buttons.
	noStripes := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: sheet, ShowRowStripes: &noStripes}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// typedCell is a cell of the CSV export as a workbook holds it: a date
// with a format that shows it as the CSV does (so a spreadsheet that saves
// it as CSV again writes the same text), a number, or text.
func typedCell(column, text string, dates *dateStyles) (any, error) {
	// A workbook holds text as text: no spreadsheet runs it as a formula,
	// so the CSV export's guard comes off.
	text = RestoreFormula(text)
	if text == "" {
		return nil, nil
	}
	if dateColumns[column] {
		if t, err := time.Parse(time.RFC3339, text); err == nil {
			style, err := dates.style(t)
			if err != nil {
				return nil, err
			}
			// The wall clock, as the sheet shows it; the format says its offset.
			wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
			return excelize.Cell{StyleID: style, Value: wall}, nil
		}
	}
	if numberColumns[column] {
		if n, err := strconv.Atoi(text); err == nil {
			return n, nil
		}
	}
	return text, nil
}

// dateStyles makes one date style per offset: 2026-10-23T10:00:00+01:00
// in summer, ...Z in winter, as RFC 3339 and the CSV export write them.
type dateStyles struct {
	f   *excelize.File
	ids map[string]int
}

func (d *dateStyles) style(t time.Time) (int, error) {
	offset := t.Format("Z07:00")
	if id, ok := d.ids[offset]; ok {
		return id, nil
	}
	// The offset's characters escaped one by one: Calc also reads it in
	// quotes, but excelize formats quoted digits as a time of day.
	code := `yyyy-mm-dd\Thh:mm:ss`
	for _, c := range offset {
		code += `\` + string(c)
	}
	id, err := d.f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	d.ids[offset] = id
	return id, err
}

// columnWidths sizes each column to its widest cell (a line of it), in
// character widths, East Asian wide characters counting two, within
// bounds that keep a sheet readable.
func columnWidths(records [][]string) []float64 {
	widths := make([]float64, len(records[0]))
	for _, record := range records {
		for i, text := range record {
			if i < len(widths) {
				widths[i] = max(widths[i], float64(displayWidth(text)))
			}
		}
	}
	for i := range widths {
		widths[i] = min(max(widths[i]+2, 8), 60)
	}
	return widths
}

func displayWidth(text string) int {
	widest, line := 0, 0
	for len(text) > 0 {
		r, size := utf8.DecodeRuneInString(text)
		text = text[size:]
		switch {
		case r == '\n':
			widest, line = max(widest, line), 0
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			line += 2
		default:
			line++
		}
	}
	return max(widest, line)
}
