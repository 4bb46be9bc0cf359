package networking

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// genPeople draws a session's people: some hosts with sectors and
// organisations from short lists (so that they collide), the rest job
// seekers.
func genPeople(t *rapid.T) []Participant {
	n := rapid.IntRange(2, 48).Draw(t, "people")
	hosts := rapid.IntRange(0, n).Draw(t, "hosts")
	sectors := []string{"", "Finance", "Public sector", "Tech"}
	orgs := []string{"", "Acme", "Mitsuba", "Gov"}
	people := make([]Participant, n)
	for i := range people {
		people[i] = Participant{ID: fmt.Sprintf("p%03d", i), Host: i < hosts}
		if people[i].Host {
			people[i].Sector = rapid.SampledFrom(sectors).Draw(t, "sector")
			people[i].Org = rapid.SampledFrom(orgs).Draw(t, "org")
		}
	}
	return people
}

// tb is what checkPlan needs of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkPlan asserts what every plan keeps, whatever the numbers.
func checkPlan(t tb, people []Participant, opt Options, plan Plan) {
	t.Helper()
	p := len(people)
	if plan.Tables != min(opt.Tables, p/2) || plan.MinSize != p/plan.Tables || plan.MaxSize != (p+plan.Tables-1)/plan.Tables {
		t.Fatalf("%d people at %d tables: plan says %d tables of %d to %d", p, opt.Tables, plan.Tables, plan.MinSize, plan.MaxSize)
	}
	if len(plan.Rounds) != opt.Rounds {
		t.Fatalf("%d rounds planned, %d asked for", len(plan.Rounds), opt.Rounds)
	}
	met := map[[2]string]int{}
	for r, round := range plan.Rounds {
		if len(round.Tables) != plan.Tables {
			t.Fatalf("round %d has %d tables, want %d", r+1, len(round.Tables), plan.Tables)
		}
		seen := map[string]int{}
		for ti, table := range round.Tables {
			if len(table) > plan.MaxSize || len(table) == 1 {
				t.Fatalf("round %d table %d seats %d: want 2 to %d", r+1, ti+1, len(table), plan.MaxSize)
			}
			if len(round.SittingOut) == 0 && len(table) < plan.MinSize {
				t.Fatalf("round %d table %d seats %d with everyone seated: want %d to %d", r+1, ti+1, len(table), plan.MinSize, plan.MaxSize)
			}
			for i, a := range table {
				seen[a]++
				for _, b := range table[i+1:] {
					pair := [2]string{min(a, b), max(a, b)}
					met[pair]++
					if met[pair] > 1 {
						t.Fatalf("%s and %s share a table again in round %d", a, b, r+1)
					}
				}
			}
		}
		for _, id := range round.SittingOut {
			seen[id]++
		}
		for _, person := range people {
			if seen[person.ID] != 1 {
				t.Fatalf("round %d: %s is seated or sitting out %d times", r+1, person.ID, seen[person.ID])
			}
		}
		if len(seen) != p {
			t.Fatalf("round %d names someone who is not a participant", r+1)
		}
	}
	if opt.Rounds > plan.FullRounds {
		if !hasWarning(plan, WarnTooManyRounds) && !hasWarning(plan, WarnTablesTooLarge) {
			t.Fatalf("%d rounds where only %d can seat everyone, and no warning: %v", opt.Rounds, plan.FullRounds, plan.Warnings)
		}
		out := 0
		for _, round := range plan.Rounds {
			out += len(round.SittingOut)
		}
		if out == 0 {
			t.Fatalf("the counting bound says %d rounds at most, yet %d seated everyone", plan.FullRounds, opt.Rounds)
		}
	}
}

func hasWarning(plan Plan, format string) bool {
	for _, w := range plan.Warnings {
		if w.Format == format {
			return true
		}
	}
	return false
}

func TestPlansNeverRepeatAPairAndSeatWhomTheyCan(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		people := genPeople(rt)
		opt := Options{Tables: rapid.IntRange(1, 14).Draw(rt, "tables"), Rounds: rapid.IntRange(1, 9).Draw(rt, "rounds")}
		plan, err := Make(people, opt)
		if err != nil {
			rt.Fatal(err)
		}
		checkPlan(rt, people, opt, plan)

		// When the rotation's numbers hold, everyone sits every round, and
		// every table has a host when there are enough to go round.
		hosts := 0
		for _, p := range people {
			if p.Host {
				hosts++
			}
		}
		if isPrime(plan.Tables) && plan.MaxSize <= plan.Tables && opt.Rounds <= plan.Tables {
			if !plan.Rotation {
				rt.Fatalf("%d tables of %d for %d rounds: the rotation fits but was not used", plan.Tables, plan.MaxSize, opt.Rounds)
			}
			for r, round := range plan.Rounds {
				if len(round.SittingOut) > 0 {
					rt.Fatalf("round %d: %v sit out though the rotation seats everyone", r+1, round.SittingOut)
				}
				for ti, table := range round.Tables {
					if hosts >= plan.Tables && !slices.ContainsFunc(table, func(id string) bool { return id < fmt.Sprintf("p%03d", hosts) }) {
						rt.Fatalf("round %d table %d has no host: %v", r+1, ti+1, table)
					}
				}
			}
		}
		if !plan.Rotation && opt.Rounds <= plan.FullRounds {
			out := 0
			for _, round := range plan.Rounds {
				out += len(round.SittingOut)
			}
			if (out > 0) != hasWarning(plan, WarnSittingOut) {
				rt.Fatalf("%d seats sit out, warnings %v", out, plan.Warnings)
			}
		}

		// The same people in another order get the same plan.
		shuffled := rapid.Permutation(people).Draw(rt, "shuffled")
		again, err := Make(shuffled, opt)
		if err != nil {
			rt.Fatal(err)
		}
		if !reflect.DeepEqual(plan, again) {
			rt.Fatalf("the same people in another order got another plan")
		}
	})
}

