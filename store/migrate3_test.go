package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// writeV2 writes a database with the schema of version 2, as herald before
// migration 3 left it, runs stmts on it and returns its path.
func writeV2(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var all []string
	for _, m := range migrations[1:3] {
		all = append(all, m...)
	}
	all = append(all, `PRAGMA user_version = 2`)
	for _, stmt := range append(all, stmts...) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return path
}

// TestMigration3KeepsItems opens a database written by the schema of
// version 2 and checks the rebuilt items table kept every item, its read
// state and its search entry, and never reuses an id.
func TestMigration3KeepsItems(t *testing.T) {
	path := writeV2(t,
		`INSERT INTO feeds(id, url, title, unread, total) VALUES (1, 'https://old.example/feed', 'Old', 1, 2)`,
		`INSERT INTO items(id, feed_id, key, title, first_seen, sort_at, read, markdown) VALUES
			(1, 1, 'k1', 'Lighthouse kept', 10, 10, 0, 'text'),
			(2, 1, 'k2', 'Harbour read', 20, 20, 1, ''),
			(3, 1, 'k3', 'Deleted later', 30, 30, 1, '')`,
		`INSERT INTO items_fts(rowid, title, body) VALUES (1, 'Lighthouse kept', 'beacon'), (2, 'Harbour read', 'quay')`,
		`DELETE FROM items WHERE id = 3`,
	)
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

// v2Items are the statements writing 300 items of 2 KB to a version 2
// database: the rebuild of migration 3 frees the pages they were on.
var v2Items = []string{
	`INSERT INTO feeds(id, url, title, unread, total) VALUES (1, 'https://old.example/feed', 'Old', 300, 300)`,
	`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
		INSERT INTO items(id, feed_id, key, title, first_seen, sort_at, content)
		SELECT i, 1, 'k' || i, 'Item ' || i, i, i, replace(hex(zeroblob(1000)), '0', 'x') FROM n`,
}

// freePages is how many pages of s's file are free.
func freePages(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow("PRAGMA freelist_count").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigration3Vacuums checks the upgrade gives the old table's pages back.
func TestMigration3Vacuums(t *testing.T) {
	s, err := Open(writeV2(t, v2Items...))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := freePages(t, s); n != 0 {
		t.Fatalf("%d free pages after the upgrade, want 0", n)
	}
}

// TestMigration3SurvivesFailedVacuum checks a VACUUM failing after the
// upgrade does not fail Open: the migration is committed and kept.
func TestMigration3SurvivesFailedVacuum(t *testing.T) {
	path := writeV2(t, v2Items...)
	defer func(q string) { vacuumSQL = q }(vacuumSQL)
	vacuumSQL = "VACUUM no_such_schema"
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open with a failing VACUUM: %v", err)
	}
	defer s.Close()
	var v int
	if err := s.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != schemaVersion {
		t.Fatalf("user_version = %d, %v; want %d", v, err, schemaVersion)
	}
	if n := freePages(t, s); n == 0 {
		t.Fatalf("no free pages: the VACUUM ran after all")
	}
	if n, err := s.CountItems(context.Background(), ItemQuery{}); err != nil || n != 300 {
		t.Fatalf("items = %d, %v; want 300", n, err)
	}
	if _, err := s.SaveFetch(context.Background(), FetchOutcome{FeedID: 1, Items: []NewItem{{GUID: "n", Title: "New"}}}); err != nil {
		t.Fatalf("write after a failed VACUUM: %v", err)
	}
}
