package data

import (
	"context"
	"testing"
)

// stampRows counts, by field, the stamps of their own that people have.
func stampRows(t *testing.T, st *Store) map[string]int {
	t.Helper()
	var rows []struct {
		Col string `db:"col"`
		N   int    `db:"n"`
	}
	if err := st.reader.Select(&rows, "SELECT col, count(*) AS n FROM stamps WHERE tbl = 'people' GROUP BY col"); err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, r := range rows {
		n[r.Col] = r.N
	}
	return n
}

// organiserAndBoothLaptop is an organiser's laptop with booth A01, and a
// laptop that is A01's.
func organiserAndBoothLaptop(t *testing.T) (org, booth *replica, b Booth) {
	ctx := context.Background()
	org, booth = newReplica(t, nil), newReplica(t, nil)
	b = Booth{Code: "A01", Name: "Kaisha KK"}
	if err := org.st.SaveBooth(ctx, &b, nil); err != nil {
		t.Fatal(err)
	}
	if err := booth.st.SetLocalRole(ctx, BoothLaptop(b.ID)); err != nil {
		t.Fatal(err)
	}
	return org, booth, b
}

func TestBoothLaptopStampsOnlyFieldsItMayReceive(t *testing.T) {
	org, booth, _ := organiserAndBoothLaptop(t)
	p := Person{GivenName: "Alice", Email: "alice@example.com", Notes: "organisers only", ProgrammeRole: "ALT"}
	org.save(t, &p)
	org.publish(t)
	booth.pull(t, org)

	// The directory fields share the row's stamp; the fields only
	// organisers read have none, and nor do the contact details it does
	// not hold, which may come later with consent.
	if n := stampRows(t, booth.st); len(n) != 0 {
		t.Errorf("the booth laptop keeps stamps of their own for a person it holds no contact details of: %v", n)
	}
	if got := booth.person(t, p.ID); got.GivenName != "Alice" || got.Email != "" || got.Notes != "" {
		t.Errorf("the booth laptop holds %+v", got.Person)
	}
}

func TestBoothLaptopKeepsAHeldContactDetailAgainstAnOlderOne(t *testing.T) {
	ctx := context.Background()
	org, booth, b := organiserAndBoothLaptop(t)
	// Saved in one change, the e-mail shares the row's stamp; the booth
	// receives it whole with the row, since Taro consents and visited.
	p := Person{GivenName: "Taro", Email: "taro@example.jp", Consent: true}
	org.save(t, &p)
	if _, err := org.st.LogVisitOf(ctx, b.ID, p.ID, "staff"); err != nil {
		t.Fatal(err)
	}
	org.publish(t)
	booth.pull(t, org)
	if got := booth.person(t, p.ID).Email; got != "taro@example.jp" {
		t.Fatalf("the booth laptop holds e-mail %q of its consenting visitor: the test proves nothing", got)
	}
	if n := stampRows(t, booth.st); n["email"] != 1 {
		t.Errorf("the booth laptop keeps %d stamps of its own for the e-mail it holds, want 1", n["email"])
	}
	// An organiser that has not seen the e-mail yet sends an older one.
	var held Stamp
	for _, rc := range org.batches[0].rows {
		if rc.Table == peopleTable.name && rc.ID == p.ID {
			held = rc.Cells["email"].Stamp
		}
	}
	older := RowChange{Table: peopleTable.name, ID: p.ID, Cells: map[string]Cell{
		"email": {Value: "old@example.jp", Stamp: Stamp{HLC: held.HLC - 1, Dev: held.Dev}},
	}}
	// So does the organiser's own laptop once it becomes the booth's.
	if err := org.st.SetLocalRole(ctx, BoothLaptop(b.ID)); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*replica{"booth laptop": booth, "laptop turned booth laptop": org} {
		if _, err := r.st.ApplyRemote(ctx, Origin{Device: "0123456789abcdef", Seq: 99}, yield([]RowChange{older})); err != nil {
			t.Fatal(err)
		}
		if got := r.person(t, p.ID).Email; got != "taro@example.jp" {
			t.Errorf("an older e-mail replaced the one the %s held: %q", name, got)
		}
	}
}

