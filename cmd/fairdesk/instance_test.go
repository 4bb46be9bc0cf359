package main

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/ui"
)

// A second start on a database that is open hands its file to the first
// and is told it was taken; with the first gone, no one answers.
func TestASecondStartHandsItsFileToTheFirst(t *testing.T) {
	db := filepath.Join(shortTempDir(t), "new", "event.db") // a first start: no folder yet
	if handOver(db, "") {
		t.Fatal("a start with no Fairdesk running was answered")
	}
	opened, stop, err := listenForLater(db)
	if err != nil {
		t.Fatal(err)
	}
	invitation := filepath.Join(t.TempDir(), "fair.fairdesk-invitation")
	for _, c := range []struct {
		file string
		want ui.OpenedFile
	}{
		{invitation, ui.OpenedFile{Invitation: invitation}},
		{"/backups/fair-2026-10-23.fairdesk", ui.OpenedFile{Backup: "/backups/fair-2026-10-23.fairdesk"}},
		{"", ui.OpenedFile{}},
	} {
		if !handOver(db, c.file) {
			t.Fatalf("handing over %q: the running Fairdesk did not answer", c.file)
		}
		select {
		case got := <-opened:
			if got != c.want {
				t.Errorf("handing over %q, the window was given %+v, want %+v", c.file, got, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("handing over %q: nothing reached the window", c.file)
		}
	}
	stop()
	if handOver(db, invitation) {
		t.Error("a Fairdesk that ended still took a file")
	}
}

// A socket left by a Fairdesk that crashed does not stop the next start
// from listening, and what is not a file's path is ignored.
func TestAStartReplacesTheSocketACrashLeft(t *testing.T) {
	db := filepath.Join(shortTempDir(t), "event.db")
	l, err := net.Listen("unix", handOverSocket(db))
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	if _, err := os.Lstat(handOverSocket(db)); err != nil {
		t.Fatalf("the crash left no socket to test with: %v", err)
	}
	opened, stop, err := listenForLater(db)
	if err != nil {
		t.Fatalf("after a crash: %v", err)
	}
	defer stop()
	c, err := net.Dial("unix", handOverSocket(db))
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("{not a path\n"))
	c.Close()
	if !handOver(db, "") {
		t.Fatal("after the garbage, a start was not answered")
	}
	if got := <-opened; got != (ui.OpenedFile{}) {
		t.Errorf("the garbage reached the window as %+v", got)
	}
}

// shortTempDir is a temporary folder with a short path: a socket's path
// is limited to about 100 bytes, and t.TempDir's can be longer.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "fd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
