// Package printouts makes the paper an event runs on besides the badges:
// the day programme (each day's sessions by room and time) and the
// attendee list for a door without a laptop (names, organisation, badge
// code and a box to tick; no contact details). Both are PDF, drawn the
// way data/badges draws: go-pdf/fpdf with a Japanese TrueType font when
// one is installed, Japanese text left out with a warning when not.
package printouts
