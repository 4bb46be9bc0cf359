package sync

import (
	"context"
	"fmt"
	"strings"
	gosync "sync"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// Two programs on one laptop that sync the same database at the same
// moment (the app and `fairctl sync`, or a second window) take turns: the
// second finds the first's batch already written under its number, which
// must not make the database take a new device id as if it were a copy.
func TestTwoProgramsSyncingOneDatabaseTakeTurns(t *testing.T) {
	ctx := context.Background()
	dir, laptops := sharedEvent(t, 2)
	app, other := laptops[0], laptops[1]
	device := app.st.DeviceID()
	second := datatest.OpenAt(t, app.st.Path(), nil)
	programs := []*Engine{app.engine, {Store: second, Folder: Dir{Root: dir}}}
	for i := range 12 {
		p := data.Person{GivenName: fmt.Sprintf("Guest%d", i), FamilyName: "Turns"}
		datatest.Must(t, app.st.SavePerson(ctx, &p))
		var wg gosync.WaitGroup
		for _, e := range programs {
			wg.Go(func() {
				r, err := e.Sync(ctx)
				if err != nil {
					t.Errorf("sync %d: %v", i, err)
				}
				for _, p := range r.Problems {
					if strings.Contains(p, "copied") {
						t.Errorf("sync %d: %s", i, p)
					}
				}
			})
		}
		wg.Wait()
	}
	if t.Failed() {
		t.FailNow()
	}
	reopened := datatest.OpenAt(t, app.st.Path(), nil)
	if got := reopened.DeviceID(); got != device {
		t.Fatalf("the database now syncs as %s, not %s", got, device)
	}
	other.sync(t)
	if got, want := other.dump(t), app.dump(t); got != want {
		t.Fatalf("the other laptop holds\n%s\nthis one\n%s", got, want)
	}
}

// A change another program on this laptop made after this program's
// last sync (fairctl checkin beside the app) goes out with this one's
// next sync: its change number follows the database's, not what this
// program last numbered.
func TestAChangeAnotherProgramMadeGoesOutWithTheNextSync(t *testing.T) {
	ctx := context.Background()
	_, laptops := sharedEvent(t, 2)
	app, other := laptops[0], laptops[1]
	script := datatest.OpenAt(t, app.st.Path(), nil)
	first := data.Person{GivenName: "Aiko", FamilyName: "Mori"}
	datatest.Must(t, app.st.SavePerson(ctx, &first))
	app.sync(t)
	second := data.Person{GivenName: "Ben", FamilyName: "Okafor"}
	datatest.Must(t, script.SavePerson(ctx, &second))
	third := data.Person{GivenName: "Chika", FamilyName: "Ueda"}
	datatest.Must(t, app.st.SavePerson(ctx, &third))
	app.sync(t)
	other.sync(t)
	if got, want := other.dump(t), app.dump(t); got != want {
		t.Fatalf("the other laptop holds\n%s\nthis one\n%s", got, want)
	}
}
