package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

const (
	// peoplePageSize rows are fetched at a time as they scroll into view:
	// more than a tall screen shows, and no more, since every keystroke
	// of a search reads a first page.
	peoplePageSize = 50
	// peopleCachedPages bounds memory at 100,000 people: a few screens' worth
	// either side of where the user is looking.
	peopleCachedPages = 30
)

// peopleScreen lists everyone registered, searchable as you type and
// filtered by role and organisation kind, with a form beside the list to
// add, edit and delete people. Rows are read from the store a page at a
// time, so the list costs the same at 200 people as at 100,000.
type peopleScreen struct {
	peopleDeps

	search  *widget.Entry
	role    *widget.Select
	orgKind *widget.Select
	sort    *widget.Select
	add     *widget.Button
	export  *widget.Button // the list as filtered and sorted, as CSV
	badges  *widget.Button
	count   *widget.Label
	list    *widget.List
	form    *personForm
	notice  *noticeBar
	confirm dialog.Dialog // the delete or erase confirmation while it shows
	// backupsOffer asks, after an erasure, to delete older backups.
	backupsOffer dialog.Dialog
	content      fyne.CanvasObject

	// The rest is only touched on the UI goroutine.
	filter      data.PeopleFilter
	total       int
	pages       map[int][]data.PersonRow
	loading     map[int]bool
	generation  int // bumped by every new search; older answers are dropped
	queryCtx    context.Context
	cancelQuery context.CancelFunc
	knownTotal  int // the count of the current search, -1 until it arrives
	// organiserLaptop: this laptop's role lets it erase and export people.
	organiserLaptop bool
	firstShown      bool // the first page of the current search is drawn
	// shown and counted are called when a search's first rows are drawn and
	// when its count is; benchmarks use them.
	shown, counted func()
}

// peopleStore is what the people list and its form read and write.
type peopleStore interface {
	personFormStore
	CountPeople(ctx context.Context, f data.PeopleFilter) (int, error)
	ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error)
	DeletePerson(ctx context.Context, id string) error
	RestorePerson(ctx context.Context, id string) error
	personPrivacyStore
	requestStore
}

type peopleDeps struct {
	screenEnv // ctx is cancelled when the window lets go of the store
	store     peopleStore
	win       fyne.Window         // for the delete confirmation
	show      func(dialog.Dialog) // shows a dialog that Escape can close
	onHistory func(p data.PersonRow)
	onExport  func(f data.PeopleFilter) // saves the list as filtered; nil hides the button
	onBadges  func()                    // the badge dialog; nil hides the button
	// boothStaff tells booth-staff mode, which may neither erase nor
	// export a person; onErased is told of an erasure, to sync it soon.
	boothStaff func() bool
	onErased   func()
	// chooseFile asks where to save a file offered as name; nil opens
	// the save dialog (tests choose a path).
	chooseFile func(name string, then func(path string))
	// prefs keeps the hosts this laptop follows, offered on a mentor's
	// or recruiter's page; nil offers no following.
	prefs fyne.Preferences
	// planner ranks the hosts a job seeker may ask to meet on their page;
	// nil lists their requests only.
	planner matchPlanner
}

func newPeopleScreen(d peopleDeps) *peopleScreen {
	s := &peopleScreen{peopleDeps: d, queryCtx: d.ctx,
		pages: map[int][]data.PersonRow{}, loading: map[int]bool{}}
	s.buildUI()
	return s
}

// Filter choices: the first of each means no filter.
var (
	allRoles    = "All roles"
	allOrgKinds = "All organisation kinds"
)

func roleOptions() []string {
	options := []string{lang.L(allRoles)}
	for _, r := range data.Roles {
		options = append(options, lang.L(roleLabels[r]))
	}
	return options
}

// peopleSortLabels name the orders of data.PeopleSorts, in that order.
var peopleSortLabels = []string{"Sort by name", "Sort by organisation", "Sort by role", "Sort by check-in time"}

