package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// privateFair is the fair day shared in a folder, with a second booth:
// Taro (consents) and Alice (does not) visit A01; Taro also visits B02,
// which notes a lead on him. A booth laptop of A01 joins by invitation.
type privateFair struct {
	*datatest.Fair
	dir     string
	B02     data.Booth
	org     *laptop
	booth   *laptop
	boothDB string
}

func newPrivateFair(t *testing.T) *privateFair {
	ctx := context.Background()
	f := &privateFair{Fair: datatest.NewFair(t), dir: t.TempDir()}
	st := f.Store
	f.B02 = data.Booth{Code: "B02", Name: "Other Co"}
	datatest.Must(t, st.SaveBooth(ctx, &f.B02, nil))
	for _, v := range []struct{ booth, person string }{{f.Booth.ID, f.Taro.ID}, {f.Booth.ID, f.Alice.ID}, {f.B02.ID, f.Taro.ID}} {
		_, err := st.LogVisitOf(ctx, v.booth, v.person, "staff")
		datatest.Must(t, err)
	}
	datatest.Must(t, st.SaveLead(ctx, &data.Lead{BoothID: f.B02.ID, PersonID: f.Taro.ID, Notes: "B02 only: salary talk"}))
	_, err := shareTest(ctx, st, f.dir)
	datatest.Must(t, err)
	f.org = &laptop{st: st, engine: &Engine{Store: st, Folder: Dir{Root: f.dir}}}
	f.boothDB = filepath.Join(t.TempDir(), "booth.db")
	bst, _, err := joinAs(ctx, st, f.boothDB, f.dir, data.BoothLaptop(f.Booth.ID))
	datatest.Must(t, err)
	t.Cleanup(func() { bst.Close() })
	f.booth = &laptop{st: bst, engine: &Engine{Store: bst, Folder: Dir{Root: f.dir}}}
	// Changes after the join travel in batches.
	datatest.Must(t, st.SaveLead(ctx, &data.Lead{BoothID: f.B02.ID, PersonID: f.Taro.ID, Notes: "B02 later: second interview"}))
	alice := f.Alice
	alice.Phone = "+44 20 7946 0999"
	datatest.Must(t, st.SavePerson(ctx, &alice))
	f.org.sync(t)
	f.booth.sync(t)
	return f
}

// secrets are what a booth laptop of A01 must never hold.
var secrets = []string{"alice@example.com", "+44 20 7946", "salary talk", "second interview", "organisers only"}

func sqliteDump(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 shell not installed")
	}
	out, err := exec.Command("sqlite3", path, ".dump").Output()
	datatest.Must(t, err)
	return string(out)
}

// readable is everything in the folder that the keys open, as text.
func readable(t *testing.T, dir string, k *keyring, booths []string) string {
	t.Helper()
	idx := k.keyIndex(booths)
	var out strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		if _, _, marker := parseLatestName(d.Name()); marker && filepath.Base(filepath.Dir(p)) == latestDir {
			if len(b) > 0 {
				t.Errorf("the marker %s holds %d bytes", p, len(b))
			}
			return nil // its name is all it says, as a batch file's does
		}
		_, rest, _ := bytes.Cut(b, []byte("\n"))
		head, _, _ := bytes.Cut(rest, []byte("\n"))
		var h sealHeader
		json.Unmarshal(head, &h)
		sf, err := openSealed(b, h.Kind)
		if err != nil {
			t.Errorf("%s is not a sealed file: %v", p, err)
			return nil
		}
		for i, s := range sf.head.Sections {
			hk, ok := idx[s.Key]
			if !ok {
				continue
			}
			plain, err := sf.open(i, hk.key)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if _, rows, err := decodeBatchWithin(plain, maxSnapshot); err == nil {
				j, _ := json.Marshal(rows)
				out.Write(j)
			} else {
				out.Write(plain)
			}
		}
		return nil
	})
	return out.String()
}

