package data_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// link carries one laptop's changes to another as the folder would: the
// sections of the audiences the receiver reads, through JSON.
type link struct {
	sent int64 // the sender's change number already carried
	seq  int64 // the sender's last batch number
}

// fataler is what deliver needs of a test: a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

func mustOK(t fataler, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (l *link) deliver(t fataler, from, to *data.Store, fromRole data.LaptopRole) (sections map[data.Audience][]data.RowChange, stats data.ApplyStats) {
	t.Helper()
	return l.deliverWhere(t, from, to, fromRole, func(data.RowChange) bool { return true })
}

// deliverWhere is deliver of only the changes keep accepts, as when a
// laptop has read some of another's batches and not yet the rest.
func (l *link) deliverWhere(t fataler, from, to *data.Store, fromRole data.LaptopRole, keep func(data.RowChange) bool) (sections map[data.Audience][]data.RowChange, stats data.ApplyStats) {
	t.Helper()
	ctx := context.Background()
	toRole, err := to.LocalRole(ctx)
	mustOK(t, err)
	upTo := from.LastSeq()
	sections = map[data.Audience][]data.RowChange{}
	var rows []data.RowChange
	mustOK(t, from.LocalChangesFor(ctx, l.sent, upTo, func(a data.Audience, rc data.RowChange) error {
		sections[a] = append(sections[a], rc)
		if toRole.Reads(a) && keep(rc) {
			b, err := json.Marshal(rc)
			if err != nil {
				return err
			}
			var back data.RowChange
			if err := json.Unmarshal(b, &back); err != nil {
				return err
			}
			rows = append(rows, back)
		}
		return nil
	}))
	l.sent = upTo
	l.seq++
	stats, err = to.ApplyRemote(ctx, data.Origin{Device: from.DeviceID(), Name: "laptop", Seq: l.seq, Role: fromRole}, rowsOf(data.JoinParts(rows)))
	mustOK(t, err)
	return sections, stats
}

// rowsOf yields the rows as ApplyRemote reads a batch.
func rowsOf(rows []data.RowChange) func() (data.RowChange, bool, error) {
	return func() (data.RowChange, bool, error) {
		if len(rows) == 0 {
			return data.RowChange{}, false, nil
		}
		rc := rows[0]
		rows = rows[1:]
		return rc, true, nil
	}
}

func sectionText(t *testing.T, rows []data.RowChange) string {
	b, err := json.Marshal(rows)
	datatest.Must(t, err)
	return string(b)
}

// sqliteDump is the booth laptop's database as the sqlite3 shell prints it.
func sqliteDump(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 shell not installed")
	}
	out, err := exec.Command("sqlite3", path, ".dump").Output()
	datatest.Must(t, err)
	return string(out)
}

// boothFair is the fair day with a second booth: Taro (consents) and
// Alice (does not) visit A01, where Bob staffs; Taro also visits B02,
// which notes a lead on him.
type boothFair struct {
	*datatest.Fair
	B02      data.Booth
	boothLap *data.Store
	boothDB  string
	toBooth  link
}

func newBoothFair(t *testing.T) *boothFair {
	ctx := context.Background()
	f := &boothFair{Fair: datatest.NewFair(t)}
	st := f.Store
	f.B02 = data.Booth{Code: "B02", Name: "Other Co"}
	datatest.Must(t, st.SaveBooth(ctx, &f.B02, nil))
	for _, v := range []struct{ booth, person string }{{f.Booth.ID, f.Taro.ID}, {f.Booth.ID, f.Alice.ID}, {f.B02.ID, f.Taro.ID}} {
		_, err := st.LogVisitOf(ctx, v.booth, v.person, "staff")
		datatest.Must(t, err)
	}
	datatest.Must(t, st.SaveLead(ctx, &data.Lead{BoothID: f.B02.ID, PersonID: f.Taro.ID, Notes: "B02 only: salary talk"}))
	datatest.Must(t, st.SaveLead(ctx, &data.Lead{BoothID: f.Booth.ID, PersonID: f.Alice.ID, Notes: "A01 note on Alice"}))
	f.boothDB = filepath.Join(t.TempDir(), "booth.db")
	f.boothLap = datatest.OpenAt(t, f.boothDB, f.Clock.Now)
	datatest.Must(t, f.boothLap.SetLocalRole(ctx, data.BoothLaptop(f.Booth.ID)))
	return f
}

