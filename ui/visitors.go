package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// leadTags are the tags a booth offers; the data keeps any others.
var leadTags = []string{"internship", "graduate role", "mentor", "experienced hire", "send information"}

var ratingLabels = map[data.Rating]string{data.RatingHot: "Hot", data.RatingWarm: "Warm", data.RatingCold: "Cold"}

// visitorsScreen is the booth's visitor log: scan a badge (or type a code
// or name) and Enter logs the visit; then notes, a rating, tags and a
// follow-up flag for that visitor. Beside it, the booth's visitors. Only
// this booth's visits and leads show, and a person's contact details only
// when they consented (the store blanks them; this screen shows people
// only as the store's booth-facing reads give them).
type visitorsScreen struct {
	visitorsDeps
	boothID string // from the mode
	staff   string

	entry    *widget.Entry
	headline *bigText
	name     *bigText
	message  *widget.Label
	undo     *widget.Button
	addLead  *widget.Button
	export   *widget.Button
	matches  *widget.List
	matchBox *fyne.Container
	result   *fyne.Container // the lines above, laid out again when they change

	editor   *fyne.Container
	saveRow  *fyne.Container // Save notes, below the scroll
	who      *widget.Label   // the visitor being annotated, with consented contact details
	notes    *widget.Entry
	rating   *widget.RadioGroup
	tags     *tagChecks
	followUp *widget.Check
	saveLead *widget.Button
	saved    *widget.Label

	count    *widget.Label
	list     *widget.List
	content  fyne.CanvasObject
	walkForm *walkInForm

	visitors  []data.VisitorRow
	matchRows []data.PersonRow // people found by a name search: shown by name and organisation only
	lastVisit data.Visit
	lead      data.Lead      // being edited
	visitor   data.PersonRow // being edited, as the booth may see them
	unknown   string
	// afterLeadSave is called once the pending save of the lead went through.
	afterLeadSave func()
	leadSync      *formSyncNotes // the lead as loaded, and what other laptops changed while it was open
	leadSaving    bool
}

// visitorsStore is what the booth's visitor log and its leads read and
// write: only this booth's, as the booth may see them.
type visitorsStore interface {
	personSearcher
	SavePersonInOrganisation(ctx context.Context, p *data.Person, orgName string) error
	LogVisit(ctx context.Context, boothID, key, staff string) (data.VisitResult, error)
	LogVisitOf(ctx context.Context, boothID, personID, staff string) (data.VisitResult, error)
	UndoVisit(ctx context.Context, visitID, staff string) (data.Visit, error)
	Lead(ctx context.Context, boothID, personID string) (data.Lead, error)
	SaveLead(ctx context.Context, l *data.Lead) error
	BoothVisitors(ctx context.Context, boothID string) ([]data.VisitorRow, error)
	// History names the laptop whose change to the open lead a sync
	// brought in.
	History(ctx context.Context, tbl, id string) ([]data.Change, error)
}

type visitorsDeps struct {
	screenEnv
	store      visitorsStore
	onExport   func() // saves the booth's leads as CSV
	showDialog func(dialog.Dialog)
	focus      func(fyne.Focusable) // the window canvas's Focus
}

func newVisitorsScreen(d visitorsDeps) *visitorsScreen {
	s := &visitorsScreen{visitorsDeps: d}
	s.buildUI()
	return s
}

func (s *visitorsScreen) setBooth(id, staff string) {
	if id != s.boothID {
		s.showEditor(false)
		s.visitors = nil
		s.list.Refresh()
	}
	s.boothID, s.staff = id, staff
}

