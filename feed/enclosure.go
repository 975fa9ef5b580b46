package feed

// The item's podcast episode: its first audio or video file, from an RSS
// enclosure, an Atom enclosure link, a JSON Feed attachment (gofeed maps
// all three onto Item.Enclosures) or a Media RSS media:content.

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	gjson "github.com/mmcdole/gofeed/json"
)

// Bounds on what an enclosure may store, so a hostile feed cannot bloat
// the database or claim an absurd length.
const (
	maxMediaURL      = 2048
	maxMediaType     = 100
	maxMediaDuration = 7 * 24 * time.Hour
)

// attachmentDuration prefixes the gofeed Item.Custom keys under which
// parseJSONFeed keeps each attachment's duration_in_seconds (by index in
// Item.Enclosures), which gofeed's translator drops. The spaces keep an
// RSS element, whose name gofeed also uses as a Custom key, from ever
// spelling one.
const attachmentDuration = "herald attachment duration "

// mediaExts are the file extensions that make a URL audio or video when
// its element gives no usable type.
var mediaExts = map[string]bool{
	".mp3": true, ".m4a": true, ".aac": true, ".ogg": true, ".oga": true, ".opus": true,
	".flac": true, ".wav": true, ".mp4": true, ".m4v": true, ".mov": true, ".webm": true, ".mkv": true,
}

// mediaTopLevel are the registered top-level MIME types: a type under any
// other ("x-audio/mp3") says nothing, and the URL decides.
var mediaTopLevel = map[string]bool{
	"application": true, "audio": true, "example": true, "font": true, "haptics": true, "image": true,
	"message": true, "model": true, "multipart": true, "text": true, "video": true,
}

var (
	errNoURL      = errors.New("no URL")
	errBadURL     = errors.New("URL has spaces, control characters or invalid UTF-8")
	errLongURL    = fmt.Errorf("URL longer than %d bytes", maxMediaURL)
	errNotHTTP    = errors.New("not an absolute http(s) URL")
	errNoDuration = errors.New("not a duration")
	errDuration   = fmt.Errorf("duration not between 0 and %v", maxMediaDuration)
)

// candidate is one enclosure-like element of an item.
type candidate struct {
	url, typ, medium, size, duration string
	enclosure                        bool // from Item.Enclosures, not media:content
}

// itemMedia returns the item's first audio or video file, or nil. Relative
// URLs are resolved against base, else (when base is nil or not http(s))
// against the item's absolute link.
func itemMedia(it *gofeed.Item, base *url.URL, link string) *Media {
	for _, c := range candidates(it) {
		typ, ok := mediaKind(c.typ, c.medium, c.url)
		if !ok {
			continue
		}
		u, err := mediaURL(c.url, base, link)
		if err != nil {
			continue
		}
		m := &Media{URL: u, Type: typ}
		m.Size, _ = parseSize(c.size)
		m.Duration = mediaDuration(it, c)
		return m
	}
	return nil
}

// EnclosureMedia is the media herald keeps of an enclosure known by its
// address, type and size alone (as a sync server lists them), by the rules
// a feed's enclosures follow: audio or video (by type, else by the file's
// extension), an absolute http(s) URL of at most 2048 bytes, a type of at
// most 100. ok is false for anything else.
func EnclosureMedia(rawURL, typ string, size int64) (m Media, ok bool) {
	t, ok := mediaKind(typ, "", rawURL)
	if !ok {
		return Media{}, false
	}
	u, err := mediaURL(rawURL, nil, "")
	if err != nil {
		return Media{}, false
	}
	return Media{URL: u, Type: t, Size: max(size, 0)}, true
}

// candidates lists an item's enclosures, then its media:content elements
// (top-level ones, then those inside media:group), in document order.
func candidates(it *gofeed.Item) []candidate {
	var cs []candidate
	for i, e := range it.Enclosures {
		if e == nil {
			continue
		}
		c := candidate{url: e.URL, typ: e.Type, size: e.Length, enclosure: true}
		if it.Custom != nil { // a JSON Feed's (keepAttachmentDurations)
			c.duration = it.Custom[attachmentDuration+strconv.Itoa(i)]
		}
		cs = append(cs, c)
	}
	add := func(es []ext.Extension) {
		for _, e := range es {
			cs = append(cs, candidate{
				url: e.Attrs["url"], typ: e.Attrs["type"], medium: e.Attrs["medium"],
				size: e.Attrs["fileSize"], duration: e.Attrs["duration"],
			})
		}
	}
	if media := it.Extensions["media"]; media != nil {
		add(media["content"])
		for _, g := range media["group"] {
			add(g.Children["content"])
		}
	}
	return cs
}

// mediaDuration is the candidate's own duration, else itunes:duration,
// else, for an enclosure, that of a media:content with the same URL.
func mediaDuration(it *gofeed.Item, c candidate) time.Duration {
	if d, err := parseDuration(c.duration); err == nil {
		return d
	}
	if it.ITunesExt != nil {
		if d, err := parseDuration(it.ITunesExt.Duration); err == nil {
			return d
		}
	}
	if !c.enclosure {
		return 0
	}
	raw := strings.TrimSpace(c.url)
	for _, o := range candidates(it) {
		if !o.enclosure && strings.TrimSpace(o.url) == raw {
			if d, err := parseDuration(o.duration); err == nil {
				return d
			}
		}
	}
	return 0
}

