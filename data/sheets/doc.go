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
// Every problem is reported as FILE:LINE: message, LINE being the line on
// which the record starts. Import is all or nothing: when any row is bad,
// nothing is changed, unless Options.SkipBad asks to import the good rows.
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
// # Writing
//
// Exports are UTF-8 CSV with a byte-order mark and CRLF line ends, so that
// Excel opens them as Unicode; the header row holds the canonical field
// names and then one column per custom field, sorted. A file exported and
// imported into a database of the same event exports again byte for byte.
package sheets
