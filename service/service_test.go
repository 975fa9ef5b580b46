package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// newService returns a service on a fresh database in a temp dir.
func newService(t *testing.T) *Service {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Service{Store: st, Client: feed.NewClient(feed.Options{}), Workers: 2}
}

// server serves fixed bodies by path; a status in place of a body answers
// with that status.
func server(t *testing.T, routes map[string]string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasPrefix(body, "status:"):
			var code int
			fmt.Sscanf(body, "status:%d", &code)
			if code == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "3600")
			}
			w.WriteHeader(code)
		case strings.HasPrefix(body, "<rss"), strings.HasPrefix(body, "<?xml"):
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, body)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// subscribe adds and refreshes the feed at url and returns its items' ids
// by title.
func subscribe(t *testing.T, s *Service, url string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Store.AddFeed(ctx, url, "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	list, err := s.Store.Items(ctx, store.ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range list {
		ids[it.Title] = it.ID
	}
	return ids
}

func rssDoc(title string, items ...string) string {
	return `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>` + title +
		`</title><link>https://site.test/</link>` + strings.Join(items, "") + `</channel></rss>`
}

func rssItem(guid, title, link, desc, content string) string {
	s := `<item><guid isPermaLink="false">` + guid + `</guid><title>` + title + `</title>`
	if link != "" {
		s += `<link>` + link + `</link>`
	}
	s += `<description><![CDATA[` + desc + `]]></description>`
	if content != "" {
		s += `<content:encoded><![CDATA[` + content + `]]></content:encoded>`
	}
	return s + `</item>`
}

func longText(topic string) string {
	var b strings.Builder
	for i := 1; i <= 14; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d about %s goes on for a while, with enough words in it that the whole article is clearly longer than a teaser would ever be.</p>", i, topic)
	}
	return b.String()
}

