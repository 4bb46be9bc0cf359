package main

import (
	"context"
	"fmt"
	"io"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/sync"
)

// tellUnshared says, after a command that changed a shared event, how
// many changes wait to be shared and how to send them: fairctl writes
// only the local database, and a user who imported 300 people should
// not think the other laptops have them. It says nothing for an event
// that was never shared, or when nothing changed.
func tellUnshared(ctx context.Context, st *data.Store, before int64, command string, w io.Writer) {
	if command == "sync" || st.LastSeq() == before || sync.RememberedFolder(ctx, st) == "" {
		return
	}
	n := sync.Unsent(ctx, st)
	if n == 0 {
		return
	}
	noun := "changes wait"
	if n == 1 {
		noun = "change waits"
	}
	fmt.Fprintf(w, "%d %s to be shared with the other laptops; fairctl sync sends them.\n", n, noun)
}
