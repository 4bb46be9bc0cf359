package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/fairdesk/fairdesk/data"
)

// Removing a laptop marks it removed in the roster and starts a new key
// generation: new keys for every audience and a new roster key. They are
// delivered in keys/, one file per role (the organisers; each booth's
// staff), age-encrypted to the age recipients of the remaining laptops of
// that role and signed by the organiser's laptop that removed it. New
// files use the new keys, so the removed laptop can read nothing written
// afterwards. What it held before stays readable to it: removal cannot
// take back what a laptop already has.
const keysDir = "keys"

// errKeysNotYet is a batch of a key generation this laptop has not
// received yet: its stream waits, so that nothing is passed over.
var errKeysNotYet = errors.New("keys not yet here")

// RemoveLaptop removes the laptop with roster id id from the event and
// changes the keys it held. Only an organiser's laptop may.
func RemoveLaptop(ctx context.Context, st *data.Store, f Folder, id string) error {
	unlock, err := lockDatabase(ctx, st)
	if err != nil {
		return err
	}
	defer unlock()
	e := &Engine{Store: st, Folder: f}
	if _, err := e.checkEvent(ctx); err != nil {
		return err
	}
	k := e.keys
	if !k.Role.IsOrganiser() {
		return fmt.Errorf("only an organiser's laptop removes laptops")
	}
	full, err := readRoster(ctx, f, k, true)
	if err != nil {
		return err
	}
	m, ok := full[id]
	switch {
	case !ok:
		return fmt.Errorf("no laptop %s in this event (fairctl laptops lists them)", id)
	case m.Removed:
		return fmt.Errorf("laptop %s was removed already", id)
	case id == k.Member:
		return fmt.Errorf("this laptop cannot remove itself; remove it from another organiser's laptop")
	}
	// Its batches read so far stay good; later ones are refused.
	members := e.memberDevices(ctx)
	cps, err := st.Checkpoints(ctx)
	if err != nil {
		return err
	}
	m.Removed, m.UpTo = true, map[string]int64{}
	for _, c := range cps {
		if members[c.Device] == id {
			m.UpTo[c.Device] = c.Seq
		}
	}
	full[id] = m
	next := newEpoch(k.newest().N + 1)
	old := k.newest()
	k.Epochs = append(k.Epochs, next)
	if err := deliverKeys(ctx, f, k, old, next, full); err != nil {
		return err
	}
	if err := writeRoster(ctx, f, k, full); err != nil {
		return err
	}
	ev, err := st.Event(ctx)
	if err != nil {
		return err
	}
	if err := writeEventFile(ctx, f, k, ev); err != nil {
		return err
	}
	return saveKeyring(ctx, st, k)
}

// deliverKeys writes the new generation's keys for each role of the
// remaining laptops.
func deliverKeys(ctx context.Context, f Folder, k *keyring, old, next epochKeys, r roster) error {
	groups := map[data.LaptopRole][]age.Recipient{}
	for _, m := range r.sorted() {
		if m.Removed || m.ID == k.Member {
			continue
		}
		rcp, err := age.ParseX25519Recipient(m.AgeTo)
		if err != nil {
			continue
		}
		role := m.Role
		if role.IsOrganiser() {
			role = data.LaptopOrganiser
		}
		groups[role] = append(groups[role], rcp)
	}
	for role, rcps := range groups {
		plain, err := json.Marshal(keysForRole(next, role))
		if err != nil {
			return err
		}
		var enc bytes.Buffer
		w, err := age.Encrypt(&enc, rcps...)
		if err != nil {
			return err
		}
		w.Write(plain)
		if err := w.Close(); err != nil {
			return err
		}
		b, err := seal(sealHeader{Kind: "keys", Member: k.Member, Epoch: next.N}, []plainSection{{old.Everyone, enc.Bytes()}}, k.signer())
		if err != nil {
			return err
		}
		if err := f.Create(ctx, keysDir+"/"+randomHex(8)+".fdk", b); err != nil {
			return fmt.Errorf("%w: deliver the new keys: %v", ErrUnreachable, err)
		}
	}
	return nil
}