func (s *visitorsScreen) buildUI() {
	s.entry = &widget.Entry{PlaceHolder: lang.L("Scan a badge, or type a code or name"), OnSubmitted: s.onSubmit}
	s.entry.ExtendBaseWidget(s.entry)
	s.headline = newBigText(24, true)
	s.name = newBigText(32, true)
	s.message = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.undo = &widget.Button{Text: lang.L("Undo visit"), Icon: theme.ContentUndoIcon(), OnTapped: s.onUndo}
	s.undo.Disable()
	s.addLead = &widget.Button{Text: lang.L("Add walk-in lead…"), Icon: theme.ContentAddIcon(), OnTapped: s.onAdd}
	s.export = &widget.Button{Text: lang.L("Export leads (CSV)…"), Icon: theme.DownloadIcon(), OnTapped: func() {
		if s.onExport != nil {
			s.onExport()
		}
	}}
	s.matches = &widget.List{
		Length:     func() int { return len(s.matchRows) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.matchRows[id]
			o.(*twoLineRow).set(displayHeading(p.Person), joinNonEmpty(" · ", rolesText(p.Roles), p.OrgName))
		},
		OnSelected: s.onMatchSelected,
	}
	s.matches.ExtendBaseWidget(s.matches)
	s.matchBox = container.NewStack(withMinSize(s.matches, fyne.NewSize(0, 180)))
	s.matchBox.Hide()

	s.who = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.notes = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: lang.L("What you talked about, what they are looking for")}
	s.notes.ExtendBaseWidget(s.notes)
	s.notes.SetMinRowsVisible(3)
	var ratings []string
	for _, r := range data.Ratings {
		ratings = append(ratings, lang.L(ratingLabels[r]))
	}
	s.rating = widget.NewRadioGroup(ratings, nil)
	s.rating.Horizontal = true
	s.tags = newTagChecks(leadTags)
	s.followUp = widget.NewCheck(lang.L("Follow up after the fair"), nil)
	s.saveLead = &widget.Button{Text: lang.L("Save notes"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSaveLead}
	s.saved = &widget.Label{}
	s.leadSync = newFormSyncNotes(s.setLeadValue, s.leadShown)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Notes"), s.leadSync.field("notes", lang.L("Notes"), s.notes)),
		widget.NewFormItem(lang.L("Rating"), s.leadSync.field("rating", lang.L("Rating"), s.rating)),
		widget.NewFormItem(lang.L("Tags"), s.leadSync.field("tags", lang.L("Tags"), s.tags.box)),
		widget.NewFormItem("", s.leadSync.field("follow_up", lang.L("Follow up after the fair"), s.followUp)),
	)
	// Save notes sits below the scroll, not at the end of it, so that it is
	// in view on a small screen; it shows and hides with the editor.
	s.saveRow = container.NewVBox(widget.NewSeparator(), container.NewHBox(s.saveLead, s.saved))
	s.editor = container.NewVBox(widget.NewSeparator(), s.who, s.leadSync.summary, form)
	s.editor.Hide()
	s.saveRow.Hide()

	buttons := buttonGrid(160, s.undo, s.addLead, s.export)
	// The scan's confirmation stays above the scroll: the next scan's
	// outcome is seen even when the notes were scrolled to.
	s.result = container.NewVBox(s.matchBox, s.editor)
	left := readingBorder(container.NewVBox(s.entry, buttons, s.headline, s.name, s.message), s.saveRow, nil, nil,
		container.NewVScroll(s.result))

	s.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	s.list = &widget.List{
		Length:     func() int { return len(s.visitors) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			v := s.visitors[id]
			o.(*twoLineRow).set(displayHeading(v.Person.Person), visitorDetails(v))
		},
		OnSelected: s.onVisitorSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	right := container.NewBorder(s.count, nil, nil, nil, s.list)
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	s.content = split
	s.headline.SetText(lang.L("Ready for visitors"), theme.ColorNamePlaceHolder)
	s.message.SetText(lang.L("Scan a visitor's badge, or type their badge code or name and press Enter: the visit is logged. Then add notes if you like."))
}

