package sync

import (
	"context"
	"path/filepath"
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
	f := datatest.NewFair(t)
	dir := t.TempDir()
	_, err := shareTest(ctx, f.Store, dir)
	datatest.Must(t, err)
	a := &laptop{st: f.Store, engine: &Engine{Store: f.Store, Folder: Dir{Root: dir}}}
	b := joinOnFairClock(t, f, dir, data.LaptopOrganiser)
	b.sync(t)

	booth := data.Booth{Code: "C03", Name: "New Co"}
	datatest.Must(t, f.Store.SaveBooth(ctx, &booth, nil))
	a.sync(t)
	c := joinOnFairClock(t, f, dir, data.BoothLaptop(booth.ID))
	_, err = c.st.LogVisitOf(ctx, booth.ID, f.Taro.ID, "staff")
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
