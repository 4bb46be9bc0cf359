package sync

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestABoothLaptopsSnapshotHoldsWhatItWroteAndStartsNoJoin(t *testing.T) {
	ctx := context.Background()
	f := newPrivateFair(t)
	f.Clock.Set(time.Now()) // the booth laptop, joined by Join, keeps real time
	// A second organiser laptop that has read nothing of the booth's yet.
	lagging, _, err := joinAs(ctx, f.Store, filepath.Join(t.TempDir(), "lagging.db"), f.dir, data.LaptopOrganiser)
	datatest.Must(t, err)
	defer lagging.Close()
	// The booth folds its batches twice, so that the first ones are gone
	// from the folder and only its snapshot holds them.
	defer func(n int64) { compactAfter = n }(compactAfter)
	compactAfter = 1
	for _, note := range []string{"first talk", "second talk", "third talk"} {
		datatest.Must(t, f.booth.st.SaveLead(ctx, &data.Lead{BoothID: f.Booth.ID, PersonID: f.Taro.ID, Notes: note}))
		datatest.Must(t, f.booth.st.SaveLead(ctx, &data.Lead{BoothID: f.Booth.ID, PersonID: f.Alice.ID, Notes: note + " with Alice"}))
		f.booth.sync(t)
		if _, err := f.booth.engine.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if files, _ := f.booth.engine.Folder.List(ctx, devicesDir+"/"+f.booth.st.DeviceID()); len(files) >= 3 {
		t.Fatalf("the booth's batches are all still there (%v): the test proves nothing", files)
	}
	// The booth's snapshot stands in for its batches: it holds what the
	// booth wrote, not the directory the organisers wrote.
	own := t.TempDir()
	names, _ := filepath.Glob(filepath.Join(f.dir, snapshotsDir, f.booth.st.DeviceID()+"-*"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		datatest.Must(t, err)
		datatest.Must(t, os.WriteFile(filepath.Join(own, filepath.Base(n)), b, 0o600))
	}
	k, err := loadKeyring(ctx, f.booth.st)
	datatest.Must(t, err)
	if text := readable(t, own, k, []string{f.Booth.ID}); len(names) == 0 || !strings.Contains(text, "second talk") || strings.Contains(text, "Kaisha KK") {
		t.Errorf("the booth's snapshot (%d files) holds more or less than what the booth wrote: %s", len(names), text)
	}
	f.org.sync(t)

	// The lagging laptop catches up on the booth's stream from its snapshot.
	r := (&laptop{st: lagging, engine: &Engine{Store: lagging, Folder: Dir{Root: f.dir}}}).sync(t)
	for _, p := range r.Problems {
		if strings.Contains(p, "refused") {
			t.Errorf("catching up from the booth's snapshot: %s", p)
		}
	}
	if cs, err := lagging.Conflicts(ctx, true); err != nil || len(cs) != 0 {
		t.Errorf("catching up from the booth's snapshot left conflicts: %+v %v", cs, err)
	}
	// A laptop joining now starts from an organiser's snapshot, never from
	// the booth's, which holds only the booth's share.
	fresh, _, err := joinAs(ctx, f.Store, filepath.Join(t.TempDir(), "fresh.db"), f.dir, data.LaptopOrganiser)
	datatest.Must(t, err)
	defer fresh.Close()
	want := f.org.dump(t)
	for name, st := range map[string]*data.Store{"the lagging laptop": lagging, "a laptop joining now": fresh} {
		if got := dumpOf(t, st); got != want {
			t.Errorf("%s differs from the organiser's:\n%s\nwant\n%s", name, got, want)
		}
	}
}
