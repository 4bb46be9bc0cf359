package datatest

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3 is a real S3-compatible server, versitygw, serving a temporary folder
// on 127.0.0.1 for one test: `make unit` installs it into bin/tools and
// names it in VERSITYGW_BIN.
type S3 struct {
	t    testing.TB
	bin  string
	Dir  string // the folder it serves: one sub-folder per bucket
	addr string
	cmd  *exec.Cmd
}

// The root credentials the server accepts.
const (
	S3AccessKey = "fairdesk-test-key"
	S3SecretKey = "fairdesk-test-secret"
)

// StartS3 starts a server for this test, or skips it when VERSITYGW_BIN
// is not set. It is stopped when the test ends.
func StartS3(t testing.TB) *S3 {
	t.Helper()
	bin := os.Getenv("VERSITYGW_BIN")
	if bin == "" {
		t.Skip("VERSITYGW_BIN is not set: `make unit` installs versitygw into bin/tools and sets it, to test sync through a real S3 server")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &S3{t: t, bin: bin, Dir: t.TempDir(), addr: addr}
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// Endpoint is the server's URL.
func (s *S3) Endpoint() string { return "http://" + s.addr }

// Start starts the server (again) on the same port and folder.
func (s *S3) Start() {
	s.t.Helper()
	cmd := exec.Command(s.bin, "--port", s.addr, "posix", s.Dir)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+S3AccessKey, "ROOT_SECRET_KEY="+S3SecretKey)
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd = cmd
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", s.addr); err == nil {
			c.Close()
			return
		}
	}
	s.t.Fatalf("versitygw did not listen on %s", s.addr)
}

// Stop stops the server, as a network outage would.
func (s *S3) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}

// Creds are credentials the server accepts, with the secret given.
func S3Creds(secret string) *credentials.Credentials {
	return credentials.NewStaticV4(S3AccessKey, secret, "")
}

// MakeBucket creates a bucket.
func (s *S3) MakeBucket(name string) {
	s.t.Helper()
	client, err := minio.New(strings.TrimPrefix(s.Endpoint(), "http://"), &minio.Options{Creds: S3Creds(S3SecretKey), Region: "us-east-1", BucketLookup: minio.BucketLookupPath})
	if err != nil {
		s.t.Fatal(err)
	}
	if err := client.MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		s.t.Fatal(err)
	}
}

// WithoutConditionalWrites is the URL of a proxy in front of the server
// that lets a create-only PUT replace an object, as a service without
// conditional writes does: it answers the server's 412 with 200. It is
// closed when the test ends.
func (s *S3) WithoutConditionalWrites() string {
	target, _ := url.Parse(s.Endpoint())
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		if r.StatusCode == http.StatusPreconditionFailed {
			r.StatusCode, r.Status = http.StatusOK, "200 OK"
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader("")), 0
			r.Header.Del("Content-Length")
		}
		return nil
	}
	ignoring := httptest.NewServer(proxy)
	s.t.Cleanup(ignoring.Close)
	return ignoring.URL
}
