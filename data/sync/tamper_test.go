package sync

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// everySyncListsEveryFolder makes every sync of the test list every
// laptop's folder, as the full listing every fullListingEvery does: the
// test puts files in the folder as an attacker may, without the marker or
// feed entry that would make the next sync look at once.
func everySyncListsEveryFolder(t *testing.T) {
	was := fullListingEvery
	fullListingEvery = 0
	t.Cleanup(func() { fullListingEvery = was })
}

// lastBatch is the path of a laptop's newest batch file.
func lastBatch(t *testing.T, dir string, l *laptop) string {
	files := ownBatchFiles(t, dir, l)
	if len(files) == 0 {
		t.Fatal("no batch")
	}
	return files[len(files)-1]
}

// sealAs writes rows as the next batch of l's stream, sealed for aud with
// key and signed with l's own key: what a laptop's owner can do with the
// keys it holds, whatever Fairdesk would send.
func sealAs(t *testing.T, dir string, l *laptop, key []byte, rows []data.RowChange) string {
	t.Helper()
	ctx := context.Background()
	k, err := loadKeyring(ctx, l.st)
	datatest.Must(t, err)
	ev, _ := l.st.Event(ctx)
	_, last, _, _ := l.engine.state(ctx)
	seq := last + 1
	plain, err := encodeBatch(batchHeader{Event: ev.ID, Device: l.st.DeviceID(), Laptop: "booth", Seq: seq}, rows)
	datatest.Must(t, err)
	b, err := seal(sealHeader{Kind: "batch", Member: k.Member, Device: l.st.DeviceID(), Seq: seq, Epoch: k.newest().N}, []plainSection{{key, plain}}, k.signer())
	datatest.Must(t, err)
	name := filepath.Join(dir, filepath.FromSlash(batchName(l.st.DeviceID(), seq)))
	os.MkdirAll(filepath.Dir(name), 0o700)
	datatest.Must(t, os.WriteFile(name, b, 0o600))
	return name
}

func TestTamperedFilesAreRefusedAndLaptopsConvergeAfterRepair(t *testing.T) {
	everySyncListsEveryFolder(t)
	ctx := context.Background()
	for name, tamper := range map[string]func(t *testing.T, f *privateFair) (file string, restore func(), want string){
		"flipped byte": func(t *testing.T, f *privateFair) (string, func(), string) {
			p := lastBatch(t, f.dir, f.org)
			good, _ := os.ReadFile(p)
			bad := append([]byte(nil), good...)
			bad[len(bad)/2] ^= 1
			os.WriteFile(p, bad, 0o600)
			return p, func() { os.WriteFile(p, good, 0o600) }, "failed its check"
		},
		"truncated": func(t *testing.T, f *privateFair) (string, func(), string) {
			p := lastBatch(t, f.dir, f.org)
			good, _ := os.ReadFile(p)
			os.WriteFile(p, good[:len(good)-40], 0o600)
			return p, func() { os.WriteFile(p, good, 0o600) }, "truncated"
		},
		"replayed under a new name": func(t *testing.T, f *privateFair) (string, func(), string) {
			f.booth.sync(t) // it has read the batch before it comes again
			p := lastBatch(t, f.dir, f.org)
			good, _ := os.ReadFile(p)
			_, last, _, _ := f.org.engine.state(ctx)
			q := filepath.Join(f.dir, filepath.FromSlash(batchName(f.org.st.DeviceID(), last+1)))
			os.WriteFile(q, good, 0o600)
			return q, func() { os.Remove(q) }, "names another device or number"
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := newPrivateFair(t)
			second := addPerson(t, f.org, "Second")
			f.org.sync(t)
			file, restore, want := tamper(t, f)
			before := f.booth.dump(t)
			r := f.booth.sync(t)
			rel, _ := filepath.Rel(f.dir, file)
			if !strings.Contains(problems(r), filepath.ToSlash(rel)) || !strings.Contains(problems(r), want) {
				t.Fatalf("want a problem naming %s (%s), got %v", rel, want, r.Problems)
			}
			if f.booth.dump(t) != before {
				t.Fatal("the tampered file changed the booth laptop's database")
			}
			restore()
			f.booth.sync(t)
			if _, err := f.booth.st.Person(ctx, second.ID); err != nil {
				t.Fatalf("after repair the change did not arrive: %v", err)
			}
		})
	}
}

