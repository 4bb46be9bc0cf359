package sync

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/fairdesk/fairdesk/data"
)

// Erasure in the folder. Applying an erasure removes the person from the
// database (data.Store.ErasePerson), but the batches and snapshots that
// laptops wrote before it still hold them, sealed with keys every laptop
// of their audience has. So once an erasure has reached a laptop, that
// laptop writes its own files in the folder again from its database, which
// no longer holds the person: every batch of its still in the folder,
// under the same number, and its snapshot. Each laptop touches only its
// own files, as everywhere in the folder; the folder holds no readable
// copy of the person once every laptop that wrote about them has synced.
//
// Rewriting rather than giving each person a key of their own: the files
// stay sealed per audience as before, readers that have applied a batch
// never read it again, and readers that have not read the rewritten one,
// which is the same batch less the person. What the folder's own history
// keeps (Dropbox's or OneDrive's deleted-file versions, a bucket's object
// versions) is out of the program's reach: the README says to turn it
// off or shorten it for an event's folder.

// shredErased rewrites this laptop's files in the folder when erasures
// have arrived since it last did.
func (e *Engine) shredErased(ctx context.Context, ev data.Event, r *Report) error {
	erased, err := e.Store.Erased(ctx)
	if err != nil {
		return err
	}
	done, err := e.Store.LocalValue(ctx, keyShredded)
	if err != nil {
		return err
	}
	if n, _ := strconv.Atoi(done); n >= len(erased) {
		return nil
	}
	n, err := e.rewriteOwnFiles(ctx, ev)
	r.Rewritten += n
	if err != nil {
		return fmt.Errorf("write this laptop's files in the shared folder again without the erased people: %w", err)
	}
	return e.Store.SetLocalValues(ctx, map[string]string{keyShredded: strconv.Itoa(len(erased))})
}

// rewriteOwnFiles writes every batch of this laptop that is still in the
// folder again from the database, then replaces its snapshots by one of
// the database as it is now. It returns how many files it wrote.
func (e *Engine) rewriteOwnFiles(ctx context.Context, ev data.Event) (int, error) {
	_, last, _, err := e.state(ctx)
	if err != nil {
		return 0, err
	}
	me := e.Store.DeviceID()
	files, err := e.Folder.List(ctx, devicesDir+"/"+me)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	_, copies := groupBatches(files)
	list, err := e.published(ctx)
	if err != nil {
		return 0, err
	}
	written := 0
	for _, s := range slices.Sorted(maps.Keys(list)) {
		if _, there := copies[s]; !there || s > last {
			continue
		}
		// Copies beside the batch hold the person too; readers take the
		// newest copy first, so they go before the batch is written again.
		for _, n := range copies[s] {
			if n > 0 {
				e.Folder.Remove(ctx, batchCopyName(me, s, n))
			}
		}
		if err := e.rewriteBatch(ctx, ev, s, list); err != nil {
			return written, err
		}
		written++
	}
	mine, err := e.snapshots(ctx, me)
	if err != nil || len(mine) == 0 {
		return written, err
	}
	// The new snapshot may take the name of the newest old one: the old
	// ones go first. A laptop joining in between finds another laptop's
	// snapshot, or tries again.
	for _, m := range mine {
		e.removeSnapshot(ctx, m.Seq)
	}
	if _, err := e.writeSnapshot(ctx, ev); err != nil {
		return written, err
	}
	return written + 1, nil
}
