package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// saveBatch saves outs in one Batch, as a refresh does, and returns how
// many items were new for each (0 for a feed no longer there).
func saveBatch(t testing.TB, s *Store, outs ...FetchOutcome) ([]int, error) {
	t.Helper()
	ctx := context.Background()
	b, err := s.BeginBatch(ctx)
	if err != nil {
		return nil, err
	}
	defer b.Rollback()
	counts := make([]int, len(outs))
	for i, o := range outs {
		n, err := b.Save(ctx, o)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		counts[i] = n
	}
	return counts, b.Commit()
}

func TestBatchOfSeveralFeeds(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f1, f2 := addFeed(t, s, "https://1/"), addFeed(t, s, "https://2/")
	counts, err := saveBatch(t, s,
		FetchOutcome{FeedID: f1.ID, At: t0, ETag: "e1", Items: []NewItem{{GUID: "a"}, {GUID: "b"}}},
		FetchOutcome{FeedID: 9999, At: t0, Items: []NewItem{{GUID: "gone"}}},
		FetchOutcome{FeedID: f2.ID, At: t0, Err: "HTTP 500"},
		FetchOutcome{FeedID: f1.ID, At: t0, Items: []NewItem{{GUID: "b"}, {GUID: "c"}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(counts, []int{2, 0, 0, 1}) {
		t.Errorf("counts %v", counts)
	}
	if got, _ := s.Feed(ctx, f1.ID); got.Total != 3 || got.Unread != 3 {
		t.Errorf("feed 1: %+v", got)
	}
	if got, _ := s.Feed(ctx, f2.ID); got.LastError != "HTTP 500" {
		t.Errorf("feed 2: %+v", got)
	}
	checkCounts(t, s)
}

func TestBatchNotVisibleBeforeCommit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := addFeed(t, s, "https://a.example/")
	b, err := s.BeginBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := b.Save(ctx, FetchOutcome{FeedID: a.ID, At: t0, Items: []NewItem{{GUID: "1", Title: "A1"}, {GUID: "2", Title: "A2"}}}); n != 2 || err != nil {
		t.Fatalf("save = %d, %v", n, err)
	}
	if its := itemsOf(t, s, a.ID); len(its) != 0 {
		t.Errorf("%d items visible before commit", len(its))
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if its := itemsOf(t, s, a.ID); len(its) != 2 {
		t.Errorf("after commit: %d items, want 2", len(its))
	}
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

func TestBatchItemsSearchable(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := addFeed(t, s, "https://a.example/")
	item := NewItem{GUID: "1", Title: "Harbour", Content: "<p>The quay was rebuilt</p>"}
	if _, err := saveBatch(t, s, FetchOutcome{FeedID: a.ID, At: t0, Items: []NewItem{item}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"harbour", "quay", "rebuilt"} {
		if res, err := s.Search(ctx, q, 10); err != nil || len(res) != 1 {
			t.Errorf("Search(%q) = %d results, %v", q, len(res), err)
		}
	}
	// An update replaces the item's terms.
	item.Content = "<p>The pier was rebuilt</p>"
	if _, err := saveBatch(t, s, FetchOutcome{FeedID: a.ID, At: t0, Items: []NewItem{item}}); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "quay", 10); len(res) != 0 {
		t.Errorf("the old text is still indexed")
	}
	if res, _ := s.Search(ctx, "pier", 10); len(res) != 1 {
		t.Errorf("the new text is not indexed")
	}
}

// TestWritesPreparedByFirstBatch: opening the database prepares none of a
// refresh's statements (the reader seldom saves a fetch); the first batch
// prepares them, also when several start at once (under -race, the
// README's test command, a second preparation racing the first fails).
func TestWritesPreparedByFirstBatch(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if s.stmts != nil {
		t.Fatalf("Open prepared %d statements", len(s.stmts))
	}
	f := addFeed(t, s, "https://example.com/feed")
	errs := make(chan error, 4)
	for i := range 4 {
		go func() {
			_, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, At: t0, Items: []NewItem{{GUID: string(rune('a' + i)), Title: "t"}}})
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if len(s.stmts) == 0 {
		t.Fatal("no statements prepared after saving")
	}
	if n := len(itemsOf(t, s, f.ID)); n != 4 {
		t.Fatalf("%d items saved, want 4", n)
	}
}
