package store

import (
	"fmt"
	"strings"
)

// MediaLabel describes the item's audio or video enclosure as the reader
// and `herald show` print it: "Audio: URL (audio/mpeg, 45 MB, 1:02:03)".
// It is empty when the item has none. The text is raw: sanitize it.
func (it Item) MediaLabel() string {
	if it.MediaURL == "" {
		return ""
	}
	kind := "Audio"
	if strings.HasPrefix(strings.ToLower(it.MediaType), "video/") {
		kind = "Video"
	}
	var details []string
	if it.MediaType != "" {
		details = append(details, it.MediaType)
	}
	if it.MediaSize > 0 {
		details = append(details, byteSize(it.MediaSize))
	}
	if it.MediaDuration > 0 {
		details = append(details, clock(it.MediaDuration))
	}
	s := kind + ": " + it.MediaURL
	if len(details) > 0 {
		s += " (" + strings.Join(details, ", ") + ")"
	}
	return s
}

// byteSize is a size in the largest unit that keeps it at least 1.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// clock is a duration in seconds as h:mm:ss, or m:ss under an hour.
func clock(sec int64) string {
	h, m, s := sec/3600, sec/60%60, sec%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
