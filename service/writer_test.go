package service

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

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
