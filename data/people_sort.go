package data

// PeopleSort is the order of the people list.
type PeopleSort string

const (
	SortByName         PeopleSort = ""             // family name, then given name
	SortByOrganisation PeopleSort = "organisation" // organisation name, then name; no organisation last
	SortByRole         PeopleSort = "role"         // the roles held, then name; no role last
	SortByCheckIn      PeopleSort = "checkin"      // the latest check-in that was not undone, newest first; never checked in last
)

// PeopleSorts are the orders the list offers, in the order it offers them.
var PeopleSorts = []PeopleSort{SortByName, SortByOrganisation, SortByRole, SortByCheckIn}

// Sort keys as expressions over the people row p, so that the inner query
// (which may not join organisations) and the outer one order alike.
const (
	orgNameKey = "(SELECT so.name FROM organisations so WHERE so.id = p.org_id AND so.deleted = 0)"
	checkInKey = `(SELECT max(sc.at) FROM checkins sc WHERE sc.person_id = p.id AND sc.action = 'in' AND sc.deleted = 0
		AND NOT EXISTS (SELECT 1 FROM checkins su WHERE su.person_id = sc.person_id AND su.undoes = sc.id AND su.action = 'undo'))`
)

// order is the ORDER BY of the list in f's sort; ties go by name, then by
// row, so that pages never overlap or leave a gap.
func (f PeopleFilter) order() string {
	switch f.Sort {
	case SortByOrganisation:
		return orgNameKey + " IS NULL, " + orgNameKey + " COLLATE NOCASE, " + peopleOrder
	case SortByRole:
		return "p.roles = '', p.roles, " + peopleOrder
	case SortByCheckIn:
		return checkInKey + " IS NULL, " + checkInKey + " DESC, " + peopleOrder
	}
	return peopleOrder
}
