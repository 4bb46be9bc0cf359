// Package sheets moves people, sessions and booths between spreadsheets
// (CSV) and the event database, and writes the agenda as an iCalendar file.
//
// # Reading
//
// Import and Preview accept CSV as registration tools export it:
//
//   - UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark
//     (Excel's "Unicode text"), or Shift-JIS/CP932 (Japanese Excel), told
//     apart without being asked: text that is not valid UTF-8 is read as
//     Shift-JIS.
//   - Commas, semicolons or tabs between cells: whichever the header row
//     uses most.
//   - CRLF or LF line ends and quoted cells spanning several lines.
//
// Header names are matched ignoring case, spaces, punctuation and full-width
// forms, against the canonical names (Fields) and the aliases that common
// tools use (First Name, E-mail Address, 姓, メールアドレス, 会社名 ...). A
// column that matches nothing is kept as a custom field named by its
// header. Options.Mapping overrides the automatic choice column by column.
//
// Two columns that would fill one field (Email and E-mail) or two custom
// columns of one name are refused with their column numbers, rather than
// one of them guessed; Options.Mapping settles which is which. A cell
// holding a NUL byte is refused: it is not text.
//
// Every problem is reported as FILE:LINE: message, or FILE:LINE:COLUMN:
// message when one cell is at fault, LINE being the line on which the
// record starts and COLUMN counting the file's columns from 1. Messages
// name records by line, never by anyone's name or e-mail address. Import
// is all or nothing: when any row is bad, nothing is changed, unless
// Options.SkipBad asks to import the good rows.
//
// Messages are in English. Each Problem also carries its message's format
// and values (Format, Args), and a file refused as a whole ends its error
// with a Reason that does the same, so that a window says them in its own
// language: the English format is the key of the translation files, and
// a value with words of its own (a Reason, FieldProblems, a
// *data.ClockGapError) is translated in turn. Formats are literals at the
// call, so a test finds each in the source and checks its Japanese.
//
// # Merging
//
// A row updates the existing person with its e-mail address (any case) or,
// failing that, its badge code; a session with its id or else its title and
// start; a booth with its code. Only the cells the file fills in are
// copied: a blank cell leaves the field as it was, so an import never
// erases what someone typed in the program. Roles are added to the ones a
// person has, never taken away; the other lists (interests, industries,
// speakers, staff) are replaced when the cell is filled in.
//
// # Times
//
// Session times without an offset are in the event's time zone. Accepted:
//
//	2026-10-23 11:00       2026-10-23T11:00       2026/10/23 11:00
//	2026-10-23 11:00:00    2026/1/5 9:30          2026年10月23日 11:00
//	2026-10-23T11:00:00+09:00 (RFC 3339; the offset wins over the zone)
//	23/10/2026 11:00       day first, or month first when the day is over
//	                       12 (10/23/2026); 05/10/2026 is refused as ambiguous
//
// An end may be just a time (12:30), taken on the start's day; a "date"
// column may carry the day when start and end are times. A duration
// (90, 90 min, 1h30m, 1:30) may stand in for the end.
//
// Where the clocks change (data.LocalTime): a time in the hour skipped when
// they go forward is refused, saying so ("01:30 does not exist on 29 March
// 2026 in Europe/London: the clocks go forward from 01:00 to 02:00"); a
// time in the hour that happens twice when they go back is its first
// occurrence, still on summer time, as in iCalendar (RFC 5545); write the
// offset (2026-10-25T01:30+00:00) to mean the second. An end that is not
// after its start is reported with both times in the event's zone, and
// with a word on offsets when one of the two carries an offset and the
// other does not.
//
// # Writing
//
// Exports are UTF-8 CSV with a byte-order mark and CRLF line ends, so that
// Excel opens them as Unicode; the header row holds the canonical field
// names and then one column per custom field, sorted. A cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
// carriage return, other than a plain number such as -5) is written with a
// leading apostrophe, as OWASP advises against CSV injection
// (NeutraliseFormula), and import takes exactly that apostrophe off
// again. A file exported and imported into a database of the same event
// exports again byte for byte. Every CSV file, the booths' leads
// (leads_csv.go, crm.go) and the organisers' booth table
// (booth_stats_csv.go) included, goes through the one SheetWriter
// (csv_writer.go); a booth's leads are written by Store.ExportLeads with
// one of the encoders here, so that each export is recorded.
package sheets
