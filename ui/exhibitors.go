package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// exhibitorsScreen has two tabs: the booths, by code, with their
// organisation, location and staff; and the organisations with their kind
// and sector. A row opens its form.
type exhibitorsScreen struct {
	exhibitorsDeps

	summary  *widget.Label
	tabs     *container.AppTabs
	addBooth *widget.Button
	addOrg   *widget.Button
	booths   *widget.List
	orgs     *widget.List
	content  fyne.CanvasObject

	boothRows []data.BoothRow
	orgRows   []data.Organisation
	staff     map[string]data.Person // booth staff by ID
	boothsOf  map[string]int         // organisation ID -> booths

	boothForm *boothForm
	orgForm   *organisationForm
	confirm   *removeConfirm
	imports   *attendanceImport
}

// exhibitorsStore is what the booths and organisations tabs and their
// forms read and write.
type exhibitorsStore interface {
	personSearcher // the booth staff
	Person(ctx context.Context, id string) (data.PersonRow, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
	SaveBooth(ctx context.Context, b *data.Booth, staffIDs []string) error
	DeleteBooth(ctx context.Context, id string) error
	Organisations(ctx context.Context) ([]data.Organisation, error)
	SaveOrganisation(ctx context.Context, o *data.Organisation) error
	DeleteOrganisation(ctx context.Context, id string) error
	// History names the laptop whose change to an open booth a sync
	// brought in.
	History(ctx context.Context, tbl, id string) ([]data.Change, error)
	attendanceImportStore // a booth's online room: a video platform's attendance report as visits
}

type exhibitorsDeps struct {
	screenEnv
	store exhibitorsStore
	// visits is the organisers' table of booth visits, a third tab; nil
	// leaves it out.
	visits *boothStatsScreen
	// prefs keeps the hosts this laptop follows, offered on a booth's
	// form; nil offers no following.
	prefs fyne.Preferences
}

func newExhibitorsScreen(d exhibitorsDeps) *exhibitorsScreen {
	s := &exhibitorsScreen{exhibitorsDeps: d}
	s.buildUI()
	return s
}

func (s *exhibitorsScreen) buildUI() {
	s.summary = &widget.Label{Text: lang.L("Reading the booths…"), Wrapping: fyne.TextWrapWord}
	s.addBooth = &widget.Button{Text: lang.L("Add booth"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.onAddBooth}
	s.addOrg = &widget.Button{Text: lang.L("Add organisation"), Icon: theme.ContentAddIcon(), OnTapped: s.onAddOrganisation}
	s.booths = &widget.List{
		Length:     func() int { return len(s.boothRows) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, item fyne.CanvasObject) {
			b := s.boothRows[id]
			item.(*twoLineRow).set(joinNonEmpty("  ", b.Code, b.Name), s.boothDetails(b))
		},
		OnSelected: func(id widget.ListItemID) {
			s.booths.UnselectAll()
			if id >= 0 && id < len(s.boothRows) {
				s.openBooth(s.boothRows[id])
			}
		},
	}
	s.booths.ExtendBaseWidget(s.booths)
	s.orgs = &widget.List{
		Length:     func() int { return len(s.orgRows) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, item fyne.CanvasObject) {
			o := s.orgRows[id]
			item.(*twoLineRow).set(o.Name, s.organisationDetails(o))
		},
		OnSelected: func(id widget.ListItemID) {
			s.orgs.UnselectAll()
			if id >= 0 && id < len(s.orgRows) {
				s.openOrganisation(s.orgRows[id])
			}
		},
	}
	s.orgs.ExtendBaseWidget(s.orgs)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Booths"), s.booths),
		container.NewTabItem(lang.L("Organisations"), s.orgs),
	)
	if s.visits != nil {
		s.tabs.Append(container.NewTabItem(lang.L("Visits"), s.visits.content))
		s.tabs.OnSelected = func(t *container.TabItem) {
			if t.Content == s.visits.content {
				s.visits.refresh()
			}
		}
	}
	top := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(s.addOrg, s.addBooth)), s.summary)
	s.content = readingBorder(top, nil, nil, nil, s.tabs)
}

func (s *exhibitorsScreen) boothDetails(b data.BoothRow) string {
	org := b.OrgName
	if org == b.Name {
		org = "" // already the booth's name
	}
	kind := ""
	for _, o := range s.orgRows {
		if o.ID == b.OrgID && b.OrgID != "" {
			kind = lang.L(label(orgKindLabels, o.Kind))
		}
	}
	return joinNonEmpty(" · ", org, kind, b.Location, linkHost(b.Link), s.staffNames(b.Staff))
}

