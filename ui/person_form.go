package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// personForm adds, edits and deletes one person, beside the people list.
// Problems are shown under the field they concern, in the interface's
// language, keyed by the column names data.FieldErrors uses ("email",
// "badge_code", "given_name" ...).
type personForm struct {
	screenEnv
	store personFormStore

	// onSaved is told about a saved person (added says it is new);
	// onDeleteRequested asks the screen to confirm and delete.
	onSaved           func(p data.Person, added bool)
	onDeleteRequested func(p data.PersonRow)
	// onHistory shows who changed the person's fields (nil: no history).
	onHistory func(p data.PersonRow)

	heading        *widget.Label
	hint           *widget.Label
	given          *widget.Entry
	family         *widget.Entry
	kanji          *widget.Entry
	kana           *widget.Entry
	email          *widget.Entry
	phone          *widget.Entry
	org            *widget.SelectEntry
	jobTitle       *widget.Entry
	roles          map[data.Role]*widget.Check
	programmeRole  *widget.Entry
	hostPrefecture *widget.Entry
	years          *widget.Entry
	yearReturned   *widget.Entry
	interests      *widget.Entry
	industries     *widget.Entry
	badge          *widget.Entry
	consent        *widget.Check
	notes          *widget.Entry
	errors         map[string]*widget.Label // column -> message under the field
	entries        map[string]*widget.Entry // column -> its entry, for the red outline
	status         *widget.Label
	save           *widget.Button
	delete         *widget.Button
	history        *widget.Button
	revert         *widget.Button
	fields         *fyne.Container
	bottomButtons  *fyne.Container
	scroll         *container.Scroll
	content        fyne.CanvasObject

	person data.PersonRow // as loaded; ID "" while adding
	open   bool           // a person is being edited or added
	saving bool

	afterSave func()               // called once the pending save went through
	privacy   personPrivacyButtons // export everything, erase: person_privacy.go
	meetings  *personMeetings      // their meetings and requests: person_meetings.go
	sync      *formSyncNotes       // the record as loaded, and what other laptops changed while the form was open
}

// Columns of data.FieldErrors the form shows a problem for.
const (
	colGiven          = "given_name"
	colFamily         = "family_name"
	colKanji          = "kanji_name"
	colKana           = "kana_name"
	colEmail          = "email"
	colPhone          = "phone"
	colOrg            = "org_id"
	colJobTitle       = "job_title"
	colRoles          = "roles"
	colProgrammeRole  = "programme_role"
	colHostPrefecture = "host_prefecture"
	colYears          = "years"
	colYearReturned   = "year_returned"
	colInterests      = "interests"
	colIndustries     = "industries"
	colBadge          = "badge_code"
	colConsent        = "consent"
	colNotes          = "notes"
)

// personFormStore is what the person form reads and writes.
type personFormStore interface {
	Person(ctx context.Context, id string) (data.PersonRow, error)
	Organisations(ctx context.Context) ([]data.Organisation, error)
	// SavePersonInOrganisation returns data.FieldErrors (column -> problem)
	// for a bad field or an e-mail or badge code someone else has.
	SavePersonInOrganisation(ctx context.Context, p *data.Person, orgName string) error
	// History says who replaced which values: the form names the laptop
	// whose change a sync brought in.
	History(ctx context.Context, tbl, id string) ([]data.Change, error)
	personMeetingsStore
}

func newPersonForm(env screenEnv, store personFormStore, onHistory func(p data.PersonRow)) *personForm {
	f := &personForm{screenEnv: env, store: store, onHistory: onHistory,
		errors: map[string]*widget.Label{}, entries: map[string]*widget.Entry{}, roles: map[data.Role]*widget.Check{}}
	f.buildUI()
	f.clear()
	return f
}

func (f *personForm) entry(col, placeHolder string) *widget.Entry {
	e := &widget.Entry{PlaceHolder: placeHolder, OnSubmitted: func(string) { f.onSave() }, AlwaysShowValidationError: true}
	e.ExtendBaseWidget(e)
	f.entries[col] = e
	return e
}