// visitorDetails is the second line of a visitor: organisation, visits,
// rating, follow-up, and contact details only where given to the booth.
func visitorDetails(v data.VisitorRow) string {
	visits := countOf(v.Visits, lang.L("visit"), lang.L("visits"))
	rating := ""
	if v.Lead.Rating != "" {
		rating = lang.L(label(ratingLabels, v.Lead.Rating))
	}
	follow := ""
	if v.Lead.FollowUp {
		follow = lang.L("follow up")
	}
	return joinNonEmpty(" · ", v.Person.OrgName, visits, rating, follow, v.Person.Email)
}

func (s *visitorsScreen) refresh() {
	s.refocus()
	if s.boothID == "" {
		s.count.SetText(lang.L("Choose your booth in Settings → This laptop."))
		return
	}
	ctx, booth := s.ctx, s.boothID
	go func() {
		visitors, err := s.store.BoothVisitors(ctx, booth)
		s.do(func() {
			if booth != s.boothID || errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				s.count.SetText(fmt.Sprintf(lang.L("Could not read the visitors (%v). Try again."), err))
				return
			}
			s.visitors = visitors
			s.count.SetText(countOf(len(visitors), lang.L("visitor or lead"), lang.L("visitors and leads")))
			s.list.Refresh()
		})
	}()
}

func (s *visitorsScreen) focusEntry() { s.refocus() }

func (s *visitorsScreen) refocus() {
	s.result.Refresh()
	if s.focus != nil && s.walkForm == nil {
		s.focus(s.entry)
	}
}

// onAdd (Ctrl+N here) adds a walk-in lead.
func (s *visitorsScreen) onAdd() {
	if s.boothID == "" {
		return
	}
	f := newWalkInForm(dialogWindowFor(s.content), lang.L("Add a walk-in lead"), lang.L("Save and log the visit"), s.unknown, data.RoleJobSeeker)
	s.walkForm = f
	f.consent.SetChecked(true) // they give their details to the booth themselves; untick if they say no
	f.onClosed = func() {
		s.walkForm = nil
		s.refocus()
	}
	f.onSave = func(p data.Person, org string) {
		ctx, st, booth, staff := s.ctx, s.store, s.boothID, s.staff
		go func() {
			var res data.VisitResult
			err := st.SavePersonInOrganisation(ctx, &p, org)
			if err == nil {
				res, err = st.LogVisitOf(ctx, booth, p.ID, staff)
			}
			s.do(func() {
				f.done(err)
				if err == nil {
					s.showVisit(p.DisplayName(), res, nil)
				}
			})
		}()
	}
	if s.showDialog != nil {
		s.showDialog(f.dlg)
	} else {
		f.dlg.Show()
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.content); c != nil {
		c.Focus(f.name)
	}
}

func (s *visitorsScreen) onSubmit(text string) {
	key := strings.TrimSpace(text)
	s.entry.SetText("")
	s.refocus()
	if key == "" || s.boothID == "" {
		return
	}
	ctx, booth, staff := s.ctx, s.boothID, s.staff
	go func() {
		res, err := s.store.LogVisit(ctx, booth, key, staff)
		var found []data.PersonRow
		if errors.Is(err, data.ErrNotFound) {
			// Not a code, an e-mail or an exact name: search by words.
			found, _ = s.store.ListPeople(ctx, data.PeopleFilter{Query: key}, 0, 20)
		}
		s.do(func() {
			s.showVisit(key, res, err)
			if len(found) > 0 {
				s.showMatches(key, found)
			}
		})
	}()
}

// showMatches lists people to choose from, by name and organisation only.
func (s *visitorsScreen) showMatches(key string, found []data.PersonRow) {
	s.matchRows = nil
	for _, p := range found {
		s.matchRows = append(s.matchRows, data.PersonRow{Person: data.Person{ID: p.ID, GivenName: p.GivenName,
			FamilyName: p.FamilyName, KanjiName: p.KanjiName, Roles: p.Roles}, OrgName: p.OrgName})
	}
	s.headline.SetText(fmt.Sprintf(lang.L("%d people match “%s”"), len(found), key), theme.ColorNameWarning)
	s.message.SetText(lang.L("Click the visitor to log the visit, or add them as a walk-in lead."))
	s.matches.Refresh()
	s.matchBox.Show()
}

