package service

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// TestBackfillStoriesFindsOldStories stores items as herald did before
// story hashes existed, backfills them, and checks copies arriving later
// from another feed are found to be theirs, by link and by title.
func TestBackfillStoriesFindsOldStories(t *testing.T) {
	ctx := context.Background()
	d := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	const (
		bridge = "Council approves the new harbour bridge"
		storm  = "Storm closes the northern ferry route for a week"
	)
	s := triageService(t)
	old, err := s.Store.AddFeed(ctx, "https://old.test/feed", "Old", nil)
	if err != nil {
		t.Fatal(err)
	}
	// More than a batch of old items, one with nothing to hash first.
	items := []store.NewItem{{GUID: "blank", Published: d},
		{GUID: "bridge", Title: bridge, Link: "https://news.test/2026/bridge", Published: d},
		{GUID: "storm", Title: storm, Link: "https://old.test/storm", Published: d}}
	for i := range backfillBatch + 10 {
		items = append(items, store.NewItem{GUID: fmt.Sprint("filler", i),
			Title: fmt.Sprintf("Filler story number %d of the old feed", i), Published: d.Add(-time.Duration(i) * time.Minute)})
	}
	if _, err := s.Store.SaveFetch(ctx, store.FetchOutcome{FeedID: old.ID, Items: items, At: triageNow}); err != nil {
		t.Fatal(err)
	}
	inOld := byTitle(t, s, store.ItemQuery{FeedID: old.ID})

	n, err := s.BackfillStories(ctx)
	if err != nil || n != len(items) {
		t.Fatalf("BackfillStories = %d, %v; want %d", n, err, len(items))
	}
	if left, err := s.Store.ItemsWithoutStory(ctx, 0, 10); err != nil || len(left) != 1 || left[0].Title != "" {
		t.Fatalf("left without hashes = %+v, %v; want the blank item", left, err)
	}

	srv, _ := server(t, map[string]string{
		"/new.xml": storyDoc("New",
			storyItem{guid: "n1", title: "Bridge approved", body: "<p>On the bridge.</p>", date: d.Add(time.Hour),
				link: "http://www.news.test/2026/bridge/?utm_source=rss"},
			storyItem{guid: "n2", title: "Storm closes the Northern ferry route — for a week!",
				link: "https://new.test/storm", body: "<p>On the storm.</p>", date: d.Add(2 * time.Hour)},
		),
	})
	nf := addFeed(t, s, srv.URL+"/new.xml")
	inNew := byTitle(t, s, store.ItemQuery{FeedID: nf.ID})
	if got, want := inNew["Bridge approved"].DupOf, inOld[bridge].ID; got != want {
		t.Errorf("copy by link: DupOf = %d, want %d", got, want)
	}
	if got, want := inNew["Storm closes the Northern ferry route — for a week!"].DupOf, inOld[storm].ID; got != want {
		t.Errorf("copy by title: DupOf = %d, want %d", got, want)
	}

	// Once done, it is not done again: an item stored without hashes now
	// (which herald no longer does) is left alone.
	if v, ok, err := s.Store.Setting(ctx, store.SettingStoriesHashed); err != nil || !ok || v != "1" {
		t.Fatalf("setting = %q, %v, %v", v, ok, err)
	}
	if _, err := s.Store.SaveFetch(ctx, store.FetchOutcome{FeedID: old.ID, At: triageNow,
		Items: []store.NewItem{{GUID: "late", Title: "A late story without hashes"}}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.BackfillStories(ctx); err != nil || n != 0 {
		t.Fatalf("second BackfillStories = %d, %v; want 0", n, err)
	}
	if left, _ := s.Store.ItemsWithoutStory(ctx, 0, 10); len(left) != 2 {
		t.Fatalf("left after a second run = %+v; want the blank and the late item", left)
	}
}
