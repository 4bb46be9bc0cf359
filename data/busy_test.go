package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteWaitingTooLongOnAnotherProgramIsRefusedInWords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "event.db")
	syncing, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer syncing.Close()
	app, err := Open(path, Options{BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()

	// The first handle holds the write lock, as a long sync would.
	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- syncing.ImportTx(ctx, func(b *ImportTx) error {
			p := Person{GivenName: "Synced"}
			if err := b.SavePerson(&p); err != nil {
				return err
			}
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	p := Person{GivenName: "Walk-in"}
	err = app.SavePerson(ctx, &p)
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("write while another program writes: %v, want ErrBusy", err)
	}
	if msg := err.Error(); !strings.HasSuffix(msg, "the event is busy with a sync; try again in a moment") || strings.Contains(msg, "SQLITE") || strings.Contains(msg, "locked") {
		t.Fatalf("the user is told %q", msg)
	}
	if err := app.SetLocalValues(ctx, map[string]string{"x": "1"}); err != nil {
		t.Fatalf("a write after the lock is free: %v", err)
	}
	// The refused write left nothing behind, and trying again works.
	if n, _ := app.CountPeople(ctx, PeopleFilter{Query: "Walk-in"}); n != 0 {
		t.Fatalf("the refused person was saved after all")
	}
	p = Person{GivenName: "Walk-in"}
	if err := app.SavePerson(ctx, &p); err != nil {
		t.Fatalf("trying again: %v", err)
	}
	if n, _ := syncing.CountPeople(ctx, PeopleFilter{}); n != 2 {
		t.Fatalf("%d people, want the synced one and the walk-in", n)
	}
}
