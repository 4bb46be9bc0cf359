package sync

import (
	"errors"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7/pkg/credentials"
)

// A place remembered by an older fairctl (address and endpoint) reads the
// same, a keychain entry's name goes through the query, and a folder is
// not a bucket.
func TestBucketPlaceRoundTrip(t *testing.T) {
	old := "s3://fair/spring?endpoint=http%3A%2F%2F127.0.0.1%3A9000"
	p, ok := ParseBucketPlace(old)
	if !ok || p.URL != "s3://fair/spring" || p.Endpoint != "http://127.0.0.1:9000" || p.Keychain != "" || p.String() != old {
		t.Fatalf("%q reads as %+v, back as %q", old, p, p.String())
	}
	p.Keychain = "s3://fair/spring at http://127.0.0.1:9000"
	if back, _ := ParseBucketPlace(p.String()); back != p {
		t.Errorf("%+v comes back as %+v", p, back)
	}
	if (BucketPlace{URL: "s3://fair/spring"}).String() != "s3://fair/spring" {
		t.Error("an AWS bucket with no keys is remembered with a query")
	}
	if _, ok := ParseBucketPlace("/mnt/share/fair"); ok {
		t.Error("a folder reads as a bucket")
	}
	if f, err := OpenPlace("/mnt/share/fair", nil); err != nil || f.(Dir).Root != "/mnt/share/fair" {
		t.Errorf("a folder opens as %v (%v)", f, err)
	}
	missing := errors.New("not in the keychain")
	if _, err := OpenPlace(p.String(), func(string) (*credentials.Credentials, error) { return nil, missing }); !errors.Is(err, missing) {
		t.Errorf("keys that cannot be read: %v", err)
	}
}

// The endpoint check is OpenBucket's, message and all.
func TestCheckEndpointIsOpenBucketsRule(t *testing.T) {
	for _, ep := range []string{"", "https://r2.example.com", "http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000"} {
		if err := CheckEndpoint(ep); err != nil {
			t.Errorf("%q: %v", ep, err)
		}
	}
	err := CheckEndpoint("http://192.0.2.7:9000")
	_, openErr := OpenBucket(BucketOptions{URL: "s3://fair/spring", Endpoint: "http://192.0.2.7:9000"})
	if err == nil || openErr == nil || err.Error() != openErr.Error() || !strings.Contains(err.Error(), "only for a server on this machine") {
		t.Errorf("plain http to another machine: %v; OpenBucket: %v", err, openErr)
	}
	if !CredentialsRefused(errors.New("shared folder unreachable: list devices in s3://fair/spring: " + ErrBucketAccess.Error() + " (SignatureDoesNotMatch)")) {
		t.Error("a refusal wrapped by its text is not recognised")
	}
	if CredentialsRefused(ErrUnreachable) || CredentialsRefused(nil) {
		t.Error("an unreachable bucket reads as refused keys")
	}
}
