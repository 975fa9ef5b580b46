package service

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
)

// Progress reports one feed finished during a Refresh.
type Progress struct {
	Done  int    // feeds finished so far, this one included
	Total int    // feeds in this refresh
	URL   string // the feed's URL
	Title string // the feed's title, sanitized (may be empty)
	New   int    // new items stored
	// NotModified is true when the server answered 304.
	NotModified bool
	// Skipped is true when the feed was not fetched because its server
	// asked us to come back later (Retry-After); Err says until when.
	Skipped bool
	// Err is why the feed failed (or was skipped); nil on success.
	Err error
}

// Summary counts what a Refresh did. Feeds = New-bearing feeds + Unchanged +
// Failed; New counts items.
type Summary struct {
	Feeds     int // feeds refreshed (or tried)
	New       int // new items stored
	Unchanged int // feeds with nothing new (304, no new items, or skipped)
	Failed    int // feeds whose fetch, parse or save failed
}

// String is the summary line the CLI prints last.
func (s Summary) String() string {
	return fmt.Sprintf("refreshed %d feeds: %d new items, %d unchanged, %d failed",
		s.Feeds, s.New, s.Unchanged, s.Failed)
}

// errNotSaved marks the feeds left once the database failed mid-refresh.
var errNotSaved = errors.New("not saved: the database failed (see the error at the end)")

// fetched is one feed's fetch result on its way to the store.
type fetched struct {
	feed   store.Feed
	result feed.Result
	out    store.FetchOutcome
	skip   error // non-nil: not fetched (Retry-After still running)
}

// Refresh fetches the given feeds (all subscribed feeds when urls is empty)
// and stores their items as they arrive, committed every commitEvery, so an
// interrupted refresh loses little of what it fetched.
// Items keep their raw HTML; their Markdown is made on first open (Article),
// or here when CleanAtRefresh is set. Feeds marked gone (410) are not
// fetched, nor are feeds whose server asked to come back later. A failing
// feed records its one-line error and the others go on; Refresh tries it
// however often it failed before (the backoff is RefreshDue's). progress,
// if not nil, is called once per feed, after its result is committed, from
// a single goroutine. The error is non-nil only when nothing could be done
// (no feeds, unknown URLs), the database failed, or ctx was cancelled.
func (s *Service) Refresh(ctx context.Context, urls []string, progress func(Progress)) (Summary, error) {
	return s.refresh(ctx, urls, false, progress)
}

// RefreshDue is the background refresh (the reader's refresh_interval): it
// refreshes, as Refresh does, only the feeds that are due. A feed is not
// due while its server's Retry-After runs, nor while it backs off after
// failed refreshes in a row: 15 minutes after one failure, doubling with
// each further one up to 12 hours, ±10% per feed (see backoff). Feeds that
// are not due are left out altogether: they are neither counted in the
// Summary nor reported to progress. Having nothing due, no feeds at all
// included, is not an error.
func (s *Service) RefreshDue(ctx context.Context, progress func(Progress)) (Summary, error) {
	return s.refresh(ctx, nil, true, progress)
}

// refresh is Refresh, or RefreshDue when dueOnly is set.
func (s *Service) refresh(ctx context.Context, urls []string, dueOnly bool, progress func(Progress)) (Summary, error) {
	var (
		sum Summary
		err error
	)
	if s.Remote != nil {
		sum, err = s.refreshSynced(ctx, urls, dueOnly, progress)
	} else {
		var selected []store.Feed
		if selected, err = s.localFeeds(ctx, urls, dueOnly, false); err == nil {
			sum, err = s.refreshLocal(ctx, selected, 0, progress)
		}
	}
	if err == nil {
		s.pruneIfDue(ctx)
	}
	return sum, err
}

// localFeeds picks the feeds herald fetches itself: every feed (those
// named by urls, when given) when there is no sync server, else those not
// on it; with dueOnly, those due. None left is not an error when a sync
// ran before (synced) or dueOnly is set; otherwise it is ErrNoFeeds, or
// an error naming the given feeds as gone.
func (s *Service) localFeeds(ctx context.Context, urls []string, dueOnly, synced bool) ([]store.Feed, error) {
	all, err := s.Store.Feeds(ctx)
	if err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	if s.Remote != nil {
		var none bool
		if all, urls, none = notSynced(all, urls, synced); none {
			return nil, nil
		}
	}
	selected, err := selectFeeds(all, urls)
	if err != nil {
		return nil, err
	}
	if dueOnly {
		now := s.now()
		selected = slices.DeleteFunc(selected, func(f store.Feed) bool { return !due(f, now) })
		if len(selected) == 0 {
			return nil, nil
		}
	}
	if len(selected) == 0 {
		if len(urls) > 0 {
			return nil, errors.New("refresh: the given feeds are gone (the server said 410) and no longer polled")
		}
		return nil, ErrNoFeeds
	}
	return selected, nil
}

