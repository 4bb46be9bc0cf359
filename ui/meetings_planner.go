package ui

import (
	"context"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/matchmaking"
)

// storePlanner is the Meetings screen's planner over the store: the
// matchmaking package with this laptop's saved match weights, read at
// each use so that a change in Settings counts at the next run.
type storePlanner struct{ st *data.Store }

func (p storePlanner) Directory(ctx context.Context) (*matchmaking.Directory, error) {
	return matchmaking.Read(ctx, p.st)
}

func (p storePlanner) Matches(ctx context.Context, d *matchmaking.Directory, seekerID string) ([]matchmaking.Match, error) {
	w, err := matchmaking.Weights(ctx, p.st)
	if err != nil {
		return nil, err
	}
	return matchmaking.Matches(ctx, p.st, d, seekerID, w)
}

func (p storePlanner) Propose(ctx context.Context, d *matchmaking.Directory) (matchmaking.Proposal, error) {
	w, err := matchmaking.Weights(ctx, p.st)
	if err != nil {
		return matchmaking.Proposal{}, err
	}
	return matchmaking.Propose(ctx, p.st, d, w)
}

func (p storePlanner) SaveDraft(ctx context.Context, prop matchmaking.Proposal) error {
	return matchmaking.SaveDraft(ctx, p.st, prop)
}
