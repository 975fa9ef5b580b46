package tui

import (
	"context"
	"testing"
)

func TestSearch(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	ctx := context.Background()
	if n, err := f.st.Unindexed(ctx); err != nil || n == 0 {
		t.Fatalf("the fixture's items wait for the index: %d, %v", n, err)
	}
	h.keys("/")
	// Opening the search indexes what is new while the query is typed.
	if n, err := f.st.Unindexed(ctx); err != nil || n != 0 {
		t.Fatalf("after opening the search, %d items wait for the index (%v)", n, err)
	}
	if h.m.top() != screenSearch || !h.m.search.focused() {
		t.Fatalf("screen %v focused %v", h.m.top(), h.m.search.focused())
	}
	h.mustContain("enter search", "esc cancel")
	// Keys are typed into the input while it has focus: q does not quit.
	h.typeText("qzebra")
	h.keys("backspace")
	if h.quit || h.m.search.input.Value() != "qzebr" {
		t.Fatalf("input = %q quit %v", h.m.search.input.Value(), h.quit)
	}
	h.keys("a") // "qzebra"
	for range 6 {
		h.keys("backspace")
	}
	h.typeText("zebra")
	h.keys("enter")
	if h.m.search.focused() || h.m.search.list.nav.n != 2 {
		t.Fatalf("results = %d (focused %v, err %q)", h.m.search.list.nav.n, h.m.search.focused(), h.m.search.err)
	}
	h.mustContain("2 results for “zebra”", "Floods reach the capital", "New chip doubles battery life", "1/2")

	// Open a result, step to the next one, go back to the results.
	h.keys("enter")
	if h.m.top() != screenReader {
		t.Fatalf("enter on a result: screen %v", h.m.top())
	}
	first := h.m.reader.r.title
	h.keys("J")
	if h.m.reader.r.title == first || h.m.search.list.nav.cursor != 1 {
		t.Errorf("J in search results: %q, cursor %d", h.m.reader.r.title, h.m.search.list.nav.cursor)
	}
	h.keys("q")
	if h.m.top() != screenSearch || h.m.search.focused() {
		t.Fatalf("q from the reader: screen %v focused %v", h.m.top(), h.m.search.focused())
	}
	// Bookmark from the results.
	h.keys("s")
	if _, ok := h.m.c.bm[h.m.search.list.rows[1].id]; !ok {
		t.Error("s on a result did not bookmark")
	}
	// esc leaves the search screen, from the results and from the input;
	// / comes back to the query typed last.
	h.keys("esc")
	if h.m.top() != screenFeeds || h.quit {
		t.Fatalf("esc on results: screen %v quit %v", h.m.top(), h.quit)
	}
	h.keys("/")
	if !h.m.search.focused() || h.m.search.input.Value() != "zebra" {
		t.Fatalf("/ again: focused %v value %q", h.m.search.focused(), h.m.search.input.Value())
	}
	h.keys("esc")
	if h.m.top() != screenFeeds || h.quit {
		t.Fatalf("esc in the input: screen %v quit %v", h.m.top(), h.quit)
	}
}

func TestSearchCancelAndNoResults(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.keys("/", "esc")
	if h.m.top() != screenFeeds {
		t.Fatalf("esc in an empty search: screen %v", h.m.top())
	}
	h.keys("/")
	h.typeText("nothingmatchesthis")
	h.keys("enter")
	h.mustContain("0 results for “nothingmatchesthis”")
	// A query FTS5 might choke on is an error line, not a crash.
	h.keys("/")
	h.typeText(`"unbalanced AND (`)
	h.keys("enter")
	if h.m.top() != screenSearch {
		t.Fatalf("screen %v", h.m.top())
	}
	// Search again from the reader returns to the same search screen.
	h.keys("esc", "esc", "q")
	h.selectFeed("Tech Daily")
	h.keys("enter", "enter", "/")
	if got := len(h.m.stack); got != 4 || h.m.top() != screenSearch {
		t.Fatalf("stack = %v", h.m.stack)
	}
	h.keys("/")
	if got := len(h.m.stack); got != 4 {
		t.Fatalf("stack after / / = %v", h.m.stack)
	}
}
