package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestMigration3KeepsItems opens a database written by the schema of
// version 2 and checks the rebuilt items table kept every item, its read
// state and its search entry, and never reuses an id.
func TestMigration3KeepsItems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[1:3] {
		for _, stmt := range m {
			if _, err := db.Exec(stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
	}
	for _, stmt := range []string{
		`PRAGMA user_version = 2`,
		`INSERT INTO feeds(id, url, title, unread, total) VALUES (1, 'https://old.example/feed', 'Old', 1, 2)`,
		`INSERT INTO items(id, feed_id, key, title, first_seen, sort_at, read, markdown) VALUES
			(1, 1, 'k1', 'Lighthouse kept', 10, 10, 0, 'text'),
			(2, 1, 'k2', 'Harbour read', 20, 20, 1, ''),
			(3, 1, 'k3', 'Deleted later', 30, 30, 1, '')`,
		`INSERT INTO items_fts(rowid, title, body) VALUES (1, 'Lighthouse kept', 'beacon'), (2, 'Harbour read', 'quay')`,
		`DELETE FROM items WHERE id = 3`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	items, err := s.Items(ctx, ItemQuery{FeedID: 1})
	if err != nil || len(items) != 2 || items[0].Title != "Harbour read" || !items[0].Read || items[1].Read {
		t.Fatalf("items after migration = %+v, %v", items, err)
	}
	found, err := s.Search(ctx, "beacon", 10)
	if err != nil || len(found) != 1 || found[0].ID != 1 {
		t.Fatalf("search after migration = %+v, %v", found, err)
	}
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: 1, Items: []NewItem{{GUID: "new", Title: "New"}}}); err != nil {
		t.Fatal(err)
	}
	items, _ = s.Items(ctx, ItemQuery{FeedID: 1})
	for _, it := range items {
		if it.Title == "New" && it.ID <= 3 {
			t.Fatalf("new item got id %d: an id was reused", it.ID)
		}
	}
	// Deleting an item still removes its search entry (the trigger is back).
	if err := s.RemoveFeed(ctx, "https://old.example/feed"); err != nil {
		t.Fatal(err)
	}
	if found, _ := s.Search(ctx, "beacon", 10); len(found) != 0 {
		t.Fatalf("search entry outlived its item: %+v", found)
	}
	checkCounts(t, s)
}
