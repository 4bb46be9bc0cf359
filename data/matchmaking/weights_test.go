package matchmaking

import (
	"errors"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
	"github.com/fairdesk/fairdesk/data/match"
)

func TestWeightsAreSavedAndDefaultWhenUnnamed(t *testing.T) {
	st := datatest.Open(t, nil)
	ctx := t.Context()
	w, err := Weights(ctx, st)
	datatest.Must(t, err)
	if w != match.DefaultWeights() {
		t.Fatalf("unsaved weights %+v", w)
	}
	w.SharedIndustry, w.Wanted = 9, 0
	datatest.Must(t, SaveWeights(ctx, st, w))
	if got, _ := Weights(ctx, st); got != w {
		t.Errorf("read back %+v, want %+v", got, w)
	}
	// Saved by an older Fairdesk that knew fewer weights: the rest default.
	datatest.Must(t, st.SetLocalValues(ctx, map[string]string{data.StateMatchWeights: `{"SharedIndustry": 4}`}))
	want := match.DefaultWeights()
	want.SharedIndustry = 4
	if got, _ := Weights(ctx, st); got != want {
		t.Errorf("partial weights read as %+v", got)
	}
	bad := w
	bad.Kind = -1
	if err := SaveWeights(ctx, st, bad); !errors.Is(err, ErrNegativeWeight) {
		t.Errorf("a negative weight: %v", err)
	}
	if got, _ := Weights(ctx, st); got != want {
		t.Errorf("a refused save changed the weights to %+v", got)
	}
}
