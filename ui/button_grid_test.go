package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// cutButtons names the buttons showing in o that are narrower than their
// label and icon need: their text is cut off.
func cutButtons(o fyne.CanvasObject) []string {
	var cut []string
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text != "" && b.Size().Width+0.5 < b.MinSize().Width {
			cut = append(cut, fmt.Sprintf("%q (%.0f of %.0f px)", b.Text, b.Size().Width, b.MinSize().Width))
		}
	})
	return cut
}

func TestJapaneseButtonLabelsAreWholeAt800x600(t *testing.T) {
	inJapanese(t)
	f := newDeskFixture(t)
	booth := appMode{Exhibitor: true, BoothID: f.booth.ID, Name: "Ben"}
	for _, m := range []appMode{booth, {Name: "Ann"}} {
		w, q := japaneseWindow(t, f.st, m, fyne.NewSize(800, 600))
		for _, id := range w.visible {
			w.selectScreen(id)
			q.settle()
			sections := []string{""}
			if id == navSettings {
				sections = w.settings.tabKeys // Settings, section by section
			}
			for _, sec := range sections {
				if sec != "" {
					w.settings.showSection(sec)
				}
				if cut := cutButtons(w.win.Canvas().Content()); len(cut) > 0 {
					t.Errorf("%s %s at 800x600 cuts off %s", w.entries[id].title, sec, strings.Join(cut, ", "))
				}
			}
		}
	}
}
