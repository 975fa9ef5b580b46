package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTest opens a fresh store in a temporary directory.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// checkCounts fails the test when a feed's stored Unread/Total differ from
// its items.
func checkCounts(t testing.TB, s *Store) {
	t.Helper()
	rows, err := s.r.Query(`SELECT f.url, f.unread, f.total,
		(SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0),
		(SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id) FROM feeds f`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var url string
		var u, n, wu, wn int
		if err := rows.Scan(&url, &u, &n, &wu, &wn); err != nil {
			t.Fatal(err)
		}
		if u != wu || n != wn {
			t.Errorf("feed %s: counts %d/%d, items say %d/%d", url, u, n, wu, wn)
		}
	}
}

// addFeed adds a feed or fails the test.
func addFeed(t testing.TB, s *Store, url string) Feed {
	t.Helper()
	f, err := s.AddFeed(context.Background(), url, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// save stores items for a feed or fails the test.
func save(t testing.TB, s *Store, feedID int64, at time.Time, items ...NewItem) int {
	t.Helper()
	n, err := s.SaveFetch(context.Background(), FetchOutcome{FeedID: feedID, At: at, Items: items})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// itemsOf lists every item of a feed.
func itemsOf(t testing.TB, s *Store, feedID int64) []Item {
	t.Helper()
	its, err := s.Items(context.Background(), ItemQuery{FeedID: feedID})
	if err != nil {
		t.Fatal(err)
	}
	return its
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// queryPlan returns the details of EXPLAIN QUERY PLAN for query on the
// reader pool, joined with "; ".
func queryPlan(t testing.TB, s *Store, query string, args ...any) string {
	t.Helper()
	return strings.Join(planOf(t, s.r, query, args...), "; ")
}

// planOf returns the details of EXPLAIN QUERY PLAN for query on q (a pool
// or one connection: a temporary table exists only on its own).
func planOf(t testing.TB, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
