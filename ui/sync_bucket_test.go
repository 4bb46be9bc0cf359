package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/keychain"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// bucketTest is a real S3 server (versitygw on 127.0.0.1) with a bucket
// "fair", go-keyring's in-memory keychain standing in for the desktop's,
// and no AWS keys in the environment: only keys typed in Settings reach
// the bucket.
func bucketTest(t *testing.T) *datatest.S3 {
	s := datatest.StartS3(t)
	s.MakeBucket("fair")
	keyring.MockInit()
	t.Cleanup(keyring.MockInit)
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	return s
}

// bucketLaptop is a window over st that syncs with the real engine and
// keeps keys in the (in-memory) keychain.
func bucketLaptop(t *testing.T, a fyne.App, q *uiQueue, st *data.Store, also func(*Config)) *mainWindow {
	cfg := syncedConfig(st)
	cfg.Path = st.Path()
	cfg.Keychain = keychain.Desktop{}
	if also != nil {
		also(&cfg)
	}
	w := newMainWindow(a, cfg, q.do)
	t.Cleanup(w.win.Close)
	w.start()
	q.waitFor(t, "the sync parts", func() bool { return w.sync != nil })
	return w
}

// typeBucket chooses the bucket in Settings → Sync and types its fields.
func typeBucket(s *syncSettings, address, endpoint, id, secret string) {
	b := s.bucket
	b.via.SetSelected(b.bucketChoice)
	for e, text := range map[*widget.Entry]string{b.url: address, b.endpoint: endpoint, b.keyID: id, b.secret: secret} {
		e.SetText("")
		test.Type(e, text)
	}
}

func sharedEvent(t *testing.T) (*data.Store, data.Person) {
	st := datatest.Open(t, nil)
	ctx := context.Background()
	st.SetLaptopName(ctx, "desk-A")
	datatest.Must(t, st.SaveEvent(ctx, &data.Event{Name: "Alumni Careers Fair", TimeZone: "Europe/London"}))
	yui := savePeople(t, st, data.Person{GivenName: "Yui", FamilyName: "Sato", Email: "yui@example.jp"})[0]
	return st, yui
}

// shareInBucket shares A's event from Settings → Sync and waits for it.
func shareInBucket(t *testing.T, q *uiQueue, a *mainWindow) {
	t.Helper()
	test.Tap(a.sync.settings.share)
	q.waitFor(t, "shared", func() bool { return strings.HasPrefix(a.sync.settings.result.Text, "Shared.") })
}

