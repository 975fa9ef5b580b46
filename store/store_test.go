package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestFeedRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f, err := s.AddFeed(ctx, "https://a.example/feed.xml", "A \x1b]0;pwn\x07 feed", []string{"news", "tech, \"x\""})
	if err != nil {
		t.Fatal(err)
	}
	if f.ID == 0 || f.URL != "https://a.example/feed.xml" || f.Title != "A \x1b]0;pwn\x07 feed" ||
		!reflect.DeepEqual(f.Tags, []string{"news", "tech, \"x\""}) {
		t.Fatalf("AddFeed = %+v", f)
	}
	if _, err := s.AddFeed(ctx, "https://a.example/feed.xml", "", nil); !errors.Is(err, ErrExists) {
		t.Fatalf("second AddFeed: %v, want ErrExists", err)
	}
	if _, err := s.AddFeed(ctx, "  ", "", nil); err == nil {
		t.Fatal("empty URL accepted")
	}
	next := t0.Add(time.Hour)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Title: "Ignored: has a title", SiteURL: "https://a.example/",
		ETag: `"abc"`, LastModified: "Sun, 01 Mar 2026 12:00:00 GMT", NextFetch: next, At: t0}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FeedByURL(ctx, f.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != f.Title || got.SiteURL != "https://a.example/" || got.ETag != `"abc"` ||
		got.LastModified != "Sun, 01 Mar 2026 12:00:00 GMT" || !got.LastSuccess.Equal(t0) ||
		!got.LastAttempt.Equal(t0) || !got.NextFetch.Equal(next) || got.LastError != "" || got.Gone {
		t.Fatalf("after fetch: %+v", got)
	}
	// An error keeps validators and last success.
	t1 := t0.Add(2 * time.Hour)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Err: "HTTP 410 Gone\nsecond line", Gone: true, At: t1}); err != nil {
		t.Fatal(err)
	}
	got, err = s.Feed(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastError != "HTTP 410 Gone" || !got.Gone || got.ETag != `"abc"` || !got.LastSuccess.Equal(t0) || !got.LastAttempt.Equal(t1) {
		t.Fatalf("after error: %+v", got)
	}
	// Not modified clears the error, keeps validators.
	t2 := t1.Add(time.Hour)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, NotModified: true, At: t2}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Feed(ctx, f.ID)
	if got.LastError != "" || got.Gone || got.ETag != `"abc"` || !got.LastSuccess.Equal(t2) {
		t.Fatalf("after 304: %+v", got)
	}
	// A feed without a title takes the fetched one.
	g := addFeed(t, s, "https://b.example/")
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: g.ID, Title: "B news", At: t0}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Feed(ctx, g.ID); got.Title != "B news" {
		t.Errorf("title %q", got.Title)
	}
	if _, err := s.Feed(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Feed(9999): %v", err)
	}
	if _, err := s.FeedByURL(ctx, "https://nope/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FeedByURL: %v", err)
	}
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: 9999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveFetch unknown feed: %v", err)
	}
	if err := s.RemoveFeed(ctx, "https://nope/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RemoveFeed unknown: %v", err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || len(fs) != 2 || fs[0].ID != f.ID || fs[1].ID != g.ID {
		t.Fatalf("Feeds = %+v, %v", fs, err)
	}
}

