package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// pickerResults is how many matches the picker shows.
const pickerResults = 20

// personPicker chooses people (speakers, booth staff) by searching as one
// types: the query runs off the UI goroutine and a stale answer is dropped.
type personPicker struct {
	screenEnv
	store personSearcher

	search  *fieldEntry
	hint    *widget.Label
	results *widget.List
	chosen  *fyne.Container   // one row per chosen person
	space   *canvas.Rectangle // gives the results list its height
	content fyne.CanvasObject

	found    []data.PersonRow
	picked   []data.Person
	asked    int // the number of the latest query; older answers are dropped
	OnChange func()
	// OnResults, when set, is called once results show, so that a
	// scrolling form can bring them into view.
	OnResults func()
}

// personSearcher is what the picker searches.
type personSearcher interface {
	ListPeople(ctx context.Context, f data.PeopleFilter, offset, limit int) ([]data.PersonRow, error)
}

func newPersonPicker(env screenEnv, store personSearcher, picked []data.Person) *personPicker {
	p := &personPicker{screenEnv: env, store: store, picked: slices.Clone(picked)}
	p.search = &fieldEntry{Entry: widget.Entry{PlaceHolder: lang.L("Type a name, e-mail or badge code to add someone"), OnChanged: p.onSearch}}
	p.search.ExtendBaseWidget(p.search)
	p.hint = &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	p.hint.Hide()
	p.results = &widget.List{
		Length:     func() int { return len(p.found) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(personChoiceText(p.found[id]))
		},
		OnSelected: p.onPick,
	}
	p.results.ExtendBaseWidget(p.results)
	p.results.Hide()
	p.chosen = container.NewVBox()
	p.showPicked()
	p.space = canvas.NewRectangle(color.Transparent)
	p.content = container.NewVBox(p.chosen, p.search, p.hint, container.NewStack(p.space, p.results))
	return p
}

// personChoiceText is a name with what tells two namesakes apart.
func personChoiceText(p data.PersonRow) string {
	return joinNonEmpty(" · ", personHeading(p.Person), p.OrgName, p.Email)
}

func (p *personPicker) ids() []string {
	ids := make([]string, len(p.picked))
	for i, person := range p.picked {
		ids[i] = person.ID
	}
	return ids
}

func (p *personPicker) onSearch(text string) {
	p.asked++
	asked := p.asked
	if joinNonEmpty("", text) == "" {
		p.showFound(nil, nil, text)
		return
	}
	ctx := p.ctx
	go func() {
		rows, err := p.store.ListPeople(ctx, data.PeopleFilter{Query: text}, 0, pickerResults)
		p.do(func() {
			if asked == p.asked { // a later keystroke has its own query
				p.showFound(rows, err, text)
			}
		})
	}()
}

func (p *personPicker) showFound(rows []data.PersonRow, err error, text string) {
	p.found = rows
	p.results.UnselectAll()
	p.results.Refresh()
	switch {
	case err != nil:
		p.hint.SetText(fmt.Sprintf(lang.L("Could not search (%v). Try again."), err))
		p.hint.Show()
	case joinNonEmpty("", text) == "":
		p.hint.Hide()
	case len(rows) == 0:
		p.hint.SetText(fmt.Sprintf(lang.L("No one matches “%s”."), text))
		p.hint.Show()
	default:
		p.hint.SetText(lang.L("Click a name to add them."))
		p.hint.Show()
	}
	if len(rows) == 0 {
		p.results.Hide()
		p.space.SetMinSize(fyne.NewSize(0, 0))
		return
	}
	// Tall enough for a few rows; the list scrolls for more.
	rowHeight := widget.NewLabel("Ag").MinSize().Height + theme.Padding()
	p.space.SetMinSize(fyne.NewSize(0, rowHeight*float32(min(len(rows), 5))))
	p.results.Show()
	p.content.Refresh()
	if p.OnResults != nil {
		p.OnResults()
	}
}

func (p *personPicker) onPick(id widget.ListItemID) {
	if id < 0 || id >= len(p.found) {
		return
	}
	person := p.found[id].Person
	p.results.UnselectAll()
	if !slices.ContainsFunc(p.picked, func(q data.Person) bool { return q.ID == person.ID }) {
		p.picked = append(p.picked, person)
		p.showPicked()
		p.changed()
	}
	p.search.SetText("")
}

// setPicked replaces the chosen people, e.g. with a list another laptop saved.
func (p *personPicker) setPicked(people []data.Person) {
	p.picked = slices.Clone(people)
	p.showPicked()
	p.changed()
}

func (p *personPicker) remove(id string) {
	p.picked = slices.DeleteFunc(p.picked, func(q data.Person) bool { return q.ID == id })
	p.showPicked()
	p.changed()
}

func (p *personPicker) changed() {
	if p.OnChange != nil {
		p.OnChange()
	}
}

func (p *personPicker) showPicked() {
	p.chosen.Objects = nil
	if len(p.picked) == 0 {
		p.chosen.Add(&widget.Label{Text: lang.L("No one yet."), Importance: widget.LowImportance})
	}
	for _, person := range p.picked {
		id := person.ID
		name := &widget.Label{Text: personHeading(person), Truncation: fyne.TextTruncateEllipsis}
		remove := &widget.Button{Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: func() { p.remove(id) }}
		p.chosen.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), remove, name))
	}
	p.chosen.Refresh()
}
