package store

import (
	"context"
	"errors"
	"testing"
)

func TestBatchKeepsTheOthersWhenOneFails(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a, c := addFeed(t, s, "https://a.example/"), addFeed(t, s, "https://c.example/")
	b, err := s.BeginBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := b.Save(ctx, FetchOutcome{FeedID: a.ID, At: t0, Items: []NewItem{{GUID: "1", Title: "A1"}, {GUID: "2", Title: "A2"}}}); n != 2 || err != nil {
		t.Fatalf("save a = %d, %v", n, err)
	}
	if _, err := b.Save(ctx, FetchOutcome{FeedID: 9999, At: t0, Items: []NewItem{{GUID: "x", Title: "X"}}}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("save of a missing feed: %v, want ErrNotFound", err)
	}
	if n, err := b.Save(ctx, FetchOutcome{FeedID: c.ID, At: t0, Items: []NewItem{{GUID: "1", Title: "C1"}}}); n != 1 || err != nil {
		t.Fatalf("save c = %d, %v", n, err)
	}
	if b.Len() != 2 {
		t.Errorf("Len = %d, want 2", b.Len())
	}
	// Not visible to readers before the commit.
	if its := itemsOf(t, s, a.ID); len(its) != 0 {
		t.Errorf("%d items visible before commit", len(its))
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if na, nc := len(itemsOf(t, s, a.ID)), len(itemsOf(t, s, c.ID)); na != 2 || nc != 1 {
		t.Errorf("after commit: %d and %d items, want 2 and 1", na, nc)
	}
	checkCounts(t, s)
	b.Rollback() // after Commit: nothing happens
}

func TestBatchRollbackKeepsNothing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := addFeed(t, s, "https://a.example/")
	b, err := s.BeginBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Save(ctx, FetchOutcome{FeedID: a.ID, At: t0, ETag: `"v1"`, Items: []NewItem{{GUID: "1", Title: "A1"}}}); err != nil {
		t.Fatal(err)
	}
	b.Rollback()
	if its := itemsOf(t, s, a.ID); len(its) != 0 {
		t.Errorf("%d items after rollback", len(its))
	}
	f, err := s.FeedByURL(ctx, a.URL)
	if err != nil || f.ETag != "" {
		t.Errorf("feed after rollback: etag %q, %v", f.ETag, err)
	}
	// The writer is free again.
	save(t, s, a.ID, t0, NewItem{GUID: "2", Title: "A2"})
}

func TestBatchIndexesForSearchAtCommit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := addFeed(t, s, "https://a.example/")
	b, err := s.BeginBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	items := []NewItem{{GUID: "1", Title: "Harbour", Content: "<p>The quay was rebuilt</p>"}}
	if _, err := b.Save(ctx, FetchOutcome{FeedID: a.ID, At: t0, Items: items}); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"harbour", "quay", "rebuilt"} {
		if res, err := s.Search(ctx, q, 10); err != nil || len(res) != 1 {
			t.Errorf("Search(%q) = %d results, %v", q, len(res), err)
		}
	}
	// An update through a second batch replaces the item's terms.
	b, err = s.BeginBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	items[0].Content = "<p>The pier was rebuilt</p>"
	if _, err := b.Save(ctx, FetchOutcome{FeedID: a.ID, At: t0, Items: items}); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "quay", 10); len(res) != 0 {
		t.Errorf("the old text is still indexed")
	}
	if res, _ := s.Search(ctx, "pier", 10); len(res) != 1 {
		t.Errorf("the new text is not indexed")
	}
}
