package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/herald-reader/herald/store"
)

// oldDB writes a database whose items have no story hashes, as herald
// before them left it, and returns its path.
func oldDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	path := filepath.Join(dir, "herald.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	f, err := st.AddFeed(ctx, "https://old.test/feed", "Old", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveFetch(ctx, store.FetchOutcome{FeedID: f.ID, Items: []store.NewItem{
		{GUID: "1", Link: "https://old.test/1", Title: "An old story"}}}); err != nil {
		t.Fatal(err)
	}
	return path
}

// cli runs herald in process on db and returns its exit code and stderr.
func cli(db string, args ...string) (int, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
	return code, errb.String()
}

// TestCommandBackfillsStories checks opening the database for a command
// gives old items their story hashes, once.
func TestCommandBackfillsStories(t *testing.T) {
	db := oldDB(t)
	if code, stderr := cli(db, "feeds"); code != 0 {
		t.Fatalf("herald feeds: exit %d: %s", code, stderr)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if left, err := st.ItemsWithoutStory(ctx, 0, 10); err != nil || len(left) != 0 {
		t.Fatalf("items still without story hashes: %+v, %v", left, err)
	}
	if v, _, err := st.Setting(ctx, store.SettingStoriesHashed); err != nil || v != "1" {
		t.Fatalf("setting %s = %q, %v", store.SettingStoriesHashed, v, err)
	}
}

// TestCommandSurvivesFailedBackfill checks a backfill that fails is logged
// and the command runs all the same.
func TestCommandSurvivesFailedBackfill(t *testing.T) {
	db := oldDB(t)
	// A database the backfill cannot read its flag from.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DROP TABLE settings`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if code, stderr := cli(db, "--debug", "feeds"); code != 0 {
		t.Fatalf("herald feeds: exit %d: %s", code, stderr)
	}
	logged, err := os.ReadFile(filepath.Join(os.Getenv("XDG_STATE_HOME"), "herald", "debug.log"))
	if err != nil || !strings.Contains(string(logged), "story hashes of old items") {
		t.Fatalf("debug log = %q, %v; want the backfill's error", logged, err)
	}
}