func TestSplitSendsEachAudienceOnlyItsCells(t *testing.T) {
	f := newBoothFair(t)
	var l link
	sections, _ := l.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	everyone := sectionText(t, sections[data.AudEveryone])
	a01 := sectionText(t, sections[data.BoothAudience(f.Booth.ID)])
	b02 := sectionText(t, sections[data.BoothAudience(f.B02.ID)])
	orgs := sectionText(t, sections[data.AudOrganisers])
	for _, secret := range []string{"@", "+81", "+44", "organisers only", "salary", "A01 note"} {
		if strings.Contains(everyone, secret) {
			t.Errorf("everyone's section holds %q", secret)
		}
	}
	if !strings.Contains(everyone, "Taro") || !strings.Contains(everyone, "Kaisha KK") {
		t.Error("everyone's section lacks the directory")
	}
	if !strings.Contains(a01, "taro@example.jp") || strings.Contains(a01, "alice@") || strings.Contains(a01, "salary") {
		t.Errorf("A01's section: want Taro's e-mail only and its own notes: %s", a01)
	}
	if !strings.Contains(a01, "A01 note on Alice") {
		t.Error("A01's section lacks its own lead")
	}
	if !strings.Contains(b02, "salary") || strings.Contains(b02, "A01 note") || strings.Contains(b02, "bob@") {
		t.Errorf("B02's section: %s", b02)
	}
	if !strings.Contains(orgs, "alice@example.com") || !strings.Contains(orgs, "organisers only") {
		t.Error("the organisers' section lacks what only organisers read")
	}
}

func TestBoothLaptopHoldsOnlyWhatItsRoleSees(t *testing.T) {
	ctx := context.Background()
	f := newBoothFair(t)
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	dump := sqliteDump(t, f.boothDB)
	for _, secret := range []string{"alice@example.com", "+44 20", "bob@example.org", "salary", "organisers only"} {
		if strings.Contains(dump, secret) {
			t.Errorf("the booth laptop's database holds %q", secret)
		}
	}
	for _, want := range []string{"taro@example.jp", "A01 note on Alice", "Alice"} {
		if !strings.Contains(dump, want) {
			t.Errorf("the booth laptop's database lacks %q", want)
		}
	}

	// Consent withdrawn: the details leave the booth laptop, history too.
	datatest.Must(t, f.Store.SetConsent(ctx, f.Taro.ID, false))
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	dump = sqliteDump(t, f.boothDB)
	if strings.Contains(dump, "taro@example.jp") || strings.Contains(dump, "+81 3") {
		t.Error("Taro's contact details stayed on the booth laptop after he withdrew consent")
	}
	// Given again: the organiser re-sends them, though it stamped them long ago.
	datatest.Must(t, f.Store.SetConsent(ctx, f.Taro.ID, true))
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	p, err := f.boothLap.Person(ctx, f.Taro.ID)
	datatest.Must(t, err)
	if p.Email != "taro@example.jp" {
		t.Errorf("after consent was given again the booth holds e-mail %q", p.Email)
	}
}

func TestOnlyAChangeOfContactDetailsOrConsentResendsThem(t *testing.T) {
	ctx := context.Background()
	f := newBoothFair(t)
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	a01 := data.BoothAudience(f.Booth.ID)
	taro := f.Taro
	for _, step := range []struct {
		what   string
		change func()
		resent bool
	}{
		{"a new job title", func() { taro.JobTitle = "Partner" }, false},
		{"a new phone number", func() { taro.Phone = "+81 3 0000 1111" }, true},
		{"notes", func() { taro.Notes = "organisers only, again" }, false},
		{"consent withdrawn", func() { taro.Consent = false }, false}, // and blanked on the booth
		{"consent given again", func() { taro.Consent = true }, true},
	} {
		step.change()
		datatest.Must(t, f.Store.SavePerson(ctx, &taro))
		sections, _ := f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
		if got := strings.Contains(sectionText(t, sections[a01]), "taro@example.jp"); got != step.resent {
			t.Errorf("after %s, A01's section holds Taro's e-mail: %v, want %v", step.what, got, step.resent)
		}
		p, err := f.boothLap.Person(ctx, taro.ID)
		datatest.Must(t, err)
		want := ""
		if taro.Consent {
			want = taro.Phone
		}
		if p.Phone != want {
			t.Errorf("after %s, the booth holds phone %q, want %q", step.what, p.Phone, want)
		}
	}
}

