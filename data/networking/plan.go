package networking

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
)

// Participant is one person at the session, as the planner sees them.
type Participant struct {
	ID     string
	Host   bool   // a mentor, recruiter or exhibitor: spread across the tables
	Sector string // a host's sector: hosts of one sector sit apart
	Org    string // a host's organisation: colleagues sit apart
}

// Options say how many tables there are and how many rounds to plan.
type Options struct {
	Tables int
	Rounds int
}

// Limits on what is planned, so a typing slip cannot ask for hours of work.
const (
	MaxTables = 500
	MaxRounds = 50
)

// Plan is the seating of every round.
type Plan struct {
	Tables     int     // tables used: fewer than asked when too few people fill them
	MinSize    int     // a table's size when everyone is seated: MinSize or MaxSize
	MaxSize    int     //
	FullRounds int     // the most rounds that could seat everyone with no pair twice, by counting
	Rotation   bool    // planned by rotation (everyone seated every round), not by search
	Rounds     []Round // in order
	Warnings   []Warning
}

// Round is one round's tables, each a list of participant ids, and who
// sits it out.
type Round struct {
	Tables     [][]string
	SittingOut []string
}

// Warning is something the organiser should know about the plan, as an
// English format and its values, so a screen can translate the format.
type Warning struct {
	Format string
	Args   []any
}

func (w Warning) String() string { return fmt.Sprintf(w.Format, w.Args...) }

// The warnings a plan can carry.
const (
	WarnFewerTables   = "%d tables were asked for, but %d people fill only %d tables of two or more: the plan uses %d"
	WarnTooManyRounds = "at tables of %d or more, each person meets at least %d new people a round and there are only %d others: " +
		"%d rounds can seat everyone without anyone meeting twice, so in later rounds some people sit out"
	WarnTablesTooLarge = "after the first round a table can take only one person from each of the %d tables of the round before, " +
		"so at tables of %d or more some people sit out the later rounds (more tables make smaller ones)"
	WarnSittingOut = "in %d of %d rounds some people sit out (%d seats in all), because every table they could join has someone they have met"
)

// Make plans the rounds. It fails only on input that cannot be planned:
// fewer than two people, a repeated or empty id, or tables or rounds out
// of range.
func Make(people []Participant, opt Options) (Plan, error) {
	if err := check(people, opt); err != nil {
		return Plan{}, err
	}
	sorted := order(people)
	p := len(sorted)
	tables := min(opt.Tables, p/2)
	plan := Plan{Tables: tables, MinSize: p / tables, MaxSize: (p + tables - 1) / tables}
	// Each round a person meets at least MinSize-1 new people, of p-1; and
	// from the second round on a table can take only one person from each
	// table of the round before, so tables larger than their number
	// cannot all be filled again.
	counted := (p - 1) / (plan.MinSize - 1)
	plan.FullRounds = counted
	if plan.MinSize > tables {
		plan.FullRounds = 1
	}
	if tables < opt.Tables {
		plan.Warnings = append(plan.Warnings, Warning{WarnFewerTables, []any{opt.Tables, p, tables, tables}})
	}
	switch { // the warning of the tighter bound
	case opt.Rounds > plan.FullRounds && plan.FullRounds < counted:
		plan.Warnings = append(plan.Warnings, Warning{WarnTablesTooLarge, []any{tables, plan.MinSize}})
	case opt.Rounds > counted:
		plan.Warnings = append(plan.Warnings, Warning{WarnTooManyRounds, []any{plan.MinSize, plan.MinSize - 1, p - 1, counted}})
	}
	var seats [][][]int
	if speeds, ok := findSpeeds(tables, plan.MaxSize, opt.Rounds); ok {
		plan.Rotation = true
		seats = rotate(p, tables, speeds, opt.Rounds)
	} else {
		seats = search(sorted, tables, opt.Rounds, seed(sorted, opt))
	}
	short, missing := 0, 0
	for _, round := range seats {
		r := Round{}
		seated := make([]bool, p)
		for _, table := range round {
			ids := make([]string, len(table))
			for i, k := range table {
				ids[i], seated[k] = sorted[k].ID, true
			}
			r.Tables = append(r.Tables, ids)
		}
		for k, ok := range seated {
			if !ok {
				r.SittingOut = append(r.SittingOut, sorted[k].ID)
			}
		}
		if len(r.SittingOut) > 0 {
			short++
			missing += len(r.SittingOut)
		}
		plan.Rounds = append(plan.Rounds, r)
	}
	if short > 0 && opt.Rounds <= plan.FullRounds {
		plan.Warnings = append(plan.Warnings, Warning{WarnSittingOut, []any{short, opt.Rounds, missing}})
	}
	return plan, nil
}

func check(people []Participant, opt Options) error {
	switch {
	case len(people) < 2:
		return errors.New("plan speed networking: it needs at least two people")
	case opt.Tables < 1 || opt.Tables > MaxTables:
		return fmt.Errorf("plan speed networking: tables must be 1 to %d, not %d", MaxTables, opt.Tables)
	case opt.Rounds < 1 || opt.Rounds > MaxRounds:
		return fmt.Errorf("plan speed networking: rounds must be 1 to %d, not %d", MaxRounds, opt.Rounds)
	}
	seen := map[string]bool{}
	for i, person := range people {
		if person.ID == "" {
			return fmt.Errorf("plan speed networking: participant %d has no id", i+1)
		}
		if seen[person.ID] {
			return fmt.Errorf("plan speed networking: participant %s is listed twice", person.ID)
		}
		seen[person.ID] = true
	}
	return nil
}

// order puts the hosts first, by sector and organisation so that the
// rotation's columns keep them apart, then the job seekers; ids break
// ties, which makes the plan independent of the order given.
func order(people []Participant) []Participant {
	sorted := slices.Clone(people)
	slices.SortFunc(sorted, func(a, b Participant) int {
		if a.Host != b.Host {
			if a.Host {
				return -1
			}
			return 1
		}
		if a.Host {
			if c := cmp.Compare(strings.ToLower(a.Sector), strings.ToLower(b.Sector)); c != 0 {
				return c
			}
			if c := cmp.Compare(strings.ToLower(a.Org), strings.ToLower(b.Org)); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return sorted
}

// seed is the search's random seed: a hash of everything planned, so the
// same input always gives the same plan.
func seed(sorted []Participant, opt Options) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d", opt.Tables, opt.Rounds)
	for _, p := range sorted {
		fmt.Fprintf(h, "\x00%s\x00%t\x00%s\x00%s", p.ID, p.Host, p.Sector, p.Org)
	}
	return h.Sum64()
}
