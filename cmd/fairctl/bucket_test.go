package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// startBucket starts a real S3 server with a bucket "fair", whose
// credentials fairctl finds in the environment only.
func startBucket(t *testing.T) *datatest.S3 {
	s := datatest.StartS3(t)
	s.MakeBucket("fair")
	t.Setenv("AWS_ACCESS_KEY_ID", datatest.S3AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", datatest.S3SecretKey)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	return s
}

// An event shared into a bucket on a real S3 server, joined by a second
// laptop: a person added on one appears on the other, each sync prints its
// requests, and the secret is in neither database nor the bucket.
func TestShareJoinAndSyncThroughABucket(t *testing.T) {
	ctx := context.Background()
	s := startBucket(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	fairctl := func(db string, args ...string) (string, string, int) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"--db", db}, args...), &stdout, &stderr)
		return stdout.String(), stderr.String(), code
	}
	must := func(db string, args ...string) string {
		t.Helper()
		out, errOut, code := fairctl(db, args...)
		if code != exitOK {
			t.Fatalf("fairctl %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
		}
		return out
	}
	must(a, "demo")
	if _, errOut, code := fairctl(a, "share", "--bucket", "s3://fair/spring", "--endpoint", "http://192.0.2.7:9000"); code == exitOK || !strings.Contains(errOut, "only for a server on this machine") {
		t.Fatalf("plain http to another machine: exit %d, %s", code, errOut)
	}
	if out := must(a, "share", "--bucket", "s3://fair/spring", "--endpoint", s.Endpoint()); !strings.Contains(out, "shared the event in s3://fair/spring") {
		t.Fatalf("share said: %s", out)
	}
	invite, pass := filepath.Join(dir, "b.invite"), filepath.Join(dir, "passphrase")
	os.WriteFile(pass, []byte("a passphrase for tests\n"), 0o600)
	must(a, "invite", "--role", "organiser", "-o", invite, "--passphrase-file", pass, "--bucket", "s3://fair/spring", "--endpoint", s.Endpoint())
	must(b, "join", "--bucket", "s3://fair/spring", "--endpoint", s.Endpoint(), "--invite", invite, "--passphrase-file", pass)
	file := filepath.Join(dir, "people.csv")
	os.WriteFile(file, []byte("First Name,Last Name,Email\nZebedee,Quist,zq@example.org\n"), 0o600)
	must(a, "import", "people", file)
	if out := must(a, "sync"); !strings.Contains(out, "sent ") || !strings.Contains(out, "bucket: ") || !strings.Contains(out, " LIST)") {
		t.Fatalf("sync through the remembered bucket said: %s", out)
	}
	must(b, "sync")
	if out := must(b, "search", "Quist"); !strings.Contains(out, "Zebedee") {
		t.Fatalf("the person added on one laptop is not on the other: %q", out)
	}
	for _, db := range []string{a, b} {
		raw, _ := os.ReadFile(db)
		if bytes.Contains(raw, []byte(datatest.S3SecretKey)) || bytes.Contains(raw, []byte(datatest.S3AccessKey)) {
			t.Fatalf("%s holds the credentials", filepath.Base(db))
		}
	}
	filepath.Walk(s.Dir, func(path string, info os.FileInfo, err error) error {
		if raw, _ := os.ReadFile(path); bytes.Contains(raw, []byte(datatest.S3SecretKey)) {
			t.Errorf("%s in the bucket holds the secret", path)
		}
		return nil
	})
}