func (s *visitorsScreen) onMatchSelected(id widget.ListItemID) {
	s.matches.UnselectAll()
	if id < 0 || id >= len(s.matchRows) {
		return
	}
	p := s.matchRows[id]
	ctx, booth, staff := s.ctx, s.boothID, s.staff
	go func() {
		res, err := s.store.LogVisitOf(ctx, booth, p.ID, staff)
		s.do(func() { s.showVisit(p.DisplayName(), res, err) })
	}()
}

func (s *visitorsScreen) showVisit(key string, res data.VisitResult, err error) {
	defer s.refocus()
	s.matchBox.Hide()
	s.unknown = ""
	var ambiguous *data.AmbiguousError
	switch {
	case errors.Is(err, context.Canceled):
		return
	case errors.As(err, &ambiguous):
		s.name.SetText("", "")
		s.showEditor(false)
		s.showMatches(key, ambiguous.Matches)
		return
	case errors.Is(err, data.ErrNotFound):
		s.name.SetText("", "")
		s.showEditor(false)
		s.unknown = key
		s.headline.SetText(fmt.Sprintf(lang.L("No one found for “%s”"), key), theme.ColorNameError)
		s.message.SetText(lang.L("Try the badge code or the full name, or add them with “Add walk-in lead…”."))
		return
	case err != nil:
		s.headline.SetText(lang.L("Visit not logged"), theme.ColorNameError)
		s.message.SetText(fmt.Sprintf(lang.L("Could not log the visit of “%s” (%v). Try again."), key, err))
		return
	}
	s.lastVisit = res.Visit
	s.undo.Enable()
	s.headline.SetText(fmt.Sprintf(lang.L("Visit logged (%s)"), ordinalVisit(res.Visits)), theme.ColorNameSuccess)
	s.name.SetText(displayHeading(res.Visitor.Person), "")
	s.message.SetText("")
	s.openLead(res.Visitor)
	s.refresh()
}

// ordinalVisit says "first visit", "2nd visit"...
func ordinalVisit(n int) string {
	switch n {
	case 0, 1:
		return lang.L("first visit")
	case 2:
		return lang.L("2nd visit")
	case 3:
		return lang.L("3rd visit")
	}
	return fmt.Sprintf(lang.L("%dth visit"), n)
}

func (s *visitorsScreen) onVisitorSelected(id widget.ListItemID) {
	s.list.UnselectAll()
	if id < 0 || id >= len(s.visitors) {
		return
	}
	v := s.visitors[id]
	s.matchBox.Hide()
	s.lastVisit = data.Visit{}
	s.undo.Disable()
	s.headline.SetText(lang.L("Notes on a visitor"), theme.ColorNamePrimary)
	s.name.SetText(displayHeading(v.Person.Person), "")
	s.message.SetText("")
	s.openLead(v.Person)
}

// openLead reads the booth's notes on p into the editor. p is as the
// booth may see them.
func (s *visitorsScreen) openLead(p data.PersonRow) {
	ctx, booth := s.ctx, s.boothID
	go func() {
		lead, err := s.store.Lead(ctx, booth, p.ID)
		s.do(func() {
			if err != nil {
				s.message.SetText(fmt.Sprintf(lang.L("Could not read your notes on %s (%v)."), p.DisplayName(), err))
				return
			}
			s.fillLead(p, lead)
		})
	}()
}

