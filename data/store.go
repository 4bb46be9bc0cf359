// Package data keeps a Fairdesk event in a local SQLite database: the model,
// the store over it, its migrations and the change stamps that sync needs.
package data

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"modernc.org/sqlite" // the database/sql driver "sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNewerDatabase is returned when the database was written by a newer
// version of Fairdesk. The file is left untouched.
var ErrNewerDatabase = errors.New("database written by a newer Fairdesk")

// ErrNotFound is returned when a record does not exist or was deleted.
var ErrNotFound = errors.New("not found")

// ErrBusy is returned by a write that waited longer than the busy timeout
// for another program (a sync in fairctl, a second window) to let go of
// the database. The write was refused whole: nothing of it was saved.
var ErrBusy = errors.New("the event is busy with a sync; try again in a moment")

// busyTimeout is how long a write waits for another program's write.
const busyTimeout = 5 * time.Second

// Store is one event's database. It is safe for concurrent use: reads go
// through a pool of connections, writes through a single one.
type Store struct {
	path   string
	writer *sqlx.DB
	reader *sqlx.DB
	device string
	laptop string
	clock  *hlcSource

	writeMu   sync.Mutex
	seq       int64 // the last local change number handed out
	localRows int64 // rows changed on this laptop, ever
	prepared  preparedStatements
}

// Options changes how a store is opened. The zero value is what the program uses.
type Options struct {
	Clock Clock // defaults to time.Now
	// BusyTimeout is how long a write waits for another program's write
	// before it is refused with ErrBusy; it defaults to five seconds.
	BusyTimeout time.Duration
}

// Open opens the database at path, creating it when missing and bringing
// its schema up to date. A database from a newer Fairdesk is refused
// untouched; an older one is first copied beside itself.
func Open(path string, opts Options) (*Store, error) {
	s, err := open(path, opts, migrations())
	if err != nil {
		return nil, explainOpenError(path, err)
	}
	return s, nil
}

