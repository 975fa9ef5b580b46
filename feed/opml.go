package feed

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Outline is one subscription read from or written to OPML or a urls file.
type Outline struct {
	Title   string // plain text; may be empty
	XMLURL  string // the feed URL
	HTMLURL string // the site URL; may be empty
	Tags    []string
	Hidden  bool // newsboat "!" tag: subscribed but hidden from the feed list
}

// SkippedError lists entries that ReadOPML or ReadURLs rejected (a
// disallowed scheme such as exec:, filter: or query:, or an unusable line).
// The readers return it together with every accepted outline.
type SkippedError struct {
	Entries []string // one line each: "line 3: exec:…: URL scheme "exec" not allowed …"
}

// Error lists the skipped entries on one line.
func (e *SkippedError) Error() string {
	if len(e.Entries) == 1 {
		return "skipped 1 entry: " + e.Entries[0]
	}
	return fmt.Sprintf("skipped %d entries: %s", len(e.Entries), strings.Join(e.Entries, "; "))
}

// AllowedURL returns nil when u may be subscribed to: an http or https URL
// with a host, or a file URL. Anything else (exec:, filter:, query:,
// javascript:, …) is rejected with an error naming the scheme.
func AllowedURL(u string) error {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return fmt.Errorf("invalid URL %q: %w", u, unwrapURLError(err))
	}
	switch scheme := strings.ToLower(p.Scheme); scheme {
	case "http", "https":
		if p.Host == "" {
			return fmt.Errorf("invalid URL %q: no host", u)
		}
		return nil
	case "file":
		if p.Path == "" && p.Opaque == "" {
			return fmt.Errorf("invalid URL %q: no path", u)
		}
		return nil
	case "":
		return fmt.Errorf("invalid URL %q: no scheme (only http, https and file are allowed)", u)
	default:
		return fmt.Errorf("URL scheme %q not allowed (only http, https and file): %q", scheme, u)
	}
}

// maxOPMLDepth bounds outline nesting; deeper outlines are still read, but
// their folders no longer add tags.
const maxOPMLDepth = 64

// ReadOPML reads subscriptions from an OPML document (any version). Nested
// outlines without an xmlUrl are folders: their titles become tags of the
// feeds inside, as do category attributes (comma-separated). An outline
// with an xmlUrl is a feed whatever its type attribute says. Titles are
// converted from HTML to text. Feeds with a disallowed URL scheme are left
// out and listed in a *SkippedError returned with the accepted outlines.
func ReadOPML(r io.Reader) ([]Outline, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxOPMLBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read OPML: %w", err)
	}
	if len(data) > maxOPMLBytes {
		return nil, fmt.Errorf("read OPML: larger than %d MiB", maxOPMLBytes>>20)
	}
	// A control character in one title (raw, or as &#27;) is illegal XML
	// and would fail the whole import: drop it, keep every feed. Titles are
	// sanitized again where they are shown.
	data = stripIllegalCharRefs(dropControlBytes(data))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel

	var (
		out     []Outline
		skipped []string
		stack   []string // folder title per open outline ("" for non-folders)
		inOPML  bool
		seen    = map[string]int{} // feed URL -> index in out
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if inOPML && len(stack) == 0 && len(out) > 0 {
				break // junk after the body; keep what was read
			}
			return nil, fmt.Errorf("read OPML: %s", oneLine(err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if !inOPML {
				if name != "opml" {
					return nil, fmt.Errorf("read OPML: not an OPML document (root element <%s>)", oneLine(t.Name.Local))
				}
				inOPML = true
				continue
			}
			if name != "outline" {
				continue
			}
			a := attrs(t.Attr)
			title := opmlText(a["title"])
			if title == "" {
				title = opmlText(a["text"])
			}
			feedURL := strings.TrimSpace(a["xmlurl"])
			if feedURL == "" {
				stack = append(stack, title)
				continue
			}
			stack = append(stack, "")
			if err := AllowedURL(feedURL); err != nil {
				skipped = append(skipped, fmt.Sprintf("line %d: %v", lineOf(d), err))
				continue
			}
			var tags []string
			for i, folder := range stack {
				if i < maxOPMLDepth {
					tags = addTag(tags, folder)
				}
			}
			for _, c := range strings.Split(a["category"], ",") {
				tags = addTag(tags, opmlText(c))
			}
			if i, dup := seen[feedURL]; dup { // listed in two folders: merge tags
				for _, t := range tags {
					out[i].Tags = addTag(out[i].Tags, t)
				}
				continue
			}
			seen[feedURL] = len(out)
			out = append(out, Outline{Title: title, XMLURL: feedURL, HTMLURL: strings.TrimSpace(a["htmlurl"]), Tags: tags})
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if name == "outline" && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if name == "opml" {
				return withSkipped(out, skipped)
			}
		}
	}
	if !inOPML {
		return nil, errors.New("read OPML: empty document")
	}
	return withSkipped(out, skipped)
}

// opmlText decodes entities left in an OPML title (exporters often escape
// twice) and collapses whitespace. Unlike feed titles, no tags are stripped:
// "<angles>" in a title survives an export/import round trip.
func opmlText(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return oneLine(s)
}

