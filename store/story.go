package store

// Stories: an item that repeats, in another feed, a story already stored
// (the same canonical link, or the same title within two days) is stored as
// a copy of it, found on arrival.

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
)

// sqlStoryRead says whether the reader has read a story: a copy a mute
// rule marked read does not count, as the rule may not cover the new
// item's feed. Prepared with SaveFetch's statements (prepareWrites).
const sqlStoryRead = `SELECT EXISTS (SELECT 1 FROM items
	WHERE (id = ?1 OR dup_of = ?1) AND read = 1 AND muted = '')`

// storiesSQL is the statement looking up the items of other feeds (not
// feed ?1) that share a link hash with n hashes (?2 …) or a title hash with
// n more: one statement for both, with the lists bound as parameters, so
// that a fetch costs one statement and no JSON. Lists are padded with 0,
// which matches nothing (a missing hash is stored as NULL, see nullable).
func storiesSQL(n int) string {
	list := func(first int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("?" + strconv.Itoa(first+i))
		}
		return b.String()
	}
	return `SELECT 0, link_hash, sort_at, coalesce(dup_of, id), id FROM items
		WHERE link_hash IN (` + list(2) + `) AND feed_id <> ?1
		UNION ALL
		SELECT 1, title_hash, sort_at, coalesce(dup_of, id), id FROM items
		WHERE title_hash IN (` + list(2+n) + `) AND feed_id <> ?1`
}

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

// storiesOf looks up, in one statement for the whole fetch (storiesSQL),
// the items of other feeds sharing a hash with the fetch's new items: one
// query per item would cost a refresh of a thousand feeds sixty thousand
// statements.
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
	lowest := map[int64]int64{} // link hash -> lowest id seen
	for len(links) > 0 || len(titles) > 0 {
		nl, nt := min(len(links), maxLookup), min(len(titles), maxLookup)
		n := 1
		for n < max(nl, nt) {
			n *= 2
		}
		args := make([]any, 1+2*n)
		args[0] = feedID
		for i := range n {
			args[1+i], args[1+n+i] = int64(0), int64(0)
			if i < nl {
				args[1+i] = links[i]
			}
			if i < nt {
				args[1+n+i] = titles[i]
			}
		}
		links, titles = links[nl:], titles[nt:]
		if err := s.scanStories(ctx, tx, n, args, &idx, lowest); err != nil {
			return idx, err
		}
	}
	return idx, nil
}

// scanStories runs storiesSQL(n) with args and adds what it finds to idx.
func (s *Store) scanStories(ctx context.Context, tx *sql.Tx, n int, args []any, idx *storyIndex, lowest map[int64]int64) error {
	rows, err := s.stmt(ctx, tx, storiesSQL(n)).QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			byTitle          bool
			h, at, first, id int64
		)
		if err := rows.Scan(&byTitle, &h, &at, &first, &id); err != nil {
			return err
		}
		if byTitle {
			idx.byTitle[h] = append(idx.byTitle[h], storyRef{sortAt: at, first: first, id: id})
		} else if lo, ok := lowest[h]; !ok || id < lo {
			lowest[h], idx.byLink[h] = id, first
		}
	}
	return rows.Err()
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
