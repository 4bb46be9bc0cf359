package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sheets"
)

var sheetKinds = map[string]sheets.Kind{"people": sheets.People, "sessions": sheets.Sessions, "booths": sheets.Booths}

func importCommand(fs *flag.FlagSet) runFunc {
	var opts sheets.Options
	fs.BoolVar(&opts.DryRun, "dry-run", false, "check the file and say what would change, change nothing")
	fs.BoolVar(&opts.SkipBad, "skip-bad", false, "import the good rows even when some are bad")
	fs.StringVar(&opts.Sheet, "sheet", "", "of a workbook (.xlsx) with several sheets: the one to import, by `NAME`")
	var attendance attendanceFlags
	attendance.declare(fs)
	return func(ctx context.Context, e *env, args []string) error {
		if len(args) == 2 && args[0] == "attendance" {
			return runImportAttendance(ctx, e, args[1], attendance, opts.DryRun)
		}
		return runImport(ctx, e, args, opts)
	}
}

const requestsDetails = `import requests FILE reads a registration form's answers as meeting requests: a
column with each job seeker's e-mail or badge code, and columns whose header
asks whom to meet ("Who would you like to meet?", "choice 1"...) naming booths
by code, name or organisation, and mentors and recruiters by name or e-mail,
first choice first; several in a cell go on separate lines or between ";".
`

func runImport(ctx context.Context, e *env, rest []string, opts sheets.Options) error {
	if len(rest) != 2 {
		return misusef("say what to import and from which file, e.g. fairctl import people attendees.csv")
	}
	kind, ok := sheetKinds[rest[0]]
	if !ok && rest[0] != "meetings" && rest[0] != "requests" {
		return misusef("cannot import %q: choose people, sessions, booths, meetings, requests or attendance", rest[0])
	}
	f, err := os.Open(rest[1])
	if err != nil {
		return err
	}
	defer f.Close()
	opts.FileName = rest[1]
	var res sheets.Result
	switch rest[0] {
	case "meetings":
		res, err = sheets.ImportMeetings(ctx, e.store, f, opts)
	case "requests":
		res, err = sheets.ImportMeetingRequests(ctx, e.store, f, opts)
	default:
		res, err = sheets.Import(ctx, e.store, kind, f, opts)
	}
	if choice := (*sheets.SheetChoiceError)(nil); errors.As(err, &choice) {
		return fmt.Errorf("%w; choose one with --sheet NAME", err)
	}
	var problems *sheets.ProblemsError
	if !errors.As(err, &problems) {
		for _, p := range res.Problems {
			fmt.Fprintln(e.stderr, p)
		}
	}
	if problems != nil {
		for _, p := range problems.Problems {
			fmt.Fprintln(e.stderr, p)
		}
		return fmt.Errorf("%s: %d bad rows, nothing was imported (fix them, or use --skip-bad to import the rest)", rest[1], len(problems.Problems))
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if opts.DryRun {
		verb = "would import (dry run, nothing changed)"
	}
	fmt.Fprintf(e.stdout, "%s %s: %d added, %d updated, %d unchanged, %d skipped\n",
		verb, rest[0], res.Added, res.Updated, res.Unchanged, res.Skipped)
	if res.Skipped > 0 {
		// --skip-bad asked for exactly this, so it is done (exit 0); the
		// count says how much of the file is still to fix.
		fmt.Fprintf(e.stderr, "%s: %s skipped as asked (--skip-bad); the problems are listed above\n", rest[1], rowsText(res.Skipped, "bad row"))
	}
	return nil
}

func rowsText(n int, what string) string {
	if n == 1 {
		return "1 " + what + " was"
	}
	return fmt.Sprintf("%d %ss were", n, what)
}

func exportCommand(fs *flag.FlagSet) runFunc {
	out := fs.String("o", "", "write to `FILE` instead of standard output; people, sessions or booths to FILE.xlsx as a workbook")
	booth := fs.String("booth", "", "for export leads: the booth's `CODE`")
	leadsFormat := fs.String("format", "csv", "for export leads: the `FORMAT`, csv, vcard (contacts for phones and mail programs) or crm (a CRM's contacts import)")
	alarm := fs.Duration("alarm", 10*time.Minute, "for export agenda: a reminder this long before each session (0 for none)")
	followed := fs.Bool("followed", false, "for export agenda: reminders only on the sessions followed on this laptop")
	return func(ctx context.Context, e *env, rest []string) error {
		if len(rest) == 2 && rest[0] == "person" {
			return runExportPerson(ctx, e, rest[1:], *out)
		}
		if len(rest) != 1 {
			return misusef("say what to export: people, sessions, booths, agenda, leads, booth-stats or person CODE|EMAIL")
		}
		var export func(context.Context, *data.Store, io.Writer) error
		if kind, ok := sheetKinds[rest[0]]; ok && sheets.IsWorkbook(*out) {
			export = func(ctx context.Context, st *data.Store, w io.Writer) error {
				return sheets.ExportWorkbook(ctx, st, kind, w)
			}
			return writeFileAtomically(*out, func(w io.Writer) error { return export(ctx, e.store, w) })
		}
		switch rest[0] {
		case "people":
			export = sheets.ExportPeople
		case "sessions":
			export = sheets.ExportSessions
		case "booths":
			export = sheets.ExportBooths
		case "agenda":
			if *out == "" {
				return misusef("export agenda needs -o FILE.ics")
			}
			export = func(ctx context.Context, st *data.Store, w io.Writer) error {
				return sheets.ExportAgendaWith(ctx, st, w, sheets.AgendaOptions{AlarmBefore: *alarm, FollowedOnly: *followed})
			}
		case "leads":
			return runExportLeads(ctx, e, *booth, *leadsFormat, *out)
		case "booth-stats":
			export = sheets.ExportBoothStats
		case "meetings":
			export = sheets.ExportMeetings
		default:
			return misusef("cannot export %q: choose people, sessions, booths, agenda, leads, booth-stats or meetings", rest[0])
		}
		if *out == "" {
			w := bufio.NewWriter(e.stdout)
			if err := export(ctx, e.store, w); err != nil {
				return err
			}
			return w.Flush()
		}
		return writeFileAtomically(*out, func(w io.Writer) error { return export(ctx, e.store, w) })
	}
}

// writeFileAtomically writes path through a temporary file beside it, so
// that a failed export never leaves half a file behind.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	return data.WriteFileAtomically(path, 0o600, write)
}