func sortOptions() []string {
	var options []string
	for _, l := range peopleSortLabels {
		options = append(options, lang.L(l))
	}
	return options
}

func orgKindOptions() []string {
	options := []string{lang.L(allOrgKinds)}
	for _, k := range data.OrgKinds {
		options = append(options, lang.L(orgKindLabels[k]))
	}
	return options
}

func (s *peopleScreen) buildUI() {
	s.search = &widget.Entry{PlaceHolder: lang.L("Search name, e-mail or badge (Ctrl+F)"),
		ActionItem: widget.NewIcon(theme.SearchIcon()), OnChanged: func(string) { s.runQuery(false) }}
	s.search.ExtendBaseWidget(s.search)
	// Chosen before OnChanged is set, so that building runs no query.
	s.role = widget.NewSelect(roleOptions(), nil)
	s.role.SetSelectedIndex(0)
	s.role.OnChanged = func(string) { s.runQuery(false) }
	s.orgKind = widget.NewSelect(orgKindOptions(), nil)
	s.orgKind.SetSelectedIndex(0)
	s.orgKind.OnChanged = func(string) { s.runQuery(false) }
	s.sort = widget.NewSelect(sortOptions(), nil)
	s.sort.SetSelectedIndex(0)
	s.sort.OnChanged = func(string) { s.runQuery(false) }
	s.export = &widget.Button{Text: lang.L("Export list…"), Icon: theme.DownloadIcon(), OnTapped: func() { s.onExport(s.currentFilter()) }}
	s.badges = &widget.Button{Text: lang.L("Badges…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() { s.onBadges() }}
	if s.onExport == nil {
		s.export.Hide()
	}
	if s.onBadges == nil {
		s.badges.Hide()
	}
	s.add = &widget.Button{Text: lang.L("Add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.onAdd}
	s.count = &widget.Label{Text: lang.L("Counting people…"), Truncation: fyne.TextTruncateEllipsis}
	s.list = &widget.List{
		Length:     func() int { return s.total },
		CreateItem: func() fyne.CanvasObject { return newPersonRow() },
		UpdateItem: s.updateRow,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	s.form = newPersonForm(s.screenEnv, s.store, s.onHistory)
	s.form.onSaved = s.onSaved
	s.form.onDeleteRequested = s.onDeleteRequested
	s.form.privacy.mayAsk = s.mayAskPrivacy
	s.form.privacy.onEraseRequested = s.onEraseRequested
	s.form.privacy.onExportRequested = s.onExportRequested
	s.form.meetings.prefs = s.prefs
	if s.planner != nil {
		s.form.meetings.editor = &requestEditor{planner: s.planner, store: s.store, win: s.win, show: s.show, may: s.mayAskPrivacy}
	}
	s.notice = newNoticeBar(s.do)
	filters := container.NewBorder(nil, nil, nil, s.add, container.NewGridWithColumns(2, s.role, s.orgKind))
	order := container.NewBorder(nil, nil, nil, container.NewHBox(s.export, s.badges), s.sort)
	left := readingBorder(container.NewVBox(s.search, filters, order, s.count), nil, nil, nil, s.list)
	split := container.NewHSplit(left, s.form.content)
	split.Offset = 0.5
	s.content = container.NewBorder(nil, s.notice, nil, nil, split)
}

// refresh runs the current search again, e.g. when the screen is shown.
func (s *peopleScreen) refresh() {
	s.readLaptopRole()
	s.runQuery(false)
}

// focusSearch puts the cursor in the search entry (Ctrl+F).
func (s *peopleScreen) focusSearch(c fyne.Canvas) {
	if c != nil {
		c.Focus(s.search)
	}
}

// currentFilter is what the search box and the two filters ask for.
func (s *peopleScreen) currentFilter() data.PeopleFilter {
	f := data.PeopleFilter{Query: strings.TrimSpace(s.search.Text)}
	if i := s.role.SelectedIndex(); i > 0 {
		f.Role = data.Roles[i-1]
	}
	if i := s.orgKind.SelectedIndex(); i > 0 {
		f.OrgKind = data.OrgKinds[i-1]
	}
	if i := s.sort.SelectedIndex(); i > 0 && i < len(data.PeopleSorts) {
		f.Sort = data.PeopleSorts[i]
	}
	return f
}

// runQuery reads the first page and counts off the UI goroutine, side by
// side, so typing never waits for the database and the rows show without
// waiting for the count. A newer keystroke cancels the older query, and
// any answer it still gives is ignored. keepForm leaves the form as it is
// (after a save or a delete).
func (s *peopleScreen) runQuery(keepForm bool) {
	s.generation++
	generation := s.generation
	if s.cancelQuery != nil {
		s.cancelQuery()
	}
	s.queryCtx, s.cancelQuery = context.WithCancel(s.ctx)
	s.knownTotal, s.firstShown = -1, false
	ctx := s.queryCtx
	filter := s.currentFilter()
	go func() {
		first, err := s.store.ListPeople(ctx, filter, 0, peoplePageSize)
		s.do(func() { s.showFirstPage(generation, filter, first, err, keepForm) })
	}()
	go func() {
		total, err := s.store.CountPeople(ctx, filter)
		s.do(func() { s.showCount(generation, filter, total, err) })
	}()
}

func (s *peopleScreen) showSearchError(err error) {
	if !errors.Is(err, context.Canceled) {
		s.count.SetText(fmt.Sprintf(lang.L("Could not search people (%v). Try again; if it keeps failing, restart Fairdesk."), err))
	}
}

// showFirstPage draws the first rows of a search. Until the count
// arrives the list is as long as what has been read.
func (s *peopleScreen) showFirstPage(generation int, filter data.PeopleFilter, first []data.PersonRow, err error, keepForm bool) {
	if generation != s.generation {
		return
	}
	if err != nil {
		s.showSearchError(err)
		return
	}
	s.filter, s.firstShown = filter, true
	s.total = len(first)
	if s.knownTotal >= 0 {
		s.total = s.knownTotal
	}
	s.pages = map[int][]data.PersonRow{0: first}
	s.loading = map[int]bool{}
	if s.knownTotal >= 0 { // the count came first and waited for these rows
		s.count.SetText(peopleCountText(s.knownTotal, filter))
	}
	s.list.UnselectAll()
	if !keepForm && !s.form.unsaved() { // a new search never throws typed changes away
		s.form.clear()
		s.list.ScrollToTop()
	}
	s.list.Refresh()
	if s.shown != nil {
		s.shown()
	}
}

// showCount says how many match, and lets the list reach them all.
func (s *peopleScreen) showCount(generation int, filter data.PeopleFilter, total int, err error) {
	if generation != s.generation {
		return
	}
	if err != nil {
		s.showSearchError(err)
		return
	}
	s.knownTotal = total
	// Before the rows arrive the count waits for them (showFirstPage says
	// it), so that it never describes other rows than the list shows.
	if s.firstShown {
		s.count.SetText(peopleCountText(total, filter))
		if s.total != total {
			s.total = total
			s.list.Refresh()
		}
	}
	if s.counted != nil {
		s.counted()
	}
}

func peopleCountText(n int, f data.PeopleFilter) string {
	filtered := f.Role != "" || f.OrgKind != ""
	query := f.Query
	switch {
	case n == 0 && query == "" && !filtered:
		return lang.L("No people yet")
	case n == 0 && query == "":
		return lang.L("No one with these filters")
	case n == 0:
		return fmt.Sprintf(lang.L("No one matches “%s”"), query)
	case query == "":
		return countOf(n, lang.L("person"), lang.L("people"))
	}
	return countOf(n, lang.L("person matches"), lang.L("people match")) + fmt.Sprintf(" “%s”", query)
}

// rowAt is the cached person at index id, if its page has arrived.
func (s *peopleScreen) rowAt(id widget.ListItemID) (data.PersonRow, bool) {
	page, ok := s.pages[id/peoplePageSize]
	if !ok || id%peoplePageSize >= len(page) {
		return data.PersonRow{}, false
	}
	return page[id%peoplePageSize], true
}

func (s *peopleScreen) updateRow(id widget.ListItemID, item fyne.CanvasObject) {
	row := item.(*personRow)
	if p, ok := s.rowAt(id); ok {
		row.show(p)
		return
	}
	row.showLoading()
	s.fetchPage(id / peoplePageSize)
}

// fetchPage reads one page in the background and redraws the list when it
// arrives, unless the search changed meanwhile.
func (s *peopleScreen) fetchPage(page int) {
	if s.loading[page] {
		return
	}
	s.loading[page] = true
	generation, filter, ctx := s.generation, s.filter, s.queryCtx
	go func() {
		rows, err := s.store.ListPeople(ctx, filter, page*peoplePageSize, peoplePageSize)
		s.do(func() {
			if generation != s.generation {
				return
			}
			delete(s.loading, page)
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					log.Printf("people list page %d: %v", page, err)
				}
				return
			}
			s.pages[page] = rows
			s.evictPagesFarFrom(page)
			s.list.Refresh()
		})
	}()
}

func (s *peopleScreen) evictPagesFarFrom(page int) {
	for len(s.pages) > peopleCachedPages {
		farthest, distance := -1, -1
		for p := range s.pages {
			if d := abs(p - page); d > distance {
				farthest, distance = p, d
			}
		}
		delete(s.pages, farthest)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// onSelected opens the person chosen, first asking about unsaved changes
// in the form.
func (s *peopleScreen) onSelected(id widget.ListItemID) {
	p, ok := s.rowAt(id)
	if !ok || (s.form.open && s.form.person.ID == p.ID) {
		return
	}
	leaveForm(s.dialogs, s.win, s.form, func() { s.form.edit(p) }, s.list.UnselectAll)
}

// onAdd (the Add button, Ctrl+N) opens an empty form, first asking about
// unsaved changes in the one open.
func (s *peopleScreen) onAdd() {
	leaveForm(s.dialogs, s.win, s.form, func() {
		s.list.UnselectAll()
		s.form.startAdding()
		if s.win != nil {
			s.win.Canvas().Focus(s.form.given)
		}
	}, nil)
}

// onSaved shows the saved person in the list as it now reads.
func (s *peopleScreen) onSaved(p data.Person, added bool) {
	if added {
		s.notice.show(fmt.Sprintf(lang.L("Added %s."), p.DisplayName()), "", nil)
	}
	s.runQuery(true)
}

// onDeleteRequested asks first; the delete can then be undone for a while.
func (s *peopleScreen) onDeleteRequested(p data.PersonRow) {
	if s.win == nil {
		return
	}
	message := &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: fmt.Sprintf(lang.L("%s will be removed from the list, their sessions and booths. You can undo this straight after."), p.DisplayName())}
	d := dialog.NewCustomConfirm(fmt.Sprintf(lang.L("Delete %s?"), p.DisplayName()), lang.L("Delete"), lang.L("Keep"),
		atLeastWide(message, 360), func(ok bool) {
			s.confirm = nil
			if ok {
				s.deletePerson(p)
			}
		}, s.win)
	s.confirm = d
	if s.show != nil {
		s.show(d)
	} else {
		d.Show()
	}
}

func (s *peopleScreen) deletePerson(p data.PersonRow) {
	ctx := s.ctx
	go func() {
		err := s.store.DeletePerson(ctx, p.ID)
		s.do(func() {
			if err != nil {
				s.notice.show(fmt.Sprintf(lang.L("Could not delete %s (%v); nothing changed. Try again."), p.DisplayName(), err), "", nil)
				return
			}
			s.form.clear()
			s.runQuery(true)
			s.notice.show(fmt.Sprintf(lang.L("Deleted %s."), p.DisplayName()), lang.L("Undo"), func() { s.restorePerson(p) })
		})
	}()
}

func (s *peopleScreen) restorePerson(p data.PersonRow) {
	ctx := s.ctx
	go func() {
		err := s.store.RestorePerson(ctx, p.ID)
		s.do(func() {
			if err != nil {
				s.notice.show(fmt.Sprintf(lang.L("Could not bring back %s (%v). Try Undo again."), p.DisplayName(), err),
					lang.L("Undo"), func() { s.restorePerson(p) })
				return
			}
			s.notice.show(fmt.Sprintf(lang.L("%s is back."), p.DisplayName()), "", nil)
			s.runQuery(true)
			s.form.edit(p)
		})
	}()
}

// personRow is one line of the people list: name in Latin and kanji, then
// organisation, roles and e-mail.
type personRow struct {
	widget.BaseWidget
	heading  *widget.Label
	kanji    *widget.Label
	details  *widget.Label
	names    *fyne.Container
	personID string
}

func newPersonRow() *personRow {
	r := &personRow{
		heading: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		kanji:   &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		details: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *personRow) CreateRenderer() fyne.WidgetRenderer {
	r.names = container.New(&nameLineLayout{}, r.heading, r.kanji)
	return widget.NewSimpleRenderer(container.New(tightVBox(), r.names, r.details))
}

func (r *personRow) show(p data.PersonRow) {
	r.personID = p.ID
	latin := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	kanji := p.KanjiName
	if latin == "" {
		latin, kanji = p.KanjiName, ""
	}
	// Laying out a label's text is most of what a keystroke costs the
	// list, and the rows it redraws mostly show what they showed: the
	// same people as the keystroke before, or again when the count comes.
	latinChanged := setChangedText(r.heading, latin)
	kanjiChanged := setChangedText(r.kanji, kanji)
	setChangedText(r.details, joinNonEmpty(" · ", p.OrgName, rolesText(p.Roles), p.Email))
	if (latinChanged || kanjiChanged) && r.names != nil {
		r.names.Refresh() // the split between the names depends on their text
	}
}

// setChangedText gives l the text, unless it has it already, and says
// whether it changed.
func setChangedText(l *widget.Label, text string) bool {
	if l.Text == text {
		return false
	}
	l.SetText(text)
	return true
}

func (r *personRow) showLoading() {
	r.personID = ""
	r.heading.SetText("…")
	r.kanji.SetText("")
	r.details.SetText("")
}

// tightVBox stacks the lines of a list row closer than labels' own
// padding would, so more rows fit on screen.
func tightVBox() fyne.Layout { return layout.NewCustomPaddedVBoxLayout(-theme.Padding() * 2) }

// nameLineLayout puts the Latin name and the kanji name side by side: each
// gets its natural width while both fit, and the Latin name gives way first
// when they do not, so the kanji stays readable in a narrow list.
type nameLineLayout struct{}

func (*nameLineLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (*nameLineLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	latin, kanji := objects[0].(*widget.Label), objects[1].(*widget.Label)
	latinWant := labelTextWidth(latin)
	kanjiWant := labelTextWidth(kanji)
	if kanji.Text == "" {
		kanjiWant = 0
	}
	latinWidth := min(latinWant+theme.Padding(), max(size.Width-kanjiWant, size.Width/2))
	if kanji.Text == "" {
		latinWidth = size.Width
	}
	latin.Move(fyne.NewPos(0, 0))
	latin.Resize(fyne.NewSize(latinWidth, size.Height))
	kanji.Move(fyne.NewPos(latinWidth, 0))
	kanji.Resize(fyne.NewSize(max(size.Width-latinWidth, 0), size.Height))
}

// labelTextWidth is the width a label needs to show all its text, with a
// little to spare because measuring and drawing round differently; MinSize
// cannot tell because truncating labels report a tiny minimum.
func labelTextWidth(l *widget.Label) float32 {
	size := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle)
	return size.Width + theme.InnerPadding()*2 + theme.Padding()
}
