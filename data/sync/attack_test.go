package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The tests here work as an attacker who can write to the shared folder
// would: they edit its files on disk, then check that nothing outside the
// folder changed, that every database still passes SQLite's integrity
// check, that nothing from the bad file was applied and that every other
// laptop's changes still arrived.

// tree records every file under dir with a digest of its content.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := sha256.Sum256(b)
		files[p] = hex.EncodeToString(s[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t testing.TB, dir string, before map[string]string) {
	t.Helper()
	after := tree(t, dir)
	if len(after) != len(before) {
		t.Fatalf("files outside the folder changed: %d before, %d after", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			t.Fatalf("%s outside the folder was changed or removed", p)
		}
	}
}

func intact(t testing.TB, ls ...*laptop) {
	t.Helper()
	for _, l := range ls {
		datatest.CheckIntegrity(t, l.st.Path())
	}
}

func problems(r Report) string { return strings.Join(r.Problems, "\n") }

func eventOf(t testing.TB, l *laptop) data.Event {
	t.Helper()
	ev, err := l.st.Event(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// forgeBatch writes a batch file under device into the folder, as an
// insider would: someone holding the keys of the laptop that shared it,
// who seals and signs what they like. What is inside is checked still.
func forgeBatch(t testing.TB, dir, event, device string, seq int64, rows []data.RowChange) string {
	t.Helper()
	b, err := encodeBatch(batchHeader{Event: event, Device: device, Laptop: "intruder", Seq: seq, Written: time.Now().UTC()}, rows)
	if err != nil {
		t.Fatal(err)
	}
	return sealForged(t, dir, device, seq, b)
}

// sealForged seals plain, a batch's rows, as the insider of forgeBatch.
func sealForged(t testing.TB, dir, device string, seq int64, plain []byte) string {
	t.Helper()
	st, _ := sharers.Load(dir)
	k, err := loadKeyring(context.Background(), st.(*data.Store))
	if err != nil {
		t.Fatal(err)
	}
	b, err := seal(sealHeader{Kind: "batch", Member: k.Member, Device: device, Seq: seq}, []plainSection{{k.keyFor(data.AudEveryone), plain}}, k.signer())
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, filepath.FromSlash(batchName(device, seq)))
	os.MkdirAll(filepath.Dir(name), 0o700)
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

const forged = "0000000000000000" // sorts before every real device id

func TestNamesFromTheFolderMustHaveOurForm(t *testing.T) {
	for _, bad := range []string{"../../etc", "..", "", "ABCDEF0123456789", "0123456789abcdef/..", "0123456789abcde", "0123456789abcdef0"} {
		if validDevice(bad) {
			t.Errorf("device id %q accepted", bad)
		}
	}
	for _, bad := range []string{"batch-+000000005.fdb", "batch-0000000005.fdb.tmp", "batch--000000005.fdb", "batch-0000000000.fdb", "batch-0000000005.r0.fdb",
		"batch-0000000005.r.fdb", "batch-0000000005.r1/../x.fdb", "batch-5.fdb"} {
		if _, _, ok := parseBatchName(bad); ok {
			t.Errorf("batch name %q accepted", bad)
		}
	}
	if s, n, ok := parseBatchName("batch-0000000012.r3.fdb"); !ok || s != 12 || n != 3 {
		t.Errorf("copy name not read: %d %d %v", s, n, ok)
	}
	if _, _, _, ok := parseSnapshotName("../0123456789abcdef-0000000001.fdm"); ok {
		t.Error("manifest with a path for a device accepted")
	}
	if got := laptopLabel("evil\x1b[31m\u202e name\n", "0123456789abcdef"); got != "evil[31m name" {
		t.Errorf("laptop name not cleaned: %q", got)
	}
	// Dir itself refuses a path out of the folder, whatever the caller checked.
	dir := t.TempDir()
	d := Dir{Root: filepath.Join(dir, "shared")}
	os.Mkdir(d.Root, 0o700)
	os.WriteFile(filepath.Join(dir, "secret"), []byte("x"), 0o600)
	os.Symlink(filepath.Join(dir, "secret"), filepath.Join(d.Root, "link"))
	ctx := context.Background()
	if _, _, err := d.Open(ctx, "../secret"); err == nil {
		t.Error("read outside the folder")
	}
	if _, _, err := d.Open(ctx, "link"); err == nil {
		t.Error("read outside the folder through a link")
	}
	if err := d.Remove(ctx, "../secret"); err == nil {
		if _, serr := os.Stat(filepath.Join(dir, "secret")); serr != nil {
			t.Error("removed a file outside the folder")
		}
	}
	if err := d.Create(ctx, "../planted", []byte("x")); err == nil {
		t.Error("created a file outside the folder")
	}
}

// writeBomb writes a batch whose one row holds a note of size bytes,
// compressed as many copies of one small gzip member so that neither
// writing nor the file needs the note in memory or on disk.
func writeBomb(t testing.TB, path, event, device string, size int64) {
	t.Helper()
	member := func(b []byte) []byte {
		var out bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		return out.Bytes()
	}
	chunk := member(bytes.Repeat([]byte("a"), 1<<20))
	var payload bytes.Buffer
	payload.Write(member([]byte(`{"t":"people","id":"01a23456-0000-7000-8000-000000000001","c":{"notes":{"h":1,"d":"` + device + `","v":"`)))
	for range size >> 20 {
		payload.Write(chunk)
	}
	payload.Write(member([]byte(`"}}}` + "\n")))
	s := sha256.Sum256(payload.Bytes())
	head, _ := json.Marshal(batchHeader{Format: batchFormat, Event: event, Device: device, Laptop: "bomb", Seq: 1, Count: 1, SHA256: hex.EncodeToString(s[:])})
	var file bytes.Buffer
	fmt.Fprintf(&file, "%s %d\n%s\n", batchMagic, batchFormat, head)
	file.Write(payload.Bytes())
	sealForged(t, filepath.Dir(filepath.Dir(filepath.Dir(path))), device, 1, file.Bytes())
}

func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

func TestGzipBombIsRefusedWithoutInflatingIt(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	ev := eventOf(t, ls[0])
	path := filepath.Join(dir, filepath.FromSlash(batchName(forged, 1)))
	writeBomb(t, path, ev.ID, forged, 1<<30)
	info, _ := os.Stat(path)
	t.Logf("bomb: %d bytes on disk, 1 GiB inflated", info.Size())
	p := addPerson(t, ls[0], "Honest")
	ls[0].sync(t)
	before := allocated()
	r := ls[1].sync(t)
	grew := allocated() - before
	if !strings.Contains(problems(r), "more than the 8388608 bytes a row may be") || !strings.Contains(problems(r), "intruder") && !strings.Contains(problems(r), forged) {
		t.Fatalf("bomb not refused by name: %v", r.Problems)
	}
	if grew > 128<<20 {
		t.Fatalf("refusing the bomb allocated %d MiB", grew>>20)
	}
	if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
		t.Fatal("the honest laptop's stream stopped behind the bomb")
	}
	if n, _ := ls[1].st.CountPeople(ctx, data.PeopleFilter{}); n != 1 {
		t.Fatalf("%d people, want only the honest one", n)
	}
	intact(t, ls...)
}

func TestOversizedBatchFileIsRefusedUnread(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	path := filepath.Join(dir, filepath.FromSlash(batchName(forged, 1)))
	os.MkdirAll(filepath.Dir(path), 0o700)
	f, _ := os.Create(path)
	f.Truncate(200 << 20) // 200 MB, sparse: nothing is written
	f.Close()
	p := addPerson(t, ls[0], "Honest")
	ls[0].sync(t)
	before := allocated()
	r := ls[1].sync(t)
	if grew := allocated() - before; grew > 32<<20 {
		t.Fatalf("refusing the file allocated %d MiB", grew>>20)
	}
	if !strings.Contains(problems(r), "more than the") || r.BytesRead > 1<<20 {
		t.Fatalf("oversized file not refused unread: read %d bytes, %v", r.BytesRead, r.Problems)
	}
	if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
		t.Fatal("the honest laptop's stream stopped")
	}
}

func TestManyRowBombStopsAtTheBatchLimit(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	// Rows each within their limit that together inflate past the batch's.
	line := []byte(`{"t":"people","id":"x","c":{"notes":{"h":1,"d":"0000000000000000","v":"` + strings.Repeat("b", 1<<20) + `"}}}` + "\n")
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	zw.Write(line)
	zw.Close()
	var rows bytes.Buffer
	const limit = 8 << 20 // the same check as maxBatchDecompressed, at a size a test affords
	n := limit/len(line) + 2
	for range n {
		rows.Write(member.Bytes())
	}
	s := sha256.Sum256(rows.Bytes())
	head, _ := json.Marshal(batchHeader{Format: batchFormat, Device: forged, Seq: 1, Count: n, SHA256: hex.EncodeToString(s[:])})
	b := append([]byte(fmt.Sprintf("%s %d\n%s\n", batchMagic, batchFormat, head)), rows.Bytes()...)
	_, _, err := decodeBatchWithin(b, limit)
	if err == nil || !strings.Contains(err.Error(), "decompress to more than") {
		t.Fatalf("want the batch limit, got %v", err)
	}
}

func TestOneBadStreamDoesNotStopTheOthers(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	for name, forge := range map[string]func(dir, event string) string{
		"local_state row": func(dir, event string) string {
			forgeBatch(t, dir, event, forged, 1, []data.RowChange{{Table: "local_state", ID: "device_id", Cells: map[string]data.Cell{"value": {Value: "x", Stamp: data.Stamp{HLC: 1, Dev: forged}}}}})
			return `unknown table "local_state"`
		},
		"unknown field": func(dir, event string) string {
			forgeBatch(t, dir, event, forged, 1, []data.RowChange{{Table: "people", ID: "p1", Cells: map[string]data.Cell{"shoe_size": {Value: "x", Stamp: data.Stamp{HLC: 1, Dev: forged}}}}})
			return `unknown field "shoe_size"`
		},
		"not a time zone": func(dir, event string) string {
			forgeBatch(t, dir, event, forged, 1, []data.RowChange{{Table: "events", ID: event, Cells: map[string]data.Cell{"time_zone": {Value: "Mars/Olympus_Mons", Stamp: data.Stamp{HLC: 1, Dev: forged}}}}})
			return `"Mars/Olympus_Mons" is not a time zone name`
		},
		"newer format": func(dir, event string) string {
			p := forgeBatch(t, dir, event, forged, 1, nil)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte(sealMagic), []byte(sealPrefix+"2"), 1), 0o600)
			return "written by a newer Fairdesk: update this laptop to read it"
		},
		"newer schema": func(dir, event string) string {
			b, _ := encodeBatch(batchHeader{Event: event, Device: forged, Seq: 1}, nil)
			b = bytes.Replace(b, []byte(fmt.Sprintf(`"schema":%d`, data.SchemaVersion())), []byte(`"schema":99`), 1)
			sealForged(t, dir, forged, 1, b)
			return "written by a newer Fairdesk: update this laptop to read it"
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir, ls := sharedEvent(t, 3)
			want := forge(dir, eventOf(t, ls[0]).ID)
			before := ls[1].dump(t)
			a := addPerson(t, ls[0], "FromZero")
			b := addPerson(t, ls[2], "FromTwo")
			ls[0].sync(t)
			ls[2].sync(t)
			r, err := ls[1].engine.Sync(ctx)
			if err != nil {
				t.Fatalf("one bad batch failed the whole sync: %v", err)
			}
			if !strings.Contains(problems(r), want) || !strings.Contains(problems(r), "batch 1 from") {
				t.Fatalf("want a problem naming %q, got %v", want, r.Problems)
			}
			for _, p := range []data.Person{a, b} {
				if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
					t.Fatalf("%s did not arrive past the bad stream", p.GivenName)
				}
			}
			if strings.Contains(ls[1].dump(t), `"shoe_size"`) || len(ls[1].dump(t)) <= len(before) {
				t.Fatal("something from the bad batch was applied, or nothing from the good ones")
			}
			if ls[1].st.DeviceID() == "x" {
				t.Fatal("the forged row reached local_state")
			}
			syncAll(t, ls)
			intact(t, ls...)
		})
	}
}

