package tui

import (
	"context"

	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/store"
)

// newTriageFixture is the fixture with World Report and Tech Daily tagged
// "news", a wire feed repeating the floods story, and a podcast.
func newTriageFixture(t testing.TB) *fixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	for _, title := range []string{"World Report", "Tech Daily"} {
		if err := f.st.SetTags(ctx, f.feeds[title].ID, []string{"news"}); err != nil {
			t.Fatal(err)
		}
	}
	a := f.srv.URL + "/article/"
	add := func(path, title string, items ...store.NewItem) {
		fd, err := f.st.AddFeed(ctx, f.srv.URL+path, title, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Title: title, Items: items, At: testNow}); err != nil {
			t.Fatal(err)
		}
		f.feeds[title] = fd
	}
	floods := item("wire-floods", "Floods reach the capital city", a+"floods?utm_source=wire", "", time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC), "<p>Wire copy of the floods.</p>")
	add("/wire.xml", "Wire Copy", floods)
	ep := item("ep1", "Episode one: the harbour at night", a+"ep1", "", time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC), "<p>Show notes.</p>")
	ep.MediaURL, ep.MediaType, ep.MediaSize, ep.MediaDuration = f.srv.URL+"/media/ep1.mp3", "audio/mpeg", 47<<20, 3723
	add("/podcast.xml", "Night Shift", ep)
	return f
}

func TestTagGroupsAndVirtualFeed(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	h.mustContain("▾ news", "  Tech Daily", "  World Report", "Night Shift", "Wire Copy")
	h.selectFeed("news")
	h.keys("tab")
	h.mustContain("▸ news", "folded news")
	if strings.Contains(h.view(), "  Tech Daily") {
		t.Fatalf("folded group still lists its feeds:\n%s", h.view())
	}
	// The fold is kept: a new reader on the same database starts folded.
	h2 := newHarness(t, f.deps())
	h2.mustContain("▸ news")
	h.keys("tab")
	h.mustContain("▾ news", "  Tech Daily")

	// The tag is a virtual feed: its feeds' items, from several feeds.
	h.selectFeed("news")
	h.keys("enter")
	if h.m.items.list.nav.n != 5 {
		t.Fatalf("news lists %d items, want 5", h.m.items.list.nav.n)
	}
	h.mustContain("news", "World Report", "Tech Daily")
	// A on a tag asks first.
	h.keys("A")
	h.mustContain("mark all 5 unread items of news read?")
	h.keys("y")
	h.mustContain("marked news read")
	if n, _ := f.st.CountItems(context.Background(), store.ItemQuery{Unread: true, FeedIDs: []int64{f.feeds["World Report"].ID, f.feeds["Tech Daily"].ID}}); n != 0 {
		t.Fatalf("%d unread left in news", n)
	}
}

func TestNextUnreadAcrossFeeds(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("n") // from the feeds screen: the feed's first unread
	if h.m.top() != screenReader || h.m.reader.r.title != "Floods reach the capital" {
		t.Fatalf("n on a feed: screen %v, %q", h.m.top(), h.m.reader.r.title)
	}
	h.keys("n")
	if h.m.reader.r.title != "Elections set for spring" {
		t.Fatalf("n: %q", h.m.reader.r.title)
	}
	// Skip one, then come back to it with p.
	h.keys("J", "n")
	if h.m.reader.r.title != "Undated dispatch" && !strings.Contains(h.view(), "next unread in") {
		t.Fatalf("n after J: %q", h.m.reader.r.title)
	}
	// Past World Report's last unread, n goes on to the next feed with
	// unread items in the feed list's order (Broken Feed has none).
	for range 3 {
		if strings.Contains(h.view(), "next unread in") {
			break
		}
		h.keys("n")
	}
	h.mustContain("next unread in Night Shift")
	if h.m.items.src.title != "Night Shift" || h.m.reader.r.title != "Episode one: the harbour at night" {
		t.Fatalf("crossed to %q, reading %q", h.m.items.src.title, h.m.reader.r.title)
	}
	h.keys("p") // back: the previous feed with unread items, its last one
	if h.m.items.src.kind != kindFeed || h.m.reader.r.read != true {
		t.Fatalf("p: src %+v", h.m.items.src)
	}
	// At the very end: everything is read, n says so.
	if _, err := f.st.MarkRead(context.Background(), store.ItemQuery{}); err != nil {
		t.Fatal(err)
	}
	h.send(readChangedMsg{})
	h.keys("n")
	h.mustContain("no more unread articles")

	// From a list, n opens the selected row when it is unread.
	h = newHarness(t, newTriageFixture(t).deps())
	h.selectFeed("Tech Daily")
	h.keys("enter", "n")
	if h.m.top() != screenReader || h.m.reader.r.title != "New chip doubles battery life" {
		t.Fatalf("n in a list: screen %v %q", h.m.top(), h.m.reader.r.title)
	}
}

