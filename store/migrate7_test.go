package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestMigration7KeepsTheIndex opens a version 6 database, whose items were
// indexed as they were stored, and checks that they are found without being
// indexed again, that new items are, and that pruning still empties the
// index.
func TestMigration7KeepsTheIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, m := range migrations[1:7] {
		all = append(all, m...)
	}
	all = append(all, `PRAGMA user_version = 6`,
		`INSERT INTO feeds(id, url, title, unread, total) VALUES (1, 'https://old.example/feed', 'Old', 1, 2)`,
		`INSERT INTO items(id, feed_id, key, title, first_seen, sort_at, read, content) VALUES
			(1, 1, 'k1', 'Lighthouse', 10, 10, 0, 'beacon'), (2, 1, 'k2', 'Harbour', 10, 10, 1, 'quay')`,
		`INSERT INTO items_fts(rowid, title, body) VALUES (1, 'Lighthouse', 'beacon'), (2, 'Harbour', 'quay')`)
	for _, stmt := range all {
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
	wantCounts(t, s, "after the upgrade", 0, 2)
	wantHits(t, s, "beacon", 1)
	save(t, s, 1, t0, NewItem{GUID: "3", Title: "Pier", Content: "<p>bollard</p>"})
	wantCounts(t, s, "a new item after the upgrade", 1, 2)
	wantHits(t, s, "bollard", 1)
	if n, err := s.Prune(ctx, t0); err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want the read item", n, err)
	}
	wantHits(t, s, "quay", 0)
	wantCounts(t, s, "after pruning", 0, 2)
	checkFTS(t, s)
}