// mediaKind reports whether an element is audio or video, and its MIME
// type (without parameters, lower case) when the element gave a usable
// one. An audio/* or video/* type counts; an image never does, by type or
// medium; medium="audio" or "video" counts; and when the type is missing
// or says nothing (malformed, too long, application/octet-stream, an
// unregistered top level such as x-audio/mp3), the URL's file extension
// decides.
func mediaKind(typ, medium, rawURL string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(typ))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	top, sub, _ := strings.Cut(t, "/")
	informative := len(typ) <= maxMediaType && validToken(top) && validToken(sub) &&
		mediaTopLevel[top] && t != "application/octet-stream"
	medium = strings.ToLower(strings.TrimSpace(medium))
	switch {
	case informative && (top == "audio" || top == "video"):
		return t, medium != "image"
	case (informative && top == "image") || medium == "image":
		return "", false
	case medium == "audio" || medium == "video":
		return "", true
	case informative:
		return "", false
	}
	return "", mediaExts[strings.ToLower(path.Ext(urlPath(rawURL)))]
}

// validToken reports whether s is a MIME type or subtype token.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`()<>@,;:\"/[]?=`, r) {
			return false
		}
	}
	return true
}

// mediaURL returns raw, trimmed, as an absolute http(s) URL: relative ones
// resolved against base, else against link. It refuses URLs with spaces,
// control characters or invalid UTF-8, and longer than maxMediaURL.
func mediaURL(raw string, base *url.URL, link string) (string, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return "", errNoURL
	case len(raw) > maxMediaURL:
		return "", errLongURL
	case !utf8.ValidString(raw) || strings.IndexFunc(raw, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}) >= 0:
		return "", errBadURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("media URL: %w", err)
	}
	if !u.IsAbs() {
		if !isHTTP(base) {
			base = absURL(link, nil)
		}
		if !isHTTP(base) {
			return "", errNotHTTP
		}
		u = base.ResolveReference(u)
		raw = u.String()
	}
	if !isHTTP(u) {
		return "", errNotHTTP
	}
	if len(raw) > maxMediaURL {
		return "", errLongURL
	}
	return raw, nil
}

// isHTTP reports whether u is an absolute http or https URL with a host.
func isHTTP(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// parseSize reads a length or size in bytes: a positive decimal integer.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, fmt.Errorf("size %.20q: not a positive integer", s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("size: %w", err)
	}
	if n <= 0 {
		return 0, fmt.Errorf("size %d: not positive", n)
	}
	return n, nil
}

// parseDuration reads a duration given as seconds ("3600"), minutes and
// seconds ("59:59") or hours, minutes and seconds ("1:02:03", "1:2:3");
// the seconds may have a fraction, which is dropped. A field past 59 is
// read as written ("92:20", "00:60:05"), as feeds mean it. Zero, negative
// or longer than maxMediaDuration is an error.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, ":")
	if s == "" || len(s) > 32 || len(parts) > 3 {
		return 0, fmt.Errorf("%.40q: %w", s, errNoDuration)
	}
	last := &parts[len(parts)-1]
	if whole, frac, ok := strings.Cut(*last, "."); ok {
		if frac == "" || strings.TrimLeft(frac, "0123456789") != "" {
			return 0, fmt.Errorf("%q: %w", s, errNoDuration)
		}
		*last = whole
	}
	var secs int64
	for _, p := range parts {
		if p == "" || strings.TrimLeft(p, "0123456789") != "" {
			return 0, fmt.Errorf("%q: %w", s, errNoDuration)
		}
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q: %w", s, err)
		}
		if secs > int64(maxMediaDuration/time.Second) || n > int64(maxMediaDuration/time.Second) {
			return 0, fmt.Errorf("%q: %w", s, errDuration)
		}
		secs = secs*60 + n
	}
	return secondsDuration(secs)
}

// secondsDuration checks a count of seconds against the bounds.
func secondsDuration(secs int64) (time.Duration, error) {
	if secs <= 0 || secs > int64(maxMediaDuration/time.Second) {
		return 0, fmt.Errorf("%d seconds: %w", secs, errDuration)
	}
	return time.Duration(secs) * time.Second, nil
}

// keepAttachmentDurations copies each JSON Feed attachment's
// duration_in_seconds into the translated item's Custom map, where
// itemMedia finds it; gofeed's translator keeps one Enclosure per
// attachment, in order.
func keepAttachmentDurations(jf *gjson.Feed, gf *gofeed.Feed) {
	for i, it := range jf.Items {
		if i >= len(gf.Items) || it == nil || it.Attachments == nil || gf.Items[i] == nil {
			continue
		}
		for j, a := range *it.Attachments {
			if _, err := secondsDuration(a.DurationInSeconds); err != nil {
				continue
			}
			if gf.Items[i].Custom == nil {
				gf.Items[i].Custom = map[string]string{}
			}
			gf.Items[i].Custom[attachmentDuration+strconv.Itoa(j)] = strconv.FormatInt(a.DurationInSeconds, 10)
		}
	}
}
