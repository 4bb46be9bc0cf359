package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/fairdesk/fairdesk/data"
)

// TestLastTenCheckInsShowWholeKanjiName: the narrow column of recent
// check-ins used to cut a name with kanji off with an ellipsis.
func TestLastTenCheckInsShowWholeKanjiName(t *testing.T) {
	f := newDeskFixture(t)
	long := savePeople(t, f.st, data.Person{GivenName: "Shotaro", FamilyName: "Yamanouchi", KanjiName: "山之内 翔太郎",
		Roles: data.NewSet(string(data.RoleJobSeeker)), BadgeCode: "K00007"})[0]
	s, w, q := newTestCheckIn(t, f)
	w.Resize(fyne.NewSize(1280, 800))
	scan(t, w.Canvas(), "K00007")
	q.waitFor(t, "count 1", func() bool { return s.stats.In == 1 })
	want := displayHeading(long)
	var shown strings.Builder
	walk(s.recent, func(o fyne.CanvasObject) {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() {
			shown.WriteString(txt.Text)
		}
	})
	got := strings.ReplaceAll(shown.String(), " ", "")
	if !strings.Contains(got, strings.ReplaceAll(want, " ", "")) || strings.Contains(got, "…") {
		t.Errorf("last ten check-ins show %q, want the whole of %q", shown.String(), want)
	}
}