func TestFutureStampIsHeldBackUntilAccepted(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	now := time.Now()
	clock := func() time.Time { return now }
	dir, ls := sharedEvent(t, 2)
	// Laptop 1 reopens with a clock the test moves.
	path := ls[1].st.Path()
	ls[1].st.Close()
	st := datatest.OpenAt(t, path, func() time.Time { return clock() })
	ls[1] = &laptop{st: st, engine: &Engine{Store: st, Folder: Dir{Root: dir}}}
	ev := eventOf(t, ls[0])
	future := data.HLC(uint64(now.Add(30*24*time.Hour).UnixMilli()) << 16)
	forgeBatch(t, dir, ev.ID, forged, 1, []data.RowChange{{Table: "events", ID: ev.ID, Cells: map[string]data.Cell{"name": {Value: "HIJACKED", Stamp: data.Stamp{HLC: future, Dev: forged}}}}})
	p := addPerson(t, ls[0], "Honest")
	ls[0].sync(t)
	r := ls[1].sync(t)
	if !strings.Contains(problems(r), ls[0].st.LaptopName()+"'s clock is 720h0m0s ahead") || !strings.Contains(problems(r), "held back") || len(r.Held) != 1 {
		t.Fatalf("future batch not held back by name: %v", r.Problems)
	}
	if eventOf(t, ls[1]).Name == "HIJACKED" {
		t.Fatal("a stamp from the future was applied")
	}
	if _, err := ls[1].st.Person(ctx, p.ID); err != nil {
		t.Fatal("the honest stream stopped behind the held one")
	}
	held, _ := ls[1].st.HeldBatches(ctx)
	if len(held) != 1 || held[0].Device != forged || held[0].Seq != 1 {
		t.Fatalf("held batch not recorded: %+v", held)
	}
	// Held it stays, sync after sync, until this clock reaches it...
	ls[1].sync(t)
	if eventOf(t, ls[1]).Name == "HIJACKED" {
		t.Fatal("held batch applied on the next sync")
	}
	now = now.Add(30*24*time.Hour - time.Minute)
	r = ls[1].sync(t)
	if eventOf(t, ls[1]).Name != "HIJACKED" || len(r.Held) != 0 {
		t.Fatalf("batch still held once the clock reached it: %v", r.Problems)
	}
	if held, _ := ls[1].st.HeldBatches(ctx); len(held) != 0 {
		t.Fatalf("applied batch still listed as held: %+v", held)
	}
	intact(t, ls...)
}

