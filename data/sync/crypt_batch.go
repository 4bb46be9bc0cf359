package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	gosync "sync"

	"github.com/fairdesk/fairdesk/data"
)

// audRow is a partial row change for one audience, as the JSON line it
// takes in a batch: encoded once, both to size the batches and to write
// them.
type audRow struct {
	aud  data.Audience
	line []byte
}

// localChangesFor reads this laptop's changes in (from, upTo], divided by
// audience.
func (e *Engine) localChangesFor(ctx context.Context, from, upTo int64) ([]audRow, error) {
	var rows []audRow
	err := e.Store.LocalChangesFor(ctx, from, upTo, func(a data.Audience, rc data.RowChange) error {
		line, err := json.Marshal(rc)
		if err != nil {
			return err
		}
		rows = append(rows, audRow{a, line})
		return nil
	})
	return rows, err
}

// splitAudRows cuts rows into runs of at most about limit bytes of JSON.
func splitAudRows(rows []audRow, limit int) [][]audRow {
	var parts [][]audRow
	start, size := 0, 0
	for i, r := range rows {
		if size+len(r.line) > limit && i > start {
			parts = append(parts, rows[start:i])
			start, size = i, 0
		}
		size += len(r.line) + 1
	}
	return append(parts, rows[start:])
}

// sealBatch writes a batch file: one section per audience, each holding
// that audience's rows in the batch format (encodeBatch), with the
// laptop's name inside; the whole file signed by this laptop.
func (e *Engine) sealBatch(h batchHeader, rows []audRow) ([]byte, error) {
	byAud := map[data.Audience][][]byte{}
	var order []data.Audience
	for _, r := range rows {
		if _, ok := byAud[r.aud]; !ok {
			order = append(order, r.aud)
		}
		byAud[r.aud] = append(byAud[r.aud], r.line)
	}
	if len(order) == 0 {
		order = []data.Audience{data.AudEveryone} // an empty batch still moves the stream on
	}
	var sections []plainSection
	for _, a := range order {
		key := e.keys.keyFor(a)
		if key == nil {
			return nil, fmt.Errorf("this laptop holds no key to write to the audience of %d changes", len(byAud[a]))
		}
		plain, err := encodeLines(h, byAud[a])
		if err != nil {
			return nil, err
		}
		sections = append(sections, plainSection{key, plain})
	}
	return seal(sealHeader{Kind: "batch", Member: e.keys.Member, Device: h.Device, Seq: h.Seq, Epoch: e.keys.newest().N}, sections, e.keys.signer())
}

// keyIndex is every key this laptop holds, the booths' keys derived for
// every booth it knew of at the first batch this sync read.
func (e *Engine) keyIndex(ctx context.Context) map[string]heldKey {
	if e.index != nil && e.indexKeys == e.keys {
		return e.index
	}
	return e.freshKeyIndex(ctx, nil)
}

// freshKeyIndex is every key this laptop holds, the booths' keys derived
// for every booth it knows of now and for those named in extra.
func (e *Engine) freshKeyIndex(ctx context.Context, extra []string) map[string]heldKey {
	var booths []string
	if e.keys.Role.IsOrganiser() {
		booths, _ = e.Store.AllBoothIDs(ctx)
		booths = append(booths, extra...)
	}
	e.index, e.indexKeys = e.keys.keyIndex(booths), e.keys
	return e.index
}

