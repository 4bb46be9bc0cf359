package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sync"
)

// passphraseFlag declares --passphrase-file; the passphrase it returns is
// that file's first line, or is asked for on the terminal without echo.
func passphraseFlag(fs *flag.FlagSet) func(e *env, prompt string, twice bool) (string, error) {
	file := fs.String("passphrase-file", "", "read the passphrase from the first line of `FILE` (for scripts)")
	return func(e *env, prompt string, twice bool) (string, error) {
		if *file != "" {
			b, err := os.ReadFile(*file)
			if err != nil {
				return "", fmt.Errorf("read the passphrase file: %w", err)
			}
			line, _, _ := strings.Cut(string(b), "\n")
			return strings.TrimRight(line, "\r"), nil
		}
		fd := int(os.Stdin.Fd())
		if !term.IsTerminal(fd) {
			return "", misusef("no terminal to ask for the passphrase: give --passphrase-file FILE")
		}
		ask := func(p string) (string, error) {
			fmt.Fprint(e.stderr, p)
			b, err := term.ReadPassword(fd)
			fmt.Fprintln(e.stderr)
			return string(b), err
		}
		p, err := ask(prompt)
		if err != nil || !twice {
			return p, err
		}
		again, err := ask("Type it again: ")
		if err != nil {
			return "", err
		}
		if again != p {
			return "", fmt.Errorf("the two passphrases differ; nothing was made")
		}
		return p, nil
	}
}

// inviteDetails is invite's usage: it suggests naming the file with the
// invitation's own extension, which the installers associate with
// Fairdesk, so that a double-click opens Join an event with it.
const inviteDetails = "The invitation carries only the keys of its role. Tell the passphrase separately.\n" +
	"The passphrase is asked for on the terminal, or read from --passphrase-file.\n" +
	"Name the file NAME" + sync.InvitationExt + ": where Fairdesk is installed, opening it starts Join an event with it.\n" +
	"Join with: fairctl join --folder DIR --invite FILE."

func inviteCommand(fs *flag.FlagSet) runFunc {
	where := placeFlags(fs)
	role := fs.String("role", "", "the new laptop's role: organiser or booth")
	booth := fs.String("booth", "", "with --role booth, the booth's `CODE`")
	name := fs.String("name", "", "a name for the new laptop, shown in the list of laptops")
	out := fs.String("o", "", "write the invitation to `FILE` (e.g. laptop-2"+sync.InvitationExt+")")
	passphrase := passphraseFlag(fs)
	return func(ctx context.Context, e *env, args []string) error {
		pl, err := placeOnly(ctx, e, where, args)
		if err != nil {
			return err
		}
		if *out == "" {
			return misusef("say where to write the invitation with -o FILE")
		}
		var r data.LaptopRole
		switch *role {
		case "organiser":
			r = data.LaptopOrganiser
		case "booth":
			if *booth == "" {
				return misusef("--role booth needs --booth CODE")
			}
			b, err := e.store.BoothByCode(ctx, *booth)
			if err != nil {
				return err
			}
			r = data.BoothLaptop(b.ID)
		default:
			return misusef("--role is organiser or booth")
		}
		p, err := passphrase(e, "Passphrase for the invitation (tell it to the person separately): ", true)
		if err != nil {
			return err
		}
		file, code, err := sync.Invite(ctx, e.store, pl.folder, r, *name, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, file, 0o600); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote the invitation to %s; the same as a code to paste:\n%s\n", *out, code)
		return nil
	}
}

func joinCommand(fs *flag.FlagSet) runFunc {
	where := placeFlags(fs)
	invite := fs.String("invite", "", "the invitation `FILE` (or a file holding its code)")
	passphrase := passphraseFlag(fs)
	return func(ctx context.Context, e *env, args []string) error {
		pl, err := placeOnly(ctx, e, where, args)
		if err != nil {
			return err
		}
		if *invite == "" {
			return misusef("joining needs the invitation an organiser made: --invite FILE")
		}
		b, err := os.ReadFile(*invite)
		if err != nil {
			return err
		}
		p, err := passphrase(e, "Passphrase of the invitation: ", false)
		if err != nil {
			return err
		}
		inv, err := sync.OpenInvitation(b, p)
		if err != nil {
			return err
		}
		return runJoin(ctx, e, pl, inv)
	}
}

func laptopsCommand(fs *flag.FlagSet) runFunc {
	where := placeFlags(fs)
	return func(ctx context.Context, e *env, args []string) error {
		pl, err := placeOnly(ctx, e, where, args)
		if err != nil {
			return err
		}
		return runLaptops(ctx, e, pl)
	}
}

func runLaptops(ctx context.Context, e *env, pl place) error {
	list, err := sync.Laptops(ctx, e.store, pl.folder)
	if err != nil {
		return err
	}
	booths, err := e.store.Booths(ctx)
	if err != nil {
		return err
	}
	codes := map[string]string{}
	for _, b := range booths {
		codes[b.ID] = b.Code
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	for _, l := range list {
		// A booth's staff are named by the booth's code, as at the event.
		role := string(l.Role)
		if b := l.Role.Booth(); b != "" && codes[b] != "" {
			role = "booth " + codes[b]
		}
		last := "never"
		if !l.LastSync.IsZero() {
			last = l.LastSync.Local().Format("2006-01-02 15:04:05")
		}
		state := ""
		if l.Removed {
			state = " (removed)"
		}
		if l.This {
			state += " (this laptop)"
		}
		fmt.Fprintf(w, "%s  %-20s %-12s last sync %s%s\n", l.ID, l.Name, role, last, state)
	}
	return nil
}

func removeLaptopCommand(fs *flag.FlagSet) runFunc {
	where := placeFlags(fs)
	return func(ctx context.Context, e *env, args []string) error {
		if len(args) != 1 {
			return misusef("say which laptop: fairctl remove-laptop ID (fairctl laptops lists them)")
		}
		pl, err := where(ctx, e)
		if err != nil {
			return err
		}
		if err := sync.RemoveLaptop(ctx, e.store, pl.folder, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed laptop %s; new keys went to the other laptops, and it cannot read anything written from now on\n", args[0])
		return nil
	}
}
