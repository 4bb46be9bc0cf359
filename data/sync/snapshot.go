package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// A snapshot is a whole database as one laptop had it, with a manifest
// naming the batches it includes. A late joiner starts from one and reads
// only the batches after it; it also lets a laptop remove its old batches.
type snapshotManifest struct {
	Format      int               `json:"format"`
	Event       string            `json:"event"`
	Device      string            `json:"device"`
	Laptop      string            `json:"laptop"`
	Seq         int64             `json:"seq"` // the device's last batch included
	HLC         data.HLC          `json:"hlc"`
	Checkpoints []data.Checkpoint `json:"checkpoints"`
	SHA256      string            `json:"sha256"`
	Written     time.Time         `json:"written"`
}

func snapshotName(device string, seq int64) string {
	return fmt.Sprintf("%s/%s-%010d", snapshotsDir, device, seq)
}

// compactAfter is how many batches a laptop writes before it folds them
// into a new snapshot and removes the ones an older snapshot holds.
const compactAfter = 200

// writeSnapshot copies the database into the folder as of the laptop's
// last batch. Call it right after a push, with nothing left unsent.
func (e *Engine) writeSnapshot(ctx context.Context, ev data.Event) (snapshotManifest, error) {
	_, last, _, err := e.state(ctx)
	if err != nil {
		return snapshotManifest{}, err
	}
	tmp, err := os.MkdirTemp("", "fairdesk-share-")
	if err != nil {
		return snapshotManifest{}, err
	}
	defer os.RemoveAll(tmp)
	file := tmp + "/snapshot.db"
	if err := e.Store.Snapshot(ctx, file); err != nil {
		return snapshotManifest{}, err
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return snapshotManifest{}, err
	}
	cps, err := e.Store.Checkpoints(ctx)
	if err != nil {
		return snapshotManifest{}, err
	}
	seen, _ := e.Store.SeenVector(ctx)
	m := snapshotManifest{Format: 1, Event: ev.ID, Device: e.Store.DeviceID(), Laptop: e.Store.LaptopName(), Seq: last,
		HLC: seen[e.Store.DeviceID()], Checkpoints: cps, SHA256: sum(b), Written: e.Store.Now().UTC()}
	name := snapshotName(m.Device, last)
	if err := e.Folder.Create(ctx, name+".db", b); err != nil && !errors.Is(err, ErrExists) {
		return m, fmt.Errorf("%w: write snapshot: %v", ErrUnreachable, err)
	}
	mb, _ := json.MarshalIndent(m, "", "  ")
	if err := e.Folder.Create(ctx, name+".json", mb); err != nil && !errors.Is(err, ErrExists) {
		return m, fmt.Errorf("%w: write snapshot: %v", ErrUnreachable, err)
	}
	return m, nil
}

// snapshots lists the complete snapshots in the folder, of one device or all.
func (e *Engine) snapshots(ctx context.Context, device string) ([]snapshotManifest, error) {
	names, err := e.Folder.List(ctx, snapshotsDir)
	if err != nil {
		return nil, err
	}
	var list []snapshotManifest
	for _, n := range names {
		if !strings.HasSuffix(n, ".json") || (device != "" && !strings.HasPrefix(n, device+"-")) {
			continue
		}
		b, err := e.Folder.Read(ctx, snapshotsDir+"/"+n)
		if err != nil {
			continue
		}
		var m snapshotManifest
		if json.Unmarshal(b, &m) == nil && m.Format == 1 {
			list = append(list, m)
		}
	}
	return list, nil
}

// fetchSnapshot copies a snapshot's database to a local temporary file,
// checking it against its manifest. The caller removes the file.
func (e *Engine) fetchSnapshot(ctx context.Context, m snapshotManifest, r *Report) (string, error) {
	b, err := e.Folder.Read(ctx, snapshotName(m.Device, m.Seq)+".db")
	if err != nil {
		return "", err
	}
	r.BytesRead += int64(len(b))
	if sum(b) != m.SHA256 {
		return "", fmt.Errorf("snapshot %d of %s failed its checksum", m.Seq, m.Laptop)
	}
	return writeTemp(b)
}

// catchUpFromSnapshot merges a device's snapshot when the batches this
// laptop still needs from it were folded into that snapshot and removed.
func (e *Engine) catchUpFromSnapshot(ctx context.Context, dev string, applied, firstAvailable int64, r *Report) (int64, error) {
	list, err := e.snapshots(ctx, dev)
	if err != nil {
		return applied, err
	}
	var best *snapshotManifest
	for i, m := range list {
		if m.Seq >= firstAvailable-1 && (best == nil || m.Seq < best.Seq) {
			best = &list[i]
		}
	}
	if best == nil {
		return applied, fmt.Errorf("no snapshot covers them yet")
	}
	file, err := e.fetchSnapshot(ctx, *best, r)
	if err != nil {
		return applied, err
	}
	defer os.Remove(file)
	var rows []data.RowChange
	if err := data.SnapshotChanges(ctx, file, func(rc data.RowChange) error { rows = append(rows, rc); return nil }); err != nil {
		return applied, err
	}
	i := 0
	stats, err := e.Store.ApplyRemote(ctx, data.Origin{Device: dev, Name: best.Laptop, Seq: best.Seq}, func() (data.RowChange, bool, error) {
		if i == len(rows) {
			return data.RowChange{}, false, nil
		}
		i++
		return rows[i-1], true, nil
	})
	if err != nil {
		return applied, err
	}
	r.Received += stats.Rows
	r.Conflicts += stats.Conflicts
	return best.Seq, nil
}