func TestOrganiserAcceptsAHeldBatch(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	dir, ls := sharedEvent(t, 2)
	ev := eventOf(t, ls[0])
	future := data.HLC(uint64(time.Now().Add(2*time.Hour).UnixMilli()) << 16)
	forgeBatch(t, dir, ev.ID, forged, 1, []data.RowChange{{Table: "events", ID: ev.ID, Cells: map[string]data.Cell{"venue": {Value: "Hall B", Stamp: data.Stamp{HLC: future, Dev: forged}}}}})
	if r := ls[1].sync(t); len(r.Held) != 1 {
		t.Fatalf("not held: %v", r.Problems)
	}
	if err := ls[1].st.AcceptHeld(ctx, forged, 1); err != nil {
		t.Fatal(err)
	}
	before := ls[1].st.Now()
	ls[1].sync(t)
	if got := eventOf(t, ls[1]); got.Venue != "Hall B" {
		t.Fatalf("accepted batch not applied: %q", got.Venue)
	}
	// An edit made here afterwards is stamped by this laptop's own clock:
	// the accepted stamps did not drag it two hours ahead.
	p := addPerson(t, ls[1], "After")
	_ = p
	if seen, _ := ls[1].st.SeenVector(ctx); seen[ls[1].st.DeviceID()].Time().After(before.Add(time.Hour)) {
		t.Fatal("the accepted batch moved this laptop's clock")
	}
}

