package store

// The sync server's ids and state, and the queue of changes made in herald
// that the server has not been told yet (see migration4).

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SyncedItem is a stored item that came from the sync server.
type SyncedItem struct {
	RemoteID string
	ItemID   int64
	FeedID   int64 // 0 when the item is gone and a bookmark keeps it
	// Read and Starred are herald's state now (Starred: bookmarked).
	Read, Starred bool
	// BaseRead and BaseStarred are the server's state at the last sync.
	BaseRead, BaseStarred bool
}

// SyncedItems returns every item that has a server id, by that id.
func (s *Store) SyncedItems(ctx context.Context) (map[string]SyncedItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT s.remote_id, s.item_id, coalesce(i.feed_id, 0),
		coalesce(i.read, 1), EXISTS (SELECT 1 FROM bookmarks b WHERE b.item_id = s.item_id),
		s.base_read, s.base_starred
		FROM sync_items s LEFT JOIN items i ON i.id = s.item_id`)
	if err != nil {
		return nil, wrap("synced items", err)
	}
	defer rows.Close()
	out := map[string]SyncedItem{}
	for rows.Next() {
		var it SyncedItem
		if err := rows.Scan(&it.RemoteID, &it.ItemID, &it.FeedID, &it.Read, &it.Starred,
			&it.BaseRead, &it.BaseStarred); err != nil {
			return nil, wrap("synced items", err)
		}
		out[it.RemoteID] = it
	}
	return out, wrap("synced items", rows.Err())
}

// Actions of the sync queue: the provider's kinds of change, and
// unsubscribing from a feed (RemoteID is then the feed's server id).
const (
	QueueRead        = "read"
	QueueUnread      = "unread"
	QueueStar        = "star"
	QueueUnstar      = "unstar"
	QueueUnsubscribe = "unsubscribe"
)

// QueuedChange is a change made in herald, waiting to reach the server.
type QueuedChange struct {
	Seq      int64
	RemoteID string
	Action   string
	At       time.Time
}

// SyncQueue returns the queued changes, oldest first.
func (s *Store) SyncQueue(ctx context.Context) ([]QueuedChange, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT seq, remote_id, action, at FROM sync_queue ORDER BY seq`)
	if err != nil {
		return nil, wrap("sync queue", err)
	}
	defer rows.Close()
	var out []QueuedChange
	for rows.Next() {
		var (
			q  QueuedChange
			at sql.NullInt64
		)
		if err := rows.Scan(&q.Seq, &q.RemoteID, &q.Action, &at); err != nil {
			return nil, wrap("sync queue", err)
		}
		q.At = goTime(at)
		out = append(out, q)
	}
	return out, wrap("sync queue", rows.Err())
}

// SyncQueueLen counts the queued changes.
func (s *Store) SyncQueueLen(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM sync_queue`).Scan(&n)
	return n, wrap("sync queue", err)
}

// Enqueue queues a change by hand: unsubscribing from a feed the server
// could not be told about at once. (Read and star changes are queued by
// the database itself.)
func (s *Store) Enqueue(ctx context.Context, remoteID, action string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO sync_queue(remote_id, action, at) VALUES (?, ?, ?)`,
		remoteID, action, dbTime(time.Now()))
	return wrap("queue "+action, err)
}

