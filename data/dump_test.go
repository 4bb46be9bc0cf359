package data_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// fillFair fills a new store with a small event under fixed ids and badge
// codes, so that two stores can hold the same data. The other way round
// saves it in the opposite order, each person first with a wrong job title
// and then corrected: the same data in other rows, under other local
// change numbers.
func fillFair(t *testing.T, otherWayRound bool) *data.Store {
	t.Helper()
	ctx := context.Background()
	st := datatest.Open(t, datatest.NewClock(datatest.FairDay(9, 0)).Now)
	event := data.Event{ID: "ev", Name: "Alumni Careers Fair", TimeZone: "Europe/London"}
	org := data.Organisation{ID: "org-kaisha", Name: "Kaisha KK", Kind: data.OrgJapaneseCompany}
	people := []data.Person{
		{ID: "p-ren", GivenName: "Ren", FamilyName: "Ito", BadgeCode: "RENITO", OrgID: org.ID, Custom: data.Fields{"T-shirt": "M", "Diet": "vegan"}},
		{ID: "p-mei", GivenName: "Mei", FamilyName: "Sato", BadgeCode: "MEISAT", Roles: data.NewSet("speaker")},
		{ID: "p-sota", GivenName: "Sota", FamilyName: "Mori", BadgeCode: "SOTAMR", Custom: data.Fields{"Diet": "halal", "T-shirt": "L"}},
	}
	session := data.Session{ID: "s-panel", Title: "Working in Japan", Starts: datatest.FairDay(11, 0), Ends: datatest.FairDay(12, 0)}
	booth := data.Booth{ID: "b-a01", Code: "A01", Name: "Kaisha KK", OrgID: org.ID}

	before := []func() error{
		func() error { return st.SaveEvent(ctx, &event) },
		func() error { return st.SaveOrganisation(ctx, &org) },
	}
	after := []func() error{ // these name people, so they come after them
		func() error { return st.SaveSession(ctx, &session, []string{"p-mei", "p-ren"}) },
		func() error { return st.SaveBooth(ctx, &booth, []string{"p-sota", "p-ren"}) },
	}
	if otherWayRound {
		slices.Reverse(before)
		slices.Reverse(people)
		slices.Reverse(after)
	}
	for _, save := range before {
		datatest.Must(t, save())
	}
	for _, p := range people {
		if otherWayRound {
			wrong := p
			wrong.JobTitle = "typo"
			datatest.Must(t, st.SavePerson(ctx, &wrong))
		}
		datatest.Must(t, st.SavePerson(ctx, &p))
	}
	for _, save := range after {
		datatest.Must(t, save())
	}
	return st
}

// Two laptops that agree hold their rows in different orders, under
// different local change numbers: their dumps must still be equal.
func TestDumpIsCanonical(t *testing.T) {
	a, b := fillFair(t, false), fillFair(t, true)
	if a.LastSeq() == b.LastSeq() {
		t.Fatalf("both stores made %d local changes; the test needs them to differ", a.LastSeq())
	}
	da, db := string(dump(t, a)), string(dump(t, b))
	if da != db {
		t.Fatalf("dumps of the same data differ:\n%s\n---\n%s", da, db)
	}
	// event, organisation, three people, booth, two staff, session, two speakers
	if n := strings.Count(da, "\n"); n != 11 {
		t.Errorf("dump has %d lines, want 11:\n%s", n, da)
	}
	if !strings.Contains(da, `"custom":"{\"Diet\":\"vegan\",\"T-shirt\":\"M\"}"`) {
		t.Errorf("custom fields not in canonical form:\n%s", da)
	}
}
