package sheets

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// Problem is something wrong in a file, found at the line where the record
// holding it starts (0 for the file as a whole) and, when one cell is at
// fault, in its column (1 for the first; 0 when the whole row is).
type Problem struct {
	File    string
	Sheet   string // a workbook's sheet; "" for a CSV file
	Line    int
	Column  int
	Message string // in English, for fairctl and error output

	// Format and Args are Message before its values are filled in, so that
	// the window can say it in the user's language: Format, the English
	// fmt format, is the key the translation files find it by. A value
	// may carry words of its own, said the same way: a Reason, a
	// FieldProblems or a *data.ClockGapError.
	Format string
	Args   []any
}

// Reason is why a cell is wrong, made in this package: an error whose
// text is Format filled with Args, kept apart for translation as a
// Problem's are.
type Reason struct {
	Format string
	Args   []any
}

func reason(format string, args ...any) Reason { return Reason{Format: format, Args: args} }

func (r Reason) Error() string { return fmt.Sprintf(r.Format, r.Args...) }

// FieldProblems is what the store refused in a record that an import
// made: data's problem for each field (its column name). In English it
// reads "field name: problem; ...", the fields in order of their names.
type FieldProblems data.FieldErrors

// Label is a field's column name as a problem line writes it: "given name".
func (FieldProblems) Label(field string) string { return strings.ReplaceAll(field, "_", " ") }

func (e FieldProblems) Error() string {
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(e)) {
		parts = append(parts, e.Label(field)+": "+e[field].Error())
	}
	return strings.Join(parts, "; ")
}

// String reads FILE:LINE: message or FILE:LINE:COLUMN: message, the forms
// editors and terminals link to, or FILE:SHEET!ROW: message and
// FILE:SHEET!B7: message (the cell as the spreadsheet names it) for a
// workbook. The message names the column too, for screens that show only
// the line.
func (p Problem) String() string {
	switch {
	case p.Sheet != "" && p.Line == 0:
		return fmt.Sprintf("%s:%s: %s", p.File, p.Sheet, p.Message)
	case p.Sheet != "" && p.Column > 0:
		return fmt.Sprintf("%s:%s!%s%d: %s", p.File, p.Sheet, columnLetters(p.Column), p.Line, p.Message)
	case p.Sheet != "":
		return fmt.Sprintf("%s:%s!%d: %s", p.File, p.Sheet, p.Line, p.Message)
	case p.Line == 0:
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	case p.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// ProblemsError is returned when a file has bad rows and Options.SkipBad
// was not set. Nothing was changed.
type ProblemsError struct {
	File     string
	Problems []Problem
}

// maxProblemsInError keeps the error text readable; the full list is in
// Problems.
const maxProblemsInError = 20

func (e *ProblemsError) Error() string {
	var b strings.Builder
	rows := "rows"
	if len(e.Problems) == 1 {
		rows = "row"
	}
	fmt.Fprintf(&b, "%s: %d bad %s, nothing was imported", e.File, len(e.Problems), rows)
	for i, p := range e.Problems {
		if i == maxProblemsInError {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Problems)-i)
			break
		}
		b.WriteString("\n" + p.String())
	}
	return b.String()
}

// Result counts what an import did (or, with DryRun, would do). A row that
// matched a record and changed nothing counts as Unchanged, not Updated.
type Result struct {
	Added, Updated, Unchanged, Skipped int
	Problems                           []Problem
}

// rowProblems collects the problems of one file, remembering which lines
// are bad so that SkipBad can leave them out.
type rowProblems struct {
	file    string
	sheet   string // of a workbook
	list    []Problem
	bad     map[int]bool
	columns []int // field -> the column that fills it, from 1; 0 for none
}

func newRowProblems(file string) *rowProblems {
	return &rowProblems{file: file, bad: map[int]bool{}}
}

func (p *rowProblems) add(line int, format string, args ...any) {
	p.addAt(line, 0, format, args...)
}

// setColumns remembers which column fills each field, for addField.
func (p *rowProblems) setColumns(mapping []int, nfields int) {
	p.columns = make([]int, nfields)
	for col, f := range mapping {
		if f != custom && p.columns[f] == 0 {
			p.columns[f] = col + 1
		}
	}
}

// addField is add for a problem in the cell that fills field f.
func (p *rowProblems) addField(line, f int, format string, args ...any) {
	column := 0
	if f < len(p.columns) {
		column = p.columns[f]
	}
	p.addAt(line, column, format, args...)
}

// addAt is add for a problem in one cell: column counts from 1.
func (p *rowProblems) addAt(line, column int, format string, args ...any) {
	p.list = append(p.list, Problem{File: p.file, Sheet: p.sheet, Line: line, Column: column,
		Message: fmt.Sprintf(format, args...), Format: format, Args: args})
	p.bad[line] = true
}