func TestUndoReadChanges(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	unread := func() int {
		n, err := f.st.CountItems(context.Background(), store.ItemQuery{Unread: true})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	start := unread()
	h.keys("u")
	h.mustContain("nothing to undo")
	h.selectFeed("World Report")
	h.keys("enter", "m")                 // toggle
	h.keys("j", "enter", "esc")          // read on open
	h.keys("A")                          // a feed is marked at once
	if got := unread(); got != start-4 { // floods has a copy in Wire Copy: read too
		t.Fatalf("unread after m, open, A = %d, want %d", got, start-4)
	}
	h.keys("u")
	h.mustContain("undone: marked World Report read")
	h.keys("u")
	h.mustContain("undone: read “Elections set for spring”")
	h.keys("u")
	h.mustContain("undone: marked “Floods reach the capital” read (2 items)")
	if got := unread(); got != start {
		t.Fatalf("unread after three undos = %d, want %d", got, start)
	}
	for _, r := range h.m.items.list.rows {
		if r.read {
			t.Errorf("row %q still read in the list", r.title)
		}
	}
}

func TestConfirmOnAllUnread(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	total := h.m.feeds.rows[0].unread
	h.keys("A")
	h.mustContain("mark all", "unread items of All unread read? [y/N]")
	h.keys("x")
	h.mustContain("cancelled")
	if h.m.feeds.rows[0].unread != total {
		t.Fatalf("cancelled A marked items read")
	}
	h.keys("A", "y")
	if h.m.feeds.rows[0].unread != 0 {
		t.Fatalf("All unread = %d after A y", h.m.feeds.rows[0].unread)
	}
	h.keys("u")
	if h.m.feeds.rows[0].unread != total {
		t.Fatalf("All unread = %d after undo, want %d", h.m.feeds.rows[0].unread, total)
	}
}

func TestDuplicateStoryShownOnce(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	// Floods reaches us twice (World Report, Wire Copy): counted once.
	if got := h.m.feeds.rows[0].unread; got != 6 {
		t.Fatalf("All unread = %d, want 6 (7 items, one story twice)", got)
	}
	h.keys("enter")
	n := 0
	for _, r := range h.m.items.list.rows {
		if strings.HasPrefix(r.title, "Floods reach the capital") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the floods story is listed %d times", n)
	}
	h.selectItem("Floods reach the capital")
	h.keys("enter")
	h.mustContain("also in Wire Copy", "min read")
	wire, _ := f.st.Items(context.Background(), store.ItemQuery{FeedID: f.feeds["Wire Copy"].ID})
	if !wire[0].Read {
		t.Fatal("reading the story left its copy unread")
	}
}

func TestHideReadAndOrderAreKept(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter", "m", "H")
	h.mustContain("showing unread items only")
	if h.m.items.list.nav.n != 2 {
		t.Fatalf("with H: %d items, want 2", h.m.items.list.nav.n)
	}
	h.keys("O")
	if r, _ := h.m.items.list.at(0); r.title != "Undated dispatch" {
		t.Fatalf("oldest first starts with %q", r.title)
	}
	// A new reader on the same database keeps both, and hides the feeds
	// with nothing unread (Broken Feed still shows: it failed).
	h2 := newHarness(t, f.deps())
	if !h2.m.c.prefs.hideRead || !h2.m.c.prefs.oldestFirst {
		t.Fatalf("prefs not kept: %+v", h2.m.c.prefs)
	}
	h2.mustContain("Broken Feed")
	h2.keys("H")
	h2.mustContain("showing read items too")
}

func TestPlayMedia(t *testing.T) {
	f := newTriageFixture(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "played")
	script := filepath.Join(dir, "player.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '"+log+"'; done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	d := f.deps()
	d.Config.Player = script + " --no-video"
	h := newHarness(t, d)
	h.selectFeed("Night Shift")
	h.keys("enter", "enter")
	h.mustContain("Audio: "+f.srv.URL+"/media/ep1.mp3 (audio/mpeg, 47 MB, 1:02:03)", "1 min read")
	h.keys("e")
	h.mustContain("playing in " + script)
	want := "--no-video\n" + f.srv.URL + "/media/ep1.mp3\n"
	waitUntil(t, func() bool { b, _ := os.ReadFile(log); return string(b) == want })
	// An item without media says so and runs nothing.
	h.keys("q", "q")
	h.selectFeed("Tech Daily")
	h.keys("enter", "e")
	h.mustContain("this item has no audio or video")
}

func TestReadingPositionKept(t *testing.T) {
	f := newTriageFixture(t)
	h := newHarness(t, f.deps())
	h.send(tea.WindowSizeMsg{Width: 80, Height: 12}) // several pages
	openArticle(h, "Elections set for spring")
	h.keys("space")
	off := h.m.reader.vp.YOffset
	if off == 0 {
		t.Fatal("the long article does not scroll")
	}
	h.keys("esc", "enter")
	if h.m.reader.vp.YOffset != off {
		t.Fatalf("reopened at line %d, want %d", h.m.reader.vp.YOffset, off)
	}
	// Read to the end: the next open starts at the top again.
	h.keys("G", "esc", "enter")
	if h.m.reader.vp.YOffset != 0 {
		t.Fatalf("an article read to the end reopened at line %d", h.m.reader.vp.YOffset)
	}
}

func TestConfigMistakeShownAtStart(t *testing.T) {
	d := newFixture(t).deps()
	d.ConfigErr = "config /x/config.toml: ignored unknown settings: colour"
	h := newHarness(t, d)
	h.mustContain("ignored unknown settings: colour")
	h.keys("j")
	if strings.Contains(h.view(), "colour") {
		t.Fatal("the config message outlived the next key")
	}
}

func TestNextUnreadFromAllUnread(t *testing.T) {
	h := newHarness(t, newTriageFixture(t).deps())
	h.keys("n") // the cursor is on All unread
	if h.m.top() != screenReader || h.m.items.src.title != "All unread" {
		t.Fatalf("n on All unread: screen %v, list %q", h.m.top(), h.m.items.src.title)
	}
	h.keys("q")
	h.mustContain("herald › All unread")
}

func TestNextUnreadMovesTheListCursor(t *testing.T) {
	h := newHarness(t, newTriageFixture(t).deps())
	h.keys("enter", "enter", "n") // All unread: open the first, n to the second
	second := h.m.reader.r.id
	h.keys("esc")
	if r, ok := h.m.items.list.selected(); !ok || r.id != second || h.m.items.list.nav.cursor != 1 {
		t.Fatalf("after n and esc the cursor is on row %d", h.m.items.list.nav.cursor)
	}
	h.mustContain("2/6")
}

func TestTagCountsAStoryOnce(t *testing.T) {
	f := newTriageFixture(t)
	// The wire copy joins the news tag: the floods story is in two of its feeds.
	if err := f.st.SetTags(context.Background(), f.feeds["Wire Copy"].ID, []string{"news"}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps())
	h.selectFeed("news")
	if r, _ := h.m.feeds.selected(); r.unread != 5 {
		t.Fatalf("news counts %d unread, want 5 (6 items, one story twice)", r.unread)
	}
	h.keys("A")
	h.mustContain("mark all 5 unread items of news read?")
}