// failingRemove is a folder whose files cannot be removed or replaced, as
// on a share where this laptop may only add files.
type failingRemove struct{ Folder }

func (f failingRemove) Remove(ctx context.Context, name string) error {
	return fmt.Errorf("remove %s: permission denied", name)
}

func TestOwnDamagedOrMissingBatchIsPublishedAgain(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	for name, damage := range map[string]func(path string){
		"truncated": func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:len(b)/2], 0o600) },
		"flipped":   func(p string) { b, _ := os.ReadFile(p); b[len(b)-3] ^= 0x40; os.WriteFile(p, b, 0o600) },
		"missing":   func(p string) { os.Remove(p) },
		"replaced":  func(p string) { os.WriteFile(p, []byte("FAIRDESK-BATCH 1\n{}\n"), 0o600) },
		"oversized": func(p string) { os.Truncate(p, 200<<20) },
	} {
		for _, replaceable := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/replaceable=%v", name, replaceable), func(t *testing.T) {
				dir, ls := sharedEvent(t, 3)
				if !replaceable {
					ls[0].engine.Folder = failingRemove{Dir{Root: dir}}
				}
				var people []data.Person
				for _, n := range []string{"One", "Two", "Three"} {
					people = append(people, addPerson(t, ls[0], n))
					ls[0].sync(t)
				}
				files := ownBatchFiles(t, dir, ls[0])
				damage(files[1]) // batch 2 of 3
				r := ls[1].sync(t)
				if name != "missing" && !strings.Contains(problems(r), "batch 2 from "+ls[0].st.LaptopName()+" failed its check") {
					t.Fatalf("damage not named: %v", r.Problems)
				}
				if _, err := ls[1].st.Person(ctx, people[2].ID); err == nil {
					t.Fatal("a batch after the damaged one was applied")
				}
				r = ls[0].sync(t)
				if !strings.Contains(problems(r), "batch 2 of this laptop was") || !strings.Contains(problems(r), "published it again") {
					t.Fatalf("the writer did not publish its batch again: %v", r.Problems)
				}
				copies, _ := filepath.Glob(strings.Replace(files[1], batchSuffix, ".r*"+batchSuffix, 1))
				if want := !replaceable && name != "missing"; want != (len(copies) == 1) {
					t.Fatalf("copies published beside the original: %v", copies)
				}
				syncAll(t, ls)
				for _, l := range ls[1:] {
					for _, p := range people {
						if _, err := l.st.Person(ctx, p.ID); err != nil {
							t.Fatalf("%s missing after the batch was published again", p.GivenName)
						}
					}
				}
				if r := ls[1].sync(t); len(r.Problems) > 0 {
					t.Fatalf("problems remain: %v", r.Problems)
				}
				left, _ := filepath.Glob(filepath.Join(dir, devicesDir, ls[1].st.DeviceID(), wantPrefix+"*"))
				if len(left) > 0 {
					t.Fatalf("the reader's notes were not tidied: %v", left)
				}
				intact(t, ls...)
			})
		}
	}
}

