package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// statsEvery is how often the desk's live counts are read again, so that
// check-ins on the other laptops show up.
const statsEvery = 10 * time.Second

// checkInScreen is the welcome desk, built for a queue: one field that
// always has the cursor takes a badge scan (the scanner types the code and
// Enter), an e-mail or a name; Enter checks the person in and shows them in
// large type. Beside it, the live counts. A second tab is the session door.
type checkInScreen struct {
	checkInDeps
	operator string         // who is at the desk, from the mode; recorded with each check-in
	loc      *time.Location // the event's time zone
	now      func() time.Time

	entry    *widget.Entry
	headline *bigText // what just happened
	name     *bigText // Latin name
	kanji    *bigText // kanji name
	details  *bigText // role · organisation
	message  *widget.Label
	undo     *widget.Button
	checkOut *widget.Button
	walkIn   *widget.Button
	badges   *widget.Button
	matches  *widget.List
	matchBox *fyne.Container

	inNow   *bigText
	byRole  *barChart
	recent  *widget.Label
	problem *widget.Label

	result     *fyne.Container // the lines above, laid out again when they change
	counts     *fyne.Container
	desk       fyne.CanvasObject
	tabs       *container.AppTabs
	attendance *attendanceScreen
	content    fyne.CanvasObject

	matchRows []data.PersonRow
	person    data.PersonRow // shown now; empty ID when no one
	lastRow   data.Checkin   // what Undo takes back; empty ID when nothing
	unknown   string         // what was typed that matched no one, for a walk-in
	walkForm  *walkInForm    // the walk-in form while it shows
	stats     data.CheckInStats
}

// checkInStore is what the welcome desk, its walk-ins and the session
// door read and write.
type checkInStore interface {
	attendanceStore
	Event(ctx context.Context) (data.Event, error)
	CheckIn(ctx context.Context, key, operator string) (data.CheckInResult, error)
	CheckInPerson(ctx context.Context, personID, operator string) (data.CheckInResult, error)
	RegisterWalkIn(ctx context.Context, p *data.Person, operator string) (data.CheckInResult, error)
	SavePersonInOrganisation(ctx context.Context, p *data.Person, orgName string) error
	CheckOut(ctx context.Context, key, operator string) (data.CheckOutResult, error)
	UndoCheckIn(ctx context.Context, checkinID, operator string) (data.Checkin, error)
	CheckInStats(ctx context.Context) (data.CheckInStats, error)
}

type checkInDeps struct {
	screenEnv
	store         checkInStore
	showDialog    func(dialog.Dialog)
	onPrintBadges func()
	focus         func(fyne.Focusable) // the window canvas's Focus
	active        func() bool          // whether the desk is on screen, for the ticker
}

func newCheckInScreen(d checkInDeps) *checkInScreen {
	s := &checkInScreen{checkInDeps: d, loc: time.UTC, now: time.Now}
	s.buildUI()
	go s.tick(d.ctx)
	return s
}