func TestBookmarksOutliveFeed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/feed")
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Title: "A Feed", At: t0, Items: []NewItem{
		{GUID: "1", Title: "Kept article", Link: "https://a.example/1", Author: "Bo", Published: t0, Summary: "short"},
		{GUID: "2", Title: "Other", Link: "https://a.example/2"},
	}}); err != nil {
		t.Fatal(err)
	}
	its := itemsOf(t, s, f.ID)
	var id int64
	for _, it := range its {
		if it.GUID == "1" {
			id = it.ID
		}
	}
	full := "# Kept article\n\nThe whole text with a zanzibarian word.\n\x1b]52;c;eA==\x07 \u202e\x00 kept verbatim\n"
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: id, State: BookmarkSaving, Markdown: "short"}); err != nil {
		t.Fatal(err)
	}
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Kept article" || b.URL != "https://a.example/1" || b.FeedTitle != "A Feed" ||
		b.FeedURL != f.URL || b.Author != "Bo" || !b.Published.Equal(t0) || b.Saved.IsZero() || b.State != BookmarkSaving {
		t.Fatalf("filled bookmark: %+v", b)
	}
	saved := b.Saved
	b.State, b.Markdown, b.Saved = BookmarkSaved, full, time.Time{}
	if err := s.SaveBookmark(ctx, b); err != nil {
		t.Fatal(err)
	}
	if b2, _ := s.Bookmark(ctx, id); !b2.Saved.Equal(saved) || b2.Markdown != full || b2.State != BookmarkSaved {
		t.Fatalf("updated bookmark: %+v", b2)
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountItems(ctx, ItemQuery{}); n != 0 {
		t.Fatalf("items left after RemoveFeed: %d", n)
	}
	bs, err := s.Bookmarks(ctx)
	if err != nil || len(bs) != 1 || bs[0].Markdown != full {
		t.Fatalf("bookmarks after RemoveFeed: %+v %v", bs, err)
	}
	it, err := s.Item(ctx, id)
	if err != nil {
		t.Fatalf("Item after RemoveFeed: %v", err)
	}
	if it.ID != id || !it.Bookmarked || it.Markdown != full || it.Title != "Kept article" || it.FeedTitle != "A Feed" {
		t.Fatalf("Item from bookmark: %+v", it)
	}
	list, err := s.Items(ctx, ItemQuery{Bookmarked: true})
	if err != nil || len(list) != 1 || list[0].ID != id || list[0].Title != "Kept article" || !list[0].Read {
		t.Fatalf("bookmarked list: %+v %v", list, err)
	}
	res, err := s.Search(ctx, "zanzibarian", 10)
	if err != nil || len(res) != 1 || res[0].ID != id || res[0].Markdown != full {
		t.Fatalf("search bookmark of removed feed: %+v %v", res, err)
	}
	// A new feed's items never reuse the bookmarked id.
	g := addFeed(t, s, "https://b.example/")
	save(t, s, g.ID, t0, NewItem{GUID: "n1"}, NewItem{GUID: "n2"}, NewItem{GUID: "n3"})
	for _, it := range itemsOf(t, s, g.ID) {
		if it.ID == id || it.Bookmarked {
			t.Fatalf("id reused: %+v", it)
		}
	}
	if err := s.RemoveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveBookmark(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second RemoveBookmark: %v", err)
	}
	if _, err := s.Item(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Item after bookmark removed: %v", err)
	}
	if res, _ := s.Search(ctx, "zanzibarian", 10); len(res) != 0 {
		t.Fatalf("removed bookmark still found: %+v", res)
	}
	if err := s.SaveBookmark(ctx, Bookmark{}); err == nil {
		t.Fatal("bookmark without item id accepted")
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	old, recent := t0.Add(-60*24*time.Hour), t0
	save(t, s, f.ID, old, NewItem{GUID: "old-read"}, NewItem{GUID: "old-unread"}, NewItem{GUID: "old-bookmarked", Title: "bm"})
	save(t, s, f.ID, recent, NewItem{GUID: "new-read"})
	ids := map[string]int64{}
	for _, it := range itemsOf(t, s, f.ID) {
		ids[it.GUID] = it.ID
	}
	if err := s.SetRead(ctx, true, ids["old-read"], ids["old-bookmarked"], ids["new-read"]); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: ids["old-bookmarked"], Markdown: "kept"}); err != nil {
		t.Fatal(err)
	}
	n, err := s.Prune(ctx, t0.Add(-30*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v", n, err)
	}
	var left []string
	for _, it := range itemsOf(t, s, f.ID) {
		left = append(left, it.GUID)
	}
	// The undated items keep their feed's order.
	if got := strings.Join(left, ","); got != "new-read,old-unread,old-bookmarked" {
		t.Errorf("left: %s", got)
	}
	if len(left) != 3 {
		t.Errorf("left: %v", left)
	}
	if b, err := s.Bookmark(ctx, ids["old-bookmarked"]); err != nil || b.Markdown != "kept" {
		t.Fatalf("bookmark after prune: %+v %v", b, err)
	}
	// The pruned item, still in the feed, does not come back.
	if n := save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "old-read"}, NewItem{GUID: "brand-new"}); n != 1 {
		t.Errorf("refresh after prune: new = %d, want 1", n)
	}
	if n, _ := s.Prune(ctx, time.Time{}); n != 0 {
		t.Errorf("Prune(zero) = %d", n)
	}
	checkCounts(t, s)
}

