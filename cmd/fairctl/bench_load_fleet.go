package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/seed"
	"github.com/fairdesk/fairdesk/data/sync"
)

// loadPlace is the one place a fleet of laptops syncs through: a bucket
// or a shared folder. Each laptop opens its own view of it, which counts
// that laptop's requests.
type loadPlace struct {
	kind  string // "bucket" or "folder"
	where string // as the laptops remember it
	open  func() (sync.Folder, func() (all, lists int64), error)
}

// bucketPlace is prefix in the benchmark's bucket; each laptop has its own
// client, whose request counter `fairctl sync` prints.
func (s *loadS3) place(prefix string) loadPlace {
	open := func() (sync.Folder, func() (int64, int64), error) {
		b, err := s.open(prefix)
		if err != nil {
			return nil, nil, err
		}
		return b, b.Requests, nil
	}
	return loadPlace{kind: "bucket", where: sync.BucketPlace{URL: "s3://" + loadS3Bucket + "/" + prefix, Endpoint: s.endpoint}.String(), open: open}
}

// folderPlace is a shared folder; a laptop's requests are its calls on
// the folder (a listing, an open, a create, a removal).
func folderPlace(dir string) loadPlace {
	open := func() (sync.Folder, func() (int64, int64), error) {
		f := &countedFolder{Folder: sync.Dir{Root: dir}}
		return f, f.requests, nil
	}
	return loadPlace{kind: "folder", where: dir, open: open}
}

// countedFolder counts the calls a laptop makes on a shared folder, as a
// bucket's client counts its requests.
type countedFolder struct {
	sync.Folder
	all, lists atomic.Int64
}

func (f *countedFolder) requests() (int64, int64) { return f.all.Load(), f.lists.Load() }

func (f *countedFolder) List(ctx context.Context, dir string) ([]string, error) {
	f.all.Add(1)
	f.lists.Add(1)
	return f.Folder.List(ctx, dir)
}

func (f *countedFolder) Open(ctx context.Context, name string) (io.ReadCloser, int64, error) {
	f.all.Add(1)
	return f.Folder.Open(ctx, name)
}

func (f *countedFolder) Create(ctx context.Context, name string, b []byte) error {
	f.all.Add(1)
	return f.Folder.Create(ctx, name, b)
}

func (f *countedFolder) Remove(ctx context.Context, name string) error {
	f.all.Add(1)
	return f.Folder.Remove(ctx, name)
}

// loadLaptop is one laptop of the fleet: its own database and sync engine.
type loadLaptop struct {
	name     string
	role     data.LaptopRole
	booth    string // for a booth laptop, its booth's id
	st       *data.Store
	engine   *sync.Engine
	requests func() (all, lists int64)

	mu      gosync.Mutex
	writes  []loadWrite           // what it wrote, in order
	batched int                   // writes[:batched] know their batch
	last    int64                 // its own last batch
	applied map[string][]seenMark // per other laptop's device: when each checkpoint was reached
	syncs   []loadSync
}

// loadWrite is one write a laptop made, and the batch that carried it.
type loadWrite struct {
	at      time.Time
	checkIn bool
	seq     int64 // the laptop's change number once written
	batch   int64
}

// seenMark: from at on, this laptop had applied the other's batches up to seq.
type seenMark struct {
	seq int64
	at  time.Time
}

// loadSync is what one sync cost.
type loadSync struct {
	start, end     time.Time
	requests, list int64
	bytes          int64
	received       int
	problems       []string
	err            error
}

func (l *loadLaptop) organiser() bool { return l.role.IsOrganiser() }

// loadFleet is the laptops of one event, all syncing through one place.
type loadFleet struct {
	place   loadPlace
	laptops []*loadLaptop
	booths  []data.Booth
	people  []string // ids of the people registered before the fair
}

