package sheets

import (
	"bufio"
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

// SheetWriter writes CSV the way spreadsheets open it as Unicode and
// safely: a byte-order mark first, CRLF line ends, and every cell that a
// spreadsheet would run as a formula neutralised (see NeutraliseFormula).
// Every CSV export goes through it, so no export can forget a cell.
// Write errors surface at Flush.
type SheetWriter struct {
	buf   *bufio.Writer
	csv   *csv.Writer
	cells []string
	err   error
}

// YesNo is how every CSV export writes a yes-or-no cell.
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// NewSheetWriter starts a CSV file on w.
func NewSheetWriter(w io.Writer) *SheetWriter {
	buf := bufio.NewWriterSize(w, 64<<10)
	_, err := buf.WriteString("\uFEFF")
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	return &SheetWriter{buf: buf, csv: cw, err: err}
}

// Write adds one record, its cells neutralised.
func (s *SheetWriter) Write(cells []string) error {
	if s.err != nil {
		return s.err
	}
	s.cells = s.cells[:0]
	for _, c := range cells {
		s.cells = append(s.cells, NeutraliseFormula(c))
	}
	s.err = s.csv.Write(s.cells)
	return s.err
}

// Flush writes out what is buffered and reports the first error of any write.
func (s *SheetWriter) Flush() error {
	if s.err != nil {
		return s.err
	}
	s.csv.Flush()
	if err := s.csv.Error(); err != nil {
		return err
	}
	return s.buf.Flush()
}

// formulaStarts are the first characters that make Excel, LibreOffice or
// Google Sheets read a cell as a formula (OWASP, "CSV Injection"):
// =HYPERLINK(...), +cmd|' /C calc'!A0, -2+3, @SUM(...), and a tab or
// carriage return before any of them.
const formulaStarts = "=+-@\t\r"

// plainNumber is a number a spreadsheet reads as a number and never as a
// formula, such as -5 or +3.25: it is left as it is, so that it stays a
// number in the sheet.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// NeutraliseFormula makes a cell read as text in a spreadsheet: a cell
// starting with a formula character gets a leading apostrophe, which the
// spreadsheet takes as "this is text" (OWASP's advice). A cell that already
// starts with apostrophes before such a character gets one more, so that
// RestoreFormula, which takes exactly one off, gives back the value exactly.
func NeutraliseFormula(cell string) string {
	rest := strings.TrimLeft(cell, "'")
	if rest == "" || !strings.ContainsRune(formulaStarts, rune(rest[0])) {
		return cell
	}
	if len(rest) == len(cell) && plainNumber.MatchString(cell) {
		return cell
	}
	return "'" + cell
}

// RestoreFormula undoes NeutraliseFormula when a file is read back: one
// leading apostrophe comes off a cell whose remaining apostrophes are
// followed by a formula character. Any other cell, an apostrophe before
// ordinary text included, is kept as it is.
func RestoreFormula(cell string) string {
	if !strings.HasPrefix(cell, "'") {
		return cell
	}
	rest := strings.TrimLeft(cell, "'")
	if rest == "" || !strings.ContainsRune(formulaStarts, rune(rest[0])) {
		return cell
	}
	return cell[1:]
}
