package sync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The bucket tests run a real S3 server, versitygw, on 127.0.0.1 (see
// datatest.StartS3), and skip without one.

// newBucket makes a fresh bucket on the server and returns a function
// that opens a client on it, as each laptop would.
func newBucket(t testing.TB, s *datatest.S3, name string) func(BucketOptions) *Bucket {
	t.Helper()
	s.MakeBucket(name)
	endpoint := s.Endpoint()
	return func(o BucketOptions) *Bucket {
		if o.URL == "" {
			o.URL = "s3://" + name + "/fairs/spring"
		}
		if o.Endpoint == "" {
			o.Endpoint = endpoint
		}
		if o.Creds == nil {
			o.Creds = datatest.S3Creds(datatest.S3SecretKey)
		}
		b, err := OpenBucket(o)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

func TestBucketIsAFolder(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	b := newBucket(t, s, "basics")(BucketOptions{})
	if err := b.Create(ctx, "devices/0123456789abcdef/batch-0000000001.fdb", []byte("one")); err != nil {
		t.Fatal(err)
	}
	err := b.Create(ctx, "devices/0123456789abcdef/batch-0000000001.fdb", []byte("other"))
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second create of a key: %v, want ErrExists", err)
	}
	// A retried PUT whose first try landed finds its own bytes: success.
	if err := b.Create(ctx, "devices/0123456789abcdef/batch-0000000001.fdb", []byte("one")); err != nil {
		t.Fatalf("the same bytes again, as a retry sends them: %v", err)
	}
	before, _ := b.Requests()
	rc, size, err := b.Open(ctx, "devices/0123456789abcdef/batch-0000000001.fdb")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != "one" || size != 3 {
		t.Fatalf("read %q (%d bytes), want the first write", got, size)
	}
	if after, _ := b.Requests(); after-before != 1 {
		t.Fatalf("opening and reading an object took %d requests, want one GET", after-before)
	}
	if _, _, err := b.Open(ctx, "devices/0123456789abcdef/batch-0000000002.fdb"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("open of a missing key: %v, want fs.ErrNotExist", err)
	}
	b.Create(ctx, "event.json", []byte("{}"))
	b.Create(ctx, "devices/.hidden.tmp", []byte("x"))
	if names, err := b.List(ctx, ""); err != nil || strings.Join(names, ",") != "devices,event.json" {
		t.Fatalf("top: %q %v", names, err)
	}
	if names, err := b.List(ctx, "devices"); err != nil || strings.Join(names, ",") != "0123456789abcdef" {
		t.Fatalf("devices: %q %v", names, err)
	}
	if names, err := b.List(ctx, "nothing"); err != nil || len(names) != 0 {
		t.Fatalf("a missing folder lists %q %v, want nothing", names, err)
	}
	if err := b.Remove(ctx, "event.json"); err != nil {
		t.Fatal(err)
	}
	if err := b.Remove(ctx, "event.json"); err != nil {
		t.Fatalf("removing a removed key: %v", err)
	}
	for _, bad := range []string{"../other/event.json", "/event.json", "devices//x", "devices/./x", `devices\x`, "a/\x00"} {
		if err := b.Create(ctx, bad, []byte("x")); err == nil || errors.Is(err, ErrExists) {
			t.Errorf("create %q: %v, want it refused", bad, err)
		}
		if _, _, err := b.Open(ctx, bad); err == nil {
			t.Errorf("open %q was allowed", bad)
		}
	}
}

func TestBucketURLsAndEndpoints(t *testing.T) {
	for _, bad := range []string{"bucket/prefix", "s3://", "s3:///prefix", "s3://b/../x"} {
		if _, err := OpenBucket(BucketOptions{URL: bad}); err == nil {
			t.Errorf("bucket %q was accepted", bad)
		}
	}
	for _, bad := range []string{"http://s3.example.org", "http://10.0.0.5:9000", "ftp://127.0.0.1", "https://x/y"} {
		_, err := OpenBucket(BucketOptions{URL: "s3://b/p", Endpoint: bad, Creds: datatest.S3Creds("s")})
		if err == nil {
			t.Errorf("endpoint %q was accepted", bad)
		}
	}
	if _, err := OpenBucket(BucketOptions{URL: "s3://b/p", Endpoint: "http://example.org"}); err == nil || !strings.Contains(err.Error(), "only for a server on this machine") {
		t.Errorf("plain http to another machine: %v", err)
	}
	for _, good := range []string{"http://127.0.0.1:9000", "http://[::1]:9000", "http://localhost:9000", "https://s3.example.org"} {
		if _, err := OpenBucket(BucketOptions{URL: "s3://b/p", Endpoint: good, Creds: datatest.S3Creds("s")}); err != nil {
			t.Errorf("endpoint %q: %v", good, err)
		}
	}
}

// TestTwoLaptopsSyncThroughABucket runs the folder's basic exchange and a
// conflict over the bucket.
func TestTwoLaptopsSyncThroughABucket(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "two")
	ls := sharedEventIn(t, 2, func() Folder { return open(BucketOptions{}) }, "s3://two/fairs/spring")
	p := addPerson(t, ls[0], "Haruto")
	if r := ls[0].sync(t); r.BatchesSent != 1 {
		t.Fatalf("nothing sent: %+v", r)
	}
	if r := ls[1].sync(t); r.Received == 0 {
		t.Fatalf("nothing received: %+v", r)
	}
	if got, err := ls[1].st.Person(ctx, p.ID); err != nil || got.GivenName != "Haruto" {
		t.Fatalf("person did not arrive: %v", err)
	}
	// The same field edited on both before either syncs: one conflict.
	for i, l := range ls {
		got, _ := l.st.Person(ctx, p.ID)
		got.Notes = fmt.Sprintf("note from laptop %d", i)
		if err := l.st.SavePerson(ctx, &got.Person); err != nil {
			t.Fatal(err)
		}
	}
	syncAll(t, ls)
	for i, l := range ls {
		if c, _ := l.st.Conflicts(ctx, false); len(c) != 1 {
			t.Fatalf("laptop %d shows %d conflicts, want 1", i, len(c))
		}
	}
	if r := ls[1].sync(t); r.BatchesRead != 0 || r.BytesRead != 0 || r.BatchesSent != 0 {
		t.Fatalf("idle sync did work: %+v", r)
	}
}

// TestConditionalPutRace: laptops racing to create one key; exactly one wins.
func TestConditionalPutRace(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "race")
	for round := range 5 {
		name := fmt.Sprintf("devices/0123456789abcdef/batch-%010d.fdb", round+1)
		var wg stdsync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			b := open(BucketOptions{})
			wg.Go(func() { errs[i] = b.Create(ctx, name, []byte(fmt.Sprintf("laptop %d", i))) })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrExists):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d laptops created %s, want exactly 1 (%v)", round, won, name, errs)
		}
	}
}

