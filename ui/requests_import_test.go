package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// File → Import meeting requests…: the registration form's answers are
// checked first, the dialog says what they hold and lists the row it
// cannot read by line, Import stays off until the good rows alone are
// asked for, and then the seeker's choices are recorded in their order.
func TestImportMeetingRequestsDialog(t *testing.T) {
	for _, ja := range []bool{false, true} {
		t.Run(map[bool]string{false: "en", true: "ja"}[ja], func(t *testing.T) {
			if ja {
				inJapanese(t)
			}
			f := datatest.NewFair(t)
			w, q := japaneseWindow(t, f.Store, appMode{Name: "Ann"}, fyne.NewSize(800, 600))
			form := "Timestamp,Email Address,Who would you like to meet?\n" +
				"2026-10-01,alice@example.com,\"A01\nTaro Yamada\"\n" +
				"2026-10-01,someone@example.com,A01\n"
			imp := &requestsImport{importDeps: w.importer.importDeps, name: "form.csv", content: []byte(form)}
			imp.check()
			q.waitFor(t, "the check", func() bool { return imp.dlg != nil })
			want := map[bool][]string{
				false: {"“form.csv” holds 2 meeting requests: 2 new, 0 re-ranked, 0 as they are already.", "1 problem found while importing.",
					"Line 4: no one has the job seeker's e-mail address or badge code"},
				true: {"「form.csv」には2 件の面談希望があります。新規 2 件、順位の変更 0 件、変更なし 0 件。", "取り込み中に1 件の問題が見つかりました。"},
			}[ja]
			shown := shownText(w.win.Canvas().Overlays().Top()) + "\n" + strings.Join(imp.problems.lines, "\n")
			for _, text := range want {
				if !strings.Contains(shown, text) {
					t.Errorf("the dialog lacks %q:\n%s", text, shown)
				}
			}
			if !imp.doImport.Disabled() {
				t.Error("Import is offered for a file with a bad row")
			}
			if got, _ := f.Store.MeetingRequests(t.Context()); len(got) != 0 {
				t.Fatalf("the check recorded %d requests", len(got))
			}
			if min := w.win.Canvas().Overlays().Top().MinSize(); min.Width > 800 {
				t.Errorf("the dialog needs %.0f pixels across", min.Width)
			}
			test.Tap(imp.skipBad)
			test.Tap(imp.doImport)
			q.waitFor(t, "the import", func() bool { return imp.done })
			got, err := f.Store.MeetingRequests(t.Context())
			datatest.Must(t, err)
			if len(got) != 2 || got[0].Host != data.BoothHost(f.Booth.ID) || got[1].Host != data.PersonHost(f.Taro.ID) || got[1].Rank != 2 {
				t.Errorf("requests %+v, want Alice's booth first and Taro second", got)
			}
		})
	}
}
