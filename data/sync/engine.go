package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Keys of what this laptop remembers about sync (local, never synced),
// declared with every other local_state key in data.
const (
	keyFolder      = data.StateSyncFolder
	keySentSeq     = data.StateSyncSentSeq
	keyLastBatch   = data.StateSyncLastBatch
	keyPending     = data.StateSyncPending
	keyLastOK      = data.StateSyncLastOK
	keySentRows    = data.StateSyncSentRows
	keyPublished   = data.StateSyncPublished
	keyShredded    = data.StateSyncShredded
	keyRoster      = data.StateSyncRoster
	keySnapshot    = data.StateSyncSnapshot
	keyAnnounced   = data.StateSyncAnnounced
	keyFullListing = data.StateSyncFullList
	keyFeedRead    = data.StateSyncFeedRead
	keyUnmarked    = data.StateSyncUnmarked
)

// clockTolerance is how far another laptop's clock may run ahead before
// the status names it.
const clockTolerance = 5 * time.Minute

// Engine syncs one store through one folder.
type Engine struct {
	Store  Replica
	Folder Folder

	keys    *keyring          // this laptop's keys, read at the start of each sync
	roster  roster            // the event's laptops, read at the start of each sync
	members map[string]string // device -> roster member, as read

	// The key index of this sync and the keys it was made from: made at
	// the first batch read rather than at every one, which cost an
	// organiser a query and a key derivation per booth per batch.
	index     map[string]heldKey
	indexKeys *keyring
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
	Held        []data.HeldBatch // batches held back for a clock far ahead
	Rewritten   int              // this laptop's files written again without erased people
	At          time.Time
}

type pendingBatch struct {
	Seq    int64  `json:"seq"`
	SHA256 string `json:"sha256"`
	UpTo   int64  `json:"upTo"`
	Rows   int64  `json:"rows"` // the laptop's changed-row count at UpTo
}

// Unsent counts the rows changed on this laptop that are in no batch yet.
func Unsent(ctx context.Context, st Replica) int {
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

// checkEvent makes sure the folder holds this laptop's event, and reads
// this laptop's keys and the folder's list of laptops.
func (e *Engine) checkEvent(ctx context.Context) (data.Event, error) {
	ev, err := e.Store.Event(ctx)
	if err != nil {
		return ev, fmt.Errorf("sync: this database has no event yet")
	}
	if e.keys, err = loadKeyring(ctx, e.Store); err != nil {
		if names, _ := e.Folder.List(ctx, ""); errors.Is(err, errNoKeys) && slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "fairdesk-event-") }) {
			return ev, fmt.Errorf("the shared folder holds another event, or one this laptop was not invited to: choose this event's folder, or join that one with an invitation (fairctl join --folder DIR --invite FILE)")
		}
		return ev, err
	}
	m, err := readEventFile(ctx, e.Folder, e.keys)
	if err != nil {
		return ev, err
	}
	if m.Event != ev.ID || e.keys.Event != ev.ID {
		return ev, fmt.Errorf("the shared folder holds another event (%q); choose the folder of %q", m.Name, ev.Name)
	}
	if err := e.takeDeliveredKeys(ctx); err != nil {
		return ev, err
	}
	if e.roster, err = e.readRoster(ctx, false); err != nil {
		return ev, err
	}
	return ev, nil
}