// refreshLocal fetches the selected feeds (localFeeds) and saves them.
// before, the feeds a sync reported first, offsets the progress reported.
func (s *Service) refreshLocal(ctx context.Context, selected []store.Feed, before int, progress func(Progress)) (Summary, error) {
	if len(selected) == 0 {
		return Summary{}, nil
	}
	defer s.sizeWriteCache(ctx, len(selected))()
	if before > 0 && progress != nil {
		inner := progress
		progress = func(p Progress) {
			p.Done += before
			p.Total += before
			inner(p)
		}
	}
	now := s.now()

	var reqs []feed.Request
	byURL := make(map[string]store.Feed, len(selected))
	var skipped []fetched
	for _, f := range selected {
		// A server that asked us to come back later (429/503 with
		// Retry-After) is left alone until then.
		if retryAfter(f, now) {
			skipped = append(skipped, fetched{feed: f,
				skip: fmt.Errorf("server asked to retry after %s", f.NextFetch.Local().Format("2006-01-02 15:04"))})
			continue
		}
		byURL[f.URL] = f
		reqs = append(reqs, feed.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified})
	}

	// A database failure stops the fetching: the other feeds could not be
	// saved either (and each would wait out the busy timeout).
	fetchCtx, stopFetching := context.WithCancel(ctx)
	defer stopFetching()

	workers := s.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	results := make(chan fetched, workers)
	prepared := make(chan fetched, workers)
	go func() {
		defer close(results)
		for _, sk := range skipped {
			results <- sk
		}
		s.Client.FetchAll(fetchCtx, reqs, func(r feed.Result) {
			f, ok := byURL[r.URL]
			if !ok {
				s.log().Warn("refresh: result for unknown URL", "url", r.URL)
				return
			}
			results <- fetched{feed: f, result: r}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range results {
				if j.skip == nil {
					j.out = s.outcome(j.feed, j.result)
					j.result.Feed = nil // in j.out now; free it while the batch waits
				}
				prepared <- j
			}
		}()
	}
	go func() {
		wg.Wait()
		close(prepared)
	}()

	sum := Summary{Feeds: len(selected)}
	w := writer{s: s, ctx: ctx, sum: &sum, total: len(selected), progress: progress, stop: stopFetching,
		every: cmp.Or(s.commitEvery, commitEvery), idle: cmp.Or(s.commitIdle, idleCommit)}
	w.run(prepared)
	if w.dbErr != nil {
		return sum, w.dbErr
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("refresh: %w", err)
	}
	return sum, nil
}

// fatalSaveErr reports whether a save error means no other save can work
// either: the database is busy, gone, full or read-only, or the refresh was
// cancelled.
func fatalSaveErr(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, store.ErrBusy) || errors.Is(err, store.ErrClosed) ||
		errors.Is(err, store.ErrFull) || errors.Is(err, store.ErrReadOnly)
}

// selectFeeds picks the feeds to refresh: the ones named by urls (all of
// them when urls is empty), minus those marked gone.
func selectFeeds(all []store.Feed, urls []string) ([]store.Feed, error) {
	var picked []store.Feed
	if len(urls) == 0 {
		picked = all
	} else {
		byURL := make(map[string]store.Feed, len(all))
		for _, f := range all {
			byURL[f.URL] = f
		}
		seen := make(map[string]bool)
		var unknown []string
		for _, u := range urls {
			u = strings.TrimSpace(u)
			f, ok := byURL[u]
			if !ok {
				unknown = append(unknown, u)
				continue
			}
			if !seen[u] {
				seen[u] = true
				picked = append(picked, f)
			}
		}
		if len(unknown) > 0 {
			return nil, fmt.Errorf("refresh: not subscribed: %s", strings.Join(unknown, ", "))
		}
	}
	var out []store.Feed
	for _, f := range picked {
		if !f.Gone {
			out = append(out, f)
		}
	}
	return out, nil
}
