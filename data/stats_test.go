package data_test

import (
	"context"
	"slices"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestPeopleStats(t *testing.T) {
	ctx := context.Background()
	s := datatest.Open(t, nil)
	jp := data.Organisation{Name: "Tanaka Trading", Kind: data.OrgJapaneseCompany}
	gov := data.Organisation{Name: "Cabinet Office", Kind: data.OrgPublicSector}
	gone := data.Organisation{Name: "Gone Ltd", Kind: data.OrgStartup}
	for _, o := range []*data.Organisation{&jp, &gov, &gone} {
		if err := s.SaveOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	people := []data.Person{
		{GivenName: "Taro", OrgID: jp.ID, Roles: data.NewSet(string(data.RoleRecruiter), string(data.RoleSpeaker))},
		{GivenName: "Hanako", OrgID: jp.ID, Roles: data.NewSet(string(data.RoleExhibitorStaff))},
		{GivenName: "Emma", OrgID: gov.ID, Roles: data.NewSet(string(data.RoleMentor))},
		{GivenName: "Liam", Roles: data.NewSet(string(data.RoleJobSeeker))},
		{GivenName: "Noa"},
		{GivenName: "Ken", OrgID: gone.ID, Roles: data.NewSet(string(data.RoleJobSeeker))},
		{GivenName: "Deleted", OrgID: jp.ID, Roles: data.NewSet(string(data.RoleJobSeeker))},
	}
	for i := range people {
		if err := s.SavePerson(ctx, &people[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeletePerson(ctx, people[6].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOrganisation(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	st, err := s.PeopleStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.People != 6 || st.NoRole != 1 || st.NoOrg != 3 {
		t.Errorf("people %d, no role %d, no organisation %d; want 6, 1, 3", st.People, st.NoRole, st.NoOrg)
	}
	wantRoles := []data.Count{{"job_seeker", 2}, {"mentor", 1}, {"recruiter", 1}, {"speaker", 1}, {"organiser", 0}, {"exhibitor_staff", 1}}
	if !slices.Equal(st.ByRole, wantRoles) {
		t.Errorf("by role %v, want %v", st.ByRole, wantRoles)
	}
	wantKinds := []data.Count{{"japanese_company", 2}, {"non_japanese_company", 0}, {"public_sector", 1}, {"startup", 0}, {"other", 0}}
	if !slices.Equal(st.ByOrgKind, wantKinds) {
		t.Errorf("by organisation kind %v, want %v", st.ByOrgKind, wantKinds)
	}
}
