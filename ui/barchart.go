package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartBar is one bar: what it counts and how many.
type chartBar struct {
	Label string
	Value int
}

// barChart draws horizontal bars, each with its label on the left and its
// value at its end. Its minimum size fits every label and value, so text
// is never cut; the bars take what width is left.
type barChart struct {
	widget.BaseWidget
	bars []chartBar
}

func newBarChart() *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *barChart) setBars(bars []chartBar) {
	c.bars = bars
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	chart   *barChart
	labels  []*canvas.Text
	rects   []*canvas.Rectangle
	values  []*canvas.Text
	objects []fyne.CanvasObject
}

const minBarArea = 60 // the least width left for the longest bar

func (r *barChartRenderer) Destroy() {}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// columns measures the widest label and value, and one row's height.
func (r *barChartRenderer) columns() (labelWidth, valueWidth, rowHeight float32) {
	for i := range r.labels {
		labelWidth = max(labelWidth, r.labels[i].MinSize().Width)
		valueWidth = max(valueWidth, r.values[i].MinSize().Width)
		rowHeight = max(rowHeight, r.labels[i].MinSize().Height)
	}
	return labelWidth, valueWidth, rowHeight + theme.Padding()*2
}

func (r *barChartRenderer) MinSize() fyne.Size {
	labelWidth, valueWidth, rowHeight := r.columns()
	pad := theme.Padding()
	return fyne.NewSize(labelWidth+valueWidth+minBarArea+pad*3, rowHeight*float32(len(r.labels)))
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	labelWidth, valueWidth, rowHeight := r.columns()
	pad := theme.Padding()
	most := 0
	for _, b := range r.chart.bars {
		most = max(most, b.Value)
	}
	area := max(size.Width-labelWidth-valueWidth-pad*3, 0)
	for i := range r.labels {
		top := rowHeight * float32(i)
		label := r.labels[i]
		label.Move(fyne.NewPos(labelWidth-label.MinSize().Width, top+pad))
		label.Resize(label.MinSize())
		width := float32(0)
		if most > 0 && i < len(r.chart.bars) {
			width = area * float32(r.chart.bars[i].Value) / float32(most)
			if r.chart.bars[i].Value > 0 {
				width = max(width, 2)
			}
		}
		r.rects[i].Move(fyne.NewPos(labelWidth+pad, top+pad))
		r.rects[i].Resize(fyne.NewSize(width, rowHeight-pad*2))
		r.values[i].Move(fyne.NewPos(labelWidth+pad*2+width, top+pad))
		r.values[i].Resize(r.values[i].MinSize())
	}
}

func (r *barChartRenderer) Refresh() {
	bars := r.chart.bars
	fg := theme.Color(theme.ColorNameForeground)
	for len(r.labels) < len(bars) {
		r.labels = append(r.labels, canvas.NewText("", fg))
		r.rects = append(r.rects, canvas.NewRectangle(nil))
		r.values = append(r.values, canvas.NewText("", fg))
	}
	r.labels, r.rects, r.values = r.labels[:len(bars)], r.rects[:len(bars)], r.values[:len(bars)]
	r.objects = r.objects[:0]
	size := theme.TextSize()
	for i, b := range bars {
		r.labels[i].Text, r.labels[i].Color, r.labels[i].TextSize = b.Label, fg, size
		r.values[i].Text, r.values[i].Color, r.values[i].TextSize = groupThousands(b.Value), fg, size
		r.values[i].TextStyle = fyne.TextStyle{Bold: true}
		r.rects[i].FillColor = theme.Color(theme.ColorNamePrimary)
		r.rects[i].CornerRadius = theme.InputRadiusSize() / 2
		r.objects = append(r.objects, r.labels[i], r.rects[i], r.values[i])
	}
	r.Layout(r.chart.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// chartText is the chart as text, for tests and screen readers to come.
func (c *barChart) chartText() string {
	text := ""
	for _, b := range c.bars {
		text += b.Label + ": " + strconv.Itoa(b.Value) + "\n"
	}
	return text
}
