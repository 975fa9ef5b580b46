package feed

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// concServer counts concurrent requests and remembers the maximum.
type concServer struct {
	*httptest.Server
	active, max, hits atomic.Int32
}

func newConcServer(t *testing.T, delay time.Duration, global *concServer) *concServer {
	t.Helper()
	s := &concServer{}
	s.Server = quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		enter(&s.active, &s.max)
		if global != nil {
			enter(&global.active, &global.max)
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
		}
		if global != nil {
			global.active.Add(-1)
		}
		s.active.Add(-1)
		io.WriteString(w, smallFeed)
	}))
	return s
}

func enter(active, max *atomic.Int32) {
	n := active.Add(1)
	for {
		m := max.Load()
		if n <= m || max.CompareAndSwap(m, n) {
			return
		}
	}
}

func requestsFor(servers []*concServer, perServer int) []Request {
	var reqs []Request
	// Host-major order: the pool must interleave hosts itself.
	for _, s := range servers {
		for i := range perServer {
			reqs = append(reqs, Request{URL: fmt.Sprintf("%s/feed/%d", s.URL, i)})
		}
	}
	return reqs
}

func TestFetchAllPerHostAndWorkers(t *testing.T) {
	global := &concServer{}
	var servers []*concServer
	for range 5 {
		servers = append(servers, newConcServer(t, 10*time.Millisecond, global))
	}
	reqs := requestsFor(servers, 40) // 200 feeds

	t.Run("per host", func(t *testing.T) {
		c := NewClient(Options{Workers: 16, PerHost: 2})
		var inCallback, overlap, n atomic.Int32
		seen := map[string]bool{}
		c.FetchAll(context.Background(), reqs, func(r Result) {
			if inCallback.Add(1) > 1 {
				overlap.Add(1)
			}
			defer inCallback.Add(-1)
			n.Add(1)
			if r.Err != nil || r.Feed == nil {
				t.Errorf("%s: %v", r.URL, r.Err)
			}
			seen[r.URL] = true // unsynchronised on purpose: -race flags concurrent calls
		})
		if n.Load() != 200 || len(seen) != 200 || overlap.Load() != 0 {
			t.Fatalf("callbacks = %d, distinct = %d, overlapping = %d", n.Load(), len(seen), overlap.Load())
		}
		for i, s := range servers {
			if s.max.Load() > 2 {
				t.Errorf("server %d saw %d concurrent requests, PerHost is 2", i, s.max.Load())
			}
			if s.max.Load() < 2 {
				t.Errorf("server %d never saw 2 concurrent requests", i)
			}
		}
		if m := global.max.Load(); m > 10 || m < 3 {
			t.Errorf("global max %d, want 3..10 (at most 5 hosts x 2, hosts in parallel)", m)
		}
	})

	t.Run("workers", func(t *testing.T) {
		global.max.Store(0)
		for _, s := range servers {
			s.max.Store(0)
		}
		c := NewClient(Options{Workers: 3, PerHost: 100})
		n := 0
		c.FetchAll(context.Background(), reqs, func(Result) { n++ })
		if n != 200 {
			t.Fatalf("callbacks = %d", n)
		}
		if m := global.max.Load(); m > 3 || m < 2 {
			t.Errorf("global max %d, want Workers = 3 (2 at least)", m)
		}
	})
}

func TestFetchAllEmptyAndBadURLs(t *testing.T) {
	c := NewClient(Options{})
	c.FetchAll(context.Background(), nil, func(Result) { t.Error("callback for no requests") })
	var errs []string
	c.FetchAll(context.Background(), []Request{{URL: "::bad"}, {URL: "exec:x"}}, func(r Result) { errs = append(errs, r.Err.Error()) })
	if len(errs) != 2 {
		t.Errorf("errs = %v", errs)
	}
}

