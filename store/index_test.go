package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// indexCounts returns how many items wait for the index (Unindexed) and
// how many documents the index holds.
func indexCounts(t testing.TB, s *Store) (marked, indexed int) {
	t.Helper()
	marked, err := s.Unindexed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM items_fts_docsize`).Scan(&indexed); err != nil {
		t.Fatal(err)
	}
	return marked, indexed
}

// wantCounts fails the test unless marked items wait for the index and the
// index holds indexed documents.
func wantCounts(t testing.TB, s *Store, when string, marked, indexed int) {
	t.Helper()
	if m, i := indexCounts(t, s); m != marked || i != indexed {
		t.Fatalf("%s: %d marked, %d indexed; want %d and %d", when, m, i, marked, indexed)
	}
}

// checkFTS runs FTS5's own check of the items' index.
func checkFTS(t testing.TB, s *Store) {
	t.Helper()
	if _, err := s.w.Exec(`INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 0)`); err != nil {
		t.Fatalf("items_fts integrity: %v", err)
	}
}

// wantHits fails the test unless searching q finds exactly n items.
func wantHits(t testing.TB, s *Store, q string, n int) {
	t.Helper()
	res, err := s.Search(context.Background(), q, 100)
	if err != nil || len(res) != n {
		t.Fatalf("Search(%q) = %d hits, %v; want %d", q, len(res), err, n)
	}
}

// A refresh stores items without indexing them; the first search indexes
// them all, bodies stored compressed included, and the next finds nothing
// left to do.
func TestSearchIndexesWhatARefreshStored(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	long := "<p>" + strings.Repeat("Filler words about the harbour. ", 40) + "and a kittiwake at the end</p>"
	save(t, s, f.ID, t0,
		NewItem{GUID: "1", Title: "Storm warning", Content: "<p>gales tonight</p>"},
		NewItem{GUID: "2", Title: "Seabirds", Content: long},
	)
	var packed int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM items WHERE typeof(content) = 'blob'`).Scan(&packed); err != nil || packed != 1 {
		t.Fatalf("%d bodies stored compressed, %v; want 1", packed, err)
	}
	wantCounts(t, s, "after the refresh", 2, 0)
	wantHits(t, s, "kittiwake", 1)
	wantHits(t, s, "gales", 1)
	wantCounts(t, s, "after a search", 0, 2)
	if n, err := s.IndexPending(ctx); err != nil || n != 0 {
		t.Fatalf("IndexPending with nothing marked = %d, %v", n, err)
	}
	checkFTS(t, s)
}

// A changed item is indexed again with its new text alone, and an item
// deleted before it was ever indexed leaves nothing behind.
func TestIndexFollowsChangesAndDeletes(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "1", Title: "Ferry timetable", Content: "<p>winter sailings</p>"})
	wantHits(t, s, "winter", 1)
	save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "1", Title: "Ferry timetable", Content: "<p>summer sailings</p>"})
	wantCounts(t, s, "a changed item", 1, 1)
	wantHits(t, s, "winter", 0)
	wantHits(t, s, "summer", 1)

	// Unchanged: not marked again.
	save(t, s, f.ID, t0.Add(2*time.Hour), NewItem{GUID: "1", Title: "Ferry timetable", Content: "<p>summer sailings</p>"})
	wantCounts(t, s, "an unchanged item", 0, 1)

	// Changed before it was ever indexed: indexed once, with its last text.
	save(t, s, f.ID, t0, NewItem{GUID: "2", Title: "Bridge", Content: "<p>closed</p>"})
	save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "2", Title: "Bridge", Content: "<p>reopened</p>"})
	wantCounts(t, s, "a new item changed", 1, 1)
	wantHits(t, s, "closed", 0)
	wantHits(t, s, "reopened", 1)
	wantCounts(t, s, "after indexing it", 0, 2)

	g := addFeed(t, s, "https://b.example/")
	save(t, s, g.ID, t0, NewItem{GUID: "x", Title: "Never searched", Content: "<p>puffin</p>"})
	if err := s.RemoveFeed(ctx, g.URL); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, "after removing an unindexed feed", 0, 2)
	wantHits(t, s, "puffin", 0)
	checkFTS(t, s)
}

// The Markdown the reader caches replaces the HTML's text in the index.
func TestIndexTakesTheCachedMarkdown(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "1", Title: "Report", Content: "<p>raw feed text</p><div>share this</div>"})
	wantHits(t, s, "share", 1)
	id := itemsOf(t, s, f.ID)[0].ID
	if err := s.SetMarkdown(ctx, id, "Clean article about otters."); err != nil {
		t.Fatal(err)
	}
	wantHits(t, s, "otters", 1)
	wantHits(t, s, "share", 0)
	if err := s.SetMarkdown(ctx, id+100, "no such item"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SetMarkdown of a missing item: %v, want ErrNotFound", err)
	}
}

