package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Feed bodies are recycled from one fetch to the next: what a fetch
// returned must stay exactly what its own document said, however many
// fetches reuse its buffers afterwards (gzipped or not, big and small).
func TestRecycledBodiesLeaveResultsIntact(t *testing.T) {
	const n = 60
	docs := make([]string, n)
	for i := range docs {
		docs[i] = newsFeed(i, 3+i%7, 512+(i*997)%6000)
	}
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		if i%2 == 0 {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write([]byte(docs[i]))
			zw.Close()
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(b.Bytes())
			return
		}
		w.Write([]byte(docs[i]))
	}))
	var reqs []Request
	for i := range n {
		reqs = append(reqs, Request{URL: fmt.Sprintf("%s/%d", srv.URL, i)})
	}
	c := NewClient(Options{Workers: 8, PerHost: 8})
	got := map[string]*Feed{}
	for round := range 2 { // the second round runs on recycled buffers only
		c.FetchAll(context.Background(), reqs, func(r Result) {
			if r.Err != nil {
				t.Fatalf("fetch %s: %v", r.URL, r.Err)
			}
			if round == 0 {
				got[r.URL] = r.Feed
			}
		})
	}
	if b := c.bodies.get(); cap(b) == 0 {
		t.Error("no body buffer came back for reuse")
	}
	for i, d := range docs {
		want, err := Parse([]byte(d), "application/rss+xml", reqs[i].URL)
		if err != nil {
			t.Fatal(err)
		}
		if g := got[reqs[i].URL]; !reflect.DeepEqual(g, want) {
			t.Errorf("feed %d changed after its buffers were reused", i)
		}
	}
}
