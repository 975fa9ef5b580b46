package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/store"
)

func TestFeedsScreen(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	if h.m.top() != screenFeeds {
		t.Fatalf("start screen = %v", h.m.top())
	}
	// Virtual feeds first, then the subscriptions with counts.
	rows := h.m.feeds.rows
	if len(rows) != 5 || rows[0].title != "All unread" || rows[1].title != "Bookmarks" {
		t.Fatalf("rows = %+v", rows)
	}
	if rows[0].unread != 5 {
		t.Errorf("All unread = %d, want 5", rows[0].unread)
	}
	h.mustContain("All unread", "5 unread", "Bookmarks", "World Report", "3/3", "Tech Daily", "2/2", "Broken Feed")

	// The failing feed is marked, and its error shows when it is selected.
	h.selectFeed("Broken Feed")
	v := h.view()
	if !strings.Contains(v, ">! Broken Feed") {
		t.Errorf("broken feed not marked:\n%s", v)
	}
	h.mustContain("last refresh failed: HTTP 500 Internal Server Error (fetching http") // the reason first

	// Movement keys.
	h.keys("g")
	if h.m.feeds.nav.cursor != 0 {
		t.Errorf("g: cursor = %d", h.m.feeds.nav.cursor)
	}
	h.keys("G")
	if h.m.feeds.nav.cursor != 4 {
		t.Errorf("G: cursor = %d", h.m.feeds.nav.cursor)
	}
	h.keys("k", "up")
	if h.m.feeds.nav.cursor != 2 {
		t.Errorf("k up: cursor = %d", h.m.feeds.nav.cursor)
	}
	h.keys("j")
	if h.m.feeds.nav.cursor != 3 {
		t.Errorf("j: cursor = %d", h.m.feeds.nav.cursor)
	}
	h.send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	if h.m.feeds.nav.cursor != 0 {
		t.Errorf("wheel up: cursor = %d", h.m.feeds.nav.cursor)
	}

	// q on the feeds screen quits.
	h.keys("q")
	if !h.quit {
		t.Error("q on the feeds screen did not quit")
	}
}

func TestFeedsMarkFeedRead(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("A")
	if n := h.m.feeds.rows[0].unread; n != 2 {
		t.Errorf("All unread after A on World Report = %d, want 2", n)
	}
	h.mustContain("0/3")
}

func TestItemsScreen(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter")
	if h.m.top() != screenItems {
		t.Fatalf("screen = %v", h.m.top())
	}
	l := &h.m.items.list
	if l.nav.n != 3 || len(l.rows) != 3 {
		t.Fatalf("items = %d (%d loaded)", l.nav.n, len(l.rows))
	}
	// Newest first (an undated item sorts where its feed put it, and
	// shows when it was first seen); unread marks; dates relative to testNow.
	if l.rows[0].title != "Floods reach the capital" || l.rows[2].title != "Undated dispatch" {
		t.Errorf("rows = %q, %q", l.rows[0].title, l.rows[1].title)
	}
	h.mustContain("●", "Floods reach the capital", "World Report", "Fri", "Undated dispatch", "1/3")

	// m toggles read, locally and in the database.
	h.keys("m")
	if !l.rows[0].read {
		t.Error("m did not mark read")
	}
	it, err := f.st.Item(context.Background(), l.rows[0].id)
	if err != nil || !it.Read {
		t.Errorf("store read = %v, %v", it.Read, err)
	}
	if h.m.feeds.rows[0].unread != 4 {
		t.Errorf("feeds not reloaded: All unread = %d", h.m.feeds.rows[0].unread)
	}
	h.keys("m")
	if l.rows[0].read {
		t.Error("second m did not mark unread")
	}

	// Back with esc, h or backspace; q goes back too, without quitting.
	h.keys("esc")
	for _, k := range []string{"esc", "h", "backspace", "q"} {
		h.keys("enter")
		if h.m.top() != screenItems {
			t.Fatalf("%s: not on items", k)
		}
		h.keys(k)
		if h.m.top() != screenFeeds || h.quit {
			t.Fatalf("%s: screen %v quit %v", k, h.m.top(), h.quit)
		}
	}
}