func TestRefreshSummaryAndProgress(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	srv, _ := server(t, map[string]string{
		"/a.xml":   rssDoc("Feed A", rssItem("a1", "A one", "", "<p>First.</p>", ""), rssItem("a2", "A two", "", "<p>Second.</p>", "")),
		"/b.xml":   rssDoc("Feed B", rssItem("b1", "B one", "", "<p>Only.</p>", "")),
		"/500.xml": "status:500",
		"/410.xml": "status:410",
		"/429.xml": "status:429",
	})
	for _, p := range []string{"/a.xml", "/b.xml", "/500.xml", "/410.xml", "/429.xml"} {
		if _, err := s.Store.AddFeed(ctx, srv.URL+p, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	var progress []Progress
	sum, err := s.Refresh(ctx, nil, func(p Progress) { progress = append(progress, p) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Feeds: 5, New: 3, Unchanged: 0, Failed: 3}); sum != want {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	if got, want := sum.String(), "refreshed 5 feeds: 3 new items, 0 unchanged, 3 failed"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if len(progress) != 5 || progress[4].Done != 5 || progress[0].Total != 5 {
		t.Errorf("progress: %+v", progress)
	}
	feeds, err := s.Store.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Feed{}
	for _, f := range feeds {
		byURL[f.URL] = f
	}
	if f := byURL[srv.URL+"/a.xml"]; f.Title != "Feed A" || f.LastError != "" || f.Total != 2 {
		t.Errorf("feed A: %+v", f)
	}
	if f := byURL[srv.URL+"/500.xml"]; f.LastError == "" || strings.Contains(f.LastError, "\n") {
		t.Errorf("500 feed error %q: want one line", f.LastError)
	}
	if f := byURL[srv.URL+"/410.xml"]; !f.Gone {
		t.Errorf("410 feed not marked gone: %+v", f)
	}

	// Second refresh: the gone feed is no longer fetched and the 429 feed
	// waits for its Retry-After.
	progress = nil
	sum, err = s.Refresh(ctx, nil, func(p Progress) { progress = append(progress, p) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Feeds != 4 {
		t.Errorf("second refresh fetched %d feeds, want 4 (the gone one skipped): %+v", sum.Feeds, sum)
	}
	skipped := 0
	for _, p := range progress {
		if p.Skipped {
			skipped++
			if !strings.HasSuffix(p.URL, "/429.xml") {
				t.Errorf("skipped %s", p.URL)
			}
		}
	}
	if skipped != 1 {
		t.Errorf("want the 429 feed skipped once, progress %+v", progress)
	}

	// Only named feeds; unknown ones are an error.
	sum, err = s.Refresh(ctx, []string{srv.URL + "/b.xml"}, nil)
	if err != nil || sum.Feeds != 1 || sum.Unchanged != 1 {
		t.Errorf("refresh one: %+v %v", sum, err)
	}
	if _, err := s.Refresh(ctx, []string{"https://nowhere.test/x"}, nil); err == nil {
		t.Errorf("refresh of an unknown URL: no error")
	}
}

func TestRefreshNoFeeds(t *testing.T) {
	if _, err := newService(t).Refresh(context.Background(), nil, nil); !errors.Is(err, ErrNoFeeds) {
		t.Errorf("err = %v, want ErrNoFeeds", err)
	}
}

func TestArticleCleansOnFirstOpenWithBoilerplate(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	const bp = "<p>Support the Gazette: become a member for the price of a coffee.</p>"
	var items []string
	for i := 1; i <= 4; i++ {
		items = append(items, rssItem(fmt.Sprintf("g%d", i), fmt.Sprintf("Story %d", i), "",
			fmt.Sprintf("<p>Story %d teaser.</p>", i),
			fmt.Sprintf("<p>Story %d has its own words about the canal number %d.</p>", i, i)+bp))
	}
	srv, _ := server(t, map[string]string{"/g.xml": rssDoc("Gazette", items...)})
	f, err := s.Store.AddFeed(ctx, srv.URL+"/g.xml", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	list, err := s.Store.Items(ctx, store.ItemQuery{FeedID: f.ID})
	if err != nil || len(list) != 4 {
		t.Fatalf("items: %v %v", list, err)
	}
	raw, err := s.Store.Item(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if raw.Markdown != "" {
		t.Errorf("markdown made at refresh although CleanAtRefresh is off")
	}
	it, md, err := s.Article(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "own words about the canal") {
		t.Errorf("article lacks its text:\n%s", md)
	}
	if strings.Contains(md, "price of a coffee") {
		t.Errorf("feed boilerplate kept:\n%s", md)
	}
	if sanitize.HasControl(md) || it.Title == "" {
		t.Errorf("bad article %q %q", it.Title, md)
	}
	cached, err := s.Store.Item(ctx, list[0].ID)
	if err != nil || cached.Markdown != md {
		t.Errorf("markdown not cached: %q vs %q (%v)", cached.Markdown, md, err)
	}

	// With CleanAtRefresh the Markdown is stored by the refresh itself.
	s2 := newService(t)
	s2.CleanAtRefresh = true
	if _, err := s2.Store.AddFeed(ctx, srv.URL+"/g.xml", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	list2, _ := s2.Store.Items(ctx, store.ItemQuery{})
	got, err := s2.Store.Item(ctx, list2[0].ID)
	if err != nil || !strings.Contains(got.Markdown, "own words") || strings.Contains(got.Markdown, "price of a coffee") {
		t.Errorf("CleanAtRefresh markdown: %q %v", got.Markdown, err)
	}
}

func TestSaveBookmark(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	routes := map[string]string{}
	srv, hits := server(t, routes)
	routes["/full"] = "<!doctype html><html><head><title>Full</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Full story</h1><p>Only the page has this sentence about the tidal mill.</p>" + longText("the mill") + "</article></body></html>"
	routes["/feed.xml"] = rssDoc("Teasers",
		rssItem("t1", "Full story", srv.URL+"/full", `<p>A teaser.</p><p><a href="`+srv.URL+`/full">Read more</a></p>`, ""),
		rssItem("t2", "Broken link", srv.URL+"/missing", `<p>Another teaser about the regatta.</p>`, ""),
		rssItem("t3", "Whole article", srv.URL+"/never", "<p>Summary.</p>", longText("the whole thing")),
	)
	ids := subscribe(t, s, srv.URL+"/feed.xml")

	if err := s.SaveBookmark(ctx, ids["Full story"]); err != nil {
		t.Fatal(err)
	}
	b, err := s.Store.Bookmark(ctx, ids["Full story"])
	if err != nil {
		t.Fatal(err)
	}
	if b.State != store.BookmarkSaved || !strings.Contains(b.Markdown, "tidal mill") || b.FeedURL != srv.URL+"/feed.xml" || b.Saved.IsZero() {
		t.Errorf("bookmark of a teaser: %+v", b)
	}

	if err := s.SaveBookmark(ctx, ids["Broken link"]); err != nil {
		t.Fatal(err)
	}
	b, err = s.Store.Bookmark(ctx, ids["Broken link"])
	if err != nil {
		t.Fatal(err)
	}
	if b.State != store.BookmarkFailed || b.Error == "" || !strings.Contains(b.Markdown, "regatta") {
		t.Errorf("failed bookmark should keep the summary with the reason: %+v", b)
	}
	if strings.Count(b.Error, "/missing") > 1 {
		t.Errorf("error repeats the URL: %q", b.Error)
	}

	before := hits.Load()
	if err := s.SaveBookmark(ctx, ids["Whole article"]); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != before {
		t.Errorf("a full article was fetched again")
	}
	b, _ = s.Store.Bookmark(ctx, ids["Whole article"])
	if b.State != store.BookmarkSaved || !strings.Contains(b.Markdown, "the whole thing") {
		t.Errorf("full-content bookmark: %+v", b)
	}

	// Saving again does not fetch again.
	before = hits.Load()
	if err := s.SaveBookmark(ctx, ids["Full story"]); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != before {
		t.Errorf("re-saving a saved bookmark fetched the page again")
	}

	// The article shown is the bookmark's, also once the feed is gone.
	if err := s.Remove(ctx, srv.URL+"/feed.xml"); err != nil {
		t.Fatal(err)
	}
	it, md, err := s.Article(ctx, ids["Full story"])
	if err != nil || !strings.Contains(md, "tidal mill") || !it.Bookmarked || it.Title != "Full story" {
		t.Errorf("bookmark after feed removal: %+v %q %v", it, md, err)
	}
}

func TestSummaryOnly(t *testing.T) {
	long := longText("x")
	for _, tc := range []struct {
		name string
		it   store.Item
		want bool
	}{
		{"no content", store.Item{Summary: "<p>s</p>"}, true},
		{"content is the summary", store.Item{Summary: long, Content: long}, true},
		{"short", store.Item{Summary: "<p>s</p>", Content: "<p>A few words.</p>"}, true},
		{"continue reading", store.Item{Summary: "s", Content: long + `<p><a href="x">Continue reading…</a></p>`}, true},
		{"read more", store.Item{Summary: "s", Content: long + `<a>Read more</a>`}, true},
		{"full", store.Item{Summary: "<p>s</p>", Content: long}, false},
	} {
		if got := summaryOnly(tc.it); got != tc.want {
			t.Errorf("%s: summaryOnly = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	urls := "https://a.test/feed \"news\" \"~Alpha\"\nexec:rm -rf /\nhttp://b.test/rss\n"
	n, err := s.Import(ctx, strings.NewReader(urls), "urls")
	var rej *RejectedError
	if n != 2 || !errors.As(err, &rej) || len(rej.Lines) != 1 || !strings.Contains(rej.Lines[0], "exec:") {
		t.Fatalf("import urls: n=%d err=%v", n, err)
	}
	feeds, _ := s.Store.Feeds(ctx)
	if len(feeds) != 2 {
		t.Fatalf("feeds: %+v", feeds)
	}
	for _, f := range feeds {
		if f.URL == "https://a.test/feed" && (f.Title != "Alpha" || len(f.Tags) != 1 || f.Tags[0] != "news") {
			t.Errorf("urls title/tags lost: %+v", f)
		}
	}

	var out strings.Builder
	if err := s.Export(ctx, &out); err != nil {
		t.Fatal(err)
	}
	s2 := newService(t)
	if n, err := s2.Import(ctx, strings.NewReader(out.String()), "export.opml"); n != 2 || err != nil {
		t.Fatalf("re-import: %d %v\n%s", n, err, out.String())
	}
	if _, err := s.Import(ctx, strings.NewReader("<opml><body><outline"), "bad.opml"); err == nil {
		t.Errorf("broken OPML imported without error")
	}
}

func TestReadFeedItem(t *testing.T) {
	s := &Service{Client: feed.NewClient(feed.Options{Timeout: 5 * time.Second})}
	doc := rssDoc("R", rssItem("1", "First", "", "<p>The first one.</p>", ""), rssItem("2", "Second", "", "<p>The second one.</p>", ""))
	md, err := s.Read(context.Background(), "-", strings.NewReader(doc), 1)
	if err != nil || !strings.Contains(md, "The second one.") || !strings.Contains(md, "Second") {
		t.Errorf("read item 1: %q %v", md, err)
	}
	if _, err := s.Read(context.Background(), "-", strings.NewReader(doc), 5); err == nil {
		t.Errorf("item out of range: no error")
	}
	md, err = s.Read(context.Background(), "-", strings.NewReader("one line\nanother line\n"), 0)
	if err != nil || !strings.Contains(md, "another line") {
		t.Errorf("read text: %q %v", md, err)
	}
}

func TestAddDiscovers(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	routes := map[string]string{
		"/feed.xml": rssDoc("Found", rssItem("1", "x", "", "<p>x</p>", "")),
		"/": `<html><head><link rel="alternate" type="application/rss+xml" title="Main" href="/feed.xml">` +
			`<link rel="alternate" type="application/rss+xml" title="Other" href="/other.xml"></head><body></body></html>`,
	}
	srv, _ := server(t, routes)
	a, err := s.AddFeed(ctx, srv.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if a.Feed.URL != srv.URL+"/feed.xml" || len(a.Others) != 1 || a.Existed {
		t.Errorf("added %+v", a)
	}
	a, err = s.AddFeed(ctx, srv.URL+"/feed.xml")
	if err != nil || !a.Existed {
		t.Errorf("second add: %+v %v", a, err)
	}
	if _, err := s.AddFeed(ctx, "exec:ls"); err == nil {
		t.Errorf("exec: URL added")
	}
}

func TestRefreshStopsOnDatabaseFailure(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { s.Store.Close() }) // the database goes away mid-refresh
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssDoc("F", rssItem("1", "x", "", "<p>x</p>", "")))
	}))
	defer srv.Close()
	for i := range 3 {
		if _, err := s.Store.AddFeed(ctx, fmt.Sprintf("%s/%d.xml", srv.URL, i), "", nil); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := s.Refresh(ctx, nil, nil)
	if err == nil {
		t.Fatalf("refresh on a closed database: no error (%+v)", sum)
	}
	if sum.Feeds != 3 || sum.Failed != 3 {
		t.Errorf("summary %+v: want every feed failed", sum)
	}
}