// An event shared into a bucket from the Settings form, joined from a
// second laptop's form with an invitation: a person added on one appears
// on the other; with the server stopped both work offline and say so, and
// once it is back they catch up. The keys typed are in the keychain and
// in no file: neither database nor its WAL, the preferences, nor the
// bucket.
func TestTwoLaptopsSyncThroughABucketFromSettings(t *testing.T) {
	ctx := context.Background()
	s := bucketTest(t)
	app := organiserApp(t)
	q := newUIQueue()
	stA, yui := sharedEvent(t)
	a := bucketLaptop(t, app, q, stA, nil)

	// Plain http to another machine is refused with the command line's
	// own words, and nothing is shared or kept.
	typeBucket(a.sync.settings, "s3://fair/spring", "http://192.0.2.7:9000", datatest.S3AccessKey, datatest.S3SecretKey)
	test.Tap(a.sync.settings.share)
	want := fdsync.CheckEndpoint("http://192.0.2.7:9000").Error()
	if got := a.sync.settings.result.Text; !strings.Contains(got, want[1:]) || !strings.HasPrefix(got, "Not shared: ") {
		t.Fatalf("plain http to another machine: %q, want the command line's %q", got, want)
	}
	if _, err := keychain.Load(keychain.EntryName("s3://fair/spring", "http://192.0.2.7:9000")); err == nil {
		t.Error("a refused endpoint's keys were kept")
	}

	typeBucket(a.sync.settings, "s3://fair/spring", s.Endpoint(), datatest.S3AccessKey, datatest.S3SecretKey)
	shareInBucket(t, q, a)
	where := fdsync.RememberedFolder(ctx, stA)
	entry := keychain.EntryName("s3://fair/spring", s.Endpoint())
	if p, ok := fdsync.ParseBucketPlace(where); !ok || p.URL != "s3://fair/spring" || p.Endpoint != s.Endpoint() || p.Keychain != entry {
		t.Fatalf("A remembers %q", where)
	}
	if k, err := keychain.Load(entry); err != nil || k.SecretKey != datatest.S3SecretKey {
		t.Fatalf("the keychain holds %+v (%v)", k, err)
	}
	if got := a.sync.settings.folder.Text; got != "Bucket: s3://fair/spring at "+s.Endpoint() {
		t.Errorf("Settings says %q", got)
	}
	if a.sync.settings.bucket.secret.Text != "" {
		t.Error("the secret stays in its field once kept")
	}

	// Laptop B starts empty and joins from the bucket.
	stB0 := datatest.Open(t, nil)
	var joined atomic.Pointer[data.Store]
	b := bucketLaptop(t, app, q, stB0, func(c *Config) { c.JoinEvent = testJoin(t, stB0, "desk-B", &joined) })
	q.waitFor(t, "B on its empty event", func() bool { return b.current == navSettings })
	bk, err := fdsync.OpenBucket(fdsync.BucketOptions{URL: "s3://fair/spring", Endpoint: s.Endpoint(), Creds: datatest.S3Creds(datatest.S3SecretKey)})
	datatest.Must(t, err)
	file, code, err := fdsync.Invite(ctx, stA, bk, data.LaptopOrganiser, "", testPassphrase)
	datatest.Must(t, err)
	// B was started with the invitation file: the dialog it opens asks
	// for a folder, and says how to join from a bucket instead.
	b.sync.settings.joinWith(file)
	first := b.sync.settings.joining
	test.Tap(first.join)
	if !strings.Contains(first.status.Text, "For an event in a bucket: Cancel, choose S3-compatible bucket in Settings → Sync") {
		t.Errorf("joining with no folder from an opened invitation says %q", first.status.Text)
	}
	first.dialog.Hide()
	typeBucket(b.sync.settings, "s3://fair/spring", s.Endpoint(), datatest.S3AccessKey, datatest.S3SecretKey)
	test.Tap(b.sync.settings.join)
	q.waitFor(t, "the join dialog", func() bool { return b.sync.settings.joining != first })
	form := b.sync.settings.joining
	if form.folder.Text != "s3://fair/spring at "+s.Endpoint() || form.choose.Visible() {
		t.Errorf("the join dialog shows %q (folder chooser shown: %v)", form.folder.Text, form.choose.Visible())
	}
	if form.invitation.Text != code {
		t.Error("the opened invitation is not in the bucket's join dialog")
	}
	test.Type(form.passphrase, testPassphrase)
	test.Tap(form.join)
	q.waitFor(t, "B showing the joined event", func() bool {
		st := joined.Load()
		return st != nil && b.store == st && b.win.Title() == "Fairdesk — Alumni Careers Fair"
	})
	stB := joined.Load()
	if _, err := stB.Person(ctx, yui.ID); err != nil {
		t.Fatalf("the joined event lacks Yui: %v", err)
	}
	if got := fdsync.RememberedFolder(ctx, stB); got != where {
		t.Errorf("B remembers %q, A %q", got, where)
	}

	// A person added on A shows on B after a sync on each.
	ren := savePeople(t, stA, data.Person{GivenName: "Ren", FamilyName: "Ito", Email: "ren@example.jp"})[0]
	if o := tapSyncNow(t, q, a); o.err != nil || o.report.Sent == 0 {
		t.Fatalf("A's sync: %v, %+v", o.err, o.report)
	}
	if o := tapSyncNow(t, q, b); o.err != nil || o.report.Received == 0 {
		t.Fatalf("B's sync: %v, %+v", o.err, o.report)
	}
	if _, err := stB.Person(ctx, ren.ID); err != nil {
		t.Fatalf("Ren, added on A, is not on B: %v", err)
	}

	// The server stops: A works offline, says so, and loses nothing.
	s.Stop()
	aoi := savePeople(t, stA, data.Person{GivenName: "Aoi", FamilyName: "Kato"})[0]
	tapSyncNow(t, q, a)
	if line := a.sync.status.text.Text; !strings.HasPrefix(line, "Working offline: the bucket s3://fair/spring cannot be reached; will retry") {
		t.Errorf("offline status line %q", line)
	}
	if len(a.dialogs.open) != 0 {
		t.Error("working offline opened a dialog")
	}
	s.Start()
	if o := tapSyncNow(t, q, a); o.err != nil || o.report.Sent == 0 || !strings.HasPrefix(a.sync.status.text.Text, "Synced ") {
		t.Errorf("A back online: %v, %+v, %q", o.err, o.report, a.sync.status.text.Text)
	}
	if o := tapSyncNow(t, q, b); o.err != nil {
		t.Errorf("B back online: %v", o.err)
	}
	if _, err := stB.Person(ctx, aoi.ID); err != nil {
		t.Fatalf("Aoi, added on A while the bucket was down, is not on B: %v", err)
	}

	assertSecretInNoFile(t, app, datatest.S3SecretKey, stA, stB)
}

