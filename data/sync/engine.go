package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Keys of what this laptop remembers about sync (local, never synced).
const (
	keyFolder    = "sync_folder"
	keySentSeq   = "sync_sent_seq"   // local changes up to here are in batches
	keyLastBatch = "sync_last_batch" // the number of this laptop's last batch
	keyPending   = "sync_pending"    // a batch being written: {seq, sha256, upTo}
	keyLastOK    = "sync_last_ok"
	keySentRows  = "sync_sent_rows" // how many of this laptop's changed rows are in batches
)

// clockTolerance is how far another laptop's clock may run ahead before
// the status names it.
const clockTolerance = 5 * time.Minute

// Engine syncs one store through one folder.
type Engine struct {
	Store  *data.Store
	Folder Folder
}

// Report says what one sync did and what it found.
type Report struct {
	Sent        int // rows this laptop wrote into batches
	BatchesSent int
	Received    int // rows applied from other laptops
	BatchesRead int
	BytesRead   int64
	Conflicts   int
	Unsent      int // local changes not yet shared
	Peers       []data.Peer
	Problems    []string
	At          time.Time
}

type pendingBatch struct {
	Seq    int64  `json:"seq"`
	SHA256 string `json:"sha256"`
	UpTo   int64  `json:"upTo"`
	Rows   int64  `json:"rows"` // the laptop's changed-row count at UpTo
}

// Unsent counts the rows changed on this laptop that are in no batch yet.
func Unsent(ctx context.Context, st *data.Store) int {
	_, rows := st.LocalProgress()
	v, _ := st.LocalValue(ctx, keySentRows)
	sent, _ := strconv.ParseInt(v, 10, 64)
	return int(max(rows-sent, 0))
}

type eventMarker struct {
	Format int    `json:"format"`
	Event  string `json:"event"`
	Name   string `json:"name"`
}

// ErrUnreachable wraps a folder that cannot be read: the laptop carries on
// offline and tries again later.
var ErrUnreachable = errors.New("shared folder unreachable")

