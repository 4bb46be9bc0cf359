package sheets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Options tunes an import.
type Options struct {
	// FileName names the file in problems (FILE:LINE: ...); "input" when empty.
	FileName string
	// DryRun checks everything, including references to people, and
	// counts what would change, without changing anything.
	DryRun bool
	// SkipBad imports the good rows of a file that has bad ones. Without
	// it a single bad row stops the import and nothing changes.
	SkipBad bool
	// Mapping overrides the automatic choice of field for some columns:
	// column index (from 0) -> field name from Fields, or "" to keep the
	// column as a custom field.
	Mapping map[int]string
	// Sheet names the sheet of a workbook to read; it may be left empty
	// when only one sheet has data.
	Sheet string
	// Progress, when set, is called every thousand rows or so while rows
	// are written, and once at the end with done == total.
	Progress func(done, total int)
}

func (o Options) fileName() string {
	if o.FileName == "" {
		return "input"
	}
	return o.FileName
}

func (o Options) progress(done, total int) {
	if o.Progress != nil {
		o.Progress(done, total)
	}
}

// checkEvery is how many rows pass between looks at the context and
// calls to Progress: often enough to feel live, rare enough to cost nothing.
const checkEvery = 1000

// errRollBack undoes a batch on purpose: for a dry run or a file with bad rows.
var errRollBack = errors.New("roll back")

// Import reads a CSV file or a workbook (.xlsx) of one kind into the
// store, in one transaction.
//
// When rows are bad and opt.SkipBad is false, it returns a *ProblemsError
// and changes nothing; the Result then counts what the good rows would
// have done. Problems that stop the whole file (no header, no column for a
// name, an unreadable encoding) are returned as plain errors. With
// opt.SkipBad, bad rows are left out, counted in Skipped and listed in
// Problems, and the error is nil.
func Import(ctx context.Context, st *data.Store, kind Kind, r io.Reader, opt Options) (Result, error) {
	fields, err := fieldsOf(kind)
	if err != nil {
		return Result{}, err
	}
	problems := newRowProblems(opt.fileName())
	t, err := readSheet(ctx, r, fields, opt, problems)
	if err != nil {
		return Result{}, err
	}
	var write func(b *data.ImportTx, res *Result) error
	switch kind {
	case People:
		people, err := checkPeople(ctx, t, problems)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", opt.fileName(), err)
		}
		write = func(b *data.ImportTx, res *Result) error { return writePeople(b, people, problems, res, opt) }
	case Sessions:
		loc, err := eventLocation(ctx, st)
		if err != nil {
			return Result{}, err
		}
		sessions, err := checkSessions(ctx, t, loc, problems)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", opt.fileName(), err)
		}
		write = func(b *data.ImportTx, res *Result) error { return writeSessions(b, sessions, problems, res, opt) }
	case Booths:
		booths, err := checkBooths(ctx, t, problems)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", opt.fileName(), err)
		}
		write = func(b *data.ImportTx, res *Result) error { return writeBooths(b, booths, problems, res, opt) }
	}
	return runBatch(ctx, st, opt, problems, write)
}

// runBatch writes in one transaction and rolls it back for a dry run or
// when bad rows must stop the import, after every row was looked at so
// that all problems are reported at once.
func runBatch(ctx context.Context, st *data.Store, opt Options, problems *rowProblems, write func(*data.ImportTx, *Result) error) (Result, error) {
	var res Result
	err := st.ImportTx(ctx, func(b *data.ImportTx) error {
		if err := write(b, &res); err != nil {
			return err
		}
		if opt.DryRun || (len(problems.list) > 0 && !opt.SkipBad) {
			return errRollBack
		}
		return nil
	})
	if err != nil && !errors.Is(err, errRollBack) {
		return Result{}, fmt.Errorf("import %s: %w", opt.fileName(), err)
	}
	slices.SortStableFunc(problems.list, func(a, b Problem) int { return a.Line - b.Line })
	res.Problems = problems.list
	res.Skipped = len(problems.bad)
	if len(problems.list) > 0 && !opt.SkipBad {
		return res, &ProblemsError{File: opt.fileName(), Problems: problems.list}
	}
	return res, nil
}

// eventLocation is the zone session times are read in: the event's, or
// UTC before the event is set up.
func eventLocation(ctx context.Context, st *data.Store) (*time.Location, error) {
	ev, err := st.Event(ctx)
	if errors.Is(err, data.ErrNotFound) {
		return time.UTC, nil
	}
	if err != nil {
		return nil, err
	}
	return ev.Location(), nil
}

// cancelled checks the context every checkEvery rows.
func cancelled(ctx context.Context, i int) error {
	if i%checkEvery == 0 {
		return ctx.Err()
	}
	return nil
}
