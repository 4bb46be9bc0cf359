package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// The commands of a data protection request: see, erase, consent. They
// name people by badge code or e-mail and print only ids and codes, so a
// terminal log of them carries no one's name.

// personNamed finds the person a request is about, by badge code or e-mail.
func personNamed(ctx context.Context, e *env, args []string) (data.PersonRow, error) {
	if len(args) != 1 {
		return data.PersonRow{}, misusef("name the person by badge code or e-mail")
	}
	p, err := e.store.PersonByKey(ctx, args[0])
	if errors.Is(err, data.ErrNotFound) {
		return p, errors.New("no one has that badge code or e-mail; fairctl search finds people by name")
	}
	return p, err
}

func runExportPerson(ctx context.Context, e *env, args []string, out string) error {
	if out == "" {
		return misusef("export person needs -o FILE.json")
	}
	p, err := personNamed(ctx, e, args)
	if err != nil {
		return err
	}
	if err := writeFileAtomically(out, func(w io.Writer) error { return e.store.ExportPerson(ctx, p.ID, w) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote everything this laptop holds about person %s (badge %s) to %s\n", p.ID, p.BadgeCode, out)
	return nil
}

func eraseCommand(fs *flag.FlagSet) runFunc {
	yes := fs.Bool("yes", false, "erase without asking")
	return func(ctx context.Context, e *env, args []string) error {
		p, err := personNamed(ctx, e, args)
		if err != nil {
			return err
		}
		if !*yes {
			if !isTerminal(os.Stdin) {
				return misusef("erase asks for confirmation on a terminal; from a script, add --yes")
			}
			fmt.Fprintf(e.stdout, "Erase person %s (badge %s)? Every laptop removes them, their check-ins, visits, leads,\n"+
				"history and notifications at its next sync; this cannot be undone. Exported lead files are the\n"+
				"exhibitors' to delete. Type yes to erase: ", p.ID, p.BadgeCode)
			answer, _ := bufio.NewReader(os.Stdin).ReadString('\n')
			if strings.TrimSpace(strings.ToLower(answer)) != "yes" {
				return errors.New("not erased")
			}
		}
		started := time.Now()
		if err := e.store.ErasePerson(ctx, p.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "erased person %s on this laptop; the other laptops erase them at their next sync\n", p.ID)
		backups, err := e.store.BackupsBefore(started)
		if err != nil {
			return err
		}
		if len(backups) > 0 {
			fmt.Fprintln(e.stdout, "These backups were made before the erasure and may still hold the person; delete them unless you must keep them:")
			for _, b := range backups {
				fmt.Fprintln(e.stdout, "  "+b)
			}
		}
		return nil
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func runConsent(ctx context.Context, e *env, args []string) error {
	if len(args) != 2 || (args[1] != "yes" && args[1] != "no") {
		return misusef("say whose consent and what: fairctl consent CODE|EMAIL yes|no")
	}
	p, err := personNamed(ctx, e, args[:1])
	if err != nil {
		return err
	}
	if err := e.store.SetConsent(ctx, p.ID, args[1] == "yes"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "person %s (badge %s): consent %s\n", p.ID, p.BadgeCode, args[1])
	return nil
}

func forgetContactsCommand(fs *flag.FlagSet) runFunc {
	days := fs.Int("days", -1, "`N` days after the event ends; saved as the Settings → Privacy setting (0 turns it off); without it, the saved setting")
	return func(ctx context.Context, e *env, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if *days >= 0 {
			if err := e.store.SetContactRetentionDays(ctx, *days); err != nil {
				return err
			}
		}
		n, err := e.store.ApplyContactRetention(ctx, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted the contact details of %d people who did not consent\n", n)
		return nil
	}
}