func TestAVisitThatArrivesBeforeItsVisitorStillBringsTheirContactDetails(t *testing.T) {
	ctx := context.Background()
	f := newBoothFair(t)
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	other := datatest.OpenAt(t, filepath.Join(t.TempDir(), "desk-2.db"), f.Clock.Now)
	hiro := data.Person{GivenName: "Hiro", Email: "hiro@example.jp", Consent: true}
	datatest.Must(t, f.Store.SavePerson(ctx, &hiro))
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	// The booth logs Hiro's visit; the second desk reads the booth's
	// batch before the first desk's that adds him, and the first desk
	// is not heard from again.
	_, err := f.boothLap.LogVisitOf(ctx, f.Booth.ID, hiro.ID, "Bob")
	datatest.Must(t, err)
	isPerson := func(id string) func(data.RowChange) bool {
		return func(rc data.RowChange) bool { return rc.Table == "people" && rc.ID == id }
	}
	firstDesk := link{}
	firstDesk.deliverWhere(t, f.Store, other, data.LaptopOrganiser, func(rc data.RowChange) bool { return !isPerson(hiro.ID)(rc) })
	var fromBooth, toBooth link
	fromBooth.deliver(t, f.boothLap, other, data.BoothLaptop(f.Booth.ID))
	toBooth.deliver(t, other, f.boothLap, data.LaptopOrganiser)
	late := link{seq: firstDesk.seq}
	late.deliverWhere(t, f.Store, other, data.LaptopOrganiser, isPerson(hiro.ID))
	if p, err := other.Person(ctx, hiro.ID); err != nil || p.Email != "hiro@example.jp" {
		t.Fatalf("the second desk lacks Hiro (%v): the test proves nothing", err)
	}
	toBooth.deliver(t, other, f.boothLap, data.LaptopOrganiser)
	p, err := f.boothLap.Person(ctx, hiro.ID)
	datatest.Must(t, err)
	if p.Email != "hiro@example.jp" {
		t.Errorf("the booth holds e-mail %q of its consenting visitor, who reached the second desk after his visit", p.Email)
	}
}

func TestBoothWritesAreChecked(t *testing.T) {
	ctx := context.Background()
	f := newBoothFair(t)
	var down link
	down.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	role := data.BoothLaptop(f.Booth.ID)
	stamp := data.Stamp{HLC: data.HLC(1 << 60), Dev: f.boothLap.DeviceID()}
	cell := func(v any) data.Cell { return data.Cell{Value: v, Stamp: stamp} }
	var sessionID string
	sess := data.Session{Title: "Opening", Starts: f.Opening, Ends: f.Opening.Add(time.Hour)}
	datatest.Must(t, f.Store.SaveSession(ctx, &sess, nil))
	sessionID = sess.ID
	forged := []data.RowChange{
		{Table: "sessions", ID: sessionID, Cells: map[string]data.Cell{"title": cell("Hacked")}},
		{Table: "people", ID: f.Alice.ID, Cells: map[string]data.Cell{"consent": cell(1)}},
		{Table: "leads", ID: f.B02.ID + "/" + f.Taro.ID, Cells: map[string]data.Cell{"notes": cell("overwritten")}},
		// Moving B02's lead into A01 by rewriting its booth.
		{Table: "leads", ID: f.B02.ID + "/" + f.Taro.ID, Cells: map[string]data.Cell{"booth_id": cell(f.Booth.ID)}},
		{Table: "visits", ID: data.NewID(), Cells: map[string]data.Cell{"booth_id": cell(f.B02.ID), "person_id": cell(f.Alice.ID), "at": cell("2026-10-10T12:00:00Z")}},
		{Table: "checkins", ID: data.NewID(), Cells: map[string]data.Cell{"person_id": cell(f.Alice.ID), "action": cell("in"), "at": cell("2026-10-10T12:00:00Z")}},
	}
	for _, rc := range forged {
		var refused *data.RefusedError
		if err := f.Store.CheckWrite(ctx, role, rc); !errors.As(err, &refused) {
			t.Errorf("%s %v from booth A01: %v, want refused", rc.Table, rc.Cells, err)
		}
	}
	allowed := []data.RowChange{
		{Table: "visits", ID: data.NewID(), Cells: map[string]data.Cell{"booth_id": cell(f.Booth.ID), "person_id": cell(f.Alice.ID), "at": cell("2026-10-10T12:00:00Z")}},
		{Table: "leads", ID: f.Booth.ID + "/" + f.Alice.ID, Cells: map[string]data.Cell{"notes": cell("fine")}},
		{Table: "checkins", ID: data.NewID(), Cells: map[string]data.Cell{"person_id": cell(f.Bob.ID), "action": cell("in"), "at": cell("2026-10-10T12:00:00Z")}},
	}
	for _, rc := range allowed {
		if err := f.Store.CheckWrite(ctx, role, rc); err != nil {
			t.Errorf("%s from booth A01: %v", rc.Table, err)
		}
	}

	// Applied as a batch: the forged rows are refused and recorded, the good ones land.
	var before bytes.Buffer
	datatest.Must(t, f.Store.Dump(ctx, &before))
	all := append(forged, allowed...)
	stats, err := f.Store.ApplyRemote(ctx, data.Origin{Device: f.boothLap.DeviceID(), Name: "booth-a01", Seq: 1, Role: role}, rowsOf(all))
	datatest.Must(t, err)
	if stats.Refused != len(forged) {
		t.Errorf("refused %d rows, want %d", stats.Refused, len(forged))
	}
	refused, err := f.Store.RefusedChanges(ctx)
	datatest.Must(t, err)
	// The two forged changes to B02's lead are one refused row.
	if len(refused) != len(forged)-1 || refused[0].Laptop != "booth-a01" || refused[0].Role != string(role) {
		t.Errorf("refused changes listed: %+v", refused)
	}
	sessions, err := f.Store.Sessions(ctx)
	datatest.Must(t, err)
	if len(sessions) != 1 || sessions[0].Title != "Opening" {
		t.Errorf("a booth laptop renamed a session: %+v", sessions)
	}
	lead, err := f.Store.Lead(ctx, f.B02.ID, f.Taro.ID)
	datatest.Must(t, err)
	if lead.Notes != "B02 only: salary talk" || lead.BoothID != f.B02.ID {
		t.Errorf("a booth laptop changed another booth's lead: %+v", lead)
	}
	if l, _ := f.Store.Lead(ctx, f.Booth.ID, f.Alice.ID); l.Notes != "fine" {
		t.Errorf("the booth's own lead was not applied: %+v", l)
	}
}