func (f *personForm) buildUI() {
	f.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	f.hint = &widget.Label{Text: lang.L("Select a person to edit their details, or add someone with + (Ctrl+N)."),
		Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	f.given = f.entry(colGiven, lang.L("e.g. Taro"))
	f.family = f.entry(colFamily, lang.L("e.g. Yamada"))
	f.kanji = f.entry(colKanji, lang.L("e.g. 山田 太郎 (family name first)"))
	f.kana = f.entry(colKana, lang.L("e.g. やまだ たろう"))
	f.email = f.entry(colEmail, lang.L("name@example.com"))
	f.phone = f.entry(colPhone, "")
	f.org = widget.NewSelectEntry(nil)
	f.org.PlaceHolder = lang.L("Choose or type a new one")
	f.org.OnSubmitted = func(string) { f.onSave() }
	f.org.AlwaysShowValidationError = true
	f.entries[colOrg] = &f.org.Entry
	f.jobTitle = f.entry(colJobTitle, "")
	f.programmeRole = f.entry(colProgrammeRole, lang.L("e.g. ALT, CIR"))
	f.hostPrefecture = f.entry(colHostPrefecture, lang.L("e.g. Hokkaido"))
	f.years = f.entry(colYears, lang.L("e.g. 2015–2018"))
	f.yearReturned = f.entry(colYearReturned, lang.L("e.g. 2018"))
	f.interests = f.entry(colInterests, lang.L("separated by ;"))
	f.industries = f.entry(colIndustries, lang.L("separated by ;"))
	f.badge = f.entry(colBadge, lang.L("made up when left empty"))
	f.notes = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, AlwaysShowValidationError: true}
	f.notes.ExtendBaseWidget(f.notes)
	f.notes.SetMinRowsVisible(3)
	f.entries[colNotes] = f.notes
	f.consent = &widget.Check{Text: lang.L("May share with exhibitors")}
	f.consent.ExtendBaseWidget(f.consent)

	// The checks flow into as many columns as fit, so a narrow window
	// still shows the form whole.
	var checks []fyne.CanvasObject
	cell := fyne.NewSize(0, 0)
	for _, r := range data.Roles {
		c := &widget.Check{Text: lang.L(roleLabels[r])}
		c.ExtendBaseWidget(c)
		f.roles[r] = c
		checks = append(checks, c)
		cell = cell.Max(c.MinSize())
	}
	roleChecks := container.NewGridWrap(cell, checks...)

	f.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	// Red says enough: without an icon, the row fits beside the list at 800x600.
	f.delete = &widget.Button{Text: lang.L("Delete"), Importance: widget.DangerImportance, OnTapped: f.onDelete}
	f.history = &widget.Button{Icon: theme.HistoryIcon(), Importance: widget.LowImportance, OnTapped: func() {
		if f.onHistory != nil && f.person.ID != "" {
			f.onHistory(f.person)
		}
	}}
	f.revert = &widget.Button{Text: lang.L("Cancel"), OnTapped: f.onRevert}
	f.status = &widget.Label{Wrapping: fyne.TextWrapWord}

	f.sync = newFormSyncNotes(f.setValue, f.values)
	form := &widget.Form{Orientation: widget.Vertical}
	form.ExtendBaseWidget(form)
	item := func(text, col string, w fyne.CanvasObject) {
		msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
		msg.Hide()
		f.errors[col] = msg
		form.Append(lang.L(text), f.sync.field(col, lang.L(text), w, msg))
	}
	item("Given name", colGiven, f.given)
	item("Family name", colFamily, f.family)
	item("Name in kanji", colKanji, f.kanji)
	item("Kana reading", colKana, f.kana)
	item("E-mail", colEmail, f.email)
	item("Phone", colPhone, f.phone)
	item("Organisation", colOrg, f.org)
	item("Job title", colJobTitle, f.jobTitle)
	item("Roles", colRoles, roleChecks)
	item("Programme role", colProgrammeRole, f.programmeRole)
	item("Host prefecture", colHostPrefecture, f.hostPrefecture)
	item("Years", colYears, f.years)
	item("Year returned", colYearReturned, f.yearReturned)
	item("Interests", colInterests, f.interests)
	item("Industries", colIndustries, f.industries)
	item("Badge code", colBadge, f.badge)
	item("Contact details", colConsent, f.consent)
	item("Notes", colNotes, f.notes)

	f.meetings = newPersonMeetings(f.screenEnv, f.store)
	f.fields = container.NewVBox(f.sync.summary, f.meetings.content, form, f.status, f.buildPrivacyButtons())
	f.meetings.relayout = f.fields.Refresh
	buttons := container.NewHBox(f.save, f.revert, layout.NewSpacer(), f.delete)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, f.history, f.heading), f.hint)
	f.scroll = container.NewVScroll(f.fields)
	f.content = readingBorder(top, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, f.scroll)
	f.bottomButtons = buttons
}

