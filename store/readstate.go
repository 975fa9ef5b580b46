package store

// Read state: a story is read or unread as a whole (every copy of it in
// other feeds follows), and every change reports the items it changed, so
// the reader can undo it exactly.

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// SetRead marks the given items read or unread, with every copy of their
// stories in other feeds. Unknown ids are ignored.
func (s *Store) SetRead(ctx context.Context, read bool, ids ...int64) error {
	_, err := s.ChangeRead(ctx, read, ids...)
	return err
}

// ChangeRead is SetRead that returns the ids whose state changed (copies
// included), for an undo.
func (s *Store) ChangeRead(ctx context.Context, read bool, ids ...int64) ([]int64, error) {
	return s.changeRead(ctx, "set read", read, true, pickIDs(ids))
}

// SetReadExact sets the read state of exactly these items, not of their
// copies: it undoes a change ChangeRead or MarkRead reported.
func (s *Store) SetReadExact(ctx context.Context, read bool, ids ...int64) error {
	_, err := s.changeRead(ctx, "set read", read, false, pickIDs(ids))
	return err
}

// MarkRead marks read every unread item q selects (its feed, its feeds,
// or all; Limit and Offset are ignored) with the copies of their stories,
// and returns the ids it changed.
func (s *Store) MarkRead(ctx context.Context, q ItemQuery) ([]int64, error) {
	q.Unread, q.Collapse, q.Limit, q.Offset = true, false, 0, 0
	return s.changeRead(ctx, "mark read", true, true, func(tx *sql.Tx) error {
		where, args := itemWhere(q)
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO temp.read_pick SELECT i.id FROM items i`+where, args...)
		return err
	})
}

// MarkFeedRead marks every item of a feed read; feedID 0 means all feeds.
func (s *Store) MarkFeedRead(ctx context.Context, feedID int64) error {
	_, err := s.MarkRead(ctx, ItemQuery{FeedID: feedID})
	if err != nil {
		return fmt.Errorf("mark feed %d read: %w", feedID, err)
	}
	return nil
}

// pickIDs fills the pick table with ids, in one statement however many.
func pickIDs(ids []int64) func(*sql.Tx) error {
	return func(tx *sql.Tx) error {
		if len(ids) == 0 {
			return nil
		}
		_, err := tx.Exec(`INSERT OR IGNORE INTO temp.read_pick SELECT value FROM json_each(?)`, idList(ids))
		return err
	}
}

// changeRead sets the read state of the items fill puts in the pick table
// (a temporary table of the writer's one connection), with their stories'
// copies when copies is set, keeps the feeds' unread counts, and returns
// the ids that changed. It works on sets, so marking a hundred thousand
// items read costs a few statements, not a few per item.
func (s *Store) changeRead(ctx context.Context, op string, read, copies bool, fill func(*sql.Tx) error) ([]int64, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer tx.Rollback()
	steps := []string{
		`CREATE TEMP TABLE IF NOT EXISTS read_pick (id INTEGER PRIMARY KEY)`,
		`DELETE FROM temp.read_pick`,
	}
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, wrap(op, err)
		}
	}
	if err := fill(tx); err != nil {
		return nil, wrap(op, err)
	}
	if copies {
		for _, q := range copyPicks(read) {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return nil, wrap(op, err)
			}
		}
	}
	rows, err := tx.QueryContext(ctx, `UPDATE items SET read = ?1
		WHERE id IN (SELECT id FROM temp.read_pick) AND read <> ?1 RETURNING id, feed_id`, read)
	if err != nil {
		return nil, wrap(op, err)
	}
	delta := map[int64]int{} // change of the unread count per feed
	var changed []int64
	for rows.Next() {
		var id, feed int64
		if err := rows.Scan(&id, &feed); err != nil {
			rows.Close()
			return nil, wrap(op, err)
		}
		changed = append(changed, id)
		if read {
			delta[feed]--
		} else {
			delta[feed]++
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, wrap(op, err)
	}
	for feed, d := range delta {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = unread + ? WHERE id = ?`, d, feed); err != nil {
			return nil, wrap(op, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM temp.read_pick`); err != nil {
		return nil, wrap(op, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, wrap(op, err)
	}
	slices.Sort(changed)
	return changed, nil
}

// copyPicks adds to the pick table every copy of each picked item's story,
// then the story's first item. Marking a story unread leaves its muted
// copies read: their rule still holds. CROSS JOIN keeps the picked ids as
// the outer loop: the temporary table has no statistics, and left to
// itself the planner scanned every item's index entry to mark one item
// read (issue 15: on 100k items that filled the writer's page cache and
// the allocator under it at every mark).
func copyPicks(read bool) []string {
	keep := ""
	if !read {
		keep = " AND c.muted = ''"
	}
	return []string{
		`INSERT OR IGNORE INTO temp.read_pick SELECT c.id FROM temp.read_pick p
			CROSS JOIN items i ON i.id = p.id CROSS JOIN items c ON c.dup_of = coalesce(i.dup_of, i.id) WHERE 1` + keep,
		`INSERT OR IGNORE INTO temp.read_pick SELECT c.id FROM temp.read_pick p
			CROSS JOIN items i ON i.id = p.id CROSS JOIN items c ON c.id = i.dup_of WHERE 1` + keep,
	}
}
