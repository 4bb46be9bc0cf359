package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// pull applies, device by device, the batches after each checkpoint. Each
// device's batches are a stream of their own: a gap, a damaged file, a
// batch this laptop cannot apply or one held back for its clock stops that
// stream for now, and every other stream goes on.
func (e *Engine) pull(ctx context.Context, ev data.Event, r *Report) error {
	checkpoints, err := e.Store.Checkpoints(ctx)
	if err != nil {
		return err
	}
	applied := map[string]int64{}
	names := map[string]string{}
	for _, c := range checkpoints {
		applied[c.Device], names[c.Device] = c.Seq, c.Name
	}
	devices, err := e.devicesToList(ctx, applied)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	me := e.Store.DeviceID()
	// List every device folder first: besides the batches, the names say
	// which of this laptop's batches another laptop could not read.
	listings := map[string][]string{}
	wanted := map[int64][]string{} // this laptop's batch -> the devices that want it
	for _, dev := range devices {
		if !validDevice(dev) {
			continue // not a folder Fairdesk writes
		}
		files, err := e.listDevice(ctx, dev, me, applied[dev])
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		listings[dev] = files
		for _, f := range files {
			if d, s, ok := parseWantName(f); ok && d == me && dev != me {
				wanted[s] = append(wanted[s], dev)
			}
		}
	}
	if err := e.checkOwnFolder(ctx, ev, listings[me], wanted, names, r); err != nil {
		return err
	}
	mine := wantsIn(listings[me])
	for _, dev := range slices.Sorted(maps.Keys(listings)) {
		if dev == me || dev == e.Store.DeviceID() {
			continue
		}
		if err := e.pullDevice(ctx, ev, dev, names[dev], applied[dev], listings[dev], mine, r); err != nil {
			return err
		}
	}
	return e.tidyWants(ctx, mine)
}

// listerAfter is a Folder that can start a listing after a name: a
// bucket's start-after, so that a listing costs requests for what is new.
type listerAfter interface {
	ListAfter(ctx context.Context, dir, after string) ([]string, error)
}

// listDevice lists a device folder. Another laptop's is listed after its
// last batch applied here where the folder allows it (a bucket): an idle
// sync then costs one LIST per laptop however many batches each wrote.
// What it leaves out are batches already applied; want notes sort after
// every batch and are still listed. This laptop's own folder is listed
// whole, to notice batches missing from it (compaction keeps it short).
func (e *Engine) listDevice(ctx context.Context, dev, me string, applied int64) ([]string, error) {
	dir := devicesDir + "/" + dev
	if la, ok := e.Folder.(listerAfter); ok && dev != me && applied > 0 {
		return la.ListAfter(ctx, dir, fmt.Sprintf("%s%010d%s", batchPrefix, applied, batchSuffix))
	}
	return e.Folder.List(ctx, dir)
}

// wantsIn reads this laptop's notes of batches it could not read.
func wantsIn(files []string) map[string]int64 {
	wants := map[string]int64{}
	for _, f := range files {
		if d, s, ok := parseWantName(f); ok {
			wants[wantKey(d, s)] = s
		}
	}
	return wants
}

func wantKey(dev string, seq int64) string { return fmt.Sprintf("%s-%d", dev, seq) }

// tidyWants removes the notes of batches this laptop has read since.
func (e *Engine) tidyWants(ctx context.Context, wants map[string]int64) error {
	if len(wants) == 0 {
		return nil
	}
	checkpoints, err := e.Store.Checkpoints(ctx)
	if err != nil {
		return err
	}
	applied := map[string]int64{}
	for _, c := range checkpoints {
		applied[c.Device] = c.Seq
	}
	for key, seq := range wants {
		dev := key[:16]
		if applied[dev] >= seq {
			e.Folder.Remove(ctx, wantName(e.Store.DeviceID(), dev, seq))
		}
	}
	return nil
}

