package feed

import (
	"bytes"
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed/rss"
)

// Text as gofeed v1.4.2 reads it, for the fast path. stripCDATA and
// decodeEntities are gofeed's StripCDATA and DecodeEntities
// (internal/shared/parseutils.go, MIT License, Copyright (c) 2016
// mmcdole), which Go does not let herald import; the differential tests
// (fast_test.go) hold them to gofeed's results.

// parseText is gofeed's ParseText on n: its inner XML, trimmed, with
// CDATA sections opened and entities decoded.
func (t *xtree) parseText(n *xnode) string {
	raw := bytes.TrimSpace(t.src[n.inner[0]:n.inner[1]])
	if bytes.HasPrefix(raw, []byte(cdataStart)) && bytes.Index(raw, []byte(cdataEnd)) == len(raw)-len(cdataEnd) {
		// One CDATA section and nothing else (an article body): what
		// stripCDATA makes of it, copied once.
		return string(raw[len(cdataStart) : len(raw)-len(cdataEnd)])
	}
	if bytes.Contains(raw, []byte(cdataStart)) {
		return stripCDATA(string(raw))
	}
	return decodeEntityBytes(raw)
}

// stripCDATA is gofeed's StripCDATA.
func stripCDATA(str string) string {
	buf := bytes.NewBuffer(make([]byte, 0, len(str)))
	curr := 0
	for curr < len(str) {
		start := indexFrom(str, cdataStart, curr)
		if start == -1 {
			buf.WriteString(decodeEntities(str[curr:]))
			return buf.String()
		}
		buf.WriteString(decodeEntities(str[curr:start]))
		end := indexFrom(str, cdataEnd, start+len(cdataStart))
		if end == -1 {
			buf.WriteString(decodeEntities(str[start:]))
			return buf.String()
		}
		buf.WriteString(str[start+len(cdataStart) : end])
		curr = end + len(cdataEnd)
	}
	return buf.String()
}

// maxEntityLen is gofeed's bound on how far past an '&' its ';' may be.
const maxEntityLen = 64

// decodeEntities is gofeed's DecodeEntities.
func decodeEntities(str string) string {
	if strings.IndexByte(str, '&') == -1 {
		return str
	}
	return decodeEntityBytes([]byte(str))
}

// decodeEntityBytes is gofeed's DecodeEntities on bytes, written once
// into the result.
func decodeEntityBytes(data []byte) string {
	if bytes.IndexByte(data, '&') == -1 {
		return string(data)
	}
	var buf strings.Builder
	buf.Grow(len(data))
	for len(data) > 0 {
		idx := bytes.IndexByte(data, '&')
		if idx == -1 {
			buf.Write(data)
			break
		}
		buf.Write(data[:idx])
		data = data[idx:]
		// The five XML entities decode as html.UnescapeString does below;
		// escaped HTML is made of them.
		if c, n := xmlEntity(data); n > 0 {
			buf.WriteByte(c)
			data = data[n:]
			continue
		}
		window := data
		if len(window) > maxEntityLen {
			window = window[:maxEntityLen]
		}
		end := bytes.IndexByte(window, ';')
		if end == -1 && len(window) == len(data) {
			buf.Write(data)
			break
		}
		if end == -1 || bytes.ContainsAny(data[1:end], " \t\r\n") {
			buf.WriteByte('&')
			data = data[1:]
			continue
		}
		span := string(data[:end+1])
		dec := html.UnescapeString(span)
		if dec == html.UnescapeString(span[:len(span)-1])+";" {
			buf.WriteByte('&')
			data = data[1:]
			continue
		}
		buf.WriteString(dec)
		data = data[end+1:]
	}
	return buf.String()
}

