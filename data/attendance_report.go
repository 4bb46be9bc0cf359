package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// A video platform's attendance report, as Zoom and Teams export it.
//
// Zoom's participant report is a comma-separated UTF-8 file whose
// participant header reads "Name (Original Name), User Email, Join Time,
// Leave Time, Duration (Minutes)", sometimes below a block of meeting
// details with a header of its own. Teams' attendance report is UTF-16
// with a byte-order mark and tabs, a summary section ("1. Summary",
// meeting title, start and end) above the participant list ("2.
// Participants": Name, First Join, Last Leave, In-Meeting Duration,
// Email) and an activities section below it. Both are read the same way:
// find the participant header row, read its rows up to the first blank
// line. Nothing above the header is read as data, so a summary line that
// happens to hold a name is never taken for a participant.

// Limits on a report: far above any real meeting, low enough that a
// wrong file is refused before it fills memory.
const (
	reportMaxBytes = 32 << 20
	reportMaxLine  = 16 << 10
	reportMaxRows  = 100_000
)

// ReportFormat names the shape a report was read in.
type ReportFormat string

const (
	ReportZoom  ReportFormat = "Zoom"
	ReportTeams ReportFormat = "Teams"
	ReportOther ReportFormat = "participant list" // a header we know, from neither
)

// ReportRow is one participant row of a report, as the platform wrote it.
type ReportRow struct {
	Line         int // in the file, counting from 1
	Name         string
	OriginalName string // Zoom's "(Original Name)", when someone renamed themselves
	Email        string
	Join, Leave  time.Time // zero when the report gives none we can read
	Minutes      int
}

// AttendanceReport is a report's participant rows.
type AttendanceReport struct {
	Format ReportFormat
	Header int // the line of the participant header
	Rows   []ReportRow
}

// ReportError is a report that cannot be read: what is wrong and where.
// Problem is one of ReportProblems, a format for Args, so that the window
// can say it in its language.
type ReportError struct {
	Line    int // 0 when it is about the whole file
	Problem string
	Args    []any
}

func (e *ReportError) Error() string {
	msg := fmt.Sprintf(e.Problem, e.Args...)
	if e.Line == 0 {
		return "attendance report: " + msg
	}
	return fmt.Sprintf("attendance report line %d: %s", e.Line, msg)
}

// What can be wrong with a report, in English; the window translates them.
const (
	ReportTooLarge    = "the file is larger than %d MB; an attendance report is far smaller: is this the right file?"
	ReportLongLine    = "the line is %d KB long, more than any report's (%d KB): is this the right file?"
	ReportNoHeader    = "no participant list: no line has the columns a Zoom or Teams report gives (Name and User Email or Join Time); export the meeting's participant report or attendance list and import that"
	ReportCutShort    = "the file is UTF-16 but ends in the middle of a character: it was cut short; export it again"
	ReportBadUTF16    = "the file is not readable UTF-16 text (%v); export it again"
	ReportNotUTF8     = "the file is not UTF-8 text: save the report as CSV UTF-8, or download it again from the platform"
	ReportBinary      = "the file holds binary data, not a text report: export the report as CSV"
	ReportBadCSV      = "the file is not readable CSV (%v); export the report again"
	ReportTooManyRows = "more than %d participants: is this the right file?"
)

// ReportProblems lists every problem, for the test that each has a translation.
var ReportProblems = []string{ReportTooLarge, ReportLongLine, ReportNoHeader, ReportCutShort, ReportBadUTF16,
	ReportNotUTF8, ReportBinary, ReportBadCSV, ReportTooManyRows}

func reportError(line int, problem string, args ...any) error {
	return &ReportError{Line: line, Problem: problem, Args: args}
}

