package data

import (
	"context"
	"fmt"
	"strings"
)

// Count is how many of something there are, under a code.
type Count struct {
	Code  string
	Count int
}

// PeopleStats are the registered people at a glance.
type PeopleStats struct {
	People int
	// ByRole counts people per role, in the order of Roles; a person with
	// two roles counts under both. NoRole counts people with none.
	ByRole []Count
	NoRole int
	// ByOrgKind counts people per kind of organisation, in the order of
	// OrgKinds. NoOrg counts people with no (live) organisation.
	ByOrgKind []Count
	NoOrg     int
}

// PeopleStats counts the live people by role and by organisation kind, in
// two statements.
func (s *Store) PeopleStats(ctx context.Context) (PeopleStats, error) {
	var st PeopleStats
	// roles is stored as "a; b": match a role between separators.
	padded := "(';' || replace(roles, ' ', '') || ';')"
	cols := []string{"count(*)", "coalesce(sum(roles = ''), 0)"}
	for _, r := range Roles {
		cols = append(cols, fmt.Sprintf("coalesce(sum(%s LIKE '%%;%s;%%'), 0)", padded, string(r)))
	}
	row := s.reader.QueryRowxContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM people WHERE deleted = 0")
	counts := make([]int, len(cols))
	ptrs := make([]any, len(cols))
	for i := range counts {
		ptrs[i] = &counts[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return st, fmt.Errorf("count people by role: %w", err)
	}
	st.People, st.NoRole = counts[0], counts[1]
	for i, r := range Roles {
		st.ByRole = append(st.ByRole, Count{Code: string(r), Count: counts[i+2]})
	}

	var kinds []struct {
		Kind  string `db:"kind"`
		Count int    `db:"n"`
	}
	err := s.reader.SelectContext(ctx, &kinds, `SELECT coalesce(o.kind, '') AS kind, count(*) AS n
		FROM people p LEFT JOIN organisations o ON o.id = p.org_id AND o.deleted = 0
		WHERE p.deleted = 0 GROUP BY 1`)
	if err != nil {
		return st, fmt.Errorf("count people by organisation kind: %w", err)
	}
	byKind := map[string]int{}
	for _, k := range kinds {
		byKind[k.Kind] += k.Count
	}
	for _, k := range OrgKinds {
		st.ByOrgKind = append(st.ByOrgKind, Count{Code: string(k), Count: byKind[string(k)]})
		delete(byKind, string(k))
	}
	st.NoOrg = byKind[""]
	delete(byKind, "")
	for _, n := range byKind { // kinds this build does not know count as other
		st.ByOrgKind[len(st.ByOrgKind)-1].Count += n
	}
	return st, nil
}
