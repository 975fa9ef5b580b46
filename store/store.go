// Package store keeps herald's state in an embedded SQLite database
// (modernc.org/sqlite, no cgo): feeds, items, read state, bookmarks and an
// FTS5 search index. It is the only package that imports database/sql.
package store

import (
	"errors"
	"time"
)

// Sentinel errors callers branch on.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
	ErrBusy     = errors.New("another herald is writing; try again")
	ErrClosed   = errors.New("database is closed")
	ErrFull     = errors.New("the disk is full")
	ErrReadOnly = errors.New("the database is read-only")
)

// Feed is a subscription and its fetch state.
type Feed struct {
	ID           int64
	URL          string
	Title        string
	SiteURL      string
	Tags         []string
	ETag         string
	LastModified string
	LastAttempt  time.Time
	LastSuccess  time.Time
	LastError    string // one line; empty when the last refresh worked
	NextFetch    time.Time
	Errors       int    // failed refreshes in a row; 0 after a success or a 304
	Gone         bool   // the server said 410: not polled any more
	Note         string // from the last successful refresh, e.g. items left out of a huge feed
	// RemoteID is the feed's id on the sync server; empty when the feed
	// is not on it (no sync, or not subscribed there yet).
	RemoteID string
	// LocalOnly keeps the feed off the sync server (herald add --local):
	// herald fetches it itself.
	LocalOnly bool
	// RemoteFolders are the server's folders for the feed at the last
	// sync.
	RemoteFolders []string
	Unread        int // filled by Feeds
	Total         int // filled by Feeds
}

// Item is a stored feed entry.
type Item struct {
	ID           int64
	FeedID       int64
	FeedTitle    string
	Key          string // dedupe key: GUID, else link, else hash of title+content
	GUID         string
	Link         string
	Title        string
	Author       string
	Published    time.Time // zero when the feed gave no usable date
	FirstSeen    time.Time
	Summary      string // raw HTML
	Content      string // raw HTML, kept so clean-up can be re-run
	ImageURL     string
	ImageCredit  string
	ImageCaption string
	Markdown     string // cleaned Markdown, cached; empty until made
	Read         bool
	Bookmarked   bool
	// The first audio or video enclosure; MediaURL empty when none.
	MediaURL      string
	MediaType     string
	MediaSize     int64   // bytes
	MediaDuration int64   // seconds
	Muted         string  // the mute rule it matched, empty when none
	Position      float64 // reading position, 0 (top) to 1 (end)
	DupOf         int64   // the item this one duplicates, 0 when none
}

// Bookmark is a saved article, kept whole and independent of its feed.
type Bookmark struct {
	ItemID    int64 // the item it was saved from; the item may be gone since
	Title     string
	URL       string
	FeedTitle string
	FeedURL   string
	Author    string
	Published time.Time
	Saved     time.Time
	Markdown  string
	State     BookmarkState
	Error     string // why saving the full article failed (the summary is kept then)
}

// BookmarkState tracks fetching the full article for a bookmark.
type BookmarkState string

// Bookmark states.
const (
	BookmarkSaving BookmarkState = "saving"
	BookmarkSaved  BookmarkState = "saved"
	BookmarkFailed BookmarkState = "failed"
)
