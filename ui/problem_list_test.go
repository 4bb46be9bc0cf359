package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/sheets"
)

// A problem too long for the dialog's width reads whole below the list:
// the first at once, another once it is selected.
func TestAProblemTooLongForTheListReadsWholeBelowIt(t *testing.T) {
	test.NewTempApp(t)
	p := newProblemList()
	long := "the host named in column “Who would you like to meet? (third choice)” is neither a booth code nor the e-mail of a mentor or recruiter " + strings.Repeat("of this event ", 8)
	p.set([]sheets.Problem{{Line: 4, Message: long}, {Line: 9, Message: "no job seeker has this e-mail"}})
	if got := p.whole.Text; !strings.HasSuffix(got, long) || !strings.HasPrefix(got, "Line 4: ") {
		t.Errorf("below the list: %q", got)
	}
	w := test.NewWindow(p.content)
	defer w.Close()
	w.Resize(fyne.NewSize(700, 300))
	p.list.Select(1)
	if p.below.Visible() {
		t.Errorf("a line that fits the list is said again below it: %q", p.whole.Text)
	}
	p.list.Select(0)
	if got := p.whole.Text; !p.below.Visible() || !strings.HasSuffix(got, long) {
		t.Errorf("selected again, the long line reads %q below the list (shown: %v)", got, p.below.Visible())
	}
	p.set(nil)
	if p.below.Visible() {
		t.Errorf("with no problems: %q", p.whole.Text)
	}
}
