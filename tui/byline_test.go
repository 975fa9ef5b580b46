package tui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// bylinePage is an article page signed by Mara Quist.
func bylinePage(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html><head><title>%s</title><meta name="author" content="Mara Quist"></head>
<body><nav>Home | Harbour</nav><article><h1>%s</h1><p class="byline">By <a rel="author" href="/mara">Mara Quist</a></p>`, title, title)
	for i := range 8 {
		fmt.Fprintf(&b, "<p>Paragraph %d of the signed story about %s. The harbour master explained the work to come, "+
			"and the ferry company published its revised timetable for the season ahead.</p>", i+1, strings.ToLower(title))
	}
	b.WriteString("</article><footer>Copyright</footer></body></html>")
	return b.String()
}

// TestFetchFullKeepsTheByline: after f, the reader's header still names the
// author: the feed's when it gave one, else the page's byline (which the
// full article's Markdown carries, and the body does not repeat).
func TestFetchFullKeepsTheByline(t *testing.T) {
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, bylinePage("Harbour works"))
	}))
	t.Cleanup(pages.Close)
	f := newFixture(t)
	ctx := t.Context()
	fd, err := f.st.AddFeed(ctx, pages.URL+"/feed.xml", "Harbour Desk", nil)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)
	teaser := "<p>A short teaser about the harbour.</p>"
	if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Title: "Harbour Desk", At: testNow, Items: []store.NewItem{
		item("unsigned", "Ferry timetable changes", pages.URL+"/unsigned", "", day, teaser),
		item("signed", "Quay repairs begin", pages.URL+"/signed", "Ana Reyes", day.Add(time.Hour), teaser),
	}}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps())
	open := func(title string) {
		t.Helper()
		h.selectFeed("Harbour Desk")
		h.keys("enter")
		h.selectItem(title)
		h.keys("enter")
		if h.m.top() != screenReader {
			t.Fatalf("screen = %v", h.m.top())
		}
	}

	open("Ferry timetable changes")
	if strings.Contains(h.view(), "Mara Quist") {
		t.Fatalf("the feed gave no author, yet the header names one:\n%s", h.view())
	}
	h.keys("f")
	if !strings.Contains(h.m.reader.md, "Paragraph 8 of the signed story") {
		t.Fatalf("f did not load the full article:\n%s", h.m.reader.md)
	}
	h.mustContain("Harbour Desk · Mara Quist · ")
	if n := strings.Count(h.view(), "Mara Quist"); n != 1 {
		t.Errorf("the byline shows %d times, want once, in the header:\n%s", n, h.view())
	}
	// Opened again, from the cached full article: the byline stays.
	h.keys("esc", "esc")
	open("Ferry timetable changes")
	h.mustContain("Harbour Desk · Mara Quist · ")

	// The feed's author wins over the page's byline.
	h.keys("esc", "esc")
	open("Quay repairs begin")
	h.mustContain("Harbour Desk · Ana Reyes · ")
	h.keys("f")
	if !strings.Contains(h.m.reader.md, "Paragraph 8 of the signed story") {
		t.Fatalf("f did not load the full article:\n%s", h.m.reader.md)
	}
	h.mustContain("Harbour Desk · Ana Reyes · ")
	if strings.Contains(h.view(), "Mara Quist") {
		t.Errorf("the page's byline replaced the feed's author:\n%s", h.view())
	}
}
