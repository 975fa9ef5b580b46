package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// writeV5 writes a database with the schema of version 5, as herald before
// migration 6 left it, runs stmts on it and returns its path.
func writeV5(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v5.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var all []string
	for _, m := range migrations[1:6] {
		all = append(all, m...)
	}
	all = append(all, `PRAGMA user_version = 5`)
	for _, stmt := range append(all, stmts...) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return path
}

// TestMigration6KeepsBookmarks opens a version 5 database and checks its
// items and bookmarks are intact, and its bookmarks can keep images.
func TestMigration6KeepsBookmarks(t *testing.T) {
	path := writeV5(t,
		`INSERT INTO feeds(id, url, title, unread, total) VALUES (1, 'https://old.example/feed', 'Old', 1, 1)`,
		`INSERT INTO items(id, feed_id, key, title, first_seen, sort_at, read, markdown) VALUES
			(1, 1, 'k1', 'Lighthouse', 10, 10, 0, 'beacon text')`,
		`INSERT INTO bookmarks(item_id, title, saved, markdown) VALUES (1, 'Lighthouse', 20, 'kept whole'),
			(9, 'Gone item', 30, 'outlived its feed')`,
	)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var v int
	if err := s.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != schemaVersion || schemaVersion < 6 {
		t.Fatalf("user_version = %d, %v; schema version %d; want it, at least 6", v, err, schemaVersion)
	}
	it, err := s.Item(ctx, 1)
	if err != nil || it.Title != "Lighthouse" || it.Markdown != "beacon text" {
		t.Fatalf("item after migration = %+v, %v", it, err)
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil || len(bms) != 2 || bms[0].Markdown != "outlived its feed" || bms[1].Markdown != "kept whole" {
		t.Fatalf("bookmarks after migration = %+v, %v", bms, err)
	}
	for _, id := range []int64{1, 9} {
		if urls := imageURLs(t, s, id); len(urls) != 0 {
			t.Fatalf("bookmark %d has images %q after the upgrade", id, urls)
		}
	}
	im := img("https://old.example/p.jpg", 1234)
	if err := s.SaveBookmarkImages(ctx, 9, []BookmarkImage{im}); err != nil {
		t.Fatal(err)
	}
	wantImage(t, s, im)
	if err := s.RemoveBookmark(ctx, 9); err != nil {
		t.Fatal(err)
	}
	wantNoImage(t, s, im.URL)
	checkCounts(t, s)
}
