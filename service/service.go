// Package service orchestrates herald's work: it fetches feeds (feed), cleans
// their articles (article) and keeps them (store). Adding and discovering
// feeds, refreshing, importing and exporting subscriptions, saving bookmarks
// with their full article and reading one-off sources all live here, so the
// CLI and the TUI share one implementation. It has no UI and prints nothing.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/article"
	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/triage"
)

// ErrNoFeeds is returned by Refresh when there is nothing to refresh.
var ErrNoFeeds = errors.New("no feeds to refresh (add one with `herald add URL`)")

// ErrNoFeedFound is returned by Add when a URL is neither a feed nor a page
// that advertises one.
var ErrNoFeedFound = errors.New("no feed found")

// Service ties the feed client, the article clean-up and the store together.
// The zero value is not usable: Store and Client must be set. It is safe for
// concurrent use as long as its exported fields are not changed, and must
// not be copied after first use.
type Service struct {
	// Store keeps feeds, items and bookmarks.
	Store *store.Store
	// Client fetches feeds and pages.
	Client *feed.Client
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Workers is how many goroutines clean articles during a refresh;
	// zero means one per CPU.
	Workers int
	// Log receives debug logs; nil discards them.
	Log *slog.Logger
	// CleanAtRefresh makes Refresh clean every fetched item into Markdown
	// before storing it. By default items are stored raw and cleaned on
	// first open (Article), which keeps a refresh of a thousand feeds
	// within seconds: the clean-up is most of a refresh's CPU time.
	CleanAtRefresh bool
	// Mute lists the rules that mark matching new items read on arrival.
	Mute []triage.Rule
	// Remote is the sync server; nil when herald works alone.
	Remote *Remote
	// KeepRead, when positive, is how long read items are kept: a refresh
	// deletes, at most once a day, the read items first seen longer ago
	// (never bookmarked ones; see prune.go). Zero keeps every item.
	KeepRead time.Duration
	// ImageURLs lists the addresses of the pictures an article's Markdown
	// shows, and Images fetches them: with both set, a bookmark keeps its
	// pictures (bookmarkimages.go); with either nil, only its text.
	ImageURLs func(markdown string) []string
	Images    ImageFetcher

	// For tests: a refresh's longest transaction and idle wait before a
	// commit (0: writer.go's), and a call after each save with the number
	// of feeds saved in the open transaction.
	commitEvery, commitIdle time.Duration
	afterSave               func(saved int)

	syncMu      sync.Mutex // one Sync at a time
	mu          sync.Mutex
	boilerplate map[int64][]string // per feed id, computed on first open
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Added is what Add did: the feed it subscribed to and the other feeds the
// page advertised, which were not added.
type Added struct {
	Feed   store.Feed
	Others []feed.Link
	// Existed is true when the feed was already subscribed.
	Existed bool
	// SyncErr is why the sync server could not be told yet (the next
	// sync tells it); nil when it was, or when there is none.
	SyncErr error
}

// AddFeed subscribes to url. When url is an HTML page, the first feed it
// advertises with <link rel="alternate"> is added and the others are
// reported in Added.Others.
func (s *Service) AddFeed(ctx context.Context, url string) (Added, error) {
	return s.AddFeedTo(ctx, url, false)
}

// AddFeedTo is AddFeed that, with a sync server, also subscribes on the
// server unless local is set (then herald alone fetches the feed, and
// syncs never take it to the server). A server that cannot be reached
// does not fail the add: the next sync subscribes.
func (s *Service) AddFeedTo(ctx context.Context, url string, local bool) (Added, error) {
	a, err := s.addFeed(ctx, url)
	if err != nil {
		return a, err
	}
	if local && !a.Feed.LocalOnly {
		if err := s.Store.SetLocalOnly(ctx, a.Feed.ID, true); err != nil {
			return a, fmt.Errorf("add %s: %w", a.Feed.URL, err)
		}
		a.Feed.LocalOnly = true
	}
	if s.Remote != nil && !a.Feed.LocalOnly && a.Feed.RemoteID == "" {
		a.SyncErr = s.subscribeNow(ctx, &a.Feed)
	}
	return a, nil
}

// addFeed subscribes in herald (see AddFeed).
func (s *Service) addFeed(ctx context.Context, url string) (Added, error) {
	url = withScheme(strings.TrimSpace(url))
	if err := feed.AllowedURL(url); err != nil {
		return Added{}, fmt.Errorf("add %s: %w", url, err)
	}
	links, err := s.Client.Discover(ctx, url)
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", url, err)
	}
	if len(links) == 0 {
		return Added{}, fmt.Errorf("add %s: %w", url, ErrNoFeedFound)
	}
	first := links[0]
	title := sanitize.Line(first.Title)
	f, err := s.Store.AddFeed(ctx, first.URL, title, nil)
	existed := false
	if errors.Is(err, store.ErrExists) {
		existed = true
		f, err = s.Store.FeedByURL(ctx, first.URL)
	}
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", first.URL, err)
	}
	return Added{Feed: f, Others: links[1:], Existed: existed}, nil
}

