package store

import (
	"context"
	"testing"
)

// TestFeedNote: a successful refresh sets the feed's note (one line), a 304
// or a failure keeps it, and the next full fetch replaces it.
func TestFeedNote(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.test/feed")
	note := func() string {
		t.Helper()
		got, err := s.FeedByURL(ctx, f.URL)
		if err != nil {
			t.Fatal(err)
		}
		return got.Note
	}
	for _, step := range []struct {
		o    FetchOutcome
		want string
	}{
		{FetchOutcome{Note: "kept the newest 3000 of 9000 items\nsecond line", Items: []NewItem{{GUID: "a"}}}, "kept the newest 3000 of 9000 items"},
		{FetchOutcome{NotModified: true}, "kept the newest 3000 of 9000 items"},
		{FetchOutcome{Err: "HTTP 500"}, "kept the newest 3000 of 9000 items"},
		{FetchOutcome{Items: []NewItem{{GUID: "b"}}}, ""},
	} {
		step.o.FeedID, step.o.At = f.ID, t0
		if _, err := s.SaveFetch(ctx, step.o); err != nil {
			t.Fatal(err)
		}
		if got := note(); got != step.want {
			t.Errorf("after %+v: note %q, want %q", step.o, got, step.want)
		}
	}
}
