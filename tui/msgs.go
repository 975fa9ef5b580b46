package tui

import (
	"strings"
	"time"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// row is one item as the lists show it. Every string is sanitized when the
// row is built, once per load, so View never sees raw feed text.
type row struct {
	id         int64
	feedID     int64
	title      string
	feed       string
	author     string
	link       string
	date       time.Time // zero: "no date"
	read       bool
	bookmarked bool
	firstSeen  time.Time // dates undated items in lists
	media      string    // "audio", "video" or "" (sanitized MIME major type)
	dupOf      int64     // the item this one duplicates, 0 when none
	mediaURL   string    // sanitized, checked again before it is played
	mediaLabel string    // "Audio: URL (type, size, duration)", sanitized
	mediaType  string
	mediaSize  int64
	mediaDur   int64 // seconds
	pos        float64
}

// rowFromItem builds a sanitized row from a stored item.
func rowFromItem(it store.Item) row {
	return row{
		id:         it.ID,
		feedID:     it.FeedID,
		title:      sanitize.Line(it.Title),
		feed:       sanitize.Line(it.FeedTitle),
		author:     sanitize.Line(it.Author),
		link:       sanitize.Line(it.Link),
		date:       it.Published,
		read:       it.Read,
		bookmarked: it.Bookmarked,
		firstSeen:  it.FirstSeen,
		media:      mediaKind(it.MediaURL, it.MediaType),
		dupOf:      it.DupOf,
		mediaURL:   sanitize.Line(it.MediaURL),
		mediaLabel: sanitize.Line(it.MediaLabel()),
		mediaType:  sanitize.Line(it.MediaType),
		mediaSize:  it.MediaSize,
		mediaDur:   it.MediaDuration,
		pos:        it.Position,
	}
}

// mediaKind is "audio" or "video" for an item with such an enclosure.
func mediaKind(url, mime string) string {
	if url == "" {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(mime), "video/") {
		return "video"
	}
	return "audio"
}

// bmState is the saving state of a bookmark as the lists show it.
type bmState struct {
	state  store.BookmarkState
	reason string // sanitized; why saving the full article failed
}

// tagGroup is a tag of the feed list: its feeds and its unread stories
// (a story in two of its feeds counted once). The tag is sanitized.
type tagGroup struct {
	tag     string
	feedIDs []int64
	unread  int
}

// feedsLoadedMsg carries the feed list, the number of bookmarks and the
// number of unread stories (a story in several feeds counts once).
type feedsLoadedMsg struct {
	feeds     []store.Feed
	bookmarks int
	unread    int
	groups    []tagGroup // the tags, sorted
	sync      service.SyncStatus
	err       error
}

// itemsLoadedMsg carries one window of an item list.
type itemsLoadedMsg struct {
	gen    int
	off    int
	total  int
	rows   []row
	states map[int64]bmState // bookmark states, for the Bookmarks list
	err    error
}

// searchDoneMsg carries search results.
type searchDoneMsg struct {
	gen   int
	query string
	rows  []row
	err   error
}

// articleLoadedMsg carries an article's Markdown and its header row, how
// long it takes to read and the other feeds its story came through.
type articleLoadedMsg struct {
	gen     int
	id      int64
	row     row
	md      string
	minutes int
	copies  []string // sanitized feed titles
	pics    []string // picture addresses of md (render.ImageURLs), when pictures are drawn
	err     error
}

// articleRenderedMsg carries a rendered article body, and the kitty
// transmissions its pictures need (written to the terminal before the body
// is shown).
type articleRenderedMsg struct {
	gen  int
	key  cacheKey
	body string
	gfx  []string
	err  error
}

// fullFetchedMsg carries the Markdown of a full article fetched with `f`
// and the addresses of its pictures.
type fullFetchedMsg struct {
	id   int64
	md   string
	pics []string
	err  error
}

// bookmarkSavedMsg reports the end of saving a bookmark.
type bookmarkSavedMsg struct {
	id    int64
	state bmState
	err   error // database error; a failed page fetch is in state
}

// unfinishedBookmarksMsg lists the bookmarks whose save never ended (herald
// was killed mid-fetch), found at start to be saved again.
type unfinishedBookmarksMsg struct {
	ids []int64
	err error
}

// readChangedMsg reports a change of read state made in the database: the
// ids it changed (copies of the stories included), for the lists and undo.
type readChangedMsg struct {
	read bool
	ids  []int64
	what string // "marked “Title” read", for the undo message
	undo bool   // this was an undo: not undoable itself
	err  error
}

// refreshStartedMsg hands the progress channel of a refresh to Update.
type refreshStartedMsg struct {
	gen int
	ch  <-chan any
}

// refreshProgressMsg reports one feed finished during a refresh.
type refreshProgressMsg struct {
	gen int
	p   service.Progress
}

// refreshDoneMsg reports the end of a refresh.
type refreshDoneMsg struct {
	gen int
	sum service.Summary
	err error
}

// statusMsg puts a line in the status bar.
type statusMsg struct {
	text string
	err  bool
}
