package sheets

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fairdesk/fairdesk/data"
)

// WriteLeadsVCard writes a booth's leads as one vCard 4.0 file (RFC 6350),
// a card per visitor, which phones and mail programs import as contacts.
// E-mail and phone appear only for those who consented to share them;
// their organisation and job title always; the booth's rating, tags and
// notes go into the card's NOTE, the tags also into CATEGORIES.
func WriteLeadsVCard(w io.Writer, leads data.BoothLeads) error {
	bw := bufio.NewWriter(w)
	for _, v := range leads.Visitors {
		writeVCard(bw, leads, v)
	}
	return bw.Flush()
}

func writeVCard(w *bufio.Writer, leads data.BoothLeads, v data.VisitorRow) {
	p := v.Person
	line := func(nameAndParams, value string) { writeFolded(w, nameAndParams+":"+value) }
	line("BEGIN", "VCARD")
	line("VERSION", "4.0")
	line("PRODID", "-//Fairdesk//Leads//EN")
	line("UID", "urn:uuid:"+p.ID)
	line("KIND", "individual")
	latin := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	family, given := p.FamilyName, p.GivenName
	if latin == "" && p.KanjiName != "" {
		// The kanji name is family name first, a space, given name.
		family, given, _ = strings.Cut(p.KanjiName, " ")
	}
	switch {
	case latin != "" && p.KanjiName != "":
		// The same name twice, told apart by language (RFC 6350 5.4).
		line("FN;ALTID=1;LANGUAGE=en", vcardText(latin))
		line("FN;ALTID=1;LANGUAGE=ja", vcardText(p.KanjiName))
	default:
		line("FN", vcardText(p.DisplayName()))
	}
	line("N", vcardText(family)+";"+vcardText(given)+";;;")
	if p.KanaName != "" {
		// The reading, as Apple's and Android's contacts take it; also
		// family name first.
		kanaFamily, kanaGiven, _ := strings.Cut(p.KanaName, " ")
		line("X-PHONETIC-LAST-NAME", vcardText(kanaFamily))
		if kanaGiven != "" {
			line("X-PHONETIC-FIRST-NAME", vcardText(kanaGiven))
		}
	}
	if p.OrgName != "" {
		line("ORG", vcardText(p.OrgName))
	}
	if p.JobTitle != "" {
		line("TITLE", vcardText(p.JobTitle))
	}
	// BoothVisitors has blanked these already for anyone who did not
	// consent; the check here keeps a card from ever carrying them.
	if p.Consent {
		if p.Email != "" {
			line("EMAIL;TYPE=work", vcardText(p.Email))
		}
		if p.Phone != "" {
			line("TEL;VALUE=text;TYPE=work,voice", vcardText(p.Phone))
		}
	}
	if len(v.Lead.Tags) > 0 {
		var tags []string
		for _, t := range v.Lead.Tags {
			tags = append(tags, vcardText(t))
		}
		line("CATEGORIES", strings.Join(tags, ","))
	}
	line("NOTE", vcardText(leadNote(leads, v)))
	line("END", "VCARD")
}

// leadNote is what a booth noted about a visitor, in one text for a
// contact's notes: the booth, visits, rating, tags, follow-up and notes.
func leadNote(leads data.BoothLeads, v data.VisitorRow) string {
	var parts []string
	met := "Met at booth " + leads.Booth.Code
	if leads.Booth.Name != "" {
		met += " (" + leads.Booth.Name + ")"
	}
	if v.Visits > 0 {
		met += fmt.Sprintf(", %d visit%s, first %s", v.Visits, plural(v.Visits), v.First.In(leads.Location).Format("2006-01-02 15:04"))
	}
	parts = append(parts, met+".")
	if v.Lead.Rating != "" {
		parts = append(parts, "Rating: "+string(v.Lead.Rating)+".")
	}
	if len(v.Lead.Tags) > 0 {
		parts = append(parts, "Tags: "+strings.Join(v.Lead.Tags, ", ")+".")
	}
	if v.Lead.FollowUp {
		parts = append(parts, "To follow up.")
	}
	if v.Lead.Notes != "" {
		parts = append(parts, "Notes: "+v.Lead.Notes)
	}
	return strings.Join(parts, "\n")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// vcardText escapes a text value (RFC 6350 3.4): backslash, comma and
// semicolon get a backslash, a line break becomes \n.
var vcardEscaper = strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func vcardText(s string) string { return vcardEscaper.Replace(s) }

// writeFolded writes a content line, folded to lines of at most 75 octets
// (RFC 6350 3.2) without splitting a UTF-8 character, each ending in CRLF.
func writeFolded(w *bufio.Writer, line string) {
	const limit = 75
	width := limit
	for len(line) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.WriteString(line[:cut])
		w.WriteString("\r\n ")
		line = line[cut:]
		width = limit - 1 // the leading space counts
	}
	w.WriteString(line)
	w.WriteString("\r\n")
}
