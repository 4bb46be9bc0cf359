package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

type myBoothScreen struct {
	store   Store
	do      uiDo
	ctx     context.Context
	boothID string
	staff   string
	content fyne.CanvasObject
}

func newMyBoothScreen(ctx context.Context, store Store, do uiDo) *myBoothScreen {
	s := &myBoothScreen{store: store, do: do, ctx: ctx}
	s.content = widget.NewLabel("My booth")
	return s
}

func (s *myBoothScreen) setBooth(id, staff string) { s.boothID, s.staff = id, staff }
func (s *myBoothScreen) refresh()                  {}
