// Package sync keeps the laptops of one event in step through a shared
// folder: a file share, or a folder that Dropbox, OneDrive, Google Drive or
// Syncthing copies between machines. Each laptop writes only new files into
// its own device folder; every laptop reads everyone's. See SYNC.md in the
// project's shared notes for why one shared database file would lose data.
package sync

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ErrExists is returned when creating a file that is already there.
var ErrExists = errors.New("file exists")

// Folder is where the laptops meet. It only lists, reads, creates new
// files and removes a laptop's own old ones, so that an S3-compatible bucket
// can stand in for a directory without touching the merge. Names use "/".
type Folder interface {
	// List names the entries directly inside dir ("" for the top).
	List(ctx context.Context, dir string) ([]string, error)
	Read(ctx context.Context, name string) ([]byte, error)
	// Create writes a new file in one piece, or fails with ErrExists.
	Create(ctx context.Context, name string, data []byte) error
	Remove(ctx context.Context, name string) error
}

// Dir is a Folder on a mounted file system.
type Dir struct{ Root string }

func (d Dir) path(name string) string { return filepath.Join(d.Root, filepath.FromSlash(name)) }

// List names the entries in dir, leaving out what sync tools and file
// managers put there: temporary files, conflict copies, desktop.ini.
func (d Dir) List(ctx context.Context, dir string) ([]string, error) {
	entries, err := os.ReadDir(d.path(dir))
	if errors.Is(err, fs.ErrNotExist) && dir != "" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !Ignored(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// Ignored reports names that are never ours to read.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") ||
		strings.HasSuffix(lower, ".tmp") || strings.Contains(lower, ".sync-conflict-") ||
		strings.Contains(lower, "conflicted copy") || strings.Contains(lower, "(conflict") ||
		lower == "desktop.ini" || lower == "thumbs.db" || lower == ".ds_store"
}

func (d Dir) Read(ctx context.Context, name string) ([]byte, error) {
	return os.ReadFile(d.path(name))
}

// Create writes to a temporary name, flushes it to disk and links it into
// place, which fails rather than replace a file another laptop made.
func (d Dir) Create(ctx context.Context, name string, data []byte) error {
	final := d.path(name)
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), "."+path.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), final); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		// Some shares cannot make hard links: check, then rename.
		if _, serr := os.Stat(final); serr == nil {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		if err := os.Rename(tmp.Name(), final); err != nil {
			return err
		}
	}
	syncDir(filepath.Dir(final))
	return nil
}

func (d Dir) Remove(ctx context.Context, name string) error {
	err := os.Remove(d.path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// syncDir makes a new directory entry durable where the system allows it.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
