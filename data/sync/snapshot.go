package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// A snapshot is the whole event as one laptop had it, divided by
// audience: one sealed part per audience (everyone, organisers, each
// booth), named "<device>-<seq>-<tag>.fds" with the tag an HMAC under the
// audience's key, so that the names say nothing of booths, and a manifest
// "<device>-<seq>.fdm" under the everyone key naming the batches it
// includes. A laptop joining reads only the parts of its role's
// audiences: a booth laptop never receives the organisers' part. A late
// joiner starts from one and reads only the batches after it; it also
// lets a laptop remove its old batches.
type snapshotManifest struct {
	Format      int               `json:"format"`
	Event       string            `json:"event"`
	Device      string            `json:"device"`
	Laptop      string            `json:"laptop"`
	Seq         int64             `json:"seq"` // the device's last batch included
	HLC         data.HLC          `json:"hlc"`
	Checkpoints []data.Checkpoint `json:"checkpoints"`
	Parts       []string          `json:"parts"` // the tags of its parts
	Written     time.Time         `json:"written"`

	writer member // who signed it, from the roster
}

func snapshotName(device string, seq int64) string {
	return fmt.Sprintf("%s/%s-%010d", snapshotsDir, device, seq)
}

func snapshotPartName(device string, seq int64, tag string) string {
	return fmt.Sprintf("%s-%s.fds", snapshotName(device, seq), tag)
}

func partTag(key []byte, device string, seq int64) string {
	return opaqueTag(key, fmt.Sprintf("snapshot %s %d", device, seq))
}

// compactAfter is how many batches a laptop writes before it folds them
// into a new snapshot and removes the ones an older snapshot holds.
var compactAfter int64 = 200

// tempBeside makes an empty temporary file name beside the database,
// with a prefix a start-up recognises (data.SnapshotTempPrefix), never in
// the system's temporary folder.
func tempBeside(dbPath, kind string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(dbPath), data.SnapshotTempPrefix+kind+"-*.db")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name)
}

// snapshotAudiences are the audiences this laptop writes snapshot parts
// for: all of them on an organiser's laptop, else its own.
func (e *Engine) snapshotAudiences(ctx context.Context) ([]data.Audience, error) {
	if !e.keys.Role.IsOrganiser() {
		return []data.Audience{data.AudEveryone, data.Audience(e.keys.Role)}, nil
	}
	booths, err := e.Store.AllBoothIDs(ctx)
	if err != nil {
		return nil, err
	}
	list := []data.Audience{data.AudEveryone, data.AudOrganisers}
	for _, b := range booths {
		list = append(list, data.BoothAudience(b))
	}
	return list, nil
}

// writeSnapshot writes the event, part by audience, as of the laptop's
// last batch. Call it right after a push, with nothing left unsent.
func (e *Engine) writeSnapshot(ctx context.Context, ev data.Event) (snapshotManifest, error) {
	_, last, _, err := e.state(ctx)
	if err != nil {
		return snapshotManifest{}, err
	}
	me := e.Store.DeviceID()
	cps, err := e.Store.Checkpoints(ctx)
	if err != nil {
		return snapshotManifest{}, err
	}
	seen, _ := e.Store.SeenVector(ctx)
	m := snapshotManifest{Format: 2, Event: ev.ID, Device: me, Laptop: e.Store.LaptopName(), Seq: last,
		HLC: seen[me], Checkpoints: cps, Written: e.Store.Now().UTC()}
	auds, err := e.snapshotAudiences(ctx)
	if err != nil {
		return m, err
	}
	// A part's inner header carries number seq+1: the batch format's
	// numbers start at 1, and a snapshot may be of batch 0.
	inner := batchHeader{Event: ev.ID, Device: me, Laptop: m.Laptop, Seq: last + 1, Written: m.Written}
	for _, a := range auds {
		key := e.keys.keyFor(a)
		if key == nil {
			continue
		}
		var rows []data.RowChange
		add := func(rc data.RowChange) error { rows = append(rows, rc); return nil }
		read := e.Store.SnapshotFor
		if !e.keys.Role.IsOrganiser() {
			read = e.Store.OwnSnapshotFor
		}
		if err := read(ctx, a, add); err != nil {
			return m, err
		}
		plain, err := encodeBatch(inner, rows)
		if err != nil {
			return m, err
		}
		b, err := seal(sealHeader{Kind: "snapshot", Member: e.keys.Member, Device: me, Seq: last}, []plainSection{{key, plain}}, e.keys.signer())
		if err != nil {
			return m, err
		}
		tag := partTag(key, me, last)
		if err := e.Folder.Create(ctx, snapshotPartName(me, last, tag), b); err != nil && !errors.Is(err, ErrExists) {
			return m, fmt.Errorf("%w: write snapshot: %v", ErrUnreachable, err)
		}
		m.Parts = append(m.Parts, tag)
	}
	mb, _ := json.Marshal(m)
	b, err := seal(sealHeader{Kind: "manifest", Member: e.keys.Member, Device: me, Seq: last}, []plainSection{{e.keys.newest().Everyone, mb}}, e.keys.signer())
	if err != nil {
		return m, err
	}
	if err := e.Folder.Create(ctx, snapshotName(me, last)+".fdm", b); err != nil && !errors.Is(err, ErrExists) {
		return m, fmt.Errorf("%w: write snapshot: %v", ErrUnreachable, err)
	}
	e.noteSnapshot(ctx, last)
	return m, nil
}

