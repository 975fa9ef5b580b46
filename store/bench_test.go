package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/cputime"
)

// benchHTML returns an article body of about n bytes of HTML.
func benchHTML(seed, n int) string {
	var b strings.Builder
	words := []string{"government", "minister", "announced", "budget", "river", "flood", "election",
		"council", "research", "climate", "market", "hospital", "school", "football", "festival"}
	for i := 0; b.Len() < n; i++ {
		b.WriteString("<p>")
		for j := 0; j < 40; j++ {
			b.WriteString(words[(seed*7+i*13+j*31)%len(words)])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

// benchItems makes n items for a feed; size is the HTML content size.
func benchItems(feed, n, size int, at time.Time) []NewItem {
	items := make([]NewItem, n)
	for i := range items {
		items[i] = NewItem{
			GUID:      fmt.Sprintf("https://site%d.example/article/%d", feed, i),
			Link:      fmt.Sprintf("https://site%d.example/article/%d", feed, i),
			Title:     fmt.Sprintf("Headline %d of feed %d about the budget", i, feed),
			Author:    "Staff reporter",
			Published: at.Add(-time.Duration(feed*n+i) * time.Minute),
			Summary:   "<p>A short summary of the article.</p>",
			Content:   benchHTML(feed*n+i, size),
		}
	}
	return items
}

// fillStore adds feeds×perFeed items with content of size bytes via SaveFetch.
func fillStore(tb testing.TB, s *Store, feeds, perFeed, size int) {
	tb.Helper()
	ctx := context.Background()
	for f := 0; f < feeds; f++ {
		fd, err := s.AddFeed(ctx, fmt.Sprintf("https://site%d.example/feed.xml", f), fmt.Sprintf("Site %d", f), nil)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: fd.ID, At: t0, Items: benchItems(f, perFeed, size, t0)}); err != nil {
			tb.Fatal(err)
		}
	}
}

// big is a store with 1000 feeds × 100 items, built once per test binary
// (building it is the slow part of the benchmarks below).
var big struct {
	once sync.Once
	dir  string
	s    *Store
	err  error
}

func bigStore(b *testing.B) *Store {
	big.once.Do(func() {
		big.dir, big.err = os.MkdirTemp("", "herald-store-bench")
		if big.err != nil {
			return
		}
		big.s, big.err = Open(filepath.Join(big.dir, "herald.db"))
		if big.err != nil {
			return
		}
		start := time.Now()
		fillStore(b, big.s, 1000, 100, 200)
		b.Logf("filled 1000 feeds × 100 items in %v", time.Since(start))
		// Mark some read so unread differs from all.
		_, big.err = big.s.w.Exec(`UPDATE items SET read = 1 WHERE id % 3 = 0`)
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.s != nil {
		big.s.Close()
	}
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// BenchmarkSaveFetch stores one feed of 30 new items (about 5 KB of HTML
// each) per op: a cold refresh of 1000 feeds costs 1000 ops.
func BenchmarkSaveFetch(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	feeds := make([][]NewItem, b.N)
	ids := make([]int64, b.N)
	for i := range feeds {
		feeds[i] = benchItems(i, 30, 2000+(i%4)*2000, t0)
		f, err := s.AddFeed(ctx, fmt.Sprintf("https://site%d.example/feed.xml", i), "", nil)
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = f.ID
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := s.SaveFetch(ctx, FetchOutcome{FeedID: ids[i], At: t0, ETag: `"e"`, Items: feeds[i]})
		if err != nil || n != 30 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkSaveFetchUnchanged stores a feed whose 30 items are all known
// and unchanged (a server without ETag support).
func BenchmarkSaveFetchUnchanged(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	f := addFeed(b, s, "https://site.example/feed.xml")
	items := benchItems(0, 30, 5000, t0)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, At: t0, Items: items}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if n, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, At: t0, Items: items}); err != nil || n != 0 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkItemsPage loads pages of 100 items from 100k, at several depths.
func BenchmarkItemsPage(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    ItemQuery
	}{
		{"first", ItemQuery{Limit: 100}},
		{"offset50k", ItemQuery{Limit: 100, Offset: 50000}},
		{"last", ItemQuery{Limit: 100, Offset: 99900}},
		{"unread", ItemQuery{Limit: 100, Unread: true}},
		{"feed", ItemQuery{Limit: 100, FeedID: 500}},
		{"feedUnread", ItemQuery{Limit: 100, FeedID: 500, Unread: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				its, err := s.Items(ctx, bc.q)
				if err != nil || len(its) == 0 {
					b.Fatal(len(its), err)
				}
			}
		})
	}
	b.Run("countUnread", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.CountItems(ctx, ItemQuery{Unread: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFeeds lists 1000 feeds with unread/total counts over 100k items.
func BenchmarkFeeds(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		fs, err := s.Feeds(ctx)
		if err != nil || len(fs) != 1000 {
			b.Fatal(len(fs), err)
		}
	}
}

// BenchmarkSearch searches 100k items. The corpus is a worst case: every
// item holds every word of a small vocabulary.
func BenchmarkSearch(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	for _, q := range []string{"flood", "flood minister", "flood minis", "b", "zzz"} {
		b.Run(q, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Search(ctx, q, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkColdRefresh stores, per op, what a cold refresh of 1000 feeds
// stores: "news" is 1000 feeds × 30 new items of 2–8 KB of HTML, "small"
// 1000 feeds × 100 items of 600 bytes (100k items); "news-batch20" is
// "news" through a Batch, 20 feeds per transaction. Run with -benchtime=1x;
// cpu-s/op is the CPU time used, steadier than wall time on a shared machine.
func BenchmarkColdRefresh(b *testing.B) {
	for _, bc := range []struct {
		name           string
		perFeed, size  int
		sizeVariations int
		batch          int // feeds per Batch; 1 means SaveFetch
	}{
		{"news", 30, 2000, 4, 1},
		{"news-batch20", 30, 2000, 4, 20},
		{"small", 100, 600, 1, 1},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			feeds := make([][]NewItem, 1000)
			for i := range feeds {
				feeds[i] = benchItems(i, bc.perFeed, bc.size*(1+i%bc.sizeVariations), t0)
			}
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, err := Open(filepath.Join(b.TempDir(), "herald.db"))
				if err != nil {
					b.Fatal(err)
				}
				ids := make([]int64, len(feeds))
				for j := range feeds {
					f, err := s.AddFeed(ctx, fmt.Sprintf("https://site%d.example/feed.xml", j), "", nil)
					if err != nil {
						b.Fatal(err)
					}
					ids[j] = f.ID
				}
				runtime.GC()
				cpu0 := cputime.Used()
				b.StartTimer()
				var batch []FetchOutcome
				for j, items := range feeds {
					o := FetchOutcome{FeedID: ids[j], At: t0, Items: items}
					if bc.batch == 1 {
						if _, err := s.SaveFetch(ctx, o); err != nil {
							b.Fatal(err)
						}
						continue
					}
					if batch = append(batch, o); len(batch) == bc.batch || j == len(feeds)-1 {
						if _, err := saveBatch(b, s, batch...); err != nil {
							b.Fatal(err)
						}
						batch = batch[:0]
					}
				}
				b.StopTimer()
				cpu += cputime.Used() - cpu0
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
