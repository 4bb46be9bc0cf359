package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/fairdesk/fairdesk/data/seed"
)

func seedCommand(fs *flag.FlagSet) runFunc {
	people := fs.Int("people", 200, "make `N` people")
	seedValue := fs.Uint64("seed", 1, "the same `S` makes the same data")
	return func(ctx context.Context, e *env, rest []string) error {
		if err := noArgs(rest); err != nil {
			return err
		}
		if *people < 0 {
			return misusef("--people %d: give a number of people, 0 or more", *people)
		}
		if err := seed.Generate(ctx, e.store, seed.Options{People: *people, Seed: *seedValue}); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		fmt.Fprintf(e.stdout, "added %d people to %s\n", *people, e.dbPath)
		return nil
	}
}
