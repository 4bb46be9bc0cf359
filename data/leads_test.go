package data_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

func TestVisitsAndLeads(t *testing.T) {
	f := newFair(t)
	first, err := f.st.LogVisit(f.ctx, f.booth.ID, f.taro.BadgeCode, "bob")
	must(t, err)
	if first.Visitor.ID != f.taro.ID || first.Visits != 1 || first.Visit.Staff != "bob" || first.Visit.Laptop != "desk-1" {
		t.Fatalf("first visit: %+v", first)
	}
	if first.Visitor.Notes != "" {
		t.Error("the organisers' notes reached the booth")
	}
	f.clock.advance(90 * time.Minute)
	second, err := f.st.LogVisit(f.ctx, f.booth.ID, "taro@example.jp", "bob")
	must(t, err)
	if second.Visits != 2 {
		t.Errorf("repeat visit counted %d, want 2", second.Visits)
	}
	f.clock.advance(time.Minute)
	alice, err := f.st.LogVisit(f.ctx, f.booth.ID, "Alice Smith", "bob")
	must(t, err)
	if alice.Visitor.Email != "" || alice.Visitor.Phone != "" {
		t.Errorf("a non-consenting visitor's contact details reached the booth: %q %q", alice.Visitor.Email, alice.Visitor.Phone)
	}
	slip, err := f.st.LogVisit(f.ctx, f.booth.ID, f.bob.BadgeCode, "bob")
	must(t, err)
	undo, err := f.st.UndoVisit(f.ctx, slip.Visit.ID, "bob")
	must(t, err)
	if undo.Undoes != slip.Visit.ID {
		t.Errorf("undo row %+v", undo)
	}
	if _, err := f.st.UndoVisit(f.ctx, slip.Visit.ID, "bob"); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v", err)
	}
	if _, err := f.st.LogVisit(f.ctx, "no-such-booth", f.taro.BadgeCode, "bob"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("visit to a missing booth: %v", err)
	}

	lead, err := f.st.Lead(f.ctx, f.booth.ID, f.taro.ID)
	must(t, err)
	if lead.Notes != "" || lead.BoothID != f.booth.ID || lead.PersonID != f.taro.ID {
		t.Errorf("lead before notes: %+v", lead)
	}
	lead.Notes, lead.Rating, lead.Tags, lead.FollowUp = "Wants a graduate role", data.RatingHot, data.NewSet("graduate role", "internship"), true
	must(t, f.st.SaveLead(f.ctx, &lead))
	lead.Rating = "scorching"
	var fe data.FieldErrors
	if err := f.st.SaveLead(f.ctx, &lead); !errors.As(err, &fe) {
		t.Errorf("bad rating saved: %v", err)
	}
	aliceLead := data.Lead{BoothID: f.booth.ID, PersonID: f.alice.ID, Rating: data.RatingWarm}
	must(t, f.st.SaveLead(f.ctx, &aliceLead))
	aliceLead.Notes = "Follow up in spring"
	aliceLead.FollowUp = true
	must(t, f.st.SaveLead(f.ctx, &aliceLead))
	got, err := f.st.Lead(f.ctx, f.booth.ID, f.alice.ID)
	must(t, err)
	if got.Notes != "Follow up in spring" || got.Rating != data.RatingWarm || !got.FollowUp {
		t.Errorf("lead after edit: %+v", got)
	}

	visitors, err := f.st.BoothVisitors(f.ctx, f.booth.ID)
	must(t, err)
	if len(visitors) != 2 {
		t.Fatalf("%d visitors, want Taro and Alice (Bob's visit was undone)", len(visitors))
	}
	for _, v := range visitors {
		switch v.Person.ID {
		case f.taro.ID:
			if v.Visits != 2 || !v.First.Equal(f.opening) || !v.Last.Equal(f.opening.Add(90*time.Minute)) || v.Lead.Rating != data.RatingHot {
				t.Errorf("Taro's row: %+v", v)
			}
			if v.Person.Email != "taro@example.jp" || v.Person.Phone == "" {
				t.Errorf("a consenting visitor's contact details are missing: %+v", v.Person)
			}
		case f.alice.ID:
			if v.Person.Email != "" || v.Person.Phone != "" {
				t.Errorf("a non-consenting visitor's contact details are shown: %q %q", v.Person.Email, v.Person.Phone)
			}
		}
		if v.Person.Notes != "" {
			t.Error("the organisers' notes reached the booth")
		}
	}
	if visitors[0].Person.ID != f.alice.ID {
		t.Error("visitors not latest first")
	}
}

