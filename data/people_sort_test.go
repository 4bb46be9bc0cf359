package data_test

import (
	"fmt"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The people list sorts by name, organisation, role and check-in time,
// page after page with no one twice or left out, and picks out one person.
func TestPeopleListSortsAndPicksOne(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	names := func(s data.PeopleSort, pageSize int) string {
		var out []string
		for offset := 0; ; offset += pageSize {
			page, err := f.Store.ListPeople(ctx, data.PeopleFilter{Sort: s}, offset, pageSize)
			datatest.Must(t, err)
			for _, p := range page {
				out = append(out, p.GivenName)
			}
			if len(page) < pageSize {
				return fmt.Sprint(out)
			}
		}
	}
	// Taro is at Kaisha KK, Alice and Bob at none; roles: Alice job_seeker,
	// Bob recruiter speaker, Taro mentor.
	f.Clock.Set(datatest.FairDay(11, 5))
	_, err := f.Store.CheckIn(ctx, f.Bob.BadgeCode, "ann")
	datatest.Must(t, err)
	f.Clock.Set(datatest.FairDay(11, 30))
	_, err = f.Store.CheckIn(ctx, f.Alice.BadgeCode, "ann")
	datatest.Must(t, err)
	for _, c := range []struct {
		sort data.PeopleSort
		want string
	}{
		{data.SortByName, "[Bob Alice Taro]"}, // Jones, Smith, Yamada
		{data.SortByOrganisation, "[Taro Bob Alice]"},
		{data.SortByRole, "[Alice Taro Bob]"}, // job_seeker < mentor < recruiter
		{data.SortByCheckIn, "[Alice Bob Taro]"},
	} {
		for _, size := range []int{1, 2, 10} {
			if got := names(c.sort, size); got != c.want {
				t.Errorf("sort %q in pages of %d: %s, want %s", c.sort, size, got, c.want)
			}
		}
	}
	one, err := f.Store.ListPeople(ctx, data.PeopleFilter{ID: f.Alice.ID}, 0, 10)
	datatest.Must(t, err)
	if len(one) != 1 || one[0].ID != f.Alice.ID {
		t.Errorf("the list of one: %+v", one)
	}
	if n, err := f.Store.CountPeople(ctx, data.PeopleFilter{ID: f.Alice.ID}); err != nil || n != 1 {
		t.Errorf("count of one: %d %v", n, err)
	}
}