// A feed whose every item was pruned has no items but pruned keys: its
// next refresh must still find them (saveFetch skips the lookups of what a
// feed does not hold).
func TestPrunedFeedWithoutItems(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	g := addFeed(t, s, "https://b.example/")
	old := t0.Add(-60 * 24 * time.Hour)
	save(t, s, f.ID, old, NewItem{GUID: "a"}, NewItem{GUID: "b"})
	save(t, s, g.ID, old, NewItem{GUID: "a"})
	if err := s.MarkFeedRead(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Prune(ctx, t0.Add(-30*24*time.Hour)); err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v", n, err)
	}
	if n := save(t, s, f.ID, t0, NewItem{GUID: "a"}, NewItem{GUID: "b"}, NewItem{GUID: "c"}); n != 1 {
		t.Errorf("refresh after pruning every item: new = %d, want 1", n)
	}
	// The other feed keeps its item, unchanged, and stores a new one.
	if n := save(t, s, g.ID, t0, NewItem{GUID: "a"}, NewItem{GUID: "d"}); n != 1 {
		t.Errorf("refresh of a feed with items: new = %d, want 1", n)
	}
	if got := len(itemsOf(t, s, f.ID)); got != 1 {
		t.Errorf("items of the pruned feed: %d, want 1", got)
	}
	checkCounts(t, s)
}

func TestSetSiteURL(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f := addFeed(t, s, "https://site.test/feed")
	if err := s.SetSiteURL(ctx, f.ID, "https://site.test/"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Feed(ctx, f.ID)
	if err != nil || got.SiteURL != "https://site.test/" {
		t.Errorf("SiteURL = %q, %v", got.SiteURL, err)
	}
	if err := s.SetSiteURL(ctx, f.ID+100, "https://x.test/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: err = %v, want ErrNotFound", err)
	}
}

func TestFeedErrorsCountFailuresInARow(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/feed.xml")
	errorsAfter := func(o FetchOutcome) int {
		t.Helper()
		o.FeedID, o.At = f.ID, t0
		if _, err := s.SaveFetch(ctx, o); err != nil {
			t.Fatal(err)
		}
		got, err := s.Feed(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Errors
	}
	fail := FetchOutcome{Err: "HTTP 500"}
	steps := []struct {
		name string
		o    FetchOutcome
		want int
	}{
		{"first failure", fail, 1},
		{"second failure", fail, 2},
		{"third failure", fail, 3},
		{"success resets", FetchOutcome{Title: "A"}, 0},
		{"failure again", fail, 1},
		{"304 resets", FetchOutcome{NotModified: true}, 0},
		{"gone counts", FetchOutcome{Err: "gone", Gone: true}, 1},
	}
	for _, st := range steps {
		if got := errorsAfter(st.o); got != st.want {
			t.Errorf("%s: Errors = %d, want %d", st.name, got, st.want)
		}
	}
	// A batch keeps the count the same way.
	if _, err := saveBatch(t, s, FetchOutcome{FeedID: f.ID, Err: "x", At: t0}, FetchOutcome{FeedID: f.ID, Err: "y", At: t0}); err != nil {
		t.Fatal(err)
	}
	if fs, err := s.Feeds(ctx); err != nil || len(fs) != 1 || fs[0].Errors != 3 {
		t.Errorf("after a batch of two failures: %+v, %v", fs, err)
	}
}
