package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// The booth form as column -> shown text, so that a sync bringing another
// laptop's change to the open booth merges it as the person form does
// (formSyncNotes).

// boothValues is b as the form shows it: the organisation by the name the
// picker shows, the staff by their ids.
func (f *boothForm) boothValues(b data.BoothRow) map[string]string {
	org := f.org.Options[0] // no organisation
	for i, o := range f.screen.orgRows {
		if o.ID == b.OrgID {
			org = f.org.Options[i+1]
		}
	}
	if b.OrgID != "" && org == f.org.Options[0] && b.OrgName != "" {
		org = b.OrgName // an organisation this form does not offer yet
	}
	return map[string]string{"code": b.Code, "name": b.Name, "org_id": org, "location": b.Location, "link": b.Link, "staff": idList(b.Staff)}
}

func (f *boothForm) values() map[string]string {
	return map[string]string{"code": f.code.Text, "name": f.name.Text, "org_id": f.org.Selected,
		"location": f.location.Text, "link": f.link.Text, "staff": idList(f.staff.ids())}
}

func (f *boothForm) setValue(col, value string) {
	switch col {
	case "code":
		f.code.SetText(value)
	case "name":
		f.name.SetText(value)
	case "org_id":
		f.org.SetSelected(value)
	case "location":
		f.location.SetText(value)
	case "link":
		f.link.SetText(value)
	case "staff":
		f.staff.setPicked(f.known.people(value))
	}
}

// describe quotes the staff by name rather than by id.
func (f *boothForm) describe(col, value string) string {
	if col == "staff" {
		return f.known.names(value)
	}
	return value
}

// storedBooth is a booth as read after a sync, with its staff.
type storedBooth struct {
	row   data.BoothRow
	staff []data.Person
}

// onSynced reads the open booth again after a sync brought other
// laptops' changes, and merges them into the form.
func (f *boothForm) onSynced() {
	id := f.editing.ID
	if id == "" || !f.dlg.isOpen() || f.saving {
		return
	}
	s := f.screen
	rereadAfterSync(s.screenEnv, func(ctx context.Context) (storedBooth, error) {
		all, err := s.store.Booths(ctx)
		if err != nil {
			return storedBooth{}, err
		}
		i := slices.IndexFunc(all, func(r data.BoothRow) bool { return r.ID == id })
		if i < 0 {
			return storedBooth{}, data.ErrNotFound
		}
		b := storedBooth{row: all[i]}
		for _, pid := range b.row.Staff {
			if p, err := s.store.Person(ctx, pid); err == nil {
				b.staff = append(b.staff, p.Person)
			}
		}
		return b, nil
	}, func(ctx context.Context) ([]data.Change, error) { return s.store.History(ctx, "booths", id) },
		func(b storedBooth, history []data.Change, err error) {
			if !f.dlg.isOpen() || f.editing.ID != id || f.saving {
				return
			}
			if err != nil {
				if err == data.ErrNotFound {
					f.dlg.refuse(lang.L("Another laptop deleted this booth. Saving adds it back."))
				}
				return // otherwise the next sync tries again
			}
			f.known.add(b.staff...)
			f.editing = b.row
			f.sync.merge(f.boothValues(b.row), history)
		})
}