// newLoadFleet makes an event with people people on one organiser's
// laptop, shares it in place, and invites and joins organisers-1 more
// organiser laptops and booths booth laptops, each staffing a booth of its
// own, through the real invitation flow.
func newLoadFleet(ctx context.Context, dir string, place loadPlace, organisers, booths, people int) (fl *loadFleet, err error) {
	fl = &loadFleet{place: place}
	defer func() {
		if err != nil {
			fl.close()
		}
	}()
	st, err := data.Open(filepath.Join(dir, "laptop-00.db"), data.Options{})
	if err != nil {
		return nil, err
	}
	first := &loadLaptop{name: "laptop-00", role: data.LaptopOrganiser, st: st}
	fl.laptops = append(fl.laptops, first)
	if err := st.SaveEvent(ctx, &data.Event{Name: "Load fair", TimeZone: "Europe/London"}); err != nil {
		return nil, err
	}
	if err := seed.Generate(ctx, st, seed.Options{People: people, Seed: 7, SkipSessions: true}); err != nil {
		return nil, err
	}
	for i := range booths {
		b := data.Booth{Code: fmt.Sprintf("LD%02d", i+1), Name: fmt.Sprintf("Load booth %d", i+1)}
		if err := st.SaveBooth(ctx, &b, nil); err != nil {
			return nil, err
		}
		fl.booths = append(fl.booths, b)
	}
	list, err := st.ListPeople(ctx, data.PeopleFilter{}, 0, people)
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		fl.people = append(fl.people, p.ID)
	}
	folder, requests, err := place.open()
	if err != nil {
		return nil, err
	}
	first.engine, first.requests = &sync.Engine{Store: st, Folder: folder}, requests
	if place.kind == "bucket" {
		_, err = sync.ShareIn(ctx, st, folder, place.where)
	} else {
		_, err = sync.Share(ctx, st, place.where)
	}
	if err != nil {
		return nil, fmt.Errorf("share the load fair: %w", err)
	}
	sync.InvitationWorkFactor = 10 // the benchmark times syncing, not the passphrase
	for i := 1; i < organisers+booths; i++ {
		l := &loadLaptop{name: fmt.Sprintf("laptop-%02d", i), role: data.LaptopOrganiser}
		if i >= organisers {
			l.booth = fl.booths[i-organisers].ID
			l.role = data.BoothLaptop(l.booth)
		}
		file, _, err := sync.Invite(ctx, st, folder, l.role, l.name, benchPassphrase)
		if err != nil {
			return nil, fmt.Errorf("invite %s: %w", l.name, err)
		}
		inv, err := sync.OpenInvitation(file, benchPassphrase)
		if err != nil {
			return nil, err
		}
		f, requests, err := place.open()
		if err != nil {
			return nil, err
		}
		if l.st, _, err = sync.JoinFrom(ctx, filepath.Join(dir, l.name+".db"), f, place.where, inv); err != nil {
			return nil, fmt.Errorf("join %s: %w", l.name, err)
		}
		l.engine, l.requests = &sync.Engine{Store: l.st, Folder: f}, requests
		fl.laptops = append(fl.laptops, l)
	}
	for _, l := range fl.laptops {
		l.applied = map[string][]seenMark{}
	}
	// Every laptop takes in the list of laptops before the fair opens.
	for range 2 {
		for _, l := range fl.laptops {
			if s := l.syncOnce(ctx); s.err != nil {
				return nil, fmt.Errorf("%s's first sync: %w", l.name, s.err)
			}
		}
	}
	return fl, nil
}

func (fl *loadFleet) close() {
	for _, l := range fl.laptops {
		if l.st != nil {
			l.st.Close()
		}
	}
}

// syncOnce is one sync as the app makes it (a sync, then a compaction
// when due), noting what it cost, which of this laptop's writes went out
// in which batch, and how far it has applied every other laptop's.
func (l *loadLaptop) syncOnce(ctx context.Context) loadSync {
	all, lists := l.requests()
	s := loadSync{start: time.Now()}
	r, err := l.engine.Sync(ctx)
	if err == nil {
		_, err = l.engine.Compact(ctx)
	}
	s.end = time.Now()
	a2, l2 := l.requests()
	s.requests, s.list, s.bytes, s.received, s.problems, s.err = a2-all, l2-lists, r.BytesRead, r.Received, r.Problems, err
	last, _ := l.st.LocalValue(ctx, data.StateSyncLastBatch)
	sent := sync.SentUpTo(ctx, l.st)
	cps, cerr := l.st.Checkpoints(ctx)
	if s.err == nil && cerr != nil {
		s.err = cerr
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Sscan(last, &l.last)
	for l.batched < len(l.writes) && l.writes[l.batched].seq <= sent {
		l.writes[l.batched].batch = l.last
		l.batched++
	}
	for _, c := range cps {
		marks := l.applied[c.Device]
		if len(marks) == 0 || marks[len(marks)-1].seq < c.Seq {
			l.applied[c.Device] = append(marks, seenMark{c.Seq, s.end})
		}
	}
	l.syncs = append(l.syncs, s)
	return s
}

// reached is when this laptop had first applied the other device's batch
// seq, or false when it has not.
func (l *loadLaptop) reached(device string, seq int64) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.applied[device] {
		if m.seq >= seq {
			return m.at, true
		}
	}
	return time.Time{}, false
}

// noteWrite records a write just made.
func (l *loadLaptop) noteWrite(at time.Time, checkIn bool) {
	seq, _ := l.st.LocalProgress()
	l.mu.Lock()
	l.writes = append(l.writes, loadWrite{at: at, checkIn: checkIn, seq: seq})
	l.mu.Unlock()
}