func (s *visitorsScreen) fillLead(p data.PersonRow, lead data.Lead) {
	s.visitor, s.lead = p, lead
	contact := joinNonEmpty(" · ", p.Email, p.Phone)
	if contact == "" {
		contact = lang.L("no contact details shared with exhibitors")
	}
	s.who.SetText(joinNonEmpty(" · ", p.DisplayName(), rolesText(p.Roles), p.OrgName, p.JobTitle) + "\n" + contact)
	s.tags.setOptions(leadTags) // setLeadValue adds the lead's own tags
	s.leadSync.load(leadValues(lead))
	s.saved.SetText("")
	s.showEditor(true)
}

func (s *visitorsScreen) onSaveLead() {
	l := s.readLead()
	if l.PersonID == "" {
		return
	}
	then := s.afterLeadSave
	s.afterLeadSave = nil
	if s.leadSync.undecided() {
		s.saved.SetText(lang.L("Not saved: another laptop changed a field you changed too. Choose which value to keep, then save."))
		return
	}
	s.leadSaving = true
	s.saveLead.Disable()
	ctx := s.ctx
	go func() {
		err := s.store.SaveLead(ctx, &l)
		s.do(func() {
			defer s.refocus()
			s.leadSaving = false
			s.saveLead.Enable()
			if err != nil {
				s.saved.SetText(fmt.Sprintf(lang.L("Not saved (%v); try again"), errorText(err)))
				return
			}
			s.lead = l
			s.leadSync.load(leadValues(l))
			s.saved.SetText(lang.L("Saved."))
			s.refresh()
			if then != nil {
				then()
			}
		})
	}()
}

// readLead is the lead as the editor shows it.
func (s *visitorsScreen) readLead() data.Lead {
	l := s.lead
	l.Notes = s.notes.Text
	l.Rating = ""
	for _, r := range data.Ratings {
		if s.rating.Selected == lang.L(ratingLabels[r]) {
			l.Rating = r
		}
	}
	l.Tags = data.NewSet(s.tags.selected()...)
	l.FollowUp = s.followUp.Checked
	return l
}

func (s *visitorsScreen) onUndo() {
	v := s.lastVisit
	if v.ID == "" {
		return
	}
	s.undo.Disable()
	ctx, staff := s.ctx, s.staff
	go func() {
		_, err := s.store.UndoVisit(ctx, v.ID, staff)
		s.do(func() {
			defer s.refocus()
			if err != nil {
				s.message.SetText(fmt.Sprintf(lang.L("Could not undo the visit (%v); try again."), err))
				s.undo.Enable()
				return
			}
			s.lastVisit = data.Visit{}
			s.headline.SetText(lang.L("Visit undone"), theme.ColorNamePrimary)
			s.showEditor(false)
			s.refresh()
		})
	}()
}

// tagChecks is a tick box per tag that wraps onto more lines in a narrow
// window, where a horizontal CheckGroup would widen the window.
type tagChecks struct {
	box    *fyne.Container
	checks []*widget.Check
}

func newTagChecks(options []string) *tagChecks {
	t := &tagChecks{box: container.NewGridWrap(fyne.NewSize(170, 36))}
	t.setOptions(options)
	return t
}

func (t *tagChecks) setOptions(options []string) {
	t.checks = nil
	t.box.Objects = nil
	for _, o := range options {
		c := widget.NewCheck(o, nil)
		t.checks = append(t.checks, c)
		t.box.Objects = append(t.box.Objects, c)
	}
	t.box.Refresh()
}

// SetSelected ticks the tags in sel and no others.
func (t *tagChecks) SetSelected(sel []string) {
	for _, c := range t.checks {
		c.SetChecked(slices.Contains(sel, c.Text))
	}
}

func (t *tagChecks) selected() []string {
	var sel []string
	for _, c := range t.checks {
		if c.Checked {
			sel = append(sel, c.Text)
		}
	}
	return sel
}

// showEditor shows or hides the notes and, with them, Save notes.
func (s *visitorsScreen) showEditor(shown bool) {
	if shown {
		s.editor.Show()
		s.saveRow.Show()
		return
	}
	s.editor.Hide()
	s.saveRow.Hide()
}