// settleGoroutines waits until the goroutine count drops to at most want.
func settleGoroutines(want int) int {
	deadline := time.Now().Add(time.Minute) // a condition, not a speed: it returns once met
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFetchAllCancelLeavesNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	var servers []*concServer
	for range 3 {
		// Answers only when the request ends: without the cancel, FetchAll
		// would never return.
		servers = append(servers, newConcServer(t, time.Hour, nil))
	}
	reqs := requestsFor(servers, 50)
	c := NewClient(Options{Workers: 8, PerHost: 2})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	n, canceled := 0, 0
	c.FetchAll(ctx, reqs, func(r Result) {
		n++
		if r.Err != nil && strings.HasSuffix(reason(r.Err), "canceled") {
			canceled++
		}
	})
	if n != len(reqs) || canceled != len(reqs) {
		t.Errorf("callbacks = %d, canceled = %d, want %d each", n, canceled, len(reqs))
	}
	c.CloseIdleConnections()
	for _, s := range servers {
		s.CloseClientConnections()
		s.Close()
	}
	if after := settleGoroutines(before); after > before {
		buf := make([]byte, 1<<16)
		t.Errorf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

// newsFeed builds a realistic feed: n items of about size bytes of HTML.
func newsFeed(id, n, size int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Feed %d</title><link>https://site%d.example/</link>`, id, id)
	para := "<p>" + strings.Repeat("The council voted on the proposal after a long debate about the budget. ", 6) + "</p>"
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story %d of feed %d &amp; more</title><link>https://site%d.example/%d</link><guid>%d-%d</guid><pubDate>Mon, 02 Nov 2026 10:%02d:00 +0000</pubDate><description>Summary %d</description><media:content url="https://img.example/%d.jpg" medium="image"><media:credit>AFP</media:credit></media:content><content:encoded><![CDATA[`, i, id, id, i, id, i, i%60, i, i)
		for b.Len()%size < size-len(para) && b.Len() < (i+1)*size+1000 {
			b.WriteString(para)
		}
		b.WriteString(`]]></content:encoded></item>`)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// BenchmarkFetchAll1000 fetches 1000 realistic feeds (30 items of about
// 4 KB each) from 8 loopback servers: go test ./feed -bench FetchAll -benchtime 1x
func BenchmarkFetchAll1000(b *testing.B) {
	body := newsFeed(1, 30, 4096)
	var servers []*httptest.Server
	for range 8 {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			io.WriteString(w, body)
		}))
		defer s.Close()
		servers = append(servers, s)
	}
	var reqs, cond []Request
	for i := range 1000 {
		u := fmt.Sprintf("%s/feed/%d", servers[i%len(servers)].URL, i)
		reqs = append(reqs, Request{URL: u})
		cond = append(cond, Request{URL: u, ETag: `"v1"`})
	}
	b.SetBytes(int64(len(body)) * 1000)
	c := NewClient(Options{})
	b.Run("cold", func(b *testing.B) {
		for range b.N {
			items := 0
			c.FetchAll(context.Background(), reqs, func(r Result) {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
				items += len(r.Feed.Items)
			})
			if items != 30000 {
				b.Fatalf("items = %d", items)
			}
		}
	})
	b.Run("304", func(b *testing.B) {
		for range b.N {
			c.FetchAll(context.Background(), cond, func(r Result) {
				if !r.NotModified {
					b.Fatalf("%+v", r)
				}
			})
		}
	})
}

// BenchmarkParse parses one realistic feed (30 items of about 4 KB).
func BenchmarkParse(b *testing.B) {
	body := []byte(newsFeed(1, 30, 4096))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Parse(body, "application/rss+xml", "https://site1.example/feed"); err != nil {
			b.Fatal(err)
		}
	}
}

// While FetchAll's caller is slow to take results, at most the parse slots'
// worth of feeds are parsed and waiting (the other fetches wait with their
// raw bodies), and every slot is free again when FetchAll returns, after a
// cancel too.
func TestFetchAllParsesOnlyWhatTheCallerCanTake(t *testing.T) {
	var servers []*concServer
	for range 4 {
		servers = append(servers, newConcServer(t, 0, nil))
	}
	c := NewClient(Options{Workers: 16, PerHost: 4})
	slots := cap(c.parsing)
	n := 0
	c.FetchAll(context.Background(), requestsFor(servers, 10), func(r Result) {
		n++
		if r.Err != nil {
			t.Errorf("fetch: %v", r.Err)
		}
		// The feeds parsed and not yet taken (this one included) each
		// hold a slot until handed over: the slots fill up while this
		// caller dawdles, and they bound what is parsed (a channel's
		// capacity), whatever the 16 fetches do meanwhile.
		want := min(slots, 40-n+1)
		deadline := time.Now().Add(10 * time.Second)
		for len(c.parsing) < want && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if held := len(c.parsing); held < want {
			t.Errorf("callback %d: %d parse slots held, want %d (results must hold theirs until handed over)", n, held, want)
		}
	})
	if n != 40 {
		t.Errorf("callbacks = %d, want 40", n)
	}
	if held := len(c.parsing); held != 0 {
		t.Errorf("%d parse slots still held after FetchAll", held)
	}

	slow := newConcServer(t, time.Hour, nil)
	ctx, cancel := context.WithCancel(context.Background())
	k := 0
	c.FetchAll(ctx, append(requestsFor(servers, 5), requestsFor([]*concServer{slow}, 5)...), func(Result) {
		if k++; k == 3 {
			cancel()
		}
	})
	cancel()
	if held := len(c.parsing); held != 0 {
		t.Errorf("%d parse slots still held after a cancelled FetchAll", held)
	}
	c.CloseIdleConnections()
	slow.CloseClientConnections()
}