// Compact folds this laptop's batches into a new snapshot once it has
// written many, and removes the batches and snapshot that an older
// snapshot already held, so the folder stays small after a long event.
// Laptops that still needed the removed batches read the snapshot instead.
func (e *Engine) Compact(ctx context.Context) (bool, error) {
	ev, err := e.checkEvent(ctx)
	if err != nil {
		return false, err
	}
	var r Report
	if err := e.push(ctx, ev, &r, true); err != nil {
		return false, err
	}
	_, last, _, err := e.state(ctx)
	if err != nil {
		return false, err
	}
	mine, err := e.snapshots(ctx, e.Store.DeviceID())
	if err != nil {
		return false, err
	}
	var newest int64
	for _, m := range mine {
		newest = max(newest, m.Seq)
	}
	if last-newest < compactAfter {
		return false, nil
	}
	if _, err := e.writeSnapshot(ctx, ev); err != nil {
		return false, err
	}
	for _, m := range mine {
		if m.Seq == newest {
			continue // the one before the new snapshot stays for laptops mid-read
		}
		e.Folder.Remove(ctx, snapshotName(m.Device, m.Seq)+".json")
		e.Folder.Remove(ctx, snapshotName(m.Device, m.Seq)+".db")
	}
	for s := int64(1); s <= newest; s++ {
		if err := e.Folder.Remove(ctx, batchName(e.Store.DeviceID(), s)); err != nil {
			return true, err
		}
	}
	return true, nil
}

// Share writes this laptop's event into an empty folder (or one that
// already holds it) and syncs: a snapshot for others to join from, then
// this laptop's batches. The folder is remembered.
func Share(ctx context.Context, st *data.Store, dir string) (Report, error) {
	e := &Engine{Store: st, Folder: Dir{Root: dir}}
	ev, err := st.Event(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("share: this database has no event yet")
	}
	if _, err := os.Stat(dir); err != nil {
		return Report{}, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	b, err := e.Folder.Read(ctx, eventFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return Report{}, fmt.Errorf("%w: %v", ErrUnreachable, err)
	default:
		var m eventMarker
		if json.Unmarshal(b, &m) != nil || m.Event != ev.ID {
			return Report{}, fmt.Errorf("the folder %s already holds another event (%q); choose an empty folder", dir, m.Name)
		}
		// Shared before: carry on syncing with it.
		if err := remember(ctx, st, dir); err != nil {
			return Report{}, err
		}
		return e.Sync(ctx)
	}
	// A new folder: everything so far goes in the snapshot, and batches
	// carry only what changes after it.
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
	mb, _ := json.MarshalIndent(eventMarker{Format: 1, Event: ev.ID, Name: ev.Name}, "", "  ")
	if err := e.Folder.Create(ctx, eventFile, mb); err != nil {
		return Report{}, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	if err := remember(ctx, st, dir); err != nil {
		return Report{}, err
	}
	return e.Sync(ctx)
}

// Join fills the empty database at path from the event in dir: the newest
// snapshot, then the batches written after it. It returns the opened store.
func Join(ctx context.Context, path, dir string) (*data.Store, Report, error) {
	e := &Engine{Folder: Dir{Root: dir}}
	if _, err := e.Folder.Read(ctx, eventFile); err != nil {
		return nil, Report{}, fmt.Errorf("the folder %s holds no Fairdesk event (%v); ask the organiser which folder to join", dir, err)
	}
	if st, err := data.Open(path, data.Options{}); err != nil {
		return nil, Report{}, err
	} else {
		empty, err := st.IsEmpty(ctx)
		st.Close()
		if err != nil {
			return nil, Report{}, err
		}
		if !empty {
			return nil, Report{}, fmt.Errorf("%s already holds an event; join into a new database (fairctl --db NEW.db join)", path)
		}
	}
	list, err := e.snapshots(ctx, "")
	if err != nil || len(list) == 0 {
		return nil, Report{}, fmt.Errorf("the folder %s has no snapshot to start from yet; the laptop that shared it must sync once", dir)
	}
	best := list[0]
	for _, m := range list[1:] {
		if m.Written.After(best.Written) {
			best = m
		}
	}
	var r Report
	file, err := e.fetchSnapshot(ctx, best, &r)
	if err != nil {
		return nil, r, err
	}
	defer os.Remove(file)
	if err := data.CopyFile(file, path); err != nil {
		return nil, r, err
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		return nil, r, err
	}
	e.Store = st
	included := append(best.Checkpoints, data.Checkpoint{Device: best.Device, Name: best.Laptop, Seq: best.Seq, HLC: best.HLC})
	_, err = st.AdoptSnapshot(ctx, included)
	if err == nil {
		upTo, localRows := st.LocalProgress()
		err = e.saveSent(ctx, upTo, 0, localRows)
	}
	if err == nil {
		err = remember(ctx, st, dir)
	}
	if err != nil {
		st.Close()
		return nil, r, err
	}
	rest, err := e.Sync(ctx)
	rest.BytesRead += r.BytesRead
	return st, rest, err
}
