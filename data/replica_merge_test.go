package data

import (
	"bytes"
	"context"
	"fmt"
	gosync "sync"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// replica is one laptop in a test, with what it has sent so far.
type replica struct {
	st      *Store
	sentSeq int64
	batches []testBatch // everything it ever sent, in order
}

type testBatch struct {
	origin Origin
	rows   []RowChange
}

func newReplica(t testing.TB, clock Clock) *replica {
	return &replica{st: openTemp(t, clock)}
}

func (r *replica) save(t testing.TB, p *Person) {
	t.Helper()
	if err := r.st.SavePerson(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

func (r *replica) delete(t testing.TB, id string) {
	t.Helper()
	if err := r.st.DeletePerson(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

func (r *replica) person(t testing.TB, id string) PersonRow {
	t.Helper()
	p, err := r.st.Person(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// conflicts is the open conflicts, or all with resolved ones too.
func (r *replica) conflicts(t testing.TB, all bool) []Conflict {
	t.Helper()
	cs, err := r.st.Conflicts(context.Background(), all)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// publish turns the replica's new local changes into a batch.
func (r *replica) publish(t testing.TB) {
	ctx := context.Background()
	upTo := r.st.LastSeq()
	if upTo == r.sentSeq {
		return
	}
	var rows []RowChange
	if err := r.st.LocalChanges(ctx, r.sentSeq, upTo, func(rc RowChange) error { rows = append(rows, rc); return nil }); err != nil {
		t.Fatal(err)
	}
	r.sentSeq = upTo
	if len(rows) == 0 {
		return
	}
	seen, err := r.st.SeenVector(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r.batches = append(r.batches, testBatch{origin: Origin{Device: r.st.DeviceID(), Seq: int64(len(r.batches) + 1), Seen: seen}, rows: rows})
}

// pull applies, in order, every batch of from that r has not applied yet.
func (r *replica) pull(t testing.TB, from *replica) {
	for _, b := range from.batches {
		_, err := r.st.ApplyRemote(context.Background(), b.origin, yield(b.rows))
		if err != nil {
			t.Fatal(err)
		}
	}
}

// yield hands rows to ApplyRemote one at a time.
func yield(rows []RowChange) func() (RowChange, bool, error) {
	i := 0
	return func() (RowChange, bool, error) {
		if i == len(rows) {
			return RowChange{}, false, nil
		}
		i++
		return rows[i-1], true, nil
	}
}

func (r *replica) dump(t testing.TB) string {
	var b bytes.Buffer
	if err := r.st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// exchangeAll syncs every replica with every other until none has
// anything new to send: a merge can make changes of its own (a conflict
// found, a duplicate flagged) that travel in the next round. A set that
// still has news after ten rounds never settles.
func exchangeAll(t testing.TB, rs []*replica) {
	t.Helper()
	for round := 0; ; round++ {
		sent := 0
		for _, r := range rs {
			before := len(r.batches)
			r.publish(t)
			sent += len(r.batches) - before
		}
		if sent == 0 && round > 0 {
			return
		}
		if round == 10 {
			t.Fatalf("replicas still sending changes after %d rounds", round)
		}
		for _, r := range rs {
			for _, o := range rs {
				if r != o {
					r.pull(t, o)
				}
			}
		}
	}
}

// steppingClock is a clock for replicas that share it: every reading is
// a millisecond after the one before, so that a run of a property test
// stamps the same way each time it is replayed.
func steppingClock() Clock {
	var mu gosync.Mutex
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Millisecond)
		return now
	}
}

func TestSameFieldEditedOnTwoLaptops(t *testing.T) {
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Yui", FamilyName: "Sato", Email: "yui@example.jp"}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	pa, pb := p, p
	pa.JobTitle, pb.JobTitle = "Analyst", "Translator"
	a.save(t, &pa)
	b.save(t, &pb)
	exchangeAll(t, []*replica{a, b})
	if a.dump(t) != b.dump(t) {
		t.Fatalf("replicas differ:\n%s\n%s", a.dump(t), b.dump(t))
	}
	for _, r := range []*replica{a, b} {
		cs := r.conflicts(t, true)
		if len(cs) != 1 || cs[0].Col != "job_title" {
			t.Fatalf("want one job title conflict, got %+v", cs)
		}
		if cs[0].Kept != "Translator" && cs[0].Kept != "Analyst" || cs[0].Kept == cs[0].Other {
			t.Errorf("conflict does not show both values: %+v", cs[0])
		}
	}
}

func TestEditAgainstDeleteBothOrders(t *testing.T) {
	for _, deleteFirst := range []bool{true, false} {
		t.Run(fmt.Sprint("deleteFirst=", deleteFirst), func(t *testing.T) {
			a, b, c := newReplica(t, nil), newReplica(t, nil), newReplica(t, nil)
			p := Person{GivenName: "Ren", FamilyName: "Ito"}
			a.save(t, &p)
			exchangeAll(t, []*replica{a, b, c})
			edited := p
			edited.Notes = "wants an internship"
			b.save(t, &edited)
			a.delete(t, p.ID)
			a.publish(t)
			b.publish(t)
			if deleteFirst {
				c.pull(t, a)
				c.pull(t, b)
			} else {
				c.pull(t, b)
				c.pull(t, a)
			}
			exchangeAll(t, []*replica{a, b, c})
			if a.dump(t) != c.dump(t) || b.dump(t) != c.dump(t) {
				t.Fatal("replicas differ")
			}
			if got := c.person(t, p.ID); got.Deleted || got.Notes != edited.Notes {
				t.Fatalf("the unseen edit did not bring the person back: %+v", got)
			}
			if cs := c.conflicts(t, true); len(cs) != 1 || cs[0].Kind != "delete" {
				t.Fatalf("want one edit-against-delete conflict, got %+v", cs)
			}
		})
	}
}

func TestDeleteAfterSeeingTheEditWins(t *testing.T) {
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Mei"}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	p.Notes = "seen"
	b.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	a.delete(t, p.ID)
	exchangeAll(t, []*replica{a, b})
	if !b.person(t, p.ID).Deleted {
		t.Fatal("a delete that had seen every edit did not stick")
	}
}

// A laptop edits and then deletes a person while another deletes them
// too, unaware of the edit. The second laptop, receiving the edit, revives
// the person over its own delete before sending it: the revive must leave
// that laptop, or the first never hears of the delete that the edit beat.
func TestReviveOverAnUnsentDeleteReachesTheEditor(t *testing.T) {
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Aoi"}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	p.Notes = "edited before deleting"
	a.save(t, &p)
	a.delete(t, p.ID)
	b.delete(t, p.ID)
	a.publish(t)
	b.pull(t, a)
	exchangeAll(t, []*replica{a, b})
	if a.dump(t) != b.dump(t) {
		t.Fatalf("replicas differ: the editor has deleted=%v, the other deleted=%v", a.person(t, p.ID).Deleted, b.person(t, p.ID).Deleted)
	}
}

func TestApplyingABatchTwiceChangesNothing(t *testing.T) {
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Sota"}
	a.save(t, &p)
	a.publish(t)
	b.pull(t, a)
	before := b.dump(t)
	seq := b.st.LastSeq()
	b.pull(t, a)
	if b.dump(t) != before {
		t.Fatal("second application changed the data")
	}
	if b.st.LastSeq() != seq {
		t.Fatal("second application wrote anything")
	}
}

func TestClockFarAheadDoesNotDragOthers(t *testing.T) {
	now := time.Date(2026, 10, 23, 11, 0, 0, 0, time.UTC)
	ahead := func() time.Time { return now.Add(365 * 24 * time.Hour) }
	a, b := newReplica(t, ahead), newReplica(t, func() time.Time { return now })
	p := Person{GivenName: "Aoi"}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	// b edits after seeing a's far-future stamp: its edit must still win.
	p.JobTitle = "Engineer"
	b.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	if got := a.person(t, p.ID); got.JobTitle != "Engineer" {
		t.Fatalf("edit after a skewed stamp lost: %q", got.JobTitle)
	}
	if b.st.clock.current().Time().After(now.Add(time.Hour)) {
		t.Fatal("a clock a year ahead dragged this laptop's clock with it")
	}
}

// TestReplicasConverge: replicas make random changes and exchange them in
// random order; after a full exchange all hold the same data, and every
// value anyone saved is in the data or in history.
func TestReplicasConverge(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		n := rapid.IntRange(2, 4).Draw(rt, "replicas")
		rs := make([]*replica, n)
		clock := steppingClock()
		for i := range rs {
			rs[i] = newReplica(t, clock)
		}
		// Closed after each check, not only with the test: a long run
		// (-rapid.checks=5000) would otherwise run out of file handles.
		defer func() {
			for _, r := range rs {
				r.st.Close()
			}
		}()
		var ids []string
		type saved struct{ id, value string }
		var notes []saved
		steps := rapid.IntRange(1, 30).Draw(rt, "steps")
		for range steps {
			r := rs[rapid.IntRange(0, n-1).Draw(rt, "who")]
			switch op := rapid.IntRange(0, 4).Draw(rt, "op"); {
			case op == 0 || len(ids) == 0:
				p := Person{GivenName: rapid.StringMatching(`[A-Z][a-z]{2,6}`).Draw(rt, "name")}
				if err := r.st.SavePerson(ctx, &p); err != nil {
					rt.Fatal(err)
				}
				ids = append(ids, p.ID)
				r.publish(t)
			case op == 1:
				id := rapid.SampledFrom(ids).Draw(rt, "edit")
				p, err := r.st.Person(ctx, id)
				// A laptop that has only another laptop's later edit of a
				// person, not the batch that created them, holds the row
				// without a name, and saving it is refused until it arrives.
				if err != nil || p.Deleted || p.GivenName == "" {
					continue
				}
				p.Notes = rapid.StringMatching(`[a-z]{1,8}`).Draw(rt, "notes")
				if err := r.st.SavePerson(ctx, &p.Person); err != nil {
					rt.Fatal(err)
				}
				notes = append(notes, saved{id, p.Notes})
			case op == 2:
				id := rapid.SampledFrom(ids).Draw(rt, "delete")
				if p, err := r.st.Person(ctx, id); err == nil && !p.Deleted {
					if err := r.st.DeletePerson(ctx, id); err != nil {
						rt.Fatal(err)
					}
				}
			case op == 3:
				r.publish(t)
			default:
				o := rs[rapid.IntRange(0, n-1).Draw(rt, "from")]
				if o != r {
					r.pull(t, o)
				}
			}
		}
		exchangeAll(t, rs)
		want := rs[0].dump(t)
		for i, r := range rs[1:] {
			if got := r.dump(t); got != want {
				rt.Fatalf("replica %d differs from replica 0:\n%s\n---\n%s", i+1, got, want)
			}
		}
		// A value overwritten before it was ever sent lives only in its own
		// laptop's history; so a saved value must be somewhere, not everywhere.
		for _, s := range notes {
			found := 0
			for _, r := range rs {
				var n int
				err := r.st.reader.Get(&n, `SELECT (SELECT count(*) FROM people WHERE id = ?1 AND notes = ?2) +
					(SELECT count(*) FROM history WHERE tbl = 'people' AND id = ?1 AND col = 'notes' AND value = ?2)`, s.id, s.value)
				if err != nil {
					rt.Fatal(err)
				}
				found += n
			}
			if found == 0 {
				rt.Fatalf("the note %q on %s is nowhere", s.value, s.id)
			}
		}
	})
}
