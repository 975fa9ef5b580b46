package greader

import (
	"strings"
	"time"

	"github.com/herald-reader/herald/feed"
	hsync "github.com/herald-reader/herald/sync"
)

// entry turns an item from stream/items/contents into herald's entry.
func (it wireItem) entry(id string, st state) hsync.Entry {
	e := hsync.Entry{
		ID:     id,
		FeedID: string(it.Origin.StreamID),
		URL:    it.link(),
		Title:  string(it.Title),
		Author: string(it.Author),
		// FreshRSS sends summary only (cut at 500 kB), Miniflux both.
		Content: string(it.Content.Content),
		Media:   it.media(),
	}
	if e.Content == "" {
		e.Content = string(it.Summary.Content)
	}
	if it.Published > 0 {
		e.Published = time.Unix(int64(it.Published), 0).UTC()
	}
	e.Read, e.Starred = it.state(id, st)
	return e
}

// state is the item's read and starred state, from its categories, which
// are as fresh as its content; from the id lists when it has none.
func (it wireItem) state(id string, st state) (read, starred bool) {
	if len(it.Categories) == 0 {
		read, starred, _ = st.of(id)
		return read, starred
	}
	for _, c := range it.Categories {
		switch {
		case isState(string(c), "read"):
			read = true
		case isState(string(c), "starred"):
			starred = true
		}
	}
	return read, starred
}

// isState reports whether category is the state name, for any user: the
// original API and FreshRSS write user/-/state/com.google/read, Miniflux
// user/<its user id>/state/com.google/read.
func isState(category, name string) bool {
	return strings.HasPrefix(category, "user/") && strings.HasSuffix(category, "/state/com.google/"+name)
}

// link is the article's address: canonical, else alternate.
func (it wireItem) link() string {
	for _, ls := range []list[wireLink]{it.Canonical, it.Alternate} {
		for _, l := range ls {
			if l.Href != "" {
				return string(l.Href)
			}
		}
	}
	return ""
}

// media is the first enclosure herald keeps (feed.EnclosureMedia).
func (it wireItem) media() *hsync.Media {
	for _, m := range it.Enclosure {
		href := string(m.Href)
		if href == "" {
			href = string(m.URL)
		}
		if k, ok := feed.EnclosureMedia(href, string(m.Type), int64(m.Length)); ok {
			return &hsync.Media{URL: k.URL, Type: k.Type, Size: k.Size}
		}
	}
	return nil
}

// cursorTime is the item's time for the cursor, in Unix seconds: its
// published date, which Miniflux's ot filters on, and which is usually
// before FreshRSS added the item, which its ot filters on (so FreshRSS
// lists a little more again, never less); else when it was crawled.
func (it wireItem) cursorTime() int64 {
	switch {
	case it.Published > 0:
		return int64(it.Published)
	case it.CrawlTimeMsec > 0:
		return int64(it.CrawlTimeMsec) / 1000
	case it.TimestampUsec > 0:
		return int64(it.TimestampUsec) / 1_000_000
	}
	return 0
}
