package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// hostile strings carry OSC 52 (clipboard), OSC 8 (links), OSC 0 (window
// title), CSI 2J (clear screen), BEL, C1 controls (UTF-8 encoded and raw)
// and bidi overrides.
var hostile = []string{
	"\x1b]52;c;ZXZpbA==\x07Pwned clipboard",
	"\x1b]8;;https://evil.example/\x07Click here\x1b]8;;\x07",
	"\x1b]0;fake title\x07Title",
	"\x1b[2JCleared screen",
	"Bell\x07ring\x1b\\",
	"C1 \u009b31m and \u009d0;x\u009c",
	"raw \x9b31m byte",
	"bidi \u202egnp.exe\u202c and \u2066isolate\u2069",
}

// assertHarmless fails if s could drive the terminal: under the Ascii
// profile the UI adds no escape sequences itself, so there must be none.
func assertHarmless(t *testing.T, where, s string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\x9b", "\u009b", "\u009d", "\u202e", "\u2066"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s contains %q:\n%q", where, bad, s)
		}
	}
	if sanitize.HasControl(s) {
		t.Errorf("%s contains a control character:\n%q", where, s)
	}
}

func TestHostileText(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	title := strings.Join(hostile, " | ")
	fd, err := f.st.AddFeed(ctx, "https://evil.example/feed", "Evil "+title, nil)
	if err != nil {
		t.Fatal(err)
	}
	var items []store.NewItem
	for i, h := range hostile {
		items = append(items, store.NewItem{
			GUID:      "evil" + h,
			Title:     "Evil " + h,
			Author:    h,
			Link:      "https://evil.example/" + h,
			Published: testNow.Add(-time.Duration(i) * time.Hour),
			Content:   "<p>Body " + h + " pwned</p>",
		})
	}
	if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Title: "Evil " + title, Items: items, At: testNow}); err != nil {
		t.Fatal(err)
	}
	// And a refresh error that carries escapes too.
	if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Err: "fetch failed: " + title, At: testNow}); err != nil {
		t.Fatal(err)
	}
	d := f.deps()
	d.Title = "herald \x1b]0;owned\x07"
	h := newHarness(t, d)

	var evil string
	for _, r := range h.m.feeds.rows {
		if strings.HasPrefix(r.title, "Evil") {
			evil = r.title
		}
	}
	if evil == "" {
		t.Fatal("hostile feed not listed")
	}
	h.selectFeed(evil)
	assertHarmless(t, "feeds view", h.view())
	if !strings.Contains(h.view(), "last refresh failed") {
		t.Errorf("the hostile error is not shown:\n%s", h.view())
	}
	h.keys("enter")
	assertHarmless(t, "items view", h.view())
	h.mustContain("Pwned clipboard", "Cleared screen")
	for i := range hostile {
		h.m.items.list.nav.moveTo(i)
		h.keys("enter")
		assertHarmless(t, "reader view "+hostile[i], h.view())
		h.keys("?")
		assertHarmless(t, "reader help", h.view())
		h.keys("?", "s")
		assertHarmless(t, "reader after s", h.view())
		h.keys("esc")
	}
	h.keys("esc", "/")
	h.typeText("pwned")
	h.keys("enter")
	if h.m.search.list.nav.n == 0 {
		t.Error("search found no hostile item")
	}
	assertHarmless(t, "search view", h.view())
	for _, title := range h.titles {
		assertHarmless(t, "window title", title)
	}
	if len(h.titles) < len(hostile) {
		t.Errorf("only %d window titles set", len(h.titles))
	}
}
