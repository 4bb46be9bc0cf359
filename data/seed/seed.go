// Package seed fills a database with realistic synthetic data: people with
// Latin and Japanese names in every role, organisations of every kind, their
// booths and a day of sessions. The same seed gives the same data, ids
// included, so two seeded databases dump identically.
package seed

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/google/uuid"
)

// Options says how much to make.
type Options struct {
	People       int
	Seed         uint64
	SkipSessions bool // leave the agenda to the caller
	Progress     func(done, total int)
}

type generator struct {
	rng    *rand.Rand
	tick   int64
	badges map[string]bool
}

// id makes a UUIDv7 from the generator: a fixed epoch plus a counter in the
// time field, so ids sort in creation order, and random bits from the seed.
func (g *generator) id() string {
	var u uuid.UUID
	g.tick++
	ms := uint64(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).UnixMilli() + g.tick)
	binary.BigEndian.PutUint64(u[0:8], ms<<16)
	binary.BigEndian.PutUint64(u[8:16], g.rng.Uint64())
	binary.BigEndian.PutUint16(u[6:8], uint16(g.rng.IntN(1<<12)))
	u[6] = u[6]&0x0f | 0x70 // version 7
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u.String()
}

// badge makes a badge code no one else in this run has.
func (g *generator) badge() string {
	for {
		b := make([]byte, 6)
		for i := range b {
			b[i] = data.BadgeAlphabet[g.rng.IntN(len(data.BadgeAlphabet))]
		}
		if !g.badges[string(b)] {
			g.badges[string(b)] = true
			return string(b)
		}
	}
}

func pick[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

// Generate adds synthetic data to st in one transaction: an event when
// there is none, organisations, people, booths and sessions.
func Generate(ctx context.Context, st *data.Store, opt Options) error {
	g := &generator{rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), badges: map[string]bool{}}
	event, err := st.Event(ctx)
	if err != nil {
		event = data.Event{ID: g.id(), Name: "Alumni Careers Fair (synthetic data)", TimeZone: "Europe/London",
			Starts: time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC), Ends: time.Date(2026, 10, 23, 15, 0, 0, 0, time.UTC),
			Platform: "Online", Link: "https://example.org/fair"}
		if err := st.SaveEvent(ctx, &event); err != nil {
			return fmt.Errorf("seed event: %w", err)
		}
	}
	booths, err := st.Booths(ctx)
	if err != nil {
		return fmt.Errorf("seed booths: %w", err)
	}
	taken := map[string]bool{}
	for _, b := range booths {
		taken[b.Code] = true
	}
	return st.ImportTx(ctx, func(b *data.ImportTx) error {
		orgs := make([]data.Organisation, len(organisationPool))
		for i, o := range organisationPool {
			orgs[i] = data.Organisation{ID: g.id(), Name: o.name, Sector: o.sector, Kind: data.OrgKind(o.kind),
				Description: fmt.Sprintf("%s organisation in %s.", strings.ReplaceAll(o.kind, "_", " "), strings.ToLower(o.sector))}
			if err := b.SaveOrganisation(&orgs[i]); err != nil {
				return err
			}
		}
		staffByOrg := map[string][]string{}
		var speakers []string
		for i := range opt.People {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if opt.Progress != nil {
					opt.Progress(i, opt.People)
				}
			}
			p := g.person(i, orgs)
			if err := b.SavePerson(&p); err != nil {
				return fmt.Errorf("seed person %d: %w", i, err)
			}
			if p.HasRole(data.RoleExhibitorStaff) || p.HasRole(data.RoleRecruiter) {
				staffByOrg[p.OrgID] = append(staffByOrg[p.OrgID], p.ID)
			}
			if p.HasRole(data.RoleSpeaker) {
				speakers = append(speakers, p.ID)
			}
		}
		spare := spareBoothCodes(taken, len(orgs))
		for i, o := range orgs {
			if o.Kind == data.OrgOther {
				continue
			}
			staff := staffByOrg[o.ID]
			if len(staff) > 4 {
				staff = staff[:4]
			}
			code := boothCode(i)
			if taken[code] {
				code = spare()
			}
			taken[code] = true
			booth := data.Booth{ID: g.id(), Code: code, Name: o.Name, OrgID: o.ID,
				Location: fmt.Sprintf("Virtual hall %d", i%3+1)}
			if err := b.SaveBooth(&booth, append([]string{}, staff...)); err != nil {
				return err
			}
		}
		if !opt.SkipSessions {
			if err := g.sessions(b, event, opt.People, speakers); err != nil {
				return err
			}
		}
		if opt.Progress != nil {
			opt.Progress(opt.People, opt.People)
		}
		return nil
	})
}

// boothCode is the code of the booth of the n-th organisation: A01 to
// A10, B01 and on.
func boothCode(n int) string {
	code := fmt.Sprintf("%c%02d", 'A'+n/10%26, n%10+1)
	if n >= 260 {
		code += fmt.Sprint(n / 260)
	}
	return code
}

