package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

const bookmarkCols = `b.item_id, b.title, b.url, b.feed_title, b.feed_url, b.author,
	b.published, b.saved, b.markdown, b.state, b.error`

// scanBookmark scans bookmarkCols into a Bookmark.
func scanBookmark(sc interface{ Scan(...any) error }) (Bookmark, error) {
	var (
		b          Bookmark
		pub, saved sql.NullInt64
	)
	if err := sc.Scan(&b.ItemID, &b.Title, &b.URL, &b.FeedTitle, &b.FeedURL, &b.Author,
		&pub, &saved, &b.Markdown, &b.State, &b.Error); err != nil {
		return Bookmark{}, err
	}
	b.Published, b.Saved = goTime(pub), goTime(saved)
	return b, nil
}

// SaveBookmark creates or updates the bookmark of b.ItemID. Empty Title,
// URL, Author, FeedTitle, FeedURL and a zero Published are filled from the
// item when it still exists, else kept from the existing bookmark. A zero
// Saved keeps the time of an existing bookmark, else means now; an empty
// State means BookmarkSaved. A bookmark saved whole is never turned back
// into a "saving" or "failed" one (another herald may have finished the
// save this one failed): only RemoveBookmark undoes it.
func (s *Store) SaveBookmark(ctx context.Context, b Bookmark) error {
	op := fmt.Sprintf("save bookmark %d", b.ItemID)
	if b.ItemID <= 0 {
		return fmt.Errorf("%s: invalid item id", op)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	var (
		title, link, author, feedTitle, feedURL string
		pub                                     sql.NullInt64
	)
	err = tx.QueryRowContext(ctx, `SELECT i.title, i.link, i.author, i.published, f.title, f.url
		FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`, b.ItemID).
		Scan(&title, &link, &author, &pub, &feedTitle, &feedURL)
	switch {
	case err == nil:
		fill(&b.Title, title)
		fill(&b.URL, link)
		fill(&b.Author, author)
		fill(&b.FeedTitle, feedTitle)
		fill(&b.FeedURL, feedURL)
		if b.Published.IsZero() {
			b.Published = goTime(pub)
		}
	case err != sql.ErrNoRows:
		return wrap(op, err)
	}
	if b.Saved.IsZero() {
		var saved sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT saved FROM bookmarks WHERE item_id = ?`, b.ItemID).Scan(&saved)
		switch {
		case err == nil:
			b.Saved = goTime(saved)
		case err == sql.ErrNoRows:
			b.Saved = time.Now()
		default:
			return wrap(op, err)
		}
	}
	if b.State == "" {
		b.State = BookmarkSaved
	}
	saved := dbTime(b.Saved)
	if saved == nil {
		saved = time.Now().UnixNano()
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO bookmarks(item_id, title, url, feed_title, feed_url,
		author, published, saved, markdown, state, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(item_id) DO UPDATE SET
		title = CASE WHEN excluded.title = '' THEN title ELSE excluded.title END,
		url = CASE WHEN excluded.url = '' THEN url ELSE excluded.url END,
		feed_title = CASE WHEN excluded.feed_title = '' THEN feed_title ELSE excluded.feed_title END,
		feed_url = CASE WHEN excluded.feed_url = '' THEN feed_url ELSE excluded.feed_url END,
		author = CASE WHEN excluded.author = '' THEN author ELSE excluded.author END,
		published = COALESCE(excluded.published, published),
		saved = excluded.saved, markdown = excluded.markdown,
		state = excluded.state, error = excluded.error
		WHERE NOT (state = 'saved' AND excluded.state <> 'saved' AND trim(markdown) <> '')`,
		b.ItemID, b.Title, b.URL, b.FeedTitle, b.FeedURL, b.Author, dbTime(b.Published), saved,
		b.Markdown, string(b.State), b.Error); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// fill sets *dst to v when *dst is empty.
func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// Bookmark returns the bookmark of an item, or ErrNotFound.
func (s *Store) Bookmark(ctx context.Context, itemID int64) (Bookmark, error) {
	b, err := scanBookmark(s.r.QueryRowContext(ctx,
		`SELECT `+bookmarkCols+` FROM bookmarks b WHERE b.item_id = ?`, itemID))
	if err != nil {
		return Bookmark{}, wrap(fmt.Sprintf("bookmark %d", itemID), err)
	}
	return b, nil
}

// Bookmarks lists all bookmarks with their Markdown, most recently saved first.
func (s *Store) Bookmarks(ctx context.Context) ([]Bookmark, error) {
	rows, err := s.r.QueryContext(ctx,
		`SELECT `+bookmarkCols+` FROM bookmarks b ORDER BY b.saved DESC, b.item_id DESC`)
	if err != nil {
		return nil, wrap("list bookmarks", err)
	}
	defer rows.Close()
	var out []Bookmark
	for rows.Next() {
		b, err := scanBookmark(rows)
		if err != nil {
			return nil, wrap("list bookmarks", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list bookmarks", err)
	}
	return out, nil
}

// RemoveBookmark deletes the bookmark of an item, or returns ErrNotFound.
func (s *Store) RemoveBookmark(ctx context.Context, itemID int64) error {
	op := fmt.Sprintf("remove bookmark %d", itemID)
	res, err := s.w.ExecContext(ctx, `DELETE FROM bookmarks WHERE item_id = ?`, itemID)
	if err != nil {
		return wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}
