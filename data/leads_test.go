package data_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

func TestVisitsAndLeads(t *testing.T) {
	f := datatest.NewFair(t)
	first, err := f.Store.LogVisit(t.Context(), f.Booth.ID, f.Taro.BadgeCode, "bob")
	datatest.Must(t, err)
	if first.Visitor.ID != f.Taro.ID || first.Visits != 1 || first.Visit.Staff != "bob" || first.Visit.Laptop != "desk-1" {
		t.Fatalf("first visit: %+v", first)
	}
	if first.Visitor.Notes != "" {
		t.Error("the organisers' notes reached the booth")
	}
	f.Clock.Advance(90 * time.Minute)
	second, err := f.Store.LogVisit(t.Context(), f.Booth.ID, "taro@example.jp", "bob")
	datatest.Must(t, err)
	if second.Visits != 2 {
		t.Errorf("repeat visit counted %d, want 2", second.Visits)
	}
	f.Clock.Advance(time.Minute)
	alice, err := f.Store.LogVisit(t.Context(), f.Booth.ID, "Alice Smith", "bob")
	datatest.Must(t, err)
	if alice.Visitor.Email != "" || alice.Visitor.Phone != "" {
		t.Errorf("a non-consenting visitor's contact details reached the booth: %q %q", alice.Visitor.Email, alice.Visitor.Phone)
	}
	slip, err := f.Store.LogVisit(t.Context(), f.Booth.ID, f.Bob.BadgeCode, "bob")
	datatest.Must(t, err)
	undo, err := f.Store.UndoVisit(t.Context(), slip.Visit.ID, "bob")
	datatest.Must(t, err)
	if undo.Undoes != slip.Visit.ID {
		t.Errorf("undo row %+v", undo)
	}
	if _, err := f.Store.UndoVisit(t.Context(), slip.Visit.ID, "bob"); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v", err)
	}
	if _, err := f.Store.LogVisit(t.Context(), "no-such-booth", f.Taro.BadgeCode, "bob"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("visit to a missing booth: %v", err)
	}

	lead, err := f.Store.Lead(t.Context(), f.Booth.ID, f.Taro.ID)
	datatest.Must(t, err)
	if lead.Notes != "" || lead.BoothID != f.Booth.ID || lead.PersonID != f.Taro.ID {
		t.Errorf("lead before notes: %+v", lead)
	}
	lead.Notes, lead.Rating, lead.Tags, lead.FollowUp = "Wants a graduate role", data.RatingHot, data.NewSet("graduate role", "internship"), true
	datatest.Must(t, f.Store.SaveLead(t.Context(), &lead))
	lead.Rating = "scorching"
	var fe data.FieldErrors
	if err := f.Store.SaveLead(t.Context(), &lead); !errors.As(err, &fe) {
		t.Errorf("bad rating saved: %v", err)
	}
	aliceLead := data.Lead{BoothID: f.Booth.ID, PersonID: f.Alice.ID, Rating: data.RatingWarm}
	datatest.Must(t, f.Store.SaveLead(t.Context(), &aliceLead))
	aliceLead.Notes = "Follow up in spring"
	aliceLead.FollowUp = true
	datatest.Must(t, f.Store.SaveLead(t.Context(), &aliceLead))
	got, err := f.Store.Lead(t.Context(), f.Booth.ID, f.Alice.ID)
	datatest.Must(t, err)
	if got.Notes != "Follow up in spring" || got.Rating != data.RatingWarm || !got.FollowUp {
		t.Errorf("lead after edit: %+v", got)
	}

	visitors, err := f.Store.BoothVisitors(t.Context(), f.Booth.ID)
	datatest.Must(t, err)
	if len(visitors) != 2 {
		t.Fatalf("%d visitors, want Taro and Alice (Bob's visit was undone)", len(visitors))
	}
	for _, v := range visitors {
		switch v.Person.ID {
		case f.Taro.ID:
			if v.Visits != 2 || !v.First.Equal(f.Opening) || !v.Last.Equal(f.Opening.Add(90*time.Minute)) || v.Lead.Rating != data.RatingHot {
				t.Errorf("Taro's row: %+v", v)
			}
			if v.Person.Email != "taro@example.jp" || v.Person.Phone == "" {
				t.Errorf("a consenting visitor's contact details are missing: %+v", v.Person)
			}
		case f.Alice.ID:
			if v.Person.Email != "" || v.Person.Phone != "" {
				t.Errorf("a non-consenting visitor's contact details are shown: %q %q", v.Person.Email, v.Person.Phone)
			}
		}
		if v.Person.Notes != "" {
			t.Error("the organisers' notes reached the booth")
		}
	}
	if visitors[0].Person.ID != f.Alice.ID {
		t.Error("visitors not latest first")
	}
}

func TestBoothStats(t *testing.T) {
	f := datatest.NewFair(t)
	visit := func(p data.Person) {
		t.Helper()
		_, err := f.Store.LogVisit(t.Context(), f.Booth.ID, p.BadgeCode, "bob")
		datatest.Must(t, err)
	}
	visit(f.Taro)  // 11:00
	visit(f.Alice) // 11:00
	f.Clock.Advance(30 * time.Minute)
	visit(f.Taro) // 11:30
	f.Clock.Advance(2 * time.Hour)
	visit(f.Alice) // 13:30, nothing at 12:00
	datatest.Must(t, f.Store.SaveLead(t.Context(), &data.Lead{BoothID: f.Booth.ID, PersonID: f.Taro.ID, Rating: data.RatingHot, FollowUp: true}))
	datatest.Must(t, f.Store.SaveLead(t.Context(), &data.Lead{BoothID: f.Booth.ID, PersonID: f.Alice.ID, Rating: data.RatingCold}))

	stats, err := f.Store.BoothStats(t.Context(), f.Booth.ID, datatest.London)
	datatest.Must(t, err)
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
	datatest.Must(t, f.Store.SaveBooth(t.Context(), &other, nil))
	all, err := f.Store.AllBoothStats(t.Context(), datatest.London)
	datatest.Must(t, err)
	if len(all) != 2 || all[0].Code != "A01" || all[0].Visits != 4 || all[0].Visitors != 2 || all[1].Visits != 0 || len(all[0].PerHour) != 3 {
		t.Errorf("all booths %+v", all)
	}
}
