package sync

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// An organiser's laptop that reads, in one sync, the batch that makes a
// booth and the first batch of that booth's laptop takes both whole,
// in whichever order it reads them: the booth's key is derived from the
// writer's role when the index made at the sync's first batch lacks it.
// Reading the booth laptop's batch first used to leave its sections
// sealed, and the batch counted as applied: the visit was lost there.
func TestAnOrganiserReadsANewBoothsLaptopInTheSyncThatBringsTheBooth(t *testing.T) {
	ctx := context.Background()
	f, dir, a := shareFair(t)
	b := joinOnFairClock(t, f, dir, data.LaptopOrganiser)
	b.sync(t)

	booth := data.Booth{Code: "C03", Name: "New Co"}
	datatest.Must(t, f.Store.SaveBooth(ctx, &booth, nil))
	a.sync(t)
	c := joinOnFairClock(t, f, dir, data.BoothLaptop(booth.ID))
	_, err := c.st.LogVisitOf(ctx, booth.ID, f.Taro.ID, "staff")
	datatest.Must(t, err)
	c.sync(t)
	if r := a.sync(t); r.Received == 0 {
		t.Fatalf("the inviting organiser did not take the booth's visit: %v", r.Problems)
	}

	r := b.sync(t)
	if got, want := b.dump(t), a.dump(t); got != want {
		t.Fatalf("after one sync the second organiser holds\n%s\nthe first\n%s\n(problems: %v)", got, want, r.Problems)
	}
}

// shareFair shares a fair into a new folder and returns the fair, the
// folder and the sharing laptop.
func shareFair(t *testing.T) (*datatest.Fair, string, *laptop) {
	t.Helper()
	f := datatest.NewFair(t)
	dir := t.TempDir()
	_, err := shareTest(context.Background(), f.Store, dir)
	datatest.Must(t, err)
	return f, dir, &laptop{st: f.Store, engine: &Engine{Store: f.Store, Folder: Dir{Root: dir}}}
}

// joinOnFairClock joins dir in role, invited by the fair's laptop, and
// opens the new laptop on the fair's clock.
func joinOnFairClock(t *testing.T, f *datatest.Fair, dir string, role data.LaptopRole) *laptop {
	t.Helper()
	path := filepath.Join(t.TempDir(), "event.db")
	st, _, err := joinAs(context.Background(), f.Store, path, dir, role)
	datatest.Must(t, err)
	datatest.Must(t, st.Close())
	st = datatest.OpenAt(t, path, f.Clock.Now)
	return &laptop{st: st, engine: &Engine{Store: st, Folder: Dir{Root: dir}}}
}

// An organiser's laptop that reads a visit logged on another organiser's
// laptop for a booth it has not received yet (the folder brought the
// visit before the booth) waits for the booth instead of dropping the
// visit, which travels in the booth's section only.
func TestAnOrganiserWaitsForTheBoothOfAVisitItCannotOpenYet(t *testing.T) {
	ctx := context.Background()
	f, dir, a := shareFair(t)
	b := joinOnFairClock(t, f, dir, data.LaptopOrganiser)
	c := joinOnFairClock(t, f, dir, data.LaptopOrganiser)
	syncAll(t, []*laptop{a, b, c})

	booth := data.Booth{Code: "C03", Name: "New Co"}
	datatest.Must(t, f.Store.SaveBooth(ctx, &booth, nil))
	a.sync(t)
	b.sync(t)
	_, err := b.st.LogVisitOf(ctx, booth.ID, f.Taro.ID, "staff")
	datatest.Must(t, err)
	b.sync(t)

	// The folder has not brought the first laptop's batches to the third.
	aDir := filepath.Join(dir, devicesDir, f.Store.DeviceID())
	hidden := filepath.Join(t.TempDir(), "late")
	datatest.Must(t, os.Rename(aDir, hidden))
	r := c.sync(t)
	if !slices.ContainsFunc(r.Problems, func(p string) bool { return strings.Contains(p, "booth") }) {
		t.Errorf("reading the visit before its booth, the third laptop said nothing of it: %v", r.Problems)
	}
	datatest.Must(t, os.Rename(hidden, aDir))
	c.sync(t)
	r = c.sync(t)
	b.sync(t)
	if got, want := c.dump(t), b.dump(t); got != want {
		t.Fatalf("once the booth came, the third laptop holds\n%s\nthe second\n%s\n(problems: %v)", got, want, r.Problems)
	}
}