// assertSecretInNoFile looks through every file under the test's
// temporary folders (the databases and their WAL, the S3 server's folder)
// and the app's preferences, written out beside them, for the secret.
func assertSecretInNoFile(t *testing.T, app fyne.App, secret string, stores ...*data.Store) {
	t.Helper()
	root := filepath.Dir(t.TempDir())
	if prefs, ok := app.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		prefs.ReadValues(func(values map[string]any) {
			b, _ := json.Marshal(values)
			os.WriteFile(filepath.Join(root, "preferences.json"), b, 0o600)
		})
	} else {
		t.Fatal("the test app's preferences cannot be read")
	}
	wal := 0
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		if strings.HasSuffix(path, "-wal") {
			wal++
		}
		if raw, _ := os.ReadFile(path); bytes.Contains(raw, []byte(secret)) {
			t.Errorf("%s holds the secret key", path)
		}
		return nil
	})
	if wal == 0 {
		t.Error("no WAL file was looked at")
	}
	for _, st := range stores {
		raw, _ := os.ReadFile(st.Path())
		if bytes.Contains(raw, []byte(datatest.S3AccessKey)) {
			t.Errorf("%s holds the access key id", filepath.Base(st.Path()))
		}
	}
}

// A wrong secret: the share is refused with what to do, and the event is
// not shared; once shared with the right keys, a secret gone wrong in the
// keychain stops the sync with a message (not "offline"), keeps the
// change made meanwhile, and it goes out once the keys are put right.
func TestWrongSecretForABucketSaysSoAndLosesNothing(t *testing.T) {
	ctx := context.Background()
	s := bucketTest(t)
	app := organiserApp(t)
	q := newUIQueue()
	stA, _ := sharedEvent(t)
	a := bucketLaptop(t, app, q, stA, nil)

	typeBucket(a.sync.settings, "s3://fair/spring", s.Endpoint(), datatest.S3AccessKey, "not the secret")
	test.Tap(a.sync.settings.share)
	q.waitFor(t, "the share to fail", func() bool { return strings.HasPrefix(a.sync.settings.result.Text, "Not shared") })
	if got := a.sync.settings.result.Text; !strings.Contains(got, "refused the keys kept in this laptop's keychain") {
		t.Errorf("a wrong secret: %q", got)
	}
	if where := fdsync.RememberedFolder(ctx, stA); where != "" {
		t.Fatalf("a refused share remembered %q", where)
	}

	typeBucket(a.sync.settings, "s3://fair/spring", s.Endpoint(), datatest.S3AccessKey, datatest.S3SecretKey)
	shareInBucket(t, q, a)
	entry := keychain.EntryName("s3://fair/spring", s.Endpoint())
	datatest.Must(t, keychain.Save(entry, keychain.Keys{AccessKeyID: datatest.S3AccessKey, SecretKey: "rotated away"}))
	ren := savePeople(t, stA, data.Person{GivenName: "Ren", FamilyName: "Ito"})[0]
	// The sync that follows the share may have read the keys before they
	// went wrong and still be running: the next one reads them again.
	var line string
	for range 3 {
		tapSyncNow(t, q, a)
		if line = a.sync.status.text.Text; strings.HasPrefix(line, "Sync stopped") {
			break
		}
	}
	if !strings.HasPrefix(line, "Sync stopped: the bucket s3://fair/spring refused the keys kept in this laptop's keychain; type the right") {
		t.Errorf("status line with a wrong secret: %q", line)
	}
	if strings.Contains(line, "rotated away") {
		t.Error("the status line shows the secret")
	}
	if _, err := stA.Person(ctx, ren.ID); err != nil {
		t.Fatal(err)
	}

	// The right keys typed again, Share carries on with the same bucket.
	typeBucket(a.sync.settings, "s3://fair/spring", s.Endpoint(), datatest.S3AccessKey, datatest.S3SecretKey)
	shareInBucket(t, q, a)
	if o := tapSyncNow(t, q, a); o.err != nil || o.report.Unsent != 0 {
		t.Fatalf("after the keys were put right: %v, %d unsent", o.err, o.report.Unsent)
	}
	reader, err := fdsync.OpenBucket(fdsync.BucketOptions{URL: "s3://fair/spring", Endpoint: s.Endpoint(), Creds: datatest.S3Creds(datatest.S3SecretKey)})
	datatest.Must(t, err)
	if devices, err := reader.List(ctx, "devices"); err != nil || len(devices) == 0 {
		t.Fatalf("the bucket holds no laptop's batches: %v %v", devices, err)
	}
}

