package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// A window that never closes (Fyne's stalled shutdown) must not keep the
// program alive: the database is closed, with what was written kept, and
// the process exits.
func TestQuitExitsWhenTheWindowNeverCloses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	st := datatest.OpenAt(t, path, nil)
	p := data.Person{GivenName: "Aiko", FamilyName: "Mori", Email: "aiko@example.jp"}
	if err := st.SavePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	events := &eventDatabase{path: path, store: st}
	exited := make(chan int, 1)
	asked := 0
	q := &quitter{closeWindow: func() { asked++ }, closeDB: events.close, exit: func(code int) { exited <- code },
		quitGrace: 50 * time.Millisecond, closeGrace: time.Second}
	start := time.Now()
	q.quit()
	q.quit() // a second request (the signal after Ctrl+Q) changes nothing
	select {
	case code := <-exited:
		if code != 0 || asked != 1 {
			t.Errorf("exit code %d, window asked to close %d times", code, asked)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the program did not exit")
	}
	t.Logf("exited %v after quitting", time.Since(start).Round(time.Millisecond))
	if !events.closed {
		t.Error("exited without closing the database")
	}
	events.close() // main's deferred close after the watchdog's: no second close
	again := datatest.OpenAt(t, path, nil)
	if _, err := again.Person(context.Background(), p.ID); err != nil {
		t.Errorf("the saved person is gone: %v", err)
	}
}

// A database that does not close in time (a write that never ends) does
// not keep the program alive either.
func TestQuitExitsWhenTheDatabaseDoesNotClose(t *testing.T) {
	exited := make(chan int, 1)
	q := &quitter{closeWindow: func() {}, closeDB: func() { select {} }, exit: func(code int) { exited <- code },
		quitGrace: 10 * time.Millisecond, closeGrace: 50 * time.Millisecond}
	q.quit()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the program did not exit")
	}
}