func TestATombstoneArrivingFirstStaysDeleted(t *testing.T) {
	ctx := context.Background()
	a, b := newReplica(t, nil), newReplica(t, nil)
	p := Person{GivenName: "Gone"}
	a.save(t, &p)
	a.delete(t, p.ID)
	a.publish(t)
	// b first receives the tombstone alone, as a change that carries only
	// what is newer than what its receiver has seen would.
	whole := a.batches[len(a.batches)-1]
	tomb := RowChange{Table: "people", ID: p.ID, Cells: map[string]Cell{"deleted": whole.rows[0].Cells["deleted"]}}
	if _, err := b.st.ApplyRemote(ctx, Origin{Device: "0123456789abcdef", Name: "other", Seq: 1}, yield([]RowChange{tomb})); err != nil {
		t.Fatal(err)
	}
	if got := b.person(t, p.ID); !got.Deleted {
		t.Fatalf("a row that arrived as its tombstone is live: %+v", got.Person)
	}
	b.pull(t, a)
	if got, want := b.dump(t), a.dump(t); got != want {
		t.Errorf("after the tombstone arrived first:\n%s\nwant\n%s", got, want)
	}
	if cs := b.conflicts(t, true); len(cs) != 0 {
		t.Errorf("the tombstone arriving first made conflicts: %+v", cs)
	}
}

func TestOwnOlderValueComingBackIsNoConflict(t *testing.T) {
	a := newReplica(t, nil)
	p := Person{GivenName: "Ana", Email: "first@example.com"}
	a.save(t, &p)
	a.publish(t)
	first := a.batches[len(a.batches)-1].rows[0]
	p.Email = "second@example.com"
	a.save(t, &p)
	// Another laptop's snapshot carries a's first e-mail, with a's stamp.
	relayed := RowChange{Table: "people", ID: p.ID, Cells: map[string]Cell{"email": first.Cells["email"]}}
	if _, err := a.st.ApplyRemote(context.Background(), Origin{Device: "0123456789abcdef", Name: "other", Seq: 1}, yield([]RowChange{relayed})); err != nil {
		t.Fatal(err)
	}
	if cs := a.conflicts(t, true); len(cs) != 0 {
		t.Errorf("its own older e-mail coming back made conflicts: %+v", cs)
	}
	if got := a.person(t, p.ID).Email; got != "second@example.com" {
		t.Errorf("e-mail is %q, want the newer one", got)
	}
}

func TestBoothLaptopKeepsNoConflictAboutAPerson(t *testing.T) {
	ctx := context.Background()
	org1, org2, booth := newReplica(t, nil), newReplica(t, nil), newReplica(t, nil)
	b := Booth{Code: "A01", Name: "Kaisha KK"}
	if err := org1.st.SaveBooth(ctx, &b, nil); err != nil {
		t.Fatal(err)
	}
	if err := booth.st.SetLocalRole(ctx, BoothLaptop(b.ID)); err != nil {
		t.Fatal(err)
	}
	p := Person{GivenName: "Ana"}
	org1.save(t, &p)
	org1.publish(t)
	org2.pull(t, org1)
	// Both organisers rename her before seeing the other's change.
	for _, x := range []struct {
		r    *replica
		name string
	}{{org1, "Anna"}, {org2, "Ann"}} {
		q := x.r.person(t, p.ID).Person
		q.GivenName = x.name
		x.r.save(t, &q)
		x.r.publish(t)
	}
	org1.pull(t, org2)
	booth.pull(t, org1)
	booth.pull(t, org2)
	if cs := org1.conflicts(t, false); len(cs) != 1 {
		t.Fatalf("the organiser finds %d conflicts, want 1: the test proves nothing", len(cs))
	}
	if cs := booth.conflicts(t, true); len(cs) != 0 {
		t.Errorf("the booth laptop keeps conflicts about a person, the organisers' to resolve: %+v", cs)
	}
}
