package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// fairctl laptops names a booth laptop's role by the booth's code, as
// people at the event say it, not by the booth's id.
func TestLaptopsNameABoothByItsCode(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, folder := filepath.Join(dir, "a.db"), filepath.Join(dir, "shared")
	must := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, append([]string{"--db", db}, args...), &stdout, &stderr); code != exitOK {
			t.Fatalf("fairctl %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return stdout.String()
	}
	must("demo")
	st := datatest.OpenAt(t, db, nil)
	booths, err := st.Booths(ctx)
	datatest.Must(t, err)
	st.Close()
	if len(booths) == 0 {
		t.Fatal("the demo event has no booths")
	}
	b := booths[0].Booth
	datatest.Must(t, os.Mkdir(folder, 0o700))
	must("share", "--folder", folder)
	pass := filepath.Join(dir, "passphrase")
	datatest.Must(t, os.WriteFile(pass, []byte("a passphrase for tests\n"), 0o600))
	must("invite", "--role", "booth", "--booth", b.Code, "--name", "Booth laptop", "-o", filepath.Join(dir, "b.invite"), "--passphrase-file", pass)
	list := must("laptops")
	var line string
	for _, l := range strings.Split(list, "\n") {
		if strings.Contains(l, "Booth laptop") {
			line = l
		}
	}
	if !strings.Contains(line, "booth "+b.Code) || strings.Contains(line, string(data.BoothLaptop(b.ID))) {
		t.Errorf("the booth laptop is listed as %q, want its role as booth %s", line, b.Code)
	}
}
