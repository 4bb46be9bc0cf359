package data_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/seed"
)

func TestCheckInByBadgeEmailOrName(t *testing.T) {
	for _, key := range []func(f *datatest.Fair) string{
		func(f *datatest.Fair) string { return f.Taro.BadgeCode },
		func(f *datatest.Fair) string { return " " + string([]rune(f.Taro.BadgeCode)) + "\n" },
		func(f *datatest.Fair) string { return "TARO@Example.JP" },
		func(f *datatest.Fair) string { return "Taro Yamada" },
		func(f *datatest.Fair) string { return "yamada  taro" },
		func(f *datatest.Fair) string { return "山田 太郎" },
		func(f *datatest.Fair) string { return "山田太郎" },
		func(f *datatest.Fair) string { return "ヤマダタロウ" },
	} {
		f := datatest.NewFair(t)
		k := key(f)
		res, err := f.Store.CheckIn(t.Context(), k, "ann")
		if err != nil {
			t.Fatalf("check in %q: %v", k, err)
		}
		if res.Person.ID != f.Taro.ID || res.AlreadyIn || res.Recorded.ID == "" {
			t.Fatalf("check in %q: got %+v, want Taro checked in", k, res)
		}
		if res.Person.OrgName != "Kaisha KK" || !res.Recorded.At.Equal(f.Opening) || res.Recorded.Laptop != "desk-1" || res.Recorded.Operator != "ann" {
			t.Errorf("check in %q recorded %+v of %s", k, res.Recorded, res.Person.OrgName)
		}
	}
}

func TestCheckInTwiceSaysWhenAndWhere(t *testing.T) {
	f := datatest.NewFair(t)
	first, err := f.Store.CheckIn(t.Context(), f.Taro.BadgeCode, "ann")
	datatest.Must(t, err)
	f.Clock.Advance(20 * time.Minute)
	datatest.Must(t, f.Store.SetLaptopName(t.Context(), "desk-2"))
	again, err := f.Store.CheckIn(t.Context(), "taro@example.jp", "ben")
	datatest.Must(t, err)
	if !again.AlreadyIn || !again.Since.Equal(first.Recorded.At) || again.Laptop != "desk-1" || again.Recorded.ID != "" {
		t.Fatalf("second check-in: %+v, want already in since %v on desk-1", again, first.Recorded.At)
	}
	if log := datatest.CheckIns(t, f.Store, f.Taro.ID); len(log) != 1 {
		t.Errorf("second check-in recorded a row: %d rows", len(log))
	}
}