// openBatch checks a batch file whole: its writer against the roster and
// its signature, then decrypts the sections this laptop holds keys for,
// and refuses the file if any of them fails, names another place, or was
// sealed with a key the writer's role does not hold. Sections for others
// are left alone.
func (e *Engine) openBatch(ctx context.Context, b []byte, ev data.Event, dev string, seq int64) (batchHeader, []data.RowChange, data.LaptopRole, error) {
	var h batchHeader
	if len(b) > maxBatchFile {
		return h, nil, "", fmt.Errorf("%w: %d bytes, more than the %d a batch may be", errBadBatch, len(b), maxBatchFile)
	}
	sf, err := openSealed(b, "batch")
	if err != nil {
		return h, nil, "", err
	}
	if sf.head.Device != dev || sf.head.Seq != seq {
		return h, nil, "", fmt.Errorf("its header names another device or number than its file name")
	}
	m, err := e.roster.writerOf(sf, dev, seq)
	if err != nil {
		return h, nil, "", err
	}
	if sf.head.Epoch > e.keys.newest().N {
		return h, nil, "", errKeysNotYet
	}
	h = batchHeader{Device: dev, Seq: seq, Laptop: m.Name}
	e.noteMember(ctx, dev, m.ID)
	idx := e.keyIndex(ctx)
	done := make([]bool, len(sf.head.Sections))
	var rows []data.RowChange
	open := func() error {
		var todo []sealedSection
		for i, s := range sf.head.Sections {
			k, ok := idx[s.Key]
			if done[i] || !ok {
				continue
			}
			done[i] = true
			if !m.Role.Reads(k.aud) {
				return fmt.Errorf("%w: a section is sealed with a key its writer's role does not hold", errSealed)
			}
			todo = append(todo, sealedSection{i, k.key})
		}
		parts, err := openSections(sf, todo)
		if err != nil {
			return err
		}
		for _, p := range parts {
			if p.head.Event != ev.ID || p.head.Device != dev || p.head.Seq != seq {
				return fmt.Errorf("its header names another event, device or number")
			}
			h = p.head
			rows = append(rows, p.rows...)
		}
		return nil
	}
	if err := open(); err != nil {
		return h, nil, "", err
	}
	if e.keys.Role.IsOrganiser() && slices.Contains(done, false) {
		// A booth this laptop does not know of yet: one made in this very
		// batch, one applied since the index was made, or the booth of
		// the laptop that wrote the batch, whose row may come later in
		// this sync or in the next. Derive its key and look again.
		named := boothsNamed(rows)
		if b := m.Role.Booth(); b != "" {
			named = append(named, b)
		}
		idx = e.freshKeyIndex(ctx, named)
		if err := open(); err != nil {
			return h, nil, "", err
		}
		// An organiser seals only to audiences every organiser reads, so
		// what is still sealed is for a booth made on a third laptop
		// whose batch has not been read here yet.
		if m.Role.IsOrganiser() && slices.Contains(done, false) {
			return h, nil, "", errBoothNotYet
		}
	}
	h.Laptop = m.Name
	return h, data.JoinParts(rows), m.Role, nil
}

// errBoothNotYet is an organiser's batch with changes for a booth this
// laptop has not received yet: its stream waits, so that nothing is
// passed over, as for keys not yet here.
var errBoothNotYet = errors.New("booth not yet here")

// boothsNamed lists the booth ids rows name.
func boothsNamed(rows []data.RowChange) []string {
	var ids []string
	for _, rc := range rows {
		if rc.Table == "booths" {
			ids = append(ids, rc.ID)
		}
		if c, ok := rc.Cells["booth_id"]; ok {
			ids = append(ids, fmt.Sprint(c.Value))
		}
	}
	return ids
}

// openedSection is one section of a sealed batch, decrypted and decoded.
type openedSection struct {
	head batchHeader
	rows []data.RowChange
}

// sealedSection names a section of a sealed file and the key it opens with.
type sealedSection struct {
	index int
	key   []byte
}

// openSections decrypts and decodes the sections todo of sf on as many
// cores as there are: a big batch's sections are independent, and
// decoding them is most of reading it. The result is in the order of
// todo, and so is the error returned when several fail.
func openSections(sf sealedFile, todo []sealedSection) ([]openedSection, error) {
	out := make([]openedSection, len(todo))
	errs := make([]error, len(todo))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg gosync.WaitGroup
	for j, sec := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			plain, err := sf.open(sec.index, sec.key)
			if err == nil {
				out[j].head, out[j].rows, err = decodeBatch(plain)
			}
			errs[j] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
