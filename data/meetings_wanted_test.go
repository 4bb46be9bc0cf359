package data_test

import (
	"database/sql"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// wantedReason is the planner's reason for a host's "want to meet".
const wantedReason = "the host wants to meet them"

func boothMatchReasons(t *testing.T, st *data.Store, boothID, seekerID string) []string {
	t.Helper()
	d, err := matchmaking.Read(t.Context(), st)
	datatest.Must(t, err)
	matches, err := matchmaking.Matches(t.Context(), st, d, seekerID, match.DefaultWeights())
	datatest.Must(t, err)
	for _, m := range matches {
		if m.Host.BoothID == boothID {
			return m.Result.Reasons
		}
	}
	t.Fatalf("the booth is not among the seeker's matches")
	return nil
}

// Marking someone "want to meet" at a booth is the booth's host
// preference, which the planner reads; an organiser's "want" for the booth
// is on the booth's list. One decision, one place.
func TestWantToMeetAtABoothIsTheBoothsHostPreference(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	if slices.Contains(boothMatchReasons(t, f.Store, f.Booth.ID, f.Alice.ID), wantedReason) {
		t.Fatal("the booth wants to meet Alice before anyone said so")
	}
	datatest.Must(t, f.Store.WantToMeet(ctx, f.Booth.ID, f.Alice.ID, true))
	prefs, err := f.Store.HostPreferences(ctx)
	datatest.Must(t, err)
	if len(prefs) != 1 || prefs[0].Host != data.BoothHost(f.Booth.ID) || prefs[0].PersonID != f.Alice.ID || prefs[0].Preference != data.PreferWant {
		t.Fatalf("host preferences after want-to-meet at the booth: %+v", prefs)
	}
	if !slices.Contains(boothMatchReasons(t, f.Store, f.Booth.ID, f.Alice.ID), wantedReason) {
		t.Error("the planner does not see the booth's want-to-meet")
	}

	// An organiser's "want" for the booth is on the booth's list.
	datatest.Must(t, f.Store.SetHostPreference(ctx, data.BoothHost(f.Booth.ID), f.Taro.ID, data.PreferWant))
	ids, err := f.Store.WantedVisitors(ctx, f.Booth.ID)
	datatest.Must(t, err)
	if want := []string{f.Alice.ID, f.Taro.ID}; !sameIDs(ids, want) {
		t.Errorf("want-to-meet list %v, want %v", ids, want)
	}

	// Off the list: the preference goes; a "no thanks" is not the list's
	// to take back.
	datatest.Must(t, f.Store.WantToMeet(ctx, f.Booth.ID, f.Alice.ID, false))
	datatest.Must(t, f.Store.SetHostPreference(ctx, data.BoothHost(f.Booth.ID), f.Taro.ID, data.PreferNoThanks))
	datatest.Must(t, f.Store.WantToMeet(ctx, f.Booth.ID, f.Taro.ID, false))
	prefs, err = f.Store.HostPreferences(ctx)
	datatest.Must(t, err)
	if len(prefs) != 1 || prefs[0].PersonID != f.Taro.ID || prefs[0].Preference != data.PreferNoThanks {
		t.Errorf("after taking both off the list: %+v", prefs)
	}
	if ids, _ := f.Store.WantedVisitors(ctx, f.Booth.ID); len(ids) != 0 {
		t.Errorf("want-to-meet list %v, want none", ids)
	}
	// The list's changes are among what sync sends.
	if !changedRow(t, f.Store, "host_preferences", "/"+f.Alice.ID) {
		t.Error("marking at the booth is not among the changes sync sends")
	}
}

// changedRow tells whether the changes this laptop sends hold a row of
// table whose id ends with suffix.
func changedRow(t *testing.T, st *data.Store, table, suffix string) bool {
	t.Helper()
	found := false
	datatest.Must(t, st.LocalChanges(t.Context(), 0, math.MaxInt64, func(c data.RowChange) error {
		found = found || (c.Table == table && strings.HasSuffix(c.ID, suffix))
		return nil
	}))
	return found
}

func sameIDs(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// A laptop upgraded from the local want-to-meet list keeps it: at the next
// start each row becomes the booth's preference, synced like any other,
// the old table is emptied, and an organiser's "no thanks" recorded since
// stands.
func TestTheOldLocalWantToMeetListBecomesTheBoothsPreferences(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	datatest.Must(t, f.Store.SetHostPreference(ctx, data.BoothHost(f.Booth.ID), f.Taro.ID, data.PreferNoThanks))
	datatest.Must(t, f.Store.Close())

	db, err := sql.Open("sqlite", f.Path)
	datatest.Must(t, err)
	for _, id := range []string{f.Alice.ID, f.Taro.ID, "someone-erased"} {
		if _, err := db.Exec("INSERT INTO wanted_visitors (booth_id, person_id, at) VALUES (?, ?, '2026-10-23T10:00:00Z')", f.Booth.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	datatest.Must(t, db.Close())

	st := datatest.OpenAt(t, f.Path, f.Clock.Now)
	prefs, err := st.HostPreferences(ctx)
	datatest.Must(t, err)
	var got []string
	for _, p := range prefs {
		who := map[string]string{f.Alice.ID: "Alice", f.Taro.ID: "Taro"}[p.PersonID]
		got = append(got, who+" "+string(p.Preference))
	}
	slices.Sort(got)
	if strings.Join(got, ", ") != "Alice want, Taro no_thanks" {
		t.Errorf("preferences after the upgrade: %s", strings.Join(got, ", "))
	}
	if !changedRow(t, st, "host_preferences", "/"+f.Alice.ID) {
		t.Error("the adopted preference is not among the changes sync sends")
	}
	datatest.Must(t, st.Close())
	db, err = sql.Open("sqlite", f.Path)
	datatest.Must(t, err)
	defer db.Close()
	var left int
	datatest.Must(t, db.QueryRow("SELECT count(*) FROM wanted_visitors").Scan(&left))
	if left != 0 {
		t.Errorf("%d rows left in the old list", left)
	}
}