// The participant columns, by the headers the platforms give them. Keys
// are folded with headerKey.
var reportColumns = map[string]string{
	"name (original name)": "name", "name": "name", "full name": "name", "participant": "name",
	"participant name": "name", "display name": "name",
	"user email": "email", "email": "email", "e-mail": "email", "email address": "email",
	"attendee email": "email", "participant id (upn)": "upn",
	"join time": "join", "first join": "join", "first join time": "join", "timestamp": "join",
	"leave time": "leave", "last leave": "leave", "last leave time": "leave",
	"duration (minutes)": "minutes", "duration (mins)": "minutes", "in-meeting duration": "duration",
	"attendance duration": "duration", "duration": "duration",
	"user action": "action",
}

func headerKey(cell string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.Trim(cell, "\ufeff\" ")), " "))
}

// ReadAttendanceReport reads a Zoom or Teams attendance report. A file it
// cannot read is a *ReportError naming the line.
func ReadAttendanceReport(r io.Reader) (AttendanceReport, error) {
	raw, err := io.ReadAll(io.LimitReader(r, reportMaxBytes+1))
	if err != nil {
		return AttendanceReport{}, fmt.Errorf("read attendance report: %w", err)
	}
	if len(raw) > reportMaxBytes {
		return AttendanceReport{}, reportError(0, ReportTooLarge, reportMaxBytes>>20)
	}
	text, utf16, err := reportText(raw)
	if err != nil {
		return AttendanceReport{}, err
	}
	lines := strings.Split(string(text), "\n")
	for i, l := range lines {
		if len(l) > reportMaxLine {
			return AttendanceReport{}, reportError(i+1, ReportLongLine, len(l)>>10, reportMaxLine>>10)
		}
	}
	header, comma, cols := findReportHeader(lines)
	if header < 0 {
		return AttendanceReport{}, reportError(0, ReportNoHeader)
	}
	rep := AttendanceReport{Header: header + 1, Format: ReportOther}
	switch {
	case cols["name"] >= 0 && strings.Contains(headerKey(cellAt(splitHeader(lines[header], comma), cols["name"])), "original name"):
		rep.Format = ReportZoom
	case utf16 || comma == '\t':
		rep.Format = ReportTeams
	}
	rep.Rows, err = readReportRows(lines, header, comma, cols)
	return rep, err
}

// reportText is the report as UTF-8: Teams writes UTF-16 with a
// byte-order mark, Zoom UTF-8 with or without one.
func reportText(raw []byte) ([]byte, bool, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		if len(raw)%2 != 0 {
			return nil, true, reportError(0, ReportCutShort)
		}
		text, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, true, reportError(0, ReportBadUTF16, err)
		}
		return bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), true, checkText(text)
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
	}
	if !utf8.Valid(raw) {
		return nil, false, reportError(lineOf(raw, firstInvalid(raw)), ReportNotUTF8)
	}
	return bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")), false, checkText(raw)
}

// checkText refuses binary content (a spreadsheet or an archive picked by
// mistake): text reports hold no NUL bytes.
func checkText(text []byte) error {
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return reportError(lineOf(text, i), ReportBinary)
	}
	return nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func lineOf(b []byte, offset int) int { return bytes.Count(b[:offset], []byte("\n")) + 1 }

// findReportHeader finds the first line that reads as a participant
// header: a name column and an e-mail or join column, split by a tab or a
// comma. It returns the line's index (or -1), the separator and each
// column's index (-1 when absent).
func findReportHeader(lines []string) (int, rune, map[string]int) {
	for i, line := range lines {
		for _, comma := range []rune{'\t', ','} {
			cols := map[string]int{"name": -1, "email": -1, "upn": -1, "join": -1, "leave": -1, "minutes": -1, "duration": -1, "action": -1}
			for j, cell := range splitHeader(line, comma) {
				if c, ok := reportColumns[headerKey(cell)]; ok && cols[c] < 0 {
					cols[c] = j
				}
			}
			if cols["name"] >= 0 && (cols["email"] >= 0 || cols["upn"] >= 0 || cols["join"] >= 0) {
				return i, comma, cols
			}
		}
	}
	return -1, 0, nil
}

func splitHeader(line string, comma rune) []string {
	return strings.Split(strings.TrimRight(line, "\r"), string(comma))
}

