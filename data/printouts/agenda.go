package printouts

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// Agenda prints the day programme: for each day of the event, each room
// in turn with its sessions in time order, on the event's clock; online
// sessions go under "Online", sessions with no room under "Other".
func Agenda(w io.Writer, event data.Event, sessions []data.SessionRow, opt Options) (Result, error) {
	if len(sessions) == 0 {
		return Result{}, fmt.Errorf("print the agenda: there are no sessions on it yet")
	}
	loc := event.Location()
	p, err := newPage(opt, joinNonEmpty(" · ", event.Name, "Programme"))
	if err != nil {
		return Result{}, fmt.Errorf("print the agenda: %w", err)
	}
	byDay := map[string][]data.SessionRow{}
	var days []string
	for _, s := range sessions {
		day := s.Starts.In(loc).Format("2006-01-02")
		if _, ok := byDay[day]; !ok {
			days = append(days, day)
		}
		byDay[day] = append(byDay[day], s)
	}
	slices.Sort(days)
	for i, day := range days {
		if i > 0 {
			p.newPage() // a day to a sheet, to pin up by the door
		}
		first := byDay[day][0].Starts.In(loc)
		p.room(14)
		p.y += 6
		p.text(margin, p.y, first.Format("Monday 2 January 2006"), true, 16)
		p.y += 3
		p.text(margin, p.y+4, "Times in "+loc.String(), false, 9)
		p.y += 8
		for _, room := range roomsOf(byDay[day]) {
			p.room(lineHeight * 3)
			p.y += lineHeight
			p.text(margin, p.y, room.name, true, 13)
			p.y += 2
			p.rule()
			for _, s := range room.sessions {
				printSession(p, s, loc)
			}
		}
	}
	res, err := p.finish(w, len(sessions))
	if err != nil {
		return Result{}, fmt.Errorf("print the agenda: %w", err)
	}
	return res, nil
}

type roomSessions struct {
	name     string
	sessions []data.SessionRow
}

// roomsOf groups a day's sessions by room, the rooms in order of their
// first session, each room's sessions by start.
func roomsOf(sessions []data.SessionRow) []roomSessions {
	var rooms []roomSessions
	index := map[string]int{}
	sorted := slices.Clone(sessions)
	slices.SortStableFunc(sorted, func(a, b data.SessionRow) int {
		return cmp.Or(a.Starts.Compare(b.Starts), strings.Compare(a.Title, b.Title))
	})
	for _, s := range sorted {
		name := strings.TrimSpace(s.Room)
		switch {
		case name == "" && s.Link != "":
			name = "Online"
		case name == "":
			name = "Other"
		}
		key := strings.ToLower(name)
		i, ok := index[key]
		if !ok {
			i = len(rooms)
			index[key] = i
			rooms = append(rooms, roomSessions{name: name})
		}
		rooms[i].sessions = append(rooms[i].sessions, s)
	}
	return rooms
}

func printSession(p *page, s data.SessionRow, loc *time.Location) {
	p.room(lineHeight * 2)
	p.y += lineHeight
	when := s.Starts.In(loc).Format("15:04")
	if !s.Ends.IsZero() {
		when += "–" + s.Ends.In(loc).Format("15:04")
	}
	const timeWidth = 28.0
	p.text(margin, p.y, when, true, bodySize)
	p.text(margin+timeWidth, p.y, s.Title, true, bodySize, p.width()-timeWidth)
	var speakers []string
	for _, sp := range s.Speakers {
		speakers = append(speakers, joinNonEmpty(" ", sp.DisplayName(), kanjiBeside(sp)))
	}
	if detail := joinNonEmpty(" · ", string(s.Kind), strings.Join(speakers, ", ")); detail != "" {
		p.y += lineHeight - 1
		p.pdf.SetTextColor(90, 90, 90)
		p.text(margin+timeWidth, p.y, detail, false, 9, p.width()-timeWidth)
		p.pdf.SetTextColor(0, 0, 0)
	}
	if link := strings.TrimSpace(s.Link); link != "" {
		// The online fair: a printed programme is read beside a laptop,
		// and the link is how to join.
		p.y += lineHeight - 1
		p.pdf.SetTextColor(90, 90, 90)
		p.text(margin+timeWidth, p.y, "Join online: "+link, false, 9, p.width()-timeWidth)
		p.pdf.SetTextColor(0, 0, 0)
	}
}

// kanjiBeside is the kanji name to print after the Latin one, when it
// says something the Latin one does not.
func kanjiBeside(p data.Person) string {
	if k := strings.TrimSpace(p.KanjiName); k != p.DisplayName() {
		return k
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, part := range parts {
		if strings.TrimSpace(part) != "" {
			kept = append(kept, strings.TrimSpace(part))
		}
	}
	return strings.Join(kept, sep)
}