func TestBoothStats(t *testing.T) {
	f := newFair(t)
	visit := func(p data.Person) {
		t.Helper()
		_, err := f.st.LogVisit(f.ctx, f.booth.ID, p.BadgeCode, "bob")
		must(t, err)
	}
	visit(f.taro)  // 11:00
	visit(f.alice) // 11:00
	f.clock.advance(30 * time.Minute)
	visit(f.taro) // 11:30
	f.clock.advance(2 * time.Hour)
	visit(f.alice) // 13:30, nothing at 12:00
	must(t, f.st.SaveLead(f.ctx, &data.Lead{BoothID: f.booth.ID, PersonID: f.taro.ID, Rating: data.RatingHot, FollowUp: true}))
	must(t, f.st.SaveLead(f.ctx, &data.Lead{BoothID: f.booth.ID, PersonID: f.alice.ID, Rating: data.RatingCold}))

	stats, err := f.st.BoothStats(f.ctx, f.booth.ID, f.london)
	must(t, err)
	if stats.Visits != 4 || stats.Visitors != 2 || stats.HotLeads != 1 || stats.FollowUpsOpen != 1 {
		t.Errorf("stats %+v", stats)
	}
	var hours []string
	for _, h := range stats.PerHour {
		hours = append(hours, h.Start.Format("15:04")+"="+strconv.Itoa(h.Visits)+"/"+strconv.Itoa(h.Visitors))
	}
	if got := strings.Join(hours, " "); got != "11:00=3/2 12:00=0/0 13:00=1/1" {
		t.Errorf("per hour (London): %s", got)
	}
	if stats.ByRole[data.RoleMentor] != 1 || stats.ByRole[data.RoleJobSeeker] != 1 {
		t.Errorf("by role %v", stats.ByRole)
	}
	if len(stats.ByInterest) != 2 || stats.ByInterest[0] != (data.LabelCount{Label: "finance", Count: 2}) {
		t.Errorf("by interest %v", stats.ByInterest)
	}

	other := data.Booth{Code: "B01", Name: "Empty stand"}
	must(t, f.st.SaveBooth(f.ctx, &other, nil))
	all, err := f.st.AllBoothStats(f.ctx, f.london)
	must(t, err)
	if len(all) != 2 || all[0].Code != "A01" || all[0].Visits != 4 || all[0].Visitors != 2 || all[1].Visits != 0 || len(all[0].PerHour) != 3 {
		t.Errorf("all booths %+v", all)
	}
	var buf bytes.Buffer
	must(t, f.st.ExportBoothStats(f.ctx, &buf))
	want := "\uFEFFbooth,name,organisation,visits,visitors,visits 2026-10-23 11:00,visits 2026-10-23 12:00,visits 2026-10-23 13:00\r\n" +
		"A01,Kaisha KK,Kaisha KK,4,2,3,0,1\r\nB01,Empty stand,,0,0,0,0,0\r\n"
	if buf.String() != want {
		t.Errorf("booth statistics CSV:\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestExportLeadsHidesWhatWasNotConsentedAndRecordsWho(t *testing.T) {
	f := newFair(t)
	for _, p := range []data.Person{f.taro, f.alice} {
		_, err := f.st.LogVisit(f.ctx, f.booth.ID, p.BadgeCode, "bob")
		must(t, err)
	}
	must(t, f.st.SaveLead(f.ctx, &data.Lead{BoothID: f.booth.ID, PersonID: f.alice.ID, Notes: "CV, 2 pages", Rating: data.RatingWarm}))
	f.clock.advance(4 * time.Hour)
	must(t, f.st.SetLaptopName(f.ctx, "booth-a01"))
	var buf bytes.Buffer
	n, err := f.st.ExportLeads(f.ctx, f.booth.ID, "bob", &buf)
	must(t, err)
	if n != 2 {
		t.Errorf("exported %d rows, want 2", n)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFbooth,given_name,") {
		t.Errorf("no byte-order mark or header: %q", out[:min(40, len(out))])
	}
	for _, secret := range []string{f.alice.Email, f.alice.Phone, "organisers only"} {
		if strings.Contains(out, secret) {
			t.Errorf("the export holds %q", secret)
		}
	}
	if !strings.Contains(out, f.taro.Email) || !strings.Contains(out, "山田 太郎") {
		t.Errorf("the export lacks Taro's consented e-mail or kanji name:\n%s", out)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	must(t, err)
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

	exports, err := f.st.LeadExports(f.ctx, f.booth.ID)
	must(t, err)
	if len(exports) != 1 {
		t.Fatalf("%d exports recorded, want 1", len(exports))
	}
	e := exports[0]
	if e.Staff != "bob" || e.Laptop != "booth-a01" || e.Rows != 2 || !e.At.Equal(f.opening.Add(4*time.Hour)) {
		t.Errorf("export record %+v", e)
	}
	if _, err := f.st.ExportLeads(f.ctx, "no-such-booth", "bob", &buf); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("export of a missing booth: %v", err)
	}
}
