package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// readingBorder is container.NewBorder with its parts in reading order
// (top, left, the middle, right, bottom), which is the order Tab moves
// the focus in: container.NewBorder puts the middle first, so Tab went
// through a screen's list before the search above it, and through the
// page before the sidebar beside it.
func readingBorder(top, bottom, left, right fyne.CanvasObject, middle ...fyne.CanvasObject) *fyne.Container {
	var parts []fyne.CanvasObject
	for _, o := range [][]fyne.CanvasObject{{top, left}, middle, {right, bottom}} {
		for _, part := range o {
			if part != nil {
				parts = append(parts, part)
			}
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), parts...)
}
