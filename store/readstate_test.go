package store

import (
	"context"
	"strings"
	"testing"
)

// TestCopyPicksStartFromThePicks: finding a story's copies walks the picked
// ids and looks each up, never scanning the items table or one of its
// indexes; with no statistics on the temporary table SQLite chose to scan
// every item's index entry to mark a single item read.
func TestCopyPicksStartFromThePicks(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	storyFeeds(t, s)
	conn, err := s.w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS read_pick (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	for _, read := range []bool{true, false} {
		for _, q := range copyPicks(read) {
			plan := planOf(t, conn, q)
			if len(plan) == 0 || plan[0] != "SCAN p" {
				t.Errorf("read=%v: plan %q does not start from the picks", read, plan)
				continue
			}
			for _, step := range plan[1:] {
				if strings.HasPrefix(step, "SCAN") {
					t.Errorf("read=%v: plan %q scans %q", read, plan, step)
				}
			}
		}
	}
}

// TestFeedsSortedAsNoCase: Feeds sorts in Go exactly as SQLite's ORDER BY
// title (the URL when empty) COLLATE NOCASE, id did: ASCII letters folded,
// every other byte as it is, ties by id.
func TestFeedsSortedAsNoCase(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	titles := []string{"beta", "Beta", "ALPHA", "alpha", "", "Ärger", "ärger", "Zebra", "zebra!", "_under",
		"[bracket", "Éclair", "eclair", "10 things", "9 things", "a", "A", "ab", "Ab", "aB", "", "Ω", "ω", "Straße", "STRASSE",
		"a\x00b", "a\x00a", "A\x00c", "a\x00", "a\x00zz", "\xff\xfe", "\xffA"}
	for i, title := range titles {
		if _, err := s.AddFeed(ctx, "https://example.com/"+string(rune('a'+i%26))+strings.Repeat("x", i), title, nil); err != nil {
			t.Fatal(err)
		}
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM feeds
		ORDER BY CASE WHEN title = '' THEN url ELSE title END COLLATE NOCASE, id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	if len(feeds) != len(want) {
		t.Fatalf("%d feeds, SQLite lists %d", len(feeds), len(want))
	}
	for i, f := range feeds {
		if f.ID != want[i] {
			t.Fatalf("feed %d is %d (%q), SQLite puts %d there", i, f.ID, f.Title, want[i])
		}
	}
}
