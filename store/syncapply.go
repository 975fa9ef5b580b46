package store

import (
	"context"
	"database/sql"
	"time"
)

// SyncEntry is an entry of the sync server that herald does not hold yet.
type SyncEntry struct {
	FeedID   int64
	RemoteID string
	Item     NewItem
	// Read and Starred are the server's state, which the item takes (and
	// keeps as its base); a muted item stays read.
	Read, Starred bool
}

// SyncState sets a held item's state, as a sync decided it.
type SyncState struct {
	RemoteID string
	// Read and Starred are the state herald takes.
	Read, Starred bool
	// BaseRead and BaseStarred are the server's state, the next sync's base.
	BaseRead, BaseStarred bool
}

// SyncApply is what one sync changes in herald.
type SyncApply struct {
	New    []SyncEntry
	States []SyncState
	// Drop lists queued changes (by Seq) that a later change on the server
	// overrode: they are not to be pushed.
	Drop []int64
	// QueueSeen is the last queued change the sync saw: a change made in
	// herald after it (while the sync ran) keeps its item's state.
	QueueSeen int64
	// Feeds are the synced feeds: the sync counts as their refresh.
	Feeds []int64
	At    time.Time // when the entries arrived; zero means now
}

// SyncApplied is what ApplySync did.
type SyncApplied struct {
	// New counts the items stored per feed.
	New map[int64]int
	// Starred lists the items bookmarked because the server has them
	// starred: their full article is still to be saved.
	Starred []int64
}

// ApplySync stores a sync's result in one transaction, with the queue's
// triggers silent: what comes from the server is not queued to be sent
// back. A new entry already held under the same key (the feed was fetched
// by herald before it was synced) is matched to that item; one pruned
// before is left out.
func (s *Store) ApplySync(ctx context.Context, a SyncApply) (SyncApplied, error) {
	const op = "apply sync"
	out := SyncApplied{New: map[int64]int{}}
	if err := s.prepareWrites(ctx); err != nil {
		return out, wrap(op, err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return out, wrap(op, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_quiet VALUES (1)`); err != nil {
		return out, wrap(op, err)
	}
	at := a.At
	if at.IsZero() {
		at = time.Now()
	}
	states := a.States
	byFeed := map[int64][]SyncEntry{}
	var feeds []int64
	for _, e := range a.New {
		if _, ok := byFeed[e.FeedID]; !ok {
			feeds = append(feeds, e.FeedID)
		}
		byFeed[e.FeedID] = append(byFeed[e.FeedID], e)
	}
	touched := map[int64]bool{}
	for _, feedID := range feeds {
		entries := byFeed[feedID]
		items := make([]NewItem, len(entries))
		keys := make([]string, len(entries))
		for i, e := range entries {
			items[i], keys[i] = e.Item, e.Item.key()
		}
		before, err := s.lookupKeys(ctx, tx, "items", feedID, keys)
		if err != nil {
			return out, wrap(op, err)
		}
		n, _, err := s.upsertItems(ctx, tx, feedID, at, items, holdsAll)
		if err != nil {
			return out, wrap(op, err)
		}
		out.New[feedID] += n
		touched[feedID] = true
		held, err := s.lookupKeys(ctx, tx, "items", feedID, keys)
		if err != nil {
			return out, wrap(op, err)
		}
		for i, e := range entries {
			k, ok := held[keys[i]]
			if !ok {
				continue // pruned before: not stored again
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO sync_items(remote_id, item_id,
				base_read, base_starred) VALUES (?, ?, ?, ?)`, e.RemoteID, k.id, e.Read, e.Starred); err != nil {
				return out, wrap(op, err)
			}
			if _, existed := before[keys[i]]; existed {
				// An item herald held before it knew the server's id (the
				// first sync of a database, another account, a feed
				// subscribed again): read anywhere is read, bookmarked
				// anywhere is kept, and what the server lacks is queued.
				starred, err := s.mergeHeld(ctx, tx, e, k.id, at)
				if err != nil {
					return out, wrap(op, err)
				}
				if starred {
					out.Starred = append(out.Starred, k.id)
				}
				continue
			}
			// A mute rule keeps the item read here, whatever the server says.
			states = append(states, SyncState{RemoteID: e.RemoteID, Read: e.Read || e.Item.Muted != "", Starred: e.Starred,
				BaseRead: e.Read, BaseStarred: e.Starred})
		}
	}
	for _, st := range states {
		if err := s.applyState(ctx, tx, st, at, a.QueueSeen, touched, &out); err != nil {
			return out, wrap(op, err)
		}
	}
	if len(a.Feeds) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET last_attempt = ?1, last_success = ?1,
			last_error = '', errors = 0 WHERE id IN (SELECT value FROM json_each(?2))`,
			dbTime(at), idList(a.Feeds)); err != nil {
			return out, wrap(op, err)
		}
	}
	if len(a.Drop) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_queue WHERE seq IN (SELECT value FROM json_each(?))`,
			idList(a.Drop)); err != nil {
			return out, wrap(op, err)
		}
	}
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	if len(ids) > 0 {
		if err := recount(ctx, tx, ids...); err != nil {
			return out, wrap(op, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_quiet`); err != nil {
		return out, wrap(op, err)
	}
	return out, wrap(op, tx.Commit())
}

// applyState sets one held item's read state, bookmark and base.
func (s *Store) applyState(ctx context.Context, tx *sql.Tx, st SyncState, at time.Time, queueSeen int64,
	touched map[int64]bool, out *SyncApplied) error {
	var (
		itemID, feedID sql.NullInt64
		read           sql.NullBool
		starred        bool
	)
	err := tx.QueryRowContext(ctx, `SELECT s.item_id, i.feed_id, i.read,
		EXISTS (SELECT 1 FROM bookmarks b WHERE b.item_id = s.item_id)
		FROM sync_items s LEFT JOIN items i ON i.id = s.item_id WHERE s.remote_id = ?`, st.RemoteID).
		Scan(&itemID, &feedID, &read, &starred)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sync_items SET base_read = ?, base_starred = ?
		WHERE remote_id = ?`, st.BaseRead, st.BaseStarred, st.RemoteID); err != nil {
		return err
	}
	var newer bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sync_queue WHERE remote_id = ? AND seq > ?)`,
		st.RemoteID, queueSeen).Scan(&newer); err != nil {
		return err
	}
	if newer {
		return nil // changed in herald since the sync decided: pushed next time
	}
	if read.Valid && read.Bool != st.Read {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET read = ? WHERE id = ?`, st.Read, itemID.Int64); err != nil {
			return err
		}
		touched[feedID.Int64] = true
	}
	switch {
	case st.Starred && !starred && feedID.Valid:
		if err := starredBookmark(ctx, tx, itemID.Int64, at); err != nil {
			return err
		}
		out.Starred = append(out.Starred, itemID.Int64)
	case !st.Starred && starred:
		if _, err := tx.ExecContext(ctx, `DELETE FROM bookmarks WHERE item_id = ?`, itemID.Int64); err != nil {
			return err
		}
	}
	return nil
}

