package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// One-to-one meetings from the command line. People are named by badge
// code or e-mail and printed by badge code, booths by code, so that a
// terminal log of a schedule carries no job seeker's name.

const meetingsDetails = `What is one of:
  slots HOST --from TIME --to TIME [--length 15m] [--place TEXT] [--link URL] [--cap N]
                 add slots from --from to --to; without --from, list HOST's slots
  request SEEKER HOST [--rank N]
                 record that SEEKER asks to meet HOST (1 is the first choice)
  prefer HOST SEEKER want|no-thanks|none
                 record what HOST thinks of meeting SEEKER: want counts for
                 them in the match score, no-thanks is never scheduled
  book HOST SEEKER --at TIME
                 book the slot of HOST starting at TIME
  cancel ID      cancel a meeting (list shows the ids)
  move CONFLICT  settle a double booking from two laptops: move the second
                 meeting to its host's nearest free slot (fairctl conflicts)
  list [HOST|SEEKER]
                 the meetings, of everyone or of one host or seeker
  schedule [--draft]
                 propose meetings for every request not met yet; --draft
                 keeps the proposal as the draft, in place of the last one
  publish        book every meeting of the draft
` + meetingsExportUsage + `
HOST is a booth's code, or a mentor's or recruiter's badge code or e-mail;
SEEKER a badge code or e-mail. TIME is RFC 3339, e.g. 2026-10-23T11:00:00+01:00.`

func meetingsCommand(fs *flag.FlagSet) runFunc {
	from := fs.String("from", "", "slots: the first slot's start `TIME`")
	to := fs.String("to", "", "slots: when the last slot ends, a `TIME`")
	length := fs.Duration("length", 15*time.Minute, "slots: each slot's `LENGTH`, 10m to 30m")
	place := fs.String("place", "", "slots: where, as `TEXT` such as Table 2")
	link := fs.String("link", "", "slots: a video `URL`, for the online fair")
	seekerCap := fs.Int("cap", 1, "slots: the `N` meetings one job seeker may have with the host")
	at := fs.String("at", "", "book: the slot's start `TIME`")
	rank := fs.Int("rank", 1, "request: the seeker's choice `N`, 1 the first")
	draft := fs.Bool("draft", false, "schedule: keep the proposal as the draft, to publish")
	export := meetingsExportFlags(fs)
	return func(ctx context.Context, e *env, args []string) error {
		if len(args) == 0 {
			return misusef("say what to do: slots, request, prefer, book, cancel, move, list, schedule, publish or export")
		}
		what, args := args[0], args[1:]
		switch what {
		case "slots":
			if len(args) != 1 {
				return misusef("slots needs one HOST")
			}
			if *from == "" {
				return listSlots(ctx, e, args[0])
			}
			return addSlots(ctx, e, args[0], *from, *to, *length, data.MeetingSlot{Place: *place, Link: *link, SeekerCap: *seekerCap})
		case "request":
			if len(args) != 2 {
				return misusef("request needs SEEKER and HOST")
			}
			return requestMeeting(ctx, e, args[0], args[1], *rank)
		case "prefer":
			if len(args) != 3 {
				return misusef("prefer needs HOST, SEEKER and want, no-thanks or none")
			}
			return preferMeeting(ctx, e, args[0], args[1], args[2])
		case "book":
			if len(args) != 2 || *at == "" {
				return misusef("book needs HOST, SEEKER and --at TIME")
			}
			return bookMeeting(ctx, e, args[0], args[1], *at)
		case "cancel":
			if len(args) != 1 {
				return misusef("cancel needs the meeting's ID")
			}
			if err := e.store.SetMeetingState(ctx, args[0], data.MeetingCancelled); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "cancelled meeting %s\n", args[0])
			return nil
		case "move":
			if len(args) != 1 {
				return misusef("move needs the double booking's conflict ID (fairctl conflicts lists them)")
			}
			m, err := e.store.MoveDoubleBooked(ctx, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "moved meeting %s to %s\n", m.ID, m.Starts.In(eventZone(ctx, e)).Format("2006-01-02 15:04 MST"))
			return nil
		case "list":
			if len(args) > 1 {
				return misusef("list takes at most one HOST or SEEKER")
			}
			return listMeetings(ctx, e, args)
		case "schedule":
			if err := noArgs(args); err != nil {
				return err
			}
			return scheduleMeetings(ctx, e, *draft)
		case "export":
			if err := noArgs(args); err != nil {
				return err
			}
			return exportMeetings(ctx, e, export)
		case "publish":
			if err := noArgs(args); err != nil {
				return err
			}
			n, err := e.store.PublishMeetings(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "booked %d meetings of the draft\n", n)
			return nil
		}
		return misusef("%q: say slots, request, prefer, book, cancel, move, list, schedule, publish or export", what)
	}
}

// errNoHost and errNoSeeker say a name matched nobody, without the name.
var (
	errNoHost   = errors.New("no booth has that code, and no one that badge code or e-mail")
	errNoSeeker = errors.New("no one has that badge code or e-mail; fairctl search finds people by name")
)

