package data_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"pgregory.net/rapid"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// boothLaptop is one booth's staff laptop in the property test, with the
// links that carry changes between it and the organiser.
type boothLaptop struct {
	booth    data.Booth
	role     data.LaptopRole
	st       *data.Store
	path     string
	down, up link
}

// TestEachBoothHoldsTheOrganisersDataFilteredByItsRole: an organiser and
// two booth laptops make random changes (e-mail edits, consent flips,
// visits and lead notes on either side, erasures) and sync in random
// order. No section sent to a booth ever carries the e-mail of someone who
// does not consent; after a full round, each booth laptop's data equals the
// organiser's filtered by its role (SnapshotForRole applied to an empty
// database), and an erased person's e-mails are in no database file.
func TestEachBoothHoldsTheOrganisersDataFilteredByItsRole(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		dir := t.TempDir()
		org := datatest.OpenAt(t, filepath.Join(dir, "org.db"), nil)
		orgPath := filepath.Join(dir, "org.db")
		mustOK(rt, org.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Europe/London"}))
		var booths []*boothLaptop
		for i, code := range []string{"A01", "B02"} {
			b := &boothLaptop{booth: data.Booth{Code: code, Name: "Booth " + code}}
			mustOK(rt, org.SaveBooth(ctx, &b.booth, nil))
			b.role = data.BoothLaptop(b.booth.ID)
			b.path = filepath.Join(dir, fmt.Sprintf("booth%d.db", i))
			b.st = datatest.OpenAt(t, b.path, nil)
			mustOK(rt, b.st.SetLocalRole(ctx, b.role))
			booths = append(booths, b)
		}
		emails := map[string][]string{} // every e-mail each person ever had
		var people []string
		erased := map[string]bool{}
		for i := range 4 {
			p := data.Person{GivenName: fmt.Sprintf("P%d", i), FamilyName: "Test", Email: fmt.Sprintf("p%d.v0.x@example.com", i),
				Phone: fmt.Sprintf("+44 %d", 1000+i), Consent: rapid.Bool().Draw(rt, "consent")}
			mustOK(rt, org.SavePerson(ctx, &p))
			people = append(people, p.ID)
			emails[p.ID] = []string{p.Email}
		}
		// Every section a booth receives: no e-mail of anyone not consenting.
		checkSections := func(sections map[data.Audience][]data.RowChange) {
			for a, rows := range sections {
				if a.Booth() == "" {
					continue
				}
				for _, rc := range rows {
					c, ok := rc.Cells["email"]
					if rc.Table != "people" || !ok || c.Value == "" {
						continue
					}
					p, err := org.Person(ctx, rc.ID)
					if err != nil || !p.Consent {
						rt.Fatalf("booth %s's section carries the e-mail of person %s, who does not consent (%v)", a.Booth(), rc.ID, err)
					}
				}
			}
		}
		down := func(b *boothLaptop) {
			s, _ := b.down.deliver(rt, org, b.st, data.LaptopOrganiser)
			checkSections(s)
		}
		up := func(b *boothLaptop) {
			if _, stats := b.up.deliver(rt, b.st, org, b.role); stats.Refused > 0 {
				rt.Fatalf("the organiser refused %d changes a booth laptop may make", stats.Refused)
			}
		}
		for _, b := range booths {
			down(b)
		}
		live := func() []string {
			var ids []string
			for _, id := range people {
				if !erased[id] {
					ids = append(ids, id)
				}
			}
			return ids
		}
		steps := rapid.IntRange(1, 15).Draw(rt, "steps")
		for range steps {
			ids := live()
			if len(ids) == 0 {
				break
			}
			who := rapid.SampledFrom(ids).Draw(rt, "person")
			b := rapid.SampledFrom(booths).Draw(rt, "booth")
			switch rapid.IntRange(0, 8).Draw(rt, "op") {
			case 0: // the organiser changes an e-mail
				p, err := org.Person(ctx, who)
				mustOK(rt, err)
				p.Email = fmt.Sprintf("p%d.v%d.x@example.com", indexOf(people, who), len(emails[who]))
				emails[who] = append(emails[who], p.Email)
				mustOK(rt, org.SavePerson(ctx, &p.Person))
			case 1: // consent flips
				p, err := org.Person(ctx, who)
				mustOK(rt, err)
				mustOK(rt, org.SetConsent(ctx, who, !p.Consent))
			case 2: // a visit logged at the booth
				if _, err := b.st.LogVisitOf(ctx, b.booth.ID, who, "staff"); err != nil && !errors.Is(err, data.ErrNotFound) {
					rt.Fatal(err)
				}
			case 3: // a lead noted at the booth
				if err := b.st.SaveLead(ctx, &data.Lead{BoothID: b.booth.ID, PersonID: who, Notes: "note " + b.booth.Code}); err != nil && !errors.Is(err, data.ErrNotFound) {
					rt.Fatal(err)
				}
			case 4: // a visit logged by the organiser for a booth
				_, err := org.LogVisitOf(ctx, b.booth.ID, who, "desk")
				mustOK(rt, err)
			case 5:
				if rapid.IntRange(0, 2).Draw(rt, "erase?") == 0 {
					mustOK(rt, org.ErasePerson(ctx, who))
					erased[who] = true
				}
			case 6, 7:
				down(b)
			case 8:
				up(b)
			}
		}
		for range 2 {
			for _, b := range booths {
				up(b)
			}
			for _, b := range booths {
				down(b)
			}
		}
		for i, b := range booths {
			want := datatest.OpenAt(t, filepath.Join(dir, fmt.Sprintf("want%d.db", i)), nil)
			mustOK(rt, want.SetLocalRole(ctx, b.role))
			var rows []data.RowChange
			mustOK(rt, org.SnapshotForRole(ctx, b.role, func(_ data.Audience, rc data.RowChange) error {
				rows = append(rows, rc)
				return nil
			}))
			_, err := want.ApplyRemote(ctx, data.Origin{Device: org.DeviceID(), Seq: 1}, rowsOf(rows))
			mustOK(rt, err)
			var got, filtered bytes.Buffer
			mustOK(rt, b.st.Dump(ctx, &got))
			mustOK(rt, want.Dump(ctx, &filtered))
			if got.String() != filtered.String() {
				rt.Fatalf("booth %s holds\n%s\nbut the organiser's data filtered by its role is\n%s", b.booth.Code, got.String(), filtered.String())
			}
			for _, id := range people {
				p, err := b.st.Person(ctx, id)
				if err != nil || p.Email == "" {
					continue
				}
				if o, err := org.Person(ctx, id); err != nil || !o.Consent {
					rt.Fatalf("booth %s holds the e-mail of person %s, who does not consent", b.booth.Code, id)
				}
			}
		}
		for id := range erased {
			for _, path := range []string{orgPath, booths[0].path, booths[1].path} {
				raw := rawFiles(t, path)
				for _, e := range emails[id] {
					if bytes.Contains(raw, []byte(e)) {
						rt.Fatalf("%s still holds %s of erased person %s", filepath.Base(path), e, id)
					}
				}
			}
		}
		for _, b := range booths {
			b.st.Close()
		}
		org.Close()
		os.RemoveAll(dir)
	})
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
