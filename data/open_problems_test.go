package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// newEventFile makes a closed database file with enough rows to span many
// pages, and returns its path.
func newEventFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "event.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = st.ImportTx(ctx, func(b *ImportTx) error {
		for i := range 2000 {
			p := Person{GivenName: "Ana", FamilyName: "Tester", Email: fmt.Sprintf("%s%d@example.org", strings.Repeat("x", 40), i)}
			if err := b.SavePerson(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// readOnlyMount shows dir again at a new path on a read-only bind mount,
// the way a write-protected USB stick or a read-only share behaves: unlike
// chmod, it stops root too. It skips the test where mounting is not allowed.
func readOnlyMount(t *testing.T, dir string) string {
	t.Helper()
	ro := t.TempDir()
	if out, err := exec.Command("mount", "--bind", dir, ro).CombinedOutput(); err != nil {
		t.Skipf("cannot bind-mount a folder here (needs root with CAP_SYS_ADMIN): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", ro).Run() })
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", ro).CombinedOutput(); err != nil {
		t.Skipf("cannot make the bind mount read-only: %v %s", err, out)
	}
	if err := os.WriteFile(filepath.Join(ro, "probe"), nil, 0o600); err == nil {
		t.Fatal("the read-only mount took a write")
	}
	return ro
}

func TestOpenOnReadOnlyDiskSaysSo(t *testing.T) {
	dir := t.TempDir()
	newEventFile(t, dir)
	ro := readOnlyMount(t, dir)
	_, err := Open(filepath.Join(ro, "event.db"), Options{})
	if err == nil {
		t.Fatal("a database on a read-only disk opened for writing")
	}
	if msg := err.Error(); !strings.Contains(msg, "is read-only") || !strings.Contains(msg, "copy the file to a folder you can write to") {
		t.Errorf("error does not say the disk is read-only: %v", err)
	}
}

func TestOpenTruncatedSaysDamagedAndPointsAtBackups(t *testing.T) {
	dir := t.TempDir()
	path := newEventFile(t, dir)
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	backups := BackupDir(path)
	made, err := st.DailyBackup(context.Background(), backups, st.Now(), 3)
	if err != nil || made == "" {
		t.Fatalf("backup: %q %v", made, err)
	}
	st.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrDamagedDatabase) {
		t.Fatalf("err = %v, want ErrDamagedDatabase", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "damaged") || !strings.Contains(msg, "fairctl restore "+made) {
		t.Errorf("error does not say the file is damaged and name the newest backup %s: %v", made, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("opening the damaged file changed it")
	}
}
