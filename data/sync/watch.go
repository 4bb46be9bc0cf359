package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
)

// Fingerprint is a cheap look at the folder for a change watcher: it lists
// the device folders and their files, reads none of them, and returns a
// digest of the names. It changes whenever any laptop writes a batch, so a
// watcher can sync only then (and on its timer). Filesystem notifications
// do not reach across file shares and sync tools reliably; listing does.
func Fingerprint(ctx context.Context, f Folder) (string, error) {
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
