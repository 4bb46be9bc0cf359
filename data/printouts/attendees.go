package printouts

import (
	"fmt"
	"io"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// Attendees prints the list for a door without a laptop: everyone in the
// order given (the caller's; by family name from data.ListPeople), with
// the name in Latin and Japanese script, the organisation, the badge code
// and a box to tick on arrival. It carries no e-mail or phone: a sheet of
// paper on a table is read by anyone passing.
func Attendees(w io.Writer, event data.Event, people []data.PersonRow, opt Options) (Result, error) {
	if len(people) == 0 {
		return Result{}, fmt.Errorf("print the attendee list: there is no one on it")
	}
	p, err := newPage(opt, joinNonEmpty(" · ", event.Name, "Attendees"))
	if err != nil {
		return Result{}, fmt.Errorf("print the attendee list: %w", err)
	}
	width := p.width()
	// Columns, in mm from the margin: tick box, name, Japanese name, organisation, badge code.
	cols := []float64{0, 8, 8 + width*0.34, 8 + width*0.52, width - 22}
	header := func() {
		p.y += lineHeight
		for i, title := range []string{"", "Name", "Japanese name", "Organisation", "Badge"} {
			p.text(margin+cols[i], p.y, title, true, 9)
		}
		p.y += 2
		p.rule()
	}
	header()
	pages := 1
	for _, person := range people {
		p.room(lineHeight + 1)
		if n := p.pdf.PageCount(); n != pages {
			pages = n
			header()
		}
		p.y += lineHeight + 1
		p.pdf.SetDrawColor(120, 120, 120)
		p.pdf.Rect(margin, p.y-3.5, 4, 4, "D")
		latin := strings.TrimSpace(person.GivenName + " " + person.FamilyName)
		p.text(margin+cols[1], p.y, latin, false, bodySize, cols[2]-cols[1]-2)
		p.text(margin+cols[2], p.y, person.KanjiName, false, bodySize, cols[3]-cols[2]-2)
		p.text(margin+cols[3], p.y, person.OrgName, false, bodySize, cols[4]-cols[3]-2)
		p.text(margin+cols[4], p.y, person.BadgeCode, false, bodySize)
	}
	res, err := p.finish(w, len(people))
	if err != nil {
		return Result{}, fmt.Errorf("print the attendee list: %w", err)
	}
	return res, nil
}
