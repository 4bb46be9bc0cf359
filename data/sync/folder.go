// Package sync keeps the laptops of one event in step through a shared
// folder: a file share, or a folder that Dropbox, OneDrive, Google Drive or
// Syncthing copies between machines. Each laptop writes only new files into
// its own device folder; every laptop reads everyone's. DESIGN.md beside
// this file says what the folder holds and why it is built this way.
package sync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
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
	// Open opens a file for reading and says how large it is, so that a
	// file past its limit is refused before any of it is read.
	Open(ctx context.Context, name string) (io.ReadCloser, int64, error)
	// Create writes a new file in one piece, or fails with ErrExists.
	Create(ctx context.Context, name string, data []byte) error
	Remove(ctx context.Context, name string) error
}

// Dir is a Folder on a mounted file system. Every name is resolved through
// os.Root, so no name, symbolic link or ".." can reach outside Root.
type Dir struct{ Root string }

func (d Dir) open() (*os.Root, error) { return os.OpenRoot(d.Root) }

func local(name string) string {
	if name == "" {
		return "."
	}
	return filepath.FromSlash(name)
}

// List names the entries in dir, leaving out what sync tools and file
// managers put there: temporary files, conflict copies, desktop.ini.
func (d Dir) List(ctx context.Context, dir string) ([]string, error) {
	root, err := d.open()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(local(dir))
	if errors.Is(err, fs.ErrNotExist) && dir != "" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
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

// rootFile is an open file that also closes the root it was opened through.
type rootFile struct {
	*os.File
	root *os.Root
}

func (f rootFile) Close() error { return errors.Join(f.File.Close(), f.root.Close()) }

// Open opens a regular file for reading.
func (d Dir) Open(ctx context.Context, name string) (io.ReadCloser, int64, error) {
	root, err := d.open()
	if err != nil {
		return nil, 0, err
	}
	f, err := root.Open(local(name))
	if err != nil {
		root.Close()
		return nil, 0, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("%s is not a file", name)
	}
	if err != nil {
		f.Close()
		root.Close()
		return nil, 0, err
	}
	return rootFile{f, root}, info.Size(), nil
}

// Create writes to a temporary name, flushes it to disk and links it into
// place, which fails rather than replace a file another laptop made.
func (d Dir) Create(ctx context.Context, name string, data []byte) error {
	root, err := d.open()
	if err != nil {
		return err
	}
	defer root.Close()
	final, dir := local(name), local(path.Dir(name))
	if err := root.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	random := make([]byte, 6)
	rand.Read(random)
	tmp := filepath.Join(dir, "."+path.Base(name)+"."+hex.EncodeToString(random)+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer root.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return err
	}
	if err := root.Link(tmp, final); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		// Some shares cannot make hard links: check, then rename.
		if _, serr := root.Lstat(final); serr == nil {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		if err := root.Rename(tmp, final); err != nil {
			return err
		}
	}
	if f, err := root.Open(dir); err == nil {
		f.Sync() // make the new entry durable where the system allows it
		f.Close()
	}
	return nil
}

// Remove removes a file; one already gone is not an error.
func (d Dir) Remove(ctx context.Context, name string) error {
	root, err := d.open()
	if err != nil {
		return err
	}
	defer root.Close()
	err = root.Remove(local(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
