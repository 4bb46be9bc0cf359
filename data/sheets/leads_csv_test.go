package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// The booth table has a column for every hour from the first visit to the
// last, a quiet hour included, on the event's clock.
func TestExportBoothStats(t *testing.T) {
	f := datatest.NewFair(t)
	// Taro and Alice at 11:00, Taro at 11:30, Alice at 13:30: nothing at 12:00.
	for _, v := range []struct {
		p     data.Person
		after time.Duration
	}{{f.Taro, 0}, {f.Alice, 0}, {f.Taro, 30 * time.Minute}, {f.Alice, 2 * time.Hour}} {
		f.Clock.Advance(v.after)
		_, err := f.Store.LogVisit(t.Context(), f.Booth.ID, v.p.BadgeCode, "bob")
		datatest.Must(t, err)
	}
	other := data.Booth{Code: "B01", Name: "Empty stand"}
	datatest.Must(t, f.Store.SaveBooth(t.Context(), &other, nil))

	var buf bytes.Buffer
	datatest.Must(t, ExportBoothStats(t.Context(), f.Store, &buf))
	want := "\uFEFFbooth,name,organisation,visits,visitors,visits 2026-10-23 11:00,visits 2026-10-23 12:00,visits 2026-10-23 13:00\r\n" +
		"A01,Kaisha KK,Kaisha KK,4,2,3,0,1\r\nB01,Empty stand,,0,0,0,0,0\r\n"
	if buf.String() != want {
		t.Errorf("booth statistics CSV:\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestExportLeadsHidesWhatWasNotConsentedAndRecordsWho(t *testing.T) {
	f := datatest.NewFair(t)
	for _, p := range []data.Person{f.Taro, f.Alice} {
		_, err := f.Store.LogVisit(t.Context(), f.Booth.ID, p.BadgeCode, "bob")
		datatest.Must(t, err)
	}
	datatest.Must(t, f.Store.SaveLead(t.Context(), &data.Lead{BoothID: f.Booth.ID, PersonID: f.Alice.ID, Notes: "CV, 2 pages", Rating: data.RatingWarm}))
	f.Clock.Advance(4 * time.Hour)
	datatest.Must(t, f.Store.SetLaptopName(t.Context(), "booth-a01"))
	var buf bytes.Buffer
	n, err := f.Store.ExportLeads(t.Context(), f.Booth.ID, "bob", &buf, WriteLeadsCSV)
	datatest.Must(t, err)
	if n != 2 {
		t.Errorf("exported %d rows, want 2", n)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFbooth,given_name,") {
		t.Errorf("no byte-order mark or header: %q", out[:min(40, len(out))])
	}
	for _, secret := range []string{f.Alice.Email, f.Alice.Phone, "organisers only"} {
		if strings.Contains(out, secret) {
			t.Errorf("the export holds %q", secret)
		}
	}
	if !strings.Contains(out, f.Taro.Email) || !strings.Contains(out, "山田 太郎") {
		t.Errorf("the export lacks Taro's consented e-mail or kanji name:\n%s", out)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	datatest.Must(t, err)
	if len(records) != 3 {
		t.Fatalf("%d CSV records, want header + 2", len(records))
	}
	header := records[0]
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, h := range header {
			row[h] = r[i]
		}
		if row["given_name"] == "Alice" && (row["notes"] != "CV, 2 pages" || row["rating"] != "warm" || row["consent"] != "no" || row["first_visit"] != "2026-10-23 11:00") {
			t.Errorf("Alice's row %v", row)
		}
	}

	exports := datatest.Records(t, f.Store, "lead_exports")
	if len(exports) != 1 {
		t.Fatalf("%d exports recorded, want 1", len(exports))
	}
	e := exports[0]
	if e["booth_id"] != f.Booth.ID || e["staff"] != "bob" || e["laptop"] != "booth-a01" || e["rows"] != float64(2) ||
		e["at"] != f.Opening.Add(4*time.Hour).UTC().Format(time.RFC3339) {
		t.Errorf("export record %v", e)
	}
	if _, err := f.Store.ExportLeads(t.Context(), "no-such-booth", "bob", &buf, WriteLeadsCSV); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("export of a missing booth: %v", err)
	}
}