func withSkipped(out []Outline, skipped []string) ([]Outline, error) {
	if len(skipped) > 0 {
		return out, &SkippedError{Entries: skipped}
	}
	return out, nil
}

func lineOf(d *xml.Decoder) int {
	line, _ := d.InputPos()
	return line
}

// attrs returns attributes by lower-cased local name (xmlUrl, xmlURL and
// xmlurl all occur in the wild).
func attrs(as []xml.Attr) map[string]string {
	m := make(map[string]string, len(as))
	for _, a := range as {
		k := strings.ToLower(a.Name.Local)
		if _, ok := m[k]; !ok {
			m[k] = a.Value
		}
	}
	return m
}

func addTag(tags []string, t string) []string {
	t = strings.TrimSpace(t)
	if t == "" {
		return tags
	}
	for _, have := range tags {
		if have == t {
			return tags
		}
	}
	return append(tags, t)
}

type opmlDoc struct {
	XMLName xml.Name    `xml:"opml"`
	Version string      `xml:"version,attr"`
	Head    opmlHead    `xml:"head"`
	Body    opmlOutBody `xml:"body"`
}

type opmlHead struct {
	Title       string `xml:"title"`
	DateCreated string `xml:"dateCreated"`
}

type opmlOutBody struct {
	Outlines []opmlOutline `xml:"outline"`
}

type opmlOutline struct {
	Type     string `xml:"type,attr"`
	Text     string `xml:"text,attr"`
	Title    string `xml:"title,attr,omitempty"`
	XMLURL   string `xml:"xmlUrl,attr"`
	HTMLURL  string `xml:"htmlUrl,attr,omitempty"`
	Category string `xml:"category,attr,omitempty"`
}

// WriteOPML writes feeds as an OPML 2.0 document: a head with title and
// dateCreated, and one <outline type="rss"> per feed with text, title,
// xmlUrl, htmlUrl and its tags as a comma-separated category attribute
// (ReadOPML reads it back). Tags containing commas do not survive.
func WriteOPML(w io.Writer, title string, feeds []Outline) error {
	doc := opmlDoc{
		Version: "2.0",
		Head:    opmlHead{Title: title, DateCreated: time.Now().UTC().Format(time.RFC1123Z)},
	}
	for _, f := range feeds {
		text := f.Title
		if text == "" {
			text = f.XMLURL
		}
		doc.Body.Outlines = append(doc.Body.Outlines, opmlOutline{
			Type:     "rss",
			Text:     text,
			Title:    f.Title,
			XMLURL:   f.XMLURL,
			HTMLURL:  f.HTMLURL,
			Category: strings.Join(f.Tags, ","),
		})
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	if err := bw.WriteByte('\n'); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}

// ReadURLs reads a newsboat urls file: one feed a line, the URL followed by
// tags, each optionally in double quotes ("two words"). A tag "~Name" sets
// the title, "!" hides the feed; lines starting with # are comments.
// Lines whose URL is not http, https or file (query:, exec:, filter:, …)
// are left out and listed in a *SkippedError returned with the accepted
// outlines.
func ReadURLs(r io.Reader) ([]Outline, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var (
		out     []Outline
		skipped []string
		seen    = map[string]bool{}
	)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := splitQuoted(line)
		if len(fields) == 0 {
			continue
		}
		u := fields[0]
		if err := AllowedURL(u); err != nil {
			skipped = append(skipped, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		if seen[u] {
			continue
		}
		seen[u] = true
		o := Outline{XMLURL: u}
		for _, f := range fields[1:] {
			switch {
			case f == "!":
				o.Hidden = true
			case strings.HasPrefix(f, "~"):
				o.Title = strings.TrimSpace(f[1:])
			default:
				o.Tags = addTag(o.Tags, f)
			}
		}
		out = append(out, o)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read urls: %w", err)
	}
	return withSkipped(out, skipped)
}

// splitQuoted splits a urls line on blanks, keeping "double quoted" fields
// together; \" and \\ escape inside quotes. A # outside quotes starts a
// comment.
func splitQuoted(s string) []string {
	var (
		fields []string
		cur    strings.Builder
		inQ    bool
		have   bool
	)
	flush := func() {
		if have {
			fields = append(fields, cur.String())
		}
		cur.Reset()
		have = false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQ && c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i++
		case c == '"':
			inQ = !inQ
			have = true
		case !inQ && (c == ' ' || c == '\t'):
			flush()
		case !inQ && c == '#' && !have:
			flush()
			return fields
		default:
			cur.WriteByte(c)
			have = true
		}
	}
	flush()
	return fields
}

// maxOPMLBytes caps an OPML file read into memory.
const maxOPMLBytes = 32 << 20

// dropControlBytes removes the C0 control bytes XML forbids (all but tab,
// newline and carriage return), allocating only when there is one.
func dropControlBytes(b []byte) []byte {
	bad := func(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }
	i := 0
	for i < len(b) && !bad(b[i]) {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if !bad(c) {
			out = append(out, c)
		}
	}
	return out
}
