package store

// Story hashes for items stored before migration 3 added them: without
// them, a copy of an old story arriving from another feed is not found
// to be one (see sameStory).

import (
	"context"
	"fmt"
)

// SettingStoriesHashed is the settings key set to "1" once every item
// stored before the story hashes existed has been given them.
const SettingStoriesHashed = "stories_hashed"

// StoryKey is what the story hashes of an item are computed from.
type StoryKey struct {
	ID    int64
	Link  string
	Title string
}

// StoryHash is an item's story hashes, as NewItem's LinkHash and
// TitleHash (0: none).
type StoryHash struct {
	ID        int64
	LinkHash  int64
	TitleHash int64
}

// ItemsWithoutStory returns up to limit items with neither story hash,
// of ids above afterID, by id. Items whose hashes are both 0 stay without
// one: walk past them by passing the last id returned as afterID.
func (s *Store) ItemsWithoutStory(ctx context.Context, afterID int64, limit int) ([]StoryKey, error) {
	const op = "items without story hashes"
	// The scan runs along the primary key from afterID; link and title
	// come before the bodies in the row, so no overflow page is read.
	rows, err := s.r.QueryContext(ctx, `SELECT id, link, title FROM items
		WHERE id > ? AND link_hash IS NULL AND title_hash IS NULL ORDER BY id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	var out []StoryKey
	for rows.Next() {
		var k StoryKey
		if err := rows.Scan(&k.ID, &k.Link, &k.Title); err != nil {
			return nil, wrap(op, err)
		}
		out = append(out, k)
	}
	return out, wrap(op, rows.Err())
}

// SetStoryHashes stores the story hashes of items in one transaction (0 as
// NULL). It sets hashes only on items that have none, and leaves alone
// whether an item is read and which story it is a copy of: items already
// stored are not regrouped, only the copies that arrive later find them.
// Ids no longer stored are skipped.
func (s *Store) SetStoryHashes(ctx context.Context, hashes []StoryHash) error {
	op := fmt.Sprintf("save story hashes of %d items", len(hashes))
	if len(hashes) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `UPDATE items SET link_hash = ?, title_hash = ?
		WHERE id = ? AND link_hash IS NULL AND title_hash IS NULL`)
	if err != nil {
		return wrap(op, err)
	}
	defer st.Close()
	for _, h := range hashes {
		if h.LinkHash == 0 && h.TitleHash == 0 {
			continue // nothing to store
		}
		if _, err := st.ExecContext(ctx, nullable(h.LinkHash), nullable(h.TitleHash), h.ID); err != nil {
			return wrap(op, err)
		}
	}
	return wrap(op, tx.Commit())
}
