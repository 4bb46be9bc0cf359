package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SavePersonInOrganisation saves p as SavePerson does, linked to the live
// organisation named orgName (any case), which is made (kind other) when
// there is none; an empty name leaves p with no organisation. A person
// already linked to an organisation of that name keeps that link, even when
// another organisation has the same name. Everything is one transaction, so
// a person refused for a duplicate e-mail leaves no new organisation behind.
func (s *Store) SavePersonInOrganisation(ctx context.Context, p *Person, orgName string) error {
	if errs := p.Check(); len(errs) > 0 {
		return errs
	}
	if errs := s.duplicates(ctx, p); len(errs) > 0 {
		return errs
	}
	orgName = strings.TrimSpace(orgName)
	return s.write(ctx, func(w *writer) error {
		if orgName == "" {
			p.OrgID = ""
			return w.savePerson(p)
		}
		if p.OrgID != "" {
			var name string
			err := w.tx.Get(&name, "SELECT name FROM organisations WHERE id = ? AND deleted = 0", p.OrgID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("read organisation %s: %w", p.OrgID, err)
			}
			if err == nil && strings.EqualFold(strings.TrimSpace(name), orgName) {
				return w.savePerson(p)
			}
		}
		id, err := w.organisationNamed(orgName, map[string]string{})
		if err != nil {
			return err
		}
		p.OrgID = id
		return w.savePerson(p)
	})
}