// staffNames lists a booth's staff, or says it has none.
func (s *exhibitorsScreen) staffNames(ids []string) string {
	if len(ids) == 0 {
		return lang.L("no staff yet")
	}
	var names []string
	for _, id := range ids {
		if p, ok := s.staff[id]; ok {
			names = append(names, p.DisplayName())
		}
	}
	return lang.L("Staff:") + " " + strings.Join(names, ", ")
}

func (s *exhibitorsScreen) organisationDetails(o data.Organisation) string {
	booths := ""
	if n := s.boothsOf[o.ID]; n > 0 {
		booths = countOf(n, lang.L("booth"), lang.L("booths"))
	}
	return joinNonEmpty(" · ", lang.L(label(orgKindLabels, o.Kind)), o.Sector, booths)
}

type exhibitorsFacts struct {
	booths []data.BoothRow
	orgs   []data.Organisation
	staff  map[string]data.Person
}

func (s *exhibitorsScreen) refresh() {
	ctx := s.ctx
	st := s.store
	go func() {
		var f exhibitorsFacts
		var err error
		f.booths, err = s.store.Booths(ctx)
		if err == nil {
			f.orgs, err = st.Organisations(ctx)
		}
		f.staff = map[string]data.Person{}
		for _, b := range f.booths {
			for _, id := range b.Staff {
				if _, done := f.staff[id]; done || err != nil {
					continue
				}
				var p data.PersonRow
				if p, err = st.Person(ctx, id); err == nil {
					f.staff[id] = p.Person
				}
			}
		}
		s.do(func() { s.show(f, err) })
	}()
}

func (s *exhibitorsScreen) show(f exhibitorsFacts, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.summary.SetText(fmt.Sprintf(lang.L("Could not read the booths (%v). Restart Fairdesk and try again."), err))
		}
		return
	}
	s.boothRows, s.orgRows, s.staff = f.booths, f.orgs, f.staff
	s.boothsOf = map[string]int{}
	staffed := 0
	for _, b := range f.booths {
		s.boothsOf[b.OrgID]++
		if len(b.Staff) > 0 {
			staffed++
		}
	}
	s.summary.SetText(fmt.Sprintf(lang.L("%s (%d with staff), %s. Click a row to edit it."),
		countOf(len(f.booths), lang.L("booth"), lang.L("booths")), staffed,
		countOf(len(f.orgs), lang.L("organisation"), lang.L("organisations"))))
	s.booths.Refresh()
	s.orgs.Refresh()
}

// onAdd adds a record on the tab shown (Ctrl/Cmd+N on this screen).
func (s *exhibitorsScreen) onAdd() {
	if s.tabs.SelectedIndex() == 1 {
		s.onAddOrganisation()
	} else {
		s.onAddBooth()
	}
}

func (s *exhibitorsScreen) onAddBooth() {
	s.tabs.SelectIndex(0)
	s.openBooth(data.BoothRow{})
}

func (s *exhibitorsScreen) onAddOrganisation() {
	s.tabs.SelectIndex(1)
	s.openOrganisation(data.Organisation{Kind: data.OrgJapaneseCompany})
}

// saved refreshes after a write, or says what went wrong.
func (s *exhibitorsScreen) afterWrite(what string, err error) {
	if err != nil {
		s.summary.SetText(fmt.Sprintf(lang.L("Could not %s (%v). Try again."), what, err))
		return
	}
	s.refresh()
}

// boothForm adds or edits a booth and its staff.
type boothForm struct {
	screen   *exhibitorsScreen
	editing  data.BoothRow
	code     *fieldEntry
	name     *fieldEntry
	org      *widget.Select
	location *fieldEntry
	link     *fieldEntry
	staff    *personPicker
	follow   *widget.Check // this laptop's reminders of the booth's meetings; nil while adding
	dlg      *recordDialog

	sync   *formSyncNotes // the booth as loaded, and what other laptops changed while the form was open
	known  knownPeople    // the staff seen, by id, to put a synced list of them back into the picker
	saving bool
}

