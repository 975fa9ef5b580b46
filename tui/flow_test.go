package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/store"
)

// waitFor waits until the program has written every string.
func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		for _, w := range want {
			if !bytes.Contains(seen, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func sendKeys(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// TestFlow runs the real program (teatest) on a real store and service:
// open a feed, read an article, bookmark it, search, go back, quit.
func TestFlow(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Renderer = render.New(render.Options{Dark: true, NoColor: true})
	m, err := newModel(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "World Report", "Tech Daily", "5 unread")

	// Open World Report (All unread, Bookmarks, Broken Feed, Tech Daily, World Report).
	sendKeys(tm, "G", "enter")
	waitFor(t, tm, "Floods reach the capital", "Elections set for spring", "1/3")

	// Read the second article.
	sendKeys(tm, "j", "enter")
	waitFor(t, tm, "Ana Reyes", "Rivers rose overnight")

	// Bookmark it: saving, then saved.
	sendKeys(tm, "s")
	waitFor(t, tm, "bookmark saved")

	// Search for a word in two articles and open the other result.
	sendKeys(tm, "/")
	waitFor(t, tm, "enter search")
	tm.Type("zebra")
	sendKeys(tm, "enter")
	waitFor(t, tm, "2 results for", "New chip doubles battery life")
	sendKeys(tm, "g", "enter")
	waitFor(t, tm, "Lee Park")

	// Back to the results, back to the reader, the list and the feeds.
	sendKeys(tm, "esc")
	waitFor(t, tm, "2 results for")
	sendKeys(tm, "q", "q", "q")
	waitFor(t, tm, "Bookmarks")
	sendKeys(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))

	fm := tm.FinalModel(t).(model)
	if fm.top() != screenFeeds {
		t.Errorf("final screen = %v", fm.top())
	}
	if fm.feeds.rows[1].total != 1 {
		t.Errorf("bookmarks = %d", fm.feeds.rows[1].total)
	}
	bms, err := f.st.Bookmarks(context.Background())
	if err != nil || len(bms) != 1 || bms[0].Title != "Floods reach the capital" || bms[0].State != store.BookmarkSaved {
		t.Fatalf("bookmarks = %+v, %v", bms, err)
	}
	h := &harness{t: t, m: fm}
	requireGolden(t, h)
}

// TestFlowRefreshKeepsKeys refreshes in the real program while moving
// around: the keys are handled while the refresh runs, and the new item
// appears in the open list.
func TestFlowRefreshKeepsKeys(t *testing.T) {
	f := newFixture(t)
	m, err := newModel(context.Background(), f.deps())
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "World Report")
	sendKeys(tm, "G", "enter")
	waitFor(t, tm, "1/3")
	f.srv.fresh.Store(true)
	sendKeys(tm, "R", "j", "j", "k")
	waitFor(t, tm, "refreshed 3 feeds", "Breaking: bridge reopens")
	sendKeys(tm, "ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	fm := tm.FinalModel(t).(model)
	if fm.items.list.nav.n != 4 {
		t.Errorf("items after refresh = %d", fm.items.list.nav.n)
	}
	if !strings.Contains(fm.View(), "Breaking: bridge reopens") {
		t.Errorf("new item not shown:\n%s", fm.View())
	}
}