// groupBatches groups the batch files of one device folder by number, each
// with its copies: the copy numbers, newest first, the original (0) last.
func groupBatches(files []string) (seqs []int64, copies map[int64][]int) {
	copies = map[int64][]int{}
	for _, f := range files {
		if s, n, ok := parseBatchName(f); ok {
			if _, seen := copies[s]; !seen {
				seqs = append(seqs, s)
			}
			copies[s] = append(copies[s], n)
		}
	}
	slices.Sort(seqs)
	for _, ns := range copies {
		slices.Sort(ns)
		slices.Reverse(ns)
	}
	return seqs, copies
}

func (e *Engine) pullDevice(ctx context.Context, ev data.Event, dev, laptop string, applied int64, files []string, mine map[string]int64, r *Report) error {
	label := laptopLabel(laptop, dev)
	seqs, copies := groupBatches(files)
	if len(seqs) > 0 && seqs[0] > applied+1 {
		recovered, err := e.catchUpFromSnapshot(ctx, dev, applied, seqs[0], r)
		if errors.Is(err, errHeld) {
			return nil // the problem line names it
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.Problems = append(r.Problems, fmt.Sprintf("waiting for batch %d from %s (the folder has %d but not %d, and %v); will retry", applied+1, label, seqs[0], applied+1, err))
			return nil
		}
		applied = recovered
	}
	accepted, err := e.Store.AcceptedHeld(ctx, dev)
	if err != nil {
		return err
	}
	released := false
	for _, s := range seqs {
		if s <= applied {
			continue
		}
		if s != applied+1 {
			r.Problems = append(r.Problems, fmt.Sprintf("waiting for batch %d from %s (the folder has %d but not %d yet)", applied+1, label, s, applied+1))
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		h, rows, role, err := e.readBatch(ctx, ev, dev, s, copies[s], r)
		switch {
		case errors.Is(err, errKeysNotYet):
			r.Problems = append(r.Problems, fmt.Sprintf("batch %d from %s is sealed with new keys that have not reached this laptop yet; will retry", s, label))
			return nil
		case errors.Is(err, errBoothNotYet):
			r.Problems = append(r.Problems, fmt.Sprintf("batch %d from %s holds changes for a booth that has not reached this laptop yet; will retry", s, label))
			return nil
		case errors.Is(err, errNewerBatch):
			r.Problems = append(r.Problems, fmt.Sprintf("batch %d from %s was %v; the other laptops' changes still arrive", s, label, err))
			return nil
		case err != nil:
			r.Problems = append(r.Problems, fmt.Sprintf("batch %d from %s failed its check (%v); skipped for now, will retry, and %s publishes it again when it next syncs", s, label, err, label))
			if _, noted := mine[wantKey(dev, s)]; !noted {
				e.Folder.Create(ctx, wantName(e.Store.DeviceID(), dev, s), []byte(fmt.Sprintf("batch %d of %s cannot be read here\n", s, dev)))
			}
			return nil
		}
		label = laptopLabel(h.Laptop, dev)
		if held, err := e.holdIfAhead(ctx, dev, label, s, rows, accepted, r); err != nil || held {
			return err
		}
		i := 0
		stats, err := e.Store.ApplyRemote(ctx, data.Origin{Device: dev, Name: label, Seq: s, Seen: h.Seen, Role: role}, func() (data.RowChange, bool, error) {
			if i == len(rows) {
				return data.RowChange{}, false, nil
			}
			i++
			return rows[i-1], true, nil
		})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.Problems = append(r.Problems, fmt.Sprintf("batch %d from %s cannot be applied here (%v); the later changes of %s wait until it is replaced, the other laptops' changes still arrive", s, label, err, label))
			return nil
		}
		if !released {
			// Once is enough: a later batch held again ends the loop.
			if err := e.Store.ReleaseHeld(ctx, dev); err != nil {
				return err
			}
			released = true
		}
		r.BatchesRead++
		r.Received += stats.Rows
		r.Conflicts += stats.Conflicts
		if stats.Refused > 0 {
			r.Problems = append(r.Problems, fmt.Sprintf("refused %d changes from laptop %s that its role may not make; see Conflicts", stats.Refused, label))
		}
		e.noteClock(label, rows, r)
		applied = s
	}
	return nil
}