// TestListSpansPages lists more objects than one page holds.
func TestListSpansPages(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	b := newBucket(t, s, "pages")(BucketOptions{PageSize: 3})
	for i := range 10 {
		if err := b.Create(ctx, fmt.Sprintf("devices/0123456789abcdef/batch-%010d.fdb", i+1), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	_, before := b.Requests()
	names, err := b.List(ctx, "devices/0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	_, after := b.Requests()
	if len(names) != 10 || names[9] != "batch-0000000010.fdb" {
		t.Fatalf("listed %d names, want all 10: %q", len(names), names)
	}
	if pages := after - before; pages != 4 {
		t.Fatalf("10 keys in pages of 3 took %d LIST requests, want 4", pages)
	}
	names, err = b.ListAfter(ctx, "devices/0123456789abcdef", "batch-0000000008.fdb")
	if err != nil || strings.Join(names, ",") != "batch-0000000009.fdb,batch-0000000010.fdb" {
		t.Fatalf("after batch 8: %q %v", names, err)
	}
}

// TestWrongCredentialIsNamedAndNothingIsLost: a laptop with a wrong secret
// is told so, keeps its change, and sends it once the secret is right.
func TestWrongCredentialIsNamedAndNothingIsLost(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "creds")
	ls := sharedEventIn(t, 2, func() Folder { return open(BucketOptions{}) }, "s3://creds/fairs/spring")
	p := addPerson(t, ls[0], "Sakura")
	ls[0].engine.Folder = open(BucketOptions{Creds: datatest.S3Creds("wrong secret")})
	_, err := ls[0].engine.Sync(ctx)
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "refused the credentials") || !strings.Contains(err.Error(), "AWS_SECRET_ACCESS_KEY") {
		t.Fatalf("sync with a wrong secret: %v, want it named", err)
	}
	if strings.Contains(err.Error(), "Sakura") || strings.Contains(err.Error(), "wrong secret") {
		t.Fatalf("the message shows personal data or the secret: %v", err)
	}
	if Unsent(ctx, ls[0].st) == 0 {
		t.Fatal("the change is no longer waiting to be sent")
	}
	ls[0].engine.Folder = open(BucketOptions{})
	if r := ls[0].sync(t); r.BatchesSent != 1 {
		t.Fatalf("nothing sent with the right secret: %+v", r)
	}
	ls[1].sync(t)
	if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
		t.Fatalf("the change made while refused did not arrive: %v", err)
	}
}