// snapshotSeq is the batch this laptop's newest snapshot in the folder is
// as of, as last seen (0: none seen). It never exceeds the real one, so
// a compaction it says is not due is not.
func (e *Engine) snapshotSeq(ctx context.Context) int64 {
	v, _ := e.Store.LocalValue(ctx, keySnapshot)
	n, _ := strconv.ParseInt(v, 10, 64)
	return n
}

func (e *Engine) noteSnapshot(ctx context.Context, seq int64) {
	e.Store.SetLocalValues(ctx, map[string]string{keySnapshot: strconv.FormatInt(seq, 10)})
}

// maxCheckpoints bounds the laptops a manifest may list.
const maxCheckpoints = 5000

// decodeManifest checks a sealed manifest found at
// snapshots/<device>-<seq>.fdm: its writer and signature against the
// roster, its section against the everyone keys this laptop holds, and
// that every name in it has the form Fairdesk writes and names the
// snapshot it was found under.
func (e *Engine) decodeManifest(b []byte, device string, seq int64) (snapshotManifest, error) {
	var m snapshotManifest
	sf, err := openSealed(b, "manifest")
	if err != nil {
		return m, err
	}
	if sf.head.Device != device || sf.head.Seq != seq {
		return m, fmt.Errorf("snapshot manifest that names another snapshot than the one it is filed as")
	}
	w, err := e.roster.writerOf(sf, device, seq)
	if err != nil {
		return m, err
	}
	var plain []byte
	for i := len(e.keys.Epochs) - 1; i >= 0 && plain == nil; i-- {
		p, ok, err := sf.section(e.keys.Epochs[i].Everyone)
		if ok && err != nil {
			return m, err
		}
		plain = p
	}
	if plain == nil {
		return m, fmt.Errorf("snapshot manifest sealed with keys this laptop does not hold")
	}
	if err := json.Unmarshal(plain, &m); err != nil {
		return m, fmt.Errorf("snapshot manifest: %v", err)
	}
	switch {
	case m.Format != 2:
		return m, fmt.Errorf("snapshot manifest of format %d, not one this Fairdesk reads", m.Format)
	case !validDevice(m.Device) || m.Seq < 0 || m.Seq > maxSeq:
		return m, fmt.Errorf("snapshot manifest with a device id or number Fairdesk does not write")
	case m.Device != device || m.Seq != seq:
		return m, fmt.Errorf("snapshot manifest that names another snapshot than the one it is filed as")
	case m.Event == "" || len(m.Event) > 64:
		return m, fmt.Errorf("snapshot manifest without a proper event id")
	case len(m.Checkpoints) > maxCheckpoints || len(m.Parts) > maxSections:
		return m, fmt.Errorf("snapshot manifest listing %d laptops", len(m.Checkpoints))
	}
	seen := map[string]bool{m.Device: true}
	for _, c := range m.Checkpoints {
		if !validDevice(c.Device) || c.Seq < 0 || c.Seq > maxSeq || seen[c.Device] {
			return m, fmt.Errorf("snapshot manifest with a checkpoint Fairdesk does not write")
		}
		seen[c.Device] = true
	}
	m.writer = w
	m.Laptop = laptopLabel(w.Name, m.Device)
	for i := range m.Checkpoints {
		m.Checkpoints[i].Name = laptopLabel(m.Checkpoints[i].Name, m.Checkpoints[i].Device)
	}
	return m, nil
}

// snapshots lists the snapshots in the folder this laptop can read, of
// one device or all.
func (e *Engine) snapshots(ctx context.Context, device string) ([]snapshotManifest, error) {
	names, err := e.Folder.List(ctx, snapshotsDir)
	if err != nil {
		return nil, err
	}
	var list []snapshotManifest
	for _, n := range names {
		dev, seq, ext, ok := parseSnapshotName(n)
		if !ok || ext != ".fdm" || (device != "" && dev != device) {
			continue
		}
		b, err := readFile(ctx, e.Folder, snapshotsDir+"/"+n, maxManifest)
		if err != nil {
			continue
		}
		if m, err := e.decodeManifest(b, dev, seq); err == nil {
			list = append(list, m)
		}
	}
	return list, nil
}

