package matchmaking

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/match"
)

// The match score's weights are this laptop's setting (Settings edits
// them), kept in local_state as JSON. A weight the saved JSON does not
// name keeps its default, so a weight added later starts at its default.

// Weights reads the saved weights, the defaults when none are saved.
func Weights(ctx context.Context, st *data.Store) (match.Weights, error) {
	w := match.DefaultWeights()
	text, err := st.LocalValue(ctx, data.StateMatchWeights)
	if err != nil || text == "" {
		return w, err
	}
	if err := json.Unmarshal([]byte(text), &w); err != nil {
		return match.DefaultWeights(), fmt.Errorf("read the match weights: %w", err)
	}
	return w, nil
}

// ErrNegativeWeight refuses a weight below zero: a reason would then
// count against a match while the proposal still names it as a reason.
var ErrNegativeWeight = errors.New("a match weight cannot be negative")

// SaveWeights saves the weights.
func SaveWeights(ctx context.Context, st *data.Store, w match.Weights) error {
	v := reflect.ValueOf(w)
	for i := range v.NumField() {
		if v.Field(i).Int() < 0 {
			return fmt.Errorf("%s: %w", v.Type().Field(i).Name, ErrNegativeWeight)
		}
	}
	b, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return st.SetLocalValues(ctx, map[string]string{data.StateMatchWeights: string(b)})
}
