package store

import (
	"context"
	"testing"
	"time"
)

// syncedFeed stores a feed with two entries from the server: r1 unread,
// r2 read and starred.
func syncedFeed(t *testing.T, s *Store) (Feed, SyncApplied) {
	t.Helper()
	ctx := context.Background()
	f, err := s.AddFeed(ctx, "https://a.example/feed", "A", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetFeedRemote(ctx, f.ID, "feed/7"); err != nil {
		t.Fatal(err)
	}
	got, err := s.ApplySync(ctx, SyncApply{New: []SyncEntry{
		{FeedID: f.ID, RemoteID: "r1", Item: NewItem{GUID: "g1", Title: "One"}},
		{FeedID: f.ID, RemoteID: "r2", Item: NewItem{GUID: "g2", Title: "Two"}, Read: true, Starred: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return f, got
}

func TestApplySyncStoresEntriesWithServerStateAndQueuesNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f, got := syncedFeed(t, s)
	if got.New[f.ID] != 2 || len(got.Starred) != 1 {
		t.Fatalf("applied = %+v, want 2 new and 1 starred", got)
	}
	synced, err := s.SyncedItems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r1, r2 := synced["r1"], synced["r2"]; r1.Read || r1.Starred || !r2.Read || !r2.Starred || !r2.BaseRead || !r2.BaseStarred {
		t.Fatalf("synced = %+v", synced)
	}
	if n, _ := s.SyncQueueLen(ctx); n != 0 {
		t.Fatalf("queue holds %d changes after applying the server's state, want 0", n)
	}
	feeds, _ := s.Feeds(ctx)
	if feeds[0].Unread != 1 || feeds[0].Total != 2 || feeds[0].RemoteID != "feed/7" {
		t.Fatalf("feed = %+v, want 1 unread of 2, remote feed/7", feeds[0])
	}
}

func TestLocalChangesAreQueuedInOrderByTheDatabase(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, _ = syncedFeed(t, s)
	synced, _ := s.SyncedItems(ctx)
	r1, r2 := synced["r1"].ItemID, synced["r2"].ItemID
	if _, err := s.ChangeRead(ctx, true, r1); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: r1}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveBookmark(ctx, r2); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReadExact(ctx, false, r1); err != nil { // an undo
		t.Fatal(err)
	}
	q, err := s.SyncQueue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"r1 read", "r1 star", "r2 unstar", "r1 unread"}
	if len(q) != len(want) {
		t.Fatalf("queue = %+v, want %v", q, want)
	}
	for i, c := range q {
		if c.RemoteID+" "+c.Action != want[i] || time.Since(c.At) > time.Minute || c.At.After(time.Now()) {
			t.Fatalf("queue[%d] = %+v, want %s made just now", i, c, want[i])
		}
	}
	if err := s.Pushed(ctx, q[:2]); err != nil {
		t.Fatal(err)
	}
	synced, _ = s.SyncedItems(ctx)
	if !synced["r1"].BaseRead || !synced["r1"].BaseStarred {
		t.Fatalf("base after push = %+v, want read and starred: what the server now has", synced["r1"])
	}
	if n, _ := s.SyncQueueLen(ctx); n != 2 {
		t.Fatalf("queue len after pushing 2 of 4 = %d", n)
	}
}

func TestItemsWithoutServerIDQueueNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a, _ := storyFeeds(t, s)
	if err := s.MarkFeedRead(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.SyncQueueLen(ctx); n != 0 {
		t.Fatalf("queue = %d for a feed not synced", n)
	}
}

func TestPrunedSyncedItemForgetsItsIDUnlessBookmarked(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, _ = syncedFeed(t, s)
	synced, _ := s.SyncedItems(ctx)
	if err := s.SetReadExact(ctx, true, synced["r1"].ItemID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	synced, _ = s.SyncedItems(ctx)
	if _, ok := synced["r1"]; ok {
		t.Fatal("a pruned item kept its server id")
	}
	if err := s.RemoveFeed(ctx, "https://a.example/feed"); err != nil {
		t.Fatal(err)
	}
	synced, _ = s.SyncedItems(ctx)
	if it, ok := synced["r2"]; !ok || !it.Starred {
		t.Fatalf("the bookmarked item's server id is gone with its feed: %+v", synced)
	}
	if err := s.RemoveBookmark(ctx, it(synced["r2"])); err != nil {
		t.Fatal(err)
	}
	q, _ := s.SyncQueue(ctx)
	if len(q) != 2 || q[1].Action != QueueUnstar || q[1].RemoteID != "r2" {
		t.Fatalf("queue = %+v, want the unstar of r2 last", q)
	}
	synced, _ = s.SyncedItems(ctx)
	if len(synced) != 0 {
		t.Fatalf("server ids left = %+v", synced)
	}
}

func it(si SyncedItem) int64 { return si.ItemID }

func TestApplySyncMatchesAnItemHeraldFetchedBefore(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f := addFeed(t, s, "https://a.example/feed")
	save(t, s, f.ID, t0, NewItem{Link: "https://a.example/1", Title: "One"})
	got, err := s.ApplySync(ctx, SyncApply{New: []SyncEntry{{FeedID: f.ID, RemoteID: "9",
		Item: NewItem{Link: "https://a.example/1", Title: "One"}, Read: true}}})
	if err != nil {
		t.Fatal(err)
	}
	items := itemsOf(t, s, f.ID)
	if got.New[f.ID] != 0 || len(items) != 1 || !items[0].Read {
		t.Fatalf("new = %v, items = %+v: want the one item, matched and read", got.New, items)
	}
	checkCounts(t, s) // the feed's unread count follows the server's read
}

func TestApplySyncKeepsAChangeMadeWhileTheSyncRan(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, _ = syncedFeed(t, s)
	synced, _ := s.SyncedItems(ctx)
	// The sync decided "r1 read" from a queue it saw empty; meanwhile the
	// reader marked r1 read then unread again.
	if _, err := s.ChangeRead(ctx, true, synced["r1"].ItemID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeRead(ctx, false, synced["r1"].ItemID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplySync(ctx, SyncApply{QueueSeen: 0, States: []SyncState{
		{RemoteID: "r1", Read: true, BaseRead: true}}}); err != nil {
		t.Fatal(err)
	}
	synced, _ = s.SyncedItems(ctx)
	if synced["r1"].Read {
		t.Fatal("the server's state overwrote a change made in herald while the sync ran")
	}
	if n, _ := s.SyncQueueLen(ctx); n != 2 {
		t.Fatalf("queue = %d, want the two changes kept for the push", n)
	}
}

func TestApplySyncMergesAnItemHeraldHeldNeverLosingABookmark(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f := addFeed(t, s, "https://a.example/feed")
	save(t, s, f.ID, t0, NewItem{GUID: "g1", Title: "One"}, NewItem{GUID: "g2", Title: "Two"})
	items := itemsOf(t, s, f.ID)
	one, two := items[0].ID, items[1].ID
	if items[0].Title != "One" {
		one, two = two, one
	}
	if _, err := s.ChangeRead(ctx, true, one); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: one, Markdown: "kept text"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ApplySync(ctx, SyncApply{New: []SyncEntry{
		{FeedID: f.ID, RemoteID: "r1", Item: NewItem{GUID: "g1", Title: "One"}},                            // unread, unstarred there
		{FeedID: f.ID, RemoteID: "r2", Item: NewItem{GUID: "g2", Title: "Two"}, Read: true, Starred: true}, // read, starred there
	}})
	if err != nil {
		t.Fatal(err)
	}
	synced, _ := s.SyncedItems(ctx)
	if r1 := synced["r1"]; !r1.Read || !r1.Starred || r1.BaseRead || r1.BaseStarred {
		t.Fatalf("r1 = %+v: want herald's read and bookmark kept, the server's state as base", r1)
	}
	if r2 := synced["r2"]; !r2.Read || !r2.Starred || len(got.Starred) != 1 || got.Starred[0] != two {
		t.Fatalf("r2 = %+v, starred %v: want read and bookmarked from the server", r2, got.Starred)
	}
	if b, err := s.Bookmark(ctx, one); err != nil || b.Markdown != "kept text" {
		t.Fatalf("bookmark = %+v, %v", b, err)
	}
	q, _ := s.SyncQueue(ctx)
	if len(q) != 2 || q[0].Action != QueueRead || q[1].Action != QueueStar || q[0].RemoteID != "r1" {
		t.Fatalf("queue = %+v, want r1 read and star for the server", q)
	}
}

func TestLeaseIsHeldAcrossHoldersUntilItRunsOut(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Now()
	if ok, err := s.TakeLease(ctx, "sync", "a", now, now.Add(time.Minute), nil); !ok || err != nil {
		t.Fatalf("first take = %v, %v", ok, err)
	}
	if ok, _ := s.TakeLease(ctx, "sync", "b", now, now.Add(time.Minute), nil); ok {
		t.Fatal("b took a lease a holds")
	}
	if ok, _ := s.TakeLease(ctx, "sync", "b", now.Add(2*time.Minute), now.Add(3*time.Minute), nil); !ok {
		t.Fatal("b could not take a lease that ran out")
	}
	if err := s.ReleaseLease(ctx, "sync", "a"); err != nil { // not a's any more: a no-op
		t.Fatal(err)
	}
	if ok, _ := s.TakeLease(ctx, "sync", "c", now.Add(2*time.Minute), now.Add(3*time.Minute), nil); ok {
		t.Fatal("a's release freed b's lease")
	}
	if err := s.ReleaseLease(ctx, "sync", "b"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.TakeLease(ctx, "sync", "c", now, now.Add(time.Minute), nil); !ok {
		t.Fatal("c could not take a released lease")
	}
	if ok, _ := s.TakeLease(ctx, "sync", "d", now, now.Add(time.Minute), func(h string) bool { return h == "c" }); !ok {
		t.Fatal("d could not take the lease of a holder that is gone")
	}
}

func TestApplySyncMergeKeepsAMutesReadHere(t *testing.T) {
	// Either side's mute keeps the read here: the stored item's (a rule
	// removed since), or the incoming entry's (a rule that matches now).
	for _, c := range []struct{ name, stored, incoming string }{
		{"stored only", "title:sponsored", ""},
		{"incoming only", "", "title:sponsored"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			ctx := context.Background()
			f := addFeed(t, s, "https://a.example/feed")
			save(t, s, f.ID, t0, NewItem{GUID: "g1", Title: "Sponsored", Muted: c.stored})
			if c.stored == "" { // read by the rule, as it would be on arrival
				if err := s.SetRead(ctx, true, itemsOf(t, s, f.ID)[0].ID); err != nil {
					t.Fatal(err)
				}
			}
			entry := SyncEntry{FeedID: f.ID, RemoteID: "r1", Item: NewItem{GUID: "g1", Title: "Sponsored", Muted: c.incoming}}
			if _, err := s.ApplySync(ctx, SyncApply{New: []SyncEntry{entry}}); err != nil {
				t.Fatal(err)
			}
			if q, _ := s.SyncQueue(ctx); len(q) > 0 {
				t.Errorf("a mute's read is queued for the server: %+v", q)
			}
		})
	}
	// Without a mute on either side, the read is the user's: it is queued.
	s := openTest(t)
	ctx := context.Background()
	f := addFeed(t, s, "https://a.example/feed")
	save(t, s, f.ID, t0, NewItem{GUID: "g1", Title: "Read here"})
	if err := s.SetRead(ctx, true, itemsOf(t, s, f.ID)[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplySync(ctx, SyncApply{New: []SyncEntry{{FeedID: f.ID, RemoteID: "r1", Item: NewItem{GUID: "g1", Title: "Read here"}}}}); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.SyncQueue(ctx); len(q) != 1 {
		t.Errorf("a read made here is not queued for the server: %+v", q)
	}
}
