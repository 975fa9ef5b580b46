package feed

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"golang.org/x/net/http/httpguts"
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
	c := &Client{opts: o}
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
	status int
	header http.Header
	final  string
	body   []byte
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
	body, err := readCapped(resp.Body, max, resp.ContentLength)
	if err == nil && isGzip(resp.Header.Get("Content-Encoding")) {
		body, err = gunzip(body, max)
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

var errTooLarge = errors.New("too large")

// readCapped reads r to the end, failing with errTooLarge once more than max
// bytes arrive; memory use stays bounded by max. sizeHint (Content-Length,
// or <= 0) sizes the buffer up front.
func readCapped(r io.Reader, max, sizeHint int64) ([]byte, error) {
	size := int64(64 << 10)
	if sizeHint > 0 {
		size = sizeHint + 1 // room to see EOF without growing
	}
	buf := make([]byte, 0, min(size, max+1))
	for {
		if len(buf) == cap(buf) { // grow by doubling, never past max+1
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), max+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// gunzipIfNeeded decompresses a body that is still gzip (a .xml.gz served
// without Content-Encoding, or gzip applied twice), with the same cap.
func gunzipIfNeeded(body []byte, max int64) ([]byte, error) {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	return gunzip(body, max)
}

func isGzip(contentEncoding string) bool {
	ce := strings.TrimSpace(contentEncoding)
	return strings.EqualFold(ce, "gzip") || strings.EqualFold(ce, "x-gzip")
}

// gunzip decompresses a gzip body, failing with errTooLarge past max
// decompressed bytes (a gzip bomb is cut off there). A body that is not gzip
// after all (a mislabelled Content-Encoding) is returned as it is, for the
// parser to judge. The buffer is sized from the gzip trailer's length when
// that is plausible, so a feed is decompressed into one allocation.
func gunzip(body []byte, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return body, nil
	}
	defer zr.Close()
	var hint int64
	if n := len(body); n >= 4 {
		size := int64(binary.LittleEndian.Uint32(body[n-4:])) // ISIZE: length mod 2^32
		if size <= 64*int64(n) {
			hint = size
		}
	}
	return readCapped(zr, max, hint)
}

// describe turns a transport error into a short, one-line message.
func (c *Client) describe(ctx context.Context, err error) error {
	err = unwrapURLError(err)
	var (
		unknownCA x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		dnsErr    *net.DNSError
		opErr     *net.OpError
	)
	switch {
	case ctx.Err() == context.Canceled || errors.Is(err, context.Canceled):
		return errors.New("canceled")
	case errors.As(err, &opErr) && opErr.Op == "dial" && isTimeout(err) && ctx.Err() == nil:
		return fmt.Errorf("connect timed out (limit %s)", c.opts.ConnectTimeout)
	case strings.Contains(err.Error(), "awaiting response headers"):
		return fmt.Errorf("timed out waiting for response headers (limit %s)", c.opts.HeaderTimeout)
	case strings.Contains(err.Error(), "TLS handshake timeout"):
		return fmt.Errorf("TLS handshake timed out (limit %s)", c.opts.TLSTimeout)
	case ctx.Err() == context.DeadlineExceeded || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("timed out (limit %s)", c.opts.Timeout)
	case errors.As(err, &unknownCA):
		return errors.New("TLS certificate not trusted (signed by an unknown authority)")
	case errors.As(err, &hostErr):
		return fmt.Errorf("TLS certificate not valid for this host: %v", hostErr)
	case errors.As(err, &invalid):
		return fmt.Errorf("TLS certificate invalid: %v", invalid)
	case errors.As(err, &verify):
		return fmt.Errorf("TLS certificate rejected: %v", verify.Err)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return fmt.Errorf("unknown host %s", dnsErr.Name)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// unwrapURLError strips *url.Error's `Get "https://…":` prefix: callers wrap
// errors with the URL themselves.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// statusError describes a non-2xx status without trusting the server's
// reason phrase.
func statusError(code int) error {
	if t := http.StatusText(code); t != "" {
		return fmt.Errorf("HTTP %d %s", code, t)
	}
	return fmt.Errorf("HTTP %d", code)
}

// feedAccept is sent as Accept on feed requests.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// Fetch fetches and parses one feed with a conditional GET: r's ETag and
// LastModified are replayed verbatim, and a 304 yields NotModified with
// nothing parsed. Errors are one line, wrapped with the URL.
func (c *Client) Fetch(ctx context.Context, r Request) Result {
	res := Result{URL: r.URL}
	fail := func(err error) Result {
		res.Err = fmt.Errorf("fetch %s: %w", r.URL, err)
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
		return fail(err)
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
			return fail(errors.New("HTTP 304 Not Modified to an unconditional request"))
		}
		res.NotModified = true
		if res.ETag == "" {
			res.ETag = r.ETag
		}
		if res.LastModified == "" {
			res.LastModified = r.LastModified
		}
		res.RetryAfter = maxAge(resp.header, now)
		return res
	case code == http.StatusGone:
		res.Gone = true
		return fail(errors.New("gone (HTTP 410): no longer polled"))
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		res.RetryAfter = retryAfter(resp.header.Get("Retry-After"), now)
		if !res.RetryAfter.IsZero() {
			return fail(fmt.Errorf("%v (retry after %s)", statusError(code),
				res.RetryAfter.UTC().Format(time.RFC3339)))
		}
		return fail(statusError(code))
	case code < 200 || code > 299:
		return fail(statusError(code))
	}

	body, err := gunzipIfNeeded(resp.body, c.opts.MaxBytes)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return fail(fmt.Errorf("feed larger than %s", formatSize(c.opts.MaxBytes)))
		}
		return fail(fmt.Errorf("gzip: %w", err))
	}
	f, err := ParseContext(ctx, body, resp.header.Get("Content-Type"), resp.final)
	if err != nil {
		return fail(err)
	}
	res.Feed = f
	res.RetryAfter = maxAge(resp.header, now)
	return res
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

// validValidator reports whether an ETag or Last-Modified value can be
// replayed in a request header: non-empty, short, no control characters.
func validValidator(v string) bool {
	return v != "" && len(v) <= 1024 && httpguts.ValidHeaderFieldValue(v)
}

// retryAfter parses a Retry-After value (delay in seconds or an HTTP date)
// relative to now; zero when absent, invalid or in the past.
func retryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	var t time.Time
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return time.Time{}
		}
		if secs > int64(maxRetryAfter/time.Second) {
			secs = int64(maxRetryAfter / time.Second)
		}
		t = now.Add(time.Duration(secs) * time.Second)
	} else if d, err := http.ParseTime(v); err == nil {
		t = d
	} else {
		return time.Time{}
	}
	if !t.After(now) {
		return time.Time{}
	}
	if t.Sub(now) > maxRetryAfter {
		t = now.Add(maxRetryAfter)
	}
	return t
}

// maxAge returns now + Cache-Control max-age (at most a day; s-maxage
// ignored), zero when absent or zero.
func maxAge(h http.Header, now time.Time) time.Time {
	for _, v := range h.Values("Cache-Control") {
		for _, d := range strings.Split(v, ",") {
			d = strings.TrimSpace(d)
			name, val, ok := strings.Cut(d, "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(name), "max-age") {
				continue
			}
			secs, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			if err != nil || secs <= 0 {
				return time.Time{}
			}
			if secs > int64(maxCacheAge/time.Second) {
				secs = int64(maxCacheAge / time.Second)
			}
			return now.Add(time.Duration(secs) * time.Second)
		}
	}
	return time.Time{}
}

// CloseIdleConnections closes connections kept alive for reuse (at exit,
// or in tests that check for leaked goroutines).
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }
