package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/gen2brain/beeep"

	"github.com/fairdesk/fairdesk/data/notify"
)

// runReminders prints what the app's scheduler would announce at an
// instant, one a line, sending nothing and marking nothing as sent.
func remindersCommand(fs *flag.FlagSet) runFunc {
	atText := fs.String("at", "", "the `TIME` to look from, RFC 3339, e.g. 2026-10-23T10:50:00+01:00")
	all := fs.Bool("all", false, "as an organiser following every session")
	boothCode := fs.String("booth", "", "as the staff of the booth with this `CODE`")
	lead := fs.Int("lead", 10, "reminder lead time in `MINUTES`: 5, 10, 15 or 30")
	me := fs.String("me", "", "as the person with this badge `CODE|EMAIL`: the sessions they speak at")
	return func(ctx context.Context, e *env, rest []string) error {
		if err := noArgs(rest); err != nil {
			return err
		}
		if *atText == "" {
			return misusef("say when with --at TIME, e.g. --at 2026-10-23T10:50:00+01:00")
		}
		at, err := time.Parse(time.RFC3339, *atText)
		if err != nil {
			return misusef("--at %q: give an RFC 3339 time such as 2026-10-23T10:50:00+01:00", *atText)
		}
		o := notify.Options{Lead: time.Duration(*lead) * time.Minute, AllSessions: *all, Organiser: *all}
		if *boothCode != "" {
			b, err := e.store.BoothByCode(ctx, *boothCode)
			if err != nil {
				return fmt.Errorf("%w; fairctl export booths lists the booth codes", err)
			}
			o.Booth, o.BoothCode = b.ID, b.Code
		}
		if *me != "" {
			p, err := e.store.FindPerson(ctx, *me)
			if err != nil {
				return err
			}
			o.Me = p.ID
		}
		drafts, err := notify.Due(ctx, e.store, at, time.Time{}, o)
		if err != nil {
			return err
		}
		for _, d := range drafts {
			fmt.Fprintln(e.stdout, notify.Line(d))
		}
		return nil
	}
}

// runNotifyTest sends one real desktop notification.
func runNotifyTest(ctx context.Context, e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	beeep.AppName = "Fairdesk"
	if err := beeep.Notify("Fairdesk test notification", "If you can read this, desktop notifications work.", ""); err != nil {
		return fmt.Errorf("the desktop did not accept the notification: %v", err)
	}
	fmt.Fprintln(e.stdout, "the desktop accepted the notification")
	return nil
}
