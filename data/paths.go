package data

import (
	"os"
	"path/filepath"
)

// DefaultPath is where the program keeps its database unless told
// otherwise: $FAIRDESK_DB, or fairdesk/event.db in the user's data folder.
func DefaultPath() string {
	if p := os.Getenv("FAIRDESK_DB"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		dir = xdg
	} else if home, err := os.UserHomeDir(); err == nil && filepath.Base(dir) == ".config" {
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "fairdesk", "event.db")
}
