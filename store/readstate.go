package store

// Read state: a story is read or unread as a whole (every copy of it in
// other feeds follows), and every change reports the items it changed, so
// the reader can undo it exactly.

import (
	"context"
	"database/sql"
	"fmt"
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
	return s.changeRead(ctx, "set read", read, true, func(*sql.Tx) ([]int64, error) { return ids, nil })
}

// SetReadExact sets the read state of exactly these items, not of their
// copies: it undoes a change ChangeRead or MarkRead reported.
func (s *Store) SetReadExact(ctx context.Context, read bool, ids ...int64) error {
	_, err := s.changeRead(ctx, "set read", read, false, func(*sql.Tx) ([]int64, error) { return ids, nil })
	return err
}

// MarkRead marks read every unread item q selects (its feed, its feeds,
// or all; Limit and Offset are ignored) with the copies of their stories,
// and returns the ids it changed.
func (s *Store) MarkRead(ctx context.Context, q ItemQuery) ([]int64, error) {
	q.Unread, q.Collapse, q.Limit, q.Offset = true, false, 0, 0
	return s.changeRead(ctx, "mark read", true, true, func(tx *sql.Tx) ([]int64, error) {
		where, args := itemWhere(q)
		return queryIDs(ctx, tx, `SELECT i.id FROM items i`+where, args...)
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

// changeRead sets the read state of the items pick returns inside one
// transaction, with their stories' copies when copies is set, keeps the
// feeds' unread counts, and returns the ids that changed.
func (s *Store) changeRead(ctx context.Context, op string, read, copies bool, pick func(*sql.Tx) ([]int64, error)) ([]int64, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer tx.Rollback()
	ids, err := pick(tx)
	if err != nil {
		return nil, wrap(op, err)
	}
	if copies {
		if ids, err = withCopies(ctx, tx, ids); err != nil {
			return nil, wrap(op, err)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	st, err := tx.PrepareContext(ctx, `UPDATE items SET read = ? WHERE id = ? AND read <> ? RETURNING feed_id`)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer st.Close()
	delta := map[int64]int{} // change of the unread count per feed
	var changed []int64
	for _, id := range ids {
		var feed int64
		err := st.QueryRowContext(ctx, read, id, read).Scan(&feed)
		switch {
		case err == sql.ErrNoRows: // unknown id, or already so
			continue
		case err != nil:
			return nil, wrap(op, err)
		case read:
			delta[feed]--
		default:
			delta[feed]++
		}
		changed = append(changed, id)
	}
	for feed, d := range delta {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = unread + ? WHERE id = ?`, d, feed); err != nil {
			return nil, wrap(op, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, wrap(op, err)
	}
	return changed, nil
}

// withCopies adds to ids every other item of their stories.
func withCopies(ctx context.Context, tx *sql.Tx, ids []int64) ([]int64, error) {
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		seen[id] = true
	}
	out := append([]int64(nil), ids...)
	first, err := tx.PrepareContext(ctx, `SELECT coalesce(dup_of, id) FROM items WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	defer first.Close()
	group, err := tx.PrepareContext(ctx, `SELECT id FROM items WHERE id = ?1 OR dup_of = ?1`)
	if err != nil {
		return nil, err
	}
	defer group.Close()
	groups := map[int64]bool{}
	for _, id := range ids {
		var g int64
		switch err := first.QueryRowContext(ctx, id).Scan(&g); {
		case err == sql.ErrNoRows:
			continue
		case err != nil:
			return nil, err
		}
		if groups[g] {
			continue
		}
		groups[g] = true
		rows, err := group.QueryContext(ctx, g)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var m int64
			if err := rows.Scan(&m); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// queryIDs runs a query returning one id a row.
func queryIDs(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
