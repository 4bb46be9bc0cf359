// Package assets holds the files that are built into Fairdesk: for now the
// application icon. It imports no fyne, so data/ and cmd/fairctl can use it;
// the GUI wraps the bytes with fyne.NewStaticResource("icon.png", assets.Icon).
package assets

import _ "embed"

// Icon is the application icon, a 512x512 PNG drawn from icon.svg.
//
//go:embed icon.png
var Icon []byte

// IconName is the file name to give Icon when it is wrapped as a resource.
const IconName = "icon.png"
