package sync

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Limits bound every request to the server, as feed.Options bound a feed's.
type Limits struct {
	// Timeout is the most one request may take, body included (default
	// 60 s): a server that drips its answer fails instead of hanging.
	Timeout time.Duration
	// MaxBytes caps one response body (default 64 MiB).
	MaxBytes int64
}

// Default limits.
const (
	DefaultTimeout  = 60 * time.Second
	DefaultMaxBytes = 64 << 20
)

func (l Limits) withDefaults() Limits {
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	return l
}

// ErrTooLarge is returned when a response passes Limits.MaxBytes.
var ErrTooLarge = errors.New("the server's answer is too large")

// CheckURL reports whether base can be a server address: http or https,
// with a host, and no user name or password in it (secrets belong in the
// configuration's password or API key, which are never logged).
func CheckURL(base string) error {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return fmt.Errorf("%w: server URL: %v", ErrConfig, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: server URL must start with http:// or https://", ErrConfig)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: server URL has no host", ErrConfig)
	}
	if u.User != nil {
		return fmt.Errorf("%w: put the user name and password in the [sync] settings, not in the URL", ErrConfig)
	}
	return nil
}

// NewHTTPClient returns the client every provider talks to base through.
// It follows a redirect only to the same scheme and host as base, so the
// credentials (a header or a form field) never reach another server; it
// never reads local files; each request is bounded by l.
func NewHTTPClient(base string, l Limits) *http.Client {
	l = l.withDefaults()
	origin, _ := url.Parse(strings.TrimSpace(base))
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            dialer.DialContext,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  min(l.Timeout, 30*time.Second),
		ExpectContinueTimeout:  time.Second,
		ForceAttemptHTTP2:      true,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 256 << 10,
	}
	return &http.Client{
		Transport: capped{next: tr, max: l.MaxBytes},
		Timeout:   l.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if origin == nil || req.URL.Scheme != origin.Scheme || !strings.EqualFold(req.URL.Host, origin.Host) {
				return fmt.Errorf("the server redirected to %s://%s; herald only talks to the configured server",
					req.URL.Scheme, req.URL.Host)
			}
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
}

// capped is a RoundTripper whose response bodies fail past max bytes.
type capped struct {
	next http.RoundTripper
	max  int64
}

func (c capped) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > c.max {
		resp.Body.Close()
		return nil, fmt.Errorf("%w (%d bytes, at most %d)", ErrTooLarge, resp.ContentLength, c.max)
	}
	b, _ := req.Context().Value(budgetKey{}).(*budget)
	resp.Body = &limitedBody{rc: resp.Body, left: c.max, budget: b}
	return resp, nil
}

// budgetKey carries a *budget in a request's context.
type budgetKey struct{}

// budget is what is left of the bytes one sync may read, over all its
// requests.
type budget struct {
	left  atomic.Int64
	total int64
}

// WithBudget bounds the bytes every request made with ctx may read
// together: a server that answers each request within its cap, but
// with many pages, still cannot make a sync hold gigabytes.
func WithBudget(ctx context.Context, n int64) context.Context {
	b := &budget{total: n}
	b.left.Store(n)
	return context.WithValue(ctx, budgetKey{}, b)
}

// limitedBody reads at most left bytes (and what its budget has left),
// then fails with ErrTooLarge.
type limitedBody struct {
	rc     io.ReadCloser
	left   int64
	budget *budget
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.budget == nil {
		return b.read(p)
	}
	if b.budget.left.Load() <= 0 {
		return 0, fmt.Errorf("%w: more than %d MiB in one sync", ErrTooLarge, b.budget.total>>20)
	}
	if left := b.budget.left.Load(); int64(len(p)) > left {
		p = p[:left]
	}
	n, err := b.read(p)
	b.budget.left.Add(-int64(n))
	return n, err
}

func (b *limitedBody) read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells a body of exactly the cap from a longer one.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n > 0 {
			return 0, ErrTooLarge
		}
		return b.rc.Read(p)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// Describe turns an error from a provider into one line for the user,
// without the URL's query (which may carry a token) and without the
// transport's noise.
func Describe(err error) string {
	if err == nil {
		return ""
	}
	// By type, or by text: Miniflux's client formats the body's read error
	// with %v, which drops its type.
	if msg := err.Error(); errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(msg, "Client.Timeout") || strings.Contains(msg, context.DeadlineExceeded.Error()) {
		return "the server did not answer in time"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		msg := ue.Err.Error() // a timeout was said above
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery, u.User = "", nil
			return fmt.Sprintf("%s (%s %s)", msg, ue.Op, u.Redacted())
		}
		return msg
	}
	s := err.Error()
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}
