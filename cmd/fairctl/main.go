// Command fairctl is Fairdesk without a window: it imports and exports
// spreadsheets, searches, dumps and seeds the same database the app uses.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// exit statuses
const (
	exitOK      = 0
	exitFailure = 1
	exitMisuse  = 2
)

// misuse marks an error in how fairctl was called, as opposed to bad data.
type misuse struct{ msg string }

func (m misuse) Error() string { return m.msg }

func misusef(format string, args ...any) error { return misuse{fmt.Sprintf(format, args...)} }

// noArgs is the misuse of giving arguments to a command that takes only flags.
func noArgs(args []string) error {
	if len(args) > 0 {
		return misusef("unexpected argument %q", args[0])
	}
	return nil
}

// runFunc runs a command with its positional arguments, its flags parsed.
type runFunc func(ctx context.Context, e *env, args []string) error

// command is one row of the table: what fairctl help says of it, and how
// it runs. Its usage is generated from these fields and its flag set.
type command struct {
	name    string
	args    string // positional arguments and required flags, as usage shows them
	summary string // one line, for fairctl --help
	details string // optional: more, for fairctl help NAME
	needsDB bool
	// createsDB: the command may make the database when it is missing
	// (any other command refuses a missing one rather than make it empty).
	createsDB bool
	// setup declares the command's flags on fs and returns what runs it.
	setup func(fs *flag.FlagSet) runFunc
}

// withoutFlags is the setup of a command that has no flags.
func withoutFlags(run runFunc) func(*flag.FlagSet) runFunc {
	return func(*flag.FlagSet) runFunc { return run }
}

// commands is in the order fairctl --help lists them.
var commands = []command{
	{name: "demo", summary: "load the demo event into an empty database", needsDB: true, createsDB: true, setup: withoutFlags(runDemo)},
	{name: "import", args: "people|sessions|booths|meetings|requests|attendance FILE", summary: "import a CSV file or an Excel workbook (.xlsx)", needsDB: true, createsDB: true, setup: importCommand,
		details: "A file with bad rows imports nothing unless --skip-bad asks for the good rows.\nA workbook with several sheets needs --sheet NAME.\n" + requestsDetails + attendanceDetails},
	{name: "export", args: "WHAT", summary: "export as CSV or a workbook, the agenda as iCalendar, leads also as vCard", needsDB: true, setup: exportCommand,
		details: `WHAT is one of:
  people, sessions, booths   as CSV, to standard output without -o;
                             as an Excel workbook with -o FILE.xlsx
  agenda                     as iCalendar; needs -o FILE.ics
  leads                      a booth's visitors and notes; needs --booth CODE;
                             --format csv (default), vcard or crm
  booth-stats                visits per booth and hour as CSV
  meetings                   every meeting as CSV: host, seeker, times,
                             place, state, score and reasons
  person CODE|EMAIL          everything about one person as JSON, for a
                             subject access request; needs -o FILE.json`},
	{name: "checkin", args: "CODE|EMAIL|NAME", summary: "check a person in at the welcome desk", needsDB: true, setup: withoutFlags(runCheckIn)},
	{name: "checkout", args: "CODE|EMAIL|NAME", summary: "check a person out", needsDB: true, setup: withoutFlags(runCheckOut)},
	{name: "visit", args: "--booth CODE CODE|EMAIL|NAME", summary: "log a booth visit, with a note or rating for the lead", needsDB: true, setup: visitCommand},
	{name: "meetings", args: "WHAT [ARGS]", summary: "one-to-one meetings: hosts' slots, requests, booking and the auto-schedule", needsDB: true,
		setup: meetingsCommand, details: meetingsDetails},
	{name: "matches", args: "CODE|EMAIL", summary: "rank every host for a job seeker, with the reasons of each score", needsDB: true, setup: withoutFlags(runMatches)},
	{name: "networking", args: "SESSION --tables N --rounds R -o FILE.csv|FILE.pdf", summary: "plan a speed-networking session's tables, round by round",
		needsDB: true, setup: networkingCommand, details: networkingDetails},
	{name: "badges", args: "[CODE|EMAIL|NAME ...]", summary: "print badges to PDF, for everyone or the people named", needsDB: true, setup: badgesCommand},
	{name: "search", args: "TEXT", summary: "find people by name, e-mail, organisation or badge code", needsDB: true, setup: searchCommand},
	{name: "dump", summary: "print every record as canonical JSON, one a line", needsDB: true, setup: withoutFlags(runDump)},
	{name: "seed", summary: "add synthetic people, the same for the same seed", needsDB: true, createsDB: true, setup: seedCommand},
	{name: "share", args: "--folder DIR | --bucket s3://BUCKET/PREFIX", summary: "write this event into a shared folder or bucket", needsDB: true, setup: shareCommand,
		details: bucketDetails},
	{name: "join", args: "--folder DIR | --bucket s3://BUCKET/PREFIX", summary: "fill an empty database from a shared folder or bucket", createsDB: true, setup: joinCommand,
		details: bucketDetails},
	{name: "invite", args: "--role organiser|booth [--booth CODE] -o FILE", summary: "make an invitation for another laptop, protected by a passphrase", needsDB: true, setup: inviteCommand,
		details: inviteDetails},
	{name: "laptops", summary: "list the event's laptops with their role and last sync", needsDB: true, setup: laptopsCommand,
		details: "Without --folder or --bucket it uses the place this database last synced with.\n" + bucketDetails},
	{name: "remove-laptop", args: "ID", summary: "remove a laptop from the event and change the keys it held", needsDB: true, setup: removeLaptopCommand,
		details: "Without --folder or --bucket it uses the place this database last synced with.\n" + bucketDetails},
	{name: "sync", summary: "send and receive changes through the shared folder or bucket", needsDB: true, setup: syncCommand,
		details: "Without --folder or --bucket it uses the place this database last synced with.\nThrough a bucket it prints the requests each sync sent.\n" + bucketDetails},
	{name: "erase", args: "CODE|EMAIL", summary: "erase a person from every laptop (asks first; --yes for scripts)", needsDB: true, setup: eraseCommand,
		details: "Only an organiser's laptop may. The backups made before are listed for you to delete."},
	{name: "consent", args: "CODE|EMAIL yes|no", summary: "record whether exhibitors may see a person's contact details", needsDB: true, setup: withoutFlags(runConsent)},
	{name: "forget-contacts", summary: "delete the contact details of people who did not consent, N days after the event", needsDB: true, setup: forgetContactsCommand,
		details: "The app does the same at start-up with the Settings → Privacy setting, which --days saves."},
	{name: "conflicts", summary: "list what sync could not settle alone", needsDB: true, setup: conflictsCommand},
	{name: "backup", summary: "save the whole event in one backup file", needsDB: true, setup: backupCommand},
	{name: "restore", args: "FILE", summary: "put a backup in place of the database", createsDB: true, setup: withoutFlags(runRestore),
		details: "The database replaced is kept beside it; a backup from a newer Fairdesk is refused."},
	{name: "reminders", args: "--at TIME", summary: "print what would be announced at a time, sending nothing", needsDB: true, setup: remindersCommand},
	{name: "notify-test", summary: "send one desktop notification", setup: withoutFlags(runNotifyTest)},
	{name: "bench", summary: "measure import, search, list, sync and meeting-scheduling speed", setup: benchCommand},
}

