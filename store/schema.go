package store

// migrations are applied in order; PRAGMA user_version holds how many have
// run. Never edit a released migration: append a new one.
var migrations = [][]string{
	1: {
		`CREATE TABLE feeds (
			id            INTEGER PRIMARY KEY,
			url           TEXT NOT NULL UNIQUE,
			title         TEXT NOT NULL DEFAULT '',
			site_url      TEXT NOT NULL DEFAULT '',
			tags          TEXT NOT NULL DEFAULT '[]',
			etag          TEXT NOT NULL DEFAULT '',
			last_modified TEXT NOT NULL DEFAULT '',
			last_attempt  INTEGER,
			last_success  INTEGER,
			last_error    TEXT NOT NULL DEFAULT '',
			next_fetch    INTEGER,
			gone          INTEGER NOT NULL DEFAULT 0,
			added         INTEGER,
			-- Item counts, kept by every statement that changes items
			-- (see recount), so listing feeds never scans items.
			unread        INTEGER NOT NULL DEFAULT 0,
			total         INTEGER NOT NULL DEFAULT 0
		)`,
		// AUTOINCREMENT: an item id is never reused, so a bookmark that
		// outlived its item can never be confused with a newer item.
		// Small columns first: list queries then never touch overflow pages.
		`CREATE TABLE items (
			id            INTEGER PRIMARY KEY AUTOINCREMENT,
			feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
			key           TEXT NOT NULL,
			hash          INTEGER NOT NULL DEFAULT 0,
			guid          TEXT NOT NULL DEFAULT '',
			link          TEXT NOT NULL DEFAULT '',
			title         TEXT NOT NULL DEFAULT '',
			author        TEXT NOT NULL DEFAULT '',
			published     INTEGER,
			first_seen    INTEGER NOT NULL,
			sort_at       INTEGER NOT NULL,
			read          INTEGER NOT NULL DEFAULT 0,
			image_url     TEXT NOT NULL DEFAULT '',
			image_caption TEXT NOT NULL DEFAULT '',
			image_credit  TEXT NOT NULL DEFAULT '',
			summary       TEXT NOT NULL DEFAULT '',
			content       TEXT NOT NULL DEFAULT '',
			markdown      TEXT NOT NULL DEFAULT '',
			UNIQUE (feed_id, key)
		)`,
		`CREATE INDEX items_by_time ON items(sort_at DESC, id DESC)`,
		`CREATE INDEX items_unread_by_time ON items(sort_at DESC, id DESC) WHERE read = 0`,
		// Per feed: ordered listing; read is there for unread filtering and
		// counting from the index alone.
		`CREATE INDEX items_by_feed ON items(feed_id, sort_at DESC, id DESC, read)`,
		// Keys of pruned items, so a pruned item still in its feed does not
		// come back as new on the next refresh.
		`CREATE TABLE pruned (
			feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
			key     TEXT NOT NULL,
			PRIMARY KEY (feed_id, key)
		) WITHOUT ROWID`,
		// No foreign key: bookmarks outlive their item and their feed.
		`CREATE TABLE bookmarks (
			item_id    INTEGER PRIMARY KEY,
			title      TEXT NOT NULL DEFAULT '',
			url        TEXT NOT NULL DEFAULT '',
			feed_title TEXT NOT NULL DEFAULT '',
			feed_url   TEXT NOT NULL DEFAULT '',
			author     TEXT NOT NULL DEFAULT '',
			published  INTEGER,
			saved      INTEGER NOT NULL,
			state      TEXT NOT NULL DEFAULT 'saved',
			error      TEXT NOT NULL DEFAULT '',
			markdown   TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX bookmarks_by_saved ON bookmarks(saved DESC, item_id DESC)`,
		// Contentless FTS5 tables (the text lives in items/bookmarks); rowid is
		// the item id. Items are indexed in Go (their text is extracted from
		// HTML), since migration 7 before a search (IndexPending); bookmarks
		// by triggers.
		//
		// detail=none keeps only which documents hold a token: the index is
		// much smaller and cheaper to write, and ftsQuery only ever asks for
		// single tokens (AND-ed, the last one as a prefix), which need no
		// positions; results are ordered by id, not ranked.
		`CREATE VIRTUAL TABLE items_fts USING fts5(title, body, content='', contentless_delete=1,
			detail=none, tokenize='unicode61 remove_diacritics 2')`,
		`CREATE VIRTUAL TABLE bookmarks_fts USING fts5(title, body, content='', contentless_delete=1,
			detail=none, tokenize='unicode61 remove_diacritics 2')`,
		// Fewer, larger FTS merges: a refresh commits once per feed, and
		// with the default (4) the index is rewritten over and over.
		`INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', 16)`,
		`INSERT INTO items_fts(items_fts, rank) VALUES ('crisismerge', 64)`,
		`CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
			DELETE FROM items_fts WHERE rowid = old.id;
		END`,
		`CREATE TRIGGER bookmarks_fts_ai AFTER INSERT ON bookmarks BEGIN
			INSERT INTO bookmarks_fts(rowid, title, body) VALUES (new.item_id, new.title, new.markdown);
		END`,
		`CREATE TRIGGER bookmarks_fts_au AFTER UPDATE ON bookmarks BEGIN
			DELETE FROM bookmarks_fts WHERE rowid = old.item_id;
			INSERT INTO bookmarks_fts(rowid, title, body) VALUES (new.item_id, new.title, new.markdown);
		END`,
		`CREATE TRIGGER bookmarks_fts_ad AFTER DELETE ON bookmarks BEGIN
			DELETE FROM bookmarks_fts WHERE rowid = old.item_id;
		END`,
	},
	2: {
		// What the last successful refresh has to say that is not an
		// error, such as the items a huge feed had beyond what is kept.
		`ALTER TABLE feeds ADD COLUMN note TEXT NOT NULL DEFAULT ''`,
	},
	3: migration3,
	4: migration4,
	// Item bodies may be stored s2-compressed, as BLOBs (prepare.go). The
	// tables do not change, but an older herald would read those bodies
	// as text, and store the garbage it made of them as the Markdown:
	// the new version number makes it refuse the file instead.
	5: {`SELECT 1`},
	6: migration6,
	7: migration7,
}

