package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// smallChunks makes ApplyRemote split batches every n rows for one test.
func smallChunks(t *testing.T, n int) {
	old := applyChunkRows
	applyChunkRows = n
	t.Cleanup(func() { applyChunkRows = old })
}

// onChunk replaces what runs between two chunks of a batch for one test.
func onChunk(t *testing.T, fn func(ctx context.Context) error) {
	old := betweenChunks
	betweenChunks = fn
	t.Cleanup(func() { betweenChunks = old })
}

// addPeople adds n people in one write; the first shares an e-mail (in
// another case) and the second a badge code with people the receiver has.
func addPeople(t *testing.T, st *Store, n int) {
	t.Helper()
	err := st.ImportTx(context.Background(), func(b *ImportTx) error {
		for i := range n {
			p := Person{GivenName: fmt.Sprint("Given", i), FamilyName: "Family", Email: fmt.Sprintf("p%d@example.org", i)}
			switch i {
			case 0:
				p.Email = "Shared@Example.org"
			case 1:
				p.BadgeCode = "BADGE2"
			}
			if err := b.SavePerson(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// earlyPeople is a laptop with two people that the test batches duplicate.
func earlyPeople(t *testing.T) *replica {
	t.Helper()
	r := newReplica(t, nil)
	for _, p := range []Person{{GivenName: "Early", Email: "shared@example.org"}, {GivenName: "Other", BadgeCode: "BADGE2"}} {
		if err := r.st.SavePerson(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
	}
	r.publish(t)
	return r
}

// receiver is a laptop that has the early people already.
func receiver(t *testing.T, early *replica) *replica {
	t.Helper()
	r := newReplica(t, nil)
	r.pull(t, early)
	return r
}

func duplicateConflicts(t *testing.T, st *Store) int {
	t.Helper()
	var n int
	if err := st.reader.Get(&n, "SELECT count(*) FROM conflicts WHERE kind = 'duplicate'"); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDuplicateLookupUsesTheIndexes(t *testing.T) {
	st := openTemp(t, nil)
	var plan []struct {
		ID     int    `db:"id"`
		Parent int    `db:"parent"`
		NotUse int    `db:"notused"`
		Detail string `db:"detail"`
	}
	if err := st.reader.Select(&plan, "EXPLAIN QUERY PLAN "+duplicatesQuery, `["a","b"]`); err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, p := range plan {
		details = append(details, p.Detail)
	}
	text := strings.Join(details, "; ")
	if strings.Contains(text, "SCAN p") || strings.Contains(text, "SCAN o") || !strings.Contains(text, "people_email") || !strings.Contains(text, "people_badge") {
		t.Fatalf("duplicate lookup is not two index searches: %s", text)
	}
}

func TestBigBatchAppliesInChunksAndFindsDuplicates(t *testing.T) {
	smallChunks(t, 10)
	a, b := newReplica(t, nil), receiver(t, earlyPeople(t))
	addPeople(t, a.st, 35)
	a.publish(t)

	// Between chunks the write lock is free: a second handle on the same
	// file, as the app or another fairctl would be, writes at once.
	other, err := Open(b.st.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	chunks := 0
	onChunk(t, func(ctx context.Context) error {
		chunks++
		p := Person{GivenName: fmt.Sprint("Walk-in", chunks)}
		return other.SavePerson(ctx, &p)
	})
	b.pull(t, a)
	if chunks != 3 {
		t.Fatalf("a batch of 35 new people went in %d chunk boundaries, want 3 (chunks of 10)", chunks)
	}
	if n := duplicateConflicts(t, b.st); n != 2 {
		t.Fatalf("%d duplicates flagged, want 2 (one by e-mail in another case, one by badge)", n)
	}
	n, err := b.st.CountPeople(context.Background(), PeopleFilter{})
	if err != nil || n != 2+35+3 {
		t.Fatalf("%d people after the batch (%v), want %d", n, err, 2+35+3)
	}
}

func TestBatchBrokenOffBetweenChunksReappliesToTheSameData(t *testing.T) {
	smallChunks(t, 10)
	a := newReplica(t, nil)
	addPeople(t, a.st, 35)
	a.publish(t)

	early := earlyPeople(t)
	whole := receiver(t, early)
	whole.pull(t, a)

	// A crash after the second chunk: what was committed stays, the
	// checkpoint does not move.
	broken := receiver(t, early)
	calls := 0
	crash := errors.New("killed")
	onChunk(t, func(context.Context) error {
		if calls++; calls == 2 {
			return crash
		}
		return nil
	})
	b := a.batches[0]
	_, err := broken.st.ApplyRemote(context.Background(), b.origin, yield(b.rows))
	if !errors.Is(err, crash) {
		t.Fatalf("apply broken off: %v", err)
	}
	peers, err := broken.st.Peers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range peers {
		if p.Device == a.st.DeviceID() {
			t.Fatalf("the batch is marked applied after a partial apply: %+v", p)
		}
	}
	if n, _ := broken.st.CountPeople(context.Background(), PeopleFilter{}); n != 2+20 {
		t.Fatalf("%d people after two chunks, want %d", n, 2+20)
	}

	onChunk(t, func(context.Context) error { return nil })
	broken.pull(t, a)
	if got, want := broken.dump(t), whole.dump(t); got != want {
		t.Fatalf("re-applying a broken-off batch gives other data than one whole apply:\n%s\nwant\n%s", got, want)
	}
	if n := duplicateConflicts(t, broken.st); n != 2 {
		t.Fatalf("%d duplicates after re-applying, want 2", n)
	}
}

func TestBatchWithAnUnknownTableChangesNothing(t *testing.T) {
	smallChunks(t, 10)
	a, b := newReplica(t, nil), newReplica(t, nil)
	addPeople(t, a.st, 25)
	a.publish(t)
	rows := append(a.batches[0].rows, RowChange{Table: "local_state", ID: "x", Cells: map[string]Cell{"value": {Value: "1"}}})
	_, err := b.st.ApplyRemote(context.Background(), a.batches[0].origin, yield(rows))
	if err == nil || !strings.Contains(err.Error(), "unknown table") {
		t.Fatalf("batch with a row for local_state: %v", err)
	}
	if n, _ := b.st.CountPeople(context.Background(), PeopleFilter{}); n != 0 {
		t.Fatalf("%d people applied from a batch that was refused", n)
	}
}

// Rows already here are read ahead a window at a time; a row changed twice
// in one batch must be compared the second time with what the first
// change wrote, not with the copy read ahead: here the second carries an
// older value, which must lose.
func TestSecondChangeOfARowInABatchSeesTheFirst(t *testing.T) {
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Riku"}
	a.save(t, &p)
	exchangeAll(t, []*replica{a, b})
	now := HLC(uint64(time.Now().Add(time.Minute).UnixMilli()) << hlcCounterBits)
	newer := RowChange{Table: "people", ID: p.ID, Cells: map[string]Cell{"notes": {Value: "newer", Stamp: Stamp{HLC: now + 2, Dev: "remote"}}}}
	older := RowChange{Table: "people", ID: p.ID, Cells: map[string]Cell{"notes": {Value: "older", Stamp: Stamp{HLC: now + 1, Dev: "remote"}}}}
	if _, err := b.st.ApplyRemote(context.Background(), Origin{Device: "remote", Seq: 1}, yield([]RowChange{newer, older})); err != nil {
		t.Fatal(err)
	}
	if got := b.person(t, p.ID).Notes; got != "newer" {
		t.Fatalf("notes are %q after the newer and then the older value", got)
	}
}
