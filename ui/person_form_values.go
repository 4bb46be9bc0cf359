package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// The person form as column -> shown text: what tells the user's changes
// from what was loaded, and from what another laptop saved meanwhile.

const checkedValue = "yes"

// personValues is p as the form shows it.
func personValues(p data.PersonRow) map[string]string {
	year := ""
	if p.YearReturned != 0 {
		year = strconv.Itoa(p.YearReturned)
	}
	consent := ""
	if p.Consent {
		consent = checkedValue
	}
	var roles []string
	for _, r := range data.Roles {
		if p.HasRole(r) {
			roles = append(roles, string(r))
		}
	}
	return map[string]string{
		colGiven: p.GivenName, colFamily: p.FamilyName, colKanji: p.KanjiName, colKana: p.KanaName,
		colEmail: p.Email, colPhone: p.Phone, colOrg: p.OrgName, colJobTitle: p.JobTitle,
		colRoles: strings.Join(roles, ";"), colProgrammeRole: p.ProgrammeRole, colHostPrefecture: p.HostPrefecture,
		colYears: p.Years, colYearReturned: year, colInterests: p.Interests.String(), colIndustries: p.Industries.String(),
		colBadge: p.BadgeCode, colConsent: consent, colNotes: p.Notes,
	}
}

// values is what the form shows now, column by column.
func (f *personForm) values() map[string]string {
	v := map[string]string{}
	for col, e := range f.entries {
		v[col] = e.Text
	}
	var roles []string
	for _, r := range data.Roles {
		if f.roles[r].Checked {
			roles = append(roles, string(r))
		}
	}
	v[colRoles] = strings.Join(roles, ";")
	v[colConsent] = ""
	if f.consent.Checked {
		v[colConsent] = checkedValue
	}
	return v
}

// setValue puts value, as personValues writes it, into col's field.
func (f *personForm) setValue(col, value string) {
	switch col {
	case colRoles:
		on := map[string]bool{}
		for _, r := range strings.Split(value, ";") {
			on[r] = true
		}
		for r, c := range f.roles {
			c.SetChecked(on[string(r)])
		}
	case colConsent:
		f.consent.SetChecked(value == checkedValue)
	default:
		if e, ok := f.entries[col]; ok {
			e.SetText(value)
		}
	}
}

// unsaved says whether the form shows changes that are not stored.
func (f *personForm) unsaved() bool {
	return f.open && f.sync.changed()
}

func (f *personForm) saveThen(then func()) {
	f.afterSave = then
	f.onSave()
}

func (f *personForm) discard() { f.onRevert() }

// onSynced reads the open person again after a sync brought other
// laptops' changes, and merges them into the form.
func (f *personForm) onSynced() {
	if !f.open || f.person.ID == "" || f.saving {
		return
	}
	id := f.person.ID
	rereadAfterSync(f.screenEnv, func(ctx context.Context) (data.PersonRow, error) { return f.store.Person(ctx, id) },
		func(ctx context.Context) ([]data.Change, error) { return f.store.History(ctx, "people", id) },
		func(p data.PersonRow, history []data.Change, err error) { f.mergeStored(id, p, history, err) })
}

// mergeStored merges p, the person id as read after a sync, unless the
// form moved on meanwhile.
func (f *personForm) mergeStored(id string, p data.PersonRow, history []data.Change, err error) {
	if !f.open || f.person.ID != id || f.saving {
		return
	}
	if errors.Is(err, data.ErrNotFound) {
		f.setStatus(widget.WarningImportance, lang.L("Another laptop deleted this person. Saving adds them back."))
		return
	}
	if err != nil {
		return // the next sync tries again
	}
	f.person = p
	f.heading.SetText(personHeading(p.Person))
	f.sync.merge(personValues(p), history)
}
