package sheets

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// MeetingsHeader is the header of the meetings CSV, the columns fairctl
// import meetings will read back: the host by e-mail (a mentor or
// recruiter) or booth code, the seeker by e-mail and badge code, times in
// RFC 3339 with the event's offset.
var MeetingsHeader = []string{"host_email", "host_booth", "seeker_email", "seeker_badge", "start", "end", "place", "link", "state", "score", "reasons"}

// ExportMeetings writes every live meeting, in start order, as CSV.
func ExportMeetings(ctx context.Context, st *data.Store, w io.Writer) error {
	loc, err := eventLocation(ctx, st)
	if err != nil {
		return fmt.Errorf("export meetings: %w", err)
	}
	meetings, err := st.Meetings(ctx, data.MeetingFilter{})
	if err != nil {
		return fmt.Errorf("export meetings: %w", err)
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		return fmt.Errorf("export meetings: %w", err)
	}
	codes := map[string]string{}
	for _, b := range booths {
		codes[b.ID] = b.Code
	}
	people := map[string]data.PersonRow{}
	person := func(id string) (data.PersonRow, error) {
		if p, ok := people[id]; ok || id == "" {
			return p, nil
		}
		p, err := st.Person(ctx, id)
		people[id] = p
		return p, err
	}
	sw := NewSheetWriter(w)
	sw.Write(MeetingsHeader)
	for _, m := range meetings {
		host, err := person(m.HostID)
		if err != nil {
			return fmt.Errorf("export meeting %s: %w", m.ID, err)
		}
		seeker, err := person(m.PersonID)
		if err != nil {
			return fmt.Errorf("export meeting %s: %w", m.ID, err)
		}
		sw.Write([]string{host.Email, codes[m.BoothID], seeker.Email, seeker.BadgeCode,
			m.Starts.In(loc).Format(time.RFC3339), m.Ends.In(loc).Format(time.RFC3339), m.Place, m.Link,
			string(m.State), strconv.Itoa(m.Score), m.Reasons})
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export meetings: %w", err)
	}
	return nil
}
