package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// exhibitorsScreen lists the booths by code with their organisation,
// location and how many people staff them.
type exhibitorsScreen struct {
	store Store
	do    uiDo
	ctx   context.Context

	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject

	booths []data.BoothRow
}

func newExhibitorsScreen(ctx context.Context, store Store, do uiDo) *exhibitorsScreen {
	s := &exhibitorsScreen{store: store, do: do, ctx: ctx}
	s.buildUI()
	return s
}

func (s *exhibitorsScreen) buildUI() {
	s.summary = &widget.Label{Text: "Reading the booths…", Wrapping: fyne.TextWrapWord}
	s.list = &widget.List{
		Length:     func() int { return len(s.booths) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, item fyne.CanvasObject) {
			b := s.booths[id]
			org := b.OrgName
			if org == b.Name {
				org = "" // already the booth's name
			}
			item.(*twoLineRow).set(joinNonEmpty("  ", b.Code, b.Name),
				joinNonEmpty(" · ", org, b.Location, staffText(len(b.Staff))))
		},
	}
	s.list.ExtendBaseWidget(s.list)
	s.content = container.NewBorder(s.summary, nil, nil, nil, s.list)
}

func staffText(n int) string {
	if n == 0 {
		return "no staff yet"
	}
	return countOf(n, "staff member", "staff")
}

func (s *exhibitorsScreen) refresh() {
	ctx := s.ctx
	go func() {
		booths, err := s.store.Booths(ctx)
		s.do(func() { s.show(booths, err) })
	}()
}

func (s *exhibitorsScreen) show(booths []data.BoothRow, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.summary.SetText(fmt.Sprintf("Could not read the booths (%v). Restart Fairdesk and try again.", err))
		}
		return
	}
	s.booths = booths
	if len(booths) == 0 {
		s.summary.SetText("No booths yet.")
	} else {
		s.summary.SetText(countOf(len(booths), "booth", "booths"))
	}
	s.list.Refresh()
}