// More items than one batch are all indexed, each once, also when two
// callers index at the same time.
func TestIndexPendingInBatches(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	const n = 2*indexBatch + 7
	items := make([]NewItem, n)
	for i := range items {
		items[i] = NewItem{GUID: fmt.Sprint(i), Title: fmt.Sprintf("Item w%dw", i), Content: "<p>common word</p>"}
	}
	save(t, s, f.ID, t0, items...)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	for range 2 {
		wg.Go(func() {
			k, err := s.IndexPending(ctx)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += k
			mu.Unlock()
		})
	}
	wg.Wait()
	if marked, indexed := indexCounts(t, s); total != n || marked != 0 || indexed != n {
		t.Fatalf("indexed %d in all; %d left marked, %d in the index; want %d, 0, %d", total, marked, indexed, n, n)
	}
	wantHits(t, s, "w1234w", 1)
	wantHits(t, s, fmt.Sprintf("w%dw", n-1), 1)
	checkFTS(t, s)
}

// A search whose context ends while indexing fails with the context's
// error; nothing is lost: what was not indexed stays marked for the next.
func TestIndexPendingCancelled(t *testing.T) {
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "1", Title: "Lighthouse", Content: "<p>beam</p>"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, "beam", 10); !errors.Is(err, context.Canceled) {
		t.Fatalf("Search with an ended context: %v", err)
	}
	wantCounts(t, s, "after the cancelled search", 1, 0)
	wantHits(t, s, "beam", 1)
}

// A mark whose item is gone is dropped, and the items after it indexed.
func TestIndexDropsAMarkWithoutItem(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "1", Title: "Tide tables", Content: "<p>spring tides</p>"})
	wantHits(t, s, "spring", 1)
	save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "1", Title: "Tide tables", Content: "<p>neap tides</p>"})
	if _, err := s.w.Exec(`INSERT INTO items_unindexed(id) VALUES (0)`); err != nil {
		t.Fatal(err)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 2 {
		t.Fatalf("IndexPending = %d, %v; want the changed item and the stray mark", n, err)
	}
	wantCounts(t, s, "the stray mark dropped", 0, 1)
	wantHits(t, s, "neap", 1)
}

// holdWriter takes the database's write lock on a connection of its own,
// as another herald's refresh would, until release is called.
func holdWriter(t *testing.T, s *Store) (release func()) {
	t.Helper()
	ctx := context.Background()
	other, err := sql.Open("sqlite", "file:"+s.path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := other.Conn(ctx)
	if err != nil {
		other.Close()
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		conn.Close()
		other.Close()
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
				t.Error(err)
			}
			conn.Close()
			other.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// A search with nothing to index does not wait for the writer: another
// process may be in the middle of a refresh.
func TestSearchUpToDateNeedsNoWriter(t *testing.T) {
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "1", Title: "Lock keeper", Content: "<p>sluice gates</p>"})
	wantHits(t, s, "sluice", 1)
	holdWriter(t, s)
	short, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if res, err := s.Search(short, "sluice", 10); err != nil || len(res) != 1 {
		t.Fatalf("search while another connection writes: %d hits, %v", len(res), err)
	}
}

// A search while another connection holds the writer past the busy timeout
// answers from what is indexed; the rest is indexed by a later search.
func TestSearchWhileAnotherWritesUsesTheIndexAsItIs(t *testing.T) {
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "1", Title: "Lock keeper", Content: "<p>sluice gates</p>"})
	wantHits(t, s, "sluice", 1)
	save(t, s, f.ID, t0, NewItem{GUID: "2", Title: "River works", Content: "<p>a new weir</p>"})
	if _, err := s.w.Exec(`PRAGMA busy_timeout = 50`); err != nil { // the writer's one connection
		t.Fatal(err)
	}
	release := holdWriter(t, s)
	wantHits(t, s, "sluice", 1)
	wantHits(t, s, "weir", 0)
	release()
	wantHits(t, s, "weir", 1)
}

// A body that cannot be decoded (a damaged row) does not stop the index:
// its item is found by its title, and the others by their text.
func TestIndexSkipsADamagedBody(t *testing.T) {
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0,
		NewItem{GUID: "1", Title: "Damaged story", Content: "<p>lost words</p>"},
		NewItem{GUID: "2", Title: "Whole story", Content: "<p>kept words</p>"})
	if _, err := s.w.Exec(`UPDATE items SET content = x'ff01' WHERE guid = '1'`); err != nil {
		t.Fatal(err)
	}
	wantHits(t, s, "damaged", 1)
	wantHits(t, s, "kept", 1)
	wantHits(t, s, "lost", 0)
	wantCounts(t, s, "with a damaged body", 0, 2)
}
