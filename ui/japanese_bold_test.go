package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// ink is how much of the space text drawn in the Japanese theme covers:
// black text on white, summed over its pixels (a pixel of full black
// counts one).
func ink(t *testing.T, text string, style fyne.TextStyle) int {
	t.Helper()
	c := canvas.NewText(text, color.Black)
	c.TextSize, c.TextStyle = 24, style
	bg := canvas.NewRectangle(color.White)
	w := test.NewWindow(container.NewStack(bg, container.NewCenter(c)))
	defer w.Close()
	w.Resize(fyne.NewSize(400, 80))
	img := w.Canvas().Capture()
	var sum float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, _, _, _ := img.At(x, y).RGBA()
			sum += float64(0xffff-r) / 0xffff
		}
	}
	return int(sum)
}

// Bold Japanese text is drawn bold: the Japanese font had no bold face, so
// titles and names in bold looked like the text around them.
func TestJapaneseBoldTextIsBold(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newFairdeskTheme())
	for _, text := range []string{"受付と来訪者", "山田 太郎", "Alumni Careers Fair"} {
		regular, bold := ink(t, text, fyne.TextStyle{}), ink(t, text, fyne.TextStyle{Bold: true})
		if regular < 100 {
			t.Fatalf("%q drew %d pixels of ink: the font did not draw", text, regular)
		}
		// The same font drew both with the same ink; the bold face has
		// thicker strokes (about 10% more ink than IPA P Gothic's regular).
		if float64(bold) < 1.05*float64(regular) {
			t.Errorf("%q in bold has %d pixels of ink, regular %d: not bold", text, bold, regular)
		}
	}
	th := a.Settings().Theme()
	if th.Font(fyne.TextStyle{Bold: true}) == th.Font(fyne.TextStyle{}) {
		t.Error("the theme gives bold text the regular font")
	}
}
