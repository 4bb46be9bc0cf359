package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
)

// myBoothScreen is the booth's day at a glance: which booth, who staffs
// it, visits and visitors, visitors per hour as a chart, by role and by
// interest, hot leads and follow-ups still open.
type myBoothScreen struct {
	myBoothDeps

	boothID string
	staff   string

	title      *widget.Label
	where      *widget.Label
	staffNames *widget.Label
	visits     *widget.Card
	visitors   *widget.Card
	hot        *widget.Card
	followUps  *widget.Card
	perHour    *chartOrNote
	byRole     *chartOrNote
	byInterest *chartOrNote
	problem    *widget.Label
	wanted     *wantToMeet
	meetings   *boothMeetings
	body       *fyne.Container
	content    fyne.CanvasObject

	stats data.BoothStats
}

// myBoothStore is what the booth's own screen and its want-to-meet list
// read and write.
type myBoothStore interface {
	wantedStore
	boothMeetingsStore
	Event(ctx context.Context) (data.Event, error)
	Booths(ctx context.Context) ([]data.BoothRow, error)
	BoothStats(ctx context.Context, boothID string, loc *time.Location) (data.BoothStats, error)
}

type myBoothDeps struct {
	screenEnv
	store myBoothStore
	now   func() time.Time // the clock that says which meeting is next; time.Now when nil
	// every is how often the screen reads the booth again while it shows
	// (active), so the next meeting moves on as the day goes; zero: only
	// on refresh.
	every  time.Duration
	active func() bool
}

// myBoothEvery is how often My booth reads its day again while it shows.
const myBoothEvery = 30 * time.Second

func newMyBoothScreen(d myBoothDeps) *myBoothScreen {
	if d.now == nil {
		d.now = time.Now
	}
	s := &myBoothScreen{myBoothDeps: d}
	s.buildUI()
	if d.every > 0 && d.active != nil {
		go refreshWhileShown(s.screenEnv, d.every, d.active, s.refresh)
	}
	return s
}

func (s *myBoothScreen) setBooth(id, staff string) {
	s.boothID, s.staff = id, staff
	s.wanted.setBooth(id)
}

func (s *myBoothScreen) buildUI() {
	s.title = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	s.where = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.staffNames = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.visits = &widget.Card{Title: "…", Subtitle: lang.L("visits")}
	s.visitors = &widget.Card{Title: "…", Subtitle: lang.L("visitors")}
	s.hot = &widget.Card{Title: "…", Subtitle: lang.L("hot leads")}
	s.followUps = &widget.Card{Title: "…", Subtitle: lang.L("follow-ups open")}
	s.perHour = newChartOrNote(lang.L("No visits yet"))
	s.byRole = newChartOrNote(lang.L("No visits yet"))
	s.byInterest = newChartOrNote(lang.L("No visits yet"))
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.Hide()
	counts := newFitColumns(s.visits, s.visitors, s.hot, s.followUps)
	charts := newFitColumns(
		&widget.Card{Title: lang.L("Visitors by role"), Content: s.byRole.content},
		&widget.Card{Title: lang.L("Visitors by interest"), Content: s.byInterest.content})
	s.meetings = newBoothMeetings()
	s.body = container.NewVBox(s.title, s.where, s.staffNames, s.problem, s.meetings.card, counts,
		&widget.Card{Title: lang.L("Visits per hour"), Content: s.perHour.content}, charts)
	s.wanted = newWantToMeet(s.screenEnv, s.store)
	s.body.Add(s.wanted.content)
	s.content = container.NewVScroll(s.body)
}

type myBoothFacts struct {
	booth    data.BoothRow
	staff    []string
	stats    data.BoothStats
	loc      *time.Location
	meetings boothDay
	now      time.Time
}

