package store

import (
	"context"
	"testing"
)

// TestSavedBookmarkNeverDowngraded: once saved whole, a bookmark is not
// turned back into "failed" or "saving" by a slower save that failed, and
// fields a later save leaves empty (its feed gone) keep their values.
func TestSavedBookmarkNeverDowngraded(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	const id = 42 // no item: a bookmark whose feed is gone
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: id, Title: "T", URL: "https://a.test/x", FeedTitle: "F",
		FeedURL: "https://a.test/feed", Markdown: "# T\n\nThe whole article.", State: BookmarkSaved}); err != nil {
		t.Fatal(err)
	}
	for _, st := range []BookmarkState{BookmarkFailed, BookmarkSaving} {
		if err := s.SaveBookmark(ctx, Bookmark{ItemID: id, Markdown: "# T\n\nA summary.", State: st, Error: "HTTP 500"}); err != nil {
			t.Fatal(err)
		}
	}
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if b.State != BookmarkSaved || b.Markdown != "# T\n\nThe whole article." || b.Error != "" {
		t.Errorf("a saved bookmark was downgraded: %+v", b)
	}
	// A saved bookmark may still be replaced by another saved one, and
	// keeps what the new save does not say.
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: id, Markdown: "# T\n\nThe article, fetched again.", State: BookmarkSaved}); err != nil {
		t.Fatal(err)
	}
	b, _ = s.Bookmark(ctx, id)
	if b.Markdown != "# T\n\nThe article, fetched again." || b.FeedURL != "https://a.test/feed" || b.Title != "T" || b.URL != "https://a.test/x" {
		t.Errorf("after a second save: %+v", b)
	}
}