func TestBoothLaptopCannotWriteBeyondItsRole(t *testing.T) {
	everySyncListsEveryFolder(t)
	ctx := context.Background()
	f := newPrivateFair(t)
	ok, _ := loadKeyring(ctx, f.org.st)
	bk, _ := loadKeyring(ctx, f.booth.st)
	ev, _ := f.org.st.Event(ctx)
	stamp := data.Stamp{HLC: data.HLC(uint64(f.Clock.Now().UnixMilli()) << 16), Dev: f.booth.st.DeviceID()}
	// With a key stolen from booth B02: the section's key is not one its
	// writer's role holds, so the whole file is refused.
	bad := sealAs(t, f.dir, f.booth, boothKey(ok.newest().BoothMaster, f.B02.ID), []data.RowChange{{Table: "leads", ID: f.B02.ID + "/" + f.Taro.ID,
		Cells: map[string]data.Cell{"notes": {Value: "forged by A01", Stamp: stamp}}}})
	before := f.org.dump(t)
	r := f.org.sync(t)
	if !strings.Contains(problems(r), "key its writer's role does not hold") || !strings.Contains(problems(r), filepath.Base(bad)) {
		t.Fatalf("a batch sealed with another booth's key was not refused by name: %v", r.Problems)
	}
	if f.org.dump(t) != before {
		t.Fatal("the refused batch changed the organiser's database")
	}
	os.Remove(bad)
	// With its own keys, an edit of the agenda and of another booth's lead:
	// read, checked row by row, refused and recorded.
	sealAs(t, f.dir, f.booth, bk.keyFor(data.AudEveryone), []data.RowChange{
		{Table: "events", ID: ev.ID, Cells: map[string]data.Cell{"name": {Value: "HIJACKED", Stamp: stamp}}},
		{Table: "leads", ID: f.B02.ID + "/" + f.Taro.ID, Cells: map[string]data.Cell{"notes": {Value: "forged by A01", Stamp: stamp}}},
	})
	r = f.org.sync(t)
	if !strings.Contains(problems(r), "refused 2 changes from laptop") {
		t.Fatalf("booth writes beyond its role not refused: %v", r.Problems)
	}
	if got, _ := f.org.st.Event(ctx); got.Name == "HIJACKED" {
		t.Fatal("a booth laptop renamed the event")
	}
	if strings.Contains(f.org.dump(t), "forged by A01") {
		t.Fatal("a booth laptop wrote another booth's lead")
	}
	refused, _ := f.org.st.RefusedChanges(ctx)
	if len(refused) != 2 {
		t.Fatalf("refused changes recorded: %d", len(refused))
	}
	// A laptop not in the roster: a batch signed by an unknown key.
	stranger := newIdentity()
	k := *bk
	k.Member, k.Sign = stranger.Member, stranger.Sign
	plain, _ := encodeBatch(batchHeader{Event: ev.ID, Device: forged, Seq: 1}, nil)
	b, _ := seal(sealHeader{Kind: "batch", Member: k.Member, Device: forged, Seq: 1, Epoch: 1}, []plainSection{{k.keyFor(data.AudEveryone), plain}}, k.signer())
	os.MkdirAll(filepath.Join(f.dir, devicesDir, forged), 0o700)
	os.WriteFile(filepath.Join(f.dir, filepath.FromSlash(batchName(forged, 1))), b, 0o600)
	if r := f.org.sync(t); !strings.Contains(problems(r), "not in the event's list of laptops") {
		t.Fatalf("a batch from a laptop not in the roster was not refused: %v", r.Problems)
	}
}