func (e *Engine) state(ctx context.Context) (sent, last int64, pending *pendingBatch, err error) {
	get := func(key string) int64 {
		v, gerr := e.Store.LocalValue(ctx, key)
		if gerr != nil {
			err = gerr
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	sent, last = get(keySentSeq), get(keyLastBatch)
	if v, _ := e.Store.LocalValue(ctx, keyPending); v != "" {
		pending = &pendingBatch{}
		if jerr := json.Unmarshal([]byte(v), pending); jerr != nil {
			pending = nil
		}
	}
	return sent, last, pending, err
}

// checkEvent makes sure the folder holds this laptop's event.
func (e *Engine) checkEvent(ctx context.Context) (data.Event, error) {
	ev, err := e.Store.Event(ctx)
	if err != nil {
		return ev, fmt.Errorf("sync: this database has no event yet")
	}
	b, err := e.Folder.Read(ctx, eventFile)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := e.Folder.List(ctx, ""); lerr != nil {
			return ev, fmt.Errorf("%w: %v", ErrUnreachable, lerr)
		}
		return ev, fmt.Errorf("the shared folder holds no Fairdesk event: share this event there first")
	}
	if err != nil {
		return ev, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	var m eventMarker
	if err := json.Unmarshal(b, &m); err != nil {
		return ev, fmt.Errorf("the shared folder's %s is damaged: %v", eventFile, err)
	}
	if m.Event != ev.ID {
		return ev, fmt.Errorf("the shared folder holds another event (%q); choose the folder of %q", m.Name, ev.Name)
	}
	return ev, nil
}

// Sync sends this laptop's new changes and applies everyone else's. With
// nothing new it lists the device folders and reads no batch.
func (e *Engine) Sync(ctx context.Context) (Report, error) {
	r := Report{At: e.Store.Now()}
	ev, err := e.checkEvent(ctx)
	if err != nil {
		return r, err
	}
	if err := e.push(ctx, ev, &r, true); err != nil {
		return r, err
	}
	if err := e.pull(ctx, ev, &r); err != nil {
		return r, err
	}
	r.Unsent = Unsent(ctx, e.Store)
	r.Peers, _ = e.Store.Peers(ctx)
	e.Store.SetLocalValues(ctx, map[string]string{keyLastOK: r.At.UTC().Format(time.RFC3339)})
	return r, nil
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// push writes this laptop's unsent changes as its next batch. The batch is
// noted as pending before it is written, so that after a crash the laptop
// can tell its own file from one written by a copy of its database.
func (e *Engine) push(ctx context.Context, ev data.Event, r *Report, retry bool) error {
	sent, last, pending, err := e.state(ctx)
	if err != nil {
		return err
	}
	me := e.Store.DeviceID()
	if pending != nil {
		b, err := e.Folder.Read(ctx, batchName(me, pending.Seq))
		switch {
		case err == nil && sum(b) == pending.SHA256:
			sent, last = pending.UpTo, pending.Seq
			if err := e.saveSent(ctx, sent, last, pending.Rows); err != nil {
				return err
			}
		case err == nil:
			if err := e.renewDevice(ctx, sent, r); err != nil {
				return err
			}
			me = e.Store.DeviceID()
			last = 0
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		e.Store.SetLocalValues(ctx, map[string]string{keyPending: ""})
	}
	upTo, localRows := e.Store.LocalProgress()
	if upTo <= sent {
		return nil
	}
	var rows []data.RowChange
	if err := e.Store.LocalChanges(ctx, sent, upTo, func(rc data.RowChange) error { rows = append(rows, rc); return nil }); err != nil {
		return err
	}
	if len(rows) == 0 {
		return e.saveSent(ctx, upTo, last, localRows)
	}
	seen, err := e.Store.SeenVector(ctx)
	if err != nil {
		return err
	}
	seq := last + 1
	b, err := encodeBatch(batchHeader{Event: ev.ID, Device: me, Laptop: e.Store.LaptopName(), Seq: seq, Seen: seen, Written: e.Store.Now().UTC()}, rows)
	if err != nil {
		return err
	}
	p, _ := json.Marshal(pendingBatch{Seq: seq, SHA256: sum(b), UpTo: upTo, Rows: localRows})
	if err := e.Store.SetLocalValues(ctx, map[string]string{keyPending: string(p)}); err != nil {
		return err
	}
	if err := e.Folder.Create(ctx, batchName(me, seq), b); err != nil {
		if errors.Is(err, ErrExists) && retry {
			// Another laptop wrote this number under our id: we are a copy.
			if err := e.renewDevice(ctx, sent, r); err != nil {
				return err
			}
			return e.push(ctx, ev, r, false)
		}
		return fmt.Errorf("%w: write batch: %v", ErrUnreachable, err)
	}
	r.Sent += len(rows)
	r.BatchesSent++
	return e.saveSent(ctx, upTo, seq, localRows)
}

func (e *Engine) saveSent(ctx context.Context, sent, last, localRows int64) error {
	return e.Store.SetLocalValues(ctx, map[string]string{
		keySentSeq: strconv.FormatInt(sent, 10), keyLastBatch: strconv.FormatInt(last, 10), keyPending: "",
		keySentRows: strconv.FormatInt(localRows, 10)})
}

// renewDevice takes a new device id after finding this laptop's id on
// batches it did not write: its database was copied from another laptop.
func (e *Engine) renewDevice(ctx context.Context, sent int64, r *Report) error {
	old := e.Store.DeviceID()
	if err := e.Store.RenewDeviceID(ctx, sent); err != nil {
		return err
	}
	r.Problems = append(r.Problems, fmt.Sprintf("this database was copied from another laptop (both used device %s); it now syncs as %s", old, e.Store.DeviceID()))
	return e.Store.SetLocalValues(ctx, map[string]string{keyLastBatch: "0", keyPending: ""})
}

// pull applies, device by device, the batches after each checkpoint. A gap
// or a damaged file stops that device for now; the next sync tries again.
func (e *Engine) pull(ctx context.Context, ev data.Event, r *Report) error {
	devices, err := e.Folder.List(ctx, devicesDir)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	checkpoints, err := e.Store.Checkpoints(ctx)
	if err != nil {
		return err
	}
	applied := map[string]int64{}
	names := map[string]string{}
	for _, c := range checkpoints {
		applied[c.Device], names[c.Device] = c.Seq, c.Name
	}
	me := e.Store.DeviceID()
	slices.Sort(devices)
	for _, dev := range devices {
		files, err := e.Folder.List(ctx, devicesDir+"/"+dev)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		var seqs []int64
		for _, f := range files {
			if n, ok := batchSeq(f); ok {
				seqs = append(seqs, n)
			}
		}
		slices.Sort(seqs)
		if dev == me {
			if err := e.checkOwnFolder(ctx, seqs, r); err != nil {
				return err
			}
			continue
		}
		if err := e.pullDevice(ctx, ev, dev, names[dev], applied[dev], seqs, r); err != nil {
			return err
		}
	}
	return nil
}

// checkOwnFolder notices batches under this laptop's id that it never wrote.
func (e *Engine) checkOwnFolder(ctx context.Context, seqs []int64, r *Report) error {
	sent, last, pending, err := e.state(ctx)
	if err != nil {
		return err
	}
	for _, s := range seqs {
		if s > last && (pending == nil || s != pending.Seq) {
			return e.renewDevice(ctx, sent, r)
		}
	}
	return nil
}

func (e *Engine) pullDevice(ctx context.Context, ev data.Event, dev, laptop string, applied int64, seqs []int64, r *Report) error {
	if laptop == "" {
		laptop = dev
	}
	if len(seqs) > 0 && seqs[0] > applied+1 {
		recovered, err := e.catchUpFromSnapshot(ctx, dev, applied, seqs[0], r)
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("waiting for batch %d from %s (the folder has %d but not %d, and %v); will retry", applied+1, laptop, seqs[0], applied+1, err))
			return nil
		}
		applied = recovered
	}
	for _, s := range seqs {
		if s <= applied {
			continue
		}
		if s != applied+1 {
			r.Problems = append(r.Problems, fmt.Sprintf("waiting for batch %d from %s (the folder has %d but not %d yet)", applied+1, laptop, s, applied+1))
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := e.Folder.Read(ctx, batchName(dev, s))
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("cannot read batch %d from %s: %v; will retry", s, laptop, err))
			return nil
		}
		r.BytesRead += int64(len(b))
		h, rows, err := decodeBatch(b)
		if err == nil && (h.Event != ev.ID || h.Device != dev || h.Seq != s) {
			err = fmt.Errorf("its header names event %s, device %s, number %d", h.Event, h.Device, h.Seq)
		}
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("batch %d from %s failed its check (%v); skipped for now, will retry", s, laptop, err))
			return nil
		}
		laptop = h.Laptop
		i := 0
		stats, err := e.Store.ApplyRemote(ctx, data.Origin{Device: dev, Name: h.Laptop, Seq: s, Seen: h.Seen}, func() (data.RowChange, bool, error) {
			if i == len(rows) {
				return data.RowChange{}, false, nil
			}
			i++
			return rows[i-1], true, nil
		})
		if err != nil {
			return fmt.Errorf("apply batch %d from %s: %w", s, laptop, err)
		}
		r.BatchesRead++
		r.Received += stats.Rows
		r.Conflicts += stats.Conflicts
		e.noteClock(h.Laptop, rows, r)
		applied = s
	}
	return nil
}

