package feed

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"time"
)

// Version is the herald version named in the default User-Agent.
const Version = "0.1"

// Defaults used for zero Options fields.
const (
	DefaultWorkers        = 16
	DefaultPerHost        = 2
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultTLSTimeout     = 10 * time.Second
	DefaultHeaderTimeout  = 20 * time.Second
	DefaultMaxBytes       = 8 << 20
	DefaultMaxRedirects   = 5
	DefaultUserAgent      = "herald/" + Version + " (+terminal feed reader)"
)

// maxRetryAfter bounds how far in the future a server may push the next
// fetch, so a hostile or broken header cannot silence a feed for years.
const maxRetryAfter = 7 * 24 * time.Hour

// maxCacheAge bounds the next fetch suggested by Cache-Control max-age:
// static hosting often sends a year for every file, feeds included.
const maxCacheAge = 24 * time.Hour

// Options configures a Client. Zero values select the defaults above.
type Options struct {
	Workers        int           // concurrent fetches in FetchAll (default 16)
	PerHost        int           // concurrent fetches per host in FetchAll (default 2)
	Timeout        time.Duration // total per request, body included (default 30s)
	ConnectTimeout time.Duration // TCP connect (default 10s)
	TLSTimeout     time.Duration // TLS handshake (default 10s)
	HeaderTimeout  time.Duration // wait for response headers (default 20s, at most Timeout)
	MaxBytes       int64         // body cap, counted after decompression (default 8 MiB)
	MaxRedirects   int           // redirects followed (default 5)
	UserAgent      string        // default DefaultUserAgent
	// Offline makes every network connection fail with ErrOffline before
	// any name is looked up (herald demo); file:// URLs still work.
	Offline bool
}

// ErrOffline is the error of every network fetch by an Offline client.
var ErrOffline = errors.New("offline: this session does not use the network")

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.TLSTimeout <= 0 {
		o.TLSTimeout = DefaultTLSTimeout
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = DefaultHeaderTimeout
	}
	if o.HeaderTimeout > o.Timeout {
		o.HeaderTimeout = o.Timeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Client fetches feeds and pages over HTTP (and file:// URLs). It is safe
// for concurrent use; share one per process so connections are reused.
type Client struct {
	opts Options
	hc   *http.Client
	// parsing holds a slot per feed FetchAll is decompressing or parsing, or
	// has parsed and not yet handed over: a CPU's worth of work each, so more
	// than the CPUs can run would only hold parsed feeds in memory while the
	// fetches (mostly waiting on the network) go on.
	parsing chan struct{}
	bodies  bufferPool // feed bodies, raw and gunzipped (see fetch)
}

// Page is a fetched web page (or any document).
type Page struct {
	URL         string // final URL after redirects
	ContentType string
	Body        []byte // HTML pages are converted to UTF-8
}

// Link is a feed found by Discover.
type Link struct {
	URL   string
	Title string
	Type  string // MIME type, e.g. application/rss+xml
}

// NewClient returns a Client configured by o.
func NewClient(o Options) *Client {
	o = o.withDefaults()
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	dial := dialer.DialContext
	if o.Offline {
		dial = func(context.Context, string, string) (net.Conn, error) { return nil, ErrOffline }
	}
	idle := o.PerHost
	if idle < 4 {
		idle = 4
	}
	tr := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            dial,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    o.TLSTimeout,
		ResponseHeaderTimeout:  o.HeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           512,
		MaxIdleConnsPerHost:    idle,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 256 << 10, // a header flood is an error, not memory
		// get asks for gzip itself and decompresses (see gunzip), so the
		// transport's transparent gzip is never used.
	}
	// file:// URLs (named by the user: add, import, read) are served from
	// the local disk, regular files only, with the same conditional-GET
	// semantics. Redirects never reach them (checkRedirect), nor do links
	// from feeds (FetchLinkedPage).
	tr.RegisterProtocol("file", fileTransport{maxBytes: o.MaxBytes})
	c := &Client{opts: o, parsing: make(chan struct{}, runtime.NumCPU()+1)}
	c.hc = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

// Options returns the effective options, defaults filled in.
func (c *Client) Options() Options { return c.opts }

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return fmt.Errorf("redirect to unsupported scheme %q", s)
	}
	next := req.URL.String()
	for _, v := range via {
		if v.URL.String() == next {
			return fmt.Errorf("redirect loop (%s visited twice)", next)
		}
	}
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("too many redirects (more than %d)", c.opts.MaxRedirects)
	}
	return nil
}

// response is a fetched response with its body read (for 2xx) within limits.
type response struct {
	status  int
	header  http.Header
	final   string
	body    []byte
	gzipped bool // body is still gzip (feeds: see Fetch)
}

// get performs one GET with the client's limits. For 2xx responses the body
// is read fully (at most MaxBytes); for others it is discarded. kind names
// the document in the size error ("feed", "page").
func (c *Client) get(ctx context.Context, rawURL string, hdr http.Header, kind string) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("invalid URL: %w", unwrapURLError(err))
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return nil, errors.New("invalid URL: no host")
		}
	case "file":
	default:
		return nil, fmt.Errorf("unsupported URL scheme %q", u.Scheme)
	}

	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("invalid URL: %w", unwrapURLError(err))
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip")

	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.describe(ctx, err)
	}
	defer resp.Body.Close()
	r := &response{status: resp.StatusCode, header: resp.Header, final: resp.Request.URL.String()}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused; never much.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return r, nil
	}
	max := c.opts.MaxBytes
	tooLarge := fmt.Errorf("%s larger than %s", kind, formatSize(max))
	if !resp.Uncompressed && resp.ContentLength > max {
		return nil, tooLarge
	}
	var buf []byte
	if kind == "feed" {
		buf = c.bodies.get() // Fetch gives it back (see fetch)
	}
	body, err := readCappedInto(buf, resp.Body, max, resp.ContentLength)
	if err == nil && isGzip(resp.Header.Get("Content-Encoding")) {
		if kind == "feed" {
			r.gzipped = true // Fetch decompresses it when it may parse
		} else {
			body, err = gunzip(body, max)
		}
	}
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, tooLarge
		}
		return nil, c.describe(ctx, err)
	}
	r.body = body
	return r, nil
}

