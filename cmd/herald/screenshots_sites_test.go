//go:build unix

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// The screenshots' two stories, served by loopback servers: the demo's
// Kestrow flood story (the seed's pattern, with its picture) and a long
// real article from ../shared/extraction whose pictures are stand-ins.
const (
	// demoDir is the demo's sample feeds and pictures, from cmd/herald.
	demoDir = "../../demo"
	// meridianPrefix is the address the Meridian feed names its story
	// and picture by; the seed server puts its own URL in its place.
	meridianPrefix = "https://meridian.herald.example"
	seedTitle      = "Flood barriers hold as the river Vell peaks at Kestrow"

	// longPage is Quanta Magazine's "Cells That 'Taste' Danger Set Off
	// Immune Responses" (15 November 2019) in ../shared/extraction: 16,800
	// characters of text, crossheads, quotes, links and two figures with
	// captions, the longest page there with captioned figures.
	longPage  = "extraction/pages/bdb56ac83513635db1d8b9eb46b2da4c0de8da2f1f28f5bf5163df3eb3d3ec06.html"
	longTitle = "Cells That ‘Taste’ Danger Set Off Immune Responses"
	// longImageHost is where the page's pictures are; the long server
	// puts its /cdn/ in its place.
	longImageHost = "https://d2r55xnwy6nx47.cloudfront.net/"
)

// longStandIns maps the long page's figures to the demo pictures served in
// their place (there is no network, and the originals are not kept):
// pictures with no near-black or near-white areas, so that every cell
// under them is visibly not the background in either theme.
var longStandIns = map[string]string{
	"/cdn/uploads/2019/11/Tongue-Lungs_2880x1620_Lede.jpg": "ferry.jpg",
	"/cdn/uploads/2019/11/Immune-Taste_Tuft-Cells_v02.jpg": "aldane-harbour.jpg",
}

// demoPicture reads one of the demo's pictures from the repository.
func demoPicture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(demoDir, "pictures", name))
	if err != nil {
		t.Fatalf("demo picture: %v", err)
	}
	return data
}

// seedSite serves the demo's Meridian Wire feed at /feed.xml with its
// addresses moved to the server, and the demo pictures at /img/NAME.
func seedSite(t *testing.T) *httptest.Server {
	t.Helper()
	feed, err := os.ReadFile(filepath.Join(demoDir, "feeds", "meridian.rss"))
	if err != nil {
		t.Fatalf("demo feed: %v", err)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	body := strings.ReplaceAll(string(feed), meridianPrefix, srv.URL)
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", rssType)
		_, _ = w.Write([]byte(body))
	})
	mux.HandleFunc("/img/", func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(filepath.Join(demoDir, "pictures", path.Base(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(data)
	})
	return srv
}

// longSite serves the long real page at /story (its text as it was, its
// picture addresses moved to the server) and the stand-in pictures under
// /cdn/; it returns the page's address. It skips (fails under CI=true)
// when ../shared is not there.
func longSite(t *testing.T) string {
	t.Helper()
	page, err := os.ReadFile(sharedtest.Path(t, longPage))
	if err != nil {
		t.Fatalf("long page: %v", err)
	}
	pictures := map[string][]byte{}
	for p, name := range longStandIns {
		pictures[p] = demoPicture(t, name)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	body := strings.ReplaceAll(string(page), longImageHost, srv.URL+"/cdn/")
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})
	mux.HandleFunc("/cdn/", func(w http.ResponseWriter, r *http.Request) {
		data, ok := pictures[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(data)
	})
	return srv.URL + "/story"
}
