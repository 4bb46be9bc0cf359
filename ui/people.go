package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

const (
	// peoplePageSize rows are fetched at a time as they scroll into view.
	peoplePageSize = 200
	// peopleCachedPages bounds memory at 100,000 people: a few screens' worth
	// either side of where the user is looking.
	peopleCachedPages = 30
)

// peopleScreen lists everyone registered, searchable as you type, with the
// selected person's details beside the list. Rows are read from the store a
// page at a time, so the list costs the same at 200 people as at 100,000.
type peopleScreen struct {
	store Store
	do    uiDo
	ctx   context.Context // cancelled when the window lets go of the store

	search  *widget.Entry
	count   *widget.Label
	list    *widget.List
	detail  *personDetail
	content fyne.CanvasObject

	// The rest is only touched on the UI goroutine.
	filter      data.PeopleFilter
	total       int
	pages       map[int][]data.PersonRow
	loading     map[int]bool
	generation  int // bumped by every new search; older answers are dropped
	queryCtx    context.Context
	cancelQuery context.CancelFunc
}

func newPeopleScreen(ctx context.Context, store Store, do uiDo) *peopleScreen {
	s := &peopleScreen{store: store, do: do, ctx: ctx, queryCtx: ctx,
		pages: map[int][]data.PersonRow{}, loading: map[int]bool{}}
	s.buildUI()
	return s
}

func (s *peopleScreen) buildUI() {
	s.search = &widget.Entry{PlaceHolder: "Search names, kanji, kana, e-mail, organisation or badge code (Ctrl+F)",
		ActionItem: widget.NewIcon(theme.SearchIcon()), OnChanged: s.onSearchChanged}
	s.search.ExtendBaseWidget(s.search)
	s.count = &widget.Label{Text: "Counting people…"}
	s.list = &widget.List{
		Length:     func() int { return s.total },
		CreateItem: func() fyne.CanvasObject { return newPersonRow() },
		UpdateItem: s.updateRow,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	s.detail = newPersonDetail()
	left := container.NewBorder(container.NewVBox(s.search, s.count), nil, nil, nil, s.list)
	split := container.NewHSplit(left, s.detail.content)
	split.Offset = 0.58
	s.content = split
}

// refresh runs the current search again, e.g. when the screen is shown.
func (s *peopleScreen) refresh() { s.onSearchChanged(s.search.Text) }

// focusSearch puts the cursor in the search entry (Ctrl+F).
func (s *peopleScreen) focusSearch(c fyne.Canvas) {
	if c != nil {
		c.Focus(s.search)
	}
}

// onSearchChanged starts counting and fetching the first page off the UI
// goroutine, so typing never waits for the database. A newer keystroke
// cancels the older query, and any answer it still gives is ignored.
func (s *peopleScreen) onSearchChanged(text string) {
	s.generation++
	generation := s.generation
	if s.cancelQuery != nil {
		s.cancelQuery()
	}
	s.queryCtx, s.cancelQuery = context.WithCancel(s.ctx)
	ctx := s.queryCtx
	filter := data.PeopleFilter{Query: strings.TrimSpace(text)}
	go func() {
		total, err := s.store.CountPeople(ctx, filter)
		var first []data.PersonRow
		if err == nil && total > 0 {
			first, err = s.store.ListPeople(ctx, filter, 0, peoplePageSize)
		}
		s.do(func() { s.showResults(generation, filter, total, first, err) })
	}()
}

func (s *peopleScreen) showResults(generation int, filter data.PeopleFilter, total int, first []data.PersonRow, err error) {
	if generation != s.generation {
		return
	}
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.count.SetText(fmt.Sprintf("Could not search people (%v). Try again; if it keeps failing, restart Fairdesk.", err))
		}
		return
	}
	s.filter, s.total = filter, total
	s.pages = map[int][]data.PersonRow{0: first}
	s.loading = map[int]bool{}
	s.count.SetText(peopleCountText(total, filter.Query))
	s.list.UnselectAll()
	s.detail.clear()
	s.list.ScrollToTop()
	s.list.Refresh()
}

func peopleCountText(n int, query string) string {
	switch {
	case n == 0 && query == "":
		return "No people yet"
	case n == 0:
		return fmt.Sprintf("No one matches “%s”", query)
	case query == "":
		return countOf(n, "person", "people")
	}
	return countOf(n, "person matches", "people match") + fmt.Sprintf(" “%s”", query)
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

func (s *peopleScreen) onSelected(id widget.ListItemID) {
	if p, ok := s.rowAt(id); ok {
		s.detail.show(p)
	}
}

// personRow is one line of the people list: name in Latin and kanji, then
// organisation, roles and e-mail.
type personRow struct {
	widget.BaseWidget
	heading  *widget.Label
	kanji    *widget.Label
	details  *widget.Label
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
	names := container.New(&nameLineLayout{}, r.heading, r.kanji)
	return widget.NewSimpleRenderer(container.New(tightVBox(), names, r.details))
}

func (r *personRow) show(p data.PersonRow) {
	r.personID = p.ID
	latin := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	kanji := p.KanjiName
	if latin == "" {
		latin, kanji = p.KanjiName, ""
	}
	r.heading.SetText(latin)
	r.kanji.SetText(kanji)
	r.details.SetText(joinNonEmpty(" · ", p.OrgName, rolesText(p.Roles), p.Email))
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
