package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// row is one record of a file with the line it starts on.
type row struct {
	line  int
	cells []string
}

// table is a file read and its columns mapped, before any checking of values.
type table struct {
	headers  []string
	mapping  []int // field per column, or custom
	rows     []row
	encoding string
}

// readTable decodes r, reads the header and every record, and maps the
// columns. Records with the wrong number of cells and CSV syntax errors go
// to problems; the other rows are returned.
func readTable(ctx context.Context, r io.Reader, fields []field, opt Options, problems *rowProblems) (*table, error) {
	text, encoding, err := decodeText(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", opt.fileName(), err)
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = guessDelimiter(text)
	cr.FieldsPerRecord = -1 // counted here, to report the line
	headers, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", opt.fileName(), reason("the file is empty; it needs a header row naming the columns"))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: header row: %w", opt.fileName(), err)
	}
	for i := range headers {
		if strings.ContainsRune(headers[i], 0) {
			line, _ := cr.FieldPos(i)
			return nil, fmt.Errorf("%s:%d:%d: %w", opt.fileName(), line, i+1,
				reason("the header of column %d holds a NUL byte (\\0), which is not text; save the file again from the spreadsheet as CSV", i+1))
		}
		headers[i] = readCell(headers[i])
	}
	mapping, err := mapColumns(headers, fields, opt.Mapping)
	var clash *columnClash
	if err != nil && !errors.As(err, &clash) {
		return nil, fmt.Errorf("%s: %w", opt.fileName(), err)
	}
	t := &table{headers: headers, mapping: mapping, encoding: encoding}
	problems.setColumns(mapping, len(fields))
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			// encoding/csv's own words, as formats of their own to translate.
			switch {
			case errors.Is(parseErr.Err, csv.ErrBareQuote):
				problems.add(parseErr.StartLine, `bare " in non-quoted-field`)
			case errors.Is(parseErr.Err, csv.ErrQuote):
				problems.add(parseErr.StartLine, `extraneous or missing " in quoted-field`)
			default:
				problems.add(parseErr.StartLine, "%v", parseErr.Err)
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", opt.fileName(), err)
		}
		line, _ := cr.FieldPos(0)
		if blankRecord(cells) {
			continue // spreadsheets leave rows of empty cells at the end
		}
		if len(cells) != len(headers) {
			problems.add(line, "%d cells, but the header row has %d columns", len(cells), len(headers))
			continue
		}
		if col := slices.IndexFunc(cells, func(c string) bool { return strings.ContainsRune(c, 0) }); col >= 0 {
			problems.addAt(line, col+1, "%s holds a NUL byte (\\0), which is not text; remove it in the spreadsheet",
				columnName(headers, col))
			continue
		}
		for i := range cells {
			cells[i] = readCell(cells[i])
		}
		t.rows = append(t.rows, row{line: line, cells: cells})
	}
	if clash != nil {
		// The table is still returned, so that a mapping screen can show
		// the columns and let the organiser choose.
		return t, fmt.Errorf("%s: %w", opt.fileName(), clash)
	}
	return t, nil
}

// readCell is a cell as imported: without the spaces around it, and
// without the apostrophe an export puts before a formula character
// (NeutraliseFormula), so that an exported file reads back exactly.
func readCell(text string) string {
	return RestoreFormula(strings.TrimSpace(text))
}

func blankRecord(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// has reports whether some column fills field f.
func (t *table) has(f int) bool {
	for _, m := range t.mapping {
		if m == f {
			return true
		}
	}
	return false
}

// cellsOf spreads a row's cells over the fields (blank for fields no
// column fills) and gathers the filled custom cells.
func (t *table) cellsOf(r row, nfields int) ([]string, map[string]string) {
	values := make([]string, nfields)
	return values, t.cellsInto(r, values)
}

// cellsInto is cellsOf into a slice the caller reuses from row to row.
func (t *table) cellsInto(r row, values []string) map[string]string {
	clear(values)
	var extra map[string]string
	for col, f := range t.mapping {
		v := r.cells[col]
		if f != custom {
			values[f] = v
			continue
		}
		if v == "" {
			continue
		}
		if extra == nil {
			extra = map[string]string{}
		}
		extra[customKey(t.headers, col)] = v
	}
	return extra
}