// hostNamed finds a host: a booth by code, else a person by badge code or e-mail.
func hostNamed(ctx context.Context, st *data.Store, key string) (data.Host, error) {
	if b, err := st.BoothByCode(ctx, key); err == nil {
		return data.BoothHost(b.ID), nil
	} else if !errors.Is(err, data.ErrNotFound) {
		return data.Host{}, err
	}
	p, err := st.PersonByKey(ctx, key)
	if errors.Is(err, data.ErrNotFound) {
		return data.Host{}, errNoHost
	}
	return data.PersonHost(p.ID), err
}

func seekerNamed(ctx context.Context, st *data.Store, key string) (data.PersonRow, error) {
	p, err := st.PersonByKey(ctx, key)
	if errors.Is(err, data.ErrNotFound) {
		return p, errNoSeeker
	}
	return p, err
}

// hostShown names a host in what fairctl prints: a booth by the code it
// was found by, a person by badge code, never by an e-mail typed to find
// them.
func hostShown(ctx context.Context, st *data.Store, h data.Host, key string) string {
	if h.BoothID != "" {
		return key
	}
	p, err := st.Person(ctx, h.HostID)
	if err != nil {
		return "person " + h.HostID
	}
	return "badge " + p.BadgeCode
}

// pairNamed finds a host and a job seeker by the keys given for them.
func pairNamed(ctx context.Context, st *data.Store, hostKey, seekerKey string) (data.Host, data.PersonRow, error) {
	h, err := hostNamed(ctx, st, hostKey)
	if err != nil {
		return h, data.PersonRow{}, err
	}
	p, err := seekerNamed(ctx, st, seekerKey)
	return h, p, err
}

func parseTime(flagName, text string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(text))
	if err != nil {
		return t, misusef("--%s %q is not an RFC 3339 time such as 2026-10-23T11:00:00+01:00", flagName, text)
	}
	return t, nil
}

func addSlots(ctx context.Context, e *env, hostKey, fromText, toText string, length time.Duration, proto data.MeetingSlot) error {
	h, err := hostNamed(ctx, e.store, hostKey)
	if err != nil {
		return err
	}
	from, err := parseTime("from", fromText)
	if err != nil {
		return err
	}
	to, err := parseTime("to", toText)
	if err != nil {
		return err
	}
	if length <= 0 {
		return misusef("--length must be a duration such as 15m")
	}
	// Instants, not wall-clock times: a slot across the clock change is
	// as long as the others.
	n := 0
	for start := from; !start.Add(length).After(to); start = start.Add(length) {
		slot := proto
		slot.Host, slot.Starts, slot.Ends = h, start, start.Add(length)
		if err := e.store.SaveSlot(ctx, &slot); err != nil {
			return fmt.Errorf("slot at %s: %w (%d slots were added before it)", start.Format(time.RFC3339), err, n)
		}
		n++
	}
	if n == 0 {
		return misusef("no slot of %s fits between --from and --to", length)
	}
	fmt.Fprintf(e.stdout, "added %d slots of %s\n", n, length)
	return nil
}

func listSlots(ctx context.Context, e *env, hostKey string) error {
	h, err := hostNamed(ctx, e.store, hostKey)
	if err != nil {
		return err
	}
	slots, err := e.store.Slots(ctx, h)
	if err != nil {
		return err
	}
	loc := eventZone(ctx, e)
	for _, s := range slots {
		fmt.Fprintf(e.stdout, "%s  %s-%s  %s  %s  cap %d\n", s.ID, s.Starts.In(loc).Format("2006-01-02 15:04"), s.Ends.In(loc).Format("15:04 MST"),
			orDash(s.Place), orDash(s.Link), s.SeekerCap)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func requestMeeting(ctx context.Context, e *env, seekerKey, hostKey string, rank int) error {
	h, p, err := pairNamed(ctx, e.store, hostKey, seekerKey)
	if err != nil {
		return err
	}
	r := data.MeetingRequest{Host: h, PersonID: p.ID, Rank: rank, Source: data.SourceOrganiser}
	if err := e.store.SaveMeetingRequest(ctx, &r); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "badge %s asks to meet %s, choice %d\n", p.BadgeCode, hostShown(ctx, e.store, h, hostKey), rank)
	return nil
}

// preferences are the words prefer takes.
var preferences = map[string]data.Preference{"want": data.PreferWant, "no-thanks": data.PreferNoThanks, "none": data.PreferNone}

func preferMeeting(ctx context.Context, e *env, hostKey, seekerKey, word string) error {
	pref, ok := preferences[word]
	if !ok {
		return misusef("%q: say want, no-thanks or none", word)
	}
	h, p, err := pairNamed(ctx, e.store, hostKey, seekerKey)
	if err != nil {
		return err
	}
	if err := e.store.SetHostPreference(ctx, h, p.ID, pref); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s on badge %s: %s\n", hostShown(ctx, e.store, h, hostKey), p.BadgeCode, word)
	return nil
}

func bookMeeting(ctx context.Context, e *env, hostKey, seekerKey, atText string) error {
	h, err := hostNamed(ctx, e.store, hostKey)
	if err != nil {
		return err
	}
	p, err := seekerNamed(ctx, e.store, seekerKey)
	if err != nil {
		return err
	}
	start, err := parseTime("at", atText)
	if err != nil {
		return err
	}
	slots, err := e.store.Slots(ctx, h)
	if err != nil {
		return err
	}
	slotID := ""
	for _, s := range slots {
		if s.Starts.Equal(start) {
			slotID = s.ID
		}
	}
	if slotID == "" {
		return fmt.Errorf("%s has no slot starting at %s; fairctl meetings slots %s lists them", hostKey, start.Format(time.RFC3339), hostKey)
	}
	_, matches, err := seekerMatches(ctx, e.store, p.ID)
	if err != nil {
		return err
	}
	var res match.Result
	for _, m := range matches {
		if m.Host.Host == h {
			res = m.Result
		}
	}
	m := data.Meeting{Host: h, PersonID: p.ID, SlotID: slotID, State: data.MeetingBooked, Score: res.Score, Reasons: res.String()}
	if err := e.store.SaveMeeting(ctx, &m); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "booked meeting %s\n", m.ID)
	return nil
}

