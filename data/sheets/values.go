package sheets

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/fairdesk/fairdesk/data"
	"golang.org/x/text/unicode/norm"
)

// roleWords maps what registration tools and organisers write (normalised
// like headers) to a role.
var roleWords = map[string]data.Role{
	"jobseeker": data.RoleJobSeeker, "seeker": data.RoleJobSeeker, "candidate": data.RoleJobSeeker,
	"attendee": data.RoleJobSeeker, "求職者": data.RoleJobSeeker, "転職希望者": data.RoleJobSeeker, "参加者": data.RoleJobSeeker,
	"mentor": data.RoleMentor, "advisor": data.RoleMentor, "adviser": data.RoleMentor, "メンター": data.RoleMentor,
	"recruiter": data.RoleRecruiter, "employer": data.RoleRecruiter, "hr": data.RoleRecruiter, "hiringmanager": data.RoleRecruiter,
	"採用担当": data.RoleRecruiter, "採用担当者": data.RoleRecruiter, "リクルーター": data.RoleRecruiter, "人事": data.RoleRecruiter,
	"speaker": data.RoleSpeaker, "panelist": data.RoleSpeaker, "panellist": data.RoleSpeaker, "presenter": data.RoleSpeaker,
	"登壇者": data.RoleSpeaker, "講演者": data.RoleSpeaker, "スピーカー": data.RoleSpeaker,
	"organiser": data.RoleOrganiser, "organizer": data.RoleOrganiser, "staff": data.RoleOrganiser, "volunteer": data.RoleOrganiser,
	"運営": data.RoleOrganiser, "主催者": data.RoleOrganiser, "スタッフ": data.RoleOrganiser, "運営スタッフ": data.RoleOrganiser,
	"exhibitor": data.RoleExhibitorStaff, "exhibitorstaff": data.RoleExhibitorStaff, "boothstaff": data.RoleExhibitorStaff,
	"出展者": data.RoleExhibitorStaff, "出展企業": data.RoleExhibitorStaff, "ブース担当": data.RoleExhibitorStaff, "ブース担当者": data.RoleExhibitorStaff,
}

func init() {
	for _, r := range data.Roles {
		roleWords[normaliseHeader(string(r))] = r
	}
}

// parseRoles reads roles separated by semicolons or commas.
func parseRoles(text string) (data.Set, error) {
	var roles []string
	for _, word := range data.ParseSet(text) {
		role, ok := roleWords[normaliseHeader(word)]
		if !ok {
			return nil, reason("%q is not a role (job seeker, mentor, recruiter, speaker, organiser, exhibitor); map the column to a custom field to keep it as it is", word)
		}
		roles = append(roles, string(role))
	}
	return data.NewSet(roles...), nil
}

// roleCache remembers the roles of each distinct cell: a registration
// export repeats a handful of ticket types over thousands of rows.
type roleCache map[string]roleResult

type roleResult struct {
	roles data.Set
	err   error
}

func (c roleCache) parse(text string) (data.Set, error) {
	r, ok := c[text]
	if !ok {
		r.roles, r.err = parseRoles(text)
		c[text] = r
	}
	return slices.Clone(r.roles), r.err
}

// parseYesNo reads a consent cell.
func parseYesNo(text string) (bool, error) {
	switch strings.TrimSpace(text) {
	case "○", "◯", "〇", "✓", "✔":
		return true, nil
	case "×", "✗", "-", "ー":
		return false, nil
	}
	switch normaliseHeader(text) {
	case "yes", "y", "true", "1", "on", "agree", "agreed", "ok", "はい", "同意する", "同意します", "同意", "可", "済":
		return true, nil
	case "no", "n", "false", "0", "off", "disagree", "いいえ", "同意しない", "同意しません", "不可", "否":
		return false, nil
	}
	return false, reason("%q is not yes or no", text)
}

// parseCount reads a whole number that may be written with full-width
// digits or thousands separators.
func parseCount(text string) (int, error) {
	clean := strings.ReplaceAll(norm.NFKC.String(text), ",", "")
	n, err := strconv.Atoi(clean)
	if err != nil {
		return 0, reason("%q is not a whole number", text)
	}
	return n, nil
}

var minutesPattern = regexp.MustCompile(`^(\d+)\s*(m|min|mins|minute|minutes|分)?$`)
var hoursMinutesPattern = regexp.MustCompile(`^(\d+):(\d{2})$`)

// parseDuration reads 90, 90 min, 90分, 1:30 or 1h30m.
func parseDuration(text string) (time.Duration, error) {
	t := strings.ToLower(strings.TrimSpace(norm.NFKC.String(text)))
	if m := minutesPattern.FindStringSubmatch(t); m != nil {
		n, _ := strconv.Atoi(m[1])
		return time.Duration(n) * time.Minute, nil
	}
	if m := hoursMinutesPattern.FindStringSubmatch(t); m != nil {
		h, _ := strconv.Atoi(m[1])
		min, _ := strconv.Atoi(m[2])
		return time.Duration(h)*time.Hour + time.Duration(min)*time.Minute, nil
	}
	if d, err := time.ParseDuration(strings.ReplaceAll(t, " ", "")); err == nil && d > 0 {
		return d, nil
	}
	return 0, reason("%q is not a duration (90, 90 min, 1:30 or 1h30m)", text)
}

// isJapanese reports whether text holds kanji or kana, so that a "Name"
// column can tell a kanji name from a Latin one.
func isJapanese(text string) bool {
	for _, r := range text {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// japaneseName tidies a kanji or kana name: full-width spaces become one
// ASCII space, as the data model keeps "family given".
func japaneseName(text string) string {
	if !strings.Contains(text, "\u3000") && !strings.Contains(text, "  ") && strings.TrimSpace(text) == text {
		return text // the usual case, without allocating
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(text, "\u3000", " ")), " ")
}

// joinName puts a family and a given part together with one space.
func joinName(family, given string) string {
	if family == "" || given == "" {
		return japaneseName(family + given)
	}
	return strings.TrimSpace(japaneseName(family) + " " + japaneseName(given))
}

// splitLatinName splits "Mary Ann Smith" into "Mary Ann" and "Smith": the
// last word is taken as the family name, which holds for the forms that
// ask for one name field in English.
func splitLatinName(text string) (given, family string) {
	words := strings.Fields(text)
	switch len(words) {
	case 0:
		return "", ""
	case 1:
		return words[0], ""
	}
	return strings.Join(words[:len(words)-1], " "), words[len(words)-1]
}

// splitKeys reads a list of e-mail addresses or badge codes, separated by
// semicolons, commas or newlines.
func splitKeys(text string) []string {
	var keys []string
	for _, k := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == ',' || r == '\n' || r == '、' }) {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}
