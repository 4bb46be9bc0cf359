package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/match"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

func newTestWeights(t *testing.T) (*matchWeights, *uiQueue, *meetingsFixture) {
	t.Helper()
	test.NewTempApp(t)
	f := newMeetingsFixture(t)
	q := newUIQueue()
	m := newMatchWeights(q.env(context.Background()), storePlanner{f.Store})
	w := test.NewWindow(m.content)
	t.Cleanup(w.Close)
	m.refresh()
	q.waitFor(t, "the weights shown", func() bool { return m.entries[0].Text != "" })
	return m, q, f
}

// Weights saved in Settings are what the planner and fairctl matches
// read (matchmaking.Weights), and they change the scores.
func TestMatchWeightsSavedFromSettingsScoreTheMatches(t *testing.T) {
	m, q, f := newTestWeights(t)
	ctx := context.Background()
	if got := m.entries[7].Text; got != "5" {
		t.Fatalf("First choice shows %q, want the default 5", got)
	}
	score := func() int {
		d, err := matchmaking.Read(ctx, f.Store)
		datatest.Must(t, err)
		w, err := matchmaking.Weights(ctx, f.Store)
		datatest.Must(t, err)
		list, err := matchmaking.Matches(ctx, f.Store, d, f.Alice.ID, w)
		datatest.Must(t, err)
		for _, x := range list {
			if x.Host.Host == f.booth {
				return x.Result.Score
			}
		}
		t.Fatal("the booth is not among Alice's matches")
		return 0
	}
	before := score()
	m.entries[7].SetText("20")
	test.Tap(m.save)
	q.waitFor(t, "the weights saved", func() bool { return strings.HasPrefix(m.status.Text, "Saved") })
	w, err := matchmaking.Weights(ctx, f.Store)
	datatest.Must(t, err)
	want := match.DefaultWeights()
	want.FirstChoice = 20
	if w != want {
		t.Errorf("saved %+v, want %+v", w, want)
	}
	if after := score(); after != before+15 {
		t.Errorf("Alice's first choice scores %d after the change, %d before; want 15 more", after, before)
	}
}

// A weight that is no whole number of 0 or more is named, and nothing is
// saved.
func TestMatchWeightsRefuseBadInputAndSaveNothing(t *testing.T) {
	m, q, f := newTestWeights(t)
	for _, bad := range []string{"-1", "two", "1.5"} {
		m.entries[0].SetText(bad)
		m.entries[7].SetText("9")
		test.Tap(m.save)
		q.settle()
		if !strings.Contains(m.status.Text, "Shared industry") || !strings.Contains(m.status.Text, "Nothing was saved") {
			t.Errorf("%q: the status says %q", bad, m.status.Text)
		}
		if w, _ := matchmaking.Weights(context.Background(), f.Store); w != match.DefaultWeights() {
			t.Errorf("%q: the weights changed to %+v", bad, w)
		}
	}
	test.Tap(m.defaults)
	if m.entries[0].Text != "3" {
		t.Errorf("Use the defaults shows %q for Shared industry", m.entries[0].Text)
	}
}

// The weights' labels and hints are kept in weightFields, where the
// translation test cannot see them: each needs its Japanese too.
func TestMatchWeightLabelsHaveJapanese(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	for _, f := range weightFields {
		for _, key := range []string{f.label, f.hint} {
			if s, ok := translation(ja[key]); !ok || s == "" {
				t.Errorf("no Japanese for %q", key)
			}
		}
	}
}