// mergeHeld settles an item herald held before the server's entry was
// matched to it: it is read if either side read it, bookmarked if either
// side starred it (a bookmark is never taken away here), and the server
// is told what it lacks through the queue.
func (s *Store) mergeHeld(ctx context.Context, tx *sql.Tx, e SyncEntry, itemID int64, at time.Time) (starred bool, err error) {
	var (
		read, bookmarked bool
		muted            string
	)
	if err := tx.QueryRowContext(ctx, `SELECT read, muted, EXISTS (SELECT 1 FROM bookmarks WHERE item_id = ?1)
		FROM items WHERE id = ?1`, itemID).Scan(&read, &muted, &bookmarked); err != nil {
		return false, err
	}
	queue := func(action string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_queue(remote_id, action, at) VALUES (?, ?, ?)`,
			e.RemoteID, action, dbTime(at))
		return err
	}
	if read && !e.Read && muted == "" && e.Item.Muted == "" { // a mute's read stays here
		if err := queue(QueueRead); err != nil {
			return false, err
		}
	}
	if !read && e.Read {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET read = 1 WHERE id = ?`, itemID); err != nil {
			return false, err
		}
	}
	if bookmarked && !e.Starred {
		if err := queue(QueueStar); err != nil {
			return false, err
		}
	}
	if !bookmarked && e.Starred {
		if err := starredBookmark(ctx, tx, itemID, at); err != nil {
			return false, err
		}
		return true, nil
	}
	return false, nil
}

// starredBookmark bookmarks an item the server has starred, with the
// item's own fields for now: the service then saves the full article.
func starredBookmark(ctx context.Context, tx *sql.Tx, itemID int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO bookmarks(item_id, title, url, feed_title, feed_url,
		author, published, saved, state) SELECT i.id, i.title, i.link, f.title, f.url, i.author,
		i.published, ?, ? FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?
		ON CONFLICT(item_id) DO NOTHING`, dbTime(at), BookmarkSaving, itemID)
	return err
}
