package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const smallFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Small</title><link>https://small.example/</link>
<item><title>One</title><link>https://small.example/1</link><guid>1</guid></item>
</channel></rss>`

// quietServer starts an httptest server whose error log is discarded (TLS
// handshake failures and aborted writes are expected in these tests).
func quietServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func testClient(o Options) *Client { return NewClient(o) }

func TestFetchOK(t *testing.T) {
	var ua, accept, ae string
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, accept, ae = r.UserAgent(), r.Header.Get("Accept"), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `W/"abc"`)
		w.Header().Set("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT")
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, smallFeed)
	}))
	res := testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/feed"})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if res.Feed == nil || res.Feed.Title != "Small" || len(res.Feed.Items) != 1 {
		t.Fatalf("feed = %+v", res.Feed)
	}
	if res.ETag != `W/"abc"` || res.LastModified != "Mon, 02 Nov 2026 10:00:00 GMT" || res.StatusCode != 200 {
		t.Errorf("validators = %q %q %d", res.ETag, res.LastModified, res.StatusCode)
	}
	if d := time.Until(res.RetryAfter); d < 590*time.Second || d > 600*time.Second {
		t.Errorf("max-age next fetch in %v", d)
	}
	if ua != "herald/"+Version+" (+terminal feed reader)" {
		t.Errorf("User-Agent = %q", ua)
	}
	if !strings.Contains(accept, "application/rss+xml") {
		t.Errorf("Accept = %q", accept)
	}
	if ae != "gzip" {
		t.Errorf("Accept-Encoding = %q (the transport should add gzip)", ae)
	}
	if res.FinalURL != srv.URL+"/feed" {
		t.Errorf("FinalURL = %q", res.FinalURL)
	}
}

func TestFetchConditional304(t *testing.T) {
	const etag = `"v1-\"quoted\""`
	const lastMod = "Mon, 02 Nov 2026 10:00:00 GMT"
	var gotINM, gotIMS []string
	var hits atomic.Int32
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		gotINM, gotIMS = r.Header.Values("If-None-Match"), r.Header.Values("If-Modified-Since")
		if len(gotINM) > 0 || len(gotIMS) > 0 {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		io.WriteString(w, smallFeed)
	}))
	c := testClient(Options{})
	first := c.Fetch(context.Background(), Request{URL: srv.URL})
	if first.Err != nil || first.Feed == nil {
		t.Fatalf("first fetch: %+v", first)
	}
	second := c.Fetch(context.Background(), Request{URL: srv.URL, ETag: first.ETag, LastModified: first.LastModified})
	if second.Err != nil || !second.NotModified || second.Feed != nil || second.StatusCode != 304 {
		t.Fatalf("second fetch: %+v", second)
	}
	if len(gotINM) != 1 || gotINM[0] != etag || len(gotIMS) != 1 || gotIMS[0] != lastMod {
		t.Errorf("validators not replayed verbatim: %q %q", gotINM, gotIMS)
	}
	if second.ETag != etag || second.LastModified != lastMod {
		t.Errorf("validators not carried over on 304: %q %q", second.ETag, second.LastModified)
	}
	// Only one validator: still replayed.
	r := c.Fetch(context.Background(), Request{URL: srv.URL, LastModified: lastMod})
	if !r.NotModified || len(gotINM) != 0 || gotIMS[0] != lastMod {
		t.Errorf("Last-Modified alone: %+v, %q %q", r, gotINM, gotIMS)
	}
	if hits.Load() != 3 {
		t.Errorf("hits = %d", hits.Load())
	}
}

func TestFetchHostileValidators(t *testing.T) {
	var gotINM []string
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotINM = r.Header.Values("If-None-Match")
		// (Go's client itself rejects control characters in response headers.)
		w.Header().Set("ETag", `"`+strings.Repeat("e", 2000)+`"`)
		w.Header().Set("Last-Modified", strings.Repeat("x", 2000))
		io.WriteString(w, smallFeed)
	}))
	c := testClient(Options{})
	res := c.Fetch(context.Background(), Request{URL: srv.URL})
	if res.Err != nil || res.ETag != "" || res.LastModified != "" {
		t.Fatalf("hostile validators kept: %+v", res)
	}
	// A bad stored validator is not sent (Go would refuse the request).
	res = c.Fetch(context.Background(), Request{URL: srv.URL, ETag: "bad\nvalue"})
	if res.Err != nil || len(gotINM) != 0 {
		t.Fatalf("bad validator: %v, sent %q", res.Err, gotINM)
	}
}

func TestFetchStatusErrors(t *testing.T) {
	date := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second)
	tests := []struct {
		name       string
		status     int
		retryAfter string
		wantErr    string
		wantGone   bool
		wantRetry  time.Duration // approximate; 0 = none
	}{
		{"404", 404, "", "HTTP 404 Not Found", false, 0},
		{"500", 500, "", "HTTP 500 Internal Server Error", false, 0},
		{"410", 410, "", "gone (HTTP 410): no longer polled", true, 0},
		{"429 seconds", 429, "120", "HTTP 429 Too Many Requests (retry after ", false, 120 * time.Second},
		{"503 date", 503, date.Format(http.TimeFormat), "HTTP 503 Service Unavailable (retry after ", false, 2 * time.Hour},
		{"429 no header", 429, "", "HTTP 429 Too Many Requests", false, 0},
		{"503 garbage", 503, "soon", "HTTP 503 Service Unavailable", false, 0},
		{"429 past date", 429, "Mon, 01 Jan 2001 00:00:00 GMT", "HTTP 429 Too Many Requests", false, 0},
		{"429 huge", 429, "999999999", "HTTP 429", false, maxRetryAfter},
		{"304 unasked", 304, "", "HTTP 304 Not Modified to an unconditional request", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, "<html><body>error page</body></html>")
			}))
			res := testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL})
			if res.Err == nil {
				t.Fatalf("no error: %+v", res)
			}
			if !strings.HasPrefix(reason(res.Err), tt.wantErr) || !strings.HasSuffix(res.Err.Error(), " (fetching "+srv.URL+")") {
				t.Errorf("error = %q, want the reason %q first, the URL last", res.Err, tt.wantErr)
			}
			if res.Gone != tt.wantGone || res.StatusCode != tt.status || res.Feed != nil {
				t.Errorf("gone=%v status=%d", res.Gone, res.StatusCode)
			}
			if tt.wantRetry == 0 {
				if !res.RetryAfter.IsZero() {
					t.Errorf("RetryAfter = %v, want zero", res.RetryAfter)
				}
				return
			}
			if d := time.Until(res.RetryAfter); d < tt.wantRetry-5*time.Second || d > tt.wantRetry+time.Second {
				t.Errorf("RetryAfter in %v, want about %v", d, tt.wantRetry)
			}
		})
	}
}

func TestFetchCharsetFromHeader(t *testing.T) {
	body, _ := charmap.Windows1252.NewEncoder().String(`<rss version="2.0"><channel><title>Caf` + "é" + ` – €</title></channel></rss>`)
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=windows-1252")
		io.WriteString(w, body)
	}))
	res := testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	if res.Err != nil || res.Feed.Title != "Café – €" {
		t.Fatalf("got %+v", res)
	}
}

// endless writes zeros until the client goes away.
func endless(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	io.WriteString(w, `<rss version="2.0"><channel><title>`)
	chunk := bytes.Repeat([]byte("a"), 32<<10)
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// allocated runs f and returns the bytes allocated meanwhile (all
// goroutines, server included).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestFetchEndlessBodyCut(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(endless))
	var res Result
	alloc := allocated(func() {
		res = testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	})
	want := fmt.Sprintf("feed larger than 8 MiB (fetching %s)", srv.URL)
	if res.Err == nil || res.Err.Error() != want {
		t.Fatalf("error = %v, want %q", res.Err, want)
	}
	t.Logf("allocated %d MiB", alloc>>20)
	if alloc > 64<<20 {
		t.Errorf("allocated %d MiB reading an endless body capped at 8 MiB", alloc>>20)
	}
}

func TestFetchContentLengthTooLarge(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000000")
		io.WriteString(w, "<rss>")
	}))
	res := testClient(Options{MaxBytes: 1 << 20}).Fetch(context.Background(), Request{URL: srv.URL})
	if res.Err == nil || !strings.HasSuffix(reason(res.Err), "feed larger than 1 MiB") {
		t.Fatalf("error = %v", res.Err)
	}
}

// gzipBomb serves about 1 GiB of zeros as gzip: one small gzip member of
// 1 MiB of zeros, repeated (gzip readers read concatenated members).
func gzipBomb(t *testing.T) http.HandlerFunc {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	m := member.Bytes()
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		for i := 0; i < 1024 && r.Context().Err() == nil; i++ {
			if _, err := w.Write(m); err != nil {
				return
			}
		}
	}
}

func TestFetchGzipBombCut(t *testing.T) {
	srv := quietServer(t, gzipBomb(t))
	var res Result
	alloc := allocated(func() {
		res = testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	})
	if res.Err == nil || !strings.HasSuffix(reason(res.Err), "feed larger than 8 MiB") {
		t.Fatalf("error = %v", res.Err)
	}
	t.Logf("allocated %d MiB", alloc>>20)
	if alloc > 64<<20 {
		t.Errorf("allocated %d MiB on a gzip bomb", alloc>>20)
	}
}

func TestFetchGzipOK(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("no Accept-Encoding: gzip")
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, smallFeed)
		zw.Close()
	}))
	res := testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	if res.Err != nil || res.Feed.Title != "Small" {
		t.Fatalf("got %+v", res)
	}
}

func TestFetchGzipFileWithoutEncoding(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, smallFeed)
		zw.Close()
	}))
	res := testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL + "/feed.xml.gz"})
	if res.Err != nil || res.Feed.Title != "Small" {
		t.Fatalf("got %+v", res)
	}
}

func TestFetchGzipBombWithoutEncoding(t *testing.T) {
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(make([]byte, 4<<20))
	zw.Close()
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(bomb.Bytes())
	}))
	res := testClient(Options{MaxBytes: 1 << 20}).Fetch(context.Background(), Request{URL: srv.URL + "/feed.xml.gz"})
	if res.Err == nil || !strings.HasSuffix(reason(res.Err), "feed larger than 1 MiB") {
		t.Fatalf("error = %v", res.Err)
	}
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/self", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		if n == 0 {
			io.WriteString(w, smallFeed)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := quietServer(t, mux)
	c := testClient(Options{})
	for _, tt := range []struct{ path, want string }{
		{"/loop-a", "redirect loop"},
		{"/self", "redirect loop"},
		{"/chain/6", "too many redirects (more than 5)"},
		{"/to-file", `redirect to unsupported scheme "file"`},
	} {
		res := c.Fetch(context.Background(), Request{URL: srv.URL + tt.path})
		if res.Err == nil || !strings.Contains(res.Err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want %q", tt.path, res.Err, tt.want)
		} else if !strings.HasSuffix(res.Err.Error(), " (fetching "+srv.URL+tt.path+")") {
			t.Errorf("%s: error not wrapped with URL: %v", tt.path, res.Err)
		}
	}
	res := c.Fetch(context.Background(), Request{URL: srv.URL + "/chain/5"})
	if res.Err != nil || res.FinalURL != srv.URL+"/chain/0" {
		t.Errorf("5 redirects should be followed: %v %q", res.Err, res.FinalURL)
	}
}

func TestFetchSlowDripCutByTimeout(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(200)
		for _, b := range []byte(smallFeed) {
			w.Write([]byte{b})
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	}))
	// The server trickles bytes for as long as the request lasts: only the
	// total timeout can end it.
	res := testClient(Options{Timeout: 1500 * time.Millisecond}).Fetch(context.Background(), Request{URL: srv.URL})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "timed out (limit 1.5s)") {
		t.Fatalf("error = %v", res.Err)
	}
}

func TestFetchSlowHeaders(t *testing.T) {
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	res := testClient(Options{HeaderTimeout: 300 * time.Millisecond}).Fetch(context.Background(), Request{URL: srv.URL})
	if res.Err == nil || !strings.HasSuffix(reason(res.Err), "timed out waiting for response headers (limit 300ms)") {
		t.Fatalf("error = %v", res.Err)
	}
}

// A server that accepts TCP but never speaks TLS is cut by TLSTimeout.
func TestFetchTLSHandshakeTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // held open, silent, until the listener closes
		}
	}()
	// The error names the TLS limit: no other timeout (30 s) ended it.
	res := testClient(Options{TLSTimeout: 300 * time.Millisecond}).Fetch(context.Background(), Request{URL: "https://" + ln.Addr().String() + "/"})
	if res.Err == nil || !strings.HasSuffix(reason(res.Err), "TLS handshake timed out (limit 300ms)") {
		t.Fatalf("error = %v", res.Err)
	}
}

func TestFetchUntrustedTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, smallFeed)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	res := testClient(Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	want := "TLS certificate not trusted (signed by an unknown authority) (fetching " + srv.URL + ")"
	if res.Err == nil || res.Err.Error() != want {
		t.Fatalf("error = %v, want %q", res.Err, want)
	}
}

func TestFetchNotAFeed(t *testing.T) {
	bodies := map[string]struct{ ct, body, want string }{
		"/html":   {"text/html; charset=utf-8", "<!doctype html><html><head><title>x</title></head><body>Hi</body></html>", "not a feed (got an HTML page)"},
		"/empty":  {"application/rss+xml", "", "empty response"},
		"/binary": {"application/octet-stream", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\xff\xfe\x00junk", "not a feed"},
		"/broken": {"application/rss+xml", "<rss><channel><title>x</title><item><a:b></c:b></item></channel></rss>", "parse feed:"},
	}
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := bodies[r.URL.Path]
		w.Header().Set("Content-Type", b.ct)
		io.WriteString(w, b.body)
	}))
	c := testClient(Options{})
	for p, b := range bodies {
		res := c.Fetch(context.Background(), Request{URL: srv.URL + p})
		want := b.want
		if res.Err == nil || !strings.HasPrefix(reason(res.Err), want) || !strings.HasSuffix(res.Err.Error(), " (fetching "+srv.URL+p+")") {
			t.Errorf("%s: error = %v, want %q", p, res.Err, want)
		}
	}
}

func TestFetchUnreachableAndBadURLs(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	dead := srv.URL
	srv.Close()
	c := testClient(Options{ConnectTimeout: time.Second})
	for _, tt := range []struct{ url, want string }{
		{dead, "connection refused"},
		{"exec:rm -rf", `unsupported URL scheme "exec"`},
		{"http://", "no host"},
		{"://bad", "invalid URL"},
	} {
		res := c.Fetch(context.Background(), Request{URL: tt.url})
		if res.Err == nil || !strings.Contains(res.Err.Error(), tt.want) || !strings.HasSuffix(res.Err.Error(), " (fetching "+tt.url+")") {
			t.Errorf("%q: error = %v, want %q", tt.url, res.Err, tt.want)
		}
	}
}

func TestFetchFileURL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(path, []byte(smallFeed), 0o644); err != nil {
		t.Fatal(err)
	}
	c := testClient(Options{})
	res := c.Fetch(context.Background(), Request{URL: "file://" + path})
	if res.Err != nil || res.Feed.Title != "Small" {
		t.Fatalf("got %+v", res)
	}
	again := c.Fetch(context.Background(), Request{URL: "file://" + path, LastModified: res.LastModified})
	if !again.NotModified {
		t.Errorf("file not conditional: %+v", again)
	}
}

func TestFetchCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := testClient(Options{}).Fetch(ctx, Request{URL: "http://127.0.0.1:9/"})
	if res.Err == nil || !strings.HasSuffix(reason(res.Err), "canceled") {
		t.Fatalf("error = %v", res.Err)
	}
}

func TestFetchPage(t *testing.T) {
	latin, _ := charmap.ISO8859_1.NewEncoder().String(`<html><head><meta charset="iso-8859-1"><title>Été</title></head><body>déjà</body></html>`)
	mux := http.NewServeMux()
	mux.HandleFunc("/latin", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, latin)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/latin", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/big", endless)
	srv := quietServer(t, mux)
	c := testClient(Options{MaxBytes: 1 << 20})
	p, err := c.FetchPage(context.Background(), srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != srv.URL+"/latin" || p.ContentType != "text/html" || !strings.Contains(string(p.Body), "<title>Été</title>") {
		t.Errorf("page = %q %q %q", p.URL, p.ContentType, p.Body)
	}
	if _, err := c.FetchPage(context.Background(), srv.URL+"/nope"); err == nil || err.Error() != "HTTP 404 Not Found (fetching "+srv.URL+"/nope)" {
		t.Errorf("404 error = %v", err)
	}
	if _, err := c.FetchPage(context.Background(), srv.URL+"/big"); err == nil || !strings.HasSuffix(reason(err), "page larger than 1 MiB") {
		t.Errorf("big error = %v", err)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"0", time.Time{}},
		{"-5", time.Time{}},
		{"30", now.Add(30 * time.Second)},
		{" 30 ", now.Add(30 * time.Second)},
		{"Wed, 25 Nov 2026 13:00:00 GMT", now.Add(time.Hour)},
		{"Wednesday, 25-Nov-26 13:00:00 GMT", now.Add(time.Hour)},
		{"Wed, 25 Nov 2026 11:00:00 GMT", time.Time{}},
		{"1e9", time.Time{}},
		{"99999999999999999999", time.Time{}},
		{"31536000", now.Add(maxRetryAfter)},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); !got.Equal(tt.want) {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	h := http.Header{}
	h.Add("Cache-Control", "no-transform, max-age=\"60\"")
	if got := maxAge(h, now); !got.Equal(now.Add(time.Minute)) {
		t.Errorf("maxAge = %v", got)
	}
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if got := maxAge(h, now); !got.Equal(now.Add(maxCacheAge)) {
		t.Errorf("maxAge year = %v", got)
	}
	h.Set("Cache-Control", "max-age=0")
	if got := maxAge(h, now); !got.IsZero() {
		t.Errorf("maxAge 0 = %v", got)
	}
}

func TestOptionsDefaults(t *testing.T) {
	o := NewClient(Options{}).Options()
	if o.Workers != 16 || o.PerHost != 2 || o.MaxBytes != 8<<20 || o.MaxRedirects != 5 || o.Timeout != 30*time.Second ||
		o.ConnectTimeout != 10*time.Second || o.UserAgent != DefaultUserAgent {
		t.Errorf("defaults = %+v", o)
	}
	if o := NewClient(Options{Timeout: time.Second}).Options(); o.HeaderTimeout != time.Second {
		t.Errorf("header timeout not capped by total: %v", o.HeaderTimeout)
	}
}

func TestGunzipTrailerIsOnlyAHint(t *testing.T) {
	doc := bytes.Repeat([]byte("<item>news</item>\n"), 5000)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(doc)
	zw.Close()
	good := z.Bytes()
	n := len(good)
	for name, trailer := range map[string]uint32{"true": uint32(len(doc)), "too small": 10, "too large": 1 << 31, "zero": 0} {
		b := bytes.Clone(good)
		binary.LittleEndian.PutUint32(b[n-4:], trailer)
		got, err := gunzip(b, 8<<20)
		if trailer != uint32(len(doc)) {
			// A wrong ISIZE fails gzip's own check, after the body was read
			// within the cap: the error is reported, nothing is guessed.
			if err == nil {
				t.Errorf("%s: no error for a wrong trailer", name)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, doc) {
			t.Errorf("%s: got %d bytes, %v", name, len(got), err)
		}
	}
	if _, err := gunzip(good, 1000); !errors.Is(err, errTooLarge) {
		t.Errorf("cap: err = %v, want errTooLarge", err)
	}
	if _, err := gunzip(good[:n/2], 8<<20); err == nil {
		t.Error("truncated gzip: no error")
	}
	plain := []byte("<rss>mislabelled as gzip</rss>")
	if got, err := gunzip(plain, 8<<20); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("not gzip: got %q, %v", got, err)
	}
}

// reason is the reason of a failed fetch, without the URL.
func reason(err error) string {
	var fe *FetchError
	if errors.As(err, &fe) {
		return fe.Err.Error()
	}
	return ""
}
