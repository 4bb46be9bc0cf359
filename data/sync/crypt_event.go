package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/fairdesk/fairdesk/data"
)

// legacyEventFile is the unencrypted event file of the format before
// encryption; a folder holding it is refused (errOldFormat).
const legacyEventFile = eventFile

// eventFileName is the event file of one key generation: the event's id
// and name, sealed under that generation's everyone key and signed with
// its roster key.
func eventFileName(n int) string { return fmt.Sprintf("fairdesk-event-%d.fde", n) }

func writeEventFile(ctx context.Context, f Folder, k *keyring, ev data.Event) error {
	e := k.newest()
	plain, _ := json.Marshal(eventMarker{Format: 2, Event: ev.ID, Name: ev.Name})
	b, err := seal(sealHeader{Kind: "event"}, []plainSection{{e.Everyone, plain}}, ed25519.PrivateKey(e.RosterPriv))
	if err != nil {
		return err
	}
	if err := f.Create(ctx, eventFileName(e.N), b); err != nil && !errors.Is(err, ErrExists) {
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	return nil
}

// errNoEvent is a folder without an event file this laptop can open.
var errNoEvent = errors.New("the shared folder holds no Fairdesk event: share this event there first")

// readEventFile reads the event file of the newest generation this laptop
// holds that the folder has. A folder of the unencrypted format is refused.
func readEventFile(ctx context.Context, f Folder, k *keyring) (eventMarker, error) {
	var m eventMarker
	for i := len(k.Epochs) - 1; i >= 0; i-- {
		e := k.Epochs[i]
		b, err := readFile(ctx, f, eventFileName(e.N), maxManifest)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return m, fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		sf, err := openSealed(b, "event")
		if err == nil {
			err = sf.verify(ed25519.PublicKey(e.RosterPub))
		}
		if err != nil {
			return m, fmt.Errorf("the shared folder's %s: %w", eventFileName(e.N), err)
		}
		plain, ok, err := sf.section(e.Everyone)
		if !ok || err != nil || json.Unmarshal(plain, &m) != nil {
			return m, fmt.Errorf("the shared folder's %s cannot be opened with this laptop's keys: the folder holds another event, or the file is damaged", eventFileName(e.N))
		}
		return m, nil
	}
	if _, err := readFile(ctx, f, legacyEventFile, maxManifest); err == nil {
		return m, errOldFormat
	}
	if _, err := f.List(ctx, ""); err != nil {
		return m, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	return m, errNoEvent
}
