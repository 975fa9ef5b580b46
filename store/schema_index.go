package store

// migration7 takes the search index out of the refresh (issue 15): items
// are indexed by IndexPending, which Search runs first, not as they are
// stored. Tokenizing and indexing were about a quarter of a cold refresh's
// CPU, paid again on every changed item, though most items are never
// searched for; now the first search after a refresh pays for them.
//
// Item ids only grow (AUTOINCREMENT, migration 1), so the new items are
// those past search_index.upto, the last id indexed: storing one costs
// nothing more. A changed item the index holds already is marked in
// items_unindexed by a trigger, whichever path changed it (a refresh, a
// sync, the reader caching its Markdown); IndexPending deletes its old
// terms and indexes its new text. (A trigger on every insert would cost
// more than the index saves: SQLite then journals each insert's pages in a
// statement journal.) The delete trigger of migration 1 stays: deleting
// from the index an item it does not hold finds nothing and does nothing.
var migration7 = []string{
	`CREATE TABLE search_index (upto INTEGER NOT NULL)`,
	// Every item stored so far was indexed as it was stored.
	`INSERT INTO search_index(upto) SELECT coalesce(max(id), 0) FROM items`,
	`CREATE TABLE items_unindexed (id INTEGER PRIMARY KEY)`,
	// The columns searchText reads, and the title.
	`CREATE TRIGGER items_unindexed_au
		AFTER UPDATE OF title, image_caption, summary, content, markdown ON items
		WHEN old.id <= (SELECT upto FROM search_index)
	BEGIN
		INSERT OR IGNORE INTO items_unindexed(id) VALUES (old.id);
	END`,
	`CREATE TRIGGER items_unindexed_ad AFTER DELETE ON items BEGIN
		DELETE FROM items_unindexed WHERE id = old.id;
	END`,
}
