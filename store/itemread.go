package store

// Reading items: the columns, the filters of an ItemQuery, one item or a
// page of them.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// itemCols are the columns list queries load: no bodies.
const itemCols = `i.id, i.feed_id, f.title, i.key, i.guid, i.link, i.title, i.author,
	i.published, i.first_seen, i.image_url, i.image_caption, i.image_credit, i.read,
	EXISTS (SELECT 1 FROM bookmarks b WHERE b.item_id = i.id),
	i.media_url, i.media_type, i.media_size, i.media_duration, i.muted, i.position, coalesce(i.dup_of, 0)`

// scanItem scans itemCols (plus extra destinations).
func scanItem(sc interface{ Scan(...any) error }, extra ...any) (Item, error) {
	var (
		it        Item
		pub, seen sql.NullInt64
	)
	dest := append([]any{&it.ID, &it.FeedID, &it.FeedTitle, &it.Key, &it.GUID, &it.Link, &it.Title,
		&it.Author, &pub, &seen, &it.ImageURL, &it.ImageCaption, &it.ImageCredit, &it.Read,
		&it.Bookmarked, &it.MediaURL, &it.MediaType, &it.MediaSize, &it.MediaDuration, &it.Muted,
		&it.Position, &it.DupOf}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return Item{}, err
	}
	it.Published, it.FirstSeen = goTime(pub), goTime(seen)
	return it, nil
}

// bookmarkItemCols are itemCols for a bookmark, from its item when that
// still exists, else from the bookmark's own copy.
const bookmarkItemCols = `b.item_id, COALESCE(i.feed_id, 0), COALESCE(f.title, b.feed_title),
	COALESCE(i.key, ''), COALESCE(i.guid, ''), b.url, b.title, b.author,
	b.published, COALESCE(i.first_seen, b.saved), COALESCE(i.image_url, ''),
	COALESCE(i.image_caption, ''), COALESCE(i.image_credit, ''), COALESCE(i.read, 1), 1,
	COALESCE(i.media_url, ''), COALESCE(i.media_type, ''), COALESCE(i.media_size, 0),
	COALESCE(i.media_duration, 0), COALESCE(i.muted, ''), COALESCE(i.position, 0), COALESCE(i.dup_of, 0)`

