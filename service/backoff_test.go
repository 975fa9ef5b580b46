package service

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

func TestBackoffSchedule(t *testing.T) {
	tests := []struct {
		errors int
		base   time.Duration // before jitter
	}{
		{0, 0},
		{1, 15 * time.Minute},
		{2, 30 * time.Minute},
		{3, time.Hour},
		{4, 2 * time.Hour},
		{5, 4 * time.Hour},
		{6, 8 * time.Hour},
		{7, 12 * time.Hour},
		{8, 12 * time.Hour},
		{9, 12 * time.Hour},
		{10, 12 * time.Hour},
		{1000, 12 * time.Hour}, // no overflow
	}
	for _, tt := range tests {
		for id := int64(1); id <= 200; id++ {
			d := backoff(tt.errors, id)
			lo, hi := tt.base*9/10, tt.base*11/10
			if d < lo || d > hi {
				t.Fatalf("backoff(%d, %d) = %v, want within [%v, %v]", tt.errors, id, d, lo, hi)
			}
			if again := backoff(tt.errors, id); again != d {
				t.Fatalf("backoff(%d, %d) = %v, then %v: not deterministic", tt.errors, id, d, again)
			}
		}
	}
	// The jitter spreads feeds: ids 1..200 do not share one wait, and the
	// waits reach both sides of the base.
	seen := map[time.Duration]bool{}
	var below, above int
	for id := int64(1); id <= 200; id++ {
		d := backoff(1, id)
		seen[d] = true
		if d < backoffMin {
			below++
		} else if d > backoffMin {
			above++
		}
	}
	if len(seen) < 150 || below < 50 || above < 50 {
		t.Errorf("jitter poorly spread: %d distinct waits, %d below and %d above 15m", len(seen), below, above)
	}
}

func TestDue(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f := store.Feed{ID: 7, LastError: "HTTP 500", Errors: 2, LastAttempt: now}
	wait := backoff(2, 7)
	tests := []struct {
		name string
		f    func(store.Feed) store.Feed
		at   time.Time
		want bool
	}{
		{"never failed", func(f store.Feed) store.Feed { f.Errors, f.LastError = 0, ""; return f }, now, true},
		{"just failed", func(f store.Feed) store.Feed { return f }, now, false},
		{"backing off", func(f store.Feed) store.Feed { return f }, now.Add(wait - time.Second), false},
		{"backoff over", func(f store.Feed) store.Feed { return f }, now.Add(wait), true},
		{"retry-after beyond the backoff", func(f store.Feed) store.Feed { f.NextFetch = now.Add(2 * wait); return f }, now.Add(wait), false},
		{"max-age after a success", func(f store.Feed) store.Feed {
			f.Errors, f.LastError, f.NextFetch = 0, "", now.Add(time.Hour)
			return f
		}, now, true},
	}
	for _, tt := range tests {
		if got := due(tt.f(f), tt.at); got != tt.want {
			t.Errorf("%s: due = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// flakyServer serves an RSS feed at /ok.xml and /flaky.xml, except that
// /flaky.xml answers 500 while broken is set, and /busy.xml always answers
// 429 with a Retry-After of an hour. It counts requests by path.
type flakyServer struct {
	*httptest.Server
	broken atomic.Bool
	mu     sync.Mutex
	hits   map[string]int
}

func newFlakyServer(t *testing.T) *flakyServer {
	fs := &flakyServer{hits: map[string]int{}}
	fs.broken.Store(true)
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.hits[r.URL.Path]++
		fs.mu.Unlock()
		switch {
		case r.URL.Path == "/busy.xml":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/flaky.xml" && fs.broken.Load():
			http.Error(w, "boom", http.StatusInternalServerError)
		default:
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rssDoc("Feed "+r.URL.Path, rssItem(r.URL.Path, "Item", "", "<p>Text.</p>", "")))
		}
	}))
	t.Cleanup(fs.Close)
	return fs
}

// take returns the request counts by path since the last call.
func (fs *flakyServer) take() map[string]int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	h := fs.hits
	fs.hits = map[string]int{}
	return h
}