func (s *checkInScreen) buildUI() {
	s.entry = &widget.Entry{PlaceHolder: lang.L("Scan, or type a code, e-mail or name"),
		OnSubmitted: s.onSubmit}
	s.entry.ExtendBaseWidget(s.entry)
	s.headline = newBigText(28, true)
	s.name = newBigText(44, true)
	s.kanji = newBigText(40, false)
	s.details = newBigText(22, false)
	s.message = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.undo = &widget.Button{Text: lang.L("Undo"), Icon: theme.ContentUndoIcon(), OnTapped: s.onUndo}
	s.checkOut = &widget.Button{Text: lang.L("Check out"), Icon: theme.LogoutIcon(), OnTapped: s.onCheckOut}
	s.walkIn = &widget.Button{Text: lang.L("Register walk-in…"), Icon: theme.ContentAddIcon(), OnTapped: s.onWalkIn}
	s.badges = &widget.Button{Text: lang.L("Print badges…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() {
		if s.onPrintBadges != nil {
			s.onPrintBadges()
		}
	}}
	s.undo.Disable()
	s.checkOut.Disable()
	s.matches = &widget.List{
		Length:     func() int { return len(s.matchRows) },
		CreateItem: func() fyne.CanvasObject { return newTwoLineRow() },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.matchRows[id]
			o.(*twoLineRow).set(displayHeading(p.Person), joinNonEmpty(" · ", rolesText(p.Roles), p.OrgName, p.Email, p.BadgeCode))
		},
		OnSelected: s.onMatchSelected,
	}
	s.matches.ExtendBaseWidget(s.matches)
	s.matchBox = container.NewStack(withMinSize(s.matches, fyne.NewSize(0, 200)))
	s.matchBox.Hide()

	s.inNow = newBigText(36, true)
	s.byRole = newBarChart()
	// Wrapped, not truncated: a name with kanji is wider than the column
	// and a desk helper must read all of it.
	s.recent = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.Hide()

	buttons := buttonGrid(180, s.undo, s.checkOut, s.walkIn, s.badges)
	s.result = container.NewVBox(s.headline, s.name, s.kanji, s.details, s.message, s.matchBox)
	left := readingBorder(container.NewVBox(s.entry, buttons, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(s.result))
	s.counts = container.NewVBox(
		&widget.Label{Text: lang.L("Checked in now"), TextStyle: fyne.TextStyle{Bold: true}},
		s.inNow, s.byRole, widget.NewSeparator(),
		&widget.Label{Text: lang.L("Last ten check-ins"), TextStyle: fyne.TextStyle{Bold: true}},
		s.recent, s.problem)
	right := withMinSize(container.NewVScroll(s.counts), fyne.NewSize(215, 0))
	s.desk = container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewSeparator(), right), left)
	s.showWelcome()

	s.attendance = newAttendanceScreen(s.screenEnv, s.store, s.focus)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Welcome desk"), theme.ConfirmIcon(), s.desk),
		container.NewTabItemWithIcon(lang.L("Session door"), theme.CalendarIcon(), s.attendance.content))
	s.tabs.OnSelected = func(*container.TabItem) { s.refresh() }
	s.content = s.tabs
}

// showWelcome is the desk before anyone is checked in.
func (s *checkInScreen) showWelcome() {
	s.headline.SetText(lang.L("Ready"), theme.ColorNamePlaceHolder)
	s.clearPerson()
	s.message.SetText(lang.L("Scan a badge or type a badge code, e-mail or full name and press Enter. " +
		"Someone not registered: type their name, press Enter, then “Register walk-in…”."))
}

// refresh reads the event's time zone and the counts, and gives the
// entry the cursor; the window calls it when the screen is shown.
func (s *checkInScreen) refresh() {
	if s.tabs.SelectedIndex() == 1 {
		s.attendance.operator = s.operator
		s.attendance.refresh()
		return
	}
	ctx := s.ctx
	go func() {
		event, err := s.store.Event(ctx)
		s.do(func() {
			if err == nil {
				s.loc = event.Location()
				s.attendance.loc = s.loc
			}
		})
	}()
	s.refreshStats()
	s.refocus()
}

// refocus gives the entry the cursor again, so the next scan lands in it.
func (s *checkInScreen) refocus() {
	s.result.Refresh()
	if s.focus != nil && s.walkForm == nil {
		s.focus(s.entry)
	}
}

// tick reads the counts again every statsEvery while the desk shows.
func (s *checkInScreen) tick(ctx context.Context) {
	t := time.NewTicker(statsEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.do(func() {
				if s.active != nil && s.active() && s.tabs.SelectedIndex() == 0 {
					s.refreshStats()
				}
			})
		}
	}
}

func (s *checkInScreen) refreshStats() {
	ctx := s.ctx
	go func() {
		stats, err := s.store.CheckInStats(ctx)
		s.do(func() { s.showStats(stats, err) })
	}()
}

