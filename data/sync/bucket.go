package sync

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Bucket is a Folder in an S3-compatible bucket: every name is a key under
// Prefix. The design needs nothing S3 lacks (immutable files, one writer per
// device folder, create-only writes), so a bucket stands in for a folder
// one to one. Create is a conditional PUT (If-None-Match: *), which the
// server refuses with 412 when the key exists: two laptops can never
// replace each other's object.
//
// Retries: minio-go itself retries a request up to Options.MaxRetries times
// with capped exponential backoff and jitter (200 ms doubling, at most 1 s
// a wait) on network errors, on 408, 429, 499, 500, 502, 503, 504 and 520,
// and on the S3 codes SlowDown, Throttling, RequestTimeout, InternalError
// and the like, rewinding the body it sends. What it lacks is knowing that
// a retried create-only PUT whose first try landed answers 412: Create
// checks whether the object there is its own bytes.
type Bucket struct {
	client *minio.Client
	bucket string
	prefix string // "" or "events/fair-2026/", always ending in "/"
	counts *requestCounter
}

// BucketOptions says where a bucket is and how to reach it.
type BucketOptions struct {
	// URL is s3://BUCKET or s3://BUCKET/PREFIX.
	URL string
	// Endpoint is the service's base URL for non-AWS services, such as
	// https://ACCOUNT.r2.cloudflarestorage.com or http://127.0.0.1:7070;
	// empty for AWS S3. Plain http is allowed only for a loopback address.
	Endpoint string
	// Creds defaults to the AWS environment variables, then the shared
	// credentials file (~/.aws/credentials, AWS_PROFILE).
	Creds *credentials.Credentials
	// MaxRetries bounds minio-go's retries of one request (0: a few, so
	// that an unreachable bucket makes a sync fail within seconds and the
	// laptop carries on offline).
	MaxRetries int
	// PageSize is the most keys one LIST request returns (0: the
	// server's default, 1000).
	PageSize int
}

// defaultRetries makes an unreachable bucket fail in about 1.5 s.
const defaultRetries = 4

// ParseBucketURL splits s3://BUCKET/PREFIX.
func ParseBucketURL(s string) (bucket, prefix string, err error) {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return "", "", fmt.Errorf("bucket %q: write it as s3://BUCKET/PREFIX", s)
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	prefix = strings.Trim(prefix, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("bucket %q names no bucket: write it as s3://BUCKET/PREFIX", s)
	}
	if prefix != "" {
		if err := checkName(prefix); err != nil {
			return "", "", fmt.Errorf("bucket %q: the prefix %v", s, err)
		}
	}
	return bucket, prefix, nil
}

