package sync

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	gosync "sync"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// listedFolder is a shared folder that notes which device folders a
// laptop lists.
type listedFolder struct {
	Folder
	mu      gosync.Mutex
	devices []string
}

func (f *listedFolder) List(ctx context.Context, dir string) ([]string, error) {
	if dev, ok := strings.CutPrefix(dir, devicesDir+"/"); ok {
		f.mu.Lock()
		f.devices = append(f.devices, dev)
		f.mu.Unlock()
	}
	return f.Folder.List(ctx, dir)
}

// listedBy is the device folders l listed in one sync.
func listedBy(t *testing.T, l *laptop) []string {
	t.Helper()
	f := l.engine.Folder.(*listedFolder)
	f.mu.Lock()
	f.devices = nil
	f.mu.Unlock()
	l.sync(t)
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Sorted(slices.Values(f.devices))
}

func markedEvent(t *testing.T, n int) (string, []*laptop) {
	t.Helper()
	dir := t.TempDir()
	ls := sharedEventIn(t, n, func() Folder { return &listedFolder{Folder: Dir{Root: dir}} }, dir)
	syncAll(t, ls)
	return dir, ls
}

func addGuest(t *testing.T, l *laptop, name string) {
	t.Helper()
	p := data.Person{GivenName: name, FamilyName: "Guest"}
	datatest.Must(t, l.st.SavePerson(context.Background(), &p))
}

// Through a shared folder, a sync with nothing new lists the markers and
// its own folder, however many laptops there are; one that a laptop wrote
// to lists that laptop's folder too, and takes its batch.
func TestAnIdleSyncThroughAFolderListsItsOwnFolderOnly(t *testing.T) {
	_, ls := markedEvent(t, 5)
	reader := ls[1]
	if got := listedBy(t, reader); !slices.Equal(got, []string{reader.st.DeviceID()}) {
		t.Fatalf("an idle sync listed %v, want its own folder only", got)
	}
	addGuest(t, ls[3], "Aiko")
	ls[3].sync(t)
	want := slices.Sorted(slices.Values([]string{reader.st.DeviceID(), ls[3].st.DeviceID()}))
	if got := listedBy(t, reader); !slices.Equal(got, want) {
		t.Fatalf("after another laptop's batch the sync listed %v, want %v", got, want)
	}
	if got, want := reader.dump(t), ls[3].dump(t); got != want {
		t.Fatalf("the reader holds\n%s\nthe writer\n%s", got, want)
	}
}

// A marker that the folder brings before its batch (sync tools deliver
// files late and out of order) keeps the writer's folder listed until the
// batch comes.
func TestAMarkerBeforeItsBatchKeepsTheFolderListed(t *testing.T) {
	dir, ls := markedEvent(t, 2)
	writer, reader := ls[0], ls[1]
	addGuest(t, writer, "Ben")
	writer.sync(t)
	batch := lastBatch(t, dir, writer)
	late := filepath.Join(t.TempDir(), "late")
	datatest.Must(t, os.Rename(batch, late))
	for range 2 {
		if got := listedBy(t, reader); !slices.Contains(got, writer.st.DeviceID()) {
			t.Fatalf("with the marker ahead of the batches, the sync listed %v", got)
		}
	}
	datatest.Must(t, os.Rename(late, batch))
	reader.sync(t)
	if got, want := reader.dump(t), writer.dump(t); got != want {
		t.Fatalf("once the batch came the reader holds\n%s\nthe writer\n%s", got, want)
	}
}

// A laptop that writes no marker (a version before markers) is listed at
// every sync once a full listing found it without one.
func TestALaptopWithoutAMarkerIsListedEverySync(t *testing.T) {
	dir, ls := markedEvent(t, 2)
	old, reader := ls[0], ls[1]
	unmark := func() {
		names, _ := os.ReadDir(filepath.Join(dir, latestDir))
		for _, n := range names {
			if strings.HasPrefix(n.Name(), old.st.DeviceID()) {
				os.Remove(filepath.Join(dir, latestDir, n.Name()))
			}
		}
	}
	addGuest(t, old, "Chika")
	old.sync(t)
	unmark()
	datatest.Must(t, reader.st.SetLocalValues(context.Background(), map[string]string{keyFullListing: ""}))
	reader.sync(t) // a full listing
	addGuest(t, old, "Daichi")
	old.sync(t)
	unmark()
	if got := listedBy(t, reader); !slices.Contains(got, old.st.DeviceID()) {
		t.Fatalf("the unmarked laptop's folder was not listed: %v", got)
	}
	if got, want := reader.dump(t), old.dump(t); got != want {
		t.Fatalf("the reader holds\n%s\nthe unmarked laptop\n%s", got, want)
	}
}

// Markers forged for laptops that had no folder at the last full listing
// and were never read from cost at most newMarked listings a sync.
func TestForgedMarkersCostAFewListings(t *testing.T) {
	dir, ls := markedEvent(t, 2)
	reader := ls[1]
	datatest.Must(t, os.MkdirAll(filepath.Join(dir, latestDir), 0o700))
	forged := 2 * newMarked
	for i := range forged {
		name := filepath.Join(dir, latestDir, latestName(fmt.Sprintf("%016x", 0xfeed0000+i), 9))
		datatest.Must(t, os.WriteFile(name, nil, 0o600))
	}
	if got := listedBy(t, reader); len(got) > 1+newMarked {
		t.Fatalf("%d forged markers made the sync list %d folders", forged, len(got))
	}
}
