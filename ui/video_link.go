package ui

import (
	"net/url"
	"strings"
)

// linkHost is the site of a video link, "zoom.us" for a Zoom room: short
// enough for a list row, and it tells Zoom from Teams at a glance. A link
// that is no URL is shown as it is.
func linkHost(link string) string {
	link = strings.TrimSpace(link)
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return link
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
