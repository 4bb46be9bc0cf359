package sync

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/fairdesk/fairdesk/data"
)

// BucketPlace is a bucket as a laptop remembers where it syncs (the
// string RememberedFolder returns): its address, the endpoint of a service
// other than AWS, and the name of the keychain entry that holds keys typed
// in the desktop app. Never a key itself.
type BucketPlace struct {
	URL      string // s3://BUCKET/PREFIX
	Endpoint string // "" for AWS S3
	Keychain string // "": the AWS environment variables or shared credentials file
}

// ParseBucketPlace reads a remembered place; ok is false for a folder.
func ParseBucketPlace(where string) (p BucketPlace, ok bool) {
	if !strings.HasPrefix(where, "s3://") {
		return BucketPlace{}, false
	}
	u, query, _ := strings.Cut(where, "?")
	v, _ := url.ParseQuery(query)
	return BucketPlace{URL: u, Endpoint: v.Get("endpoint"), Keychain: v.Get("keychain")}, true
}

// String is the place as remembered: s3://BUCKET/PREFIX, then the
// endpoint and keychain entry when there are any.
func (p BucketPlace) String() string {
	v := url.Values{}
	if p.Endpoint != "" {
		v.Set("endpoint", p.Endpoint)
	}
	if p.Keychain != "" {
		v.Set("keychain", p.Keychain)
	}
	if len(v) == 0 {
		return p.URL
	}
	return p.URL + "?" + v.Encode()
}

// CheckEndpoint applies to a service's URL the rule OpenBucket does
// (https, or plain http only for a server on this machine), with its
// message, for a form to check as the user types.
func CheckEndpoint(endpoint string) error {
	_, _, err := endpointHost(endpoint)
	return err
}

// KeySource reads the keys kept under a keychain entry's name.
type KeySource func(entry string) (*credentials.Credentials, error)

// OpenPlace opens where a laptop syncs, as remembered: a folder's path,
// or a bucket whose keychain entry, when it names one, keys reads.
func OpenPlace(where string, keys KeySource) (Folder, error) {
	p, ok := ParseBucketPlace(where)
	if !ok {
		return Dir{Root: where}, nil
	}
	o := BucketOptions{URL: p.URL, Endpoint: p.Endpoint}
	if p.Keychain != "" {
		creds, err := keys(p.Keychain)
		if err != nil {
			return nil, err
		}
		o.Creds = creds
	}
	return OpenBucket(o)
}

// SharePlace is Share into a place as remembered: a folder's path, or a
// bucket's place (see ShareIn).
func SharePlace(ctx context.Context, st Replica, where string, keys KeySource) (Report, error) {
	if _, ok := ParseBucketPlace(where); !ok {
		return Share(ctx, st, where)
	}
	f, err := OpenPlace(where, keys)
	if err != nil {
		return Report{}, err
	}
	return ShareIn(ctx, st, f, where)
}

// JoinPlace is Join from a place as remembered: a folder's path, or a
// bucket's place (see JoinFrom).
func JoinPlace(ctx context.Context, path, where string, inv Invitation, keys KeySource) (*data.Store, Report, error) {
	if _, ok := ParseBucketPlace(where); !ok {
		return Join(ctx, path, where, inv)
	}
	f, err := OpenPlace(where, keys)
	if err != nil {
		return nil, Report{}, err
	}
	return JoinFrom(ctx, path, f, where, inv)
}

// CredentialsRefused says whether err is a bucket refusing this laptop's
// keys. The engine wraps a folder's errors into ErrUnreachable by their
// text, so the text is what is left to recognise.
func CredentialsRefused(err error) bool {
	return err != nil && (errors.Is(err, ErrBucketAccess) || strings.Contains(err.Error(), ErrBucketAccess.Error()))
}
