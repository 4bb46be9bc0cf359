package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

// The People list exported as filtered: only the people the filter lets
// through, in its order.
func TestExportPeopleAsFiltered(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	for _, p := range []data.Person{
		{GivenName: "Aoi", FamilyName: "Mori", Roles: data.NewSet(string(data.RoleMentor)), Email: "aoi@example.jp"},
		{GivenName: "Ben", FamilyName: "Adams", Roles: data.NewSet(string(data.RoleJobSeeker))},
		{GivenName: "Cal", FamilyName: "Baker", Roles: data.NewSet(string(data.RoleMentor))},
	} {
		if err := st.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := ExportPeopleAs(ctx, st, &b, data.PeopleFilter{Role: data.RoleMentor}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][0] != "Cal" || rows[2][0] != "Aoi" {
		t.Fatalf("exported %q, want the header, Cal Baker and Aoi Mori", rows)
	}
}
