package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/networking"
	"github.com/fairdesk/fairdesk/data/printouts"
	"github.com/fairdesk/fairdesk/data/sheets"
)

const networkingDetails = `SESSION is the session's title (any case) or id. The people taking part
are those signed up for it (--checked-in: only those of them checked in now);
when no one is, the job seekers, mentors and recruiters checked in now.
Hosts (mentors, recruiters, exhibitor staff) are spread one or more a table,
apart from others of their sector; no two people share a table twice. When
the numbers cannot seat everyone every round, some sit a round out, and a
warning says so. -o FILE.csv writes round, table, person, role, organisation
and badge; -o FILE.pdf a page per round and an index of who sits where.`

func networkingCommand(fs *flag.FlagSet) runFunc {
	tables := fs.Int("tables", 0, "`N` tables to seat people at")
	rounds := fs.Int("rounds", 0, "`R` rounds to plan")
	out := fs.String("o", "", "write the plan to `FILE`.csv or FILE.pdf")
	checkedIn := fs.Bool("checked-in", false, "only the people checked in now")
	paper := fs.String("paper", "A4", "for a PDF, the paper size, `A4|Letter`")
	font := fs.String("font", "", "for a PDF, a TrueType `FILE` with Japanese glyphs (default: IPA Gothic if installed)")
	return func(ctx context.Context, e *env, args []string) error {
		if len(args) != 1 {
			return misusef("name one networking session, by title or id")
		}
		if *tables < 1 || *rounds < 1 {
			return misusef("say how many tables and rounds, e.g. --tables 10 --rounds 5")
		}
		ext := strings.ToLower(filepath.Ext(*out))
		if ext != ".csv" && ext != ".pdf" {
			return misusef("-o names the file to write, ending in .csv or .pdf")
		}
		session, err := sessionNamed(ctx, e.store, args[0])
		if err != nil {
			return err
		}
		people, signedUp, err := e.store.NetworkingParticipants(ctx, session.ID, *checkedIn)
		if err != nil {
			return err
		}
		switch {
		case len(people) < 2 && signedUp:
			return fmt.Errorf("session %s has %d people signed up and checked in: a table plan needs two or more", session.ID, len(people))
		case len(people) < 2:
			return fmt.Errorf("no one is signed up for session %s and %d job seekers, mentors or recruiters are checked in: a table plan needs two or more",
				session.ID, len(people))
		case !signedUp:
			fmt.Fprintln(e.stderr, "no one is signed up for the session: planning for the job seekers, mentors and recruiters checked in now")
		}
		plan, err := networking.Make(networking.Participants(people), networking.Options{Tables: *tables, Rounds: *rounds})
		if err != nil {
			return err
		}
		event, _ := e.store.Event(ctx)
		var res printouts.Result
		err = writeFileAtomically(*out, func(w io.Writer) error {
			if ext == ".csv" {
				return sheets.WriteNetworkingPlan(w, plan, people)
			}
			res, err = printouts.NetworkingPlan(w, event, session.Session, plan, people, printouts.Options{Paper: *paper, FontPath: *font})
			return err
		})
		if err != nil {
			return err
		}
		for _, w := range plan.Warnings {
			fmt.Fprintln(e.stderr, "warning:", w)
		}
		for _, w := range res.Warnings {
			fmt.Fprintln(e.stderr, "warning:", w)
		}
		method := "by rotation"
		if !plan.Rotation {
			method = "by search"
		}
		fmt.Fprintf(e.stdout, "planned %d people at %d tables of %d to %d for %d rounds (%s) to %s\n",
			len(people), plan.Tables, plan.MinSize, plan.MaxSize, len(plan.Rounds), method, *out)
		return nil
	}
}

// sessionNamed finds a live session by id, or by title in any case when
// exactly one has it.
func sessionNamed(ctx context.Context, st *data.Store, key string) (data.SessionRow, error) {
	sessions, err := st.Sessions(ctx)
	if err != nil {
		return data.SessionRow{}, err
	}
	key = strings.TrimSpace(key)
	var found []data.SessionRow
	for _, s := range sessions {
		if s.ID == key {
			return s, nil
		}
		if strings.EqualFold(strings.TrimSpace(s.Title), key) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return data.SessionRow{}, errors.New("no session has that title or id; the Agenda screen or fairctl export sessions lists them")
	case 1:
		return found[0], nil
	}
	var ids []string
	for _, s := range found {
		ids = append(ids, s.ID)
	}
	return data.SessionRow{}, fmt.Errorf("%d sessions have that title: name one by id (%s)", len(found), strings.Join(ids, ", "))
}
