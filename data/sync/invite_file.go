package sync

import (
	"bytes"
	"encoding/base64"
	"strings"
)

// InvitationExt is the file name extension of an invitation file, its own
// so that a file manager can open invitations in Fairdesk without taking
// over every age-encrypted file. Files saved before it, with ".age", open
// the same: OpenInvitation goes by the content, never by the name.
const InvitationExt = ".fairdesk-invitation"

// InvitationHeadSize is how much of a file LooksLikeInvitation needs.
const InvitationHeadSize = 64

// scryptHead starts an age file for a passphrase, which an invitation
// file is: the version line, then the scrypt recipient stanza.
const scryptHead = "age-encryption.org/v1\n-> scrypt "

// LooksLikeInvitation reports whether head, the first bytes of a file
// (InvitationHeadSize will do), has the form of an invitation: an age file
// for a passphrase, or the text code. It says nothing of whether the
// invitation opens; OpenInvitation does.
func LooksLikeInvitation(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	return bytes.HasPrefix(head, []byte(scryptHead)) || bytes.HasPrefix(head, []byte(codePrefix))
}

// InvitationCode is the text code of an invitation file's bytes, the same
// invitation in a form that pastes into a text field; a file that holds
// the code already gives it back as it is.
func InvitationCode(file []byte) string {
	if text := strings.TrimSpace(string(file)); strings.HasPrefix(text, codePrefix) {
		return text
	}
	return codePrefix + base64.RawURLEncoding.EncodeToString(file)
}
