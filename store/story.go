package store

// Stories: an item that repeats, in another feed, a story already stored
// (the same canonical link, or the same title within two days) is stored as
// a copy of it, found on arrival.

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// Statements of the lookups, prepared with SaveFetch's (prepareWrites).
const (
	// The items of other feeds sharing a hash with a fetch's new items
	// (a JSON array of hashes), for storiesOf.
	sqlStoriesByLink = `SELECT link_hash, sort_at, coalesce(dup_of, id), id FROM items
		WHERE link_hash IN (SELECT value FROM json_each(?1)) AND feed_id <> ?2`
	sqlStoriesByTitle = `SELECT title_hash, sort_at, coalesce(dup_of, id), id FROM items
		WHERE title_hash IN (SELECT value FROM json_each(?1)) AND feed_id <> ?2`
	// Whether the reader has read a story: a copy a mute rule marked read
	// does not count, as the rule may not cover the new item's feed.
	sqlStoryRead = `SELECT EXISTS (SELECT 1 FROM items
		WHERE (id = ?1 OR dup_of = ?1) AND read = 1 AND muted = '')`
)

// storyWindow is how far apart in time two items with the same title may
// be and still count as one story.
const storyWindow = 48 * time.Hour

// storyIndex holds, for the new items of one fetch, the items of other
// feeds that share their link hash or title hash.
type storyIndex struct {
	byLink  map[int64]int64      // link hash -> first item of the story (lowest id)
	byTitle map[int64][]storyRef // title hash -> candidates, checked against the window
}

// storyRef is an item of another feed with the same title hash.
type storyRef struct {
	sortAt, first, id int64
}

// storiesOf looks up, in two statements for the whole fetch, the items of
// other feeds sharing a hash with the fetch's new items: one query per item
// would cost a refresh of a thousand feeds sixty thousand statements.
func (s *Store) storiesOf(ctx context.Context, tx *sql.Tx, feedID int64, items []NewItem, keys []string, stored map[string]known) (storyIndex, error) {
	var links, titles []int64
	for i, it := range items {
		if _, ok := stored[keys[i]]; ok {
			continue
		}
		if it.LinkHash != 0 {
			links = append(links, it.LinkHash)
		}
		if it.TitleHash != 0 {
			titles = append(titles, it.TitleHash)
		}
	}
	idx := storyIndex{byLink: map[int64]int64{}, byTitle: map[int64][]storyRef{}}
	scan := func(query string, hashes []int64, each func(h, sortAt, first, id int64)) error {
		if len(hashes) == 0 {
			return nil
		}
		list, err := json.Marshal(hashes)
		if err != nil {
			return err
		}
		rows, err := s.stmt(ctx, tx, query).QueryContext(ctx, string(list), feedID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h, at, first, id int64
			if err := rows.Scan(&h, &at, &first, &id); err != nil {
				return err
			}
			each(h, at, first, id)
		}
		return rows.Err()
	}
	lowest := map[int64]int64{} // link hash -> lowest id seen
	err := scan(sqlStoriesByLink, links, func(h, _, first, id int64) {
		if lo, ok := lowest[h]; !ok || id < lo {
			lowest[h], idx.byLink[h] = id, first
		}
	})
	if err != nil {
		return idx, err
	}
	err = scan(sqlStoriesByTitle, titles, func(h, at, first, id int64) {
		idx.byTitle[h] = append(idx.byTitle[h], storyRef{sortAt: at, first: first, id: id})
	})
	return idx, err
}

// sameStory finds the story a new item repeats from another feed: the
// first item of the group (its dup_of) and whether the reader has read it.
// It returns nil when the item tells a story of its own.
func (s *Store) sameStory(ctx context.Context, tx *sql.Tx, idx storyIndex, it NewItem, sortAt int64) (any, bool, error) {
	first, found := int64(0), false
	if it.LinkHash != 0 {
		first, found = idx.byLink[it.LinkHash]
	}
	if !found && it.TitleHash != 0 {
		w := int64(storyWindow)
		best := int64(0)
		for _, r := range idx.byTitle[it.TitleHash] {
			if r.sortAt >= sortAt-w && r.sortAt <= sortAt+w && (best == 0 || r.id < best) {
				best, first, found = r.id, r.first, true
			}
		}
	}
	if !found {
		return nil, false, nil
	}
	var read bool
	if err := s.stmt(ctx, tx, sqlStoryRead).QueryRowContext(ctx, first).Scan(&read); err != nil {
		return nil, false, err
	}
	return first, read, nil
}

// nullable stores 0 as NULL, so partial indexes skip it.
func nullable(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}