func TestBigChangeIsSplitIntoBatchesReadersTake(t *testing.T) {
	rows := make([]audRow, 10)
	for i := range rows {
		line, err := json.Marshal(data.RowChange{Table: "people", ID: fmt.Sprint(i), Cells: map[string]data.Cell{"notes": {Value: strings.Repeat("n", 100)}}})
		if err != nil {
			t.Fatal(err)
		}
		rows[i] = audRow{data.AudOrganisers, line}
	}
	parts := splitAudRows(rows, 350)
	total := 0
	for _, p := range parts {
		if len(p) == 0 || len(p) > 3 {
			t.Fatalf("part of %d rows", len(p))
		}
		total += len(p)
	}
	if total != len(rows) || len(parts) < 4 {
		t.Fatalf("%d parts holding %d rows", len(parts), total)
	}
}

func TestSnapshotFromAFastClockIsHeldBackToo(t *testing.T) {
	everySyncListsEveryFolder(t) // the files are an attacker's, put in without a marker
	ctx := context.Background()
	defer func(n int64) { compactAfter = n }(compactAfter)
	compactAfter = 2
	dir, ls := sharedEvent(t, 2)
	path := ls[1].st.Path()
	ls[1].st.Close()
	st := datatest.OpenAt(t, path, func() time.Time { return time.Now().Add(time.Hour) })
	fast := &laptop{st: st, engine: &Engine{Store: st, Folder: Dir{Root: dir}}}
	// Laptop 0 is away while the fast laptop writes and compacts twice,
	// so it can only catch up from the fast laptop's snapshot.
	for round := range 2 {
		for i := range 3 {
			addPerson(t, fast, fmt.Sprintf("Fast%d%d", round, i))
			fast.sync(t)
		}
		if done, err := fast.engine.Compact(ctx); err != nil || !done {
			t.Fatalf("no compaction: %v", err)
		}
	}
	r := ls[0].sync(t)
	if len(r.Held) != 1 || !strings.Contains(problems(r), "clock is 1h0m0s ahead") {
		t.Fatalf("the fast laptop's snapshot was not held back: %v", r.Problems)
	}
	if n, _ := ls[0].st.CountPeople(ctx, data.PeopleFilter{}); n != 0 {
		t.Fatalf("%d people arrived from the held snapshot", n)
	}
	if err := ls[0].st.AcceptHeld(ctx, r.Held[0].Device, r.Held[0].Seq); err != nil {
		t.Fatal(err)
	}
	ls[0].sync(t)
	if n, _ := ls[0].st.CountPeople(ctx, data.PeopleFilter{}); n < 3 {
		t.Fatalf("%d people after accepting the snapshot", n)
	}
	intact(t, ls[0], fast)
}
