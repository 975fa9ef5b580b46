package greader

import (
	"context"
	"slices"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

func TestSubscribeAndUnsubscribe(t *testing.T) {
	f := newFake(t)
	p := f.provider()
	ctx := context.Background()

	s, err := p.Subscribe(ctx, "https://example.com/feed.xml", "Tech")
	if err != nil {
		t.Fatal(err)
	}
	want := hsync.Subscription{ID: "feed/1", URL: "https://example.com/feed.xml", Title: "Feed feed/1", Folders: []string{"Tech"}}
	if s.ID != want.ID || s.URL != want.URL || s.Title != want.Title || !slices.Equal(s.Folders, want.Folders) {
		t.Errorf("Subscribe = %+v, want %+v", s, want)
	}

	// Again, in another folder: filed, not added twice.
	if s, err = p.Subscribe(ctx, "https://example.com/feed.xml", "News"); err != nil {
		t.Fatal(err)
	}
	if f.quickadds != 1 || s.ID != "feed/1" || !slices.Equal(s.Folders, []string{"News"}) {
		t.Errorf("second Subscribe = %+v after %d quickadds", s, f.quickadds)
	}

	if _, err := p.Subscribe(ctx, "not a feed", ""); err == nil {
		t.Error("Subscribe to nothing = nil error")
	}

	subs, err := p.Subscriptions(ctx)
	if err != nil || len(subs) != 1 {
		t.Fatalf("Subscriptions = %v, %v", subs, err)
	}
	if err := p.Unsubscribe(ctx, "feed/1"); err != nil {
		t.Fatal(err)
	}
	// FreshRSS answers 400 for a feed it does not have: not an error.
	if err := p.Unsubscribe(ctx, "feed/1"); err != nil {
		t.Errorf("Unsubscribe of a feed gone = %v", err)
	}
	if subs, _ := p.Subscriptions(ctx); len(subs) != 0 {
		t.Errorf("subscriptions left: %v", subs)
	}
}
