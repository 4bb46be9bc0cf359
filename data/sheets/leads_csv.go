package sheets

import (
	"io"
	"strconv"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// leadColumns are the columns of a booth's own leads file: every column a
// booth may see.
var leadColumns = []string{"booth", "given_name", "family_name", "kanji_name", "kana_name", "organisation", "job_title",
	"roles", "interests", "email", "phone", "consent", "visits", "first_visit", "last_visit", "rating", "tags", "follow_up", "notes"}

// WriteLeadsCSV writes a booth's visitors and notes as CSV (UTF-8 with a
// byte-order mark, so Excel reads it as Unicode), for Store.ExportLeads,
// which records the export. Contact details are there only for those who
// consented: the store blanked the others before.
func WriteLeadsCSV(w io.Writer, leads data.BoothLeads) error {
	sw := NewSheetWriter(w)
	sw.Write(leadColumns)
	for _, v := range leads.Visitors {
		p := v.Person
		sw.Write([]string{leads.Booth.Code, p.GivenName, p.FamilyName, p.KanjiName, p.KanaName, p.OrgName, p.JobTitle,
			p.Roles.String(), p.Interests.String(), p.Email, p.Phone, YesNo(p.Consent), strconv.Itoa(v.Visits),
			visitTime(v.First, leads.Location), visitTime(v.Last, leads.Location), string(v.Lead.Rating), v.Lead.Tags.String(),
			YesNo(v.Lead.FollowUp), v.Lead.Notes})
	}
	return sw.Flush()
}

// visitTime is a visit's time on the event's clock; a lead noted without
// a visit has none.
func visitTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04")
}
