package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The file a file manager starts the app with reaches the window as the
// backup to offer, whichever way it is passed.
func TestOpenedFile(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"/home/mary/Fairdesk 2026-10-22 1800.fairdesk"}, "/home/mary/Fairdesk 2026-10-22 1800.fairdesk"},
		{[]string{"-psn_0_12345", "/Users/mary/b.fairdesk"}, "/Users/mary/b.fairdesk"},
		{[]string{"file:///home/mary/My%20Backups/b.fairdesk"}, "/home/mary/My Backups/b.fairdesk"},
		{[]string{"b.fairdesk"}, filepath.Join(wd, "b.fairdesk")},
		{[]string{"--debug"}, ""},
	} {
		if got := openedFile(c.args); got != c.want {
			t.Errorf("openedFile(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}