func listMeetings(ctx context.Context, e *env, args []string) error {
	d, err := matchmaking.Read(ctx, e.store)
	if err != nil {
		return err
	}
	var f data.MeetingFilter
	if len(args) == 1 {
		if b, err := e.store.BoothByCode(ctx, args[0]); err == nil {
			f.Host = data.BoothHost(b.ID)
		} else if p, err := e.store.PersonByKey(ctx, args[0]); err == nil {
			if p.HasRole(data.RoleMentor) || p.HasRole(data.RoleRecruiter) {
				f.Host = data.PersonHost(p.ID)
			} else {
				f.PersonID = p.ID
			}
		} else {
			return errNoHost
		}
	}
	list, err := e.store.Meetings(ctx, f)
	if err != nil {
		return err
	}
	printMeetings(e.stdout, d, list, eventZone(ctx, e))
	return nil
}

// printMeetings writes one meeting a line: when, host, seeker's badge,
// place (or video link), state, score, reasons and id.
func printMeetings(w io.Writer, d *matchmaking.Directory, list []data.Meeting, loc *time.Location) {
	for _, m := range list {
		fmt.Fprintf(w, "%s  %s  badge %s  %s  %s  score %d  %s  %s\n", m.Starts.In(loc).Format("2006-01-02 15:04 MST"),
			hostLabel(d, m.Host), d.People[m.PersonID].BadgeCode, orDash(cmp.Or(m.Place, m.Link)), m.State, m.Score, orDash(m.Reasons), orDash(m.ID))
	}
}

// hostLabel names a host as lists show it: a booth by code and name, a
// person host by badge code and name (the directory shows both).
func hostLabel(d *matchmaking.Directory, h data.Host) string {
	host, ok := d.HostOf(h)
	switch {
	case !ok:
		return h.Key()
	case h.HostID != "":
		return "badge " + d.People[h.HostID].BadgeCode + " " + host.Label
	}
	return host.Label
}

func scheduleMeetings(ctx context.Context, e *env, draft bool) error {
	d, err := matchmaking.Read(ctx, e.store)
	if err != nil {
		return err
	}
	w, err := matchmaking.Weights(ctx, e.store)
	if err != nil {
		return err
	}
	prop, err := matchmaking.Propose(ctx, e.store, d, w)
	if err != nil {
		return err
	}
	p := prop.Plan
	proved := "not proved optimal"
	if p.Optimal {
		proved = "proved optimal"
	}
	fmt.Fprintf(e.stdout, "%d meetings proposed, %d job seekers with a meeting, total score %d (%s; the bound is %d); %d requests unmet\n",
		len(prop.Meetings), p.Served, p.Total, proved, p.Bound, len(prop.Unmet))
	if draft {
		if err := matchmaking.SaveDraft(ctx, e.store, prop); err != nil {
			return err
		}
	}
	printMeetings(e.stdout, d, prop.Meetings, eventZone(ctx, e))
	if draft {
		fmt.Fprintln(e.stdout, "kept as the draft: fairctl meetings publish books it")
	}
	return nil
}

// runMatches is fairctl matches PERSON: every host ranked for a job seeker.
func runMatches(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return misusef("name the job seeker by badge code or e-mail")
	}
	p, err := seekerNamed(ctx, e.store, args[0])
	if err != nil {
		return err
	}
	d, list, err := seekerMatches(ctx, e.store, p.ID)
	if err != nil {
		return err
	}
	for _, m := range list {
		fmt.Fprintf(e.stdout, "%3d  %s  %s\n", m.Result.Score, hostLabel(d, m.Host.Host), orDash(m.Result.String()))
	}
	return nil
}

// seekerMatches ranks every host for the job seeker with the id given,
// with this laptop's weights, and gives the directory the ranks name.
func seekerMatches(ctx context.Context, st *data.Store, seekerID string) (*matchmaking.Directory, []matchmaking.Match, error) {
	d, err := matchmaking.Read(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	w, err := matchmaking.Weights(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	list, err := matchmaking.Matches(ctx, st, d, seekerID, w)
	return d, list, err
}
