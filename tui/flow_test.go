package tui

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/store"
)

// newFlowModel builds the model for a teatest flow. Window titles are
// recorded instead of written: see common.setTitle.
func newFlowModel(t *testing.T, d Deps) model {
	t.Helper()
	m, err := newModel(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	m.c.setTitle = func(string) tea.Cmd { return nil }
	return m
}

// flowDeadline bounds every wait of a flow: the waits are for conditions,
// and a loaded machine (CI, -race, two cores) may take long to meet them.
const flowDeadline = 2 * time.Minute

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
	}, teatest.WithDuration(flowDeadline), teatest.WithCheckInterval(20*time.Millisecond))
}

// waitForMatch waits until the program's output, from now on, matches re.
func waitForMatch(t *testing.T, tm *teatest.TestModel, re *regexp.Regexp) {
	t.Helper()
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		return re.Match(seen)
	}, teatest.WithDuration(flowDeadline), teatest.WithCheckInterval(20*time.Millisecond))
}

// waitUntil polls cond until it holds, failing the test after flowDeadline.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(flowDeadline)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", flowDeadline)
		}
		time.Sleep(20 * time.Millisecond)
	}
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
	m := newFlowModel(t, d)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "World Report", "Tech Daily", "5 unread")

	// Open World Report (All unread, Bookmarks, Broken Feed, Tech Daily, World Report).
	sendKeys(tm, "G", "enter")
	waitFor(t, tm, "Floods reach the capital", "Elections set for spring", "1/3")

	// Read the first article.
	sendKeys(tm, "enter")
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
	// Marking read runs beside the reload of the feed list: wait for the
	// database to hold both reads before quitting.
	waitUntil(t, func() bool {
		feeds, err := f.st.Feeds(context.Background())
		unread := 0
		for _, fd := range feeds {
			unread += fd.Unread
		}
		return err == nil && unread == 3
	})
	sendKeys(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(flowDeadline))

	fm := tm.FinalModel(t).(model)
	if fm.top() != screenFeeds {
		t.Errorf("final screen = %v", fm.top())
	}
	// The golden shows the counts as stored, whichever of the reload and
	// the read marks landed first in the program.
	h := &harness{t: t, m: fm}
	h.run(loadFeeds(context.Background(), f.svc))
	if h.m.feeds.rows[1].total != 1 {
		t.Errorf("bookmarks = %d", h.m.feeds.rows[1].total)
	}
	bms, err := f.st.Bookmarks(context.Background())
	if err != nil || len(bms) != 1 || bms[0].Title != "Floods reach the capital" || bms[0].State != store.BookmarkSaved {
		t.Fatalf("bookmarks = %+v, %v", bms, err)
	}
	requireGolden(t, h)
}

// TestFlowRefreshKeepsKeys refreshes in the real program while moving
// around: the keys are handled while the refresh runs, and the new item
// appears in the open list.
func TestFlowRefreshKeepsKeys(t *testing.T) {
	f := newFixture(t)
	m := newFlowModel(t, f.deps())
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "World Report")
	sendKeys(tm, "G", "enter")
	waitFor(t, tm, "1/3")
	f.srv.fresh.Store(true)
	sendKeys(tm, "R", "j", "j", "k")
	waitFor(t, tm, "refreshed 3 feeds", "Breaking: bridge reopens")
	sendKeys(tm, "ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(flowDeadline))
	fm := tm.FinalModel(t).(model)
	if fm.items.list.nav.n != 4 {
		t.Errorf("items after refresh = %d", fm.items.list.nav.n)
	}
	if !strings.Contains(fm.View(), "Breaking: bridge reopens") {
		t.Errorf("new item not shown:\n%s", fm.View())
	}
}

// TestFlowKeysDuringLargeRefresh refreshes 1,000 feeds whose server holds
// every answer until the test lets go: meanwhile the program must still
// move, open and render an article. Then the refresh completes and the
// lists show the new feeds' items.
func TestFlowKeysDuringLargeRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 feeds")
	}
	f := newFixture(t)
	release := make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulk %s</title>%s</channel></rss>`, r.URL.Path,
			rssItem("https://bulk.example", "Bulk story "+r.URL.Path, strings.Trim(r.URL.Path, "/"), "Mon, 23 Nov 2026 10:00:00 GMT", "<p>Bulk.</p>"))
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	start := time.Now()
	defer func() { t.Logf("total %v", time.Since(start)) }()
	for i := range 1000 {
		if _, err := f.st.AddFeed(ctx, fmt.Sprintf("%s/%04d.xml", srv.URL, i), "", nil); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("1000 feeds added in %v", time.Since(start))
	// Long enough that no request times out while the server holds them.
	f.svc.Client = feed.NewClient(feed.Options{Timeout: time.Minute, Workers: 32, PerHost: 32})
	d := f.deps()
	d.Renderer = render.New(render.Options{Dark: true, NoColor: true})
	m := newFlowModel(t, d)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "Broken Feed")
	sendKeys(tm, "R")
	waitFor(t, tm, "refreshing")
	// The refresh is stuck on the network; the UI is not: open World
	// Report (the last feed) and render an article.
	sendKeys(tm, "G", "enter")
	waitFor(t, tm, "Floods reach the capital", "1/3")
	sendKeys(tm, "enter")
	// (The refresh may have updated this article already: no author then.)
	waitFor(t, tm, "World Report · ", "Rivers rose overnight", "100%")
	sendKeys(tm, "q", "q")
	waitFor(t, tm, "R refresh all") // the feeds screen (scrolled to World Report)
	t.Logf("keys handled during the refresh by %v", time.Since(start))
	once.Do(func() { close(release) })
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		return bytes.Contains(seen, []byte("refreshed 1003 feeds: 1000 new items")) && bytes.Contains(seen, []byte("1004 unread"))
	}, teatest.WithDuration(flowDeadline), teatest.WithCheckInterval(50*time.Millisecond))
	sendKeys(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(flowDeadline))
	fm := tm.FinalModel(t).(model)
	if got := fm.feeds.rows[0].unread; got != 1004 {
		t.Errorf("All unread after the refresh = %d", got)
	}
}