// xmlEntity reads one of the five XML entities at the start of b: the
// character and the entity's length, or 0.
func xmlEntity(b []byte) (byte, int) {
	switch {
	case bytes.HasPrefix(b, []byte("&lt;")):
		return '<', 4
	case bytes.HasPrefix(b, []byte("&gt;")):
		return '>', 4
	case bytes.HasPrefix(b, []byte("&amp;")):
		return '&', 5
	case bytes.HasPrefix(b, []byte("&quot;")):
		return '"', 6
	case bytes.HasPrefix(b, []byte("&apos;")):
		return '\'', 6
	}
	return 0, 0
}

func indexFrom(str, substr string, start int) int {
	idx := strings.Index(str[start:], substr)
	if idx > -1 {
		idx += start
	}
	return idx
}

// uriAttrs are the attributes gofeed's NextTag resolves against xml:base,
// which with no xml:base in scope means a round trip through url.Parse.
var uriAttrs = map[string]bool{"href": true, "scheme": true, "src": true, "uri": true}

// resolvedAttrs is n's attributes as gofeed sees them on an element it
// reaches with its NextTag: URL attributes normalised by url.Parse.
func resolvedAttrs(n *xnode) []xattr {
	var out []xattr
	for i, a := range n.attrs {
		if !uriAttrs[strings.ToLower(a.local)] {
			continue
		}
		u, err := url.Parse(strings.TrimLeft(a.value, " "))
		if err != nil || u.String() == a.value {
			continue
		}
		if out == nil {
			out = append([]xattr(nil), n.attrs...)
		}
		out[i].value = u.String()
	}
	if out == nil {
		return n.attrs
	}
	return out
}

// attribute is goxpp's Attribute: the first unprefixed attribute of that
// name, else the first prefixed one.
func attribute(attrs []xattr, name string) string {
	fallback, found := "", false
	for _, a := range attrs {
		if a.local != name {
			continue
		}
		if a.prefix == "" {
			return a.value
		}
		if !found {
			fallback, found = a.value, true
		}
	}
	return fallback
}

// quickDateLayouts are the first layouts gofeed's ParseDate tries, in its
// order; a date one of them reads is read the same by gofeed.
var quickDateLayouts = []string{time.RFC822Z, time.RFC3339, time.RubyDate, time.RFC1123Z}

// gmtDate reads the RFC 1123 dates with a GMT or UTC zone that many RSS
// feeds send, which none of gofeed's numeric-offset and zoneless layouts
// reads and its named-zone layouts read as this instant
// (TestGMTDatesAsGofeed holds it to gofeed).
func gmtDate(v string) (time.Time, bool) {
	if !strings.HasSuffix(v, " GMT") && !strings.HasSuffix(v, " UTC") {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC1123, v)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// dates parses feed dates as gofeed's rss.Parser does (its ParseDate,
// then UTC), remembering the ones it had to ask gofeed about.
type dates map[string]*time.Time

// parse returns the date in s, or nil when gofeed reads none; ok is false
// when the fast path cannot tell.
func (d dates) parse(s string) (t *time.Time, ok bool) {
	v := strings.TrimSpace(s)
	if v == "" {
		return nil, true
	}
	for _, layout := range quickDateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			t = t.UTC()
			return &t, true
		}
	}
	if t, ok := gmtDate(v); ok {
		return &t, true
	}
	if t, seen := d[s]; seen {
		return copyTime(t), true
	}
	t, ok = gofeedDate(s)
	if ok {
		d[s] = t
	}
	return copyTime(t), ok
}

func copyTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

// gofeedDate asks gofeed's own date reading about s, through a one-element
// RSS document.
func gofeedDate(s string) (*time.Time, bool) {
	if strings.Contains(s, cdataEnd) {
		return nil, false
	}
	doc := "<rss><channel><pubDate><![CDATA[" + s + "]]></pubDate></channel></rss>"
	f, err := (&rss.Parser{}).Parse(strings.NewReader(doc))
	if err != nil || f.PubDate != s {
		return nil, false
	}
	return f.PubDateParsed, true
}
