package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// fitColumns lays its objects out in as many equal columns as fit side by
// side, up to one column each, and stretches them across the width: a
// fixed number of columns made My booth wider than an 800x600 screen in
// Japanese, whose card titles are wider. Its height is that of the rows
// of its last layout, as Fyne's GridWrap does.
type fitColumns struct{ cols int }

// newFitColumns is a container of objects in fitColumns.
func newFitColumns(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&fitColumns{cols: 1}, objects...)
}

func (*fitColumns) cell(objects []fyne.CanvasObject) fyne.Size {
	var cell fyne.Size
	for _, o := range objects {
		if o.Visible() {
			cell = cell.Max(o.MinSize())
		}
	}
	return cell
}

func (*fitColumns) visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var shown []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			shown = append(shown, o)
		}
	}
	return shown
}

// columns is how many columns of cell fit in width, for n objects.
func (*fitColumns) columns(n int, cell fyne.Size, width float32) int {
	pad := theme.Padding()
	cols := 1
	for cols < n && float32(cols+1)*cell.Width+float32(cols)*pad <= width {
		cols++
	}
	return cols
}

// MinSize is one column wide, as tall as the rows of the last layout.
func (l *fitColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	shown := l.visible(objects)
	if len(shown) == 0 {
		return fyne.Size{}
	}
	cell := l.cell(shown)
	rows := (len(shown) + l.cols - 1) / l.cols
	return fyne.NewSize(cell.Width, float32(rows)*cell.Height+float32(rows-1)*theme.Padding())
}

func (l *fitColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	shown := l.visible(objects)
	if len(shown) == 0 {
		return
	}
	cell := l.cell(shown)
	pad := theme.Padding()
	cols := l.columns(len(shown), cell, size.Width)
	l.cols = cols
	width := (size.Width - float32(cols-1)*pad) / float32(cols)
	for i, o := range shown {
		row, col := i/cols, i%cols
		o.Move(fyne.NewPos(float32(col)*(width+pad), float32(row)*(cell.Height+pad)))
		o.Resize(fyne.NewSize(width, cell.Height))
	}
}
