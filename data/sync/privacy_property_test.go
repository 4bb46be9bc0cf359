package sync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// TestBoothAndOrganiserLaptopsThroughTheEncryptedFolder: two organiser
// laptops and two booth laptops, all joined by invitation to one shared
// folder, make random changes (e-mail edits, consent flips, visits and
// lead notes, erasures) and sync in random order. After everyone has
// synced a few times: the organisers hold the same data; each booth
// laptop holds exactly the organisers' data filtered by its role; no booth
// laptop holds the e-mail of someone who does not consent; and an erased
// person's e-mails are in no database or WAL file and in nothing the
// organisers' keys open in the folder.
func TestBoothAndOrganiserLaptopsThroughTheEncryptedFolder(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		dir := t.TempDir()
		folder := filepath.Join(dir, "shared")
		mustOK := func(err error) {
			if err != nil {
				rt.Fatal(err)
			}
		}
		org := datatest.OpenAt(t, filepath.Join(dir, "org.db"), nil)
		mustOK(org.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London"}))
		var booths []data.Booth
		for _, code := range []string{"A01", "B02"} {
			b := data.Booth{Code: code, Name: "Booth " + code}
			mustOK(org.SaveBooth(ctx, &b, nil))
			booths = append(booths, b)
		}
		emails := map[string][]string{} // every e-mail each person ever had
		var people []string
		for i := range 4 {
			p := data.Person{GivenName: fmt.Sprintf("P%d", i), FamilyName: "Test", Email: fmt.Sprintf("p%d.v0.x@example.com", i),
				Consent: rapid.Bool().Draw(rt, "consent")}
			mustOK(org.SavePerson(ctx, &p))
			people = append(people, p.ID)
			emails[p.ID] = []string{p.Email}
		}
		mustOK(os.Mkdir(folder, 0o700))
		_, err := shareTest(ctx, org, folder)
		mustOK(err)
		type member struct {
			*laptop
			role data.LaptopRole
			path string
		}
		orgs := []member{{&laptop{st: org, engine: &Engine{Store: org, Folder: Dir{Root: folder}}}, data.LaptopOrganiser, org.Path()}}
		join := func(name string, role data.LaptopRole) member {
			path := filepath.Join(dir, name+".db")
			st, _, err := joinAs(ctx, org, path, folder, role)
			mustOK(err)
			return member{&laptop{st: st, engine: &Engine{Store: st, Folder: Dir{Root: folder}}}, role, path}
		}
		orgs = append(orgs, join("org2", data.LaptopOrganiser))
		var boothLaptops []member
		for i, b := range booths {
			boothLaptops = append(boothLaptops, join(fmt.Sprintf("booth%d", i), data.BoothLaptop(b.ID)))
		}
		all := append(append([]member{}, orgs...), boothLaptops...)
		defer func() {
			for _, m := range all {
				m.st.Close()
			}
			os.RemoveAll(dir)
		}()
		sync := func(m member) {
			r, err := m.engine.Sync(ctx)
			mustOK(err)
			for _, p := range r.Problems {
				if strings.Contains(p, "refused") || strings.Contains(p, "failed its check") {
					rt.Fatalf("a sync found: %s", p)
				}
			}
		}
		erased := map[string]bool{}
		for range rapid.IntRange(1, 20).Draw(rt, "steps") {
			var live []string
			for _, id := range people {
				if !erased[id] {
					live = append(live, id)
				}
			}
			if len(live) == 0 {
				break
			}
			who := rapid.SampledFrom(live).Draw(rt, "person")
			o := orgs[rapid.IntRange(0, 1).Draw(rt, "organiser")]
			bi := rapid.IntRange(0, 1).Draw(rt, "booth")
			b := boothLaptops[bi]
			switch rapid.IntRange(0, 7).Draw(rt, "op") {
			case 0: // an organiser changes an e-mail
				p, err := o.st.Person(ctx, who)
				if errors.Is(err, data.ErrNotFound) {
					continue // not arrived there yet
				}
				mustOK(err)
				p.Email = fmt.Sprintf("p%d.v%d.x@example.com", slices.Index(people, who), len(emails[who]))
				emails[who] = append(emails[who], p.Email)
				mustOK(o.st.SavePerson(ctx, &p.Person))
			case 1: // consent flips
				p, err := o.st.Person(ctx, who)
				if errors.Is(err, data.ErrNotFound) {
					continue
				}
				mustOK(err)
				mustOK(o.st.SetConsent(ctx, who, !p.Consent))
			case 2: // a visit logged at the booth
				if _, err := b.st.LogVisitOf(ctx, booths[bi].ID, who, "staff"); err != nil && !errors.Is(err, data.ErrNotFound) {
					rt.Fatal(err)
				}
			case 3: // a lead noted at the booth
				if err := b.st.SaveLead(ctx, &data.Lead{BoothID: booths[bi].ID, PersonID: who, Notes: "note " + booths[bi].Code}); err != nil && !errors.Is(err, data.ErrNotFound) {
					rt.Fatal(err)
				}
			case 4:
				if rapid.IntRange(0, 2).Draw(rt, "erase?") == 0 {
					if err := o.st.ErasePerson(ctx, who); err != nil && !errors.Is(err, data.ErrNotFound) {
						rt.Fatal(err)
					}
					erased[who] = true
				}
			default:
				sync(rapid.SampledFrom(all).Draw(rt, "sync"))
			}
		}
		for range 3 {
			for _, m := range all {
				sync(m)
			}
		}

		want := orgs[0].dump(t)
		if got := orgs[1].dump(t); got != want {
			rt.Fatalf("the organisers differ:\n%s\n---\n%s", got, want)
		}
		for i, b := range boothLaptops {
			var filtered bytes.Buffer
			mustOK(org.DumpForRole(ctx, b.role, filepath.Join(dir, fmt.Sprintf("filtered%d.db", i)), &filtered))
			if got, want := b.dump(t), filtered.String(); got != want {
				rt.Fatalf("booth %s holds\n%s\nbut the organisers' data filtered by its role is\n%s", booths[i].Code, got, want)
			}
			for _, id := range people {
				p, err := b.st.Person(ctx, id)
				if err != nil || p.Email == "" {
					continue
				}
				if o, err := org.Person(ctx, id); err != nil || !o.Consent {
					rt.Fatalf("booth %s holds the e-mail of person %s, who does not consent", booths[i].Code, id)
				}
			}
		}
		keys, err := loadKeyring(ctx, org)
		mustOK(err)
		ids := make([]string, len(booths))
		for i, b := range booths {
			ids[i] = b.ID
		}
		opened := readable(t, folder, keys, ids)
		for id := range erased {
			for _, e := range emails[id] {
				if strings.Contains(opened, e) {
					rt.Fatalf("the folder still holds %s of erased person %s", e, id)
				}
				for _, m := range all {
					if bytes.Contains(rawDatabase(t, m.path), []byte(e)) {
						rt.Fatalf("%s still holds %s of erased person %s", filepath.Base(m.path), e, id)
					}
				}
			}
		}
	})
}

// rawDatabase is a database file with its WAL, as bytes.
func rawDatabase(t *testing.T, path string) []byte {
	var b []byte
	for _, p := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		b = append(b, raw...)
	}
	return b
}
