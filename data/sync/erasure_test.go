package sync

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// Taro, as the fair day writes him: every form of his that a file could hold.
var taroForms = []string{"taro@example.jp", "+81 3 1234 5678", "Yamada", "山田 太郎", "やまだ たろう", "A01 met Taro"}

func TestErasureLeavesNoReadableCopyInTheFolder(t *testing.T) {
	ctx := context.Background()
	f := newPrivateFair(t)
	f.Clock.Set(time.Now()) // the booth laptop, joined by Join, keeps real time
	// The booth laptop writes about Taro in its own batches too, and the
	// organiser has folded its batches into a snapshot (the share's) and
	// written more since.
	datatest.Must(t, f.booth.st.SaveLead(ctx, &data.Lead{BoothID: f.Booth.ID, PersonID: f.Taro.ID, Notes: "A01 met Taro"}))
	f.booth.sync(t)
	f.org.sync(t)
	ok, err := loadKeyring(ctx, f.org.st)
	datatest.Must(t, err)
	booths := []string{f.Booth.ID, f.B02.ID}
	before := readable(t, f.dir, ok, booths)
	for _, form := range taroForms {
		if !strings.Contains(before, form) {
			t.Fatalf("the folder does not hold %q before the erasure: the test proves nothing", form)
		}
	}

	datatest.Must(t, f.Store.ErasePerson(ctx, f.Taro.ID))
	r := f.org.sync(t)
	if r.Rewritten == 0 {
		t.Error("the organiser's laptop wrote none of its files again after the erasure")
	}
	if r := f.booth.sync(t); r.Rewritten == 0 {
		t.Error("the booth laptop wrote none of its files again after the erasure reached it")
	}
	f.org.sync(t)

	after := readable(t, f.dir, ok, booths)
	for _, form := range taroForms {
		if strings.Contains(after, form) {
			t.Errorf("after every laptop synced, the folder still holds %q", form)
		}
	}
	if !strings.Contains(after, "Alice") || !strings.Contains(after, "alice@example.com") {
		t.Error("the rewritten files lost people who were not erased")
	}
	// Nothing more to do at the next sync, and a laptop joining now
	// starts from the rewritten files.
	if r := f.org.sync(t); r.Rewritten != 0 {
		t.Errorf("the organiser wrote %d files again with no new erasure", r.Rewritten)
	}
	fresh, _, err := joinAs(ctx, f.Store, filepath.Join(t.TempDir(), "fresh.db"), f.dir, data.LaptopOrganiser)
	datatest.Must(t, err)
	defer fresh.Close()
	if _, err := fresh.Person(ctx, f.Taro.ID); err == nil {
		t.Error("a laptop joining after the erasure holds the erased person")
	}
	if _, err := fresh.Person(ctx, f.Alice.ID); err != nil {
		t.Errorf("a laptop joining after the erasure lacks Alice: %v", err)
	}
	if got, want := dumpOf(t, fresh), f.org.dump(t); got != want {
		t.Errorf("a laptop joining after the erasure differs from the organiser's:\n%s\nwant\n%s", got, want)
	}
}

func dumpOf(t *testing.T, st *data.Store) string {
	return (&laptop{st: st}).dump(t)
}
