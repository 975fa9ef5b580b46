package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// The 100k-item database is built once per test binary and removed by
// TestMain: building it takes far longer than what the benchmark measures.
var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func cleanupBenchDB() {
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
}

// benchDB returns the path of a database with 100 feeds of 1,000 items
// each, stored through SaveFetch like a refresh would.
func benchDB(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "herald-tui-bench-")
		if benchErr != nil {
			return
		}
		ctx := context.Background()
		st, err := store.Open(filepath.Join(benchDir, "herald.db"))
		if err != nil {
			benchErr = err
			return
		}
		defer st.Close()
		base := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
		for f := range 100 {
			fd, err := st.AddFeed(ctx, fmt.Sprintf("https://feed%d.example/rss", f), fmt.Sprintf("Feed number %d", f), nil)
			if err != nil {
				benchErr = err
				return
			}
			items := make([]store.NewItem, 1000)
			for i := range items {
				items[i] = store.NewItem{
					GUID:      fmt.Sprintf("f%d-i%d", f, i),
					Link:      fmt.Sprintf("https://feed%d.example/%d", f, i),
					Title:     fmt.Sprintf("Headline %d of feed %d about the news of the day", i, f),
					Published: base.Add(-time.Duration(i*100+f) * time.Minute),
					Summary:   "<p>A short summary of the story.</p>",
					Content:   "<p>A short summary of the story.</p>",
					Markdown:  "A short summary of the story.",
				}
			}
			if _, err := st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Items: items, At: base}); err != nil {
				benchErr = err
				return
			}
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return filepath.Join(benchDir, "herald.db")
}

// BenchmarkFirstFrame measures the start of the UI on a database of 100k
// items: open the store, build the model, run Init's commands (the feed
// list with unread counts, the bookmark count) and draw the first View.
// The target is 200 ms.
func BenchmarkFirstFrame(b *testing.B) {
	path := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		svc := &service.Service{Store: st, Client: feed.NewClient(feed.Options{})}
		h := newHarness(b, Deps{Service: svc, Dark: true})
		if v := h.view(); len(h.m.feeds.rows) != 102 || v == "" {
			b.Fatalf("feeds = %d", len(h.m.feeds.rows))
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkOpenAllUnread measures opening "All unread" over 100k unread
// items: the count and the first window of 200 rows, then a View.
func BenchmarkOpenAllUnread(b *testing.B) {
	path := benchDB(b)
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := &service.Service{Store: st, Client: feed.NewClient(feed.Options{})}
	h := newHarness(b, Deps{Service: svc, Dark: true})
	b.ResetTimer()
	for b.Loop() {
		h.keys("enter")
		if h.m.items.list.nav.n != 100000 {
			b.Fatalf("items = %d", h.m.items.list.nav.n)
		}
		_ = h.view()
		h.keys("G") // jump to the oldest: one more window load
		_ = h.view()
		h.keys("esc")
	}
}
