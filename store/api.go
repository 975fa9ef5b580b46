package store

import (
	"database/sql"
	"sync"
	"time"
)

// Store is herald's database handle. It is safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB // writer: one connection, so writes are serialised
	r    *sql.DB // reader pool

	// stmts are a refresh's statements, prepared on w by the first batch
	// (prepareWrites); read-only after. stmtsMu guards their preparation.
	stmtsMu sync.Mutex
	stmts   map[string]*sql.Stmt

	ckpt *checkpointer // copies the WAL into the database off the writer's path

	// indexMu makes IndexPending run once at a time: a second call waits
	// for the first and then finds what it indexed done.
	indexMu sync.Mutex
}

// FetchOutcome is the result of fetching one feed, as SaveFetch stores it.
type FetchOutcome struct {
	FeedID       int64
	Title        string
	SiteURL      string
	ETag         string
	LastModified string
	Err          string // one-line error; empty on success
	NotModified  bool   // the server answered 304
	Gone         bool   // the server answered 410: stop polling
	Note         string // one line kept as the feed's Note on success (e.g. items left out)
	NextFetch    time.Time
	Items        []NewItem
	At           time.Time // when the fetch happened; zero means now
}

// NewItem is a feed entry as fetched, before it is stored.
type NewItem struct {
	GUID         string
	Link         string
	Title        string
	Author       string
	Published    time.Time // zero when the feed gave no usable date
	Summary      string    // raw HTML
	Content      string    // raw HTML
	ImageURL     string
	ImageCaption string
	ImageCredit  string
	Markdown     string // cleaned Markdown, if already made
	// The first audio or video enclosure; MediaURL empty when none.
	MediaURL      string
	MediaType     string
	MediaSize     int64 // bytes
	MediaDuration int64 // seconds
	// Muted is the mute rule the item matched: it is stored read.
	Muted string
	// LinkHash and TitleHash identify the story across feeds (0: none):
	// an item sharing either with an item of another feed is stored as
	// its duplicate.
	LinkHash  int64
	TitleHash int64

	prep *prepared // set by PrepareItems
}

// ItemQuery selects items for Items and CountItems.
type ItemQuery struct {
	FeedID int64 // 0 = all feeds
	// FeedIDs, when not nil, limits the items to these feeds (a tag); an
	// empty list selects nothing.
	FeedIDs []int64
	// Collapse shows a story that reached several feeds once.
	Collapse bool
	// Muted lists only the items a mute rule marked read on arrival.
	Muted bool
	// OldestFirst reverses the order.
	OldestFirst bool
	// SeenBy, when set, leaves out items first seen after it (MarkRead
	// after a question: what arrived since was never seen).
	SeenBy     time.Time
	Unread     bool // only unread items
	Bookmarked bool // only bookmarked items (including bookmarks whose item is gone)
	Limit      int  // 0 = no limit
	Offset     int
}
