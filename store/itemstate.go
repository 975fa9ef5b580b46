package store

// Changing stored items: their Markdown, their read state, pruning.

import (
	"context"
	"fmt"
	"time"
)

// SetMarkdown caches the cleaned Markdown of an item. The next search
// indexes it in place of the text taken from its HTML (migration7).
func (s *Store) SetMarkdown(ctx context.Context, id int64, md string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE items SET markdown = ? WHERE id = ?`, md, id)
	if err != nil {
		return wrap(fmt.Sprintf("set markdown of item %d", id), err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return wrap(fmt.Sprintf("set markdown of item %d", id), ErrNotFound)
	}
	return nil
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
