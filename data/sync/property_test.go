package sync

import (
	"context"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"pgregory.net/rapid"
)

// faultyFolder is the shared folder as a laptop sees it on a bad day: the
// listing leaves files out and comes in any order, and some files are
// still half-copied when read.
type faultyFolder struct {
	Folder
	rng      *rand.Rand
	on       bool
	crashing bool
}

func (f *faultyFolder) List(ctx context.Context, dir string) ([]string, error) {
	names, err := f.Folder.List(ctx, dir)
	if err != nil || !f.on {
		return names, err
	}
	var kept []string
	for _, n := range names {
		if f.rng.IntN(4) > 0 || !strings.HasPrefix(n, batchPrefix) {
			kept = append(kept, n)
		}
	}
	f.rng.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
	return kept, nil
}

func (f *faultyFolder) Open(ctx context.Context, name string) (io.ReadCloser, int64, error) {
	rc, size, err := f.Folder.Open(ctx, name)
	if err == nil && f.on && strings.Contains(name, batchPrefix) && f.rng.IntN(4) == 0 {
		return struct {
			io.Reader
			io.Closer
		}{io.LimitReader(rc, f.rng.Int64N(size+1)), rc}, size, nil
	}
	return rc, size, err
}

func (f *faultyFolder) Create(ctx context.Context, name string, b []byte) error {
	if err := f.Folder.Create(ctx, name, b); err != nil {
		return err
	}
	if f.crashing && strings.Contains(name, batchPrefix) {
		f.crashing = false
		return context.Canceled // the laptop died before noting the batch
	}
	return nil
}

// TestLaptopsConvergeThroughAFaultyFolder: laptops with skewed clocks make
// random edits, deletes and syncs through a folder that hides, reorders and
// half-copies files and a laptop that dies mid-write; once the folder heals,
// the batches held back for their clocks are accepted and everyone has
// synced, all hold the same data and no saved value is lost.
func TestLaptopsConvergeThroughAFaultyFolder(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		n := rapid.IntRange(2, 5).Draw(rt, "laptops")
		dir, ls := sharedEvent(t, n)
		offsets := []time.Duration{0, -24 * time.Hour, time.Hour}
		faults := make([]*faultyFolder, n)
		for i, l := range ls {
			if i > 0 && i < len(offsets) {
				// Reopen the joined database with a skewed clock.
				path := l.st.Path()
				l.st.Close()
				off := offsets[i]
				st := datatest.OpenAt(t, path, func() time.Time { return time.Now().Add(off) })
				l.st = st
			}
			faults[i] = &faultyFolder{Folder: Dir{Root: dir}, rng: rand.New(rand.NewPCG(uint64(i), 7))}
			l.engine = &Engine{Store: l.st, Folder: faults[i]}
		}
		var ids []string
		type saved struct{ id, value string }
		var notes []saved
		for range rapid.IntRange(1, 25).Draw(rt, "steps") {
			i := rapid.IntRange(0, n-1).Draw(rt, "laptop")
			l := ls[i]
			switch op := rapid.IntRange(0, 5).Draw(rt, "op"); {
			case op == 0 || len(ids) == 0:
				p := data.Person{GivenName: rapid.StringMatching(`[A-Z][a-z]{2,6}`).Draw(rt, "name")}
				if err := l.st.SavePerson(ctx, &p); err != nil {
					rt.Fatal(err)
				}
				ids = append(ids, p.ID)
			case op == 1:
				p, err := l.st.Person(ctx, rapid.SampledFrom(ids).Draw(rt, "edit"))
				if err != nil || p.Deleted {
					continue
				}
				p.Notes = rapid.StringMatching(`[a-z]{1,8}`).Draw(rt, "notes")
				if err := l.st.SavePerson(ctx, &p.Person); err != nil {
					rt.Fatal(err)
				}
				notes = append(notes, saved{p.ID, p.Notes})
			case op == 2:
				id := rapid.SampledFrom(ids).Draw(rt, "delete")
				if p, err := l.st.Person(ctx, id); err == nil && !p.Deleted {
					if err := l.st.DeletePerson(ctx, id); err != nil {
						rt.Fatal(err)
					}
				}
			case op == 3:
				faults[i].crashing = true
				l.engine.Sync(ctx)
			default:
				faults[i].on = rapid.Bool().Draw(rt, "faulty")
				if _, err := l.engine.Sync(ctx); err != nil && !strings.Contains(err.Error(), "canceled") {
					rt.Fatal(err)
				}
			}
		}
		for _, f := range faults {
			f.on, f.crashing = false, false
		}
		// Laptops with skewed clocks hold back each other's batches until
		// an organiser accepts them, as one does here on every laptop.
		quiet := 0
		for round := 0; quiet < 2; round++ {
			if round == 12 {
				rt.Fatal("the laptops never stopped holding back or sending batches")
			}
			busy := false
			for _, l := range ls {
				r, err := l.engine.Sync(ctx)
				if err != nil {
					rt.Fatal(err)
				}
				busy = busy || len(r.Held) > 0 || r.BatchesSent > 0 || r.BatchesRead > 0
				for _, h := range r.Held {
					if err := l.st.AcceptHeld(ctx, h.Device, h.Seq); err != nil {
						rt.Fatal(err)
					}
				}
			}
			if quiet++; busy {
				quiet = 0
			}
		}
		want := ls[0].dump(t)
		for i, l := range ls[1:] {
			if got := l.dump(t); got != want {
				a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
				for j := range min(len(a), len(b)) {
					if a[j] != b[j] {
						rt.Logf("laptop 0: %s\nlaptop %d: %s", a[j], i+1, b[j])
					}
				}
				rt.Fatalf("laptop %d differs from laptop 0", i+1)
			}
		}
		for _, s := range notes {
			found := false
			for _, l := range ls {
				for _, h := range history(t, l.st, s.id) {
					found = found || h == s.value
				}
				if p, err := l.st.Person(ctx, s.id); err == nil && p.Notes == s.value {
					found = true
				}
			}
			if !found {
				rt.Fatalf("the note %q saved on %s is nowhere", s.value, s.id)
			}
		}
	})
}

func history(t testing.TB, st *data.Store, id string) []string {
	changes, err := st.History(context.Background(), "people", id)
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, c := range changes {
		if c.Field == "notes" {
			values = append(values, c.Old)
		}
	}
	return values
}
