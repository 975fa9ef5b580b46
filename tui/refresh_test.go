package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/service"
)

func TestRefreshThisFeed(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter")
	h.selectItem("Floods reach the capital")
	f.srv.fresh.Store(true)
	before := f.srv.hits.Load()
	h.keys("r")
	if got := f.srv.hits.Load() - before; got != 1 {
		t.Errorf("r fetched %d feeds, want 1", got)
	}
	if h.m.refresh.active {
		t.Error("refresh still active after done")
	}
	h.mustContain("refreshed 1 feeds: 1 new items")
	// The new item is in the list without a restart; the cursor stayed on
	// the same article.
	h.mustContain("Breaking: bridge reopens")
	if r, ok := h.m.items.list.selected(); !ok || r.title != "Floods reach the capital" {
		t.Errorf("cursor moved to %+v", r)
	}
	if h.m.items.list.nav.n != 4 {
		t.Errorf("items = %d", h.m.items.list.nav.n)
	}
	// Once it has reported, the refresh indexes what it stored for search,
	// in the background.
	waitIndexed(t, f)
}

// waitIndexed waits until no item waits for the search index.
func waitIndexed(t *testing.T, f *fixture) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		n, err := f.st.Unindexed(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d items still wait for the index a minute after the refresh", n)
		}
		time.Sleep(10 * time.Millisecond) // polling a condition, not timing
	}
}

func TestRefreshAll(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	before := f.srv.hits.Load()
	h.keys("R")
	if got := f.srv.hits.Load() - before; got != 3 {
		t.Errorf("R fetched %d feeds, want 3", got)
	}
	h.mustContain("refreshed 3 feeds:", "1 failed")
	h.keys("g", "j", "j") // Broken Feed; the key clears the summary
	h.mustContain(">! Broken Feed", "last refresh failed:", "500")
}

func TestRefreshProgressThrottle(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter")
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	h.m.c.now = func() time.Time { return now }
	ch := make(chan any)
	close(ch) // the pump then ends at once
	h.m.refresh = refreshState{active: true, gen: 3, ch: ch, lastReload: now, bar: h.m.refresh.bar}
	h.m.layout()

	gen := h.m.items.gen
	h.send(refreshProgressMsg{gen: 3, p: service.Progress{Done: 1, Total: 1000, Title: "A", New: 2}})
	if h.m.items.gen != gen {
		t.Error("reloaded within the throttle interval")
	}
	if !h.m.refresh.dirty {
		t.Error("new items not noted")
	}
	now = now.Add(1500 * time.Millisecond)
	h.send(refreshProgressMsg{gen: 3, p: service.Progress{Done: 2, Total: 1000, Title: "B"}})
	if h.m.items.gen == gen || h.m.refresh.dirty {
		t.Error("no reload after the interval")
	}
	h.mustContain("refreshing", "2/1000 B")
	// Keys keep working during a refresh.
	h.keys("j")
	if h.m.items.list.nav.cursor != 1 {
		t.Error("j ignored during a refresh")
	}
	h.keys("R")
	h.mustContain("a refresh is already running")
	// A message from an older refresh is ignored.
	h.send(refreshDoneMsg{gen: 2})
	if !h.m.refresh.active {
		t.Error("stale done ended the refresh")
	}
	h.send(refreshDoneMsg{gen: 3, sum: service.Summary{Feeds: 1000, New: 2}})
	if h.m.refresh.active || !strings.Contains(h.view(), "refreshed 1000 feeds: 2 new items") {
		t.Errorf("done not shown:\n%s", h.view())
	}
}

func TestRefreshOnStart(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Config.RefreshOnStart = true
	before := f.srv.hits.Load()
	h := newHarness(t, d)
	if got := f.srv.hits.Load() - before; got != 3 {
		t.Errorf("start refresh fetched %d feeds", got)
	}
	h.mustContain("refreshed 3 feeds")
}