func (s *checkInScreen) showStats(stats data.CheckInStats, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.problem.SetText(fmt.Sprintf(lang.L("Could not read the counts (%v); they are read again in a few seconds."), err))
			s.problem.Show()
		}
		return
	}
	s.problem.Hide()
	s.stats = stats
	s.inNow.SetText(groupThousands(stats.In), theme.ColorNamePrimary)
	var bars []chartBar
	for _, r := range data.Roles {
		bars = append(bars, chartBar{Label: lang.L(roleLabels[r]), Value: stats.ByRole[r]})
	}
	s.byRole.setBars(bars)
	var lines []string
	for _, r := range stats.Recent {
		lines = append(lines, r.Checkin.At.In(s.loc).Format("15:04")+"  "+displayHeading(r.Person.Person))
	}
	if len(lines) == 0 {
		lines = []string{lang.L("No one yet.")}
	}
	s.recent.SetText(strings.Join(lines, "\n"))
	s.counts.Refresh() // the chart may have grown
}

// onSubmit checks in whoever the entry names. The entry is emptied at
// once, so that the next scan can follow while this one is recorded.
func (s *checkInScreen) onSubmit(text string) {
	key := strings.TrimSpace(text)
	s.entry.SetText("")
	s.refocus()
	if key == "" {
		return
	}
	ctx, operator := s.ctx, s.operator
	go func() {
		res, err := s.store.CheckIn(ctx, key, operator)
		s.do(func() { s.showCheckIn(key, res, err) })
	}()
}

func (s *checkInScreen) onMatchSelected(id widget.ListItemID) {
	if id < 0 || id >= len(s.matchRows) {
		return
	}
	p := s.matchRows[id]
	s.matches.UnselectAll()
	ctx, operator := s.ctx, s.operator
	go func() {
		res, err := s.store.CheckInPerson(ctx, p.ID, operator)
		s.do(func() { s.showCheckIn(p.DisplayName(), res, err) })
	}()
}

// showCheckIn shows what a check-in did: who, or why not.
func (s *checkInScreen) showCheckIn(key string, res data.CheckInResult, err error) {
	defer s.refocus()
	s.matchBox.Hide()
	s.unknown = ""
	var ambiguous *data.AmbiguousError
	switch {
	case errors.Is(err, context.Canceled):
		return
	case errors.As(err, &ambiguous):
		s.clearPerson()
		s.headline.SetText(fmt.Sprintf(lang.L("%d people match “%s”"), len(ambiguous.Matches), key), theme.ColorNameWarning)
		s.message.SetText(lang.L("Click the right one to check them in, or scan their badge."))
		s.matchRows = ambiguous.Matches
		s.matches.Refresh()
		s.matchBox.Show()
		return
	case errors.Is(err, data.ErrNotFound):
		s.clearPerson()
		s.unknown = key
		s.headline.SetText(fmt.Sprintf(lang.L("No one found for “%s”"), key), theme.ColorNameError)
		s.message.SetText(lang.L("Check the spelling, try the e-mail or the badge code, or register them as a walk-in (the button above)."))
		return
	case err != nil:
		s.clearPerson()
		s.headline.SetText(lang.L("Not checked in"), theme.ColorNameError)
		s.message.SetText(fmt.Sprintf(lang.L("Could not check in “%s” (%v). Try again."), key, err))
		return
	}
	s.showPerson(res.Person)
	if res.AlreadyIn {
		s.headline.SetText(s.alreadyText(res.Since, res.Laptop), theme.ColorNameWarning)
		s.message.SetText(lang.L("Nothing new was recorded. Check out if they are leaving."))
		s.lastRow = data.Checkin{}
		s.undo.Disable()
	} else {
		s.headline.SetText(lang.L("Checked in"), theme.ColorNameSuccess)
		s.message.SetText("")
		s.lastRow = res.Recorded
		s.undo.Enable()
	}
	s.refreshStats()
}

