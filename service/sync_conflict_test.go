package service

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
)

// entryState is an entry's read and starred state, on either side.
type entryState struct{ read, starred bool }

// change makes one of herald's changes to an item through the paths the
// reader and the CLI use: "read", "unread", "star", "unstar".
func (e *syncEnv) change(remoteID, what string) {
	e.t.Helper()
	ctx := context.Background()
	id := e.id(remoteID)
	var err error
	switch what {
	case "read", "unread":
		_, err = e.s.Store.ChangeRead(ctx, what == "read", id)
	case "star":
		err = e.s.SaveBookmark(ctx, id)
	case "unstar":
		err = e.s.RemoveBookmark(ctx, id)
	default:
		e.t.Fatalf("unknown change %q", what)
	}
	if err != nil {
		e.t.Fatalf("%s %s: %v", what, remoteID, err)
	}
}

// state is herald's state of a server entry's item.
func (e *syncEnv) state(remoteID string) entryState {
	e.t.Helper()
	_, starred := e.bookmark(remoteID)
	return entryState{read: e.item(remoteID).Read, starred: starred}
}

// serverState is the server's state of an entry.
func (e *syncEnv) serverState(remoteID string) entryState {
	e.t.Helper()
	se, ok := e.srv.entry(remoteID)
	if !ok {
		e.t.Fatalf("the server has no entry %s", remoteID)
	}
	return entryState{read: se.Read, starred: se.Starred}
}

func TestSyncConflicts(t *testing.T) {
	const later, earlier = time.Hour, -time.Hour
	for _, tc := range []struct {
		name   string
		style  pullStyle
		start  entryState    // the entry at the first sync
		local  []string      // herald's changes since, in order
		server *entryState   // the server's state since; nil: unchanged
		at     time.Duration // when the server changed it, from herald's changes
		want   entryState    // both sides after the sync
		pushed []string      // the kinds of change pushed
		// conflicts counts the states both sides changed to different values.
		conflicts int
	}{
		{name: "read: the server's later change wins", style: changesStyle,
			local: []string{"read", "unread"}, server: &entryState{read: true}, at: later,
			want: entryState{read: true}, conflicts: 1},
		{name: "read: herald's later change wins", style: changesStyle,
			local: []string{"read", "unread"}, server: &entryState{read: true}, at: earlier,
			want: entryState{}, pushed: []string{"unread"}, conflicts: 1},
		{name: "read: an undated server change loses", style: completeStyle,
			local: []string{"read", "unread"}, server: &entryState{read: true}, at: later,
			want: entryState{}, pushed: []string{"unread"}, conflicts: 1},
		{name: "star: the server's later change wins", style: changesStyle, start: entryState{starred: true},
			local: []string{"unstar", "star"}, server: &entryState{}, at: later,
			want: entryState{}, conflicts: 1},
		{name: "star: herald's later change wins", style: changesStyle, start: entryState{starred: true},
			local: []string{"unstar", "star"}, server: &entryState{}, at: earlier,
			want: entryState{starred: true}, pushed: []string{"star"}, conflicts: 1},
		{name: "star: an undated server change loses", style: completeStyle, start: entryState{starred: true},
			local: []string{"unstar", "star"}, server: &entryState{}, at: later,
			want: entryState{starred: true}, pushed: []string{"star"}, conflicts: 1},
		{name: "read on both sides", style: changesStyle,
			local: []string{"read"}, server: &entryState{read: true}, at: earlier,
			want: entryState{read: true}},
		{name: "read on both sides, later on the server", style: changesStyle,
			local: []string{"read"}, server: &entryState{read: true}, at: later,
			want: entryState{read: true}},
		{name: "read on both sides, greader", style: completeStyle,
			local: []string{"read"}, server: &entryState{read: true},
			want: entryState{read: true}},
		{name: "starred on both sides", style: changesStyle,
			local: []string{"star"}, server: &entryState{starred: true}, at: earlier,
			want: entryState{starred: true}},
		{name: "unstarred on both sides, greader", style: completeStyle, start: entryState{starred: true},
			local: []string{"unstar"}, server: &entryState{},
			want: entryState{}},
		{name: "only the server changed", style: changesStyle,
			server: &entryState{read: true, starred: true}, at: earlier,
			want: entryState{read: true, starred: true}},
		{name: "only the server changed, greader", style: completeStyle, start: entryState{starred: true},
			server: &entryState{read: true},
			want:   entryState{read: true}},
		{name: "only herald changed", style: changesStyle,
			local: []string{"read", "star"},
			want:  entryState{read: true, starred: true}, pushed: []string{"read", "star"}},
		{name: "only herald changed, greader", style: completeStyle, start: entryState{read: true, starred: true},
			local: []string{"unread", "unstar"},
			want:  entryState{}, pushed: []string{"unread", "unstar"}},
		{name: "each side changed another state", style: changesStyle,
			local: []string{"star"}, server: &entryState{read: true}, at: later,
			want: entryState{read: true, starred: true}, pushed: []string{"star"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newSyncEnv(t, tc.style)
			f := e.srv.addSub("https://a.test/feed", "Alpha")
			id := e.srv.addEntry(f, hsync.Entry{Title: "Contested", Content: wholeText,
				Read: tc.start.read, Starred: tc.start.starred})
			// A second entry neither side touches.
			calm := e.srv.addEntry(f, hsync.Entry{Title: "Calm", Content: "<p>c</p>"})
			e.sync()
			if got := e.state(id); got != tc.start {
				t.Fatalf("after the first sync herald has %+v, want %+v", got, tc.start)
			}
			for _, c := range tc.local {
				e.change(id, c)
			}
			if tc.server != nil {
				e.srv.setClock(time.Now().Add(tc.at))
				if tc.server.read != tc.start.read {
					e.srv.setRead(id, tc.server.read)
				}
				if tc.server.starred != tc.start.starred {
					e.srv.setStarred(id, tc.server.starred)
				}
				e.srv.setClock(time.Time{})
			}

			sum := e.sync()
			if got := e.state(id); got != tc.want {
				t.Errorf("herald has %+v, want %+v", got, tc.want)
			}
			if got := e.serverState(id); got != tc.want {
				t.Errorf("the server has %+v, want %+v", got, tc.want)
			}
			var want []string
			for _, k := range tc.pushed {
				want = append(want, k+" "+id)
			}
			if got := e.srv.pushed(); !slices.Equal(got, want) {
				t.Errorf("pushed %v, want %v", got, want)
			}
			if sum.Conflicts != tc.conflicts {
				t.Errorf("conflicts = %d, want %d", sum.Conflicts, tc.conflicts)
			}
			if q := e.queued(); len(q) != 0 {
				t.Errorf("queue after the sync = %v, want empty", q)
			}
			if got := e.state(calm); got != (entryState{}) {
				t.Errorf("untouched entry became %+v", got)
			}
			// Settled: the next sync has nothing to do.
			if sum := e.sync(); sum.Pushed != 0 || sum.Changed != 0 || sum.Conflicts != 0 {
				t.Errorf("next sync = %+v, want nothing", sum)
			}
			if got := e.state(id); got != tc.want {
				t.Errorf("after the next sync herald has %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSyncCompleteBatchReadsWhatItLeavesOut(t *testing.T) {
	e := newSyncEnv(t, completeStyle)
	f := e.srv.addSub("https://a.test/feed", "Alpha")
	add := func(title string, st entryState) string {
		return e.srv.addEntry(f, hsync.Entry{Title: title, Content: wholeText, Read: st.read, Starred: st.starred})
	}
	readThere := add("read there", entryState{})
	unstarredThere := add("unstarred there", entryState{starred: true})
	alreadyRead := add("already read", entryState{read: true})
	unreadHere := add("unread here", entryState{})
	starredHere := add("starred here", entryState{})
	untouched := add("untouched", entryState{})
	unstarredBoth := add("unstarred both", entryState{starred: true})
	e.sync()

	// On another device: each of these is read and not starred, so the
	// server leaves them out of its complete batch.
	for _, id := range []string{readThere, unstarredThere, unreadHere, starredHere, unstarredBoth} {
		e.srv.setRead(id, true)
		e.srv.setStarred(id, false)
	}
	// In herald, meanwhile.
	e.change(unreadHere, "read")
	e.change(unreadHere, "unread")
	e.change(starredHere, "star")
	e.change(unstarredBoth, "unstar")

	sum := e.sync()
	for id, want := range map[string]entryState{
		readThere:      {read: true},
		unstarredThere: {read: true},
		alreadyRead:    {read: true},
		unreadHere:     {},                           // herald's dated change beats the undated server
		starredHere:    {read: true, starred: true},  // the server read it; herald starred it
		untouched:      {},                           // listed unread
		unstarredBoth:  {read: true, starred: false}, // the same on both sides
	} {
		if got := e.state(id); got != want {
			t.Errorf("%q: herald has %+v, want %+v", e.item(id).Title, got, want)
		}
		if got := e.serverState(id); got != want {
			t.Errorf("%q: the server has %+v, want %+v", e.item(id).Title, got, want)
		}
	}
	want := []string{"unread " + unreadHere, "star " + starredHere}
	if got := e.srv.pushed(); !slices.Equal(got, want) {
		t.Errorf("pushed %v, want %v", got, want)
	}
	if sum.Conflicts != 1 {
		t.Errorf("conflicts = %d, want 1 (the unread one)", sum.Conflicts)
	}
	if q := e.queued(); len(q) != 0 {
		t.Errorf("queue = %v", q)
	}
}

func TestSyncRemovedFeedKeepsBookmarksOnBothStyles(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		ctx := context.Background()
		e := newSyncEnv(t, style)
		f := e.srv.addSub("https://a.test/feed", "Alpha")
		starred := e.srv.addEntry(f, hsync.Entry{Title: "Keeper", Content: wholeText, Starred: true})
		e.sync()
		itemID := e.id(starred)
		if err := e.s.Remove(ctx, "https://a.test/feed"); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			e.sync()
		}
		if _, err := e.s.Store.Bookmark(ctx, itemID); err != nil {
			t.Errorf("bookmark of a feed removed in herald lost at the next sync: %v", err)
		}
		if got := e.srv.pushed(); len(got) != 0 {
			t.Errorf("pushed %v", got)
		}
	})
}

func TestSyncRemovesFeedsGoneFromTheServerKeepingBookmarks(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		ctx := context.Background()
		e := newSyncEnv(t, style)
		fa := e.srv.addSub("https://a.test/feed", "Alpha")
		e.srv.addSub("https://b.test/feed", "Beta")
		starred := e.srv.addEntry(fa, hsync.Entry{Title: "Keeper", Content: wholeText, Starred: true})
		plain := e.srv.addEntry(fa, hsync.Entry{Title: "Plain", Content: "<p>p</p>"})
		e.sync()
		itemID := e.id(starred)

		e.srv.removeSub(fa) // from another device
		sum := e.sync()
		if _, ok := e.feed("https://a.test/feed"); ok || sum.Removed != 1 {
			t.Errorf("feed gone from the server still here (summary %+v)", sum)
		}
		if _, ok := e.feed("https://b.test/feed"); !ok {
			t.Errorf("the other feed went too")
		}
		b, err := e.s.Store.Bookmark(ctx, itemID)
		if err != nil || !strings.Contains(b.Markdown, "the lighthouse") {
			t.Errorf("bookmark of the removed feed: %+v, %v; want it kept with its text", b, err)
		}
		if held, _ := e.s.Store.SyncedItems(ctx); held[plain].ItemID != 0 {
			t.Errorf("the removed feed's plain entry is still held: %+v", held[plain])
		}
		// It stays through the next syncs, as any bookmark.
		e.sync()
		if _, err := e.s.Store.Bookmark(ctx, itemID); err != nil {
			t.Errorf("bookmark lost at the next sync: %v", err)
		}
		if q := e.queued(); len(q) != 0 {
			t.Errorf("queue = %v", q)
		}
	})
}

