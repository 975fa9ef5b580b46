package feed

import (
	"bytes"
	"time"
)

// The date an item is ranked by, read cheaply from its bytes: the one
// convert gives it (published, else updated), in the common forms.

// dateSlot returns where an item child holding a date goes in s.dates,
// or -1. RSS: pubDate, dc:date, atom:published, atom:updated; Atom:
// published (or issued), updated (or modified).
func (s *xmlScanner) dateSlot(prefix, local []byte) int {
	if s.atom {
		switch {
		case nameIs(local, "published") || nameIs(local, "issued"):
			return 0
		case nameIs(local, "updated") || nameIs(local, "modified"):
			return 1
		}
		return -1
	}
	switch {
	case len(prefix) == 0:
		if nameIs(local, "pubdate") {
			return 0
		}
	case nameIs(local, "date"):
		return 1
	case nameIs(local, "published"):
		return 2
	case nameIs(local, "updated"):
		return 3
	}
	return -1
}

// itemDate is the open item's date, as gofeed's translators and convert
// pick it.
func (s *xmlScanner) itemDate() int64 {
	d := s.dates
	if s.atom {
		return publishedElseUpdated(d[0], d[1])
	}
	// Published: pubDate when it parses, else the first of dc:date and
	// atom:published that is there; updated: dc:date, else atom:updated.
	published, updated := d[0], d[3]
	if _, ok := readDate(d[0]); !ok {
		if published = d[2]; present(d[1]) {
			published = d[1]
		}
	}
	if present(d[1]) {
		updated = d[1]
	}
	return publishedElseUpdated(published, updated)
}

// textAt returns the text of an element whose content starts at p: up to
// the next markup, or a CDATA section's content.
func (s *xmlScanner) textAt(p int) []byte {
	rest := s.src[p:]
	if bytes.HasPrefix(rest, []byte(cdataStart)) {
		rest = rest[len(cdataStart):]
		if end := bytes.Index(rest, []byte(cdataEnd)); end >= 0 {
			return rest[:end]
		}
		return rest[:0]
	}
	if end := bytes.IndexByte(rest, '<'); end >= 0 {
		return rest[:end]
	}
	return rest[:0]
}

// dateLayouts are the common feed date forms, most frequent first.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST",
	time.RFC822Z, time.RFC822, "Mon, 02 Jan 06 15:04:05 -0700",
	"2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
}

// zoneOffsets are the zone names feeds use, which time.Parse does not know.
var zoneOffsets = map[string]int{
	"UT": 0, "GMT": 0, "UTC": 0, "Z": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
}

// publishedElseUpdated is an item's date as convert picks it: the
// published date when it is valid, else the updated one; noDate when
// neither is.
func publishedElseUpdated(published, updated []byte) int64 {
	if d, ok := readDate(published); ok && validSeconds(d) {
		return d
	}
	if d, ok := readDate(updated); ok && validSeconds(d) {
		return d
	}
	return noDate
}

// validSeconds is validDate in Unix seconds: after 1970.
func validSeconds(d int64) bool { return d >= 365*24*3600 }

// present reports whether an element's text is not blank.
func present(text []byte) bool { return len(bytes.TrimSpace(text)) > 0 }

func readable(date []byte) bool {
	_, ok := readDate(date)
	return ok
}

// readDate reads a date in one of dateLayouts, in Unix seconds.
func readDate(b []byte) (int64, bool) {
	b = bytes.TrimSpace(b)
	if len(b) < 8 || len(b) > 64 {
		return 0, false
	}
	s := string(b)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if name, off := t.Zone(); name != "" {
			if want, ok := zoneOffsets[name]; ok && want != off {
				t = t.Add(time.Duration(off-want) * time.Second)
			}
		}
		return t.Unix(), true
	}
	return 0, false
}