// migration3 rebuilds items with the columns of issue 12 among the small
// ones (a column after the bodies would make every list query walk their
// overflow pages): read position, mute reason, the story hashes that find
// duplicates across feeds, and the audio or video enclosure. It also adds
// the settings table and the count of a feed's failed refreshes in a row.
var migration3 = []string{
	// The rebuild deletes the old table's rows: the FTS trigger must not
	// see that as deleting items.
	`DROP TRIGGER items_fts_ad`,
	`CREATE TABLE items_new (
		id             INTEGER PRIMARY KEY AUTOINCREMENT,
		feed_id        INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
		key            TEXT NOT NULL,
		hash           INTEGER NOT NULL DEFAULT 0,
		guid           TEXT NOT NULL DEFAULT '',
		link           TEXT NOT NULL DEFAULT '',
		title          TEXT NOT NULL DEFAULT '',
		author         TEXT NOT NULL DEFAULT '',
		published      INTEGER,
		first_seen     INTEGER NOT NULL,
		sort_at        INTEGER NOT NULL,
		read           INTEGER NOT NULL DEFAULT 0,
		dup_of         INTEGER,
		link_hash      INTEGER,
		title_hash     INTEGER,
		muted          TEXT NOT NULL DEFAULT '',
		position       REAL NOT NULL DEFAULT 0,
		media_url      TEXT NOT NULL DEFAULT '',
		media_type     TEXT NOT NULL DEFAULT '',
		media_size     INTEGER NOT NULL DEFAULT 0,
		media_duration INTEGER NOT NULL DEFAULT 0,
		image_url      TEXT NOT NULL DEFAULT '',
		image_caption  TEXT NOT NULL DEFAULT '',
		image_credit   TEXT NOT NULL DEFAULT '',
		summary        TEXT NOT NULL DEFAULT '',
		content        TEXT NOT NULL DEFAULT '',
		markdown       TEXT NOT NULL DEFAULT '',
		UNIQUE (feed_id, key)
	)`,
	`INSERT INTO items_new(id, feed_id, key, hash, guid, link, title, author, published,
		first_seen, sort_at, read, image_url, image_caption, image_credit, summary, content, markdown)
		SELECT id, feed_id, key, hash, guid, link, title, author, published,
		first_seen, sort_at, read, image_url, image_caption, image_credit, summary, content, markdown
		FROM items`,
	// Ids are never reused (see migration 1): carry the sequence over, as
	// it may be past the largest id left.
	`INSERT INTO sqlite_sequence(name, seq) SELECT 'items_new', 0
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'items_new')`,
	`UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence
		WHERE name = 'items'), 0)) WHERE name = 'items_new'`,
	`DROP TABLE items`,
	`ALTER TABLE items_new RENAME TO items`,
	`CREATE INDEX items_by_time ON items(sort_at DESC, id DESC)`,
	// dup_of rides in the unread index: "All unread" hides copies from it.
	`CREATE INDEX items_unread_by_time ON items(sort_at DESC, id DESC, dup_of) WHERE read = 0`,
	// dup_of here too: a tag's unread count, story by story, reads the
	// index alone.
	`CREATE INDEX items_by_feed ON items(feed_id, sort_at DESC, id DESC, read, dup_of)`,
	`CREATE INDEX items_by_link_hash ON items(link_hash) WHERE link_hash IS NOT NULL`,
	`CREATE INDEX items_by_title_hash ON items(title_hash, sort_at) WHERE title_hash IS NOT NULL`,
	`CREATE INDEX items_by_dup ON items(dup_of) WHERE dup_of IS NOT NULL`,
	`CREATE INDEX items_muted ON items(sort_at DESC, id DESC) WHERE muted <> ''`,
	`CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
		DELETE FROM items_fts WHERE rowid = old.id;
	END`,
	// Consecutive failed refreshes: the background refresh backs off.
	`ALTER TABLE feeds ADD COLUMN errors INTEGER NOT NULL DEFAULT 0`,
	// Reader preferences kept between runs (hide read items, sort order,
	// collapsed tag groups).
	`CREATE TABLE settings (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) WITHOUT ROWID`,
}
