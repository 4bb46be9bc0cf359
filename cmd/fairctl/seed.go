package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/fairdesk/fairdesk/data/seed"
)

func runSeed(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	people := fs.Int("people", 200, "how many people to make")
	seedValue := fs.Uint64("seed", 1, "the same seed makes the same data")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *people < 0 {
		return misusef("usage: fairctl seed --people N --seed S")
	}
	if err := seed.Generate(ctx, e.store, seed.Options{People: *people, Seed: *seedValue}); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Fprintf(e.stdout, "added %d people to %s\n", *people, e.dbPath)
	return nil
}
