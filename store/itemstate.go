package store

// Changing stored items: their Markdown, their read state, pruning.

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// SetMarkdown caches the cleaned Markdown of an item and indexes it for
// search in place of the text taken from its HTML.
func (s *Store) SetMarkdown(ctx context.Context, id int64, md string) error {
	op := fmt.Sprintf("set markdown of item %d", id)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	var title, summary, content, caption string
	err = tx.QueryRowContext(ctx, `UPDATE items SET markdown = ? WHERE id = ?
		RETURNING title, summary, content, image_caption`, md, id).Scan(&title, &summary, &content, &caption)
	if err != nil {
		return wrap(op, err)
	}
	text := searchText(NewItem{Summary: summary, Content: content, ImageCaption: caption, Markdown: md})
	if _, err := tx.ExecContext(ctx, `DELETE FROM items_fts WHERE rowid = ?`, id); err != nil {
		return wrap(op, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts(rowid, title, body) VALUES (?, ?, ?)`,
		id, title, text); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// SetRead marks the given items read or unread. Unknown ids are ignored.
func (s *Store) SetRead(ctx context.Context, read bool, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("set read", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `UPDATE items SET read = ? WHERE id = ? AND read <> ? RETURNING feed_id`)
	if err != nil {
		return wrap("set read", err)
	}
	defer st.Close()
	delta := map[int64]int{} // change of the unread count per feed
	for _, id := range ids {
		var feed int64
		err := st.QueryRowContext(ctx, read, id, read).Scan(&feed)
		switch {
		case err == sql.ErrNoRows: // unknown id, or already so
		case err != nil:
			return wrap("set read", err)
		case read:
			delta[feed]--
		default:
			delta[feed]++
		}
	}
	for feed, d := range delta {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = unread + ? WHERE id = ?`, d, feed); err != nil {
			return wrap("set read", err)
		}
	}
	return wrap("set read", tx.Commit())
}

// MarkFeedRead marks every item of a feed read; feedID 0 means all feeds.
func (s *Store) MarkFeedRead(ctx context.Context, feedID int64) error {
	op := fmt.Sprintf("mark feed %d read", feedID)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE items SET read = 1 WHERE read = 0 AND (? = 0 OR feed_id = ?)`,
		feedID, feedID); err != nil {
		return wrap(op, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = 0 WHERE ? = 0 OR id = ?`, feedID, feedID); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// Prune deletes read items first seen before olderThan, except bookmarked
// ones, and returns how many it deleted. Bookmarks are never touched. A
// pruned item still in its feed is remembered so it does not come back as new.
func (s *Store) Prune(ctx context.Context, olderThan time.Time) (int, error) {
	cut := dbTime(olderThan)
	if cut == nil {
		return 0, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, wrap("prune", err)
	}
	defer tx.Rollback()
	const cond = `read = 1 AND first_seen < ? AND id NOT IN (SELECT item_id FROM bookmarks)`
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pruned(feed_id, key)
		SELECT feed_id, key FROM items WHERE `+cond, cut); err != nil {
		return 0, wrap("prune", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM items WHERE `+cond, cut)
	if err != nil {
		return 0, wrap("prune", err)
	}
	n, _ := res.RowsAffected()
	if n > 0 {
		if err := recount(ctx, tx); err != nil {
			return 0, wrap("prune", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, wrap("prune", err)
	}
	return int(n), nil
}