// rawFiles is the database file with its -wal and -shm, as bytes.
func rawFiles(t *testing.T, path string) []byte {
	var all []byte
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func TestErasureLeavesNoCopyOnAnyLaptop(t *testing.T) {
	ctx := context.Background()
	f := newBoothFair(t)
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	// History and a notification that name Taro, so that they can fail.
	taro := f.Taro
	taro.Email = "taro.yamada@example.jp"
	datatest.Must(t, f.Store.SavePerson(ctx, &taro))
	_, err := f.Store.RecordNotifications(ctx, []data.NotificationDraft{{Kind: "visit", Title: "Taro Yamada is at A01", TargetKind: "person", TargetID: taro.ID}}, f.Clock.Now())
	datatest.Must(t, err)
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	if !bytes.Contains(rawFiles(t, f.boothDB), []byte("taro.yamada@example.jp")) {
		t.Fatal("the booth laptop never held Taro's e-mail: the test proves nothing")
	}

	datatest.Must(t, f.Store.ErasePerson(ctx, taro.ID))
	f.toBooth.deliver(t, f.Store, f.boothLap, data.LaptopOrganiser)
	for name, path := range map[string]string{"organiser": f.Path, "booth": f.boothDB} {
		raw := rawFiles(t, path)
		for _, secret := range []string{"taro@example.jp", "taro.yamada@example.jp", "Yamada", "山田", "+81 3 1234"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("the %s laptop's database files still hold %q", name, secret)
			}
		}
	}
	if _, err := f.Store.Person(ctx, taro.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("erased person still readable: %v", err)
	}
	if ids, _ := f.boothLap.Erased(ctx); len(ids) != 1 || ids[0] != taro.ID {
		t.Errorf("the booth laptop's erasure records: %v", ids)
	}
	// A change about the person from a laptop that had not synced is dropped.
	late := []data.RowChange{{Table: "visits", ID: data.NewID(), Cells: map[string]data.Cell{"booth_id": {Value: f.Booth.ID}, "person_id": {Value: taro.ID}, "at": {Value: "2026-10-10T15:00:00Z"}}}}
	_, err = f.Store.ApplyRemote(ctx, data.Origin{Device: "0123456789abcdef", Seq: 1}, rowsOf(late))
	datatest.Must(t, err)
	var out bytes.Buffer
	datatest.Must(t, f.Store.Dump(ctx, &out))
	if strings.Contains(out.String(), taro.ID+`","undoes`) || strings.Count(out.String(), taro.ID) != 1 {
		t.Errorf("the erased person's id appears beyond the erasure record:\n%s", out.String())
	}
}