// Sync sends this laptop's new changes and applies everyone else's. With
// nothing new it lists the device folders and reads no batch.
func (e *Engine) Sync(ctx context.Context) (Report, error) {
	unlock, err := lockDatabase(ctx, e.Store)
	if err != nil {
		return Report{At: e.Store.Now()}, err
	}
	defer unlock()
	r := Report{At: e.Store.Now()}
	e.index = nil // the booths may have changed since the last sync
	ev, err := e.checkEvent(ctx)
	if err != nil {
		return r, err
	}
	if err := e.push(ctx, ev, &r, true); err != nil {
		return r, err
	}
	e.announce(ctx)
	if err := e.pull(ctx, ev, &r); err != nil {
		return r, err
	}
	if r.Received > 0 && e.visitorsToTell(ctx) {
		if err := e.push(ctx, ev, &r, true); err != nil {
			return r, err
		}
		e.announce(ctx)
	}
	if err := e.shredErased(ctx, ev, &r); err != nil {
		return r, err
	}
	r.Unsent = Unsent(ctx, e.Store)
	r.Peers, _ = e.Store.Peers(ctx)
	e.Store.SetLocalValues(ctx, map[string]string{keyLastOK: r.At.UTC().Format(time.RFC3339)})
	return r, nil
}

// visitorsToTell says whether what a sync just applied gives this laptop
// something to send at once: a booth laptop logs its visitors, and an
// organiser's laptop sends the booth the contact details of those who
// consent. Without a second push they would wait for the next sync; it
// is only made when visits or leads arrived, so that a big sync of other
// changes is not read through twice.
func (e *Engine) visitorsToTell(ctx context.Context) bool {
	role, err := e.Store.LocalRole(ctx)
	if err != nil || !role.IsOrganiser() {
		return false
	}
	sent, _, _, err := e.state(ctx)
	if err != nil {
		return false
	}
	changed, err := e.Store.VisitsChangedAfter(ctx, sent)
	return err == nil && changed
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
		b, err := readFile(ctx, e.Folder, batchName(me, pending.Seq), maxBatchFile)
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
	rows, err := e.localChangesFor(ctx, sent, upTo)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return e.saveSent(ctx, upTo, last, localRows)
	}
	seen, err := e.Store.SeenVector(ctx)
	if err != nil {
		return err
	}
	// A big change (an import) goes out as several batches. Only the last
	// moves the sent mark: after a crash between them, the laptop sends
	// the whole change again, which readers merge to the same result.
	parts := splitAudRows(rows, batchSplitBytes)
	sentRows, _ := e.Store.LocalValue(ctx, keySentRows)
	sentBefore, _ := strconv.ParseInt(sentRows, 10, 64)
	for i, part := range parts {
		seq := last + 1
		b, err := e.sealBatch(batchHeader{Event: ev.ID, Device: me, Laptop: e.Store.LaptopName(), Seq: seq, Seen: seen, Written: e.Store.Now().UTC()}, part)
		if err != nil {
			return err
		}
		markSent, markRows := sent, sentBefore
		if i == len(parts)-1 {
			markSent, markRows = upTo, localRows
		}
		p, _ := json.Marshal(pendingBatch{Seq: seq, SHA256: sum(b), UpTo: markSent, Rows: markRows})
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
		if err := e.notePublished(ctx, seq, publishedBatch{SHA256: sum(b), From: sent, UpTo: upTo, Seen: seen}); err != nil {
			return err
		}
		r.Sent += len(part)
		r.BatchesSent++
		if err := e.saveSent(ctx, markSent, seq, markRows); err != nil {
			return err
		}
		last = seq
	}
	return nil
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
	return e.Store.SetLocalValues(ctx, map[string]string{keyLastBatch: "0", keyPending: "", keyPublished: "", keySnapshot: "", keyAnnounced: ""})
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
func RememberedFolder(ctx context.Context, st Replica) string {
	v, _ := st.LocalValue(ctx, keyFolder)
	return v
}

// LastSuccess is when the last sync that reached the folder finished.
func LastSuccess(ctx context.Context, st Replica) time.Time {
	v, _ := st.LocalValue(ctx, keyLastOK)
	t, _ := time.Parse(time.RFC3339, v)
	return t
}

func remember(ctx context.Context, st Replica, where string) error {
	return st.SetLocalValues(ctx, map[string]string{keyFolder: where})
}

// absolute is a folder's path as remembered: absolute where possible.
func absolute(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