// feedAccept is sent as Accept on feed requests.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// Fetch fetches and parses one feed with a conditional GET: r's ETag and
// LastModified are replayed verbatim, and a 304 yields NotModified with
// nothing parsed. Errors are one line, a *FetchError: the reason, then the URL.
func (c *Client) Fetch(ctx context.Context, r Request) Result {
	res, _ := c.fetch(ctx, r, nil)
	return res
}

// fetch is Fetch. With slots, decompressing and parsing wait for a free
// slot, and fetch returns holding it (held) for its caller to free once
// the result is handed over.
func (c *Client) fetch(ctx context.Context, r Request, slots chan struct{}) (_ Result, held bool) {
	res := Result{URL: r.URL}
	fail := func(err error) Result {
		res.Err = fetchErr(r.URL, err)
		return res
	}
	hdr := http.Header{}
	hdr.Set("Accept", feedAccept)
	if validValidator(r.ETag) {
		hdr["If-None-Match"] = []string{r.ETag}
	}
	if validValidator(r.LastModified) {
		hdr["If-Modified-Since"] = []string{r.LastModified}
	}
	resp, err := c.get(ctx, r.URL, hdr, "feed")
	if err != nil {
		return fail(err), false
	}
	now := time.Now()
	res.StatusCode = resp.status
	res.FinalURL = resp.final
	// A validator we could not send back would break every later fetch.
	if v := resp.header.Get("ETag"); validValidator(v) {
		res.ETag = v
	}
	if v := resp.header.Get("Last-Modified"); validValidator(v) {
		res.LastModified = v
	}

	switch code := resp.status; {
	case code == http.StatusNotModified:
		if r.ETag == "" && r.LastModified == "" {
			return fail(errors.New("HTTP 304 Not Modified to an unconditional request")), false
		}
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = r.ETag
		}
		if res.LastModified == "" {
			res.LastModified = r.LastModified
		}
		res.RetryAfter = maxAge(resp.header, now)
		return res, false
	case code == http.StatusGone:
		res.Gone = true
		return fail(errors.New("gone (HTTP 410): no longer polled")), false
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		res.RetryAfter = retryAfter(resp.header.Get("Retry-After"), now)
		if !res.RetryAfter.IsZero() {
			return fail(fmt.Errorf("%v (retry after %s)", statusError(code),
				res.RetryAfter.UTC().Format(time.RFC3339))), false
		}
		return fail(statusError(code)), false
	case code < 200 || code > 299:
		return fail(statusError(code)), false
	}

	if slots != nil {
		select {
		case slots <- struct{}{}:
			held = true
		case <-ctx.Done():
			return fail(errors.New("canceled")), false
		}
	}
	raw, body := resp.body, resp.body
	if resp.gzipped {
		if body, err = gunzipInto(c.bodies.get(), raw, c.opts.MaxBytes); err != nil && !errors.Is(err, errTooLarge) {
			return fail(c.describe(ctx, err)), held
		}
	}
	// Once the parse is over nothing refers to the bodies (the parsers copy
	// what they keep), so they serve the next feed; not after a cancel,
	// when an abandoned parse may still be reading them.
	defer func() {
		if ctx.Err() == nil {
			c.bodies.put(raw)
			if resp.gzipped && !sameBuffer(body, raw) { // gunzip returns a body that is not gzip as it is
				c.bodies.put(body)
			}
		}
	}()
	if err == nil {
		body, err = gunzipIfNeeded(body, c.opts.MaxBytes)
	}
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return fail(fmt.Errorf("feed larger than %s", formatSize(c.opts.MaxBytes))), held
		}
		return fail(fmt.Errorf("gzip: %w", err)), held
	}
	f, err := ParseContext(ctx, body, resp.header.Get("Content-Type"), resp.final)
	if err != nil {
		return fail(err), held
	}
	res.Feed = f
	res.RetryAfter = maxAge(resp.header, now)
	return res, held
}

// ParseContext is Parse that gives up when ctx ends: a hostile document
// can keep a parser busy for long, and a refresh must still end at once on
// ctrl+c. The abandoned parse finishes (or the process exits) on its own.
func ParseContext(ctx context.Context, body []byte, contentType, baseURL string) (*Feed, error) {
	if err := ctx.Err(); err != nil {
		return nil, errors.New("canceled")
	}
	type parsed struct {
		f   *Feed
		err error
	}
	done := make(chan parsed, 1)
	go func() {
		f, err := Parse(body, contentType, baseURL)
		done <- parsed{f, err}
	}()
	select {
	case p := <-done:
		return p.f, p.err
	case <-ctx.Done():
		return nil, errors.New("canceled")
	}
}

// CloseIdleConnections closes connections kept alive for reuse (at exit,
// or in tests that check for leaked goroutines).
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }
