package service

import (
	"context"
	"slices"
	"strings"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

// hookPush runs a function at the start of each Push (a user acting while
// the push is on its way).
type hookPush struct {
	*fakeServer
	before func()
}

func (h *hookPush) Push(ctx context.Context, c []hsync.Change) error {
	if h.before != nil {
		f := h.before
		h.before = nil
		f()
	}
	return h.fakeServer.Push(ctx, c)
}

func TestSyncChangeMadeWhileThePushRunsIsPushedNextTime(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		ctx := context.Background()
		e, a, _ := syncedPair(t, style)
		hp := &hookPush{fakeServer: e.srv}
		e.s.Remote.Provider = hp
		id := e.id(a[0])
		if _, err := e.s.Store.ChangeRead(ctx, true, id); err != nil {
			t.Fatal(err)
		}
		hp.before = func() {
			// the user marks it unread again while the push runs
			if _, err := e.s.Store.ChangeRead(ctx, false, id); err != nil {
				t.Fatal(err)
			}
		}
		e.sync()
		e.sync()
		e.sync()
		se, _ := e.srv.entry(a[0])
		it := e.item(a[0])
		t.Logf("after sync 3: server read=%v herald read=%v queue=%v pushed=%v", se.Read, it.Read, e.queued(), e.srv.pushed())
		if it.Read {
			t.Errorf("the user's last change (unread) was lost: herald read again")
		}
		if se.Read != it.Read {
			t.Errorf("diverged: server read=%v herald read=%v", se.Read, it.Read)
		}
	})
}

func TestSyncKeepsFeedsWhenTheServerListsNone(t *testing.T) {
	e := newSyncEnv(t, changesStyle)
	id := e.srv.addSub("https://a.test/feed", "Alpha")
	e.srv.addEntry(id, hsync.Entry{Title: "One", Content: "<p>1</p>"})
	e.sync()
	e.srv.removeSub(id)
	sum := e.sync()
	if f, ok := e.feed("https://a.test/feed"); !ok || f.RemoteID != id || sum.Kept != 1 || sum.Removed != 0 {
		t.Fatalf("feed = %+v (%v), summary %+v: want it kept, and the summary to say so", f, ok, sum)
	}
	if !strings.Contains(sum.String(), "1 feeds kept although the server listed none") {
		t.Errorf("summary line: %s", sum)
	}
}

func TestSyncTagsFollowTheServersFolders(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	id := e.srv.addSub("https://a.test/feed", "Alpha", "News", "All")
	e.sync()
	f, _ := e.feed("https://a.test/feed")
	if !slices.Equal(f.Tags, []string{"News"}) {
		t.Fatalf("tags after the first sync = %v, want [News] (not the catch-all All)", f.Tags)
	}
	if err := e.s.Store.SetTags(ctx, f.ID, []string{"News", "mine"}); err != nil {
		t.Fatal(err)
	}
	e.sync() // nothing changed on the server: herald's own tag stays
	if f, _ = e.feed("https://a.test/feed"); !slices.Equal(f.Tags, []string{"News", "mine"}) {
		t.Fatalf("tags = %v after a sync with the same folders", f.Tags)
	}
	e.srv.mu.Lock()
	for i := range e.srv.subs {
		if e.srv.subs[i].ID == id {
			e.srv.subs[i].Folders = []string{"World"}
		}
	}
	e.srv.mu.Unlock()
	e.sync()
	if f, _ = e.feed("https://a.test/feed"); !slices.Equal(f.Tags, []string{"mine", "World"}) {
		t.Fatalf("tags = %v after the folder moved from News to World on the server, want [mine World]", f.Tags)
	}
}
