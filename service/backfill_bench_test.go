package service

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// oldStore writes a database of feeds×perFeed items with about size bytes
// of HTML each and no story hashes, as herald before them left it, and
// returns its path. The store does not compute the hashes: SaveFetch
// stores what NewItem carries.
func oldStore(b *testing.B, dir string, feeds, perFeed, size int) string {
	b.Helper()
	path := filepath.Join(dir, "old.db")
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	at := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	body := "<p>" + strings.Repeat("The council met on the budget for the river flood defences. ", size/60+1) + "</p>"
	for f := range feeds {
		fd, err := st.AddFeed(ctx, fmt.Sprintf("https://site%d.example/feed.xml", f), fmt.Sprintf("Site %d", f), nil)
		if err != nil {
			b.Fatal(err)
		}
		items := make([]store.NewItem, perFeed)
		for i := range items {
			items[i] = store.NewItem{
				GUID:      fmt.Sprintf("https://site%d.example/article/%d", f, i),
				Link:      fmt.Sprintf("https://site%d.example/article/%d?utm_source=rss", f, i),
				Title:     fmt.Sprintf("Headline %d of feed %d about the council's budget", i, f),
				Published: at.Add(-time.Duration(f*perFeed+i) * time.Minute),
				Content:   body,
			}
		}
		if _, err := st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, At: at, Items: items}); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBackfillStories times the backfill of 100,000 items (1000 feeds
// × 100, 2 KB of HTML each) on a store just opened. Building the database
// takes a minute; run with -benchtime=1x.
func BenchmarkBackfillStories(b *testing.B) {
	dir := b.TempDir()
	tmpl := oldStore(b, dir, 1000, 100, 2000)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
		copyFile(b, tmpl, path)
		syscall.Sync() // no writeback of the copy during the timing
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s := &Service{Store: st}
		b.StartTimer()
		n, err := s.BackfillStories(ctx)
		b.StopTimer()
		if err != nil || n != 100_000 {
			b.Fatalf("BackfillStories = %d, %v", n, err)
		}
		st.Close()
		os.Remove(path)
		b.StartTimer()
	}
}
