package printouts

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/networking"
)

// NetworkingPlan prints a speed-networking table plan: a page per round
// with each table's people (hosts first, in bold) to pin up by the tables,
// then an index of everyone with their table in each round, for the door.
func NetworkingPlan(w io.Writer, event data.Event, session data.Session, plan networking.Plan,
	people []data.NetworkingParticipant, opt Options) (Result, error) {
	if len(plan.Rounds) == 0 {
		return Result{}, fmt.Errorf("print the table plan: it has no rounds")
	}
	p, err := newPage(opt, joinNonEmpty(" · ", event.Name, session.Title, "Table plan"))
	if err != nil {
		return Result{}, fmt.Errorf("print the table plan: %w", err)
	}
	loc := event.Location()
	times := networking.RoundTimes(session, len(plan.Rounds))
	seats := plan.Seats(people)
	for r := range plan.Rounds {
		if r > 0 {
			p.newPage()
		}
		p.y += 6
		p.text(margin, p.y, fmt.Sprintf("Round %d of %d", r+1, len(plan.Rounds)), true, 16)
		var when string
		if times != nil {
			when = times[r][0].In(loc).Format("15:04") + "–" + times[r][1].In(loc).Format("15:04") + " (" + loc.String() + ")"
		}
		p.y += 6
		p.text(margin, p.y, joinNonEmpty(" · ", when, session.Room, session.Link), false, 9)
		p.y += 4
		printTables(p, seats, r+1, len(plan.Rounds[r].Tables))
	}
	printIndex(p, seats, len(plan.Rounds))
	res, err := p.finish(w, len(people))
	if err != nil {
		return Result{}, fmt.Errorf("print the table plan: %w", err)
	}
	return res, nil
}

// printTables draws round's tables as boxes, two across, and who sits out
// beneath them. The lines shrink (to three quarters at most) so that a
// round fits on its page when it can.
func printTables(p *page, seats []networking.Seat, round, tables int) {
	const gap = 5.0
	boxW := (p.width() - gap) / 2
	byTable := make([][]networking.Seat, tables+1)
	for _, s := range seats {
		if s.Round == round {
			byTable[s.Table] = append(byTable[s.Table], s)
		}
	}
	rowsOf := func(t int) int { return max(len(byTable[t]), len(byTable[min(t+1, tables)])) }
	var out []string
	for _, s := range byTable[0] {
		out = append(out, joinNonEmpty(" ", s.Person.DisplayName(), kanjiBeside(s.Person.Person)))
	}
	var outLines []string
	if len(out) > 0 {
		outLines = wrapNames(p, out, p.width())
	}
	_, pageH := p.pdf.GetPageSize()
	need, fixed := 0.0, float64(len(outLines)+2)*lineHeight
	if len(out) == 0 {
		fixed = 0
	}
	for t := 1; t <= tables; t += 2 {
		need += float64(rowsOf(t)+1)*lineHeight + 4
		fixed += gap
	}
	scale := max(0.75, min(1, (pageH-margin-p.y-fixed)/need))
	lh := lineHeight * scale
	for t := 1; t <= tables; t += 2 {
		h := float64(rowsOf(t)+1)*lh + 4*scale
		p.room(h + gap)
		top := p.y + gap
		for i := t; i <= min(t+1, tables); i++ {
			x := margin + float64(i-t)*(boxW+gap)
			p.pdf.SetDrawColor(150, 150, 150)
			p.pdf.SetLineWidth(0.3)
			p.pdf.Rect(x, top, boxW, h, "D")
			p.text(x+3, top+lh, fmt.Sprintf("Table %d", i), true, 12*scale)
			for j, s := range byTable[i] {
				seatLine(p, s, x+3, top+lh*float64(j+2), boxW-6, scale)
			}
		}
		p.y = top + h
	}
	if len(outLines) > 0 {
		p.room(lineHeight * 3)
		p.y += lineHeight * 2
		p.text(margin, p.y, "Sitting out this round (every free table has someone they have met):", true, bodySize)
		for _, line := range outLines {
			p.room(lineHeight)
			p.y += lineHeight
			p.text(margin, p.y, line, false, bodySize)
		}
	}
}

