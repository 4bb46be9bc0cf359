package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

type boothStatsScreen struct {
	store    Store
	do       uiDo
	ctx      context.Context
	onExport func()
	content  fyne.CanvasObject
}

func newBoothStatsScreen(ctx context.Context, store Store, do uiDo) *boothStatsScreen {
	s := &boothStatsScreen{store: store, do: do, ctx: ctx}
	s.content = widget.NewLabel("Visits")
	return s
}

func (s *boothStatsScreen) refresh() {}