// TestStoppedServerIsOfflineThenCaughtUp: with the server down a sync says
// the bucket is unreachable; once it is back, both laptops catch up.
func TestStoppedServerIsOfflineThenCaughtUp(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "outage")
	ls := sharedEventIn(t, 2, func() Folder { return open(BucketOptions{MaxRetries: 1}) }, "s3://outage/fairs/spring")
	s.Stop()
	p := addPerson(t, ls[0], "Ren")
	q := addPerson(t, ls[1], "Aoi")
	for i, l := range ls {
		if _, err := l.engine.Sync(ctx); !errors.Is(err, ErrUnreachable) {
			t.Fatalf("laptop %d with the server down: %v, want ErrUnreachable", i, err)
		}
	}
	s.Start()
	syncAll(t, ls)
	for _, id := range []string{p.ID, q.ID} {
		if _, err := ls[0].st.Person(ctx, id); err != nil {
			t.Fatalf("person %s missing after the outage: %v", id, err)
		}
	}
}

// TestBucketWithoutConditionalWritesIsRefused: a server that ignores
// If-None-Match (here a proxy that answers the server's 412 with 200, as
// such a server would after replacing the object) is refused at share
// time, and the probe object is gone.
func TestBucketWithoutConditionalWritesIsRefused(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "plain")
	l := openLaptop(t, open(BucketOptions{Endpoint: s.WithoutConditionalWrites()}), nil)
	if err := l.st.SaveEvent(ctx, &data.Event{Name: "Careers fair", TimeZone: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	_, err := ShareIn(ctx, l.st, l.engine.Folder, "s3://plain/fairs/spring")
	if !errors.Is(err, ErrNoConditionalWrites) || !strings.Contains(err.Error(), "If-None-Match") {
		t.Fatalf("share into a bucket without conditional writes: %v", err)
	}
	direct := open(BucketOptions{})
	if names, _ := direct.List(ctx, ""); len(names) != 0 {
		t.Fatalf("the refused share left %q", names)
	}
	if entries, _ := os.ReadDir(s.Dir + "/plain/fairs/spring"); len(entries) != 0 {
		t.Fatalf("the probe was not removed: %d objects left", len(entries))
	}
	if _, err := ShareIn(ctx, l.st, direct, "s3://plain/fairs/spring"); err != nil {
		t.Fatalf("share into the same bucket with conditional writes: %v", err)
	}
}

// TestIdleSyncCostDoesNotGrowWithBatches: an idle sync lists each other
// laptop's folder after its last batch applied, so its LIST count stays
// the same however many batches that laptop wrote (pages of 2 here, which
// a full listing of 7 batches would need 4 of).
func TestIdleSyncCostDoesNotGrowWithBatches(t *testing.T) {
	// Every sync lists every folder here: the feed, whose listing holds
	// the last half-minute's announcements, is left out of the count.
	defer func(d time.Duration) { fullListingEvery = d }(fullListingEvery)
	fullListingEvery = 0
	s := datatest.StartS3(t)
	open := newBucket(t, s, "idle")
	ls := sharedEventIn(t, 2, func() Folder { return open(BucketOptions{PageSize: 2}) }, "s3://idle/fairs/spring")
	reader := ls[1].engine.Folder.(*Bucket)
	idleLists := func() int64 {
		_, before := reader.Requests()
		if r := ls[1].sync(t); r.BatchesRead != 0 {
			t.Fatalf("the idle sync read %d batches", r.BatchesRead)
		}
		_, after := reader.Requests()
		return after - before
	}
	addPerson(t, ls[0], "Mei")
	syncAll(t, ls)
	few := idleLists()
	for i := range 6 {
		addPerson(t, ls[0], fmt.Sprintf("Person%c", 'a'+i))
		ls[0].sync(t)
	}
	ls[1].sync(t)
	if many := idleLists(); many != few {
		t.Fatalf("an idle sync took %d LIST requests after 7 batches, %d after 1", many, few)
	}
	t.Logf("an idle sync of 2 laptops: %d LIST requests", few)
}

// TestIdleSyncCostIsTheSameHoweverManyLaptops: a sync with nothing new
// and the compaction after it, as the app runs them, send the same
// requests with 2 laptops as with 6. They read one file, the event file,
// in one GET: the list of laptops comes from this laptop's cache of it
// while roster/ lists the same files, and whether a compaction is due is
// known without asking. And they list no other laptop's folder: the feed
// announces no new batch.
func TestIdleSyncCostIsTheSameHoweverManyLaptops(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	idle := func(n int) (reads, lists int64) {
		name := fmt.Sprintf("idle-of-%d", n)
		open := newBucket(t, s, name)
		ls := sharedEventIn(t, n, func() Folder { return open(BucketOptions{}) }, "s3://"+name+"/fairs/spring")
		for i, l := range ls {
			addPerson(t, l, fmt.Sprintf("Person%c", 'a'+i))
		}
		syncAll(t, ls)
		reader := ls[n-1].engine.Folder.(*Bucket)
		all, listed := reader.Requests()
		if r := ls[n-1].sync(t); r.BatchesRead != 0 {
			t.Fatalf("the idle sync read %d batches", r.BatchesRead)
		}
		if _, err := ls[n-1].engine.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		all2, listed2 := reader.Requests()
		return (all2 - all) - (listed2 - listed), listed2 - listed
	}
	fewReads, fewLists := idle(2)
	manyReads, manyLists := idle(6)
	if fewReads != 1 || manyReads != 1 || fewLists != manyLists {
		t.Fatalf("an idle sync and compaction sent %d requests besides %d LISTs with 2 laptops and %d besides %d LISTs with 6; want 1 (the event file) and the same LISTs",
			fewReads, fewLists, manyReads, manyLists)
	}
	t.Logf("an idle sync: %d LIST requests and one GET", fewLists)
}

// TestBatchesTheFeedMissesArriveByTheFullListing: a batch whose
// announcement is gone from the bucket's feed (never written, or written
// by a laptop whose clock is far behind) is not found between full
// listings, and is found by the next full listing of every laptop's folder.
func TestBatchesTheFeedMissesArriveByTheFullListing(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "feed")
	ls := sharedEventIn(t, 2, func() Folder { return open(BucketOptions{}) }, "s3://feed/fairs/spring")
	syncAll(t, ls)
	addPerson(t, ls[0], "Unannounced")
	if r := ls[0].sync(t); r.BatchesSent != 1 {
		t.Fatalf("sent %d batches", r.BatchesSent)
	}
	feed, err := open(BucketOptions{}).List(ctx, feedDir)
	if err != nil || len(feed) == 0 {
		t.Fatalf("the feed holds %q (%v), want the batch announced", feed, err)
	}
	for _, n := range feed {
		if err := open(BucketOptions{}).Remove(ctx, feedDir+"/"+n); err != nil {
			t.Fatal(err)
		}
	}
	if r := ls[1].sync(t); r.BatchesRead != 0 {
		t.Fatalf("between full listings, a batch no one announced was read (%d)", r.BatchesRead)
	}
	ls[1].st.SetLocalValues(ctx, map[string]string{keyFullListing: ls[1].st.Now().Add(-fullListingEvery).UTC().Format(time.RFC3339Nano)})
	if r := ls[1].sync(t); r.BatchesRead != 1 {
		t.Fatalf("the full listing read %d batches, want the one not announced", r.BatchesRead)
	}
}

// The watcher's look at a bucket is one LIST of the feed, however many
// laptops, and changes when another laptop writes a batch.
func TestTheWatchersLookAtABucketIsOneList(t *testing.T) {
	s := datatest.StartS3(t)
	open := newBucket(t, s, "watch")
	ls := sharedEventIn(t, 4, func() Folder { return open(BucketOptions{}) }, "s3://watch/fairs/spring")
	syncAll(t, ls)
	ctx := context.Background()
	watcher := ls[1].engine.Folder.(*Bucket)
	_, before := watcher.Requests()
	quiet, err := Fingerprint(ctx, watcher)
	datatest.Must(t, err)
	if _, after := watcher.Requests(); after-before != 1 {
		t.Errorf("the look took %d LIST requests", after-before)
	}
	addPerson(t, ls[3], "Noor")
	ls[3].sync(t)
	if news, _ := Fingerprint(ctx, watcher); news == quiet {
		t.Error("another laptop's batch left the fingerprint as it was")
	}
}
