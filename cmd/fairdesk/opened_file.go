package main

import (
	"net/url"
	"path/filepath"
	"strings"
)

// openedFile is the file the app was started with: the first argument
// that is not a flag, as a file manager passes a double-clicked backup
// (Exec=fairdesk %f on Linux, "Fairdesk.exe" "%1" on Windows), or as a
// file: URL. "" when there is none. macOS's Finder passes no argument
// (it sends an open-documents Apple event, which Fyne 2.7 does not hand
// to the app); there `open -a Fairdesk --args FILE` passes one.
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
