package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bigText is one line of large type, such as the name of the person just
// checked in, readable from a step away. When the line is wider than the
// space it has, the type gets smaller (down to minSize) rather than cut.
type bigText struct {
	widget.BaseWidget
	Text      string
	TextSize  float32 // the size it is drawn at when it fits
	TextStyle fyne.TextStyle
	ColorName fyne.ThemeColorName // theme.ColorNameForeground when empty

	text *canvas.Text
}

const bigTextMinSize = 14

func newBigText(size float32, bold bool) *bigText {
	t := &bigText{TextSize: size, TextStyle: fyne.TextStyle{Bold: bold}}
	t.ExtendBaseWidget(t)
	return t
}

// SetText shows text in the theme colour name (foreground when empty);
// empty text hides the line. The caller lays out the parent again.
func (t *bigText) SetText(text string, colorName fyne.ThemeColorName) {
	t.Text, t.ColorName = text, colorName
	if text == "" {
		t.Hide() // an empty line takes no room
	} else {
		t.Show()
	}
	t.Refresh()
}

func (t *bigText) CreateRenderer() fyne.WidgetRenderer {
	t.text = canvas.NewText("", color.Black)
	r := &bigTextRenderer{t: t}
	r.Refresh()
	return r
}

type bigTextRenderer struct{ t *bigText }

func (r *bigTextRenderer) Destroy()                     {}
func (r *bigTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.text} }

// MinSize keeps the line's height when it is empty, so the desk does not
// jump about between one person and the next.
func (r *bigTextRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", r.t.TextSize, r.t.TextStyle).Height
	return fyne.NewSize(min(fyne.MeasureText(r.t.Text, bigTextMinSize, r.t.TextStyle).Width, 200), h)
}

// fitSize is the largest size up to TextSize at which the text fits width.
func (r *bigTextRenderer) fitSize(width float32) float32 {
	size := r.t.TextSize
	if w := fyne.MeasureText(r.t.Text, size, r.t.TextStyle).Width; w > width && w > 0 {
		size = max(bigTextMinSize, size*width/w*0.98)
	}
	return size
}

func (r *bigTextRenderer) Layout(size fyne.Size) {
	text := r.t.text
	text.TextSize = r.fitSize(size.Width)
	ts := fyne.MeasureText(text.Text, text.TextSize, text.TextStyle)
	text.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
	text.Resize(fyne.NewSize(size.Width, ts.Height))
}

func (r *bigTextRenderer) Refresh() {
	text := r.t.text
	name := r.t.ColorName
	if name == "" {
		name = theme.ColorNameForeground
	}
	text.Text, text.TextStyle = r.t.Text, r.t.TextStyle
	text.Color = theme.Color(name)
	r.Layout(r.t.Size())
	text.Refresh()
}
