package main

import (
	"strings"
	"testing"
)

// A refresh leaves its items to the index; herald index indexes them once,
// again after they change, and search finds them either way.
func TestIndexCommand(t *testing.T) {
	e := newEnv(t)
	first := rss("Coast",
		rssItem{Title: "Storm warning", GUID: "a", Description: "<p>gales tonight</p>"},
		rssItem{Title: "Ferry news", GUID: "b", Description: "<p>winter sailings</p>"})
	srv := newFeedServer(t, map[string]route{"/f.xml": {contentType: "application/rss+xml", body: first}})
	e.ok("add", srv.URL+"/f.xml")
	e.ok("refresh")
	if got := e.ok("index"); !strings.Contains(got, "indexed 2 items for search") {
		t.Fatalf("index after the first refresh: %q", got)
	}
	if got := e.ok("index"); !strings.Contains(got, "indexed 0 items for search") {
		t.Fatalf("index with nothing new: %q", got)
	}
	if got := e.ok("search", "gales"); !strings.Contains(got, "Storm warning") {
		t.Fatalf("search after index: %q", got)
	}

	srv.set("/f.xml", route{contentType: "application/rss+xml", body: rss("Coast",
		rssItem{Title: "Storm warning", GUID: "a", Description: "<p>gales tonight</p>"},
		rssItem{Title: "Ferry news", GUID: "b", Description: "<p>summer sailings</p>"},
		rssItem{Title: "Harbour dredged", GUID: "c", Description: "<p>silt removed</p>"})})
	e.ok("refresh")
	// No index run: the search indexes the changed and the new item first.
	if got := e.ok("search", "summer"); !strings.Contains(got, "Ferry news") {
		t.Fatalf("search for the changed text: %q", got)
	}
	if got := e.ok("search", "winter"); strings.Contains(got, "Ferry news") {
		t.Fatalf("search still finds the old text: %q", got)
	}
	if got := e.ok("search", "silt"); !strings.Contains(got, "Harbour dredged") {
		t.Fatalf("search for the new item: %q", got)
	}
	if got := e.ok("index"); !strings.Contains(got, "indexed 0 items for search") {
		t.Fatalf("index after the search did it: %q", got)
	}
}
