package sheets

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/networking"
)

// NetworkingHeader is the header of a speed-networking table plan as CSV.
var NetworkingHeader = []string{"round", "table", "person", "role", "organisation", "badge"}

// SittingOut is the table cell of someone sitting a round out.
const SittingOut = "sitting out"

// WriteNetworkingPlan writes the table plan, one row a seat, by round and
// table (networking.Plan.Seats); a person's name is the Latin one with the
// kanji one after it in brackets when they differ.
func WriteNetworkingPlan(w io.Writer, plan networking.Plan, people []data.NetworkingParticipant) error {
	sw := NewSheetWriter(w)
	sw.Write(NetworkingHeader)
	for _, s := range plan.Seats(people) {
		table := SittingOut
		if s.Table > 0 {
			table = strconv.Itoa(s.Table)
		}
		sw.Write([]string{strconv.Itoa(s.Round), table, PersonWithKanji(s.Person.Person), networking.RoleLabel(s.Person.Person),
			s.Person.OrgName, s.Person.BadgeCode})
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write the table plan: %w", err)
	}
	return nil
}

// PersonWithKanji is the Latin name with the kanji name after it in
// brackets, when both are there and differ.
func PersonWithKanji(p data.Person) string {
	name := p.DisplayName()
	if k := strings.TrimSpace(p.KanjiName); k != "" && k != name {
		return name + " (" + k + ")"
	}
	return name
}
