package sheets

import (
	"io"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// crmColumns are the headers that CRMs' contact and lead imports (HubSpot,
// Salesforce, Zoho, Pipedrive) map without being told: each matches a
// standard field by name.
var crmColumns = []string{"First Name", "Last Name", "Email", "Phone", "Company", "Job Title", "Lead Status", "Notes"}

// crmStatus is the Lead Status a booth's rating becomes: a lead not yet
// rated is New.
var crmStatus = map[data.Rating]string{"": "New", data.RatingHot: "Hot", data.RatingWarm: "Warm", data.RatingCold: "Cold"}

// WriteLeadsCRM writes a booth's leads as a CSV file in the column layout
// CRMs import contacts from (crmColumns), through the same writer as every
// CSV export (byte-order mark, CRLF, formula cells neutralised). E-mail
// and phone are those of visitors who consented to share them only; the
// booth's notes, tags and visits go into Notes. A visitor known only by
// a kanji name has it split into family and given name.
func WriteLeadsCRM(w io.Writer, leads data.BoothLeads) error {
	sw := NewSheetWriter(w)
	if err := sw.Write(crmColumns); err != nil {
		return err
	}
	for _, v := range leads.Visitors {
		p := v.Person
		given, family := p.GivenName, p.FamilyName
		if given == "" && family == "" {
			family, given, _ = strings.Cut(p.KanjiName, " ")
		}
		email, phone := "", ""
		if p.Consent {
			email, phone = p.Email, p.Phone
		}
		if err := sw.Write([]string{given, family, email, phone, p.OrgName, p.JobTitle, crmStatus[v.Lead.Rating], leadNote(leads, v)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}
