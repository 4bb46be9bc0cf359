package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/sync"
)

// TestFairctlAcceptsABatchHeldForItsClock: a laptop whose clock runs two
// hours fast writes a change; the other laptop's sync holds it back and
// names it, fairctl conflicts lists it, and --accept lets it in.
func TestFairctlAcceptsABatchHeldForItsClock(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	folder, db := t.TempDir(), filepath.Join(dir, "desk.db")
	if code, _, stderr := runIn(t, db, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	if code, _, stderr := runIn(t, db, "share", "--folder", folder); code != 0 {
		t.Fatalf("share: %s", stderr)
	}
	fastPath := filepath.Join(dir, "Fast laptop") // the name it is invited by
	desk := datatest.OpenAt(t, db, nil)
	st, _, err := joinInvited(ctx, desk, folder, fastPath, data.LaptopOrganiser)
	desk.Close()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	fast := datatest.OpenAt(t, fastPath, func() time.Time { return time.Now().Add(2 * time.Hour) })
	fast.SetLaptopName(ctx, "Fast laptop")
	p := data.Person{GivenName: "Futura", Email: "futura@example.org"}
	if err := fast.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := (&sync.Engine{Store: fast, Folder: sync.Dir{Root: folder}}).Sync(ctx); err != nil {
		t.Fatal(err)
	}
	_, out, _ := runIn(t, db, "sync")
	if !strings.Contains(out, "Fast laptop's clock is 2h0m0s ahead") || !strings.Contains(out, "held back") {
		t.Fatalf("held batch not named:\n%s", out)
	}
	_, out, _ = runIn(t, db, "conflicts")
	want := fast.DeviceID() + ":1"
	if !strings.Contains(out, want+"\tbatch 1 of laptop Fast laptop is held back") {
		t.Fatalf("conflicts does not list the held batch:\n%s", out)
	}
	if _, out, _ = runIn(t, db, "search", "Futura"); strings.Contains(out, "Futura") {
		t.Fatal("the held batch was applied")
	}
	if code, _, stderr := runIn(t, db, "conflicts", "--accept", "../../x:1"); code != 2 || !strings.Contains(stderr, "DEVICE:BATCH") {
		t.Fatalf("a bad --accept: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runIn(t, db, "conflicts", "--accept", want); code != 0 {
		t.Fatalf("accept: %s", stderr)
	}
	runIn(t, db, "sync")
	if _, out, _ = runIn(t, db, "search", "Futura"); !strings.Contains(out, "Futura") {
		t.Fatalf("the accepted batch was not applied:\n%s", out)
	}
	if _, out, _ = runIn(t, db, "conflicts"); strings.Contains(out, "held back") {
		t.Fatalf("the applied batch is still listed:\n%s", out)
	}
}
