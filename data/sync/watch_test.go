package sync

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFingerprintChangesWithBatchesOnly(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := Dir{Root: root}
	first, err := Fingerprint(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Create(ctx, batchName("aa", 1), []byte("x")); err != nil {
		t.Fatal(err)
	}
	second, err := Fingerprint(ctx, d)
	if err != nil || second == first {
		t.Fatalf("a new batch left the fingerprint %s (%v)", second, err)
	}
	// Files sync tools leave behind are not changes.
	os.WriteFile(filepath.Join(root, "devices", "aa", "desktop.ini"), []byte("x"), 0o600)
	if again, _ := Fingerprint(ctx, d); again != second {
		t.Error("desktop.ini changed the fingerprint")
	}
	os.RemoveAll(root)
	if _, err := Fingerprint(ctx, d); !errors.Is(err, ErrUnreachable) {
		t.Errorf("a missing folder gave %v, want ErrUnreachable", err)
	}
}
