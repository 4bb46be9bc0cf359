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
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

const usage = `fairctl: Fairdesk from the command line.

Usage: fairctl [--db PATH] COMMAND [ARGS]

Commands:
  demo                                   load the demo event into an empty database
  import people|sessions|booths FILE     import a CSV file [--dry-run] [--skip-bad]
  export people|sessions|booths          export as CSV [-o FILE]
  export agenda -o FILE.ics              export the agenda as iCalendar [--alarm 10m] [--followed]
  export leads --booth CODE              export a booth's visitors and notes as CSV [-o FILE]
  export booth-stats                     export visits per booth and hour as CSV [-o FILE]
  checkin CODE|EMAIL|NAME                check a person in at the welcome desk
  checkout CODE|EMAIL|NAME               check a person out
  visit --booth CODE CODE|EMAIL|NAME     log a booth visit [--note TEXT] [--rating hot|warm|cold]
  badges [CODE|EMAIL ...]                print badges, for everyone or the people named
                                         [-o FILE.pdf] [--paper A4|Letter] [--font FILE.ttf]
  search TEXT                            find people by name, e-mail, organisation or badge [--limit N]
  dump                                   print every record as canonical JSON, one a line
  seed --people N --seed S               add synthetic data
  share --folder DIR                     write this event into a shared folder
  join --folder DIR                      fill an empty database from a shared folder
  sync [--folder DIR] [--watch]          send and receive changes through the folder
  conflicts [--all]                      list what sync could not settle alone
  backup [-o FILE]                       save the whole event in one backup file
  restore FILE                           put a backup in place of the database
                                         (the one replaced is kept beside it)
  reminders --at TIME                    print what would be announced then [--all] [--booth CODE]
  notify-test                            send one desktop notification
  bench                                  measure import, search and list speed

The database is --db, else $FAIRDESK_DB, else the one the app uses:
  %s

Exit status: 0 done, 1 bad input or failure, 2 misuse.
`

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

type command struct {
	run     func(ctx context.Context, env *env, args []string) error
	needsDB bool
}

var commands = map[string]command{
	"demo":      {runDemo, true},
	"import":    {runImport, true},
	"export":    {runExport, true},
	"search":    {runSearch, true},
	"dump":      {runDump, true},
	"seed":      {runSeed, true},
	"bench":     {runBench, false},
	"sync":      {runSync, true},
	"share":     {runShare, true},
	"join":      {runJoin, false},
	"conflicts": {runConflicts, true},

	"checkin":  {runCheckIn, true},
	"checkout": {runCheckOut, true},
	"visit":    {runVisit, true},
	"badges":   {runBadges, true},

	"reminders":   {runReminders, true},
	"notify-test": {runNotifyTest, false},

	"backup":  {runBackup, true},
	"restore": {runRestore, false},
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
	global := flag.NewFlagSet("fairctl", flag.ContinueOnError)
	global.SetOutput(stderr)
	dbPath := global.String("db", data.DefaultPath(), "the database `file`")
	global.Usage = func() { fmt.Fprintf(stderr, usage, data.DefaultPath()) }
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitMisuse
	}
	if global.NArg() == 0 {
		global.Usage()
		return exitMisuse
	}
	name := global.Arg(0)
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "fairctl: unknown command %q; run fairctl --help for the list\n", name)
		return exitMisuse
	}
	e := &env{dbPath: *dbPath, stdout: stdout, stderr: stderr}
	if cmd.needsDB {
		st, err := data.Open(*dbPath, data.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "fairctl: %v\n", err)
			return exitFailure
		}
		defer st.Close()
		e.store = st
	}
	err := cmd.run(ctx, e, global.Args()[1:])
	var m misuse
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &m):
		fmt.Fprintf(stderr, "fairctl %s: %v\n", name, err)
		return exitMisuse
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	default:
		fmt.Fprintln(stderr, strings.TrimRight(err.Error(), "\n"))
		return exitFailure
	}
}

// parseFlags parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, misuse{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	limit := fs.Int("limit", 50, "at most this many people")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
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

func runDump(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return misusef("dump takes no arguments")
	}
	return e.store.Dump(ctx, e.stdout)
}
