package sync

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/fairdesk/fairdesk/data"
)

// organiserKeys are this laptop's keys when it shares its event: the ones
// it holds, or new ones (the first organiser of an event makes them).
func organiserKeys(ctx context.Context, st Replica, ev data.Event) (*keyring, error) {
	k, err := loadKeyring(ctx, st)
	switch {
	case err == nil && k.Event == ev.ID:
		if !k.Role.IsOrganiser() {
			return nil, fmt.Errorf("only an organiser's laptop shares the event")
		}
		return k, nil
	case err != nil && !errors.Is(err, errNoKeys):
		return nil, err
	}
	if role, err := st.LocalRole(ctx); err != nil || !role.IsOrganiser() {
		return nil, fmt.Errorf("only an organiser's laptop shares the event")
	}
	id := newIdentity()
	k = &keyring{Event: ev.ID, Role: data.LaptopOrganiser, Member: id.Member, Sign: id.Sign, Age: id.Age.String(), Epochs: []epochKeys{newEpoch(1)}}
	return k, saveKeyring(ctx, st, k)
}

// Share writes this laptop's event into an empty folder (or one that
// already holds it) and syncs: the keys (made now if this laptop has none),
// the list of laptops, the event file and a snapshot for others to join
// from, then this laptop's batches. The folder is remembered.
func Share(ctx context.Context, st Replica, dir string) (Report, error) {
	if _, err := st.Event(ctx); err != nil {
		return Report{}, fmt.Errorf("share: this database has no event yet")
	}
	if _, err := os.Stat(dir); err != nil {
		return Report{}, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	return ShareIn(ctx, st, Dir{Root: dir}, absolute(dir))
}

// ShareIn is Share into any Folder; where names it for messages and is
// what this laptop remembers (a folder's path, a bucket's s3:// address).
func ShareIn(ctx context.Context, st Replica, folder Folder, where string) (Report, error) {
	dir := where
	e := &Engine{Store: st, Folder: folder}
	ev, err := st.Event(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("share: this database has no event yet")
	}
	if c, ok := folder.(interface{ CheckConditionalWrites(context.Context) error }); ok {
		if err := c.CheckConditionalWrites(ctx); err != nil {
			if errors.Is(err, ErrNoConditionalWrites) {
				return Report{}, fmt.Errorf("share: %w", err)
			}
			return Report{}, fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
	}
	k, err := organiserKeys(ctx, st, ev)
	if err != nil {
		return Report{}, err
	}
	m, err := readEventFile(ctx, e.Folder, k)
	switch {
	case errors.Is(err, errOldFormat):
		return Report{}, fmt.Errorf("the folder %s holds an event in the unencrypted format of an older Fairdesk; share into a new, empty folder", dir)
	case errors.Is(err, errNoEvent):
	case err != nil:
		return Report{}, fmt.Errorf("the folder %s already holds another event (%v); choose an empty folder", dir, err)
	case m.Event != ev.ID:
		return Report{}, fmt.Errorf("the folder %s already holds another event (%q); choose an empty folder", dir, m.Name)
	default:
		// Shared before: carry on syncing with it.
		if err := remember(ctx, st, dir); err != nil {
			return Report{}, err
		}
		return e.Sync(ctx)
	}
	if names, _ := e.Folder.List(ctx, ""); slices.ContainsFunc(names, func(n string) bool { return n == devicesDir || n == rosterDir }) {
		return Report{}, fmt.Errorf("the folder %s already holds another event; choose an empty folder", dir)
	}
	// A new folder: everything so far goes in the snapshot, and batches
	// carry only what changes after it.
	e.keys = k
	e.roster = roster{k.Member: {ID: k.Member, Role: data.LaptopOrganiser, Name: laptopLabel(st.LaptopName(), st.DeviceID()),
		SignPub: k.signer().Public().(ed25519.PublicKey), AgeTo: mustAgeRecipient(k.Age)}}
	if err := writeRoster(ctx, e.Folder, k, e.roster); err != nil {
		return Report{}, err
	}
	_, last, _, err := e.state(ctx)
	if err != nil {
		return Report{}, err
	}
	upTo, localRows := st.LocalProgress()
	if err := e.saveSent(ctx, upTo, last, localRows); err != nil {
		return Report{}, err
	}
	if _, err := e.writeSnapshot(ctx, ev); err != nil {
		return Report{}, err
	}
	if err := writeEventFile(ctx, e.Folder, k, ev); err != nil {
		return Report{}, err
	}
	if err := remember(ctx, st, dir); err != nil {
		return Report{}, err
	}
	return e.Sync(ctx)
}

// Join fills the empty database at path from the event in dir, as the
// laptop the invitation makes: the parts of the newest snapshot its role's
// keys open (a booth laptop never receives the organisers' part), merged
// through the same checks as any batch, then the batches written after
// it. It returns the opened store. A wrong invitation changes nothing.
func Join(ctx context.Context, path, dir string, inv Invitation) (*data.Store, Report, error) {
	return JoinFrom(ctx, path, Dir{Root: dir}, absolute(dir), inv)
}

// JoinFrom is Join from any Folder, remembered as where.
func JoinFrom(ctx context.Context, path string, folder Folder, where string, inv Invitation) (*data.Store, Report, error) {
	dir := where
	if inv.inv.Event == "" {
		return nil, Report{}, fmt.Errorf("joining an event needs an invitation from one of its organisers (fairctl join --folder DIR --invite FILE)")
	}
	k := inv.keyring()
	e := &Engine{Folder: folder, keys: k}
	m, err := readEventFile(ctx, e.Folder, k)
	switch {
	case errors.Is(err, errOldFormat), errors.Is(err, ErrUnreachable):
		return nil, Report{}, fmt.Errorf("the folder %s: %w", dir, err)
	case errors.Is(err, errNoEvent):
		return nil, Report{}, fmt.Errorf("the folder %s holds no Fairdesk event; ask the organiser which folder to join", dir)
	case err != nil || m.Event != k.Event:
		return nil, Report{}, fmt.Errorf("this invitation is for another event than the one in %s (or the folder's event file is damaged); nothing was changed", dir)
	}
	if e.roster, err = readRoster(ctx, e.Folder, k, false); err != nil {
		return nil, Report{}, err
	}
	if me, ok := e.roster[k.Member]; !ok || me.Removed {
		return nil, Report{}, fmt.Errorf("the laptop this invitation is for is not, or no longer, in the event's list of laptops; ask the organiser for a new invitation")
	}
	list, err := e.snapshots(ctx, "")
	// A booth laptop's snapshot holds only what it wrote (OwnSnapshotFor):
	// a laptop starts from an organiser's, which holds the whole event.
	list = slices.DeleteFunc(list, func(m snapshotManifest) bool { return m.Event != k.Event || !m.writer.Role.IsOrganiser() })
	if err != nil || len(list) == 0 {
		return nil, Report{}, fmt.Errorf("the folder %s has no snapshot to start from yet; the laptop that shared it must sync once", dir)
	}
	slices.SortFunc(list, func(a, b snapshotManifest) int { return b.Written.Compare(a.Written) })
	var r Report
	var rows []data.RowChange
	var from snapshotManifest
	var first error
	for _, m := range list {
		rows, err = e.snapshotRows(ctx, m, &r)
		if err == nil {
			from, first = m, nil
			break
		}
		if first == nil {
			first = err
		}
		r.Problems = append(r.Problems, fmt.Sprintf("did not start from snapshot %d of %s: %v", m.Seq, m.Laptop, err))
	}
	if first != nil {
		return nil, r, fmt.Errorf("join from %s: %w; ask the laptop that shared the event to sync again", dir, first)
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		return nil, r, err
	}
	fail := func(err error) (*data.Store, Report, error) {
		st.Close()
		return nil, r, err
	}
	if empty, err := st.IsEmpty(ctx); err != nil {
		return fail(err)
	} else if !empty {
		return fail(fmt.Errorf("%s already holds an event; join into a new database (fairctl --db NEW.db join)", path))
	}
	if err := st.SetLocalRole(ctx, k.Role); err != nil {
		return fail(err)
	}
	if err := saveKeyring(ctx, st, k); err != nil {
		return fail(err)
	}
	included := append(from.Checkpoints, data.Checkpoint{Device: from.Device, Name: from.Laptop, Seq: from.Seq, HLC: from.HLC})
	if _, err := st.FillFromRows(ctx, data.Origin{Device: from.Device, Name: from.Laptop, Seq: from.Seq, Role: from.writer.Role}, rows, included); err != nil {
		return fail(fmt.Errorf("join from %s: %w", dir, err))
	}
	if ev, err := st.Event(ctx); err != nil || ev.ID != k.Event {
		return fail(fmt.Errorf("join from %s: the snapshot holds another event than the folder; ask the organiser to share the event again", dir))
	}
	e.Store = st
	upTo, localRows := st.LocalProgress()
	err = e.saveSent(ctx, upTo, 0, localRows)
	if err == nil {
		err = remember(ctx, st, dir)
	}
	if err != nil {
		return fail(err)
	}
	rest, err := e.Sync(ctx)
	rest.BytesRead += r.BytesRead
	rest.Problems = append(r.Problems, rest.Problems...)
	return st, rest, err
}