func TestSyncMatchesHeraldsFeedsByURL(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	// herald follows a feed before it syncs; the server has it too.
	if _, err := e.s.Store.AddFeed(ctx, "https://a.test/feed", "Mine", []string{"Own"}); err != nil {
		t.Fatal(err)
	}
	old := e.srv.addSub("https://a.test/feed", "Alpha")
	e.srv.addEntry(old, hsync.Entry{Title: "One", Content: "<p>1</p>"})
	sum := e.sync()
	f, _ := e.feed("https://a.test/feed")
	if f.RemoteID != old || sum.Added != 0 || sum.Subscribed != 0 || f.Note != "" {
		t.Errorf("feed = %+v, summary %+v: want it matched to %s, nothing added or subscribed", f, sum, old)
	}
	if n := e.srv.count("Subscribe"); n != 0 {
		t.Errorf("Subscribe called %d times for a feed the server has", n)
	}

	// Removed and followed again from another device: a new server id,
	// the same feed.
	e.srv.removeSub(old)
	renewed := e.srv.addSub("https://a.test/feed", "Alpha")
	e.srv.addEntry(renewed, hsync.Entry{Title: "Two", Content: "<p>2</p>"})
	sum, err := e.s.Sync(ctx, nil)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	g, ok := e.feed("https://a.test/feed")
	if !ok || g.ID != f.ID || g.RemoteID != renewed || sum.Removed != 0 {
		t.Errorf("feed = %+v (%v), summary %+v: want feed %d kept, now %s", g, ok, sum, f.ID, renewed)
	}
	if n, err := e.s.Store.CountItems(ctx, store.ItemQuery{FeedID: f.ID}); err != nil || n != 2 {
		t.Errorf("items of the feed = %d, %v; want both entries", n, err)
	}
}

