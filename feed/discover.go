package feed

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// feedTypes are the <link rel="alternate"> types that name a feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/rdf+xml":   true,
	"application/feed+json": true,
	"application/json":      true,
}

// commonPaths are tried, in order, when a page advertises no feed.
var commonPaths = []string{"/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml"}

// Discover returns the feeds at rawURL: the URL itself when it serves a
// feed; the <link rel="alternate"> feeds of an HTML page (hrefs resolved);
// else the first of the common paths (/feed, /rss.xml, /atom.xml,
// /index.xml, /feed.xml) on the page's site that serves a feed.
func (c *Client) Discover(ctx context.Context, rawURL string) ([]Link, error) {
	page, err := c.FetchPage(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	if LooksLikeFeed(page.Body) {
		l := Link{URL: page.URL, Type: feedMIME(page.Body)}
		if f, err := ParseContext(ctx, page.Body, page.ContentType, page.URL); err == nil {
			l.Title = f.Title
		}
		return []Link{l}, nil
	}
	if !isHTML(page.ContentType, page.Body) {
		return nil, fmt.Errorf("discover %s: neither a feed nor an HTML page", rawURL)
	}
	base, err := url.Parse(page.URL)
	if err != nil {
		return nil, fmt.Errorf("discover %s: %w", rawURL, err)
	}
	if links := alternateLinks(page.Body, base); len(links) > 0 {
		return links, nil
	}
	tried := make(map[string]bool)
	for _, p := range commonPaths {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("discover %s: canceled", rawURL)
		}
		u := base.ResolveReference(&url.URL{Path: p}).String()
		if tried[u] {
			continue
		}
		tried[u] = true
		cand, err := c.FetchPage(ctx, u)
		if err != nil || !LooksLikeFeed(cand.Body) {
			continue
		}
		l := Link{URL: cand.URL, Type: feedMIME(cand.Body)}
		if f, err := ParseContext(ctx, cand.Body, cand.ContentType, cand.URL); err == nil {
			l.Title = f.Title
		} else {
			continue
		}
		return []Link{l}, nil
	}
	return nil, fmt.Errorf("discover %s: no feed found (the page has no <link rel=\"alternate\"> feed and none of %s is one)",
		rawURL, strings.Join(commonPaths, ", "))
}

// feedMIME names the MIME type of a feed body.
func feedMIME(body []byte) string {
	b, typ, err := prepare(body)
	if err != nil {
		return ""
	}
	switch typ {
	case gofeed.FeedTypeJSON:
		return "application/feed+json"
	case gofeed.FeedTypeAtom:
		return "application/atom+xml"
	}
	if bytes.Contains(bytes.ToLower(b[:min(len(b), detectWindow)]), []byte("<rdf:rdf")) {
		return "application/rdf+xml"
	}
	return "application/rss+xml"
}

// alternateLinks returns the feeds advertised in an HTML page's
// <link rel="alternate" type="…"> elements, resolved against <base href> or
// the page URL; only http(s) links, without duplicates.
func alternateLinks(page []byte, base *url.URL) []Link {
	z := html.NewTokenizer(bytes.NewReader(page))
	var links []Link
	seen := map[string]bool{}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			if string(name) == "body" {
				return links // feeds are advertised in <head>
			}
			continue
		}
		attrs := map[string]string{}
		for {
			k, v, more := z.TagAttr()
			attrs[string(k)] = string(v)
			if !more {
				break
			}
		}
		switch string(name) {
		case "base":
			if b := absURL(attrs["href"], base); b != nil {
				base = b
			}
		case "link":
			if !hasToken(attrs["rel"], "alternate") {
				continue
			}
			typ := strings.ToLower(strings.TrimSpace(attrs["type"]))
			if i := strings.IndexByte(typ, ';'); i >= 0 {
				typ = strings.TrimSpace(typ[:i])
			}
			if !feedTypes[typ] {
				continue
			}
			u := absURL(attrs["href"], base)
			if u == nil || (u.Scheme != "http" && u.Scheme != "https") || seen[u.String()] {
				continue
			}
			seen[u.String()] = true
			links = append(links, Link{URL: u.String(), Title: htmlToText(attrs["title"]), Type: typ})
		case "body":
			return links
		}
	}
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
