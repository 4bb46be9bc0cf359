package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

type checkInScreen struct {
	store         Store
	do            uiDo
	ctx           context.Context
	operator      string
	showDialog    func(dialog.Dialog)
	onPrintBadges func()
	content       fyne.CanvasObject
}

func newCheckInScreen(ctx context.Context, store Store, do uiDo) *checkInScreen {
	s := &checkInScreen{store: store, do: do, ctx: ctx}
	s.content = widget.NewLabel("Check-in")
	return s
}

func (s *checkInScreen) refresh() {}