func TestContactDetailsOfTheUnconsentedAreDeletedAfterTheEvent(t *testing.T) {
	ctx := context.Background()
	f := datatest.NewFair(t)
	ends := datatest.FairDay(16, 0)
	datatest.Must(t, f.Store.SetContactRetentionDays(ctx, 3))
	days, err := f.Store.ContactRetentionDays(ctx)
	datatest.Must(t, err)
	n, err := f.Store.DeleteUnconsentedContacts(ctx, ends.Add(48*time.Hour), days)
	datatest.Must(t, err)
	if n != 0 {
		t.Fatalf("deleted %d people's details two days after the event, with three days to wait", n)
	}
	before := f.Store.LastSeq()
	n, err = f.Store.DeleteUnconsentedContacts(ctx, ends.Add(73*time.Hour), days)
	datatest.Must(t, err)
	// Alice did not consent; Bob left consent unset; Taro consented.
	if n != 2 {
		t.Errorf("deleted the details of %d people, want 2", n)
	}
	alice, err := f.Store.Person(ctx, f.Alice.ID)
	datatest.Must(t, err)
	taro, err := f.Store.Person(ctx, f.Taro.ID)
	datatest.Must(t, err)
	if alice.Email != "" || alice.Phone != "" || taro.Email != "taro@example.jp" {
		t.Errorf("after: Alice %q %q, Taro %q", alice.Email, alice.Phone, taro.Email)
	}
	history, err := f.Store.History(ctx, "people", f.Alice.ID)
	datatest.Must(t, err)
	for _, h := range history {
		if strings.Contains(h.Old, "alice@") || strings.Contains(h.Old, "+44") {
			t.Errorf("history keeps %q", h.Old)
		}
	}
	// The blanking is an ordinary change that the organisers' next batch carries.
	var sent bool
	datatest.Must(t, f.Store.LocalChangesFor(ctx, before, f.Store.LastSeq(), func(a data.Audience, rc data.RowChange) error {
		if c, ok := rc.Cells["email"]; ok && rc.ID == f.Alice.ID && c.Value == "" && a == data.AudOrganisers {
			sent = true
		}
		return nil
	}))
	if !sent {
		t.Error("the deletion is not in the next batch")
	}
}

func TestBoothLaptopMayNotEraseOrChangeConsent(t *testing.T) {
	ctx := context.Background()
	f := datatest.NewFair(t)
	datatest.Must(t, f.Store.SetLocalRole(ctx, data.BoothLaptop(f.Booth.ID)))
	if err := f.Store.ErasePerson(ctx, f.Alice.ID); err == nil {
		t.Error("a booth laptop erased a person")
	}
	if err := f.Store.SetConsent(ctx, f.Alice.ID, true); err == nil {
		t.Error("a booth laptop changed consent")
	}
	if err := f.Store.SetLocalRole(ctx, "boss"); err == nil {
		t.Error("an unknown role was saved")
	}
}

// A laptop that held the whole event and becomes a booth's keeps only what
// the booth may see.
func TestBecomingABoothLaptopRemovesWhatTheBoothMayNotSee(t *testing.T) {
	ctx := context.Background()
	f := newBoothFair(t)
	before := sqliteDump(t, f.Path)
	for _, want := range []string{"alice@example.com", "salary", "organisers only"} {
		if !strings.Contains(before, want) {
			t.Fatalf("the organiser's database lacks %q: the test proves nothing", want)
		}
	}
	datatest.Must(t, f.Store.SetLocalRole(ctx, data.BoothLaptop(f.Booth.ID)))
	after := sqliteDump(t, f.Path)
	for _, secret := range []string{"alice@example.com", "+44 20", "bob@example.org", "salary", "organisers only"} {
		if strings.Contains(after, secret) {
			t.Errorf("the laptop still holds %q after becoming booth A01's", secret)
		}
	}
	for _, want := range []string{"taro@example.jp", "A01 note on Alice", "Alice"} {
		if !strings.Contains(after, want) {
			t.Errorf("the laptop lost %q, which booth A01 may see", want)
		}
	}
}
