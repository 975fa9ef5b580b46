package service

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// TestFeedLinksNeverReadLocalFiles: an item whose link is a file: URL (or
// any scheme but http and https), or an http link that redirects to one, is
// never fetched by FetchFull or by SaveBookmark: the secret stays on disk.
func TestFeedLinksNeverReadLocalFiles(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	secret := filepath.Join(t.TempDir(), "secret.html")
	const word = "hunter2secretword"
	if err := os.WriteFile(secret, []byte("<html><body><article>"+longText(word)+"</article></body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	routes := map[string]string{}
	srv, _ := server(t, routes)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file://"+secret, http.StatusFound)
	})
	redirector := httptest.NewServer(mux)
	t.Cleanup(redirector.Close)
	links := map[string]string{
		"file link":     "file://" + secret,
		"FILE upper":    "FILE://" + secret,
		"localhost":     "file://localhost" + secret,
		"ftp link":      "ftp://a.test/x",
		"redirect":      redirector.URL + "/go",
		"relative path": secret,
	}
	var items []string
	for title, link := range links {
		items = append(items, rssItem(title, title, link, "<p>A teaser about the "+title+" story.</p>", ""))
	}
	routes["/feed.xml"] = rssDoc("Hostile", items...)
	subscribe(t, s, srv.URL+"/feed.xml")
	list, err := s.Store.Items(ctx, store.ItemQuery{})
	if err != nil || len(list) != len(links) {
		t.Fatalf("items: %d %v", len(list), err)
	}
	for _, it := range list {
		if md, err := s.FetchFull(ctx, it.ID); err == nil || strings.Contains(md, word) {
			t.Errorf("%s (%s): FetchFull read it: %v %q", it.Title, it.Link, err, md)
		}
		if err := s.SaveBookmark(ctx, it.ID); err != nil {
			t.Fatal(err)
		}
		b, err := s.Store.Bookmark(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.Markdown, word) || !strings.Contains(b.Markdown, "teaser") {
			t.Errorf("%s (%s): bookmark %+v", it.Title, it.Link, b)
		}
		if _, md, _ := s.Article(ctx, it.ID); strings.Contains(md, word) {
			t.Errorf("%s: the article shows the file", it.Title)
		}
	}
	if hits, err := s.Store.Search(ctx, word, 10); err != nil || len(hits) != 0 {
		t.Errorf("search finds the secret: %v %v", hits, err)
	}
}

// TestMarkInterrupted: a bookmark left "saving" longer than any save takes
// is marked failed ("interrupted") with the item's text, even one saved by
// an older herald without text; a fresh one is left to its save.
func TestMarkInterrupted(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	routes := map[string]string{}
	srv, _ := server(t, routes)
	routes["/feed.xml"] = rssDoc("Feed",
		rssItem("a", "Old save", srv.URL+"/a", "<p>The text of the old save about herons.</p>", ""),
		rssItem("b", "Fresh save", srv.URL+"/b", "<p>The text of the fresh save about owls.</p>", ""))
	ids := subscribe(t, s, srv.URL+"/feed.xml")
	now := time.Now()
	// As an older herald left it: saving, no text.
	if err := s.Store.SaveBookmark(ctx, store.Bookmark{ItemID: ids["Old save"], Saved: now.Add(-time.Hour), State: store.BookmarkSaving}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSaving(ctx, ids["Fresh save"]); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return now.Add(time.Minute) }
	if err := s.MarkInterrupted(ctx); err != nil {
		t.Fatal(err)
	}
	old, _ := s.Store.Bookmark(ctx, ids["Old save"])
	if old.State != store.BookmarkFailed || !strings.Contains(old.Error, "interrupted") || !strings.Contains(old.Markdown, "herons") {
		t.Errorf("old interrupted save: %+v", old)
	}
	fresh, _ := s.Store.Bookmark(ctx, ids["Fresh save"])
	if fresh.State != store.BookmarkSaving || !strings.Contains(fresh.Markdown, "owls") {
		t.Errorf("fresh save: %+v", fresh)
	}
	unfinished, err := s.UnfinishedBookmarks(ctx)
	if err != nil || len(unfinished) != 1 || unfinished[0] != ids["Fresh save"] {
		t.Errorf("unfinished: %v %v", unfinished, err)
	}
	// An old save without text keeps the item's text when its feed goes.
	if err := s.Store.SaveBookmark(ctx, store.Bookmark{ItemID: ids["Old save"], Markdown: " ", State: store.BookmarkSaving}); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, srv.URL+"/feed.xml"); err != nil {
		t.Fatal(err)
	}
	if _, md, err := s.Article(ctx, ids["Old save"]); err != nil || !strings.Contains(md, "herons") {
		t.Errorf("after the feed's removal: %q %v", md, err)
	}
}