// noteClock names a laptop whose stamps are ahead of this laptop's clock.
func (e *Engine) noteClock(laptop string, rows []data.RowChange, r *Report) {
	var newest data.HLC
	for _, row := range rows {
		for _, c := range row.Cells {
			newest = max(newest, c.HLC)
		}
	}
	if ahead := newest.Time().Sub(e.Store.Now()); ahead > clockTolerance {
		r.Problems = append(r.Problems, fmt.Sprintf("%s's clock is %s ahead of this laptop's; set its date and time", laptop, ahead.Round(time.Minute)))
	}
}

// Folder reads the remembered shared folder, or "" when none is set.
func RememberedFolder(ctx context.Context, st *data.Store) string {
	v, _ := st.LocalValue(ctx, keyFolder)
	return v
}

// LastSuccess is when the last sync that reached the folder finished.
func LastSuccess(ctx context.Context, st *data.Store) time.Time {
	v, _ := st.LocalValue(ctx, keyLastOK)
	t, _ := time.Parse(time.RFC3339, v)
	return t
}

func remember(ctx context.Context, st *data.Store, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return st.SetLocalValues(ctx, map[string]string{keyFolder: abs})
}

func writeTemp(b []byte) (string, error) {
	f, err := os.CreateTemp("", "fairdesk-snapshot-*.db")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}