// A usual session that the rotation cannot plan (10 tables is not prime,
// and tables of 6 need 6 speeds of order 5 or more mod 10, which do not
// exist): the search still seats all 60 every round, one host or two a
// table, two hosts of one sector together at most once.
func TestSearchSeatsAUsualSessionCompletely(t *testing.T) {
	var people []Participant
	sectors := []string{"Finance", "Public sector", "Tech", "Manufacturing", "Consulting"}
	for i := range 15 {
		people = append(people, Participant{ID: fmt.Sprintf("h%02d", i), Host: true, Sector: sectors[i%len(sectors)], Org: fmt.Sprintf("org%d", i)})
	}
	for i := range 45 {
		people = append(people, Participant{ID: fmt.Sprintf("s%02d", i)})
	}
	opt := Options{Tables: 10, Rounds: 5}
	plan, err := Make(people, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, people, opt, plan)
	if plan.Rotation {
		t.Fatal("the rotation claims 10 tables of 6 for 5 rounds")
	}
	clashes := 0
	for r, round := range plan.Rounds {
		if len(round.SittingOut) > 0 {
			t.Errorf("round %d: %d sit out", r+1, len(round.SittingOut))
		}
		for ti, table := range round.Tables {
			var hostSectors []string
			for _, id := range table {
				if strings.HasPrefix(id, "h") {
					var n int
					fmt.Sscanf(id, "h%d", &n)
					hostSectors = append(hostSectors, sectors[n%len(sectors)])
				}
			}
			if len(hostSectors) < 1 || len(hostSectors) > 2 {
				t.Errorf("round %d table %d has %d hosts", r+1, ti+1, len(hostSectors))
			}
			if len(hostSectors) == 2 && hostSectors[0] == hostSectors[1] {
				clashes++
				t.Logf("round %d table %d has two hosts from %s", r+1, ti+1, hostSectors[0])
			}
		}
	}
	// Sectors are kept apart where the pairs not met yet allow: by the
	// last round few are left.
	if clashes > 1 {
		t.Errorf("%d of 50 tables have two hosts of one sector", clashes)
	}
	if len(plan.Warnings) > 0 {
		t.Errorf("warnings: %v", plan.Warnings)
	}
}

// One table, three rounds: after the first, everyone has met everyone, so
// the later rounds seat no one, and the plan says why.
func TestImpossibleRoundsSitEveryoneOutAndSaySo(t *testing.T) {
	people := []Participant{{ID: "a", Host: true}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	plan, err := Make(people, Options{Tables: 1, Rounds: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, people, Options{Tables: 1, Rounds: 3}, plan)
	if plan.FullRounds != 1 || len(plan.Rounds[1].SittingOut) != 4 || len(plan.Rounds[2].SittingOut) != 4 {
		t.Errorf("plan %+v", plan)
	}
	if w := plan.Warnings; len(w) != 1 || !strings.Contains(w[0].String(), "1 rounds can seat everyone") {
		t.Errorf("warnings %v", w)
	}
	// 5 people asking for 4 tables get 2: a table of one is no conversation.
	plan, err = Make(append(people, Participant{ID: "e"}), Options{Tables: 4, Rounds: 1})
	if err != nil || plan.Tables != 2 || !hasWarning(plan, WarnFewerTables) {
		t.Errorf("5 people at 4 tables: %+v, %v", plan, err)
	}
}

func TestBadInputIsRefused(t *testing.T) {
	two := []Participant{{ID: "a"}, {ID: "b"}}
	for _, c := range []struct {
		people []Participant
		opt    Options
		want   string
	}{
		{two[:1], Options{Tables: 1, Rounds: 1}, "at least two"},
		{two, Options{Tables: 0, Rounds: 1}, "tables must be"},
		{two, Options{Tables: 1, Rounds: 0}, "rounds must be"},
		{two, Options{Tables: 1, Rounds: MaxRounds + 1}, "rounds must be"},
		{[]Participant{{ID: "a"}, {ID: "a"}}, Options{Tables: 1, Rounds: 1}, "listed twice"},
		{[]Participant{{ID: "a"}, {}}, Options{Tables: 1, Rounds: 1}, "no id"},
	} {
		if _, err := Make(c.people, c.opt); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v %+v: %v, want %q", c.people, c.opt, err, c.want)
		}
	}
}

func TestSuggestedTablesLetTheRotationSeatEveryone(t *testing.T) {
	for people := 2; people <= 300; people++ {
		tables := SuggestedTables(people)
		plan, err := Make(someHosts(people), Options{Tables: tables, Rounds: min(4, tables)})
		if err != nil {
			t.Fatal(err)
		}
		if people >= 6 && !plan.Rotation {
			t.Errorf("%d people at the %d tables suggested: no rotation", people, tables)
		}
		if plan.MaxSize > 8 {
			t.Errorf("%d people at the %d tables suggested: tables of %d", people, tables, plan.MaxSize)
		}
	}
}

// someHosts is n people, every fifth a host.
func someHosts(n int) []Participant {
	people := make([]Participant, n)
	for i := range people {
		people[i] = Participant{ID: fmt.Sprintf("p%03d", i), Host: i%5 == 0}
	}
	return people
}
