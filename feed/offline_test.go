package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestOfflineClientNeverConnects(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	defer srv.Close()
	c := NewClient(Options{Offline: true})
	res := c.Fetch(context.Background(), Request{URL: srv.URL + "/feed.xml"})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "offline") {
		t.Fatalf("Fetch error = %v, want one saying offline", res.Err)
	}
	if _, err := c.FetchPage(context.Background(), srv.URL+"/page"); err == nil || !strings.Contains(err.Error(), "offline") {
		t.Fatalf("FetchPage error = %v, want one saying offline", err)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the server saw %d requests", n)
	}
}
