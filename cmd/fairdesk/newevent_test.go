package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestStartNewEventKeepsTheDemoAside(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	st := datatest.OpenAt(t, path, nil)
	demoEvent := data.Event{Name: "Demo fair", TimeZone: "Europe/London", IsDemo: true}
	if err := st.SaveEvent(ctx, &demoEvent); err != nil {
		t.Fatal(err)
	}
	d := &eventDatabase{path: path, store: st}
	defer d.close()

	fresh, kept, err := d.startNew(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(kept, path+".") || !strings.HasSuffix(kept, ".demo.bak") {
		t.Errorf("demo kept as %s", kept)
	}
	if empty, err := fresh.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("new database empty = %v (%v), want empty", empty, err)
	}
	if _, err := fresh.Event(ctx); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("new database has an event: %v", err)
	}

	old := datatest.OpenAt(t, kept, nil)
	if e, err := old.Event(ctx); err != nil || e.Name != "Demo fair" {
		t.Errorf("kept database holds %q (%v), want the demo", e.Name, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no database at %s after starting a new event: %v", path, err)
	}
}

func TestOpenDemoKeepsTheCurrentEvent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	st := datatest.OpenAt(t, path, nil)
	mine := data.Event{Name: "My fair", TimeZone: "Europe/London"}
	if err := st.SaveEvent(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	d := &eventDatabase{path: path, store: st, loadDemo: func(ctx context.Context, st *data.Store) error {
		e := data.Event{Name: "Demo fair", TimeZone: "Europe/London", IsDemo: true}
		return st.SaveEvent(ctx, &e)
	}}
	defer d.close()

	demoStore, demoPath, err := d.openDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(demoPath) != dir || demoPath == path {
		t.Errorf("demo at %s, want a new file beside %s", demoPath, path)
	}
	if e, err := demoStore.Event(ctx); err != nil || !e.IsDemo {
		t.Errorf("demo database holds %+v (%v)", e, err)
	}
	old := datatest.OpenAt(t, path, nil)
	if e, err := old.Event(ctx); err != nil || e.Name != "My fair" {
		t.Errorf("current database now holds %q (%v), want it unchanged", e.Name, err)
	}
}
