// Package feed fetches and parses feeds: our own net/http client with
// conditional GET, timeouts, size caps and a polite worker pool, feeding
// gofeed's parser. It also discovers feeds on HTML pages and reads and writes
// OPML and newsboat urls files. It is the only package that talks to the
// network.
package feed

import (
	"errors"
	"time"
)

// ErrNotModified is returned (inside Result.Err it is never set; see
// Result.NotModified) by helpers that fetch conditionally and got a 304.
var ErrNotModified = errors.New("not modified")

// Feed is a parsed feed, independent of its format (RSS, Atom, JSON Feed).
type Feed struct {
	Title       string // plain text (HTML stripped, entities decoded once)
	SiteURL     string // the feed's <link> to its web site
	Description string
	Items       []Item
	TotalItems  int // items in the document; more than len(Items) when MaxItems cut some
	// Note says in one line what was wrong with a document read in part
	// (e.g. "the feed's XML is cut short; herald read the 3 items before
	// the cut"); empty for a sound one.
	Note string
}

// Item is one entry of a feed, normalised across formats.
type Item struct {
	GUID      string    // may be empty
	Link      string    // absolute URL, may be empty
	Title     string    // plain text
	Author    string    // plain text
	Published time.Time // published, else updated; zero when missing or the Unix epoch
	Updated   time.Time // zero when missing
	Content   string    // HTML body: content:encoded / atom content / content_html, else the description
	Summary   string    // HTML description/summary, may equal Content
	// Lead image from media:content / media:thumbnail / an image enclosure.
	ImageURL     string
	ImageCaption string // media:description or media:title of that image
	ImageCredit  string // media:credit
	// Media is the item's first audio or video enclosure (a podcast
	// episode), nil when it has none.
	Media *Media
}

// Media is an audio or video file attached to an item.
type Media struct {
	URL      string        // absolute http(s) URL, at most 2048 bytes
	Type     string        // audio/* or video/*, lower case, no parameters; empty when the feed gave none usable
	Size     int64         // bytes; 0 when unknown
	Duration time.Duration // 0 when unknown (itunes:duration, duration_in_seconds, media:content duration)
}

// Request asks for one feed, replaying the validators from the last fetch.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Result is the outcome of fetching one feed. Exactly one of Feed,
// NotModified or Err describes it.
type Result struct {
	URL          string
	FinalURL     string // after redirects
	Feed         *Feed
	NotModified  bool // 304: nothing parsed
	ETag         string
	LastModified string
	StatusCode   int
	// RetryAfter is when the server asked us to come back (429/503
	// Retry-After, or Cache-Control max-age); zero when it did not say.
	RetryAfter time.Time
	// Gone is true for 410: the feed should stop being polled.
	Gone bool
	Err  error // one-line, wrapped with the URL
}
