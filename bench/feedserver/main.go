// Command feedserver serves a deterministic corpus of realistic news feeds on
// loopback for herald's benchmarks and crash tests.
//
// It generates N feeds (RSS 2.0 mostly, every -atom-every'th one Atom), each
// with -items items of 2–8 KB of HTML (paragraphs, a figure with caption and
// credit, crossheads, quotes and links), all derived from -seed. Every feed is
// rendered and gzipped once, before the server says it is ready, and kept
// gzipped only (a client that does not accept gzip costs a gunzip). The feeds
// are spread over -ports listeners (on distinct loopback addresses 127.0.0.1…
// unless -same-ip), so that a client's per-host limit does not hide its worker
// pool. Responses carry ETag and Last-Modified and conditional requests are
// answered 304.
//
// Once listening it writes the feed list as OPML (-opml) and/or a newsboat
// urls file (-urls), then prints "ready" on stdout. Request counts are served
// as JSON at /stats on every listener (/stats?reset=1 zeroes them after
// reading) and printed to stderr on SIGINT or SIGTERM. /control?latency=50ms
// changes the simulated latency while running.
//
// Other paths: /news/F/I.html is the article page an item links to,
// /site/F/ is a feed's home page advertising the feed (for discovery), and
// /img/… is a tiny image.
//
// Usage:
//
//	feedserver -n 1000 -ports 8 -latency 50ms -opml /tmp/feeds.opml
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// config holds the command-line flags.
type config struct {
	n         int
	ports     int
	basePort  int
	sameIP    bool
	items     int
	atomEvery int
	seed      uint64
	latency   time.Duration
	rotate    int
	opml      string
	urls      string
}

// stats counts what the server answered; all fields are updated atomically.
type stats struct {
	Requests    atomic.Int64 // feed requests
	OK          atomic.Int64 // feed 200s
	NotModified atomic.Int64 // feed 304s
	Gzip        atomic.Int64 // feed 200s sent gzipped
	Bytes       atomic.Int64 // feed body bytes sent (after compression)
	Pages       atomic.Int64 // article, site and image requests
	NotFound    atomic.Int64
	InFlight    atomic.Int64 // feed requests being answered now
	MaxInFlight atomic.Int64 // most feed requests answered at once
}

// snapshot is the JSON form of stats.
type snapshot struct {
	Requests    int64 `json:"requests"`
	OK          int64 `json:"ok"`
	NotModified int64 `json:"not_modified"`
	Gzip        int64 `json:"gzip"`
	Bytes       int64 `json:"bytes"`
	Pages       int64 `json:"pages"`
	NotFound    int64 `json:"not_found"`
	MaxInFlight int64 `json:"max_in_flight"`
}

func (s *stats) snapshot(reset bool) snapshot {
	get := func(v *atomic.Int64) int64 {
		if reset {
			return v.Swap(0)
		}
		return v.Load()
	}
	return snapshot{
		Requests: get(&s.Requests), OK: get(&s.OK), NotModified: get(&s.NotModified),
		Gzip: get(&s.Gzip), Bytes: get(&s.Bytes), Pages: get(&s.Pages),
		NotFound: get(&s.NotFound), MaxInFlight: get(&s.MaxInFlight),
	}
}

// server answers every listener's requests.
type server struct {
	cfg     config
	c       *corpus
	st      stats
	offsets []atomic.Int64 // rotate mode: current window offset per feed
	latency atomic.Int64   // current delay in nanoseconds (-latency, /control)
}

func main() {
	var cfg config
	flag.IntVar(&cfg.n, "n", 1000, "number of feeds")
	flag.IntVar(&cfg.ports, "ports", 8, "number of listeners the feeds are spread over")
	flag.IntVar(&cfg.basePort, "port", 0, "first port (listener k uses port+k); 0 picks free ports")
	flag.BoolVar(&cfg.sameIP, "same-ip", false, "listen on 127.0.0.1 only instead of 127.0.0.1…127.0.0.P")
	flag.IntVar(&cfg.items, "items", 30, "items per feed")
	flag.IntVar(&cfg.atomEvery, "atom-every", 5, "every k-th feed is Atom (0: none)")
	flag.Uint64Var(&cfg.seed, "seed", 1, "corpus seed")
	flag.DurationVar(&cfg.latency, "latency", 0, "delay before answering each feed request")
	flag.IntVar(&cfg.rotate, "rotate", 0, "advance each feed's item window by this many items on every request (new items on every refresh; disables 304s)")
	flag.StringVar(&cfg.opml, "opml", "", "write the feed list as OPML to this file")
	flag.StringVar(&cfg.urls, "urls", "", "write the feed list as a newsboat urls file")
	flag.Parse()
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "feedserver:", err)
		os.Exit(1)
	}
}

