package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// Fingerprint is a cheap look at the folder for a change watcher: a
// digest of names, reading no file, that changes whenever another laptop
// writes a batch, so that a watcher can sync only then (and on its
// timer). Filesystem notifications do not reach across file shares and
// sync tools reliably; listing does. It lists one folder, however many
// laptops there are: a bucket's feed of the last minute, or a shared
// folder's markers (feed.go). A shared folder with no marker yet (its
// laptops are of a version before markers) is looked at whole: the device
// folders and their files.
func Fingerprint(ctx context.Context, f Folder) (string, error) {
	var names []string
	var err error
	if la, ok := f.(listerAfter); ok {
		names, err = la.ListAfter(ctx, feedDir, fmt.Sprintf("%013d", time.Now().Add(-2*feedMargin).UnixMilli()))
	} else {
		names, err = f.List(ctx, latestDir)
	}
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	if _, bucket := f.(listerAfter); bucket || len(names) > 0 {
		slices.Sort(names)
		h := sha256.New()
		for _, name := range names {
			fmt.Fprintf(h, "%s\x00", name)
		}
		return hex.EncodeToString(h.Sum(nil)[:12]), nil
	}
	return wholeFingerprint(ctx, f)
}

// wholeFingerprint digests the names of the device folders and of their
// files.
func wholeFingerprint(ctx context.Context, f Folder) (string, error) {
	devices, err := f.List(ctx, devicesDir)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	if devices == nil {
		// A folder that vanished lists as empty below the top: look at the top.
		if _, err := f.List(ctx, ""); err != nil {
			return "", fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
	}
	slices.Sort(devices)
	h := sha256.New()
	for _, dev := range devices {
		files, err := f.List(ctx, devicesDir+"/"+dev)
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		slices.Sort(files)
		fmt.Fprintf(h, "%s\x00", dev)
		for _, name := range files {
			fmt.Fprintf(h, "%s\x00", name)
		}
		h.Write([]byte{1})
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}
