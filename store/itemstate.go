package store

// Changing stored items: their Markdown, their read state, pruning.

import (
	"context"
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
	var (
		title, summary, caption string
		content                 packedText
	)
	err = tx.QueryRowContext(ctx, `UPDATE items SET markdown = ? WHERE id = ?
		RETURNING title, summary, content, image_caption`, md, id).Scan(&title, &summary, &content, &caption)
	if err != nil {
		return wrap(op, err)
	}
	var set termSet
	text := set.terms(title, searchText(NewItem{Summary: summary, Content: string(content), ImageCaption: caption, Markdown: md}))
	if _, err := tx.ExecContext(ctx, `DELETE FROM items_fts WHERE rowid = ?`, id); err != nil {
		return wrap(op, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts(rowid, title, body) VALUES (?, ?, ?)`,
		id, title, text); err != nil {
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
