package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/herald-reader/herald/store"
)

// Cases an adversarial review found: each failed before its fix.

func TestJAfterTheListDroppedTheArticle(t *testing.T) {
	h := newHarness(t, newTriageFixture(t).deps())
	h.keys("enter") // All unread
	var want []string
	for _, r := range h.m.items.list.rows {
		want = append(want, r.title)
	}
	h.keys("enter") // read the first: a reload drops it from All unread
	h.run(h.m.reloadLists())
	h.keys("J")
	if h.m.reader.r.title != want[1] {
		t.Fatalf("J after a reload opened %q, want %q", h.m.reader.r.title, want[1])
	}
	h.run(h.m.reloadLists())
	h.keys("n")
	if h.m.reader.r.title != want[2] {
		t.Fatalf("n after a reload opened %q, want %q", h.m.reader.r.title, want[2])
	}
}

func TestNextUnreadOnBookmarks(t *testing.T) {
	h := newHarness(t, newTriageFixture(t).deps())
	h.selectFeed("Bookmarks")
	h.keys("n")
	if h.m.top() != screenFeeds {
		t.Fatalf("n on Bookmarks opened %q", h.m.reader.r.title)
	}
	h.mustContain("no more unread articles")
}

func TestNextUnreadSurvivesAReload(t *testing.T) {
	f := newTriageFixture(t)
	if _, err := f.st.MarkRead(context.Background(), store.ItemQuery{FeedID: f.feeds["World Report"].ID}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps())
	h.selectFeed("World Report") // all read: n asks the database for the next feed
	h.keys("enter")
	nm, cmd := h.m.nextUnread(false)
	h.m = nm.(model)
	h.run(h.m.reloadLists()) // a refresh reloads the list meanwhile
	h.run(cmd)
	if h.m.top() != screenReader {
		t.Fatalf("n was lost: screen %v, status %q", h.m.top(), h.m.status)
	}
}

func TestQuestionStaysUntilAnswered(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	h.keys("A")
	h.send(statusMsg{text: "3 new items"}) // a background refresh ends
	h.mustContain("[y/N]")
	h.keys("x")
	if n, _ := f.st.CountItems(context.Background(), store.ItemQuery{Unread: true}); n == 0 {
		t.Fatal("a cancelled question marked everything read")
	}
}

func TestUndoBringsItemsBackToTheOpenList(t *testing.T) {
	h := newHarness(t, newTriageFixture(t).deps())
	h.keys("A", "y", "enter")
	h.mustContain("No unread items.")
	h.keys("u")
	if h.m.items.list.nav.n != 6 {
		t.Fatalf("after undo the list has %d items, want 6", h.m.items.list.nav.n)
	}
}

func TestNextUnreadWrapsWithinTheList(t *testing.T) {
	f := newTriageFixture(t)
	ctx := context.Background()
	for _, name := range []string{"Tech Daily", "Night Shift", "Wire Copy"} {
		if _, err := f.st.MarkRead(ctx, store.ItemQuery{FeedID: f.feeds[name].ID}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter", "G", "enter", "n") // the last one read; the unread are above it
	if h.m.top() != screenReader || h.m.reader.r.title == "Undated dispatch" {
		t.Fatalf("n from the bottom: %q, status %q", h.m.reader.r.title, h.m.status)
	}
}

func TestOverrideTakesAKeyFromANewerAction(t *testing.T) {
	k, err := defaultKeyMap().withOverrides(map[string][]string{"toggle_read": {"u"}})
	if err != nil {
		t.Fatal(err)
	}
	if !key.Matches(keyMsg("u"), k.ToggleRead) || key.Matches(keyMsg("u"), k.Undo) {
		t.Fatal("u should toggle read and no longer undo")
	}
	if got := Clashes(map[string][]string{"toggle_read": {"u"}}); len(got) != 1 || !strings.Contains(got[0], `"u" now does toggle_read, no longer undo`) {
		t.Fatalf("Clashes = %q", got)
	}
	if _, err := defaultKeyMap().withOverrides(map[string][]string{"undo": {"x"}, "play": {"x"}}); err == nil {
		t.Fatal("one key given to two actions was accepted")
	}
	// The defaults themselves never share a key.
	seen := map[string]string{}
	def := defaultKeyMap()
	for name, kb := range def.bindings() {
		for _, s := range kb.Keys() {
			if other, ok := seen[s]; ok {
				t.Errorf("default key %q is both %s and %s", s, other, name)
			}
			seen[s] = name
		}
	}
}

func TestFeedLoadsCoalesce(t *testing.T) {
	h := newHarness(t, newTriageFixture(t).deps())
	first := h.m.loadFeeds()
	if first == nil || h.m.loadFeeds() != nil || h.m.loadFeeds() != nil {
		t.Fatal("a burst of reloads queued more than one load")
	}
	// The answer to the first brings one more load for the burst, then none.
	nm, again := h.m.Update(first())
	h.m = nm.(model)
	if again == nil {
		t.Fatal("the load asked for during the first was dropped")
	}
	nm, last := h.m.Update(again())
	h.m = nm.(model)
	if last != nil {
		t.Fatal("loads went on after the burst")
	}
}

func TestTagsDifferingInCaseAreOneGroup(t *testing.T) {
	f := newTriageFixture(t)
	if err := f.st.SetTags(context.Background(), f.feeds["Tech Daily"].ID, []string{"News"}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps())
	groups := 0
	for _, r := range h.m.feeds.rows {
		if r.kind == kindTag {
			groups++
		}
	}
	if groups != 1 {
		t.Fatalf("%d groups for news and News, want 1:\n%s", groups, h.view())
	}
	h.mustContain("  Tech Daily", "  World Report")
}