// snapshotRows reads the parts of a snapshot this laptop holds keys for,
// each checked whole (writer, signature, authentication), and returns
// their rows merged. A part it should be able to read that is missing or
// damaged refuses the snapshot.
func (e *Engine) snapshotRows(ctx context.Context, m snapshotManifest, r *Report) ([]data.RowChange, error) {
	var rows []data.RowChange
	done := map[string]bool{}
	read := func(booths []string) error {
		for _, hk := range e.keys.keyIndex(booths) {
			tag := partTag(hk.key, m.Device, m.Seq)
			if done[tag] || !slices.Contains(m.Parts, tag) {
				continue
			}
			done[tag] = true
			name := snapshotPartName(m.Device, m.Seq, tag)
			b, err := readFile(ctx, e.Folder, name, maxSnapshot)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			r.BytesRead += int64(len(b))
			sf, err := openSealed(b, "snapshot")
			if err == nil && (sf.head.Device != m.Device || sf.head.Seq != m.Seq || sf.head.Member != m.writer.ID) {
				err = fmt.Errorf("%w: it names another snapshot", errSealed)
			}
			if err == nil {
				err = sf.verify(m.writer.SignPub)
			}
			if err == nil && !m.writer.Role.Reads(hk.aud) {
				err = fmt.Errorf("%w: sealed with a key its writer's role does not hold", errSealed)
			}
			var plain []byte
			var ok bool
			if err == nil {
				plain, ok, err = sf.section(hk.key)
				if err == nil && !ok {
					err = fmt.Errorf("%w: no section for its key", errSealed)
				}
			}
			var part []data.RowChange
			var ih batchHeader
			if err == nil {
				ih, part, err = decodeBatchWithin(plain, maxSnapshot)
			}
			if err == nil && (ih.Event != m.Event || ih.Device != m.Device || ih.Seq != m.Seq+1) {
				err = fmt.Errorf("its header names another event or snapshot")
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			rows = append(rows, part...)
		}
		return nil
	}
	var booths []string
	if e.keys.Role.IsOrganiser() && e.Store != nil {
		booths, _ = e.Store.AllBoothIDs(ctx)
	}
	if err := read(booths); err != nil {
		return nil, err
	}
	if e.keys.Role.IsOrganiser() {
		if err := read(append(booths, boothsNamed(rows)...)); err != nil {
			return nil, err
		}
	}
	return data.JoinParts(rows), nil
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
	rows, err := e.snapshotRows(ctx, *best, r)
	if err != nil {
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
	stats, err := e.Store.ApplyRemote(ctx, data.Origin{Device: dev, Name: best.Laptop, Seq: best.Seq, Role: best.writer.Role}, func() (data.RowChange, bool, error) {
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

// removeSnapshot removes one of this laptop's snapshots: its manifest and
// every part.
func (e *Engine) removeSnapshot(ctx context.Context, seq int64) {
	me := e.Store.DeviceID()
	names, _ := e.Folder.List(ctx, snapshotsDir)
	prefix := strings.TrimPrefix(snapshotName(me, seq), snapshotsDir+"/") + "-"
	e.Folder.Remove(ctx, snapshotName(me, seq)+".fdm")
	for _, n := range names {
		if strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".fds") {
			e.Folder.Remove(ctx, snapshotsDir+"/"+n)
		}
	}
}

// Compact folds this laptop's batches into a new snapshot once it has
// written many, and removes the batches and snapshot that an older
// snapshot already held, so the folder stays small after a long event.
// Laptops that still needed the removed batches read the snapshot instead.
func (e *Engine) Compact(ctx context.Context) (bool, error) {
	// Whether one is due is known from local state alone, so that the
	// compaction after every sync costs no request until it is.
	if _, last, _, err := e.state(ctx); err == nil && last-e.snapshotSeq(ctx) < compactAfter {
		return false, nil
	}
	unlock, err := lockDatabase(ctx, e.Store)
	if err != nil {
		return false, err
	}
	defer unlock()
	ev, err := e.checkEvent(ctx)
	if err != nil {
		return false, err
	}
	var r Report
	if err := e.push(ctx, ev, &r, true); err != nil {
		return false, err
	}
	e.announce(ctx)
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
	e.noteSnapshot(ctx, newest)
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
		e.removeSnapshot(ctx, m.Seq)
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