// seatLine writes one person at a table: the name (bold for a host),
// then role and organisation in grey.
func seatLine(p *page, s networking.Seat, x, y, width, scale float64) {
	name := joinNonEmpty(" ", s.Person.DisplayName(), kanjiBeside(s.Person.Person))
	nameW := width * 0.52
	p.text(x, y, name, s.Person.NetworkingHost(), bodySize*scale, nameW-1)
	p.pdf.SetTextColor(90, 90, 90)
	p.text(x+nameW, y, joinNonEmpty(" · ", networking.RoleLabel(s.Person.Person), s.Person.OrgName), false, 8*scale, width-nameW)
	p.pdf.SetTextColor(0, 0, 0)
}

// wrapNames joins names with commas into lines that fit width.
func wrapNames(p *page, names []string, width float64) []string {
	var lines []string
	line := ""
	for _, n := range names {
		next := joinNonEmpty(", ", line, n)
		if line != "" && p.measure(next, bodySize) > width {
			lines = append(lines, line+",")
			next = n
		}
		line = next
	}
	return append(lines, line)
}

// measure is the width of text at size in the font text would be drawn in.
func (p *page) measure(text string, size float64) float64 {
	if !p.setFont(text, false, size) {
		return 0
	}
	if !p.japanese {
		text = p.cp1252(text)
	}
	return p.pdf.GetStringWidth(text)
}

// printIndex lists everyone by name, with the badge code that tells two
// of one name apart, and their table in each round ("–" sitting out), a
// header on every page.
func printIndex(p *page, seats []networking.Seat, rounds int) {
	type row struct {
		seat   networking.Seat
		tables []string
	}
	var rows []*row
	byID := map[string]*row{}
	for _, s := range seats {
		r, ok := byID[s.Person.ID]
		if !ok {
			r = &row{seat: s, tables: make([]string, rounds)}
			byID[s.Person.ID] = r
			rows = append(rows, r)
		}
		r.tables[s.Round-1] = "–"
		if s.Table > 0 {
			r.tables[s.Round-1] = strconv.Itoa(s.Table)
		}
	}
	key := func(r *row) string {
		p := r.seat.Person
		return strings.ToLower(p.FamilyName + "\x00" + p.GivenName + "\x00" + p.KanjiName + "\x00" + p.ID)
	}
	slices.SortFunc(rows, func(a, b *row) int { return strings.Compare(key(a), key(b)) })
	p.newPage()
	p.y += 6
	p.text(margin, p.y, "Who sits where", true, 16)
	p.y += 2
	const first = 112.0 // mm from the margin to round 1's column
	roundW := min(12, (p.width()-first)/float64(rounds))
	header := func() {
		p.y += lineHeight
		p.text(margin, p.y, "Name", true, 9)
		p.text(margin+62, p.y, "Role", true, 9)
		p.text(margin+90, p.y, "Badge", true, 9)
		for i := range rounds {
			p.text(margin+first+float64(i)*roundW, p.y, "R"+strconv.Itoa(i+1), true, 9)
		}
		p.y += 2
		p.rule()
	}
	header()
	pages := p.pdf.PageCount()
	for _, r := range rows {
		p.room(lineHeight)
		if n := p.pdf.PageCount(); n != pages {
			pages = n
			header()
		}
		p.y += lineHeight
		person := r.seat.Person
		p.text(margin, p.y, joinNonEmpty(" ", person.DisplayName(), kanjiBeside(person.Person)), false, bodySize, 60)
		p.text(margin+62, p.y, networking.RoleLabel(person.Person), false, 9, 27)
		p.text(margin+90, p.y, person.BadgeCode, false, 9, 21)
		for i, t := range r.tables {
			p.text(margin+first+float64(i)*roundW, p.y, t, t != "–", bodySize)
		}
	}
}
