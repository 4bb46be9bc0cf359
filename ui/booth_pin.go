package ui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"fyne.io/fyne/v2"
	"golang.org/x/crypto/argon2"
)

// The organiser PIN guards the way out of booth-staff mode on a laptop
// the organisers lend to a booth. Only a salted Argon2id hash of it is
// kept, in the preferences, as "argon2id$<salt>$<hash>" (base64): the PIN
// itself is never written anywhere.
const prefModePIN = "mode.pin"

// minPINLength is the shortest PIN accepted; the hint asks for more.
const minPINLength = 4

// Argon2id parameters: about a tenth of a second on the laptops we
// measured, so guessing a six-digit PIN from a copied preferences file
// takes a day of one core, and a typed guess is no slower than a click.
const (
	pinTime    = 2
	pinMemory  = 32 * 1024 // KiB
	pinThreads = 1
	pinKeyLen  = 32
	pinSaltLen = 16
)

func pinHash(pin string, salt []byte) []byte {
	return argon2.IDKey([]byte(pin), salt, pinTime, pinMemory, pinThreads, pinKeyLen)
}

// setOrganiserPIN keeps a fresh salted hash of pin.
func setOrganiserPIN(p fyne.Preferences, pin string) {
	salt := make([]byte, pinSaltLen)
	rand.Read(salt) // never fails (crypto/rand panics instead)
	enc := base64.RawStdEncoding
	p.SetString(prefModePIN, "argon2id$"+enc.EncodeToString(salt)+"$"+enc.EncodeToString(pinHash(pin, salt)))
}

// clearOrganiserPIN forgets the hash, when the laptop is an organiser's again.
func clearOrganiserPIN(p fyne.Preferences) { p.RemoveValue(prefModePIN) }

// hasOrganiserPIN says whether a PIN guards booth-staff mode. A laptop
// put in that mode before there were PINs has none, and leaves it freely.
func hasOrganiserPIN(p fyne.Preferences) bool { return p.String(prefModePIN) != "" }

// organiserPINMatches says whether pin is the one set when booth-staff
// mode was entered. A hash that does not read matches nothing: the way
// out is then closed, not open.
func organiserPINMatches(p fyne.Preferences, pin string) bool {
	parts := strings.Split(p.String(prefModePIN), "$")
	if len(parts) != 3 || parts[0] != "argon2id" {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[1])
	want, err2 := enc.DecodeString(parts[2])
	if err1 != nil || err2 != nil || len(salt) != pinSaltLen || len(want) != pinKeyLen {
		return false
	}
	return subtle.ConstantTimeCompare(pinHash(pin, salt), want) == 1
}
