package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// buttonGrid lays buttons out in cells of one size that wrap onto more
// rows in a narrow window: at least width wide, and wider when a label
// needs it, so that no label is cut off in a longer language (Japanese
// "Add walk-in lead…" needs 196 of the 160 pixels the booth's buttons had).
func buttonGrid(width float32, buttons ...fyne.CanvasObject) *fyne.Container {
	cell := fyne.NewSize(width, 40)
	for _, b := range buttons {
		cell = cell.Max(b.MinSize())
	}
	return container.NewGridWrap(cell, buttons...)
}
