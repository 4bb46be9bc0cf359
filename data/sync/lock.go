package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// Two programs on one computer that sync the same database at once (the
// app and fairctl, or a second window) would both write the laptop's next
// batch, and the one the folder refused would take itself for a copy of
// another laptop and change its device id. So a program syncs, compacts
// or changes the keys only while it holds the lock on a file beside the
// database; another waits for it, and then has little left to do: the
// first sent this database's changes and took in the others'.

// lockWait is how long a program waits for another's sync.
const lockWait = 2 * time.Minute

// lockPoll is how often it looks whether the other has finished.
const lockPoll = 100 * time.Millisecond

// errSyncing is the lock held by another program.
var errSyncing = errors.New("held by another program")

// lockDatabase takes the lock on the database of st, waiting for another
// program that holds it, and returns what releases it.
func lockDatabase(ctx context.Context, st Replica) (func(), error) {
	path := st.Path() + "-sync"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock the database for syncing: %w", err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := lockFile(f)
		if err == nil {
			return func() { unlockFile(f); f.Close() }, nil
		}
		if !errors.Is(err, errSyncing) {
			f.Close()
			return nil, fmt.Errorf("lock the database for syncing: %w", err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another Fairdesk program on this computer has been syncing this event for over %v; try again when it has finished", lockWait)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}
