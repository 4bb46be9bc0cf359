// Package ui is Fairdesk's window: one file per screen, each a struct
// holding its widgets and what it depends on, all built in one place by
// mainWindow.buildScreens.
//
// A screen names the few store methods it calls as its own small
// interface, declared in its file, and gets everything it needs in one
// struct when it is made: nothing is filled in afterwards and nothing is
// found out at run time.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/fairdesk/fairdesk/data"
)

// Config is what main hands over: the open database and the few things
// that ui must not depend on directly. The window hands the database to
// each screen as that screen's small interface.
type Config struct {
	Store *data.Store
	Path  string // where the database lives, for messages

	// LoadDemo fills the empty database with the demo event. Nil when this
	// build has no demo; then an empty database opens on the event settings.
	LoadDemo func(ctx context.Context) error

	// StartNewEvent puts the current database aside and opens an empty one
	// in its place; kept says where the old one went. On failure it returns
	// the store to carry on with (the old one, reopened) or nil when there
	// is none. The store handed in before must not be used after the call.
	StartNewEvent func(ctx context.Context) (st *data.Store, kept string, err error)

	// OpenDemo loads the demo event into a fresh database beside the
	// current one, which is closed and kept as it is, and returns it with
	// its path. On failure it returns the store to carry on with (the old
	// one, reopened) or nil when there is none.
	OpenDemo func(ctx context.Context) (st *data.Store, path string, err error)

	// Syncer makes the sync of a store through its shared folder; the
	// window asks for one for every store it shows. Nil, or a nil result:
	// no sync.
	Syncer func(st *data.Store) Syncer

	// Laptops makes the list of the store's event's laptops, with the
	// invitation and removal of one, for Settings → Sync. Nil: not listed.
	Laptops func(st *data.Store) Laptops

	// SyncEvery is how often the background sync runs, and WatchEvery how
	// often it looks in the shared folder for news; zero means the
	// defaults (15 and 3 seconds).
	SyncEvery, WatchEvery time.Duration

	// JoinEvent fills a new, empty database from the event shared in dir,
	// with the invitation (a file's bytes or its text code) and the
	// passphrase that opens it, and switches to it, keeping the current
	// one; it returns the new store and where it lives. On failure it
	// returns the store to carry on with (the old one) or nil when there
	// is none.
	JoinEvent func(ctx context.Context, dir string, invitation []byte, passphrase string) (st *data.Store, path string, err error)

	// RestoreBackup closes the current database, puts the backup file in
	// its place (keeping the old one beside it) and opens it. On failure
	// it returns the store to carry on with (the old one) or nil.
	RestoreBackup func(ctx context.Context, file string) (st *data.Store, path string, err error)

	// OpenBackup is a backup file the app was started with, as a file
	// manager starts it for a double-clicked .fairdesk file. Once the
	// event shows, the window offers to restore it, asking first as
	// Settings → Backup does; "" for none.
	OpenBackup string

	// OpenInvitation is an invitation file the app was started with (a
	// double-clicked .fairdesk-invitation file; main tells it from a
	// backup). Once the event shows, the window opens Settings → Sync →
	// Join an event with it loaded; the user chooses the folder and types
	// the passphrase. "" for none.
	OpenInvitation string

	// OpenedLater brings what later starts of Fairdesk on this database
	// were asked to open (main hands it over: one window per database).
	// Each is offered as OpenBackup and OpenInvitation are; an empty one
	// only brings the window to the front. Nil for none.
	OpenedLater <-chan OpenedFile

	// Keychain keeps the keys typed for a bucket in Settings → Sync where
	// the desktop keeps secrets (data/keychain's Desktop in the program).
	// Nil: keys cannot be typed; the AWS environment variables and shared
	// credentials file still serve.
	Keychain BucketKeychain

	// Screen is the screen the window opens on; nil when main could not
	// read it (the window then keeps to a size most screens fit).
	Screen *Screen
	// Placement moves the window and says where it is, so that it opens
	// where it was; nil: it opens centred.
	Placement Placement

	// Quit ends the program once the user has chosen to (Ctrl+Q, File →
	// Quit, closing the window; unsaved changes were asked about). Nil:
	// the app's Quit.
	Quit func()
}

// uiDo hands a function from a background goroutine back to the UI
// goroutine: fyne.Do in the program; in tests a queue the test drains, so
// that widgets are only ever touched by one goroutine.
type uiDo func(func())

func fyneDo(fn func()) { fyne.Do(fn) }

// screenEnv is what every screen gets from the window: the context that
// ends when the window lets go of the store (stopping the screen's
// queries), and the way back to the UI goroutine.
type screenEnv struct {
	ctx context.Context
	do  uiDo
	// dialogs shows a screen's dialogs so that Escape, Enter and Ctrl+S
	// reach them; nil (in some tests) shows them directly.
	dialogs *dialogStack
}
