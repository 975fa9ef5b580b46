package tui

import (
	"regexp"
	"strings"
)

// fetchPrefix matches the "fetch URL: " an error from the feed client
// starts with (possibly after words of our own, such as "last refresh
// failed: ").
var fetchPrefix = regexp.MustCompile(`^(.*?)\bfetch ([a-zA-Z][a-zA-Z0-9+.-]*://\S+?): (.+)$`)

// reasonFirst puts the reason of an error before the URL it concerns, so
// that a status line cut at the edge of the window still says what went
// wrong: "fetch https://…/feed.xml: 404 Not Found" reads
// "404 Not Found — https://…/feed.xml".
func reasonFirst(s string) string {
	m := fetchPrefix.FindStringSubmatch(s)
	if m == nil || strings.TrimSpace(m[3]) == "" {
		return s
	}
	return m[1] + m[3] + " — " + m[2]
}
