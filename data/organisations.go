package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ParseOrgKind reads a kind from its code or from the words people use for it.
func ParseOrgKind(text string) (OrgKind, bool) {
	t := strings.ToLower(strings.NewReplacer("-", " ", "_", " ").Replace(strings.TrimSpace(text)))
	switch t {
	case "japanese company", "japanese", "jp", "日系企業", "日本企業":
		return OrgJapaneseCompany, true
	case "non japanese company", "non japanese", "international", "foreign", "外資系企業", "外資系":
		return OrgNonJapaneseCompany, true
	case "public sector", "public", "government", "公的機関", "官公庁":
		return OrgPublicSector, true
	case "startup", "start up", "スタートアップ":
		return OrgStartup, true
	case "other", "", "その他":
		return OrgOther, true
	}
	return OrgOther, false
}

// SaveOrganisation adds (empty ID) or changes an organisation.
func (s *Store) SaveOrganisation(ctx context.Context, o *Organisation) error {
	if strings.TrimSpace(o.Name) == "" {
		return FieldErrors{"name": problem(ProblemOrganisationNameNeeded)}
	}
	return s.write(ctx, func(w *writer) error { return w.saveOrganisation(o) })
}

func (w *writer) saveOrganisation(o *Organisation) error {
	if o.Kind == "" {
		o.Kind = OrgOther
	}
	if o.ID == "" {
		o.ID = NewID()
		return w.insert(organisationsTable, o.ID, o.values())
	}
	var old Organisation
	if err := w.get(&old, organisationsTable.selectByID(), o.ID); errors.Is(err, sql.ErrNoRows) {
		return w.insert(organisationsTable, o.ID, o.values())
	} else if err != nil {
		return fmt.Errorf("read organisation %s: %w", o.ID, err)
	}
	_, err := w.update(organisationsTable, o.ID, old.values(), o.values())
	return err
}

// organisationNamed finds a live organisation by name, any case, or makes
// one, so that imports link people and booths to one organisation per name.
func (w *writer) organisationNamed(name string, cache map[string]string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	key := strings.ToLower(name)
	if id, ok := cache[key]; ok {
		return id, nil
	}
	var id string
	err := w.tx.Get(&id, "SELECT id FROM organisations WHERE lower(name) = ? AND deleted = 0 ORDER BY id LIMIT 1", key)
	if errors.Is(err, sql.ErrNoRows) {
		o := Organisation{Name: name}
		if err := w.saveOrganisation(&o); err != nil {
			return "", err
		}
		id = o.ID
	} else if err != nil {
		return "", fmt.Errorf("find organisation %q: %w", name, err)
	}
	cache[key] = id
	return id, nil
}

// DeleteOrganisation tombstones an organisation. People and booths keep
// their link, shown as no organisation until it is restored.
func (s *Store) DeleteOrganisation(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error { return w.setDeleted(organisationsTable, id, true) })
}

// Organisations lists the live organisations by name.
func (s *Store) Organisations(ctx context.Context) ([]Organisation, error) {
	var list []Organisation
	err := s.reader.SelectContext(ctx, &list, "SELECT id, "+strings.Join(organisationsTable.cols, ", ")+
		", "+isDeleted+" FROM organisations WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id")
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	return list, nil
}
