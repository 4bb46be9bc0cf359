// Package ui is Fairdesk's window: one file per screen, each a struct
// holding its widgets and what it depends on, composed by mainWindow.
package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/fairdesk/fairdesk/data"
)

// Store is what the screens read and write. *data.Store implements it; a
// test may hand in a fake. Nothing in ui speaks SQL.
type Store interface {
	Event(ctx context.Context) (data.Event, error)
	SaveEvent(ctx context.Context, e *data.Event) error
	IsEmpty(ctx context.Context) (bool, error)
	CountPeople(ctx context.Context, f data.PeopleFilter) (int, error)
	ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error)
	Person(ctx context.Context, id string) (data.PersonRow, error)
	// SavePersonInOrganisation returns data.FieldErrors (column -> message)
	// for a bad field or an e-mail or badge code someone else has.
	SavePersonInOrganisation(ctx context.Context, p *data.Person, orgName string) error
	DeletePerson(ctx context.Context, id string) error
	RestorePerson(ctx context.Context, id string) error
	Organisations(ctx context.Context) ([]data.Organisation, error)
	SaveOrganisation(ctx context.Context, o *data.Organisation) error
	DeleteOrganisation(ctx context.Context, id string) error
	SaveSession(ctx context.Context, s *data.Session, speakerIDs []string) error
	DeleteSession(ctx context.Context, id string) error
	SaveBooth(ctx context.Context, b *data.Booth, staffIDs []string) error
	DeleteBooth(ctx context.Context, id string) error
	PeopleStats(ctx context.Context) (data.PeopleStats, error)
	Sessions(ctx context.Context) ([]data.SessionRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)

	deskStore // check-in desk, session door, booths: desk_store.go
}

var _ Store = (*data.Store)(nil)

// Config is what main hands over: the open database and the few things
// that ui must not depend on directly.
type Config struct {
	Store Store
	Path  string // where the database lives, for messages

	// LoadDemo fills the empty database with the demo event. Nil when this
	// build has no demo; then an empty database opens on the event settings.
	LoadDemo func(ctx context.Context) error

	// StartNewEvent puts the current database aside and opens an empty one
	// in its place; kept says where the old one went. On failure it returns
	// the store to carry on with (the old one, reopened) or nil when there
	// is none. The store handed in before must not be used after the call.
	StartNewEvent func(ctx context.Context) (st Store, kept string, err error)

	// OpenDemo loads the demo event into a fresh database beside the
	// current one, which is closed and kept as it is, and returns it with
	// its path. On failure it returns the store to carry on with (the old
	// one, reopened) or nil when there is none.
	OpenDemo func(ctx context.Context) (st Store, path string, err error)

	// Syncer makes the sync of a store through its shared folder; the
	// window asks for one for every store it shows. Nil, or a nil result:
	// no sync. EngineSyncer is the real one.
	Syncer func(st Store) Syncer

	// JoinEvent fills a new, empty database from the event shared in dir
	// and switches to it, keeping the current one; it returns the new
	// store and where it lives. On failure it returns the store to carry
	// on with (the old one) or nil when there is none.
	JoinEvent func(ctx context.Context, dir string) (st Store, path string, err error)

	// RestoreBackup closes the current database, puts the backup file in
	// its place (keeping the old one beside it) and opens it. On failure
	// it returns the store to carry on with (the old one) or nil.
	RestoreBackup func(ctx context.Context, file string) (st Store, path string, err error)
}

// uiDo hands a function from a background goroutine back to the UI
// goroutine: fyne.Do in the program; in tests a queue the test drains, so
// that widgets are only ever touched by one goroutine.
type uiDo func(func())

func fyneDo(fn func()) { fyne.Do(fn) }
