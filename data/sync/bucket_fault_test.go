package sync

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	stdsync "sync"
	"testing"

	"github.com/fairdesk/fairdesk/data/datatest"
)

// faultyProxy stands between the laptops and the S3 server and breaks
// requests as a failing network does: a PUT cut off half-way through its
// body, or a LIST that fails after its first page.
type faultyProxy struct {
	mu       stdsync.Mutex
	cutPUTs  bool // every PUT of a batch is cut off half-way
	listFail bool // every LIST request after a first page fails
	cut      int  // PUTs cut off
	failed   int  // LIST pages refused
	next     http.Handler
}

func (p *faultyProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	cut := p.cutPUTs && r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/devices/")
	fail := p.listFail && r.Method == http.MethodGet && r.URL.Query().Has("list-type") && r.URL.Query().Get("continuation-token") != ""
	if cut {
		p.cut++
	}
	if fail {
		p.failed++
	}
	p.mu.Unlock()
	switch {
	case cut:
		// Half the body arrives; then the connection drops.
		io.CopyN(io.Discard, r.Body, r.ContentLength/2)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		http.Error(w, "cut off", http.StatusBadGateway)
	case fail:
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
	default:
		p.next.ServeHTTP(w, r)
	}
}

// counts says how many PUTs were cut off and LIST pages refused so far.
func (p *faultyProxy) counts() (cut, failed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cut, p.failed
}

func (p *faultyProxy) set(cutPUTs, listFail bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutPUTs, p.listFail = cutPUTs, listFail
}

// TestBucketRequestsFailingHalfWayLoseNothing: laptops sync through a
// bucket while PUTs are cut off half-way and LISTs fail after a page. Each
// such sync says the bucket is unreachable and keeps its changes; no
// partial object is left for a reader to trip on; once the network heals,
// every change arrives on every laptop.
func TestBucketRequestsFailingHalfWayLoseNothing(t *testing.T) {
	ctx := context.Background()
	s := datatest.StartS3(t)
	open := newBucket(t, s, "faults")
	target, _ := url.Parse(s.Endpoint())
	proxy := &faultyProxy{next: httputil.NewSingleHostReverseProxy(target)}
	server := httptest.NewServer(proxy)
	defer server.Close()
	through := func() Folder { return open(BucketOptions{Endpoint: server.URL, PageSize: 2, MaxRetries: 1}) }
	ls := sharedEventIn(t, 3, through, "s3://faults/fairs/spring")
	var names []string
	for i, l := range ls {
		for _, n := range []string{"Aoi", "Ren", "Mio"} {
			p := addPerson(t, l, n+string(rune('A'+i)))
			names = append(names, p.ID)
		}
		l.sync(t) // some batches in each laptop's folder: more than a page of 2
	}

	proxy.set(true, false)
	addPerson(t, ls[0], "Cut")
	_, err := ls[0].engine.Sync(ctx)
	if cut, _ := proxy.counts(); !errors.Is(err, ErrUnreachable) || cut == 0 {
		t.Fatalf("a sync whose PUT was cut off half-way: %v (%d cut), want the bucket unreachable", err, cut)
	}
	if Unsent(ctx, ls[0].st) == 0 {
		t.Fatal("the change whose PUT was cut off is no longer waiting to be sent")
	}
	// What the server holds reads whole: S3 keeps no part of a cut-off PUT.
	direct := open(BucketOptions{})
	for _, l := range ls {
		dev := l.st.DeviceID()
		list, err := direct.List(ctx, devicesDir+"/"+dev)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := l.st.Event(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range list {
			seq, _, ok := parseBatchName(n)
			if !ok {
				continue
			}
			b, err := readFile(ctx, direct, devicesDir+"/"+dev+"/"+n, maxBatchFile)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, _, err := ls[0].engine.openBatch(ctx, b, ev, dev, seq); err != nil {
				t.Errorf("%s/%s does not read whole: %v", dev, n, err)
			}
		}
	}

	proxy.set(false, true)
	addPerson(t, ls[1], "Listed")
	_, err = ls[2].engine.Sync(ctx)
	if _, failed := proxy.counts(); !errors.Is(err, ErrUnreachable) || failed == 0 {
		t.Fatalf("a sync whose LIST failed after a page: %v (%d failed), want the bucket unreachable", err, failed)
	}

	proxy.set(false, false)
	syncAll(t, ls)
	syncAll(t, ls)
	want := ls[0].dump(t)
	for i, l := range ls[1:] {
		if got := l.dump(t); got != want {
			t.Errorf("laptop %d differs after the network healed:\n%s\nwant\n%s", i+1, got, want)
		}
	}
	for _, name := range []string{"Cut", "Listed"} {
		if !strings.Contains(want, `"given_name":"`+name+`"`) {
			t.Errorf("%s, added while requests failed, never arrived", name)
		}
	}
	for _, id := range names {
		if !strings.Contains(want, id) {
			t.Errorf("person %s was lost", id)
		}
	}
}