func TestUndoCheckInAndCheckOut(t *testing.T) {
	f := datatest.NewFair(t)
	in, err := f.Store.CheckIn(t.Context(), f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	undo, err := f.Store.UndoCheckIn(t.Context(), in.Recorded.ID, "ann")
	datatest.Must(t, err)
	if undo.Action != data.CheckUndo || undo.Undoes != in.Recorded.ID || undo.PersonID != f.Alice.ID {
		t.Errorf("undo row %+v", undo)
	}
	if datatest.CheckedIn(t, f.Store, f.Alice.ID) {
		t.Error("still checked in after undo")
	}
	if _, err := f.Store.UndoCheckIn(t.Context(), in.Recorded.ID, "ann"); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v, want ErrAlreadyUndone", err)
	}
	if _, err := f.Store.UndoCheckIn(t.Context(), undo.ID, "ann"); err == nil {
		t.Error("an undo was undone")
	}
	if _, err := f.Store.UndoCheckIn(t.Context(), "nonsense", "ann"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("undo of nothing: %v", err)
	}

	f.Clock.Advance(time.Minute)
	in2, err := f.Store.CheckIn(t.Context(), f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	if in2.AlreadyIn {
		t.Fatal("check-in after undo says already in")
	}
	f.Clock.Advance(time.Hour)
	out, err := f.Store.CheckOut(t.Context(), "alice@example.com", "ann")
	datatest.Must(t, err)
	if out.NotIn || out.Recorded.Action != data.CheckedOut {
		t.Fatalf("check-out: %+v", out)
	}
	if again, _ := f.Store.CheckOut(t.Context(), "alice@example.com", "ann"); !again.NotIn || again.Recorded.ID != "" {
		t.Errorf("second check-out: %+v, want NotIn", again)
	}
	// Undoing the check-out puts her back in, since the first stay.
	_, err = f.Store.UndoCheckIn(t.Context(), out.Recorded.ID, "ann")
	datatest.Must(t, err)
	f.Clock.Advance(time.Minute)
	back, err := f.Store.CheckIn(t.Context(), f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	if !back.AlreadyIn || !back.Since.Equal(in2.Recorded.At) || back.Recorded.ID != "" {
		t.Errorf("after undoing the check-out: %+v, want already in since %v", back, in2.Recorded.At)
	}
}

func TestCheckInUnknownOrAmbiguous(t *testing.T) {
	f := datatest.NewFair(t)
	twin := data.Person{GivenName: "Taro", FamilyName: "Yamada", Email: "taro2@example.jp"}
	datatest.Must(t, f.Store.SavePerson(t.Context(), &twin))
	_, err := f.Store.CheckIn(t.Context(), "Taro Yamada", "ann")
	var ambiguous *data.AmbiguousError
	if !errors.As(err, &ambiguous) || len(ambiguous.Matches) != 2 {
		t.Fatalf("two Taro Yamadas: %v", err)
	}
	for _, key := range []string{"ZZZZZZ", "nobody@example.com", "Taro", "", "Yamad"} {
		if _, err := f.Store.CheckIn(t.Context(), key, "ann"); !errors.Is(err, data.ErrNotFound) {
			t.Errorf("check in %q: %v, want ErrNotFound", key, err)
		}
	}
	// The kanji name is still unique.
	if res, err := f.Store.CheckIn(t.Context(), "山田太郎", "ann"); err != nil || res.Person.ID != f.Taro.ID {
		t.Errorf("check in by kanji: %v %+v", err, res.Person.ID)
	}
}

func TestRegisterWalkIn(t *testing.T) {
	f := datatest.NewFair(t)
	walkIn := data.Person{GivenName: "Wendy", FamilyName: "Walker", Email: "wendy@example.com", Roles: data.NewSet("job_seeker")}
	res, err := f.Store.RegisterWalkIn(t.Context(), &walkIn, "ann")
	datatest.Must(t, err)
	if walkIn.ID == "" || len(walkIn.BadgeCode) != 6 || res.Person.ID != walkIn.ID || res.Recorded.Action != data.CheckedIn {
		t.Fatalf("walk-in: %+v", res)
	}
	again, err := f.Store.CheckIn(t.Context(), walkIn.BadgeCode, "ann")
	datatest.Must(t, err)
	if !again.AlreadyIn {
		t.Error("walk-in not checked in")
	}
	dup := data.Person{GivenName: "Alice", Email: "ALICE@example.com"}
	var fe data.FieldErrors
	if _, err := f.Store.RegisterWalkIn(t.Context(), &dup, "ann"); !errors.As(err, &fe) || fe["email"].Code != data.ProblemEmailTaken {
		t.Errorf("walk-in with a taken e-mail: %v", err)
	}
	if _, err := f.Store.RegisterWalkIn(t.Context(), &data.Person{}, "ann"); !errors.As(err, &fe) {
		t.Errorf("walk-in without a name: %v", err)
	}
}

func TestCheckInStats(t *testing.T) {
	f := datatest.NewFair(t)
	for _, p := range []data.Person{f.Taro, f.Alice, f.Bob} {
		_, err := f.Store.CheckIn(t.Context(), p.BadgeCode, "ann")
		datatest.Must(t, err)
		f.Clock.Advance(time.Minute)
	}
	_, err := f.Store.CheckOut(t.Context(), f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	res, err := f.Store.CheckIn(t.Context(), f.Alice.BadgeCode, "ann") // back again, then a slip undone
	datatest.Must(t, err)
	_, err = f.Store.UndoCheckIn(t.Context(), res.Recorded.ID, "ann")
	datatest.Must(t, err)

	stats, err := f.Store.CheckInStats(t.Context())
	datatest.Must(t, err)
	if stats.In != 2 {
		t.Errorf("checked in now: %d, want 2 (Taro, Bob)", stats.In)
	}
	want := map[data.Role]int{data.RoleMentor: 1, data.RoleRecruiter: 1, data.RoleSpeaker: 1}
	if len(stats.ByRole) != len(want) {
		t.Errorf("by role %v, want %v", stats.ByRole, want)
	}
	for r, n := range want {
		if stats.ByRole[r] != n {
			t.Errorf("by role %v, want %v", stats.ByRole, want)
		}
	}
	var names []string
	for _, r := range stats.Recent {
		names = append(names, r.Person.GivenName)
		if r.Checkin.Laptop != "desk-1" || r.Checkin.At.IsZero() {
			t.Errorf("recent check-in %+v", r.Checkin)
		}
	}
	if !slices.Equal(names, []string{"Bob", "Alice", "Taro"}) {
		t.Errorf("recent check-ins %v, want Bob, Alice, Taro (the undone one left out)", names)
	}
}

// BenchmarkCheckInByBadge100k checks in people by scanned badge code in an
// event of 100,000, timing each call to its commit. The budget is
// 20 ms at the 99th percentile. With b.Loop the seeding runs once.
func BenchmarkCheckInByBadge100k(b *testing.B) {
	ctx := context.Background()
	st := datatest.Open(b, nil)
	if err := seed.Generate(ctx, st, seed.Options{People: 100_000, Seed: 4}); err != nil {
		b.Fatal(err)
	}
	var codes []string
	for offset := 0; ; offset += 10_000 {
		page, err := st.ListPeople(ctx, data.PeopleFilter{}, offset, 10_000)
		if err != nil {
			b.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, p := range page {
			codes = append(codes, p.BadgeCode)
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })

	var latencies []time.Duration
	next := 0
	for b.Loop() {
		code := codes[next%len(codes)]
		if next >= len(codes) { // everyone is in: let this one out first
			if _, err := st.CheckOut(ctx, code, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		next++
		start := time.Now()
		res, err := st.CheckIn(ctx, code, "bench")
		latencies = append(latencies, time.Since(start))
		if err != nil || res.AlreadyIn {
			b.Fatalf("check in %s: %v (already in: %v)", code, err, res.AlreadyIn)
		}
	}
	slices.Sort(latencies)
	at := func(q float64) float64 {
		return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