func (s *myBoothScreen) refresh() {
	if s.boothID == "" {
		s.title.SetText(lang.L("No booth chosen"))
		s.where.SetText(lang.L("Choose your booth in Settings → This laptop."))
		return
	}
	ctx, id, st, now := s.ctx, s.boothID, s.store, s.now()
	go func() {
		f := myBoothFacts{now: now}
		err := func() error {
			f.loc = time.UTC
			var ev data.Event
			if e, err := st.Event(ctx); err == nil {
				ev, f.loc = e, e.Location()
			}
			f.meetings = readBoothDay(ctx, st, id, ev, now, f.loc)
			booths, err := st.Booths(ctx)
			if err != nil {
				return err
			}
			found := false
			for _, b := range booths {
				if b.ID == id {
					f.booth, found = b, true
				}
			}
			if !found {
				return fmt.Errorf("%w: this laptop's booth was removed; choose another in Settings", data.ErrNotFound)
			}
			for _, pid := range f.booth.Staff {
				if p, err := st.Person(ctx, pid); err == nil {
					f.staff = append(f.staff, p.DisplayName())
				}
			}
			f.stats, err = st.BoothStats(ctx, id, f.loc)
			return err
		}()
		s.do(func() { s.show(id, f, err) })
	}()
}

func (s *myBoothScreen) show(id string, f myBoothFacts, err error) {
	if id != s.boothID || errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		s.problem.SetText(fmt.Sprintf(lang.L("Could not read your booth (%v)."), err))
		s.problem.Show()
		return
	}
	s.problem.Hide()
	b := f.booth
	s.title.SetText(boothTitle(b.Booth, b.OrgName))
	org := b.OrgName
	if org == b.Name {
		org = ""
	}
	s.where.SetText(joinNonEmpty(" · ", org, b.Location))
	staff := lang.L("No staff listed for this booth yet.")
	if len(f.staff) > 0 {
		staff = lang.L("Staff:") + " " + strings.Join(f.staff, ", ")
	}
	if s.staff != "" {
		staff += "  ·  " + fmt.Sprintf(lang.L("Visits are logged as %s."), s.staff)
	}
	s.staffNames.SetText(staff)
	s.meetings.show(f.meetings, f.now, f.loc)
	st := f.stats
	s.stats = st
	s.visits.SetTitle(groupThousands(st.Visits))
	s.visitors.SetTitle(groupThousands(st.Visitors))
	s.hot.SetTitle(groupThousands(st.HotLeads))
	s.followUps.SetTitle(groupThousands(st.FollowUpsOpen))
	s.perHour.setBars(hourBars(st.PerHour, f.loc))
	var roles []chartBar
	for _, r := range data.Roles {
		if n := st.ByRole[r]; n > 0 {
			roles = append(roles, chartBar{Label: lang.L(roleLabels[r]), Value: n})
		}
	}
	s.byRole.setBars(roles)
	var interests []chartBar
	for i, c := range st.ByInterest {
		if i == 8 {
			break
		}
		interests = append(interests, chartBar{Label: c.Label, Value: c.Count})
	}
	s.byInterest.setBars(interests)
	s.body.Refresh() // the charts may have grown
}

// hourBars labels each hour "11:00–12:00" in the event's zone.
func hourBars(hours []data.HourCount, loc *time.Location) []chartBar {
	var bars []chartBar
	for _, h := range hours {
		start := h.Start.In(loc)
		bars = append(bars, chartBar{Label: start.Format("15:04") + "–" + start.Add(time.Hour).Format("15:04"), Value: h.Visits})
	}
	return bars
}

// chartOrNote is a bar chart that says so in words when it has nothing
// to draw, rather than a bar of nought labelled "No visits yet".
type chartOrNote struct {
	chart   *barChart
	note    *widget.Label
	content *fyne.Container
}

func newChartOrNote(note string) *chartOrNote {
	c := &chartOrNote{chart: newBarChart(), note: &widget.Label{Text: note, Importance: widget.LowImportance}}
	c.content = container.NewVBox(c.chart, c.note)
	c.chart.Hide()
	return c
}

func (c *chartOrNote) setBars(bars []chartBar) {
	c.chart.setBars(bars)
	if len(bars) == 0 {
		c.chart.Hide()
		c.note.Show()
	} else {
		c.note.Hide()
		c.chart.Show()
	}
}
