package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// TestSpeakerSearchResultsShowInsideTheDialog: the speaker search results
// appeared below the visible part of the session dialog's scrolling form.
func TestSpeakerSearchResultsShowInsideTheDialog(t *testing.T) {
	st, _ := agendaFixture(t)
	s, q, _ := newTestAgenda(t, st, fyne.NewSize(1000, 700))
	s.onAdd()
	f := s.form
	f.speakers.search.SetText("yam")
	q.waitFor(t, "speaker found", func() bool { return len(f.speakers.found) == 1 })
	d := fyne.CurrentApp().Driver()
	var scroll *container.Scroll // the form's, inside the dialog
	scroll = f.dlg.scroll
	top := d.AbsolutePositionForObject(scroll).Y
	bottom := top + scroll.Size().Height
	res := d.AbsolutePositionForObject(f.speakers.results).Y
	if res < top || res+f.speakers.results.Size().Height > bottom+1 {
		t.Errorf("the results at y %.0f–%.0f are outside the dialog's visible form, y %.0f–%.0f",
			res, res+f.speakers.results.Size().Height, top, bottom)
	}
}