// holdIfAhead holds back batch seq of dev when its newest stamp is more
// than clockTolerance ahead of this laptop's clock and no organiser has
// accepted it: a stamp from the future would win every later edit.
func (e *Engine) holdIfAhead(ctx context.Context, dev, label string, seq int64, rows []data.RowChange, accepted int64, r *Report) (bool, error) {
	newest := newestStamp(rows)
	ahead := newest.Time().Sub(e.Store.Now())
	if ahead <= clockTolerance || seq <= accepted {
		return false, nil
	}
	held := data.HeldBatch{Device: dev, Laptop: label, Seq: seq, Newest: newest.Time(), Found: e.Store.Now().UTC()}
	if err := e.Store.HoldBatch(ctx, held); err != nil {
		return false, err
	}
	r.Held = append(r.Held, held)
	r.Problems = append(r.Problems, fmt.Sprintf("%s's clock is %s ahead of this laptop's: its batch %d is held back until this laptop's clock reaches it or an organiser accepts it under Conflicts (fairctl conflicts --accept %s:%d); set that laptop's date and time",
		label, ahead.Round(time.Minute), seq, dev, seq))
	return true, nil
}

func newestStamp(rows []data.RowChange) data.HLC {
	var newest data.HLC
	for _, row := range rows {
		for _, c := range row.Cells {
			newest = max(newest, c.HLC)
		}
	}
	return newest
}

// readBatch reads batch seq of dev, trying the copies its writer published
// again (newest first) and the original, and returns the first that passes
// every check (openBatch), or why none did: that it must wait, when a copy
// says so, before that a copy failed.
func (e *Engine) readBatch(ctx context.Context, ev data.Event, dev string, seq int64, copies []int, r *Report) (batchHeader, []data.RowChange, data.LaptopRole, error) {
	var first error
	for _, n := range copies {
		name := batchCopyName(dev, seq, n)
		b, err := readFile(ctx, e.Folder, name, maxBatchFile)
		if err == nil {
			r.BytesRead += int64(len(b))
			h, rows, role, err := e.openBatch(ctx, b, ev, dev, seq)
			if err == nil {
				return h, rows, role, nil
			}
			err = fmt.Errorf("%s: %w", name, err)
			if first == nil || errors.Is(err, errNewerBatch) || errors.Is(err, errBoothNotYet) {
				first = err
			}
			continue
		}
		if first == nil || errors.Is(err, errNewerBatch) {
			first = err
		}
	}
	return batchHeader{}, nil, "", first
}

// publishedBatch is what this laptop remembers of a batch it published,
// so that it can publish it again: its checksum, and the local changes it
// carried, which are read again (as they are now: a row changed since is
// in a later batch) with the stamps of what the laptop had seen then.
type publishedBatch struct {
	SHA256 string              `json:"sha256"`
	From   int64               `json:"from"`
	UpTo   int64               `json:"upTo"`
	Seen   map[string]data.HLC `json:"seen"`
}

func (e *Engine) published(ctx context.Context) (map[int64]publishedBatch, error) {
	list := map[int64]publishedBatch{}
	v, err := e.Store.LocalValue(ctx, keyPublished)
	if err != nil || v == "" {
		return list, err
	}
	if json.Unmarshal([]byte(v), &list) != nil {
		return map[int64]publishedBatch{}, nil
	}
	return list, nil
}

func (e *Engine) savePublished(ctx context.Context, list map[int64]publishedBatch) error {
	b, _ := json.Marshal(list)
	return e.Store.SetLocalValues(ctx, map[string]string{keyPublished: string(b)})
}

