package data

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// HeldBatch is a batch from another laptop that sync did not apply because
// its stamps are far ahead of this laptop's clock (data/sync/DESIGN.md,
// held-back stamps): a stamp from the future would win every later edit. It waits until this
// laptop's clock reaches it, or until an organiser accepts it.
type HeldBatch struct {
	Device string    `json:"device"`
	Laptop string    `json:"laptop"`
	Seq    int64     `json:"seq"`
	Newest time.Time `json:"newest"` // the newest stamp in the batch
	Found  time.Time `json:"found"`  // when this laptop held it back
}

// HeldBatches lists the batches held back, by laptop name.
func (s *Store) HeldBatches(ctx context.Context) ([]HeldBatch, error) {
	held, err := s.heldMap(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]HeldBatch, 0, len(held))
	for _, h := range held {
		list = append(list, h)
	}
	slices.SortFunc(list, func(a, b HeldBatch) int {
		return strings.Compare(a.Laptop+a.Device, b.Laptop+b.Device)
	})
	return list, nil
}

func (s *Store) heldMap(ctx context.Context) (map[string]HeldBatch, error) {
	held := map[string]HeldBatch{}
	v, err := s.LocalValue(ctx, StateSyncHeld)
	if err != nil || v == "" {
		return held, err
	}
	if err := json.Unmarshal([]byte(v), &held); err != nil {
		return map[string]HeldBatch{}, nil // a damaged note is found again at the next sync
	}
	return held, nil
}

func (s *Store) saveHeld(ctx context.Context, held map[string]HeldBatch) error {
	b, _ := json.Marshal(held)
	return s.SetLocalValues(ctx, map[string]string{StateSyncHeld: string(b)})
}

// HoldBatch notes that a laptop's stream waits at a batch held back.
func (s *Store) HoldBatch(ctx context.Context, h HeldBatch) error {
	held, err := s.heldMap(ctx)
	if err != nil {
		return err
	}
	if old, ok := held[h.Device]; ok && old.Seq == h.Seq {
		h.Found = old.Found
	}
	held[h.Device] = h
	return s.saveHeld(ctx, held)
}

// ReleaseHeld forgets a held batch once it was applied.
func (s *Store) ReleaseHeld(ctx context.Context, device string) error {
	held, err := s.heldMap(ctx)
	if err != nil {
		return err
	}
	if _, ok := held[device]; !ok {
		return nil
	}
	delete(held, device)
	return s.saveHeld(ctx, held)
}

// AcceptHeld lets an organiser take a held batch anyway: the batch of
// device numbered seq, and that device's earlier ones, are applied at the
// next sync, stamps and all. The local clock is still not moved by them.
func (s *Store) AcceptHeld(ctx context.Context, device string, seq int64) error {
	if !ValidDeviceID(device) || seq < 1 {
		return fmt.Errorf("accept held batch: %q/%d is not a laptop's batch; see fairctl conflicts for the held ones", device, seq)
	}
	accepted, err := s.acceptedMap(ctx)
	if err != nil {
		return err
	}
	accepted[device] = max(accepted[device], seq)
	b, _ := json.Marshal(accepted)
	return s.SetLocalValues(ctx, map[string]string{StateSyncAccepted: string(b)})
}

// AcceptedHeld is the newest batch of device an organiser accepted.
func (s *Store) AcceptedHeld(ctx context.Context, device string) (int64, error) {
	accepted, err := s.acceptedMap(ctx)
	return accepted[device], err
}

func (s *Store) acceptedMap(ctx context.Context) (map[string]int64, error) {
	accepted := map[string]int64{}
	v, err := s.LocalValue(ctx, StateSyncAccepted)
	if err != nil || v == "" {
		return accepted, err
	}
	if err := json.Unmarshal([]byte(v), &accepted); err != nil {
		return map[string]int64{}, nil
	}
	return accepted, nil
}
