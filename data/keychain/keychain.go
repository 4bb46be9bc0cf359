// Package keychain keeps the keys of an S3-compatible bucket, typed in
// Settings → Sync, where the desktop keeps secrets: the macOS Keychain,
// the Windows Credential Manager, or the Secret Service (GNOME Keyring,
// KWallet) on Linux, through github.com/zalando/go-keyring. The event
// database remembers only the entry's name (sync.BucketPlace.Keychain);
// the keys are in no file Fairdesk writes.
package keychain

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	gosync "sync"

	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/zalando/go-keyring"
)

// service is what the OS keychain lists the entries under.
const service = "Fairdesk"

// one lets one call at a time reach the keychain: a locked keychain asks
// the user to unlock it, and the sync and Settings asking at once would
// ask twice.
var one gosync.Mutex

func get(entry string) (string, error) {
	one.Lock()
	defer one.Unlock()
	return keyring.Get(service, entry)
}

// Keys reach a bucket: an access key id and its secret.
type Keys struct {
	AccessKeyID string `json:"access_key_id"`
	SecretKey   string `json:"secret_access_key"`
}

// ErrUnavailable is a desktop with no keychain Fairdesk can reach, such
// as a Linux laptop with no Secret Service running. The errors that say
// so are UnavailableErrors.
var ErrUnavailable = errors.New("this laptop has no keychain to keep the keys in")

// UnavailableError says why the keychain cannot be reached: Cause is
// the keychain's own error (a D-Bus error, say), which names no key.
type UnavailableError struct{ Cause error }

func (e *UnavailableError) Error() string { return fmt.Sprintf("%v (%v)", ErrUnavailable, e.Cause) }

func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

// ErrNoEntry is a keychain without the entry a bucket names: the keys
// were removed from it, or the database came from another laptop.
var ErrNoEntry = errors.New("the bucket's keys are not in this laptop's keychain")

// EntryName is the name a bucket's keys are kept under: its address, and
// the service's when it is not AWS, as the keychain's own window lists it.
func EntryName(bucketURL, endpoint string) string {
	if endpoint == "" {
		return bucketURL
	}
	return bucketURL + " at " + endpoint
}

// Available says whether the keychain can be reached, by reading an entry
// that is never written: "not found" is an answer from a working keychain.
func Available() error {
	_, err := get("availability probe")
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return unavailable(err)
}

// Save keeps k under entry, replacing what was there.
func Save(entry string, k Keys) error {
	if strings.TrimSpace(k.AccessKeyID) == "" || k.SecretKey == "" {
		return fmt.Errorf("keep the keys of %s: both the access key id and the secret key are needed", entry)
	}
	b, _ := json.Marshal(k)
	one.Lock()
	defer one.Unlock()
	if err := keyring.Set(service, entry, string(b)); err != nil {
		return unavailable(err)
	}
	return nil
}

// Load reads the keys kept under entry.
func Load(entry string) (Keys, error) {
	var k Keys
	s, err := get(entry)
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return k, fmt.Errorf("%w (entry %q): type them again in Settings → Sync", ErrNoEntry, entry)
	case err != nil:
		return k, unavailable(err)
	}
	if json.Unmarshal([]byte(s), &k) != nil || k.AccessKeyID == "" || k.SecretKey == "" {
		return Keys{}, fmt.Errorf("%w: the entry %q holds something else; type them again in Settings → Sync", ErrNoEntry, entry)
	}
	return k, nil
}

// Credentials are the keys under entry, for sync.OpenPlace.
func Credentials(entry string) (*credentials.Credentials, error) {
	k, err := Load(entry)
	if err != nil {
		return nil, err
	}
	return credentials.NewStaticV4(k.AccessKeyID, k.SecretKey, ""), nil
}

func unavailable(err error) error { return &UnavailableError{Cause: err} }

// Desktop is the OS keychain as the desktop app's Settings uses it.
type Desktop struct{}

func (Desktop) Available() error                { return Available() }
func (Desktop) Save(entry string, k Keys) error { return Save(entry, k) }
