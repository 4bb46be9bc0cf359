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
	// Once laptops mark their newest batch, the look is at the markers
	// alone: one listing however many laptops.
	watched := &listedFolder{Folder: d}
	if err := d.Create(ctx, latestDir+"/"+latestName("00000000000000aa", 1), nil); err != nil {
		t.Fatal(err)
	}
	marked, err := Fingerprint(ctx, watched)
	if err != nil || marked == second {
		t.Fatalf("the first marker left the fingerprint %s (%v)", marked, err)
	}
	if err := d.Create(ctx, latestDir+"/"+latestName("00000000000000aa", 2), nil); err != nil {
		t.Fatal(err)
	}
	if next, _ := Fingerprint(ctx, watched); next == marked {
		t.Error("a new marker left the fingerprint as it was")
	}
	if len(watched.devices) > 0 {
		t.Errorf("with markers the fingerprint still listed device folders %v", watched.devices)
	}
	os.RemoveAll(root)
	if _, err := Fingerprint(ctx, d); !errors.Is(err, ErrUnreachable) {
		t.Errorf("a missing folder gave %v, want ErrUnreachable", err)
	}
}