// takeDeliveredKeys takes the keys of newer generations delivered to this
// laptop: files signed by an organiser's laptop in the roster, that this
// laptop's age identity opens.
func (e *Engine) takeDeliveredKeys(ctx context.Context) error {
	names, err := e.Folder.List(ctx, keysDir)
	if err != nil || len(names) == 0 {
		return nil
	}
	id, err := age.ParseX25519Identity(e.keys.Age)
	if err != nil {
		return nil
	}
	r, err := e.readRoster(ctx, true)
	if err != nil {
		return err
	}
	changed := false
	for _, n := range names {
		base, ok := strings.CutSuffix(n, ".fdk")
		if !ok || !validMember(base) {
			continue
		}
		b, err := readFile(ctx, e.Folder, keysDir+"/"+n, maxManifest)
		if err != nil {
			continue
		}
		sf, err := openSealed(b, "keys")
		if err != nil || sf.head.Epoch <= e.keys.newest().N {
			continue
		}
		m, ok := r[sf.head.Member]
		if !ok || m.Removed || !m.Role.IsOrganiser() || sf.verify(ed25519.PublicKey(m.SignPub)) != nil {
			continue
		}
		var enc []byte
		for _, ep := range e.keys.Epochs {
			if p, ok, err := sf.section(ep.Everyone); ok && err == nil {
				enc = p
			}
		}
		if enc == nil {
			continue
		}
		rd, err := age.Decrypt(bytes.NewReader(enc), id)
		if err != nil {
			continue // for other laptops
		}
		plain, err := io.ReadAll(io.LimitReader(rd, 1<<20))
		var next epochKeys
		if err != nil || json.Unmarshal(plain, &next) != nil || next.N != sf.head.Epoch || len(next.Everyone) != 32 {
			continue
		}
		if slices.ContainsFunc(e.keys.Epochs, func(x epochKeys) bool { return x.N == next.N }) {
			continue
		}
		e.keys.Epochs = append(e.keys.Epochs, next)
		slices.SortFunc(e.keys.Epochs, func(a, b epochKeys) int { return a.N - b.N })
		changed = true
	}
	if !changed {
		return nil
	}
	return saveKeyring(ctx, e.Store, e.keys)
}

// memberDevices is this laptop's note of which member writes each device
// stream.
func (e *Engine) memberDevices(ctx context.Context) map[string]string {
	list := map[string]string{}
	if v, _ := e.Store.LocalValue(ctx, keyMembers); v != "" {
		json.Unmarshal([]byte(v), &list)
	}
	return list
}

// LaptopInfo is one laptop of the event, as the roster lists it.
type LaptopInfo struct {
	ID       string
	Name     string
	Role     data.LaptopRole
	Removed  bool
	This     bool
	LastSync time.Time // when this laptop last read one of its batches
}

// Laptops lists the event's laptops with their role and last sync.
func Laptops(ctx context.Context, st *data.Store, f Folder) ([]LaptopInfo, error) {
	e := &Engine{Store: st, Folder: f}
	if _, err := e.checkEvent(ctx); err != nil {
		return nil, err
	}
	full, err := readRoster(ctx, f, e.keys, true)
	if err != nil {
		return nil, err
	}
	devices := e.memberDevices(ctx)
	peers, _ := st.Peers(ctx)
	var list []LaptopInfo
	for _, m := range full.sorted() {
		l := LaptopInfo{ID: m.ID, Name: laptopLabel(m.Name, m.ID), Role: m.Role, Removed: m.Removed, This: m.ID == e.keys.Member}
		if l.This {
			l.LastSync = LastSuccess(ctx, st)
		}
		for _, p := range peers {
			if devices[p.Device] == m.ID && p.SeenAt.After(l.LastSync) {
				l.LastSync = p.SeenAt
			}
		}
		list = append(list, l)
	}
	return list, nil
}
