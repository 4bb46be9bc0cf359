package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"

	"github.com/fairdesk/fairdesk/data"
)

// An invitation carries, to one new laptop, exactly the keys of the role
// it grants, the event's id, and the laptop's identity (made by the
// organiser and listed in the roster before the invitation leaves): its
// ed25519 signing key and its X25519 age identity for key delivery. It is
// an age file for a passphrase (scrypt), which the organiser tells the
// person separately. The same bytes, base64, make the text code to paste.
type invitation struct {
	Format int             `json:"format"`
	Event  string          `json:"event"`
	Role   data.LaptopRole `json:"role"`
	Member string          `json:"member"`
	Name   string          `json:"name"`
	Sign   []byte          `json:"sign"`
	Age    string          `json:"age"`
	Epochs []epochKeys     `json:"epochs"`
}

// Invitation is an opened invitation, ready to join with.
type Invitation struct{ inv invitation }

// Role is the role the invitation grants.
func (i Invitation) Role() data.LaptopRole { return i.inv.Role }

// codePrefix starts an invitation's text code.
const codePrefix = "FAIRDESK-INVITE-"

// InvitationWorkFactor is scrypt's cost for an invitation's passphrase (2^18:
// about a second on a laptop); tests lower it.
var InvitationWorkFactor = 18

// Invite lists a new laptop of role in the event's roster and returns its
// invitation as a file's bytes and as a text code. Only an organiser's
// laptop invites; the folder is the event's shared folder.
func Invite(ctx context.Context, st Replica, f Folder, role data.LaptopRole, name, passphrase string) (file []byte, code string, err error) {
	if len(passphrase) < 8 {
		return nil, "", fmt.Errorf("the passphrase must be at least 8 characters")
	}
	k, err := loadKeyring(ctx, st)
	if err != nil {
		return nil, "", err
	}
	if !k.Role.IsOrganiser() {
		return nil, "", fmt.Errorf("only an organiser's laptop invites other laptops")
	}
	r, err := readRoster(ctx, f, k, true)
	if err != nil {
		return nil, "", err
	}
	id := newIdentity()
	if name == "" {
		name = "laptop " + id.Member[:6]
	}
	r[id.Member] = member{ID: id.Member, Role: role, Name: laptopLabel(name, id.Member), SignPub: id.Sign.Public().(ed25519.PublicKey), AgeTo: id.Age.Recipient().String()}
	if err := writeRoster(ctx, f, k, r); err != nil {
		return nil, "", err
	}
	inv := invitation{Format: 1, Event: k.Event, Role: role, Member: id.Member, Name: r[id.Member].Name, Sign: id.Sign, Age: id.Age.String()}
	for _, e := range k.Epochs {
		inv.Epochs = append(inv.Epochs, keysForRole(e, role))
	}
	plain, err := json.Marshal(inv)
	if err != nil {
		return nil, "", err
	}
	rcp, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, "", err
	}
	rcp.SetWorkFactor(InvitationWorkFactor)
	var out bytes.Buffer
	w, err := age.Encrypt(&out, rcp)
	if err != nil {
		return nil, "", err
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return out.Bytes(), InvitationCode(out.Bytes()), nil
}

// ErrWrongPassphrase is an invitation the passphrase does not open.
var ErrWrongPassphrase = errors.New("the passphrase does not open this invitation: check it with the organiser who made it")

// OpenInvitation opens an invitation file or text code with its
// passphrase. It says nothing about what is inside when it fails.
func OpenInvitation(b []byte, passphrase string) (Invitation, error) {
	if text := strings.TrimSpace(string(b)); strings.HasPrefix(text, codePrefix) {
		raw, err := base64.RawURLEncoding.DecodeString(strings.Join(strings.Fields(strings.TrimPrefix(text, codePrefix)), ""))
		if err != nil {
			return Invitation{}, fmt.Errorf("this invitation code is incomplete or mistyped")
		}
		b = raw
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return Invitation{}, err
	}
	rd, err := age.Decrypt(bytes.NewReader(b), id)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		if errors.As(err, &nomatch) {
			return Invitation{}, ErrWrongPassphrase
		}
		return Invitation{}, fmt.Errorf("this is not a Fairdesk invitation, or it is damaged")
	}
	plain, err := io.ReadAll(io.LimitReader(rd, 1<<20))
	if err != nil {
		return Invitation{}, fmt.Errorf("this invitation is damaged")
	}
	var inv invitation
	if err := json.Unmarshal(plain, &inv); err != nil || inv.Format != 1 || len(inv.Epochs) == 0 || len(inv.Sign) != ed25519.PrivateKeySize {
		return Invitation{}, fmt.Errorf("this is not a Fairdesk invitation this version reads")
	}
	if _, err := data.ParseLaptopRole(string(inv.Role)); err != nil {
		return Invitation{}, fmt.Errorf("this invitation grants a role this version does not know")
	}
	return Invitation{inv}, nil
}

func (i Invitation) keyring() *keyring {
	return &keyring{Event: i.inv.Event, Role: i.inv.Role, Member: i.inv.Member, Sign: i.inv.Sign, Age: i.inv.Age, Epochs: i.inv.Epochs}
}
