package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data/sheets"
)

// problemList is the list of what is wrong with a file being imported,
// a line each, cut to the dialog's width; the line selected (the first
// until another is), when cut, shows whole below it, wrapped and in the
// warning colour, so that a long one can be read to its end.
type problemList struct {
	lines   []string
	list    *widget.List
	whole   *widget.Label
	below   *fyne.Container // whole, under a line, three lines tall
	content fyne.CanvasObject
}

func newProblemList() *problemList {
	p := &problemList{whole: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}}
	p.list = &widget.List{
		Length:     func() int { return len(p.lines) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.lines[id]) },
		OnSelected: p.showWhole,
	}
	p.list.ExtendBaseWidget(p.list)
	// Three lines tall, scrolled when longer: a wrapped label sizes itself
	// only once it has a width.
	scroll := container.NewVScroll(p.whole)
	scroll.SetMinSize(fyne.NewSize(0, 3*fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height+2*theme.InnerPadding()))
	p.below = container.NewVBox(widget.NewSeparator(), scroll)
	p.content = container.NewBorder(nil, p.below, nil, nil, p.list)
	return p
}

// set shows problems, the first of them whole.
func (p *problemList) set(problems []sheets.Problem) {
	p.lines = p.lines[:0]
	for _, pr := range problems {
		p.lines = append(p.lines, importProblemLine(pr))
	}
	p.list.UnselectAll()
	p.list.Refresh()
	p.whole.SetText("")
	p.below.Hide()
	if len(p.lines) > 0 {
		p.list.Select(0)
	}
}

// showWhole shows line id below the list when the list cuts it short
// (or is not laid out yet): one that fits is not said twice.
func (p *problemList) showWhole(id widget.ListItemID) {
	line := p.lines[id]
	width := fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	if listWidth := p.list.Size().Width; listWidth > 0 && width <= listWidth {
		p.below.Hide()
		return
	}
	p.whole.SetText(line)
	p.below.Show()
}