func (e *Engine) notePublished(ctx context.Context, seq int64, p publishedBatch) error {
	list, err := e.published(ctx)
	if err != nil {
		return err
	}
	list[seq] = p
	return e.savePublished(ctx, list)
}

// checkOwnFolder notices batches under this laptop's id that it never
// wrote (its database was copied), and publishes again those of its own
// that are missing from the folder, or that another laptop could not read
// and that are damaged or changed here too.
func (e *Engine) checkOwnFolder(ctx context.Context, ev data.Event, files []string, wanted map[int64][]string, names map[string]string, r *Report) error {
	sent, last, pending, err := e.state(ctx)
	if err != nil {
		return err
	}
	seqs, copies := groupBatches(files)
	for _, s := range seqs {
		if s > last && (pending == nil || s != pending.Seq) {
			return e.renewDevice(ctx, sent, r)
		}
	}
	list, err := e.published(ctx)
	if err != nil {
		return err
	}
	me := e.Store.DeviceID()
	for _, s := range slices.Sorted(maps.Keys(list)) {
		if s > last {
			continue
		}
		if _, listed := copies[s]; !listed {
			// A listing may leave a file out: look before writing it again.
			if rc, _, err := e.Folder.Open(ctx, batchName(me, s)); err == nil {
				rc.Close()
				continue
			} else if !errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err := e.republish(ctx, ev, s, list, "missing", r); err != nil {
				return err
			}
			continue
		}
		if readers, ok := wanted[s]; ok {
			intact := false
			for _, n := range copies[s] {
				b, err := readFile(ctx, e.Folder, batchCopyName(me, s, n), maxBatchFile)
				intact = intact || (err == nil && sum(b) == list[s].SHA256)
			}
			if intact {
				for _, dev := range readers {
					r.Problems = append(r.Problems, fmt.Sprintf("%s cannot read batch %d of this laptop, which is whole here: its copy of the shared folder may still be arriving", laptopLabel(names[dev], dev), s))
				}
				continue
			}
			if err := e.republish(ctx, ev, s, list, "damaged or changed", r); err != nil {
				return err
			}
		}
	}
	return nil
}

// republish writes batch seq of this laptop again (rewriteBatch) and
// says so in the report.
func (e *Engine) republish(ctx context.Context, ev data.Event, seq int64, list map[int64]publishedBatch, why string, r *Report) error {
	if err := e.rewriteBatch(ctx, ev, seq, list); err != nil {
		return err
	}
	r.BatchesSent++
	r.Problems = append(r.Problems, fmt.Sprintf("batch %d of this laptop was %s in the shared folder; published it again", seq, why))
	return nil
}

// rewriteBatch writes batch seq of this laptop again from the database as
// it is now, in place of the one in the folder, or, when that cannot be
// replaced, as a copy beside it ("batch-N.r1.fdb") that readers take
// instead.
func (e *Engine) rewriteBatch(ctx context.Context, ev data.Event, seq int64, list map[int64]publishedBatch) error {
	p := list[seq]
	rows, err := e.localChangesFor(ctx, p.From, p.UpTo)
	if err != nil {
		return err
	}
	me := e.Store.DeviceID()
	b, err := e.sealBatch(batchHeader{Event: ev.ID, Device: me, Laptop: e.Store.LaptopName(), Seq: seq, Seen: p.Seen, Written: e.Store.Now().UTC()}, rows)
	if err != nil {
		return err
	}
	e.Folder.Remove(ctx, batchName(me, seq))
	err = e.Folder.Create(ctx, batchName(me, seq), b)
	for n := 1; errors.Is(err, ErrExists) && n < 100; n++ {
		err = e.Folder.Create(ctx, batchCopyName(me, seq, n), b)
	}
	if err != nil {
		return fmt.Errorf("%w: write batch %d again: %v", ErrUnreachable, seq, err)
	}
	p.SHA256 = sum(b)
	list[seq] = p
	return e.savePublished(ctx, list)
}