func run(cfg config) error {
	if cfg.n < 1 || cfg.ports < 1 || cfg.items < 1 {
		return errors.New("-n, -ports and -items must be positive")
	}
	if cfg.ports > 250 && !cfg.sameIP {
		return errors.New("at most 250 distinct loopback addresses; use -same-ip")
	}
	lns := make([]net.Listener, cfg.ports)
	bases := make([]string, cfg.ports)
	for k := range lns {
		ip := "127.0.0.1"
		if !cfg.sameIP {
			ip = "127.0.0." + strconv.Itoa(k+1)
		}
		port := 0
		if cfg.basePort > 0 {
			port = cfg.basePort + k
		}
		ln, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
		if err != nil {
			return fmt.Errorf("listen %s: %w", ip, err)
		}
		lns[k] = ln
		bases[k] = "http://" + ln.Addr().String()
	}

	start := time.Now()
	c := generate(cfg, bases)
	var raw, gz int
	for _, d := range c.feeds {
		raw += d.size
		gz += len(d.gz)
	}
	fmt.Fprintf(os.Stderr, "feedserver: %d feeds × %d items, %.1f MB (%.1f MB gzipped) generated in %v on %d listeners\n",
		cfg.n, cfg.items, float64(raw)/1e6, float64(gz)/1e6, time.Since(start).Round(time.Millisecond), cfg.ports)

	s := &server{cfg: cfg, c: c, offsets: make([]atomic.Int64, cfg.n)}
	s.latency.Store(int64(cfg.latency))
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, len(lns))
	for _, ln := range lns {
		go func() { errc <- srv.Serve(ln) }()
	}
	if cfg.opml != "" {
		if err := os.WriteFile(cfg.opml, c.opml(), 0o644); err != nil {
			return fmt.Errorf("write OPML: %w", err)
		}
	}
	if cfg.urls != "" {
		if err := os.WriteFile(cfg.urls, c.urlsFile(), 0o644); err != nil {
			return fmt.Errorf("write urls: %w", err)
		}
	}
	fmt.Println("ready")

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	select {
	case <-sig:
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	b, _ := json.Marshal(s.st.snapshot(false))
	fmt.Fprintf(os.Stderr, "feedserver: stats %s\n", b)
	return nil
}

// generate builds every feed, in parallel, feed f served at bases[f%len(bases)].
func generate(cfg config, bases []string) *corpus {
	c := &corpus{seed: cfg.seed, items: cfg.items, pool: cfg.items, feeds: make([]*feedDoc, cfg.n)}
	if cfg.rotate > 0 {
		c.pool = cfg.items * 2
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				f := int(next.Add(1) - 1)
				if f >= cfg.n {
					return
				}
				c.feeds[f] = c.genFeed(f, bases[f%len(bases)], cfg.atomEvery, cfg.rotate > 0)
			}
		}()
	}
	wg.Wait()
	debug.FreeOSMemory() // drop the generation garbage before serving
	return c
}

// ServeHTTP routes /feed/, /news/, /site/, /img/, /stats and /control.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/feed/"):
		s.serveFeed(w, r, strings.TrimPrefix(p, "/feed/"))
	case strings.HasPrefix(p, "/news/"):
		s.st.Pages.Add(1)
		var f, i int
		if _, err := fmt.Sscanf(strings.TrimPrefix(p, "/news/"), "%d/%d.html", &f, &i); err != nil || f < 0 || f >= len(s.c.feeds) || i < 0 || i >= s.c.pool {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(s.c.articlePage(f, i, baseOf(r)))
	case strings.HasPrefix(p, "/site/"):
		s.st.Pages.Add(1)
		f, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(p, "/site/"), "/"))
		if err != nil || f < 0 || f >= len(s.c.feeds) {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(sitePage(s.c.feeds[f]))
	case strings.HasPrefix(p, "/img/"):
		s.st.Pages.Add(1)
		w.Header().Set("Content-Type", "image/gif")
		w.Write(tinyGIF)
	case p == "/control":
		if v := r.URL.Query().Get("latency"); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				http.Error(w, "bad latency", http.StatusBadRequest)
				return
			}
			s.latency.Store(int64(d))
		}
		fmt.Fprintf(w, "latency=%v\n", time.Duration(s.latency.Load()))
	case p == "/stats":
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(s.st.snapshot(r.URL.Query().Get("reset") != ""))
	default:
		s.notFound(w, r)
	}
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.st.NotFound.Add(1)
	http.NotFound(w, r)
}

