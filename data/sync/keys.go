package sync

import (
	"context"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"filippo.io/age"

	"github.com/fairdesk/fairdesk/data"
)

// keyKeyring is where this laptop keeps its keys: in local_state, a table
// that never syncs, in a database file only its user can read (0600).
const keyKeyring = "sync_keyring"

// epochKeys are the keys of one generation. Removing a laptop starts the
// next generation; older ones are kept to read what was written with them.
// A booth's key is derived from BoothMaster and the booth id (HKDF), so
// that every organiser laptop holds the key of a booth made after it
// joined; a booth laptop holds its own booth's key only.
type epochKeys struct {
	N           int    `json:"n"`
	Everyone    []byte `json:"everyone"`
	Organisers  []byte `json:"organisers,omitempty"`
	BoothMaster []byte `json:"boothMaster,omitempty"`
	BoothID     string `json:"boothId,omitempty"`
	Booth       []byte `json:"booth,omitempty"`
	// RosterPriv signs the roster (organisers only); RosterPub checks it.
	RosterPriv []byte `json:"rosterPriv,omitempty"`
	RosterPub  []byte `json:"rosterPub"`
}

// keyring is what this laptop holds: its identity in the roster, its
// signing and key-delivery keys, and the keys of its role's audiences.
type keyring struct {
	Event  string          `json:"event"`
	Role   data.LaptopRole `json:"role"`
	Member string          `json:"member"`
	Sign   []byte          `json:"sign"` // ed25519 private key
	Age    string          `json:"age"`  // X25519 age identity
	Epochs []epochKeys     `json:"epochs"`
}

// errNoKeys is a database that holds no keys for the shared folder.
var errNoKeys = errors.New("this laptop holds no keys for the shared folder: share the event (fairctl share --folder DIR) or join it with an invitation (fairctl join --folder DIR --invite FILE)")

func loadKeyring(ctx context.Context, st Replica) (*keyring, error) {
	v, err := st.LocalValue(ctx, keyKeyring)
	if err != nil {
		return nil, err
	}
	if v == "" {
		return nil, errNoKeys
	}
	var k keyring
	if err := json.Unmarshal([]byte(v), &k); err != nil || len(k.Epochs) == 0 || len(k.Sign) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("this laptop's keys for the shared folder are damaged; join the event again with an invitation")
	}
	return &k, nil
}

func saveKeyring(ctx context.Context, st Replica, k *keyring) error {
	b, err := json.Marshal(k)
	if err != nil {
		return err
	}
	return st.SetLocalValues(ctx, map[string]string{keyKeyring: string(b)})
}

func randomKey() []byte {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// newEpoch makes a generation of random organiser keys.
func newEpoch(n int) epochKeys {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return epochKeys{N: n, Everyone: randomKey(), Organisers: randomKey(), BoothMaster: randomKey(), RosterPriv: priv, RosterPub: pub}
}

// identity is a laptop's signing key and key-delivery identity.
type identity struct {
	Member string
	Sign   ed25519.PrivateKey
	Age    *age.X25519Identity
}

func newIdentity() identity {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		panic(err)
	}
	return identity{Member: randomHex(8), Sign: priv, Age: id}
}

// boothKey derives a booth's key from a generation's booth master key.
func boothKey(master []byte, booth string) []byte {
	k, err := hkdf.Key(sha256.New, master, nil, "fairdesk booth key "+booth, 32)
	if err != nil {
		panic(err)
	}
	return k
}

// keyID names a key in a file without saying whose it is: an HMAC of a
// fixed text under the key.
func keyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("fairdesk key id"))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// opaqueTag names a file of one audience without naming the audience:
// an HMAC of the file's place under the audience's key.
func opaqueTag(key []byte, place string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("fairdesk file name " + place))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

func (k *keyring) newest() epochKeys { return k.Epochs[len(k.Epochs)-1] }

func (k *keyring) signer() ed25519.PrivateKey { return ed25519.PrivateKey(k.Sign) }

// keyFor is the newest key of an audience, or nil when this laptop does
// not hold it.
func (k *keyring) keyFor(a data.Audience) []byte { return k.keyIn(k.newest(), a) }

func (k *keyring) keyIn(e epochKeys, a data.Audience) []byte {
	switch {
	case a == data.AudEveryone:
		return e.Everyone
	case a == data.AudOrganisers:
		return e.Organisers
	case a.Booth() != "" && e.BoothMaster != nil:
		return boothKey(e.BoothMaster, a.Booth())
	case a.Booth() != "" && a.Booth() == e.BoothID:
		return e.Booth
	}
	return nil
}

// heldKey is a key this laptop holds, with its audience.
type heldKey struct {
	aud data.Audience
	key []byte
}

// keyIndex maps the key ids of every generation this laptop holds to the
// keys, for the audiences given and the fixed ones.
func (k *keyring) keyIndex(booths []string) map[string]heldKey {
	idx := map[string]heldKey{}
	add := func(a data.Audience, key []byte) {
		if key != nil {
			idx[keyID(key)] = heldKey{a, key}
		}
	}
	for _, e := range k.Epochs {
		add(data.AudEveryone, e.Everyone)
		add(data.AudOrganisers, e.Organisers)
		if e.Booth != nil {
			add(data.BoothAudience(e.BoothID), e.Booth)
		}
		if e.BoothMaster != nil {
			for _, b := range booths {
				add(data.BoothAudience(b), boothKey(e.BoothMaster, b))
			}
		}
	}
	return idx
}

// rosterKeys are the roster-signing public keys of every generation held.
func (k *keyring) rosterKeys() []ed25519.PublicKey {
	var list []ed25519.PublicKey
	for _, e := range k.Epochs {
		list = append(list, ed25519.PublicKey(e.RosterPub))
	}
	return list
}

// keysForRole are the keys of one generation a laptop of role receives.
func keysForRole(e epochKeys, role data.LaptopRole) epochKeys {
	if role.IsOrganiser() {
		return e
	}
	return epochKeys{N: e.N, Everyone: e.Everyone, BoothID: role.Booth(), Booth: boothKey(e.BoothMaster, role.Booth()), RosterPub: e.RosterPub}
}
