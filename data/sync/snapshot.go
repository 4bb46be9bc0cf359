package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
var compactAfter int64 = 200

// tempBeside makes an empty temporary file name beside the database,
// with a prefix a start-up recognises (data.SnapshotTempPrefix), never in
// the system's temporary folder: a killed join leaves nothing behind
// where nobody looks.
func tempBeside(dbPath, kind string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(dbPath), data.SnapshotTempPrefix+kind+"-*.db")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name)
}

// writeSnapshot copies the synced tables into the folder as of the
// laptop's last batch. Call it right after a push, with nothing left unsent.
func (e *Engine) writeSnapshot(ctx context.Context, ev data.Event) (snapshotManifest, error) {
	_, last, _, err := e.state(ctx)
	if err != nil {
		return snapshotManifest{}, err
	}
	file, err := tempBeside(e.Store.Path(), "share")
	if err != nil {
		return snapshotManifest{}, err
	}
	defer os.Remove(file)
	if err := e.Store.SharedSnapshot(ctx, file); err != nil {
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

// maxCheckpoints bounds the laptops a manifest may list.
const maxCheckpoints = 5000

// decodeManifest reads the manifest found at snapshots/<device>-<seq>.json
// and checks that every name in it has the form Fairdesk writes and that
// it names the snapshot it was found under: a manifest saying
// "device": "../../elsewhere" is refused before any path is made from it.
func decodeManifest(b []byte, device string, seq int64) (snapshotManifest, error) {
	var m snapshotManifest
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("snapshot manifest: %v", err)
	}
	switch {
	case m.Format != 1:
		return m, fmt.Errorf("snapshot manifest of format %d, not one this Fairdesk reads", m.Format)
	case !validDevice(m.Device) || m.Seq < 0 || m.Seq > maxSeq:
		return m, fmt.Errorf("snapshot manifest with a device id or number Fairdesk does not write")
	case m.Device != device || m.Seq != seq:
		return m, fmt.Errorf("snapshot manifest that names another snapshot than the one it is filed as")
	case len(m.SHA256) != 64 || strings.Trim(m.SHA256, "0123456789abcdef") != "":
		return m, fmt.Errorf("snapshot manifest without a proper checksum")
	case m.Event == "" || len(m.Event) > 64:
		return m, fmt.Errorf("snapshot manifest without a proper event id")
	case len(m.Checkpoints) > maxCheckpoints:
		return m, fmt.Errorf("snapshot manifest listing %d laptops", len(m.Checkpoints))
	}
	seen := map[string]bool{m.Device: true}
	for _, c := range m.Checkpoints {
		if !validDevice(c.Device) || c.Seq < 0 || c.Seq > maxSeq || seen[c.Device] {
			return m, fmt.Errorf("snapshot manifest with a checkpoint Fairdesk does not write")
		}
		seen[c.Device] = true
	}
	m.Laptop = laptopLabel(m.Laptop, m.Device)
	for i := range m.Checkpoints {
		m.Checkpoints[i].Name = laptopLabel(m.Checkpoints[i].Name, m.Checkpoints[i].Device)
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
		dev, seq, ext, ok := parseSnapshotName(n)
		if !ok || ext != ".json" || (device != "" && dev != device) {
			continue
		}
		b, err := readFile(ctx, e.Folder, snapshotsDir+"/"+n, maxManifest)
		if err != nil {
			continue
		}
		if m, err := decodeManifest(b, dev, seq); err == nil {
			list = append(list, m)
		}
	}
	return list, nil
}

// fetchSnapshot copies a snapshot's database to a temporary file beside
// the database at dbPath, checking its size while it streams and its
// checksum against its manifest. The caller removes the file.
func (e *Engine) fetchSnapshot(ctx context.Context, m snapshotManifest, dbPath string, r *Report) (string, error) {
	rc, size, err := e.Folder.Open(ctx, snapshotName(m.Device, m.Seq)+".db")
	if err != nil {
		return "", err
	}
	defer rc.Close()
	if size > maxSnapshot {
		return "", fmt.Errorf("snapshot %d of %s is %d bytes, more than the %d a snapshot may be", m.Seq, m.Laptop, size, int64(maxSnapshot))
	}
	file, err := tempBeside(dbPath, "join")
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(rc, maxSnapshot+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	r.BytesRead += n
	if err == nil && n > maxSnapshot {
		err = fmt.Errorf("snapshot %d of %s is more than the %d bytes a snapshot may be", m.Seq, m.Laptop, int64(maxSnapshot))
	}
	if err == nil && hex.EncodeToString(h.Sum(nil)) != m.SHA256 {
		err = fmt.Errorf("snapshot %d of %s failed its checksum", m.Seq, m.Laptop)
	}
	if err != nil {
		os.Remove(file)
		return "", err
	}
	return file, nil
}

// openSnapshot fetches a snapshot and opens it to read rows out of, after
// checking its schema is exactly ours (data.OpenForeignSnapshot).
func (e *Engine) openSnapshot(ctx context.Context, m snapshotManifest, dbPath string, r *Report) (*data.ForeignSnapshot, func(), error) {
	file, err := e.fetchSnapshot(ctx, m, dbPath, r)
	if err != nil {
		return nil, nil, err
	}
	snap, err := data.OpenForeignSnapshot(ctx, file)
	if err != nil {
		os.Remove(file)
		return nil, nil, fmt.Errorf("snapshot %d of %s refused: %w", m.Seq, m.Laptop, err)
	}
	return snap, func() { snap.Close(); os.Remove(file) }, nil
}

// errHeld stops a stream at a snapshot held back for its clock.
var errHeld = errors.New("its snapshot is held back for its clock")

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
	snap, done, err := e.openSnapshot(ctx, *best, e.Store.Path(), r)
	if err != nil {
		return applied, err
	}
	defer done()
	var rows []data.RowChange
	if err := snap.Changes(ctx, func(rc data.RowChange) error { rows = append(rows, rc); return nil }); err != nil {
		return applied, err
	}
	accepted, err := e.Store.AcceptedHeld(ctx, dev)
	if err != nil {
		return applied, err
	}
	if held, err := e.holdIfAhead(ctx, dev, best.Laptop, best.Seq, rows, accepted, r); err != nil {
		return applied, err
	} else if held {
		return applied, errHeld
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
	me := e.Store.DeviceID()
	for _, m := range mine {
		if m.Seq == newest || m.Device != me {
			continue // the one before the new snapshot stays for laptops mid-read
		}
		e.Folder.Remove(ctx, snapshotName(me, m.Seq)+".json")
		e.Folder.Remove(ctx, snapshotName(me, m.Seq)+".db")
	}
	files, err := e.Folder.List(ctx, devicesDir+"/"+me)
	if err != nil {
		return true, err
	}
	_, copies := groupBatches(files)
	for s := int64(1); s <= newest; s++ {
		if err := e.Folder.Remove(ctx, batchName(me, s)); err != nil {
			return true, err
		}
		for _, n := range copies[s] {
			e.Folder.Remove(ctx, batchCopyName(me, s, n))
		}
	}
	published, err := e.published(ctx)
	if err != nil {
		return true, err
	}
	for s := range published {
		if s <= newest {
			delete(published, s)
		}
	}
	return true, e.savePublished(ctx, published)
}

// Share writes this laptop's event into an empty folder (or one that
// already holds it) and syncs: a snapshot for others to join from, then
// this laptop's batches. The folder is remembered.
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
	b, err := readFile(ctx, e.Folder, eventFile, maxManifest)
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

// Join fills the empty database at path from the event in dir: the rows
// of the newest snapshot, copied into a database our own migrations made
// (never the snapshot file itself), then the batches written after it. It
// returns the opened store. The snapshot is fetched to a temporary file
// beside path (data.SnapshotTempPrefix) and removed afterwards.
func Join(ctx context.Context, path, dir string) (*data.Store, Report, error) {
	return JoinFrom(ctx, path, Dir{Root: dir}, absolute(dir))
}

// JoinFrom is Join from any Folder, remembered as where.
func JoinFrom(ctx context.Context, path string, folder Folder, where string) (*data.Store, Report, error) {
	dir := where
	e := &Engine{Folder: folder}
	b, err := readFile(ctx, e.Folder, eventFile, maxManifest)
	if err != nil {
		return nil, Report{}, fmt.Errorf("the folder %s holds no Fairdesk event (%v); ask the organiser which folder to join", dir, err)
	}
	var marker eventMarker
	if err := json.Unmarshal(b, &marker); err != nil || marker.Event == "" {
		return nil, Report{}, fmt.Errorf("the folder %s has a damaged %s; ask the organiser to share the event again", dir, eventFile)
	}
	list, err := e.snapshots(ctx, "")
	list = slices.DeleteFunc(list, func(m snapshotManifest) bool { return m.Event != marker.Event })
	if err != nil || len(list) == 0 {
		return nil, Report{}, fmt.Errorf("the folder %s has no snapshot to start from yet; the laptop that shared it must sync once", dir)
	}
	// The newest first; one refused (damaged, or not made by Fairdesk)
	// is reported and the next one tried.
	slices.SortFunc(list, func(a, b snapshotManifest) int { return b.Written.Compare(a.Written) })
	st, err := data.Open(path, data.Options{})
	if err != nil {
		return nil, Report{}, err
	}
	fail := func(r Report, err error) (*data.Store, Report, error) {
		st.Close()
		return nil, r, err
	}
	if empty, err := st.IsEmpty(ctx); err != nil {
		return fail(Report{}, err)
	} else if !empty {
		return fail(Report{}, fmt.Errorf("%s already holds an event; join into a new database (fairctl --db NEW.db join)", path))
	}
	var r Report
	var first error
	for _, m := range list {
		snap, done, err := e.openSnapshot(ctx, m, path, &r)
		if err == nil {
			included := append(m.Checkpoints, data.Checkpoint{Device: m.Device, Name: m.Laptop, Seq: m.Seq, HLC: m.HLC})
			err = st.FillFromSnapshot(ctx, snap, included)
			done()
		}
		if err == nil {
			first = nil
			break
		}
		if ctx.Err() != nil {
			return fail(r, ctx.Err())
		}
		if first == nil {
			first = err
		}
		r.Problems = append(r.Problems, fmt.Sprintf("did not start from %v", err))
	}
	if first != nil {
		return fail(r, fmt.Errorf("join from %s: %w; ask the laptop that shared the event to sync again", dir, first))
	}
	if ev, err := st.Event(ctx); err != nil || ev.ID != marker.Event {
		return fail(r, fmt.Errorf("join from %s: the snapshot holds another event than the folder; ask the organiser to share the event again", dir))
	}
	e.Store = st
	upTo, localRows := st.LocalProgress()
	err = e.saveSent(ctx, upTo, 0, localRows)
	if err == nil {
		err = remember(ctx, st, dir)
	}
	if err != nil {
		return fail(r, err)
	}
	rest, err := e.Sync(ctx)
	rest.BytesRead += r.BytesRead
	rest.Problems = append(r.Problems, rest.Problems...)
	return st, rest, err
}