func TestBoothLaptopJoinedByInvitationHoldsOnlyItsShare(t *testing.T) {
	f := newPrivateFair(t)
	ctx := context.Background()
	dump := sqliteDump(t, f.boothDB)
	k, err := loadKeyring(ctx, f.booth.st)
	datatest.Must(t, err)
	files := readable(t, f.dir, k, []string{f.Booth.ID, f.B02.ID})
	for what, text := range map[string]string{"the booth laptop's database": dump, "the files its keys open": files} {
		if !strings.Contains(text, "taro@example.jp") || !strings.Contains(text, "Alice") {
			t.Errorf("%s lacks what the booth may see (a consenting visitor's e-mail, the directory)", what)
		}
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s holds %q", what, s)
			}
		}
	}
	// The organisers' keys open more: the test can fail.
	ok, _ := loadKeyring(ctx, f.org.st)
	if all := readable(t, f.dir, ok, []string{f.Booth.ID, f.B02.ID}); !strings.Contains(all, "second interview") || !strings.Contains(all, "alice@example.com") {
		t.Error("the organisers' keys do not open the organisers' data")
	}
}

func TestFolderHoldsNoNameEmailOrBooth(t *testing.T) {
	f := newPrivateFair(t)
	words := []string{"taro@example.jp", "alice@example.com", "bob@example.org", "Taro", "Yamada", "山田", "Alice", "Smith", "Jones",
		"Kaisha KK", "Other Co", "Alumni Careers Fair", "desk-1", "salary", f.Booth.ID, f.B02.ID, "booth:"}
	filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(f.dir, p)
		for _, code := range []string{"A01", "B02"} {
			if strings.Contains(rel, code) {
				t.Errorf("the name %s names a booth", rel)
			}
		}
		if d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		texts := [][]byte{b}
		for i := bytes.Index(b, []byte{0x1f, 0x8b}); i >= 0; {
			if zr, err := gzip.NewReader(bytes.NewReader(b[i:])); err == nil {
				if u, _ := io.ReadAll(io.LimitReader(zr, 1<<26)); len(u) > 0 {
					texts = append(texts, u)
				}
			}
			j := bytes.Index(b[i+2:], []byte{0x1f, 0x8b})
			if j < 0 {
				break
			}
			i += 2 + j
		}
		for _, text := range texts {
			for _, w := range words {
				if bytes.Contains(text, []byte(w)) {
					t.Errorf("%s holds %q", rel, w)
				}
			}
		}
		return nil
	})
}

// A visitor logged at the booth: the organiser's laptop sends the booth
// their contact details (they consent) on the sync that brings it the
// visit, not a sync later, so the booth has them on its next sync.
func TestBoothGetsItsVisitorsContactsAfterOneOrganiserSync(t *testing.T) {
	f := newPrivateFair(t)
	ctx := context.Background()
	// The booth laptop on the fair's clock, so the organiser takes its
	// batches as written now.
	datatest.Must(t, f.booth.st.Close())
	bst := datatest.OpenAt(t, f.boothDB, f.Clock.Now)
	booth := &laptop{st: bst, engine: &Engine{Store: bst, Folder: Dir{Root: f.dir}}}
	kenji := data.Person{GivenName: "Kenji", FamilyName: "Mori", Email: "kenji.mori@example.jp", Consent: true, Roles: data.NewSet("job_seeker")}
	datatest.Must(t, f.Store.SavePerson(ctx, &kenji))
	f.org.sync(t)
	booth.sync(t)
	if p, err := bst.Person(ctx, kenji.ID); err != nil || p.Email != "" {
		t.Fatalf("before his visit the booth holds %q (%v)", p.Email, err)
	}
	f.Clock.Advance(time.Minute)
	_, err := bst.LogVisitOf(ctx, f.Booth.ID, kenji.ID, "staff")
	datatest.Must(t, err)
	booth.sync(t)
	if r := f.org.sync(t); r.Received == 0 {
		t.Fatalf("the organiser did not take the visit: %+v", r.Problems)
	}
	booth.sync(t)
	if p, err := bst.Person(ctx, kenji.ID); err != nil || p.Email != kenji.Email {
		t.Errorf("after the organiser's one sync the booth holds his e-mail %q (%v)", p.Email, err)
	}
}