// Add subscribes to url (see AddFeed) and returns the feed added.
func (s *Service) Add(ctx context.Context, url string) ([]store.Feed, error) {
	a, err := s.AddFeed(ctx, url)
	if err != nil {
		return nil, err
	}
	return []store.Feed{a.Feed}, nil
}

// Remove unsubscribes from the feed at url. Its bookmarks survive.
func (s *Service) Remove(ctx context.Context, url string) error {
	url = strings.TrimSpace(url)
	if s.Remote != nil {
		if f, err := s.Store.FeedByURL(ctx, url); err == nil && f.RemoteID != "" {
			s.unsubscribeNow(ctx, f.RemoteID)
		}
	}
	return s.removeLocal(ctx, url)
}

// removeLocal unsubscribes in herald only (see Remove).
func (s *Service) removeLocal(ctx context.Context, url string) error {
	if err := s.keepBookmarkText(ctx, url); err != nil {
		return fmt.Errorf("remove %s: %w", url, err)
	}
	if err := s.Store.RemoveFeed(ctx, url); err != nil {
		return fmt.Errorf("remove %s: %w", url, err)
	}
	return nil
}

// meta builds the article metadata of a stored item.
func meta(it store.Item, boilerplate []string) article.Meta {
	return article.Meta{
		Title:        it.Title,
		Link:         it.Link,
		Author:       it.Author,
		Published:    it.Published,
		Summary:      it.Summary,
		ImageURL:     it.ImageURL,
		ImageCaption: it.ImageCaption,
		ImageCredit:  it.ImageCredit,
		Boilerplate:  boilerplate,
	}
}

// body is the HTML an item's article is made from: its content, else its
// summary.
func body(content, summary string) string {
	if strings.TrimSpace(content) != "" {
		return content
	}
	return summary
}

// clean turns feed HTML into sanitized Markdown.
func clean(html string, m article.Meta) string {
	return sanitize.Text(article.FromHTML(html, m).Markdown())
}

// feedBoilerplate returns the lines that recur across most stored items of
// a feed, computed once per feed and refresh.
func (s *Service) feedBoilerplate(ctx context.Context, feedID int64) []string {
	if feedID == 0 {
		return nil
	}
	s.mu.Lock()
	bp, ok := s.boilerplate[feedID]
	s.mu.Unlock()
	if ok {
		return bp
	}
	items, err := s.Store.Items(ctx, store.ItemQuery{FeedID: feedID, Limit: maxBoilerplateItems})
	if err != nil {
		s.log().Warn("boilerplate: list items", "feed", feedID, "err", err)
		return nil
	}
	bodies := make([]string, 0, len(items))
	for _, it := range items {
		full, err := s.Store.Item(ctx, it.ID)
		if err != nil {
			s.log().Warn("boilerplate: load item", "id", it.ID, "err", err)
			return nil
		}
		bodies = append(bodies, body(full.Content, full.Summary))
	}
	bp = boilerplate(bodies)
	s.mu.Lock()
	if s.boilerplate == nil {
		s.boilerplate = make(map[int64][]string)
	}
	s.boilerplate[feedID] = bp
	s.mu.Unlock()
	return bp
}

// forgetBoilerplate drops a feed's cached boilerplate after it changed.
func (s *Service) forgetBoilerplate(feedID int64) {
	s.mu.Lock()
	delete(s.boilerplate, feedID)
	s.mu.Unlock()
}

// maxBoilerplateItems is how many recent items of a feed are compared to
// find its boilerplate.
const maxBoilerplateItems = 40

// withScheme adds https:// to an address typed without a scheme
// ("example.com/feed", "localhost:8080/rss"), as a browser's address bar
// does. Anything with a scheme is left for AllowedURL to judge.
func withScheme(u string) string {
	if u == "" || strings.Contains(u, "://") || strings.HasPrefix(u, "/") {
		return u
	}
	if i := strings.IndexAny(u, ":/"); i > 0 && u[i] == ':' {
		// "host:port/..." has digits after the colon; "mailto:x" does not.
		rest := u[i+1:]
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			return u
		}
	}
	return "https://" + u
}
