// Package demo embeds the sample feeds that `herald demo` reads: news feeds
// written for this project (RSS, Atom and JSON Feed) whose articles carry
// every kind of junk herald's clean-up removes — repeated captions with
// agency credits, crossheads, epoch dates, comment and share widgets,
// tracking pixels, "appeared first on" lines, teasers and feed-wide
// boilerplate. Load stores them without touching the network.
package demo

import (
	"context"
	"embed"
	"fmt"
	"path"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/service"
)

//go:embed feeds
var files embed.FS

// File is one embedded sample feed.
type File struct {
	Name        string // file name under feeds/
	URL         string // the (fictional) URL it is stored under
	ContentType string
	Tags        []string
	Body        []byte
}

// sources lists the sample feeds in the order they are loaded.
// Each has a tag, two share one: the reader shows them in groups.
var sources = []struct {
	name, url, contentType string
	tags                   []string
}{
	{"meridian.rss", "https://meridian.herald.example/feed.rss", "application/rss+xml", []string{"news"}},
	{"chronicle.atom", "https://chronicle.herald.example/feed.atom", "application/atom+xml", []string{"culture"}},
	{"coastline.json", "https://coastline.herald.example/news/feed.json", "application/feed+json", []string{"news"}},
}

// Files returns the embedded sample feeds.
func Files() ([]File, error) {
	out := make([]File, 0, len(sources))
	for _, s := range sources {
		b, err := files.ReadFile(path.Join("feeds", s.name))
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		out = append(out, File{Name: s.name, URL: s.url, ContentType: s.contentType, Tags: s.tags, Body: b})
	}
	return out, nil
}

// Load parses every sample feed and stores it through svc, as a refresh
// would, and returns the number of items stored.
func Load(ctx context.Context, svc *service.Service) (int, error) {
	fs, err := Files()
	if err != nil {
		return 0, err
	}
	total := 0
	for _, f := range fs {
		parsed, err := feed.Parse(f.Body, f.ContentType, f.URL)
		if err != nil {
			return total, fmt.Errorf("demo %s: %w", f.Name, err)
		}
		n, err := svc.Ingest(ctx, f.URL, parsed)
		if err != nil {
			return total, fmt.Errorf("demo %s: %w", f.Name, err)
		}
		if len(f.Tags) > 0 {
			sf, err := svc.Store.FeedByURL(ctx, f.URL)
			if err == nil {
				err = svc.Store.SetTags(ctx, sf.ID, f.Tags)
			}
			if err != nil {
				return total, fmt.Errorf("demo %s: %w", f.Name, err)
			}
		}
		total += n
	}
	return total, nil
}
