package main

import (
	"context"
	"fmt"

	"github.com/fairdesk/fairdesk/data/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if err := demo.Load(ctx, e.store); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %q into %s\n", demo.EventName, e.dbPath)
	return nil
}
