package main

import (
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
)

// version is set at build time by `make build`
// (-ldflags "-X main.version=..." from FyneApp.toml). A build by
// `fyne package` carries FyneApp.toml's details as app metadata instead.
var version string

// appVersion is this build's version and build number from FyneApp.toml,
// or "unknown" for a plain `go build`.
func appVersion(a fyne.App) string {
	if version != "" {
		return version
	}
	if m := a.Metadata(); m.ID != "" && m.Version != "" {
		return m.Version + " (build " + strconv.Itoa(m.Build) + ")"
	}
	return "unknown (a development build: use make build or make package)"
}

// printVersion answers `fairdesk --version` (or -version, -v) without
// opening a window; it reports whether it did.
func printVersion(a fyne.App, args []string, out io.Writer) bool {
	if len(args) != 1 {
		return false
	}
	switch args[0] {
	case "--version", "-version", "-v", "version":
		fmt.Fprintln(out, "Fairdesk", appVersion(a))
		return true
	}
	return false
}