func cellAt(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// readReportRows reads the rows below the header up to the first blank
// line (Teams' next section starts after one).
func readReportRows(lines []string, header int, comma rune, cols map[string]int) ([]ReportRow, error) {
	end := len(lines)
	for i := header + 1; i < len(lines); i++ {
		if strings.Trim(lines[i], "\r\t, ") == "" {
			end = i
			break
		}
	}
	cr := csv.NewReader(strings.NewReader(strings.Join(lines[header+1:end], "\n")))
	// Teams' tab-separated lists do not quote names; Zoom's CSV does, so
	// a stray quote there is a broken file.
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = comma, -1, comma == '\t'
	var rows []ReportRow
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
			return nil, reportError(pe.StartLine+header+1, ReportBadCSV, pe.Err)
		}
		if err != nil {
			return nil, reportError(0, ReportBadCSV, err)
		}
		line, _ := cr.FieldPos(0)
		line += header + 1
		if len(rows) == reportMaxRows {
			return nil, reportError(line, ReportTooManyRows, reportMaxRows)
		}
		if a := strings.ToLower(cellAt(cells, cols["action"])); cols["action"] >= 0 && !strings.Contains(a, "join") {
			continue // Teams' older list has a row per join and per leave
		}
		row := ReportRow{Line: line, Email: cellAt(cells, cols["email"])}
		row.Name, row.OriginalName = splitOriginalName(cellAt(cells, cols["name"]))
		if row.Email == "" && strings.Contains(cellAt(cells, cols["upn"]), "@") {
			row.Email = cellAt(cells, cols["upn"])
		}
		row.Join, row.Leave = reportTime(cellAt(cells, cols["join"])), reportTime(cellAt(cells, cols["leave"]))
		row.Minutes = reportMinutes(cellAt(cells, cols["minutes"]), cellAt(cells, cols["duration"]), row.Join, row.Leave)
		rows = append(rows, row)
	}
}

// splitOriginalName reads Zoom's "Name (Original Name)" cell: "Taro (Taro
// Yamada)" is a display name and, in brackets, the name they joined with.
func splitOriginalName(cell string) (string, string) {
	if strings.HasSuffix(cell, ")") {
		if i := strings.LastIndex(cell, " ("); i > 0 {
			return strings.TrimSpace(cell[:i]), strings.TrimSpace(cell[i+2 : len(cell)-1])
		}
	}
	return cell, ""
}

// reportLayouts are the times the platforms write, in the meeting host's
// settings: Zoom's US and ISO forms, Teams' with a comma after the date.
var reportLayouts = []string{
	"01/02/2006 03:04:05 PM", "1/2/2006 3:04:05 PM", "2006-01-02 15:04:05", "01/02/2006 15:04:05",
	"1/2/06, 3:04:05 PM", "01/02/2006, 03:04:05 PM", "1/2/2006, 3:04:05 PM", "02/01/2006, 15:04:05",
	"2006-01-02T15:04:05Z07:00", "2006/01/02 15:04:05",
}

// reportTime reads a join or leave time, zero when it has none we know.
// The report gives wall-clock times without a zone; they are taken as UTC
// here and put in the event's zone by whoever knows it.
func reportTime(cell string) time.Time {
	for _, layout := range reportLayouts {
		if t, err := time.Parse(layout, cell); err == nil {
			return t
		}
	}
	return time.Time{}
}

// reportMinutes is a row's minutes: Zoom's number, Teams' "1h 2m 6s", or
// the span from join to leave.
func reportMinutes(minutes, duration string, join, leave time.Time) int {
	if n, err := strconv.Atoi(minutes); err == nil && n >= 0 {
		return n
	}
	if d, err := time.ParseDuration(strings.ReplaceAll(duration, " ", "")); err == nil && d >= 0 {
		return int(d.Minutes())
	}
	if !join.IsZero() && leave.After(join) {
		return int(leave.Sub(join).Minutes())
	}
	return 0
}
