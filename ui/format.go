package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/data"
)

// groupThousands writes 1234567 as 1,234,567.
func groupThousands(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// countOf says "1 person", "1,234 people": singular only for exactly one.
func countOf(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return groupThousands(n) + " " + plural
}

var roleLabels = map[data.Role]string{
	data.RoleJobSeeker:      "Job seeker",
	data.RoleMentor:         "Mentor",
	data.RoleRecruiter:      "Recruiter",
	data.RoleSpeaker:        "Speaker",
	data.RoleOrganiser:      "Organiser",
	data.RoleExhibitorStaff: "Exhibitor staff",
}

// rolesText lists roles in the order data.Roles gives them, keeping any
// role this build does not know as it is stored.
func rolesText(roles data.Set) string {
	var labels []string
	for _, r := range data.Roles {
		if slices.Contains(roles, string(r)) {
			labels = append(labels, lang.L(roleLabels[r]))
		}
	}
	for _, r := range roles {
		if _, known := roleLabels[data.Role(r)]; !known {
			labels = append(labels, r)
		}
	}
	return strings.Join(labels, ", ")
}

var orgKindLabels = map[data.OrgKind]string{
	data.OrgJapaneseCompany:    "Japanese company",
	data.OrgNonJapaneseCompany: "Non-Japanese company",
	data.OrgPublicSector:       "Public sector",
	data.OrgStartup:            "Start-up",
	data.OrgOther:              "Other",
}

var sessionKindLabels = map[data.SessionKind]string{
	data.SessionPanel:      "Panel",
	data.SessionBreakout:   "Breakout",
	data.SessionTalk:       "Talk",
	data.SessionNetworking: "Networking",
}

// label is the display text of a code, or the code itself when unknown.
func label[K ~string](labels map[K]string, code K) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return string(code)
}

// joinNonEmpty joins the parts that have text with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// personHeading is the Latin name followed by the kanji name, each only
// when given, so a row reads "Taro Yamada  山田 太郎".
func personHeading(p data.Person) string {
	latin := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	if latin == p.KanjiName {
		return latin
	}
	return joinNonEmpty("  ", latin, p.KanjiName)
}

// eventWhen says when the event runs in its own time zone: one line for a
// one-day event, both dates when it spans days.
func eventWhen(e data.Event) string {
	if e.Starts.IsZero() {
		return lang.L("No dates set yet")
	}
	loc := e.Location()
	start := e.Starts.In(loc)
	zone := fmt.Sprintf(" (%s)", e.TimeZone)
	if e.Ends.IsZero() {
		return formatTime(start, "Monday 2 January 2006, 15:04") + zone
	}
	end := e.Ends.In(loc)
	if sameDay(start, end) {
		return formatTime(start, "Monday 2 January 2006, 15:04") + " – " + end.Format("15:04") + zone
	}
	return formatTime(start, "Mon 2 Jan 2006 15:04") + " – " + formatTime(end, "Mon 2 Jan 2006 15:04") + zone
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