func TestItemsAllUnreadAndBookmarks(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.keys("enter") // All unread
	if h.m.items.list.nav.n != 5 {
		t.Fatalf("All unread = %d items", h.m.items.list.nav.n)
	}
	h.mustContain("Tech Daily", "World Report")
	h.keys("esc", "j", "enter") // Bookmarks
	h.mustContain("No bookmarks yet")
}

func TestItemsBookmark(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter")
	h.selectItem("Floods reach the capital")
	sel, _ := h.m.items.list.selected()
	id := sel.id

	// Pressing s shows "saving…" at once; the save runs in a command.
	nm, cmd := h.m.Update(keyMsg("s"))
	h.m = nm.(model)
	if st := h.m.c.bm[id]; st.state != store.BookmarkSaving {
		t.Fatalf("state after s = %q", st.state)
	}
	h.mustContain("saving…", "★")
	h.run(cmd)
	if st := h.m.c.bm[id]; st.state != store.BookmarkSaved {
		t.Fatalf("state after save = %+v", st)
	}
	h.mustContain("★", "bookmark saved")
	b, err := f.st.Bookmark(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	// The feed carried a summary: the full page was fetched.
	if !strings.Contains(b.Markdown, "Paragraph 8 of the full story") {
		t.Errorf("bookmark is not the full article:\n%s", b.Markdown)
	}
	if h.m.feeds.rows[1].total != 1 {
		t.Errorf("Bookmarks count = %d", h.m.feeds.rows[1].total)
	}

	// A page that cannot be fetched: saved with the summary, labelled so,
	// and the reason is shown.
	h.selectItem("Undated dispatch") // links to a 404
	h.keys("s")
	sel, _ = h.m.items.list.selected()
	id = sel.id
	if st := h.m.c.bm[id]; st.state != store.BookmarkFailed || st.reason == "" {
		t.Fatalf("state = %+v", st)
	}
	h.mustContain("summary", "bookmark saved without the full article:")
	if !strings.Contains(h.m.c.bm[id].reason, "404") {
		t.Errorf("reason = %q", h.m.c.bm[id].reason)
	}
	h.keys("k", "j") // the reason stays visible on the selected row
	h.mustContain("bookmark saved without the full article:")

	// The Bookmarks list shows both with their states.
	h.keys("esc", "g", "j", "enter")
	if h.m.items.list.nav.n != 2 {
		t.Fatalf("bookmarks = %d", h.m.items.list.nav.n)
	}
	h.mustContain("★", "summary")
}

func TestItemsWindowedLoading(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fd, err := f.st.AddFeed(ctx, "https://many.example/feed", "Many", nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	items := make([]store.NewItem, n)
	for i := range items {
		items[i] = item("many"+strconv.Itoa(i), "Item "+strconv.Itoa(i), "https://many.example/"+strconv.Itoa(i), "", testNow.Add(-time.Duration(i)*time.Minute), "<p>body</p>")
	}
	if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Items: items, At: testNow}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps())
	h.selectFeed("Many")
	h.keys("enter")
	l := &h.m.items.list
	if l.nav.n != n || len(l.rows) != pageSize || l.off != 0 {
		t.Fatalf("first window: n=%d rows=%d off=%d", l.nav.n, len(l.rows), l.off)
	}
	h.keys("G")
	if r, ok := l.selected(); !ok || r.title != "Item 999" {
		t.Fatalf("G: selected %v %v (off %d)", r, ok, l.off)
	}
	if len(l.rows) > pageSize {
		t.Errorf("window grew to %d rows", len(l.rows))
	}
	h.mustContain("1000/1000", "Item 999")
	for range 40 {
		h.keys("pgup")
	}
	if r, ok := l.selected(); !ok || r.title != "Item "+strconv.Itoa(l.nav.cursor) {
		t.Fatalf("after pgup: cursor %d row %v", l.nav.cursor, r)
	}
	h.keys("g")
	h.mustContain("Item 0", "1/1000")
}

