package sheets

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// Sample is what a mapping screen shows before an import: the columns, the
// field each one fills, the first rows, and the problems that can be found
// without the database (everything except unknown speakers or staff, a
// badge code someone else has, and a name missing for someone new).
type Sample struct {
	Encoding string     // EncodingUTF8, EncodingSJIS ...
	Headers  []string   // as in the file
	Fields   []string   // per column: the field it fills, "" for a custom field
	Rows     [][]string // the first rows, cells as read
	Records  int        // data rows in the whole file
	Problems []Problem  // found in the whole file, by line
}

// Preview reads a whole file as Import would, without a database, and
// returns its first rows rows with what was found. loc is the zone for
// session times without an offset (the event's: Event.Location()).
// opt.Mapping is applied; the other options are ignored. When no column
// can name a record, or two columns would fill one field, the error comes
// with Headers, Fields and Rows filled, so that the mapping can be fixed.
func Preview(ctx context.Context, r io.Reader, kind Kind, loc *time.Location, rows int, opt Options) (Sample, error) {
	fields, err := fieldsOf(kind)
	if err != nil {
		return Sample{}, err
	}
	problems := newRowProblems(opt.fileName())
	t, err := readSheet(ctx, r, fields, opt, problems)
	if t == nil {
		return Sample{}, err
	}
	columnsErr := err
	s := Sample{Encoding: t.encoding, Headers: t.headers, Records: len(t.rows)}
	for _, f := range t.mapping {
		name := ""
		if f != custom {
			name = fields[f].name
		}
		s.Fields = append(s.Fields, name)
	}
	for _, r := range t.rows[:min(rows, len(t.rows))] {
		s.Rows = append(s.Rows, r.cells)
	}
	if columnsErr != nil {
		return s, columnsErr
	}
	switch kind {
	case People:
		_, err = checkPeople(ctx, t, problems)
	case Sessions:
		_, err = checkSessions(ctx, t, loc, problems)
	case Booths:
		_, err = checkBooths(ctx, t, problems)
	}
	if err != nil {
		// The columns are still returned, so that the mapping can be fixed.
		return s, fmt.Errorf("%s: %w", opt.fileName(), err)
	}
	slices.SortStableFunc(problems.list, func(a, b Problem) int { return a.Line - b.Line })
	s.Problems = problems.list
	return s, nil
}