func (s *exhibitorsScreen) openBooth(b data.BoothRow) {
	st := s.store
	f := &boothForm{screen: s, editing: b, known: knownPeople{}}
	s.boothForm = f
	entry := func(text, placeHolder string) *fieldEntry {
		e := &fieldEntry{Entry: widget.Entry{Text: text, PlaceHolder: placeHolder, OnSubmitted: func(string) { s.saveBooth(f) }}}
		e.ExtendBaseWidget(e)
		return e
	}
	f.code = entry(b.Code, lang.L("e.g. A12"))
	f.name = entry(b.Name, lang.L("the organisation's name when empty"))
	names := []string{lang.L("No organisation")}
	for _, o := range s.orgRows {
		names = append(names, o.Name)
	}
	f.org = widget.NewSelect(names, nil)
	f.org.SetSelectedIndex(0)
	for i, o := range s.orgRows {
		if o.ID == b.OrgID {
			f.org.SetSelectedIndex(i + 1)
		}
	}
	f.location = entry(b.Location, lang.L("e.g. Hall A, or the virtual area"))
	f.link = entry(b.Link, lang.L("https://… (Zoom, Teams or Meet)"))
	var staff []data.Person
	for _, id := range b.Staff {
		if p, ok := s.staff[id]; ok {
			staff = append(staff, p)
		}
	}
	f.staff = newPersonPicker(s.screenEnv, s.store, staff)
	f.known.add(staff...)
	f.sync = newFormSyncNotes(f.setValue, f.values)
	f.sync.describe = f.describe
	items := map[string]*widget.FormItem{
		"code":     f.sync.formItem("code", lang.L("Code"), f.code),
		"name":     f.sync.formItem("name", lang.L("Name"), f.name),
		"org_id":   f.sync.formItem("org_id", lang.L("Organisation"), f.org),
		"location": f.sync.formItem("location", lang.L("Location or virtual area"), f.location),
		"link":     f.sync.formItem("link", lang.L("Online link"), f.link),
		"staff":    f.sync.formItem("staff", lang.L("Staff"), f.staff.content),
	}
	form := &widget.Form{}
	form.ExtendBaseWidget(form)
	for _, key := range []string{"code", "name", "org_id", "location", "link", "staff"} {
		form.AppendItem(items[key])
	}
	f.sync.load(f.boothValues(b))
	title, saveText := lang.L("Add a booth"), lang.L("Add booth")
	var onDelete func()
	if b.ID != "" {
		title, saveText = lang.L("Edit booth"), lang.L("Save")
		onDelete = func() {
			message := fmt.Sprintf(lang.L("Booth %s (%s) is removed, with its staff list. The people stay registered."), b.Code, joinNonEmpty("", b.Name, b.OrgName))
			s.confirm = newRemoveConfirm(dialogWindowFor(s.content), lang.L("Delete this booth?"), message, lang.L("Delete booth"), func() {
				f.dlg.hide()
				ctx := s.ctx
				go func() {
					err := st.DeleteBooth(ctx, b.ID)
					s.do(func() { s.afterWrite(lang.L("delete the booth"), err) })
				}()
			})
		}
	}
	var below fyne.CanvasObject = f.sync.summary
	if b.ID != "" {
		box := container.NewVBox(f.sync.summary, container.NewHBox(s.importVisitsButton(b)))
		if s.prefs != nil {
			f.follow = newFollowBoothCheck(s.prefs, b.ID)
			box.Add(f.follow)
		}
		below = box
	}
	f.dlg = newRecordDialog(s.dialogs, dialogWindowFor(s.content), title, saveText, form, below, items, func() { s.saveBooth(f) }, onDelete)
	f.dlg.show()
}

// importVisitsButton imports a Zoom or Teams attendance report of the
// booth's online meeting room as visits to the booth.
func (s *exhibitorsScreen) importVisitsButton(b data.BoothRow) *widget.Button {
	return &widget.Button{Text: lang.L("Import attendance…"), Icon: theme.UploadIcon(), OnTapped: func() {
		s.imports = newAttendanceImport(s.screenEnv, s.store, dialogWindowFor(s.content), data.AttendanceTarget{BoothID: b.ID},
			joinNonEmpty(" ", b.Code, b.Name), s.afterVisitsImport)
		s.imports.pick()
	}}
}

func (s *exhibitorsScreen) afterVisitsImport() {
	if s.visits != nil {
		s.visits.refresh()
	}
}

func (s *exhibitorsScreen) saveBooth(f *boothForm) {
	st := s.store
	b := f.editing.Booth
	b.Code = strings.ToUpper(strings.TrimSpace(f.code.Text))
	b.Name = strings.TrimSpace(f.name.Text)
	b.OrgID = ""
	if i := f.org.SelectedIndex(); i > 0 && i <= len(s.orgRows) {
		b.OrgID = s.orgRows[i-1].ID
		if b.Name == "" {
			b.Name = s.orgRows[i-1].Name
		}
	}
	b.Location = strings.TrimSpace(f.location.Text)
	b.Link = strings.TrimSpace(f.link.Text)
	if f.sync.undecided() {
		f.dlg.refuse(lang.L("Not saved: another laptop changed a field you changed too. Choose which value to keep, then save."))
		return
	}
	f.saving = true
	f.dlg.save.Disable()
	ctx, staff := s.ctx, f.staff.ids()
	go func() {
		err := st.SaveBooth(ctx, &b, staff)
		s.do(func() {
			f.saving = false
			if err != nil {
				f.dlg.showError(err)
				return
			}
			f.editing.Booth = b
			f.dlg.hide()
			s.refresh()
		})
	}()
}