func TestSyncAccountChangeForgetsServerIDsAndQueue(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	fa := e.srv.addSub("https://a.test/feed", "Alpha")
	ea := e.srv.addEntry(fa, hsync.Entry{Title: "One", GUID: "g1", Content: "<p>1</p>"})
	e.sync()
	itemID := e.id(ea)
	if _, err := e.s.Store.ChangeRead(ctx, true, itemID); err != nil {
		t.Fatal(err)
	}

	b := newFakeServer(changesStyle, "b")
	fb := b.addSub("https://a.test/feed", "Alpha")
	eb := b.addEntry(fb, hsync.Entry{Title: "One", GUID: "g1", Content: "<p>1</p>"})
	e.s.Remote = &Remote{Provider: b, Account: "fake " + fakeURL + " someone-else", URL: fakeURL}
	if st, _ := e.s.SyncStatus(ctx); !st.Last.IsZero() {
		t.Errorf("status of an account never synced = %+v, want no last sync", st)
	}
	b.setOffline(true)
	if _, err := e.s.Sync(ctx, nil); err == nil {
		t.Fatal("sync with the new server offline: no error")
	}
	if st, _ := e.s.SyncStatus(ctx); !st.Last.IsZero() || st.Err == "" || st.Queued != 0 {
		t.Errorf("status after a failed first sync of the new account = %+v: want no last sync, the error, nothing queued", st)
	}
	b.setOffline(false)
	e.sync()
	// The old account's queue is gone with its ids, but the item is matched
	// on the new server, where herald's read is merged in and pushed.
	if got := b.pushed(); len(got) != 1 || got[0] != "read "+eb {
		t.Errorf("pushed to the new server %v, want the read merged from herald", got)
	}
	if got := e.srv.count("Push"); got != 0 {
		t.Errorf("the old server was pushed to")
	}
	held, _ := e.s.Store.SyncedItems(ctx)
	if _, ok := held[ea]; ok || held[eb].ItemID != itemID || len(held) != 1 {
		t.Errorf("server ids = %+v, want only the new server's %s, on the same item", held, eb)
	}
	if f, _ := e.feed("https://a.test/feed"); f.RemoteID != fb {
		t.Errorf("feed's server id = %q, want %q", f.RemoteID, fb)
	}
	if q := e.queued(); len(q) != 0 {
		t.Errorf("queue = %v", q)
	}
	if st, _ := e.s.SyncStatus(ctx); st.Last.IsZero() || st.Err != "" {
		t.Errorf("status = %+v", st)
	}
}
