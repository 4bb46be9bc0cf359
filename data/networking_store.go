package data

import (
	"context"
	"fmt"
	"strings"
)

// NetworkingParticipant is a person taking part in a speed-networking
// session, with their organisation's sector for spreading the hosts.
type NetworkingParticipant struct {
	PersonRow
	Sector string `db:"sector"`
}

// NetworkingHost tells the people a speed-networking table plan spreads
// across the tables (mentors, recruiters and exhibitor staff) from those
// who move between them (job seekers and everyone else).
func (p Person) NetworkingHost() bool {
	return p.HasRole(RoleMentor) || p.HasRole(RoleRecruiter) || p.HasRole(RoleExhibitorStaff)
}

// checkedInNow is the people whose last check-in or check-out that was
// not undone is a check-in.
const checkedInNow = `SELECT person_id FROM (
	SELECT person_id, action, row_number() OVER (PARTITION BY person_id ORDER BY at DESC, id DESC) AS n
	FROM checkins WHERE action IN ('in', 'out') AND deleted = 0
	AND id NOT IN (SELECT undoes FROM checkins WHERE action = 'undo')
) WHERE n = 1 AND action = 'in'`

// NetworkingParticipants lists who takes part in a speed-networking
// session, by family name, and says which list they came from:
//
//   - the people signed up for the session, when anyone is (the list is
//     known before the session, so the plan can be printed in advance);
//   - else the people checked in now who come as job seekers, mentors or
//     recruiters: nothing else signs people up yet, and those three are
//     who a networking session is for (exhibitor staff are at their
//     booths, organisers and speakers run the day).
//
// checkedInOnly keeps only those checked in now, for a plan made at the
// door without the no-shows. A session that does not exist is ErrNotFound.
func (s *Store) NetworkingParticipants(ctx context.Context, sessionID string, checkedInOnly bool) (people []NetworkingParticipant, signedUp bool, err error) {
	var live, signups int
	row := s.reader.QueryRowxContext(ctx, `SELECT (SELECT count(*) FROM sessions WHERE id = ?1 AND deleted = 0),
		(SELECT count(*) FROM signups u JOIN people p ON p.id = u.person_id AND p.deleted = 0 WHERE u.session_id = ?1 AND u.deleted = 0)`, sessionID)
	if err = row.Scan(&live, &signups); err != nil {
		return nil, false, fmt.Errorf("read the networking session: %w", err)
	}
	if live == 0 {
		return nil, false, fmt.Errorf("read the networking session %s: %w", sessionID, ErrNotFound)
	}
	query := "SELECT " + personColumns + ", coalesce(o.sector, '') AS sector" + personFrom
	var args []any
	if signedUp = signups > 0; signedUp {
		query += " JOIN signups u ON u.person_id = p.id AND u.session_id = ? AND u.deleted = 0 WHERE p.deleted = 0"
		args = append(args, sessionID)
	} else {
		query += " WHERE p.deleted = 0 AND p.id IN (" + checkedInNow + ")"
	}
	if checkedInOnly && signedUp {
		query += " AND p.id IN (" + checkedInNow + ")"
	}
	query += " ORDER BY " + strings.TrimPrefix(peopleOrder, "p.deleted, ")
	var all []NetworkingParticipant
	if err := s.reader.SelectContext(ctx, &all, query, args...); err != nil {
		return nil, false, fmt.Errorf("read who takes part in the networking session: %w", err)
	}
	if signedUp {
		return all, true, nil
	}
	for _, p := range all {
		if p.HasRole(RoleJobSeeker) || p.HasRole(RoleMentor) || p.HasRole(RoleRecruiter) {
			people = append(people, p)
		}
	}
	return people, false, nil
}