// organisationForm adds or edits an organisation.
type organisationForm struct {
	editing     data.Organisation
	name        *fieldEntry
	kind        *widget.Select
	sector      *fieldEntry
	website     *fieldEntry
	description *fieldEntry
	dlg         *recordDialog
}

func (s *exhibitorsScreen) openOrganisation(o data.Organisation) {
	st := s.store
	f := &organisationForm{editing: o}
	s.orgForm = f
	entry := func(text, placeHolder string) *fieldEntry {
		e := &fieldEntry{Entry: widget.Entry{Text: text, PlaceHolder: placeHolder, OnSubmitted: func(string) { s.saveOrganisation(f) }}}
		e.ExtendBaseWidget(e)
		return e
	}
	f.name = entry(o.Name, lang.L("e.g. Tanaka Trading"))
	var kinds []string
	for _, k := range data.OrgKinds {
		kinds = append(kinds, lang.L(orgKindLabels[k]))
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.SetSelected(lang.L(label(orgKindLabels, o.Kind)))
	f.sector = entry(o.Sector, lang.L("e.g. Finance, Education, Government"))
	f.website = entry(o.Website, "https://…")
	f.description = &fieldEntry{Entry: widget.Entry{Text: o.Description, MultiLine: true, Wrapping: fyne.TextWrapWord}}
	f.description.ExtendBaseWidget(f.description)
	f.description.SetMinRowsVisible(3)
	items := map[string]*widget.FormItem{
		"name":        {Text: lang.L("Name"), Widget: f.name},
		"kind":        {Text: lang.L("Kind"), Widget: f.kind},
		"sector":      {Text: lang.L("Sector"), Widget: f.sector},
		"website":     {Text: lang.L("Website"), Widget: f.website},
		"description": {Text: lang.L("Description"), Widget: f.description},
	}
	form := &widget.Form{}
	form.ExtendBaseWidget(form)
	for _, key := range []string{"name", "kind", "sector", "website", "description"} {
		form.AppendItem(items[key])
	}
	title, saveText := lang.L("Add an organisation"), lang.L("Add organisation")
	var onDelete func()
	if o.ID != "" {
		title, saveText = lang.L("Edit organisation"), lang.L("Save")
		onDelete = func() {
			message := fmt.Sprintf(lang.L("%s is removed. Its people and booths stay, shown without an organisation."), o.Name)
			s.confirm = newRemoveConfirm(dialogWindowFor(s.content), lang.L("Delete this organisation?"), message, lang.L("Delete organisation"), func() {
				f.dlg.hide()
				ctx := s.ctx
				go func() {
					err := st.DeleteOrganisation(ctx, o.ID)
					s.do(func() { s.afterWrite(lang.L("delete the organisation"), err) })
				}()
			})
		}
	}
	f.dlg = newRecordDialog(s.dialogs, dialogWindowFor(s.content), title, saveText, form, nil, items, func() { s.saveOrganisation(f) }, onDelete)
	f.dlg.show()
}

func (s *exhibitorsScreen) saveOrganisation(f *organisationForm) {
	st := s.store
	o := f.editing
	o.Name = strings.TrimSpace(f.name.Text)
	if i := f.kind.SelectedIndex(); i >= 0 {
		o.Kind = data.OrgKinds[i]
	}
	o.Sector = strings.TrimSpace(f.sector.Text)
	o.Website = strings.TrimSpace(f.website.Text)
	o.Description = strings.TrimSpace(f.description.Text)
	f.dlg.save.Disable()
	ctx := s.ctx
	go func() {
		err := st.SaveOrganisation(ctx, &o)
		s.do(func() {
			if err != nil {
				f.dlg.showError(err)
				return
			}
			f.editing = o
			f.dlg.hide()
			s.refresh()
		})
	}()
}

// twoLineRow is a list row with a bold first line and a quieter second.
type twoLineRow struct {
	widget.BaseWidget
	first, second *widget.Label
}

func newTwoLineRow() *twoLineRow {
	r := &twoLineRow{
		first:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		second: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *twoLineRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(tightVBox(), r.first, r.second))
}

func (r *twoLineRow) set(first, second string) {
	r.first.SetText(first)
	r.second.SetText(second)
}