// itemWhere builds the WHERE clause for q over items i.
func itemWhere(q ItemQuery) (string, []any) {
	var conds []string
	var args []any
	feeds, fargs := feedCond(q, "i")
	if feeds != "" {
		conds = append(conds, feeds)
		args = append(args, fargs...)
	}
	if q.Unread {
		conds = append(conds, "i.read = 0") // literal: lets the partial index apply
	}
	if !q.SeenBy.IsZero() {
		conds = append(conds, "i.first_seen <= ?")
		args = append(args, dbTime(q.SeenBy))
	}
	if q.Muted {
		conds = append(conds, "i.muted <> ''") // literal: lets the partial index apply
	}
	if q.Collapse {
		// A story is shown once: by the lowest-id item of it that the view
		// shows (same read state and, for a tag, one of the tag's feeds),
		// whether or not its first item is among them (muted, pruned, or in
		// a feed outside the tag).
		same, sargs := feedCond(q, "d")
		if same != "" {
			same = " AND " + same
		}
		conds = append(conds, `(i.dup_of IS NULL OR NOT EXISTS (SELECT 1 FROM items d
			WHERE (d.id = i.dup_of OR d.dup_of = i.dup_of) AND d.id < i.id AND d.read = i.read`+same+`))`)
		args = append(args, sargs...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// feedCond restricts items (aliased as) to q's feed or feeds.
func feedCond(q ItemQuery, as string) (string, []any) {
	switch {
	case q.FeedIDs != nil:
		if len(q.FeedIDs) == 0 {
			return "0", nil // a tag with no feeds
		}
		args := make([]any, len(q.FeedIDs))
		for i, id := range q.FeedIDs {
			args[i] = id
		}
		return as + ".feed_id IN (?" + strings.Repeat(", ?", len(args)-1) + ")", args
	case q.FeedID != 0:
		return as + ".feed_id = ?", []any{q.FeedID}
	}
	return "", nil
}

// order is the ORDER BY of item lists: newest first, or oldest first.
func order(q ItemQuery) string {
	if q.OldestFirst {
		return " ORDER BY i.sort_at ASC, i.id ASC"
	}
	return " ORDER BY i.sort_at DESC, i.id DESC"
}

// limitClause renders LIMIT/OFFSET; Limit 0 means no limit.
func limitClause(q ItemQuery) (string, []any) {
	lim := q.Limit
	if lim <= 0 {
		lim = -1
	}
	off := q.Offset
	if off < 0 {
		off = 0
	}
	return " LIMIT ? OFFSET ?", []any{lim, off}
}

// Items lists items newest first (by published time, else first-seen time;
// a published time later than first seen counts as first seen), without
// their bodies (Summary, Content and Markdown are empty; use Item).
// With q.Bookmarked it lists bookmarks, most recently saved first, including
// those whose item is gone (then FeedID is 0 and Read is true).
func (s *Store) Items(ctx context.Context, q ItemQuery) ([]Item, error) {
	var query string
	where, args := itemWhere(q)
	lim, largs := limitClause(q)
	if q.Bookmarked {
		query = `SELECT ` + bookmarkItemCols + ` FROM bookmarks b
			LEFT JOIN items i ON i.id = b.item_id
			LEFT JOIN feeds f ON f.id = i.feed_id` + where +
			` ORDER BY b.saved DESC, b.item_id DESC` + lim
	} else {
		// Page over the index alone, then fetch the rows of that page: a
		// deep OFFSET then skips index entries, not table rows.
		query = `SELECT ` + itemCols + ` FROM (SELECT i.id FROM items i` + where +
			order(q) + lim + `) p
			JOIN items i ON i.id = p.id JOIN feeds f ON f.id = i.feed_id` + order(q)
	}
	rows, err := s.r.QueryContext(ctx, query, append(args, largs...)...)
	if err != nil {
		return nil, wrap("list items", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, wrap("list items", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list items", err)
	}
	return out, nil
}

// CountItems counts the items q selects, ignoring Limit and Offset.
func (s *Store) CountItems(ctx context.Context, q ItemQuery) (int, error) {
	where, args := itemWhere(q)
	query := `SELECT COUNT(*) FROM items i` + where
	if q.Bookmarked {
		query = `SELECT COUNT(*) FROM bookmarks b LEFT JOIN items i ON i.id = b.item_id` + where
	}
	var n int
	if err := s.r.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, wrap("count items", err)
	}
	return n, nil
}

// Item returns one item with its bodies. When the item is gone (its feed was
// removed, or it was pruned) but it was bookmarked, Item returns it rebuilt
// from the bookmark: Bookmarked is true, Read is true and Markdown holds
// the saved article. Otherwise a missing item is ErrNotFound.
func (s *Store) Item(ctx context.Context, id int64) (Item, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+itemCols+`, i.summary, i.content, i.markdown
		FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`, id)
	var (
		summary, md string
		content     packedText
	)
	it, err := scanItem(row, &summary, &content, &md)
	if err == nil {
		it.Summary, it.Content, it.Markdown = summary, string(content), md
		return it, nil
	}
	if err != sql.ErrNoRows {
		return Item{}, wrap(fmt.Sprintf("item %d", id), err)
	}
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		return Item{}, fmt.Errorf("item %d: %w", id, ErrNotFound)
	}
	return b.Item(), nil
}

// Item rebuilds, from the bookmark alone, what a reader needs of the item it
// was saved from: for an item whose row (or feed) is gone.
func (b Bookmark) Item() Item {
	return Item{
		ID:         b.ItemID,
		FeedTitle:  b.FeedTitle,
		Link:       b.URL,
		Title:      b.Title,
		Author:     b.Author,
		Published:  b.Published,
		FirstSeen:  b.Saved,
		Markdown:   b.Markdown,
		Read:       true,
		Bookmarked: true,
	}
}
