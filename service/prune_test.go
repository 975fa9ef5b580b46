package service

import (
	"context"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

func TestRefreshPrunesOldReadItemsOnceADay(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	srv, _ := server(t, map[string]string{"/feed": rssDoc("F",
		rssItem("1", "Read and old", "", "<p>one</p>", ""),
		rssItem("2", "Unread and old", "", "<p>two</p>", ""),
		rssItem("3", "Bookmarked", "", "<p>three</p>", ""))})
	ids := subscribe(t, s, srv.URL+"/feed")
	if err := s.Store.SetRead(ctx, true, ids["Read and old"], ids["Bookmarked"]); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.SaveBookmark(ctx, store.Bookmark{ItemID: ids["Bookmarked"], Markdown: "three"}); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n, err := s.Store.CountItems(ctx, store.ItemQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// No keep_read_days: everything stays.
	clock = clock.AddDate(0, 6, 0)
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 3 {
		t.Fatalf("without KeepRead: %d items, want 3", n)
	}

	s.KeepRead = 90 * 24 * time.Hour
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("after the prune: %d items, want 2 (unread and bookmarked kept)", n)
	}
	// Still in the feed, the pruned item does not come back.
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("after another refresh: %d items, want 2", n)
	}

	// Within a day of the last prune, a refresh does not prune again.
	if err := s.Store.SetRead(ctx, true, ids["Unread and old"]); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(23 * time.Hour)
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("a second prune within a day: %d items, want 2", n)
	}
	clock = clock.Add(2 * time.Hour)
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1 {
		t.Errorf("a day later: %d items, want 1 (the bookmark)", n)
	}
}