// alreadyText is "Already checked in at 10:42 on desk-1", in the event's
// time zone, with the date when it was another day.
func (s *checkInScreen) alreadyText(since time.Time, laptop string) string {
	at := since.In(s.loc)
	when := at.Format("15:04")
	if !sameDay(at, s.now().In(s.loc)) {
		when += at.Format(" (Mon 2 Jan)")
	}
	if laptop == "" {
		return fmt.Sprintf(lang.L("Already checked in at %s"), when)
	}
	return fmt.Sprintf(lang.L("Already checked in at %s on %s"), when, laptop)
}

func (s *checkInScreen) showPerson(p data.PersonRow) {
	s.person = p
	latin := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	kanji := displayKanji(p.KanjiName)
	if latin == "" {
		latin, kanji = kanji, ""
	}
	s.name.SetText(latin, "")
	s.kanji.SetText(kanji, "")
	s.details.SetText(joinNonEmpty(" · ", rolesText(p.Roles), p.OrgName), theme.ColorNamePlaceHolder)
	s.checkOut.Enable()
}

func (s *checkInScreen) clearPerson() {
	s.person = data.PersonRow{}
	s.lastRow = data.Checkin{}
	s.name.SetText("", "")
	s.kanji.SetText("", "")
	s.details.SetText("", "")
	s.undo.Disable()
	s.checkOut.Disable()
}

// personKey is how the desk names a person to the store: the badge code,
// which every person has, else the e-mail.
func personKey(p data.PersonRow) string {
	if p.BadgeCode != "" {
		return p.BadgeCode
	}
	return p.Email
}

// onUndo takes back the last check-in or check-out shown.
func (s *checkInScreen) onUndo() {
	row, p := s.lastRow, s.person
	if row.ID == "" {
		return
	}
	s.undo.Disable()
	ctx, operator := s.ctx, s.operator
	go func() {
		_, err := s.store.UndoCheckIn(ctx, row.ID, operator)
		s.do(func() {
			defer s.refocus()
			if err != nil {
				s.message.SetText(fmt.Sprintf(lang.L("Could not undo (%v). Try again."), err))
				s.undo.Enable()
				return
			}
			s.lastRow = data.Checkin{}
			if row.Action == data.CheckedOut {
				s.headline.SetText(lang.L("Check-out undone: still checked in"), theme.ColorNamePrimary)
			} else {
				s.headline.SetText(lang.L("Check-in undone: not checked in"), theme.ColorNamePrimary)
			}
			s.message.SetText(fmt.Sprintf(lang.L("%s's record is as it was before."), p.DisplayName()))
			s.refreshStats()
		})
	}()
}

// onCheckOut records that the person shown is leaving.
func (s *checkInScreen) onCheckOut() {
	p := s.person
	if p.ID == "" {
		return
	}
	ctx, operator := s.ctx, s.operator
	go func() {
		res, err := s.store.CheckOut(ctx, personKey(p), operator)
		s.do(func() {
			defer s.refocus()
			switch {
			case err != nil:
				s.message.SetText(fmt.Sprintf(lang.L("Could not check out %s (%v). Try again."), p.DisplayName(), err))
			case res.NotIn:
				s.headline.SetText(lang.L("Not checked in, so not checked out"), theme.ColorNameWarning)
				s.message.SetText("")
			default:
				s.headline.SetText(fmt.Sprintf(lang.L("Checked out at %s"), res.Recorded.At.In(s.loc).Format("15:04")), theme.ColorNamePrimary)
				s.message.SetText("")
				s.lastRow = res.Recorded
				s.undo.Enable()
			}
			s.refreshStats()
		})
	}()
}

// displayKanji shows a kanji name's ideographic space as a plain one: not
// every font the app may fall back to has a glyph for it.
func displayKanji(name string) string { return strings.ReplaceAll(name, "\u3000", " ") }

// displayHeading is personHeading with the kanji name as displayKanji shows it.
func displayHeading(p data.Person) string { return displayKanji(personHeading(p)) }
