package service

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	if _, err := s.Store.AddFeed(ctx, srv.URL+"/feed.xml", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
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
