package feed

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestDiscoverAlternateLinks(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/blog/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!DOCTYPE html><html><head>
<title>Blog</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Posts &amp; news" href="feed.xml">
<link rel="alternate" type="application/atom+xml" href="/atom.xml">
<link rel="Alternate home" type="application/feed+json; charset=utf-8" href="//cdn.example/feed.json">
<link rel="alternate" type="application/rss+xml" href="feed.xml">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>`)
	})
	srv := quietServer(t, mux)
	links, err := testClient(Options{}).Discover(context.Background(), srv.URL+"/blog/")
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{URL: srv.URL + "/blog/feed.xml", Title: "Posts & news", Type: "application/rss+xml"},
		{URL: srv.URL + "/atom.xml", Type: "application/atom+xml"},
		{URL: "http://cdn.example/feed.json", Type: "application/feed+json"},
	}
	if len(links) != len(want) {
		t.Fatalf("links = %+v", links)
	}
	for i := range want {
		if links[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, links[i], want[i])
		}
	}
}

func TestDiscoverBaseHref(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<html><head><base href="https://other.example/x/"><link rel=alternate type=application/atom+xml href=feed></head></html>`)
	}))
	links, err := testClient(Options{}).Discover(context.Background(), srv.URL)
	if err != nil || len(links) != 1 || links[0].URL != "https://other.example/x/feed" {
		t.Fatalf("got %+v %v", links, err)
	}
}

func TestDiscoverFeedItself(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, smallFeed)
	}))
	links, err := testClient(Options{}).Discover(context.Background(), srv.URL+"/old")
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0] != (Link{URL: srv.URL + "/feed", Title: "Small", Type: "application/rss+xml"}) {
		t.Errorf("links = %+v", links)
	}
}

func TestDiscoverCommonPaths(t *testing.T) {
	var tried []string
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		tried = append(tried, r.URL.Path)
		switch r.URL.Path {
		case "/", "/page":
			io.WriteString(w, "<html><head><title>No links</title></head><body></body></html>")
		case "/feed": // a soft 404: HTML with status 200
			io.WriteString(w, "<html><body>Not here</body></html>")
		case "/atom.xml":
			io.WriteString(w, strings.Replace(atomFeed, "<feed", "<feed ", 1))
		default:
			http.NotFound(w, r)
		}
	})
	srv := quietServer(t, mux)
	links, err := testClient(Options{}).Discover(context.Background(), srv.URL+"/page")
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0].URL != srv.URL+"/atom.xml" || links[0].Type != "application/atom+xml" || links[0].Title != "Atom & Co" {
		t.Errorf("links = %+v", links)
	}
	if strings.Join(tried, " ") != "/page /feed /rss.xml /atom.xml" {
		t.Errorf("tried %v", tried)
	}
}

func TestDiscoverNothing(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "<!doctype html><html><body>plain site</body></html>")
	}))
	_, err := testClient(Options{}).Discover(context.Background(), srv.URL+"/")
	if err == nil || !strings.HasPrefix(err.Error(), "discover "+srv.URL+"/: no feed found") || !strings.Contains(err.Error(), "/rss.xml") {
		t.Fatalf("error = %v", err)
	}

	img := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		io.WriteString(w, "\x89PNG\r\n\x1a\n")
	}))
	if _, err := testClient(Options{}).Discover(context.Background(), img.URL); err == nil || !strings.Contains(err.Error(), "neither a feed nor an HTML page") {
		t.Errorf("image error = %v", err)
	}
	if _, err := testClient(Options{}).Discover(context.Background(), img.URL+"/missing"); err == nil {
		t.Errorf("no error for 404")
	}
}
