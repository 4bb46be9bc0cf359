package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An event shared through a bucket lists its laptops and removes one
// there, as with a folder: with the bucket remembered and with --bucket
// given. The removed laptop, syncing afterwards, does not receive what
// was written after its removal.
func TestLaptopsAndRemoveLaptopThroughABucket(t *testing.T) {
	ctx := context.Background()
	s := startBucket(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	bucket := []string{"--bucket", "s3://fair/autumn", "--endpoint", s.Endpoint()}
	must := func(db string, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, append([]string{"--db", db}, args...), &stdout, &stderr); code != exitOK {
			t.Fatalf("fairctl %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return stdout.String()
	}
	must(a, "demo")
	must(a, append([]string{"share"}, bucket...)...)
	invite, pass := filepath.Join(dir, "b.invite"), filepath.Join(dir, "passphrase")
	os.WriteFile(pass, []byte("a passphrase for tests\n"), 0o600)
	must(a, "invite", "--role", "organiser", "--name", "Lost laptop", "-o", invite, "--passphrase-file", pass)
	must(b, append([]string{"join", "--invite", invite, "--passphrase-file", pass}, bucket...)...)
	must(b, "sync")
	must(a, "sync")

	list := must(a, "laptops") // the remembered bucket
	var lost string
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, "Lost laptop") {
			lost, _, _ = strings.Cut(line, " ")
		}
	}
	if lost == "" || !strings.Contains(list, "(this laptop)") || strings.Count(strings.TrimSpace(list), "\n") != 1 {
		t.Fatalf("laptops through the bucket listed:\n%s", list)
	}
	if out := must(a, append([]string{"remove-laptop", lost}, bucket...)...); !strings.Contains(out, "removed laptop "+lost) {
		t.Fatalf("remove-laptop said: %s", out)
	}
	if list := must(a, append([]string{"laptops"}, bucket...)...); !strings.Contains(list, "Lost laptop") || !strings.Contains(list, "(removed)") {
		t.Fatalf("after the removal, laptops listed:\n%s", list)
	}

	file := filepath.Join(dir, "people.csv")
	os.WriteFile(file, []byte("First Name,Last Name,Email\nZebedee,Quist,zq@example.org\n"), 0o600)
	must(a, "import", "people", file)
	must(a, "sync")
	var stdout, stderr bytes.Buffer
	run(ctx, []string{"--db", b, "sync"}, &stdout, &stderr) // it may complain; it must not read
	if out := must(b, "search", "Quist"); strings.Contains(out, "Zebedee") {
		t.Fatalf("the removed laptop read a person added after its removal: %q", out)
	}
}
