package store

// migration6 keeps the images of bookmarked articles (issue 13), so a
// bookmark reads the same offline: one row per image per bookmark.
//
// The rows hang on the bookmark, not on the item: a bookmark outlives its
// item and its feed (see migration 1), and so must its pictures. Removing
// the bookmark, here or from the sync server, deletes them by the foreign
// key's cascade (foreign_keys is on for every connection); pruning never
// touches bookmarked items, and an item that is not bookmarked has none.
//
// The same picture in two bookmarks is stored twice: the caps
// (MaxBookmarkImagesBytes) bound the cost, and a bookmark's rows stay its
// own to replace and delete in one statement. Fetching reuses a stored
// copy instead (Store.BookmarkImage looks a URL up across bookmarks).
//
// A rowid table, not WITHOUT ROWID: its rows hold megabytes, and SQLite
// advises WITHOUT ROWID for small rows only. The primary key's index
// answers "which images has this bookmark" without reading the data.
var migration6 = []string{
	`CREATE TABLE bookmark_images (
		item_id      INTEGER NOT NULL REFERENCES bookmarks(item_id) ON DELETE CASCADE,
		url          TEXT NOT NULL,
		content_type TEXT NOT NULL DEFAULT '',
		data         BLOB NOT NULL,
		PRIMARY KEY (item_id, url)
	)`,
	// The reader looks an image up by its address alone.
	`CREATE INDEX bookmark_images_by_url ON bookmark_images(url)`,
}
