package store

// migration4 adds what syncing with a feed server needs (issue 14): the
// server's id of each synced feed and entry, the state the server had at
// the last sync (to tell who changed what since), and the durable queue of
// changes made in herald that the server has not been told yet.
//
// The queue is filled by triggers, in the same transaction as the change,
// whichever path made it (the reader, a command, an undo): a change can
// never be made and not queued. While a sync applies the server's state,
// a row in sync_quiet keeps the triggers silent, so what came from the
// server is not sent back to it.
var migration4 = []string{
	`ALTER TABLE feeds ADD COLUMN remote_id TEXT NOT NULL DEFAULT ''`,
	`ALTER TABLE feeds ADD COLUMN local_only INTEGER NOT NULL DEFAULT 0`,
	// The server's folders for the feed at the last sync (JSON), to tell
	// a folder changed there from a tag set in herald.
	`ALTER TABLE feeds ADD COLUMN remote_folders TEXT NOT NULL DEFAULT '[]'`,
	`CREATE TABLE sync_items (
		remote_id    TEXT PRIMARY KEY,
		item_id      INTEGER NOT NULL UNIQUE,
		base_read    INTEGER NOT NULL DEFAULT 0,
		base_starred INTEGER NOT NULL DEFAULT 0
	) WITHOUT ROWID`,
	// at: when the change was made, Unix nanoseconds (as dbTime).
	`CREATE TABLE sync_queue (
		seq       INTEGER PRIMARY KEY AUTOINCREMENT,
		remote_id TEXT NOT NULL,
		action    TEXT NOT NULL,
		at        INTEGER NOT NULL
	)`,
	`CREATE TABLE sync_quiet (on_ INTEGER)`,
	`CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON items
		WHEN old.read <> new.read AND NOT EXISTS (SELECT 1 FROM sync_quiet)
	BEGIN
		INSERT INTO sync_queue(remote_id, action, at)
			SELECT remote_id, CASE WHEN new.read THEN 'read' ELSE 'unread' END,
				CAST(unixepoch('subsec') * 1000000000 AS INTEGER)
			FROM sync_items WHERE item_id = new.id;
	END`,
	`CREATE TRIGGER sync_queue_star AFTER INSERT ON bookmarks
		WHEN NOT EXISTS (SELECT 1 FROM sync_quiet)
	BEGIN
		INSERT INTO sync_queue(remote_id, action, at)
			SELECT remote_id, 'star', CAST(unixepoch('subsec') * 1000000000 AS INTEGER)
			FROM sync_items WHERE item_id = new.item_id;
	END`,
	// One trigger, not two: the order SQLite fires triggers in is not
	// promised, and the unstar must be queued before a bookmark whose item
	// is gone forgets its server id.
	`CREATE TRIGGER sync_queue_unstar AFTER DELETE ON bookmarks BEGIN
		INSERT INTO sync_queue(remote_id, action, at)
			SELECT remote_id, 'unstar', CAST(unixepoch('subsec') * 1000000000 AS INTEGER)
			FROM sync_items WHERE item_id = old.item_id AND NOT EXISTS (SELECT 1 FROM sync_quiet);
		DELETE FROM sync_items WHERE item_id = old.item_id
			AND NOT EXISTS (SELECT 1 FROM items WHERE id = old.item_id);
	END`,
	// A pruned or removed item forgets its server id, unless a bookmark
	// keeps it (unstarring it must still reach the server).
	`CREATE TRIGGER sync_items_forget AFTER DELETE ON items BEGIN
		DELETE FROM sync_items WHERE item_id = old.id
			AND NOT EXISTS (SELECT 1 FROM bookmarks WHERE item_id = old.id);
	END`,
}
