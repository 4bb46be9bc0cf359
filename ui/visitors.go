package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

type visitorsScreen struct {
	store      Store
	do         uiDo
	ctx        context.Context
	boothID    string
	staff      string
	onExport   func()
	showDialog func(dialog.Dialog)
	content    fyne.CanvasObject
}

func newVisitorsScreen(ctx context.Context, store Store, do uiDo) *visitorsScreen {
	s := &visitorsScreen{store: store, do: do, ctx: ctx}
	s.content = widget.NewLabel("Visitors")
	return s
}

func (s *visitorsScreen) setBooth(id, staff string) { s.boothID, s.staff = id, staff }
func (s *visitorsScreen) refresh()                  {}

func (s *visitorsScreen) focusEntry() {}