// Pushed records that the server took these queued changes: they leave
// the queue, and the server's state they set becomes the base the next
// sync compares with.
func (s *Store) Pushed(ctx context.Context, done []QueuedChange) error {
	if len(done) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("record pushed changes", err)
	}
	defer tx.Rollback()
	for _, q := range done {
		var set string
		switch q.Action {
		case QueueRead:
			set = "base_read = 1"
		case QueueUnread:
			set = "base_read = 0"
		case QueueStar:
			set = "base_starred = 1"
		case QueueUnstar:
			set = "base_starred = 0"
		}
		if set != "" {
			// After a push the server has this value: it is the base, even
			// when a later change waits in the queue (that one is compared
			// with it, and pushed, next time).
			if _, err := tx.ExecContext(ctx, `UPDATE sync_items SET `+set+` WHERE remote_id = ?`, q.RemoteID); err != nil {
				return wrap("record pushed changes", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_queue WHERE seq = ?`, q.Seq); err != nil {
			return wrap("record pushed changes", err)
		}
	}
	return wrap("record pushed changes", tx.Commit())
}

// SetFeedRemote records a feed's server id ("" when it is no longer on
// the server).
func (s *Store) SetFeedRemote(ctx context.Context, feedID int64, remoteID string) error {
	return s.setFeed(ctx, feedID, "remote_id", remoteID)
}

// SetRemoteFolders records the server's folders for a feed.
func (s *Store) SetRemoteFolders(ctx context.Context, feedID int64, folders []string) error {
	if folders == nil {
		folders = []string{}
	}
	b, err := json.Marshal(folders)
	if err != nil {
		return fmt.Errorf("set folders of feed %d: %w", feedID, err)
	}
	return s.setFeed(ctx, feedID, "remote_folders", string(b))
}

// SetLocalOnly keeps a feed off the sync server, or lets it go there.
func (s *Store) SetLocalOnly(ctx context.Context, feedID int64, local bool) error {
	return s.setFeed(ctx, feedID, "local_only", local)
}

// SetNote replaces a feed's note (what `herald feeds` says about it).
func (s *Store) SetNote(ctx context.Context, feedID int64, note string) error {
	return s.setFeed(ctx, feedID, "note", oneLine(note))
}

// setFeed sets one column of a feed; col is one of the package's own names.
func (s *Store) setFeed(ctx context.Context, feedID int64, col string, v any) error {
	op := fmt.Sprintf("set %s of feed %d", col, feedID)
	res, err := s.w.ExecContext(ctx, `UPDATE feeds SET `+col+` = ? WHERE id = ?`, v, feedID)
	if err != nil {
		return wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}

// ResetSync forgets everything about a sync server: feeds' and items'
// server ids, the base state and the queue. Used when the account changes.
func (s *Store) ResetSync(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("reset sync", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`UPDATE feeds SET remote_id = '' WHERE remote_id <> ''`,
		`DELETE FROM sync_items`, `DELETE FROM sync_queue`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return wrap("reset sync", err)
		}
	}
	return wrap("reset sync", tx.Commit())
}

// idList is ids as one JSON array parameter, for json_each.
func idList(ids []int64) string {
	b, _ := json.Marshal(slices.Clip(ids))
	return string(b)
}

// TakeLease takes the named lease for holder until the given time, unless
// another holder has it and it has not run out. It works across
// processes: two hereald on one database do not sync at once.
// gone, when not nil, reports a holder that can no longer hold anything
// (a process that died): its lease is taken at once.
func (s *Store) TakeLease(ctx context.Context, name, holder string, now, until time.Time, gone func(holder string) bool) (bool, error) {
	op := "take lease " + name
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, wrap(op, err)
	}
	defer tx.Rollback()
	key := "lease." + name
	var cur string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&cur)
	if err != nil && err != sql.ErrNoRows {
		return false, wrap(op, err)
	}
	if who, end, ok := strings.Cut(cur, " "); ok && who != holder {
		if n, perr := strconv.ParseInt(end, 10, 64); perr == nil && time.Unix(0, n).After(now) &&
			(gone == nil || !gone(who)) {
			return false, nil
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?1, ?2)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, holder+" "+strconv.FormatInt(until.UnixNano(), 10)); err != nil {
		return false, wrap(op, err)
	}
	return true, wrap(op, tx.Commit())
}

// ReleaseLease gives the named lease back, if holder has it.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM settings WHERE key = ? AND value LIKE ? ESCAPE '\'`,
		"lease."+name, strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(holder)+" %")
	return wrap("release lease "+name, err)
}
