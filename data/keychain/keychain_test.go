package keychain

import (
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// go-keyring's in-memory keychain stands in for the desktop's, which a
// test cannot control.
func TestKeysAreKeptAndReadBackUnderTheirEntry(t *testing.T) {
	keyring.MockInit()
	t.Cleanup(keyring.MockInit)
	if err := Available(); err != nil {
		t.Fatalf("a working keychain: %v", err)
	}
	entry := EntryName("s3://fair/spring", "http://127.0.0.1:9000")
	if _, err := Load(entry); !errors.Is(err, ErrNoEntry) || !strings.Contains(err.Error(), "Settings → Sync") {
		t.Fatalf("no entry yet: %v", err)
	}
	if err := Save(entry, Keys{AccessKeyID: "AKID", SecretKey: ""}); err == nil {
		t.Fatal("keys without a secret were kept")
	}
	if err := Save(entry, Keys{AccessKeyID: "AKID", SecretKey: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	creds, err := Credentials(entry)
	if err != nil {
		t.Fatal(err)
	}
	v, err := creds.GetWithContext(nil)
	if err != nil || v.AccessKeyID != "AKID" || v.SecretAccessKey != "s3cret" {
		t.Fatalf("credentials %+v (%v)", v, err)
	}
	if _, err := Load(EntryName("s3://fair/spring", "")); err == nil {
		t.Error("the same bucket on another service found the keys")
	}
	keyring.Set(service, entry, "not keys")
	if _, err := Load(entry); !errors.Is(err, ErrNoEntry) {
		t.Errorf("an entry holding something else: %v", err)
	}
}

// With no Secret Service (a bare Linux laptop), every call says the
// keychain is unavailable, and why, naming no key.
func TestNoKeychainIsSaid(t *testing.T) {
	keyring.MockInitWithError(errors.New("dbus: no session bus"))
	t.Cleanup(keyring.MockInit)
	for name, err := range map[string]error{
		"Available": Available(),
		"Save":      Save("s3://fair/spring", Keys{AccessKeyID: "AKID", SecretKey: "s3cret"}),
	} {
		if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "no session bus") || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Load("s3://fair/spring"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Load: %v", err)
	}
}