func open(path string, opts Options, schema []migration) (*Store, error) {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = busyTimeout
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// A database replaced by a restore or a join that was stopped half
	// way is finished before anything reads it.
	if _, err := FinishReplacement(path); err != nil {
		return nil, err
	}
	if err := checkVersion(path, len(schema)); err != nil {
		return nil, err
	}
	// Create the file readable by its owner only before SQLite does.
	if f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	writer, err := sqlx.Open("sqlite", dsn(path, false, opts.BusyTimeout))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	reader, err := sqlx.Open("sqlite", dsn(path, true, opts.BusyTimeout))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{path: path, writer: writer, reader: reader, clock: &hlcSource{now: opts.Clock}}
	if err := s.migrate(schema); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.loadLocalState(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.adoptWantedVisitors(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func dsn(path string, readOnly bool, busy time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		// Readers are a pool, each with its own cache, and the window
		// keeps a few open: 8 MiB each took the app's resident memory on
		// 100,000 people from about 240 to 213 MB after a search, with
		// searches as fast (pages it misses come from the OS's cache).
		q.Add("_pragma", "cache_size(-8192)")
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "cache_size(-32768)") // 32 MiB: a 100,000-person event fits
		q.Set("_txlock", "immediate")
		// Deleted and replaced values are zeroed where they lay, so that
		// an erased person or a withdrawn e-mail cannot be read back
		// from free space in the file (privacy_erase.go).
		q.Add("_pragma", "secure_delete(1)")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Close releases the database.
func (s *Store) Close() error {
	s.writeMu.Lock()
	s.prepared.close()
	s.writeMu.Unlock()
	return errors.Join(s.reader.Close(), s.writer.Close())
}

// Path is where the database file lives.
func (s *Store) Path() string { return s.path }

// DeviceID names this installation in change stamps.
func (s *Store) DeviceID() string { return s.device }

// LaptopName is what people call this laptop: the host name unless set.
func (s *Store) LaptopName() string {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.laptop
}

// SetLaptopName names this laptop, for check-in screens and sync status.
func (s *Store) SetLaptopName(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return FieldErrors{"laptop_name": problem(ProblemLaptopNameNeeded)}
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := s.writer.ExecContext(ctx, "INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", stateLaptop, name); err != nil {
		return fmt.Errorf("save laptop name: %w", busyError(err))
	}
	s.laptop = name
	return nil
}

// Now is the store's clock: the real time, or a test's.
func (s *Store) Now() time.Time { return s.clock.now() }

// SchemaVersion is the schema this program writes.
func SchemaVersion() int { return len(migrations()) }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	var list []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			panic("migration without a number: " + e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		list = append(list, migration{version: n, name: e.Name(), sql: string(body)})
	}
	slices.SortFunc(list, func(a, b migration) int { return a.version - b.version })
	for i, m := range list {
		if m.version != i+1 {
			panic(fmt.Sprintf("migration %s out of sequence", m.name))
		}
	}
	return list
}

// checkVersion reads the schema version from the file header (bytes 60-63,
// sqlite.org/fileformat.html) without opening the database, so that a newer
// database is refused exactly as it is: no WAL switch, no lock files.
func checkVersion(path string, known int) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer f.Close()
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	if n == 0 {
		return nil // an empty file becomes a new database
	}
	if err != nil || string(header[:16]) != "SQLite format 3\x00" {
		return fmt.Errorf("open database %s: not a Fairdesk database (not an SQLite file); choose another file", path)
	}
	version := int(binary.BigEndian.Uint32(header[60:64]))
	if version > known {
		return fmt.Errorf("%w: %s has schema version %d and this program knows up to %d; install the newer Fairdesk to open it (the file was not changed)",
			ErrNewerDatabase, path, version, known)
	}
	return nil
}

func (s *Store) migrate(schema []migration) error {
	var version int
	if err := s.writer.Get(&version, "PRAGMA user_version"); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	pending := schema[version:]
	if len(pending) == 0 {
		return nil
	}
	if version == 0 {
		var tables int
		if err := s.writer.Get(&tables, "SELECT count(*) FROM sqlite_schema"); err != nil || tables > 0 {
			return fmt.Errorf("open database %s: not a Fairdesk database (it has tables but no Fairdesk schema version); choose another file", s.path)
		}
	}
	if version > 0 {
		backup := fmt.Sprintf("%s.v%d-%s.bak", s.path, version, time.Now().UTC().Format("20060102T150405"))
		if _, err := s.writer.Exec("VACUUM INTO ?", backup); err != nil {
			return fmt.Errorf("copy database to %s before upgrading it: %w", backup, err)
		}
	}
	tx, err := s.writer.Beginx()
	if err != nil {
		return fmt.Errorf("upgrade database: %w", err)
	}
	defer tx.Rollback()
	for _, m := range pending {
		if _, err := tx.Exec(m.sql); err != nil {
			return fmt.Errorf("upgrade database with %s: %w", m.name, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(schema))); err != nil {
		return fmt.Errorf("upgrade database: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("upgrade database: %w", err)
	}
	return nil
}

func (s *Store) loadLocalState() error {
	state := map[string]string{}
	rows, err := s.writer.Query("SELECT key, value FROM local_state")
	if err != nil {
		return fmt.Errorf("read local state: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return fmt.Errorf("read local state: %w", err)
		}
		state[k] = v
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read local state: %w", err)
	}
	s.device = state[stateDevice]
	if s.device == "" {
		s.device = newDeviceID()
		if _, err := s.writer.Exec("INSERT INTO local_state (key, value) VALUES (?, ?)", stateDevice, s.device); err != nil {
			return fmt.Errorf("save device id: %w", err)
		}
	}
	s.laptop = state[stateLaptop]
	if s.laptop == "" {
		s.laptop, _ = os.Hostname()
	}
	s.adopt(progressIn(state))
	return nil
}

// progress is how far this laptop's own changes have gone, as the
// database says: the last change number, the rows ever changed and the
// newest stamp. Another program on this computer may have moved it on
// since this one last wrote: fairctl beside the app, or a second window.
type progress struct {
	seq, rows int64
	hlc       HLC
}

func progressIn(state map[string]string) progress {
	var p progress
	p.seq, _ = strconv.ParseInt(state[stateSeq], 10, 64)
	p.rows, _ = strconv.ParseInt(state[stateRows], 10, 64)
	hlc, _ := strconv.ParseUint(state[stateHLC], 10, 64)
	p.hlc = HLC(hlc)
	return p
}

func readProgress(q sqlx.Queryer) (progress, error) {
	var kv []struct {
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	if err := sqlx.Select(q, &kv, "SELECT key, value FROM local_state WHERE key IN (?, ?, ?)", stateSeq, stateRows, stateHLC); err != nil {
		return progress{}, fmt.Errorf("read local state: %w", err)
	}
	state := map[string]string{}
	for _, e := range kv {
		state[e.Key] = e.Value
	}
	return progressIn(state), nil
}

// adopt goes on from the database's progress when another program wrote
// after this one: its change numbers were taken, and a change this
// program numbered below them would never be sent. Called with writeMu
// held.
func (s *Store) adopt(p progress) {
	if p.seq > s.seq {
		s.seq, s.localRows = p.seq, p.rows
	}
	s.clock.observe(p.hlc)
}

// newDeviceID is short enough to read in a status line, random enough that
// two laptops never pick the same one.
func newDeviceID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return fmt.Sprintf("%x", b)
}

// NewID makes a UUIDv7 key: unique across laptops and roughly in creation order.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// write runs fn in one immediate transaction on the writer connection and
// records the change number and clock it used. Every write goes through
// here, so this is where a lock held too long by another program becomes
// ErrBusy instead of SQLite's own words.
func (s *Store) write(ctx context.Context, fn func(w *writer) error) error {
	return busyError(s.writeTx(ctx, fn))
}

// busyError turns SQLite's "database is locked" (SQLITE_BUSY, with any
// extended code) into ErrBusy. The transaction was rolled back, so the
// write is refused whole and can simply be tried again.
func busyError(err error) error {
	var e *sqlite.Error
	if errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY {
		return ErrBusy
	}
	return err
}

func (s *Store) writeTx(ctx context.Context, fn func(w *writer) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.writer.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := readProgress(tx)
	if err != nil {
		return err
	}
	s.adopt(p)
	w := &writer{tx: tx, store: s, seq: s.seq + 1, stmts: map[string]*sqlx.Stmt{}}
	defer w.closeStmts()
	if err := fn(w); err != nil {
		return err
	}
	if w.changed {
		if err := w.refreshSearch(); err != nil {
			return err
		}
		if err := w.exec("INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?), (?, ?), (?, ?)",
			stateSeq, strconv.FormatInt(w.seq, 10), stateHLC, strconv.FormatUint(uint64(s.clock.current()), 10),
			stateRows, strconv.FormatInt(s.localRows+w.localRows, 10)); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.prepared.prepareWanted(s.writer)
	if w.changed {
		s.seq = w.seq
		s.localRows += w.localRows
	}
	if w.erased {
		return s.afterErase()
	}
	return nil
}
