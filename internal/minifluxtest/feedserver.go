package minifluxtest

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Item is one item of a feed the FeedServer serves.
type Item struct {
	GUID      string
	Title     string
	Link      string    // empty: URL/GUID on the feed server
	Body      string    // HTML, the item's description
	Published time.Time // zero: no pubDate
}

// FeedServer serves RSS documents from memory on 127.0.0.1, for Miniflux
// to fetch (the server is started with FETCHER_ALLOW_PRIVATE_NETWORKS=1).
// It sends no Last-Modified or ETag: Miniflux would send them back, and a
// feed changed within the same second would then look unchanged (304).
type FeedServer struct {
	URL string // base URL, http://127.0.0.1:PORT

	mu   sync.Mutex
	docs map[string][]byte
	hits map[string]int
}

// FeedServer starts a feed server that is closed when the test ends.
func (s *Server) FeedServer(tb testing.TB) *FeedServer {
	tb.Helper()
	f := &FeedServer{docs: map[string][]byte{}, hits: map[string]int{}}
	ts := httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(ts.Close)
	f.URL = ts.URL
	return f
}

// FeedURL returns the URL of the document at path ("/news.xml").
func (f *FeedServer) FeedURL(path string) string { return f.URL + path }

// Set serves an RSS 2.0 feed titled title with items at path, replacing
// what was there.
func (f *FeedServer) Set(path, title string, items ...Item) {
	type guid struct {
		PermaLink string `xml:"isPermaLink,attr"`
		Value     string `xml:",chardata"`
	}
	type item struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		GUID        guid   `xml:"guid"`
		PubDate     string `xml:"pubDate,omitempty"`
		Description string `xml:"description"`
	}
	type channel struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		Items       []item `xml:"item"`
	}
	type rss struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel channel  `xml:"channel"`
	}
	doc := rss{Version: "2.0", Channel: channel{Title: title, Link: f.URL + "/", Description: title}}
	for _, it := range items {
		x := item{Title: it.Title, Link: it.Link, GUID: guid{PermaLink: "false", Value: it.GUID}, Description: it.Body}
		if x.Link == "" {
			x.Link = f.URL + "/" + it.GUID
		}
		if !it.Published.IsZero() {
			x.PubDate = it.Published.UTC().Format(time.RFC1123Z)
		}
		doc.Channel.Items = append(doc.Channel.Items, x)
	}
	out, err := xml.MarshalIndent(doc, "", " ")
	if err != nil {
		panic(err) // strings only: cannot happen
	}
	f.mu.Lock()
	f.docs[path] = append([]byte(xml.Header), out...)
	f.mu.Unlock()
}

// Hits returns how many times path was requested.
func (f *FeedServer) Hits(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[path]
}

func (f *FeedServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	doc, ok := f.docs[r.URL.Path]
	f.hits[r.URL.Path]++
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(doc)
}