// baseOf is the scheme://host the request was addressed to.
func baseOf(r *http.Request) string { return "http://" + r.Host }

// serveFeed answers one feed request, conditionally.
func (s *server) serveFeed(w http.ResponseWriter, r *http.Request, name string) {
	num, _, _ := strings.Cut(name, ".")
	f, err := strconv.Atoi(num)
	if err != nil || f < 0 || f >= len(s.c.feeds) {
		s.notFound(w, r)
		return
	}
	s.st.Requests.Add(1)
	n := s.st.InFlight.Add(1)
	defer s.st.InFlight.Add(-1)
	for {
		m := s.st.MaxInFlight.Load()
		if n <= m || s.st.MaxInFlight.CompareAndSwap(m, n) {
			break
		}
	}
	if lat := time.Duration(s.latency.Load()); lat > 0 {
		t := time.NewTimer(lat)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	d := s.c.feeds[f]
	var body []byte
	gz, etag, lastMod := d.gz, d.etag, d.lastMod
	if s.cfg.rotate > 0 {
		off := int(s.offsets[f].Add(int64(s.cfg.rotate)))
		body = d.buildDoc(off, s.c.items)
		gz = nil
		etag, lastMod = d.validators(off, body)
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", lastMod)
	if notModified(r, etag, lastMod) {
		s.st.NotModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", feedType(d)+"; charset=utf-8")
	h.Set("Vary", "Accept-Encoding")
	switch {
	case acceptsGzip(r):
		if gz == nil {
			gz = gzipBytes(body)
		}
		body = gz
		h.Set("Content-Encoding", "gzip")
		s.st.Gzip.Add(1)
	case body == nil:
		body = d.plain()
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	s.st.OK.Add(1)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		nw, _ := w.Write(body)
		s.st.Bytes.Add(int64(nw))
	}
}

// notModified applies RFC 9110's rules: If-None-Match wins; otherwise
// If-Modified-Since is compared with Last-Modified.
func notModified(r *http.Request, etag, lastMod string) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == etag {
				return true
			}
		}
		return false
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" {
		return false
	}
	since, err := http.ParseTime(ims)
	if err != nil {
		return false
	}
	mod, err := http.ParseTime(lastMod)
	return err == nil && !mod.After(since)
}

func acceptsGzip(r *http.Request) bool {
	for _, e := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		e, q, _ := strings.Cut(strings.TrimSpace(e), ";")
		if strings.EqualFold(strings.TrimSpace(e), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// tinyGIF is a 1×1 transparent GIF.
var tinyGIF = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// opml lists every feed, in one folder per section.
func (c *corpus) opml() []byte {
	b := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
<head><title>herald benchmark feeds</title></head>
<body>
`)
	for _, sec := range sections {
		b = fmt.Appendf(b, "<outline text=%q title=%q>\n", sec, sec)
		for _, d := range c.feeds {
			if d.section != sec {
				continue
			}
			typ := "rss"
			if d.atom {
				typ = "atom"
			}
			b = fmt.Appendf(b, "  <outline type=\"%s\" text=\"%s\" title=\"%s\" xmlUrl=\"%s\" htmlUrl=\"%s\"/>\n",
				typ, xmlEsc(d.title), xmlEsc(d.title), d.feedURL, d.site)
		}
		b = append(b, "</outline>\n"...)
	}
	return append(b, "</body>\n</opml>\n"...)
}

// urlsFile lists every feed in newsboat's urls format, tagged by section.
func (c *corpus) urlsFile() []byte {
	b := []byte("# herald benchmark feeds\n")
	for _, d := range c.feeds {
		b = fmt.Appendf(b, "%s %q\n", d.feedURL, d.section)
	}
	return b
}