// endpointHost reads --endpoint: its host and whether it uses TLS. Plain
// http would send every batch and the request signatures in clear, so it
// is only for a server on this machine.
func endpointHost(endpoint string) (host string, secure bool, err error) {
	if endpoint == "" {
		return "s3.amazonaws.com", true, nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return "", false, fmt.Errorf("endpoint %q: write it as https://HOST[:PORT]", endpoint)
	}
	switch u.Scheme {
	case "https":
		return u.Host, true, nil
	case "http":
		if !loopback(u.Hostname()) {
			return "", false, fmt.Errorf("endpoint %q: plain http is allowed only for a server on this machine (127.0.0.1, ::1 or localhost); use https", endpoint)
		}
		return u.Host, false, nil
	}
	return "", false, fmt.Errorf("endpoint %q: write it as https://HOST[:PORT]", endpoint)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// DefaultCredentials are the AWS environment variables, then the shared
// credentials file: where the AWS tools look.
func DefaultCredentials() *credentials.Credentials {
	return credentials.NewChainCredentials([]credentials.Provider{
		&credentials.EnvAWS{},
		&credentials.FileAWSCredentials{},
	})
}

// OpenBucket makes a Bucket. It sends no request: a bucket that cannot be
// reached shows at the first sync, like a folder that is not mounted.
func OpenBucket(o BucketOptions) (*Bucket, error) {
	bucket, prefix, err := ParseBucketURL(o.URL)
	if err != nil {
		return nil, err
	}
	host, secure, err := endpointHost(o.Endpoint)
	if err != nil {
		return nil, err
	}
	creds := o.Creds
	if creds == nil {
		creds = DefaultCredentials()
	}
	retries := o.MaxRetries
	if retries <= 0 {
		retries = defaultRetries
	}
	base, err := minio.DefaultTransport(secure)
	if err != nil {
		return nil, err
	}
	counts := &requestCounter{next: base}
	region := os.Getenv("AWS_REGION")
	if region == "" && o.Endpoint != "" {
		region = "us-east-1" // what self-hosted servers sign with; saves a location request
	}
	client, err := minio.New(host, &minio.Options{
		Creds: creds, Secure: secure, Region: region, Transport: counts, MaxRetries: retries,
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %v", o.URL, err)
	}
	if prefix != "" {
		prefix += "/"
	}
	counts.pageSize = o.PageSize
	return &Bucket{client: client, bucket: bucket, prefix: prefix, counts: counts}, nil
}

// String names the bucket as the user wrote it, without credentials.
func (b *Bucket) String() string {
	return "s3://" + b.bucket + "/" + strings.TrimSuffix(b.prefix, "/")
}

// Requests counts the HTTP requests this Bucket sent, retries included,
// and how many of them were LISTs: what a sync costs.
func (b *Bucket) Requests() (all, lists int64) {
	return b.counts.all.Load(), b.counts.lists.Load()
}

// checkName refuses a name that is not a plain relative path: what Dir's
// os.Root refuses (absolute, "..") and what a key could smuggle ("."
// segments, empty segments, backslashes, control characters).
func checkName(name string) error {
	if name == "" {
		return fmt.Errorf("name is empty")
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\\x00") {
			return fmt.Errorf("%q is not a plain relative name", name)
		}
		for _, r := range seg {
			if r < 0x20 || r == 0x7f {
				return fmt.Errorf("%q is not a plain relative name", name)
			}
		}
	}
	return nil
}

func (b *Bucket) key(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	return b.prefix + name, nil
}

// List names the entries directly inside dir: the objects and the
// "sub-folders" (common prefixes) one level down, all pages of them.
func (b *Bucket) List(ctx context.Context, dir string) ([]string, error) {
	return b.ListAfter(ctx, dir, "")
}

// ListAfter is List leaving out every name that sorts at or before after:
// the server starts the listing there (start-after), so that a device
// folder with thousands of batches costs one request when nothing is new.
func (b *Bucket) ListAfter(ctx context.Context, dir, after string) ([]string, error) {
	prefix := b.prefix
	if dir != "" {
		if err := checkName(dir); err != nil {
			return nil, err
		}
		prefix += dir + "/"
	}
	opts := minio.ListObjectsOptions{Prefix: prefix, MaxKeys: b.counts.pageSize}
	if after != "" {
		opts.StartAfter = prefix + after
	}
	var names []string
	for obj := range b.client.ListObjectsIter(ctx, b.bucket, opts) {
		if obj.Err != nil {
			return nil, b.fail("list", dir, obj.Err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(obj.Key, prefix), "/")
		if name != "" && !strings.Contains(name, "/") && !Ignored(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names) // objects come before "sub-folders": sort as Dir does
	return names, nil
}

// Open reads an object, saying how large it is before any of it is read.
// It is one GET, whose response carries the size (the client's Object
// would send a HEAD first to learn it).
func (b *Bucket) Open(ctx context.Context, name string) (io.ReadCloser, int64, error) {
	key, err := b.key(name)
	if err != nil {
		return nil, 0, err
	}
	body, info, _, err := minio.Core{Client: b.client}.GetObject(ctx, b.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, 0, b.fail("read", name, err)
	}
	return body, info.Size, nil
}

// Create writes a new object in one PUT that the server refuses when the
// key exists. After a 412 it reads what is there: a retried PUT whose first
// try landed finds its own bytes, which is success, not another laptop.
func (b *Bucket) Create(ctx context.Context, name string, data []byte) error {
	key, err := b.key(name)
	if err != nil {
		return err
	}
	err = b.putNew(ctx, key, data)
	if err == nil {
		return nil
	}
	if !preconditionFailed(err) {
		return b.fail("write", name, err)
	}
	if there, rerr := readFile(ctx, b, name, int64(len(data))); rerr == nil && bytes.Equal(there, data) {
		return nil
	}
	return fmt.Errorf("%s: %w", name, ErrExists)
}

// putNew is one create-only PUT: If-None-Match: * (SetMatchETagExcept("*")
// sends exactly that header), in one request, never multipart.
func (b *Bucket) putNew(ctx context.Context, key string, data []byte) error {
	opts := minio.PutObjectOptions{DisableMultipart: true, ContentType: "application/octet-stream"}
	opts.SetMatchETagExcept("*")
	_, err := b.client.PutObject(ctx, b.bucket, key, bytes.NewReader(data), int64(len(data)), opts)
	return err
}

func preconditionFailed(err error) bool {
	return minio.ToErrorResponse(err).StatusCode == http.StatusPreconditionFailed
}

// ErrNoConditionalWrites is a bucket that lets a create-only PUT replace
// an object: two laptops could then overwrite each other's batches.
var ErrNoConditionalWrites = errors.New("the bucket does not support conditional writes (PUT with If-None-Match: *), which Fairdesk needs so that no laptop can replace another's files; use a service that supports them (AWS S3, Cloudflare R2, MinIO, versitygw and others do)")

// CheckConditionalWrites writes a probe object twice with If-None-Match: *
// and removes it: the second write must be refused.
func (b *Bucket) CheckConditionalWrites(ctx context.Context) error {
	random := make([]byte, 6)
	rand.Read(random)
	name := ".probe-" + hex.EncodeToString(random) // hidden: List leaves it out
	key := b.prefix + name
	if err := b.putNew(ctx, key, []byte("probe\n")); err != nil {
		return b.fail("write", name, err)
	}
	defer b.client.RemoveObject(context.WithoutCancel(ctx), b.bucket, key, minio.RemoveObjectOptions{})
	err := b.putNew(ctx, key, []byte("probe\n"))
	switch {
	case err == nil:
		return fmt.Errorf("%s: %w", b, ErrNoConditionalWrites)
	case preconditionFailed(err):
		return nil
	}
	return b.fail("write", name, err)
}

// Remove removes an object; one already gone is not an error (S3 says so
// itself).
func (b *Bucket) Remove(ctx context.Context, name string) error {
	key, err := b.key(name)
	if err != nil {
		return err
	}
	if err := b.client.RemoveObject(ctx, b.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return b.fail("remove", name, err)
	}
	return nil
}

// ErrBucketAccess is a bucket that refuses this laptop's credentials.
var ErrBucketAccess = errors.New("the bucket refused the credentials")

// fail words a request's error the way Dir's errors read: a missing object
// is fs.ErrNotExist; refused credentials say so and where they come from.
// Every other failure (network, server down) stays an error the engine
// turns into ErrUnreachable: offline, try again later.
func (b *Bucket) fail(op, name string, err error) error {
	resp := minio.ToErrorResponse(err)
	switch {
	case resp.Code == "NoSuchKey" || (resp.StatusCode == http.StatusNotFound && resp.Code != "NoSuchBucket"):
		return fmt.Errorf("%s %s: %w", op, name, fs.ErrNotExist)
	case resp.Code == "NoSuchBucket":
		return fmt.Errorf("%s %s: %s has no bucket %q", op, name, b.client.EndpointURL().Host, b.bucket)
	case resp.StatusCode == http.StatusForbidden || resp.Code == "InvalidAccessKeyId" || resp.Code == "SignatureDoesNotMatch" ||
		resp.Code == "ExpiredToken" || resp.Code == "AccessDenied":
		return fmt.Errorf("%s %s in %s: %w (%s); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or ~/.aws/credentials", op, name, b, ErrBucketAccess, resp.Code)
	}
	return fmt.Errorf("%s %s in %s: %v", op, name, b, err)
}

// requestCounter counts the requests that reach the network.
type requestCounter struct {
	next     http.RoundTripper
	all      atomic.Int64
	lists    atomic.Int64
	pageSize int
}

func (c *requestCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	c.all.Add(1)
	if r.Method == http.MethodGet && r.URL.Query().Has("list-type") {
		c.lists.Add(1)
	}
	return c.next.RoundTrip(r)
}