// bucketDetails says where a bucket's credentials come from.
const bucketDetails = `A bucket's credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
or the shared credentials file (~/.aws/credentials, AWS_PROFILE); they are never
stored in the database or the bucket. --endpoint URL names a service other than
AWS S3; plain http is allowed only for a server on this machine.`

// helpCommand is run's own: it is not in the table, which it reads.
var helpCommand = command{name: "help", args: "[COMMAND]", summary: "explain a command and its flags, or list them all",
	details: "fairctl COMMAND --help does the same for one command.", setup: withoutFlags(nil)} // run answers it itself

// allCommands is the table and help.
func allCommands() []command { return append(slices.Clip(commands), helpCommand) }

func findCommand(name string) (command, bool) {
	for _, c := range allCommands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// env is what every command gets: the open store and where to write.
type env struct {
	store  *data.Store
	dbPath string
	stdout io.Writer
	stderr io.Writer
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	global := globalFlags()
	dbPath := global.String("db", data.DefaultPath(), "the database `PATH`")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout, global)
			return exitOK
		}
		fmt.Fprintf(stderr, "fairctl: %v\n\n", err)
		printUsage(stderr, global)
		return exitMisuse
	}
	if global.NArg() == 0 {
		printUsage(stderr, global)
		return exitMisuse
	}
	name, args := global.Arg(0), global.Args()[1:]
	if name == helpCommand.name {
		return runHelp(global, args, stdout, stderr)
	}
	cmd, ok := findCommand(name)
	if !ok {
		return unknownCommand(stderr, name)
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	runCmd := cmd.setup(fs)
	args, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(stdout, cmd, fs)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "fairctl %s: %v\n\n", name, err)
		printCommandUsage(stderr, cmd, fs)
		return exitMisuse
	}
	e := &env{dbPath: *dbPath, stdout: stdout, stderr: stderr}
	if cmd.needsDB || cmd.createsDB {
		if err := tidyDatabase(*dbPath, cmd.createsDB, stderr); err != nil {
			fmt.Fprintf(stderr, "fairctl: %v\n", err)
			return exitFailure
		}
	}
	if cmd.needsDB {
		st, err := data.Open(*dbPath, data.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "fairctl: %v\n", err)
			return exitFailure
		}
		defer st.Close()
		e.store = st
	}
	var before int64
	if e.store != nil {
		before = e.store.LastSeq()
	}
	err = runCmd(ctx, e, args)
	if e.store != nil && err == nil {
		tellUnshared(ctx, e.store, before, name, stderr)
	}
	var m misuse
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &m):
		fmt.Fprintf(stderr, "fairctl %s: %v\n\n", name, err)
		printCommandUsage(stderr, cmd, fs)
		return exitMisuse
	default:
		fmt.Fprintln(stderr, strings.TrimRight(err.Error(), "\n"))
		return exitFailure
	}
}

// parseFlags parses flags that may come before, between or after the
// positional arguments, and returns the positional ones. The caller
// reports errors, with the command's usage.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func searchCommand(fs *flag.FlagSet) runFunc {
	limit := fs.Int("limit", 50, "at most `N` people")
	return func(ctx context.Context, e *env, words []string) error {
		if len(words) == 0 {
			return misusef("say what to search for, e.g. fairctl search yamada")
		}
		people, err := e.store.SearchPeople(ctx, strings.Join(words, " "), *limit)
		if err != nil {
			return err
		}
		for _, p := range people {
			name := p.DisplayName()
			if p.KanjiName != "" && p.KanjiName != name {
				name += " (" + p.KanjiName + ")"
			}
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", name, p.Email, p.OrgName)
		}
		return nil
	}
}

func runDump(ctx context.Context, e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.store.Dump(ctx, e.stdout)
}
