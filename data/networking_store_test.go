package data_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// Who takes part in a networking session: those signed up, live, with
// their organisation's sector; a deleted person or a withdrawn sign-up is
// not; a session that is gone is not found.
func TestNetworkingParticipantsAreTheLiveSignUps(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := context.Background()
	st := f.Store
	bank := data.Organisation{Name: "Bank of Kanda", Sector: "Finance"}
	datatest.Must(t, st.SaveOrganisation(ctx, &bank))
	taro := f.Taro
	taro.OrgID = bank.ID
	datatest.Must(t, st.SavePerson(ctx, &taro))
	sess := data.Session{Title: "Speed networking", Kind: data.SessionNetworking, Starts: datatest.FairDay(14, 0)}
	datatest.Must(t, st.SaveSession(ctx, &sess, nil))
	gone := data.Person{GivenName: "Gone", FamilyName: "Away", Roles: data.NewSet("job_seeker")}
	datatest.Must(t, st.SavePerson(ctx, &gone))
	for _, p := range []data.Person{f.Taro, f.Alice, f.Bob, gone} {
		datatest.Must(t, st.SignUp(ctx, sess.ID, p.ID, true))
	}
	datatest.Must(t, st.SignUp(ctx, sess.ID, f.Bob.ID, false))
	datatest.Must(t, st.DeletePerson(ctx, gone.ID))

	people, signedUp, err := st.NetworkingParticipants(ctx, sess.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if !signedUp || len(people) != 2 || people[0].ID != f.Alice.ID || people[1].ID != f.Taro.ID {
		t.Fatalf("signed up %v: %+v", signedUp, people)
	}
	if people[1].Sector != "Finance" || people[1].OrgName != "Bank of Kanda" || !people[1].NetworkingHost() || people[0].NetworkingHost() {
		t.Errorf("Taro %+v, Alice host %v", people[1], people[0].NetworkingHost())
	}
	// No one checked in yet: --checked-in leaves no one.
	if people, _, err := st.NetworkingParticipants(ctx, sess.ID, true); err != nil || len(people) != 0 {
		t.Errorf("checked in only: %d, %v", len(people), err)
	}
	datatest.Must(t, st.DeleteSession(ctx, sess.ID))
	if _, _, err := st.NetworkingParticipants(ctx, sess.ID, false); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("a deleted session: %v", err)
	}
}
