package store

// Finding one's way through a list: the next unread item, an item's place
// in its list, the copies of a story, and where reading stopped.

import (
	"context"
	"database/sql"
	"fmt"
)

// after is the condition "item i comes after the item with sort key
// (sortAt, id)" in q's order (with back, "comes before"), and its
// arguments, to follow those of itemWhere.
func after(q ItemQuery, back bool, sortAt, id int64) (string, []any) {
	cmp := "<"
	if q.OldestFirst != back {
		cmp = ">"
	}
	return " AND (i.sort_at " + cmp + " ? OR (i.sort_at = ? AND i.id " + cmp + " ?))", []any{sortAt, sortAt, id}
}

// where is itemWhere for q, never empty, so conditions can follow with AND.
func where(q ItemQuery) (string, []any) {
	w, args := itemWhere(q)
	if w == "" {
		w = " WHERE 1"
	}
	return w, args
}

// sortKey reads an item's sort key.
func (s *Store) sortKey(ctx context.Context, id int64) (int64, error) {
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT sort_at FROM items WHERE id = ?`, id).Scan(&at)
	return at, mapErr(err)
}

// NextUnread finds the first unread item of q's list after the item fromID
// (before it with back), and its index in the list. fromID 0 starts at the
// top of the list (at the bottom with back). It returns ErrNotFound when
// there is none. Bookmark lists are not supported.
func (s *Store) NextUnread(ctx context.Context, q ItemQuery, fromID int64, back bool) (Item, int, error) {
	op := "next unread item"
	if q.Bookmarked {
		return Item{}, 0, fmt.Errorf("%s: not in a list of bookmarks", op)
	}
	q.Limit, q.Offset = 0, 0
	cond, args := where(q)
	cond += " AND i.read = 0"
	if fromID != 0 {
		at, err := s.sortKey(ctx, fromID)
		if err != nil {
			return Item{}, 0, wrap(op, err)
		}
		c, a := after(q, back, at, fromID)
		cond, args = cond+c, append(args, a...)
	}
	ord := order(ItemQuery{OldestFirst: q.OldestFirst != back})
	it, err := scanItem(s.r.QueryRowContext(ctx, `SELECT `+itemCols+` FROM items i
		JOIN feeds f ON f.id = i.feed_id`+cond+ord+` LIMIT 1`, args...))
	if err != nil {
		return Item{}, 0, wrap(op, err)
	}
	n, err := s.ItemIndex(ctx, q, it.ID)
	if err != nil {
		return Item{}, 0, err
	}
	return it, n, nil
}

// ItemIndex is the index of item id in q's list: how many items come
// before it.
func (s *Store) ItemIndex(ctx context.Context, q ItemQuery, id int64) (int, error) {
	op := fmt.Sprintf("place of item %d", id)
	at, err := s.sortKey(ctx, id)
	if err != nil {
		return 0, wrap(op, err)
	}
	q.Bookmarked = false
	cond, args := where(q)
	c, a := after(q, true, at, id)
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM items i`+cond+c, append(args, a...)...).Scan(&n); err != nil {
		return 0, wrap(op, err)
	}
	return n, nil
}

// Copies lists the other items of id's story (the same story reached
// through other feeds), with their feeds' titles.
func (s *Store) Copies(ctx context.Context, id int64) ([]Item, error) {
	op := fmt.Sprintf("copies of item %d", id)
	rows, err := s.r.QueryContext(ctx, `SELECT `+itemCols+` FROM items i JOIN feeds f ON f.id = i.feed_id
		WHERE i.id <> ?1 AND (i.id = (SELECT coalesce(dup_of, id) FROM items WHERE id = ?1)
			OR i.dup_of = (SELECT coalesce(dup_of, id) FROM items WHERE id = ?1))
		ORDER BY i.id`, id)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		out = append(out, it)
	}
	return out, wrap(op, rows.Err())
}

// SetPosition records where reading of an item stopped, from 0 (the top)
// to 1 (the end).
func (s *Store) SetPosition(ctx context.Context, id int64, pos float64) error {
	pos = min(1, max(0, pos))
	_, err := s.w.ExecContext(ctx, `UPDATE items SET position = ? WHERE id = ?`, pos, id)
	return wrap(fmt.Sprintf("set position of item %d", id), err)
}

// Setting returns a stored reader preference, and whether it was set.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, wrap("read setting "+key, err)
	}
	return v, true, nil
}

// Settings returns every stored reader preference.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, wrap("read settings", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, wrap("read settings", err)
		}
		out[k] = v
	}
	return out, wrap("read settings", rows.Err())
}

// SetSetting stores a reader preference.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return wrap("save setting "+key, err)
}
