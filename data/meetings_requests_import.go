package data

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// hostIndex finds a host by what a registration form calls them: a
// booth's code, name or organisation, a mentor's or recruiter's name
// (either order, or in kanji) or e-mail. One text may fit several hosts
// (two mentors of one name); the caller says so rather than guess.
type hostIndex map[string][]Host

// hostText is a name as the index keys it: NFKC (full-width letters are
// ASCII), lower case, single spaces.
func hostText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFKC.String(s))), " ")
}

func (x hostIndex) add(h Host, names ...string) {
	for _, n := range names {
		key := hostText(n)
		if key == "" {
			continue
		}
		if !slices.Contains(x[key], h) {
			x[key] = append(x[key], h)
		}
	}
}

// readHostIndex reads every live booth and every live mentor and recruiter.
func (w *writer) readHostIndex() (hostIndex, error) {
	x := hostIndex{}
	var booths []struct {
		ID, Code, Name, Org string
	}
	if err := w.tx.Select(&booths, `SELECT b.id AS id, b.code AS code, b.name AS name, COALESCE(o.name, '') AS org
		FROM booths b LEFT JOIN organisations o ON o.id = b.org_id AND o.deleted = 0 WHERE b.deleted = 0 ORDER BY b.id`); err != nil {
		return nil, fmt.Errorf("read booths: %w", err)
	}
	for _, b := range booths {
		x.add(BoothHost(b.ID), b.Code, b.Name, b.Org)
	}
	var people []Person
	if err := w.tx.Select(&people, "SELECT id, given_name, family_name, kanji_name, email, roles FROM people WHERE deleted = 0 ORDER BY id"); err != nil {
		return nil, fmt.Errorf("read hosts: %w", err)
	}
	for _, p := range people {
		if !p.HasRole(RoleMentor) && !p.HasRole(RoleRecruiter) {
			continue
		}
		x.add(PersonHost(p.ID), p.Email, p.GivenName+" "+p.FamilyName, p.FamilyName+" "+p.GivenName,
			p.KanjiName, strings.ReplaceAll(p.KanjiName, " ", ""), strings.ReplaceAll(p.KanjiName, "　", ""))
	}
	return x, nil
}

// HostsNamed lists the hosts a text from a file names: none, one, or
// several that share the name.
func (b *ImportTx) HostsNamed(text string) ([]Host, error) {
	if b.hosts == nil {
		x, err := b.w.readHostIndex()
		if err != nil {
			return nil, err
		}
		b.hosts = x
	}
	return b.hosts[hostText(text)], nil
}

// RequestsSaved counts what SetImportedRequests changed: requests
// added, re-ranked or otherwise changed, and left as they were.
type RequestsSaved struct{ Added, Changed, Unchanged int }

// SetImportedRequests records a job seeker's wishes to meet hosts, read
// from a file, first choice first: they become the seeker's choices 1, 2,
// 3…, and the seeker's other requests follow them in their order, so that
// no two share a rank. A file imported twice changes nothing the second
// time.
func (b *ImportTx) SetImportedRequests(seekerID string, hosts []Host) (RequestsSaved, error) {
	var saved RequestsSaved
	var others []MeetingRequest
	if err := b.w.tx.Select(&others, "SELECT "+meetingRequestsTable.selectList()+", "+isDeleted+
		" FROM meeting_requests WHERE person_id = ? AND deleted = 0 ORDER BY rank, id", seekerID); err != nil {
		return saved, fmt.Errorf("read requests of %s: %w", seekerID, err)
	}
	list := make([]MeetingRequest, 0, len(hosts)+len(others))
	for _, h := range hosts {
		list = append(list, MeetingRequest{Host: h, PersonID: seekerID, Source: SourceImport})
	}
	for _, o := range others {
		if !slices.Contains(hosts, o.Host) {
			list = append(list, o)
		}
	}
	for i := range list {
		r := &list[i]
		r.Rank = i + 1
		if bad := checkRequest(r); bad != nil {
			return saved, bad
		}
		old, err := b.w.saveMeetingRequest(r)
		switch {
		case err != nil:
			return saved, err
		case old.ID == "":
			saved.Added++
		case old.Rank == r.Rank && old.Source == r.Source && !old.Deleted:
			saved.Unchanged++
		default:
			saved.Changed++
		}
	}
	return saved, nil
}