func TestRefreshDueBacksOffWhileRefreshTries(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	// The feed client dates Retry-After by the real clock: start from it.
	now := time.Now()
	s.Now = func() time.Time { return now }
	srv := newFlakyServer(t)
	ids := map[string]int64{}
	for _, p := range []string{"/ok.xml", "/flaky.xml", "/busy.xml"} {
		f, err := s.Store.AddFeed(ctx, srv.URL+p, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		ids[p] = f.ID
	}
	flaky := func() store.Feed {
		t.Helper()
		f, err := s.Store.Feed(ctx, ids["/flaky.xml"])
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	check := func(step string, want map[string]int) {
		t.Helper()
		if got := srv.take(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: requests %v, want %v", step, got, want)
		}
	}

	// The first background refresh tries everything.
	sum, err := s.RefreshDue(ctx, nil)
	if err != nil || sum.Feeds != 3 || sum.Failed != 2 {
		t.Fatalf("first RefreshDue: %+v, %v", sum, err)
	}
	check("first RefreshDue", map[string]int{"/ok.xml": 1, "/flaky.xml": 1, "/busy.xml": 1})
	if f := flaky(); f.Errors != 1 || !f.NextFetch.IsZero() {
		t.Fatalf("after one failure: Errors %d, NextFetch %v (want 1, zero: the backoff is not stored)", f.Errors, f.NextFetch)
	}

	// Right away: the background refresh leaves the failing feed (backoff)
	// and the busy one (Retry-After) alone, and reports neither.
	var progress []Progress
	sum, err = s.RefreshDue(ctx, func(p Progress) { progress = append(progress, p) })
	if err != nil || sum.Feeds != 1 || len(progress) != 1 || !strings.HasSuffix(progress[0].URL, "/ok.xml") {
		t.Fatalf("RefreshDue in backoff: %+v, %v, progress %+v", sum, err, progress)
	}
	check("RefreshDue in backoff", map[string]int{"/ok.xml": 1})

	// A manual refresh tries the failing feed, but still honours the
	// server's Retry-After.
	progress = nil
	sum, err = s.Refresh(ctx, nil, func(p Progress) { progress = append(progress, p) })
	if err != nil || sum.Feeds != 3 {
		t.Fatalf("Refresh: %+v, %v", sum, err)
	}
	check("Refresh", map[string]int{"/ok.xml": 1, "/flaky.xml": 1})
	for _, p := range progress {
		if p.Skipped != strings.HasSuffix(p.URL, "/busy.xml") {
			t.Errorf("Refresh progress %+v: only the busy feed should be skipped", p)
		}
	}
	f := flaky()
	if f.Errors != 2 {
		t.Fatalf("after two failures: Errors %d", f.Errors)
	}

	// Two failures: the wait is about 30 minutes from the last attempt.
	wait := backoff(2, f.ID)
	if wait < 27*time.Minute || wait > 33*time.Minute {
		t.Fatalf("backoff(2) = %v", wait)
	}
	now = f.LastAttempt.Add(wait - time.Second)
	if _, err := s.RefreshDue(ctx, nil); err != nil {
		t.Fatal(err)
	}
	check("RefreshDue just before the backoff ends", map[string]int{"/ok.xml": 1})

	// The backoff is over; the server has recovered. Busy's hour is not.
	srv.broken.Store(false)
	now = f.LastAttempt.Add(wait)
	sum, err = s.RefreshDue(ctx, nil)
	if err != nil || sum.Feeds != 2 || sum.Failed != 0 || sum.New != 1 {
		t.Fatalf("RefreshDue after the backoff: %+v, %v", sum, err)
	}
	check("RefreshDue after the backoff", map[string]int{"/ok.xml": 1, "/flaky.xml": 1})
	if f := flaky(); f.Errors != 0 || f.LastError != "" {
		t.Fatalf("after a success: Errors %d, LastError %q", f.Errors, f.LastError)
	}

	// After an hour and more the busy feed is due again, and everything
	// else is.
	now = now.Add(2 * time.Hour)
	if sum, err := s.RefreshDue(ctx, nil); err != nil || sum.Feeds != 3 {
		t.Fatalf("RefreshDue after Retry-After: %+v, %v", sum, err)
	}
	check("RefreshDue after Retry-After", map[string]int{"/ok.xml": 1, "/flaky.xml": 1, "/busy.xml": 1})

	// Nothing due is not an error (the busy feed asked for another hour,
	// and the others are gone).
	for _, p := range []string{"/ok.xml", "/flaky.xml"} {
		if err := s.Store.RemoveFeed(ctx, srv.URL+p); err != nil {
			t.Fatal(err)
		}
	}
	if sum, err := s.RefreshDue(ctx, nil); err != nil || sum != (Summary{}) {
		t.Errorf("RefreshDue with nothing due: %+v, %v", sum, err)
	}
	check("nothing due", map[string]int{})
}

func TestRefreshDueNoFeeds(t *testing.T) {
	if sum, err := newService(t).RefreshDue(context.Background(), nil); err != nil || sum != (Summary{}) {
		t.Errorf("RefreshDue without feeds: %+v, %v; want nothing and no error", sum, err)
	}
}
