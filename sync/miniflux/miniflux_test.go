package miniflux

import (
	"context"
	"errors"
	"slices"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

func TestNewChecksOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    hsync.Options
		ok   bool
	}{
		{"api key", hsync.Options{URL: "http://127.0.0.1:1", APIKey: "k"}, true},
		{"password", hsync.Options{URL: "https://mf.example/v1/", Username: "u", Password: "p"}, true},
		{"no credentials", hsync.Options{URL: "http://127.0.0.1:1"}, false},
		{"user without password", hsync.Options{URL: "http://127.0.0.1:1", Username: "u"}, false},
		{"no URL", hsync.Options{APIKey: "k"}, false},
		{"secret in URL", hsync.Options{URL: "http://u:p@127.0.0.1:1", APIKey: "k"}, false},
	} {
		p, err := New(tc.o)
		if tc.ok && (err != nil || p.Name() != "miniflux") {
			t.Errorf("%s: New = %v, %v", tc.name, p, err)
		}
		if !tc.ok && !errors.Is(err, hsync.ErrConfig) {
			t.Errorf("%s: err = %v, want ErrConfig", tc.name, err)
		}
	}
}

func TestSubscriptions(t *testing.T) {
	f := &fake{feeds: []*client.Feed{
		{ID: 3, FeedURL: "https://a.example/feed", Title: "A", SiteURL: "https://a.example/",
			Category: &client.Category{ID: 1, Title: "All"}},
		{ID: 12, FeedURL: "https://b.example/rss", Title: "B", Category: &client.Category{ID: 2, Title: "Tech"}},
	}}
	p, _ := f.start(t)
	subs, err := p.Subscriptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []hsync.Subscription{
		{ID: "3", URL: "https://a.example/feed", Title: "A", SiteURL: "https://a.example/", Folders: []string{"All"}},
		{ID: "12", URL: "https://b.example/rss", Title: "B", Folders: []string{"Tech"}},
	}
	if len(subs) != 2 || !sameSub(subs[0], want[0]) || !sameSub(subs[1], want[1]) {
		t.Fatalf("subscriptions = %+v, want %+v", subs, want)
	}
}

func sameSub(a, b hsync.Subscription) bool {
	return a.ID == b.ID && a.URL == b.URL && a.Title == b.Title && a.SiteURL == b.SiteURL &&
		slices.Equal(a.Folders, b.Folders)
}

func TestSubscribe(t *testing.T) {
	f := &fake{
		cats:  []*client.Category{{ID: 1, Title: "All"}, {ID: 2, Title: "Tech"}},
		feeds: []*client.Feed{{ID: 5, FeedURL: "https://old.example/feed", Title: "Old", Category: &client.Category{ID: 1, Title: "All"}}},
	}
	p, _ := f.start(t)
	ctx := context.Background()

	s, err := p.Subscribe(ctx, "https://new.example/feed", "tech") // matches "Tech", ignoring case
	if err != nil || s.URL != "https://new.example/feed" || !slices.Equal(s.Folders, []string{"Tech"}) || s.ID == "" {
		t.Fatalf("subscribe in Tech = %+v, %v", s, err)
	}
	if f.posts[0].CategoryID != 2 {
		t.Errorf("category_id = %d, want 2", f.posts[0].CategoryID)
	}

	s, err = p.Subscribe(ctx, "https://other.example/feed", "Podcasts")
	if err != nil || !slices.Equal(s.Folders, []string{"Podcasts"}) || !slices.Equal(f.newCats, []string{"Podcasts"}) {
		t.Fatalf("subscribe in a new folder = %+v, %v (created %v)", s, err, f.newCats)
	}

	s, err = p.Subscribe(ctx, "https://third.example/feed", "")
	if err != nil || f.posts[2].CategoryID != 0 || !slices.Equal(s.Folders, []string{"All"}) {
		t.Fatalf("subscribe without folder = %+v, %v (category_id %d)", s, err, f.posts[2].CategoryID)
	}

	// Miniflux answers 400 "This feed already exists.": that is a success.
	s, err = p.Subscribe(ctx, "https://old.example/feed", "")
	if err != nil || s.ID != "5" || s.Title != "Old" {
		t.Fatalf("subscribe to a followed feed = %+v, %v", s, err)
	}
}

func TestUnsubscribe(t *testing.T) {
	f := &fake{feeds: []*client.Feed{{ID: 5, FeedURL: "https://a.example/feed"}}}
	p, _ := f.start(t)
	ctx := context.Background()
	if err := p.Unsubscribe(ctx, "5"); err != nil || len(f.feeds) != 0 {
		t.Fatalf("unsubscribe = %v, feeds left %d", err, len(f.feeds))
	}
	if err := p.Unsubscribe(ctx, "5"); err != nil {
		t.Fatalf("unsubscribe from a feed the server no longer has = %v", err)
	}
	if err := p.Unsubscribe(ctx, "feed/5"); err == nil {
		t.Fatal("unsubscribe with a bad id succeeded")
	}
}
