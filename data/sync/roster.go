package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// The roster lists the event's laptops: each one's id, role, name, the
// public key it signs with and the age recipient its keys are delivered
// to, and whether it was removed. It lives in roster/, one file per
// change under a random name, each sealed under the everyone key and
// signed with the organisers' roster key of its generation. A reader
// takes the union of the records of the newest generation it holds; a
// removal, once recorded, stays.
const rosterDir = "roster"

type member struct {
	ID      string          `json:"id"`
	Role    data.LaptopRole `json:"role"`
	Name    string          `json:"name"`
	SignPub []byte          `json:"signPub"`
	AgeTo   string          `json:"ageTo"`
	Removed bool            `json:"removed,omitempty"`
	// UpTo is, for a removed laptop, the last batch of each of its device
	// streams that was read before the removal: later ones are refused.
	UpTo map[string]int64 `json:"upTo,omitempty"`
}

type rosterRecord struct {
	Epoch   int      `json:"epoch"`
	Members []member `json:"members"`
}

type roster map[string]member

// readRoster merges the roster records this laptop can check.
func readRoster(ctx context.Context, f Folder, k *keyring, anyEpoch bool) (roster, error) {
	names, err := listRoster(ctx, f)
	if err != nil {
		return nil, err
	}
	r, _ := mergeRoster(ctx, f, k, anyEpoch, names)
	return r, nil
}

// listRoster names the files in roster/, sorted, so that they are merged
// in the same order whatever order the folder lists them in.
func listRoster(ctx context.Context, f Folder) ([]string, error) {
	names, err := f.List(ctx, rosterDir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	slices.Sort(names)
	return names, nil
}

// rosterCache is the roster as merged from one listing of roster/ with
// one set of keys, kept in the laptop's local state. Roster files are only
// ever added, never changed, so while the listing and the keys are what
// they were the merge is too: a sync then lists roster/ and reads none of
// it, however many laptops the event has.
type rosterCache struct {
	Epochs []int             `json:"epochs"`
	Names  []string          `json:"names"`
	Newest map[string]member `json:"newest,omitempty"` // of the newest generation only
	Any    map[string]member `json:"any,omitempty"`    // of every generation held
}

// readRoster is readRoster through this laptop's cache of it. A merge
// for which a file could not be read is not kept.
func (e *Engine) readRoster(ctx context.Context, anyEpoch bool) (roster, error) {
	names, err := listRoster(ctx, e.Folder)
	if err != nil {
		return nil, err
	}
	var epochs []int
	for _, ep := range e.keys.Epochs {
		epochs = append(epochs, ep.N)
	}
	var c rosterCache
	if v, _ := e.Store.LocalValue(ctx, keyRoster); v == "" || json.Unmarshal([]byte(v), &c) != nil ||
		!slices.Equal(c.Names, names) || !slices.Equal(c.Epochs, epochs) {
		c = rosterCache{Epochs: epochs, Names: names}
	}
	kept := &c.Newest
	if anyEpoch {
		kept = &c.Any
	}
	if *kept != nil {
		return roster(*kept), nil
	}
	r, complete := mergeRoster(ctx, e.Folder, e.keys, anyEpoch, names)
	if complete {
		*kept = r
		if b, err := json.Marshal(c); err == nil {
			e.Store.SetLocalValues(ctx, map[string]string{keyRoster: string(b)})
		}
	}
	return r, nil
}

// mergeRoster merges the records of the named roster files that this
// laptop can check; complete is false when a file could not be read.
func mergeRoster(ctx context.Context, f Folder, k *keyring, anyEpoch bool, names []string) (r roster, complete bool) {
	newest := k.newest()
	r, complete = roster{}, true
	for _, n := range names {
		if !validRosterName(n) {
			continue
		}
		b, err := readFile(ctx, f, rosterDir+"/"+n, maxManifest)
		if err != nil {
			complete = false
			continue
		}
		sf, err := openSealed(b, "roster")
		if err != nil {
			continue
		}
		for _, e := range k.Epochs {
			if !anyEpoch && e.N != newest.N {
				continue
			}
			if sf.verify(ed25519.PublicKey(e.RosterPub)) != nil {
				continue
			}
			plain, ok, err := sf.section(e.Everyone)
			if !ok || err != nil {
				continue
			}
			var rec rosterRecord
			if json.Unmarshal(plain, &rec) != nil || rec.Epoch != e.N {
				continue
			}
			r.merge(rec.Members)
		}
	}
	return r, complete
}

func (r roster) merge(list []member) {
	for _, m := range list {
		if !validMember(m.ID) {
			continue
		}
		old, ok := r[m.ID]
		if !ok {
			r[m.ID] = m
			continue
		}
		if m.Removed && !old.Removed {
			old.Removed, old.UpTo = true, m.UpTo
			r[m.ID] = old
		}
	}
}

func (r roster) sorted() []member {
	list := make([]member, 0, len(r))
	for _, m := range r {
		list = append(list, m)
	}
	slices.SortFunc(list, func(a, b member) int { return strings.Compare(a.ID, b.ID) })
	return list
}

// writeRoster writes the whole roster as a record of the newest generation.
func writeRoster(ctx context.Context, f Folder, k *keyring, r roster) error {
	e := k.newest()
	if e.RosterPriv == nil {
		return fmt.Errorf("only an organiser's laptop changes the list of laptops")
	}
	plain, err := json.Marshal(rosterRecord{Epoch: e.N, Members: r.sorted()})
	if err != nil {
		return err
	}
	b, err := seal(sealHeader{Kind: "roster"}, []plainSection{{e.Everyone, plain}}, ed25519.PrivateKey(e.RosterPriv))
	if err != nil {
		return err
	}
	if err := f.Create(ctx, rosterDir+"/"+randomHex(8)+".fdr", b); err != nil {
		return fmt.Errorf("%w: write the list of laptops: %v", ErrUnreachable, err)
	}
	return nil
}

func validRosterName(n string) bool {
	base, ok := strings.CutSuffix(n, ".fdr")
	return ok && validMember(base)
}

// validMember reports an id of the form newIdentity makes (16 hex digits).
func validMember(s string) bool { return data.ValidDeviceID(s) }

// writerOf checks a file's signer against the roster: the member must be
// listed, and, when removed, the batch must be one read before removal.
func (r roster) writerOf(sf sealedFile, dev string, seq int64) (member, error) {
	m, ok := r[sf.head.Member]
	if !ok {
		return m, fmt.Errorf("%w: its writer is not in the event's list of laptops", errSealed)
	}
	if m.Removed && seq > m.UpTo[dev] {
		return m, fmt.Errorf("%w: its writer was removed from the event", errSealed)
	}
	if err := sf.verify(ed25519.PublicKey(m.SignPub)); err != nil {
		return m, err
	}
	return m, nil
}
