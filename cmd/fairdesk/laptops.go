package main

import (
	"context"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
	"github.com/fairdesk/fairdesk/ui"
)

// engineLaptops lists, invites and removes the laptops of one store's
// event through the folder or bucket it remembers, with the functions
// fairctl laptops, invite and remove-laptop use (ui.Laptops).
type engineLaptops struct {
	st    *data.Store
	place *placeCache
}

func newEngineLaptops(st *data.Store) ui.Laptops { return engineLaptops{st: st, place: &placeCache{}} }

func (l engineLaptops) folder(ctx context.Context) (fdsync.Folder, error) {
	return l.place.open(ctx, l.st)
}

func (l engineLaptops) List(ctx context.Context) ([]fdsync.LaptopInfo, error) {
	f, err := l.folder(ctx)
	if err != nil {
		return nil, err
	}
	return fdsync.Laptops(ctx, l.st, f)
}

func (l engineLaptops) Invite(ctx context.Context, role data.LaptopRole, name, passphrase string) ([]byte, string, error) {
	f, err := l.folder(ctx)
	if err != nil {
		return nil, "", err
	}
	return fdsync.Invite(ctx, l.st, f, role, name, passphrase)
}

func (l engineLaptops) Remove(ctx context.Context, id string) error {
	f, err := l.folder(ctx)
	if err != nil {
		return err
	}
	return fdsync.RemoveLaptop(ctx, l.st, f, id)
}
