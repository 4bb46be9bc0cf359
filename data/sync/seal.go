package sync

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"
)

// A sealed file is how everything in the shared folder is written:
//
//	FAIRDESK-SEALED 1\n
//	{"kind":…,"member":…,"device":…,"seq":…,"sections":[{"key":…,"nonce":…,"size":…}]}\n
//	the sections' ciphertexts, one after another
//	an ed25519 signature (64 bytes) of everything before it
//
// Each section is XChaCha20-Poly1305 under one audience's key, with a
// random 24-byte nonce and the first two lines (the header) as additional
// data, so that a section cannot be moved to another file or another place
// in this one. The header names keys by an HMAC (keyID), never by
// audience, and holds nothing personal: what is personal is inside.
const (
	sealMagic   = "FAIRDESK-SEALED 1"
	sealPrefix  = "FAIRDESK-SEALED "
	maxSections = 10000
)

type sealSection struct {
	Key   string `json:"key"`
	Nonce []byte `json:"nonce"`
	Size  int    `json:"size"`
}

type sealHeader struct {
	Kind     string        `json:"kind"`
	Member   string        `json:"member,omitempty"` // the signer; "" for the roster key
	Device   string        `json:"device,omitempty"`
	Seq      int64         `json:"seq,omitempty"`
	Epoch    int           `json:"epoch,omitempty"` // the key generation it was written with
	Sections []sealSection `json:"sections"`
}

// plainSection is one section before it is sealed.
type plainSection struct {
	key   []byte
	plain []byte
}

// seal writes a sealed file signed by signer.
func seal(h sealHeader, sections []plainSection, signer ed25519.PrivateKey) ([]byte, error) {
	h.Sections = make([]sealSection, len(sections))
	for i, s := range sections {
		nonce := make([]byte, chacha20poly1305.NonceSizeX)
		if _, err := rand.Read(nonce); err != nil {
			return nil, err
		}
		h.Sections[i] = sealSection{Key: keyID(s.key), Nonce: nonce, Size: len(s.plain) + chacha20poly1305.Overhead}
	}
	head, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s\n%s\n", sealMagic, head)
	ad := bytes.Clone(out.Bytes())
	for i, s := range sections {
		aead, err := chacha20poly1305.NewX(s.key)
		if err != nil {
			return nil, err
		}
		out.Write(aead.Seal(nil, h.Sections[i].Nonce, s.plain, ad))
	}
	out.Write(ed25519.Sign(signer, out.Bytes()))
	return out.Bytes(), nil
}

// sealedFile is a sealed file taken apart, nothing decrypted yet.
type sealedFile struct {
	head   sealHeader
	ad     []byte
	bodies [][]byte
	signed []byte
	sig    []byte
}

// errSealed marks a file that is not whole, or fails its signature or
// authentication.
var errSealed = errors.New("damaged or forged file")

// errOldFormat marks a file of the unencrypted format of older Fairdesk.
var errOldFormat = errors.New("this shared folder is in the unencrypted format of an older Fairdesk; share the event again into a new, empty folder (fairctl share --folder NEWDIR, or Settings → Sync → Share this event) and invite the other laptops to it; nothing on this laptop is lost")

// openSealed takes a sealed file apart, checking its structure and sizes.
func openSealed(b []byte, kind string) (sealedFile, error) {
	var f sealedFile
	magic, rest, ok := bytes.Cut(b, []byte("\n"))
	if !ok || string(magic) != sealMagic {
		switch {
		case bytes.HasPrefix(b, []byte(batchMagic)) || bytes.HasPrefix(b, []byte("{")) || bytes.HasPrefix(b, []byte("SQLite format")):
			return f, errOldFormat
		case ok && strings.HasPrefix(string(magic), sealPrefix):
			return f, fmt.Errorf("%w (%q)", errNewerBatch, magic)
		}
		return f, fmt.Errorf("%w: not a Fairdesk file", errSealed)
	}
	head, payload, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || len(head) > maxManifest {
		return f, fmt.Errorf("%w: truncated header", errSealed)
	}
	if err := json.Unmarshal(head, &f.head); err != nil {
		return f, fmt.Errorf("%w: header: %v", errSealed, err)
	}
	if f.head.Kind != kind {
		return f, fmt.Errorf("%w: a %q file where a %q was expected", errSealed, f.head.Kind, kind)
	}
	if len(f.head.Sections) > maxSections {
		return f, fmt.Errorf("%w: %d sections", errSealed, len(f.head.Sections))
	}
	f.ad = b[:len(magic)+1+len(head)+1]
	at := 0
	for _, s := range f.head.Sections {
		if s.Size < chacha20poly1305.Overhead || len(s.Nonce) != chacha20poly1305.NonceSizeX || s.Size > len(payload)-at {
			return f, fmt.Errorf("%w: truncated (a section runs past the end)", errSealed)
		}
		f.bodies = append(f.bodies, payload[at:at+s.Size])
		at += s.Size
	}
	if len(payload)-at != ed25519.SignatureSize {
		return f, fmt.Errorf("%w: truncated or extended (no signature where it belongs)", errSealed)
	}
	f.signed, f.sig = b[:len(b)-ed25519.SignatureSize], b[len(b)-ed25519.SignatureSize:]
	return f, nil
}

// verify checks the file's signature against one of keys.
func (f sealedFile) verify(keys ...ed25519.PublicKey) error {
	for _, k := range keys {
		if len(k) == ed25519.PublicKeySize && ed25519.Verify(k, f.signed, f.sig) {
			return nil
		}
	}
	return fmt.Errorf("%w: its signature does not match its writer's key", errSealed)
}

// open decrypts section i with key.
func (f sealedFile) open(i int, key []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	plain, err := aead.Open(nil, f.head.Sections[i].Nonce, f.bodies[i], f.ad)
	if err != nil {
		return nil, fmt.Errorf("%w: a section fails authentication (changed, or sealed with another key)", errSealed)
	}
	return plain, nil
}

// section finds and decrypts the section sealed with key, if any.
func (f sealedFile) section(key []byte) ([]byte, bool, error) {
	id := keyID(key)
	for i, s := range f.head.Sections {
		if s.Key == id {
			b, err := f.open(i, key)
			return b, true, err
		}
	}
	return nil, false, nil
}
