package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/fairdesk/fairdesk/data"
)

// Every word of help is generated from the command table and the flag
// sets, so that what fairctl says of a command cannot drift from what the
// command accepts.

// globalFlags is the flag set of the flags that come before the command;
// its errors are reported by run, with the usage.
func globalFlags() *flag.FlagSet {
	fs := flag.NewFlagSet("fairctl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// printUsage lists every command with its summary.
func printUsage(w io.Writer, global *flag.FlagSet) {
	fmt.Fprintf(w, "fairctl: Fairdesk from the command line.\n\nUsage: fairctl %sCOMMAND [ARGS]\n\nCommands:\n", flagSynopsis(global, ""))
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range allCommands() {
		fmt.Fprintf(tw, "  %s\t%s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nThe database is --db, else $FAIRDESK_DB, else the one the app uses:\n  %s\n", data.DefaultPath())
	fmt.Fprintf(w, "\nExit status: %d done, %d bad input or failure, %d misuse.\n", exitOK, exitFailure, exitMisuse)
}

// printCommandUsage explains one command: its synopsis, summary, details
// and flags.
func printCommandUsage(w io.Writer, c command, fs *flag.FlagSet) {
	synopsis := strings.TrimSpace(c.name + " " + c.args)
	fmt.Fprintf(w, "Usage: fairctl %s\n\n%s.\n", strings.TrimSpace(synopsis+" "+flagSynopsis(fs, c.args)), capitalise(c.summary))
	if c.details != "" {
		fmt.Fprintf(w, "\n%s\n", c.details)
	}
	if !hasVisibleFlags(fs) {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" {
			return
		}
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(tw, "  %s\t%s%s\n", strings.TrimSpace(dashes(f.Name)+" "+placeholder(f, name)), usage, defaultNote(f))
	})
	tw.Flush()
}

// runHelp is fairctl help [COMMAND].
func runHelp(global *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	noFlags := flag.NewFlagSet(helpCommand.name, flag.ContinueOnError)
	args, err := parseFlags(noFlags, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printCommandUsage(stdout, helpCommand, noFlags)
		return exitOK
	case err != nil: // reported below
	case len(args) == 0:
		printUsage(stdout, global)
		return exitOK
	case len(args) == 1:
		c, ok := findCommand(args[0])
		if !ok {
			return unknownCommand(stderr, args[0])
		}
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.setup(fs)
		printCommandUsage(stdout, c, fs)
		return exitOK
	default:
		err = errors.New("name one command, e.g. fairctl help import")
	}
	fmt.Fprintf(stderr, "fairctl help: %v\n\n", err)
	printCommandUsage(stderr, helpCommand, noFlags)
	return exitMisuse
}

// unknownCommand says so and lists the commands there are.
func unknownCommand(w io.Writer, name string) int {
	var names []string
	for _, c := range allCommands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(w, "fairctl: unknown command %q; the commands are:\n  %s\nfairctl help COMMAND explains one.\n", name, strings.Join(names, " "))
	return exitMisuse
}

// flagSynopsis is the optional flags as [--name VALUE], leaving out the
// ones the synopsis already names as required; it ends with a space when
// not empty.
func flagSynopsis(fs *flag.FlagSet, synopsis string) string {
	var b strings.Builder
	// A flag the synopsis names already, even optional ([--booth CODE]), is not listed again.
	words := " " + strings.NewReplacer("[", " ", "]", " ", "|", " ").Replace(synopsis) + " "
	fs.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" || strings.Contains(words, " "+dashes(f.Name)+" ") {
			return
		}
		name, _ := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "[%s] ", strings.TrimSpace(dashes(f.Name)+" "+placeholder(f, name)))
	})
	return b.String()
}

func hasVisibleFlags(fs *flag.FlagSet) bool {
	visible := false
	fs.VisitAll(func(f *flag.Flag) { visible = visible || f.Usage != "" })
	return visible
}

// dashes writes a one-letter flag as -o and a longer one as --name, as
// people type them (the flag package takes either).
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// placeholder is what stands for a flag's value: the back-quoted word of
// its usage, else its type in capitals; nothing for a switch.
func placeholder(f *flag.Flag, name string) string {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return ""
	}
	if strings.Contains(f.Usage, "`") {
		return name
	}
	return strings.ToUpper(name)
}

// defaultNote says a flag's default when it is not the zero value.
func defaultNote(f *flag.Flag) string {
	switch f.DefValue {
	case "", "0", "false", "0s":
		return ""
	}
	return fmt.Sprintf(" (default %s)", f.DefValue)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
