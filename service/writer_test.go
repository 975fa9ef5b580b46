package service

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// heldFeeds serves one-item feeds at any path; a path starting with /hold
// answers only once release is closed (or the request ends).
func heldFeeds(t *testing.T) (srv *httptest.Server, release func()) {
	t.Helper()
	held := make(chan struct{})
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/hold") {
			select {
			case <-held:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssDoc(r.URL.Path, rssItem(r.URL.Path+"/1", "Item of "+r.URL.Path, "", "<p>text</p>", "")))
	}))
	var closed bool
	release = func() {
		if !closed {
			closed = true
			close(held)
		}
	}
	t.Cleanup(srv.Close)
	t.Cleanup(release)
	return srv, release
}

// addFeeds subscribes s to srv's paths.
func addFeeds(t *testing.T, s *Service, srv *httptest.Server, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := s.Store.AddFeed(context.Background(), srv.URL+p, "", nil); err != nil {
			t.Fatal(err)
		}
	}
}

// While a refresh waits on the network, its writer commits what it has:
// the feed that answered is reported and its items are visible to other
// readers while another feed hangs, and another herald process (the
// reader, marking items read) can write meanwhile. The longest batch is
// an hour here, so only the commit on idleness can do that.
func TestRefreshCommitsWhenIdle(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	s.commitEvery = time.Hour
	srv, release := heldFeeds(t)
	addFeeds(t, s, srv, "/fast", "/hold")
	other, err := store.Open(s.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	reported := make(chan Progress, 2)
	done := make(chan error, 1)
	go func() {
		_, err := s.Refresh(ctx, nil, func(p Progress) { reported <- p })
		done <- err
	}()
	if p := <-reported; p.URL != srv.URL+"/fast" || p.New != 1 {
		t.Fatalf("first report = %+v, want the fast feed with 1 new", p)
	}
	if its, err := other.Items(ctx, store.ItemQuery{}); err != nil || len(its) != 1 {
		t.Errorf("items visible to another process while a feed hangs: %d, %v", len(its), err)
	}
	if err := other.SetSetting(ctx, "probe", "1"); err != nil {
		t.Errorf("another process could not write during the refresh: %v", err)
	}
	release()
	if p := <-reported; p.URL != srv.URL+"/hold" || p.New != 1 {
		t.Errorf("second report = %+v", p)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A refresh interrupted (ctrl+c) commits the feeds it saved: with no
// commit before the end (an hour's batch, an hour's idleness), the feeds
// that answered are saved in the open batch when the refresh is cancelled,
// and must still be there, reported once, afterwards.
func TestRefreshCancelledCommitsWhatItSaved(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newService(t)
	s.commitEvery, s.commitIdle = time.Hour, time.Hour
	srv, _ := heldFeeds(t)
	var paths []string
	for i := range 5 {
		paths = append(paths, fmt.Sprintf("/%d", i))
	}
	addFeeds(t, s, srv, append(paths, "/hold")...)
	// Cancel once the five are saved in the open batch.
	s.afterSave = func(n int) {
		if n == 5 {
			cancel()
		}
	}
	reported := map[string]int{}
	var newItems int
	sum, err := s.Refresh(ctx, nil, func(p Progress) {
		reported[p.URL]++
		newItems += p.New
	})
	if err == nil {
		t.Fatalf("cancelled refresh: no error (%+v)", sum)
	}
	for u, n := range reported {
		if n != 1 {
			t.Errorf("%s reported %d times", u, n)
		}
	}
	stored, err := s.Store.CountItems(context.Background(), store.ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if stored != 5 || newItems != 5 || sum.New != 5 {
		t.Errorf("stored %d items, reported %d new (summary %d); want the 5 saved before the cancel", stored, newItems, sum.New)
	}
}