// clear closes the form: nothing is being edited.
func (f *personForm) clear() {
	f.open, f.person = false, data.PersonRow{}
	f.heading.SetText(lang.L("No one selected"))
	f.history.Hide()
	f.hint.Show()
	f.scroll.Hide()
	f.bottomButtons.Hide()
	f.meetings.load(data.PersonRow{})
	f.showPrivacyButtons()
}

// startAdding opens an empty form for a new person.
func (f *personForm) startAdding() {
	f.fill(data.PersonRow{})
	f.heading.SetText(lang.L("New person"))
	f.delete.Hide()
	f.history.Hide()
	f.showPrivacyButtons()
}

// edit opens the form on p.
func (f *personForm) edit(p data.PersonRow) {
	f.fill(p)
	f.heading.SetText(personHeading(p.Person))
	f.delete.Show()
	f.history.Show()
	f.showPrivacyButtons()
}

func (f *personForm) fill(p data.PersonRow) {
	f.open, f.person, f.saving = true, p, false
	f.hint.Hide()
	f.scroll.Show()
	f.scroll.ScrollToTop()
	f.bottomButtons.Show()
	f.save.Enable()
	f.clearProblems()
	f.setStatus(widget.MediumImportance, "")
	f.sync.load(personValues(p))
	f.meetings.load(p)
	f.loadOrganisations()
}

// loadOrganisations offers the existing organisations in the picker.
func (f *personForm) loadOrganisations() {
	ctx := f.ctx
	go func() {
		orgs, err := f.store.Organisations(ctx)
		if err != nil {
			return // the picker stays empty; a name can still be typed
		}
		names := make([]string, 0, len(orgs))
		for _, o := range orgs {
			names = append(names, o.Name)
		}
		f.do(func() { f.org.SetOptions(names) })
	}()
}

// read is the person the form describes, and the problems it can find on
// its own (a year that is not a number).
func (f *personForm) read() (data.Person, fieldProblems) {
	p := f.person.Person
	p.Custom = maps.Clone(p.Custom)
	p.GivenName = strings.TrimSpace(f.given.Text)
	p.FamilyName = strings.TrimSpace(f.family.Text)
	p.KanjiName = strings.TrimSpace(f.kanji.Text)
	p.KanaName = strings.TrimSpace(f.kana.Text)
	p.Email = strings.TrimSpace(f.email.Text)
	p.Phone = strings.TrimSpace(f.phone.Text)
	p.JobTitle = strings.TrimSpace(f.jobTitle.Text)
	var roles []string
	for _, r := range data.Roles {
		if f.roles[r].Checked {
			roles = append(roles, string(r))
		}
	}
	for _, r := range f.person.Roles { // roles this build does not know are kept
		if _, known := roleLabels[data.Role(r)]; !known {
			roles = append(roles, r)
		}
	}
	p.Roles = data.NewSet(roles...)
	p.ProgrammeRole = strings.TrimSpace(f.programmeRole.Text)
	p.HostPrefecture = strings.TrimSpace(f.hostPrefecture.Text)
	p.Years = strings.TrimSpace(f.years.Text)
	p.Interests = data.ParseSet(f.interests.Text)
	p.Industries = data.ParseSet(f.industries.Text)
	p.BadgeCode = strings.ToUpper(strings.TrimSpace(f.badge.Text))
	p.Consent = f.consent.Checked
	p.Notes = strings.TrimSpace(f.notes.Text)
	errs := fieldProblems{}
	p.YearReturned = 0
	if text := strings.TrimSpace(f.yearReturned.Text); text != "" {
		year, err := strconv.Atoi(text)
		if err != nil {
			errs[colYearReturned] = lang.L("Type a year such as 2018.")
		}
		p.YearReturned = year
	}
	errs.addMissing(p.Check())
	return p, errs
}

