package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/service"
	hsync "github.com/herald-reader/herald/sync"
)

// fakeServer is a sync server holding World Report's two dated stories.
type fakeServer struct {
	feedURL string
	offline bool
	pushed  []hsync.Change
}

var errOffline = errors.New("dial tcp 127.0.0.1:9: connect: connection refused")

func (f *fakeServer) Name() string { return "fake" }

func (f *fakeServer) Subscriptions(context.Context) ([]hsync.Subscription, error) {
	if f.offline {
		return nil, errOffline
	}
	return []hsync.Subscription{{ID: "1", URL: f.feedURL, Title: "World Report"}}, nil
}

func (f *fakeServer) Subscribe(context.Context, string, string) (hsync.Subscription, error) {
	return hsync.Subscription{}, errors.New("the server cannot reach that feed")
}

func (f *fakeServer) Unsubscribe(context.Context, string) error { return nil }

func (f *fakeServer) Pull(_ context.Context, cursor string, _ func(string) bool) (hsync.Batch, error) {
	if f.offline {
		return hsync.Batch{}, errOffline
	}
	if cursor != "" {
		return hsync.Batch{Cursor: cursor}, nil
	}
	return hsync.Batch{Cursor: "1", Entries: []hsync.Entry{
		{ID: "11", FeedID: "1", GUID: "floods", Title: "Floods reach the capital"},
		{ID: "12", FeedID: "1", GUID: "elections", Title: "Elections set for spring"},
	}}, nil
}

func (f *fakeServer) Push(_ context.Context, changes []hsync.Change) error {
	if f.offline {
		return errOffline
	}
	f.pushed = append(f.pushed, changes...)
	return nil
}

// syncHarness is a harness over the fixture synced once with srv, whose
// background-sync ticks are held until the test delivers them.
func syncHarness(t *testing.T, srv *fakeServer) (*harness, *int) {
	t.Helper()
	f := newFixture(t)
	srv.feedURL = f.srv.URL + "/world.xml"
	f.svc.Remote = &service.Remote{Provider: srv, URL: "http://sync.test", Account: "fake me"}
	if _, err := f.svc.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m, err := newModel(context.Background(), f.deps())
	if err != nil {
		t.Fatal(err)
	}
	ticks := 0
	m.sync.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { ticks++; return nil }
	m.c.now = func() time.Time { return testNow }
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	h.run(m.Init())
	return h, &ticks
}

func TestFooterShowsSyncStateAndQueuedChangesGoInTheBackground(t *testing.T) {
	srv := &fakeServer{}
	h, ticks := syncHarness(t, srv)
	h.mustContain("synced 09:00")
	if strings.Contains(h.view(), "queued") || *ticks != 0 {
		t.Fatalf("nothing is queued yet, ticks = %d:\n%s", *ticks, h.view())
	}
	h.selectFeed("World Report")
	h.keys("enter")
	h.selectItem("Floods reach the capital")
	h.keys("m", "esc")
	h.mustContain("synced 09:00 · 1 queued")
	if *ticks != 1 {
		t.Fatalf("background sync scheduled %d times, want once", *ticks)
	}
	h.send(syncTickMsg{})
	if len(srv.pushed) != 1 || srv.pushed[0] != (hsync.Change{EntryID: "11", Kind: hsync.MarkRead}) {
		t.Fatalf("pushed %+v, want 11 read", srv.pushed)
	}
	h.mustContain("synced 09:00")
	if strings.Contains(h.view(), "queued") {
		t.Fatalf("the queue is still shown after the push:\n%s", h.view())
	}
	// The reader's sync indexed what is stored for search.
	if n, err := h.m.c.svc.Store.Unindexed(context.Background()); err != nil || n != 0 {
		t.Fatalf("after the reader's sync %d items wait for the index (%v)", n, err)
	}
}

func TestFooterShowsAFailedSyncAndKeepsTheChanges(t *testing.T) {
	srv := &fakeServer{}
	h, ticks := syncHarness(t, srv)
	srv.offline = true
	h.selectFeed("World Report")
	h.keys("enter")
	h.selectItem("Elections set for spring")
	h.keys("m", "esc")
	h.send(syncTickMsg{})
	h.selectFeed("All unread")
	h.mustContain("sync failed · 1 queued", "connection refused")
	if *ticks != 2 || h.m.sync.delay() != 2*syncPushDelay {
		t.Fatalf("after a failure: ticks = %d, next delay %v; want a second, later try", *ticks, h.m.sync.delay())
	}
	srv.offline = false
	h.send(syncTickMsg{})
	if len(srv.pushed) != 1 || srv.pushed[0].EntryID != "12" {
		t.Fatalf("pushed %+v after the server came back", srv.pushed)
	}
	h.mustContain("synced 09:00")
}
