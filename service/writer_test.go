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

// A feed that is slow to answer does not hold back the feeds that answered
// before it: their items are committed (visible to other readers) and
// reported while it is still loading.
func TestRefreshCommitsWhileAFeedIsSlow(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssDoc(r.URL.Path, rssItem(r.URL.Path+"/1", "Item of "+r.URL.Path, "", "<p>text</p>", "")))
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	for _, p := range []string{"/fast", "/slow"} {
		if _, err := s.Store.AddFeed(ctx, srv.URL+p, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	reported := make(chan Progress, 2)
	done := make(chan error, 1)
	go func() {
		_, err := s.Refresh(ctx, nil, func(p Progress) { reported <- p })
		done <- err
	}()
	p := <-reported // the fast feed, while the slow one is still held
	if p.URL != srv.URL+"/fast" || p.New != 1 {
		t.Fatalf("first report = %+v, want the fast feed with 1 new", p)
	}
	its, err := s.Store.Items(ctx, store.ItemQuery{})
	if err != nil || len(its) != 1 {
		t.Fatalf("items visible while the slow feed loads: %d, %v", len(its), err)
	}
	close(release)
	if p := <-reported; p.URL != srv.URL+"/slow" || p.New != 1 {
		t.Errorf("second report = %+v", p)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// While a refresh waits on the network, its writer commits what it has
// (and so leaves the database's write lock to other herald processes, the
// reader marking items read): here the longest batch is an hour, so only
// the commit on idleness can report the fast feed while the slow one hangs.
func TestRefreshCommitsWhenIdle(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	s.commitEvery = time.Hour
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssDoc(r.URL.Path, rssItem(r.URL.Path+"/1", "Item of "+r.URL.Path, "", "<p>text</p>", "")))
	}))
	t.Cleanup(srv.Close)
	for _, p := range []string{"/fast", "/slow"} {
		if _, err := s.Store.AddFeed(ctx, srv.URL+p, "", nil); err != nil {
			t.Fatal(err)
		}
	}
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
	if p := <-reported; p.URL != srv.URL+"/fast" {
		t.Fatalf("first report = %+v, want the fast feed", p)
	}
	// Another process can write while the slow feed still hangs.
	if err := other.SetSetting(ctx, "probe", "1"); err != nil {
		t.Errorf("another process could not write during the refresh: %v", err)
	}
	close(release)
	<-reported
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A refresh interrupted (ctrl+c) keeps what it saved: each feed reported
// saved has its items in the database, and nothing is reported twice.
func TestRefreshCancelledKeepsWhatItReported(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newService(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/hang") {
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssDoc(r.URL.Path, rssItem(r.URL.Path+"/1", "Item of "+r.URL.Path, "", "<p>text</p>", "")))
	}))
	t.Cleanup(srv.Close)
	var urls []string
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("%s/%d", srv.URL, i))
	}
	for i := range 3 {
		urls = append(urls, fmt.Sprintf("%s/hang%d", srv.URL, i))
	}
	for _, u := range urls {
		if _, err := s.Store.AddFeed(context.Background(), u, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	reported := map[string]int{}
	var newItems int
	sum, err := s.Refresh(ctx, nil, func(p Progress) {
		reported[p.URL]++
		newItems += p.New
		if len(reported) == 5 {
			cancel()
		}
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
	if stored != newItems || sum.New != newItems {
		t.Errorf("reported %d new items (summary %d), the database holds %d", newItems, sum.New, stored)
	}
}