// onSave (the Save button, or Enter in a field) checks the form and saves
// in the background; problems appear under their fields and nothing is
// saved until they are put right.
func (f *personForm) onSave() {
	if !f.open || f.saving {
		return
	}
	p, errs := f.read()
	orgName := strings.TrimSpace(f.org.Text)
	f.clearProblems()
	if len(errs) > 0 {
		f.afterSave = nil
		f.showProblems(errs)
		return
	}
	if f.sync.undecided() {
		f.afterSave = nil
		f.setStatus(widget.DangerImportance, lang.L("Not saved: another laptop changed a field you changed too. Choose which value to keep, then save."))
		return
	}
	f.saving = true
	f.save.Disable()
	f.setStatus(widget.LowImportance, lang.L("Saving…"))
	added := p.ID == ""
	ctx := f.ctx
	go func() {
		err := f.store.SavePersonInOrganisation(ctx, &p, orgName)
		var row data.PersonRow
		if err == nil {
			row, err = f.store.Person(ctx, p.ID)
		}
		f.do(func() { f.onSaveDone(row, added, err) })
	}()
}

func (f *personForm) onSaveDone(p data.PersonRow, added bool, err error) {
	f.saving = false
	f.save.Enable()
	var fieldErrs data.FieldErrors
	then := f.afterSave
	f.afterSave = nil
	switch {
	case errors.As(err, &fieldErrs):
		f.showProblems(translate(fieldErrs))
		return
	case errors.Is(err, context.Canceled):
		return
	case err != nil:
		f.setStatus(widget.DangerImportance, fmt.Sprintf(lang.L("Not saved: %v. The form keeps what you typed; try again."), err))
		return
	}
	f.edit(p)
	if then != nil {
		defer then()
	}
	f.setStatus(widget.SuccessImportance, lang.L("Saved."))
	if f.onSaved != nil {
		f.onSaved(p.Person, added)
	}
}

func (f *personForm) onRevert() {
	if f.person.ID == "" {
		f.clear()
		return
	}
	f.edit(f.person)
}

func (f *personForm) onDelete() {
	if f.open && f.person.ID != "" && f.onDeleteRequested != nil {
		f.onDeleteRequested(f.person)
	}
}

// showProblems puts each message under its field; a problem with a field
// the form does not show goes to the status line, so none is lost.
func (f *personForm) showProblems(errs fieldProblems) {
	var others []string
	for _, col := range slices.Sorted(maps.Keys(errs)) {
		msg := sentence(capitalise(errs[col]))
		label, ok := f.errors[col]
		if !ok {
			others = append(others, col+": "+msg)
			continue
		}
		label.SetText(msg)
		label.Show()
		if e, ok := f.entries[col]; ok {
			e.SetValidationError(errors.New(msg))
		}
	}
	text := lang.L("Not saved: put right what is marked, then save again.")
	if len(others) > 0 {
		text += " " + strings.Join(others, " ")
	}
	f.setStatus(widget.DangerImportance, text)
}

func (f *personForm) clearProblems() {
	for col, label := range f.errors {
		label.SetText("")
		label.Hide()
		if e, ok := f.entries[col]; ok {
			e.SetValidationError(nil)
		}
	}
}

func (f *personForm) setStatus(importance widget.Importance, text string) {
	f.status.Importance = importance
	f.status.SetText(text)
	if text == "" {
		f.status.Hide()
	} else {
		f.status.Show()
	}
}

// problemAt is the message shown under a field, "" when none.
func (f *personForm) problemAt(col string) string {
	if l, ok := f.errors[col]; ok && l.Visible() {
		return l.Text
	}
	return ""
}