// Bookmarks left "saving" by a killed herald are saved again at start, in
// the background and a few at a time, and keep the item's text meanwhile.
func TestInterruptedBookmarksResumedAtStart(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	items, err := f.st.Items(ctx, store.ItemQuery{})
	if err != nil || len(items) <= maxResumes {
		t.Fatal(len(items), err)
	}
	for _, it := range items {
		if err := f.svc.MarkSaving(ctx, it.ID); err != nil {
			t.Fatal(err)
		}
		if b, err := f.st.Bookmark(ctx, it.ID); err != nil || b.State != store.BookmarkSaving || strings.TrimSpace(b.Markdown) == "" {
			t.Fatalf("a bookmark being saved should hold the item's text: %+v %v", b, err)
		}
	}
	m, err := newModel(ctx, f.deps())
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	next, _ := m.Update(unfinishedBookmarksMsg{ids: ids})
	if m = next.(model); len(m.c.saving) != maxResumes || len(m.c.resume) != len(items)-maxResumes {
		t.Fatalf("saving %d at once with %d queued; want %d and %d", len(m.c.saving), len(m.c.resume), maxResumes, len(items)-maxResumes)
	}

	h := newHarness(t, f.deps()) // Init finds them and saves them all
	for _, it := range items {
		if st := h.m.c.bm[it.ID]; st.state == store.BookmarkSaving {
			t.Errorf("%s still saving after start", it.Title)
		}
		if b, err := f.st.Bookmark(ctx, it.ID); err != nil || b.State == store.BookmarkSaving {
			t.Errorf("stored bookmark of %s after start: %+v %v", it.Title, b, err)
		}
	}
	if len(h.m.c.resume) != 0 || len(h.m.c.saving) != 0 {
		t.Errorf("left: %d queued, %d saving", len(h.m.c.resume), len(h.m.c.saving))
	}
	h.keys("j", "enter") // Bookmarks
	h.mustContain("★", items[0].Title)
}

// Bookmarks read in full with every server gone and their feed removed.
func TestBookmarksOffline(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h := newHarness(t, f.deps())
	h.selectFeed("World Report")
	h.keys("enter")
	h.selectItem("Floods reach the capital")
	h.keys("s")
	f.srv.Close()
	if err := f.st.RemoveFeed(ctx, f.feeds["World Report"].URL); err != nil {
		t.Fatal(err)
	}
	h = newHarness(t, f.deps())
	h.keys("j", "enter")
	if h.m.items.list.nav.n != 1 {
		t.Fatalf("bookmarks = %d", h.m.items.list.nav.n)
	}
	h.keys("enter")
	if !strings.Contains(h.m.reader.md, "Paragraph 8 of the full story") {
		t.Fatalf("bookmark not read in full (err %q):\n%s", h.m.reader.err, h.m.reader.md)
	}
	h.mustContain("Floods reach the capital", "Paragraph 1 of the full story")
}

func TestBurstOfRunesActsAsSeparateKeys(t *testing.T) {
	// One read can deliver several typed keys as one KeyRunes message
	// ("jj" from key repeat, or tmux send-keys): each must count.
	h := newHarness(t, newFixture(t).deps())
	h.keys("g")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjj")})
	if h.m.feeds.nav.cursor != 3 {
		t.Fatalf("jjj: cursor = %d, want 3", h.m.feeds.nav.cursor)
	}
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("kk")})
	if h.m.feeds.nav.cursor != 1 {
		t.Fatalf("kk: cursor = %d, want 1", h.m.feeds.nav.cursor)
	}
	// A paste is one message, not keys: it must not move the cursor.
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj"), Paste: true})
	if h.m.feeds.nav.cursor != 1 {
		t.Fatalf("paste moved the cursor to %d", h.m.feeds.nav.cursor)
	}
}
