package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/fairdesk/fairdesk/data/sync"
)

// loadS3 is the S3-compatible server the load benchmark's laptops share a
// bucket on: versitygw serving a temporary folder on 127.0.0.1, as the
// sync tests run it. `make bench` installs it into bin/tools and names it
// in VERSITYGW_BIN.
type loadS3 struct {
	endpoint string
	cmd      *exec.Cmd
}

// The benchmark server's own credentials: it listens on loopback only.
const (
	loadS3Key    = "fairdesk-bench-key"
	loadS3Secret = "fairdesk-bench-secret"
	loadS3Bucket = "fair"
)

// versitygwBin finds the server: VERSITYGW_BIN, else bin/tools/versitygw
// under the working folder, as `make bench` leaves it.
func versitygwBin() (string, error) {
	if bin := os.Getenv("VERSITYGW_BIN"); bin != "" {
		return bin, nil
	}
	bin := filepath.Join("bin", "tools", "versitygw")
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("the load benchmark over a bucket needs versitygw: run it through make bench, which installs it into bin/tools, or set VERSITYGW_BIN")
	}
	return filepath.Abs(bin)
}

// startLoadS3 starts the server on a free port, serving dir, with one
// bucket made.
func startLoadS3(ctx context.Context, dir string) (*loadS3, error) {
	bin, err := versitygwBin()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "--port", addr, "posix", dir)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+loadS3Key, "ROOT_SECRET_KEY="+loadS3Secret)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start versitygw: %w", err)
	}
	s := &loadS3{endpoint: "http://" + addr, cmd: cmd}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("versitygw did not listen on %s: %s", addr, bytes.TrimSpace(stderr.Bytes()))
		}
	}
	client, err := minio.New(addr, &minio.Options{Creds: loadS3Creds(), Region: "us-east-1", BucketLookup: minio.BucketLookupPath})
	if err == nil {
		err = client.MakeBucket(ctx, loadS3Bucket, minio.MakeBucketOptions{})
	}
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("make the benchmark's bucket: %w", err)
	}
	return s, nil
}

func loadS3Creds() *credentials.Credentials {
	return credentials.NewStaticV4(loadS3Key, loadS3Secret, "")
}

// open is one laptop's own client of the bucket under prefix, counting
// its own requests.
func (s *loadS3) open(prefix string) (*sync.Bucket, error) {
	return sync.OpenBucket(sync.BucketOptions{URL: "s3://" + loadS3Bucket + "/" + prefix, Endpoint: s.endpoint, Creds: loadS3Creds()})
}

func (s *loadS3) stop() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}
