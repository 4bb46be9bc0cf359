package data

import (
	"context"
	"fmt"
	"strings"
)

// ImportTx is one all-or-nothing write of many records, as an import makes:
// everything in it commits together or not at all. It keeps the keys it
// matches on in memory, so that a 100,000-row file costs one lookup each.
type ImportTx struct {
	ctx     context.Context
	w       *writer
	byEmail map[string]string // lower-case e-mail -> person id
	byBadge map[string]string // badge code -> person id
	orgs    map[string]string // lower-case organisation name -> id
	booths  map[string]string // booth code -> booth id
	hosts   hostIndex         // read on the first HostsNamed
}

// ImportTx runs fn in one transaction. If fn returns an error, or ctx is
// cancelled, nothing fn did is kept.
func (s *Store) ImportTx(ctx context.Context, fn func(b *ImportTx) error) error {
	return s.write(ctx, func(w *writer) error {
		b := &ImportTx{ctx: ctx, w: w, byEmail: map[string]string{}, byBadge: map[string]string{}, orgs: map[string]string{}}
		rows, err := w.tx.Query("SELECT id, lower(email), badge_code FROM people WHERE deleted = 0 ORDER BY id DESC")
		if err != nil {
			return fmt.Errorf("read people keys: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, email, badge string
			if err := rows.Scan(&id, &email, &badge); err != nil {
				return fmt.Errorf("read people keys: %w", err)
			}
			if email != "" {
				b.byEmail[email] = id
			}
			if badge != "" {
				b.byBadge[badge] = id
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read people keys: %w", err)
		}
		rows.Close()
		w.badges = b.byBadge
		return fn(b)
	})
}

// Context is the batch's context; long loops check it to stop early.
func (b *ImportTx) Context() context.Context { return b.ctx }

// PersonByKey finds the live person with this e-mail (any case) or, failing
// that, this badge code.
func (b *ImportTx) PersonByKey(email, badge string) (Person, bool, error) {
	id, ok := b.byEmail[strings.ToLower(strings.TrimSpace(email))]
	if !ok || strings.TrimSpace(email) == "" {
		id, ok = b.byBadge[strings.ToUpper(strings.TrimSpace(badge))]
		if !ok || strings.TrimSpace(badge) == "" {
			return Person{}, false, nil
		}
	}
	var p Person
	if err := b.w.tx.Get(&p, peopleTable.selectByID(), id); err != nil {
		return Person{}, false, fmt.Errorf("read person %s: %w", id, err)
	}
	return p, true, nil
}

// SavePerson adds or changes a person. The caller has checked the fields.
func (b *ImportTx) SavePerson(p *Person) error {
	if err := b.w.savePerson(p); err != nil {
		return err
	}
	if p.Email != "" {
		b.byEmail[strings.ToLower(p.Email)] = p.ID
	}
	b.byBadge[p.BadgeCode] = p.ID
	return nil
}

// OrganisationID finds the organisation with this name, or creates it.
// An empty name gives an empty id.
func (b *ImportTx) OrganisationID(name string) (string, error) {
	return b.w.organisationNamed(name, b.orgs)
}

// SaveOrganisation adds or changes an organisation.
func (b *ImportTx) SaveOrganisation(o *Organisation) error {
	if err := b.w.saveOrganisation(o); err != nil {
		return err
	}
	b.orgs[strings.ToLower(strings.TrimSpace(o.Name))] = o.ID
	return nil
}

// Organisation reads one organisation by id.
func (b *ImportTx) Organisation(id string) (Organisation, error) {
	var o Organisation
	err := b.w.tx.Get(&o, organisationsTable.selectByID(), id)
	return o, err
}

// BoothByCode finds a live booth by its code.
func (b *ImportTx) BoothByCode(code string) (Booth, bool, error) {
	var list []Booth
	err := b.w.tx.Select(&list, "SELECT id, "+strings.Join(boothsTable.cols, ", ")+", "+isDeleted+" FROM booths WHERE code = ? AND deleted = 0 ORDER BY id LIMIT 1", strings.TrimSpace(code))
	if err != nil || len(list) == 0 {
		return Booth{}, false, err
	}
	return list[0], true, nil
}

// SaveBooth adds or changes a booth; staff, when not nil, becomes its staff.
func (b *ImportTx) SaveBooth(booth *Booth, staff []string) error {
	if err := b.w.saveBooth(booth); err != nil {
		return err
	}
	if staff == nil {
		return nil
	}
	return b.w.setLinks(boothStaffTable, booth.ID, staff)
}

// SessionMatching finds a live session by id, or else by title and start.
func (b *ImportTx) SessionMatching(id, title string, starts string) (Session, bool, error) {
	var recs []sessionRecord
	err := b.w.tx.Select(&recs, "SELECT id, "+strings.Join(sessionsTable.cols, ", ")+
		", "+isDeleted+" FROM sessions WHERE deleted = 0 AND (id = ? OR (title = ? AND starts_at = ?)) ORDER BY id = ? DESC, id LIMIT 1",
		id, title, starts, id)
	if err != nil || len(recs) == 0 {
		return Session{}, false, err
	}
	return recs[0].session(), true, nil
}

// SaveSession adds or changes a session; speakers, when not nil, become its speakers.
func (b *ImportTx) SaveSession(s *Session, speakers []string) error {
	if err := b.w.saveSession(s); err != nil {
		return err
	}
	if speakers == nil {
		return nil
	}
	return b.w.setLinks(sessionSpeakersTable, s.ID, speakers)
}

// SessionStartText is how a session's start is stored, for SessionMatching.
var SessionStartText = timeText