// A bucket whose server lets a create-only PUT replace an object (a proxy
// that answers the server's 412 with 200) is refused at share time with a
// message naming the missing feature, and the event stays unshared.
func TestBucketWithoutConditionalWritesIsRefusedInSettings(t *testing.T) {
	ctx := context.Background()
	s := bucketTest(t)
	app := organiserApp(t)
	q := newUIQueue()
	stA, _ := sharedEvent(t)
	a := bucketLaptop(t, app, q, stA, nil)
	typeBucket(a.sync.settings, "s3://fair/spring", s.WithoutConditionalWrites(), datatest.S3AccessKey, datatest.S3SecretKey)
	test.Tap(a.sync.settings.share)
	q.waitFor(t, "the share to fail", func() bool { return strings.HasPrefix(a.sync.settings.result.Text, "Not shared") })
	if got := a.sync.settings.result.Text; !strings.Contains(got, "does not support conditional writes (PUT with If-None-Match: *)") {
		t.Errorf("a bucket without conditional writes: %q", got)
	}
	if where := fdsync.RememberedFolder(ctx, stA); where != "" {
		t.Fatalf("a refused share remembered %q", where)
	}
}

// With no keychain (a Linux laptop with no Secret Service), the key
// fields say so and take nothing; the AWS environment serves instead, and
// the event database remembers no keychain entry.
func TestNoKeychainLeavesTheKeysToTheEnvironment(t *testing.T) {
	ctx := context.Background()
	s := bucketTest(t)
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	app := organiserApp(t)
	q := newUIQueue()
	stA, _ := sharedEvent(t)
	a := bucketLaptop(t, app, q, stA, nil)
	b := a.sync.settings.bucket
	q.waitFor(t, "the keychain looked for", func() bool { return b.noKeychain })
	if !strings.HasPrefix(b.keysNote.Text, "This laptop has no keychain Fairdesk can keep keys in (The name org.freedesktop.secrets was not provided by any .service files), so") ||
		!strings.Contains(b.keysNote.Text, "AWS_SECRET_ACCESS_KEY") ||
		!b.keyID.Disabled() || !b.secret.Disabled() {
		t.Errorf("with no keychain the fields say %q (disabled: %v %v)", b.keysNote.Text, b.keyID.Disabled(), b.secret.Disabled())
	}
	t.Setenv("AWS_ACCESS_KEY_ID", datatest.S3AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", datatest.S3SecretKey)
	typeBucket(a.sync.settings, "s3://fair/spring", s.Endpoint(), "", "")
	shareInBucket(t, q, a)
	if where := fdsync.RememberedFolder(ctx, stA); where != (fdsync.BucketPlace{URL: "s3://fair/spring", Endpoint: s.Endpoint()}).String() {
		t.Errorf("A remembers %q", where)
	}
}