// spareBoothCodes hands out the codes after the first n that are not
// taken, for the booths whose own code an earlier seed or the demo took.
func spareBoothCodes(taken map[string]bool, n int) func() string {
	return func() string {
		for ; ; n++ {
			if code := boothCode(n); !taken[code] {
				n++
				return code
			}
		}
	}
}

func (g *generator) person(i int, orgs []data.Organisation) data.Person {
	p := data.Person{ID: g.id(), BadgeCode: g.badge()}
	var latinGivenName, latinFamilyName string
	if g.rng.IntN(10) < 4 {
		fam, giv := pick(g, jaFamily), pick(g, jaGiven)
		latinGivenName, latinFamilyName = giv.latin, fam.latin
		p.KanjiName = fam.kanji + " " + giv.kanji
		p.KanaName = fam.kana + " " + giv.kana
	} else {
		latinGivenName, latinFamilyName = pick(g, latinGiven), pick(g, latinFamily)
	}
	p.GivenName, p.FamilyName = latinGivenName, latinFamilyName
	local := strings.ToLower(strings.NewReplacer("'", "", " ", "", "á", "a", "í", "i", "ü", "u").Replace(latinGivenName + "." + latinFamilyName))
	p.Email = fmt.Sprintf("%s.%d@example.%s", local, i+1, pick(g, []string{"com", "org", "jp", "co.uk"}))
	p.Phone = fmt.Sprintf("+44 7%03d %06d", g.rng.IntN(1000), g.rng.IntN(1000000))

	roll := g.rng.IntN(100)
	var role data.Role
	switch {
	case roll < 70:
		role = data.RoleJobSeeker
	case roll < 82:
		role = data.RoleMentor
	case roll < 90:
		role = data.RoleRecruiter
	case roll < 93:
		role = data.RoleSpeaker
	case roll < 95:
		role = data.RoleOrganiser
	default:
		role = data.RoleExhibitorStaff
	}
	p.Roles = data.NewSet(string(role))
	if role == data.RoleSpeaker && g.rng.IntN(2) == 0 {
		p.Roles = data.NewSet(string(role), string(data.RoleMentor))
	}
	if role != data.RoleJobSeeker || g.rng.IntN(3) == 0 {
		p.OrgID = pick(g, orgs).ID
		p.JobTitle = pick(g, jobTitles)
	}
	if g.rng.IntN(10) < 8 {
		p.ProgrammeRole = pick(g, programmeRoles)
		p.HostPrefecture = pick(g, prefectures)
		start := 2005 + g.rng.IntN(18)
		end := start + 1 + g.rng.IntN(4)
		p.Years = fmt.Sprintf("%d-%d", start, end)
		p.YearReturned = end
	}
	p.Interests = data.NewSet(pick(g, interestPool), pick(g, interestPool))
	p.Industries = data.NewSet(pick(g, interestPool))
	p.Consent = g.rng.IntN(10) < 6
	return p
}

var sessionTitles = []struct {
	title string
	kind  data.SessionKind
}{
	{"Careers in Japanese companies", data.SessionPanel},
	{"From the JET Programme to consulting", data.SessionPanel},
	{"Working in the public sector", data.SessionPanel},
	{"CV and interview clinic", data.SessionBreakout},
	{"Using Japanese at work", data.SessionBreakout},
	{"Start-up life in Tokyo", data.SessionTalk},
	{"Translation and interpreting careers", data.SessionBreakout},
	{"Meet the recruiters", data.SessionNetworking},
	{"Mentoring circle", data.SessionNetworking},
	{"Finance and banking in Japan", data.SessionTalk},
}

// sessions fills the event day with sessions in three rooms, one for every
// fifty people, between two and two thousand.
func (g *generator) sessions(b *data.ImportTx, event data.Event, people int, speakers []string) error {
	count := min(max(people/50, 2), 2000)
	rooms := []string{"Main stage", "Breakout room A", "Breakout room B"}
	day := event.Starts
	if day.IsZero() {
		day = time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC)
	}
	for i := range count {
		t := sessionTitles[i%len(sessionTitles)]
		slot := (i / len(rooms)) % 10
		start := day.Add(time.Duration(slot) * 30 * time.Minute)
		s := data.Session{ID: g.id(), Title: t.title, Kind: t.kind, Starts: start, Ends: start.Add(45 * time.Minute),
			Room: rooms[i%len(rooms)], Capacity: 50 + 10*g.rng.IntN(10),
			Description: "A session of the alumni careers fair.", Link: "https://example.org/fair/" + fmt.Sprint(i+1)}
		if i >= len(sessionTitles) {
			s.Title = fmt.Sprintf("%s (%d)", t.title, i/len(sessionTitles)+1)
		}
		var who []string
		for range min(len(speakers), 1+g.rng.IntN(3)) {
			id := pick(g, speakers)
			if !slices.Contains(who, id) {
				who = append(who, id)
			}
		}
		if err := b.SaveSession(&s, who); err != nil {
			return err
		}
	}
	return nil
}
