package main

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// openedFile is the file the app was started with: the first argument
// that is not a flag, as a file manager passes a double-clicked backup or
// invitation (Exec=fairdesk %f on Linux, "Fairdesk.exe" "%1" on Windows),
// or as a file: URL. "" when there is none. macOS's Finder passes no
// argument (it sends an open-documents Apple event, which Fyne 2.7 does
// not hand to the app); there `open -a Fairdesk --args FILE` passes one.
func openedFile(args []string) string {
	for _, arg := range args {
		if arg == "" || strings.HasPrefix(arg, "-") {
			continue // a flag, or macOS's -psn_ process serial number
		}
		if u, err := url.Parse(arg); err == nil && u.Scheme == "file" {
			arg = u.Path
		}
		if abs, err := filepath.Abs(arg); err == nil {
			return abs
		}
		return arg
	}
	return ""
}

// sortOpened tells whether the file the app was started with is an
// invitation to join with or a backup to offer for restoring, the one
// place that decides: an invitation by its content (an age file for a
// passphrase, or the text code; so that one saved with the old .age name,
// or renamed, still joins) or by its .fairdesk-invitation name (so that a
// file that cannot be read is spoken of as an invitation); anything else
// is offered as a backup, which says so when it is none.
func sortOpened(file string) (backup, invitation string) {
	if file == "" {
		return "", ""
	}
	if strings.EqualFold(filepath.Ext(file), fdsync.InvitationExt) || looksLikeInvitation(file) {
		return "", file
	}
	return file, ""
}

func looksLikeInvitation(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, fdsync.InvitationHeadSize)
	n, _ := io.ReadFull(f, head)
	return fdsync.LooksLikeInvitation(head[:n])
}
