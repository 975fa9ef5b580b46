package miniflux

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

// Provider is one Miniflux account, reached through the REST API.
// Its methods may be called from several goroutines.
type Provider struct {
	c       *client.Client
	secrets []string // never shown in an error
}

var _ hsync.Provider = (*Provider)(nil)

// New returns a provider for the Miniflux server at o.URL, signing in with
// o.APIKey, or else with o.Username and o.Password.
func New(o hsync.Options) (*Provider, error) {
	if err := hsync.CheckURL(o.URL); err != nil {
		return nil, err
	}
	var auth client.Option
	var secrets []string
	switch {
	case o.APIKey != "":
		auth, secrets = client.WithAPIKey(o.APIKey), []string{o.APIKey}
	case o.Username != "" && o.Password != "":
		auth, secrets = client.WithCredentials(o.Username, o.Password), []string{o.Password}
	default:
		return nil, fmt.Errorf("%w: miniflux needs an API key, or a user name and a password", hsync.ErrConfig)
	}
	hc := o.HTTP
	if hc == nil {
		hc = hsync.NewHTTPClient(o.URL, hsync.Limits{})
	}
	// The client trims one "/" and one "/v1" itself, and trims a "/" left
	// over again on every request, writing its endpoint without a lock:
	// hand it a base with nothing left to trim.
	base := strings.TrimRight(strings.TrimSpace(o.URL), "/")
	base = strings.TrimRight(strings.TrimSuffix(base, "/v1"), "/")
	c := client.NewClientWithOptions(base, auth, client.WithHTTPClient(withClock(hc)))
	return &Provider{c: c, secrets: secrets}, nil
}

// Name reports "miniflux".
func (p *Provider) Name() string { return "miniflux" }

// Subscriptions lists the account's feeds. Folders holds the feed's
// category, whatever its name: Miniflux's default "All" is an ordinary
// category the user may rename or file feeds in, so it is kept too.
func (p *Provider) Subscriptions(ctx context.Context) ([]hsync.Subscription, error) {
	feeds, err := p.c.FeedsContext(ctx)
	if err != nil {
		return nil, p.wrap("list feeds", err)
	}
	subs := make([]hsync.Subscription, 0, len(feeds))
	for _, f := range feeds {
		if f != nil {
			subs = append(subs, subscription(f))
		}
	}
	return subs, nil
}

// Subscribe follows feedURL in the category named folder, created when
// missing; an empty folder means the user's first category (the server
// picks it). A feed the account already follows is returned as it is.
func (p *Provider) Subscribe(ctx context.Context, feedURL, folder string) (hsync.Subscription, error) {
	var catID int64 // 0: the server files it in the first category
	if folder = strings.TrimSpace(folder); folder != "" {
		id, err := p.category(ctx, folder)
		if err != nil {
			return hsync.Subscription{}, err
		}
		catID = id
	}
	id, err := p.c.CreateFeedContext(ctx, &client.FeedCreationRequest{FeedURL: feedURL, CategoryID: catID})
	if err != nil {
		// Miniflux answers 400 "This feed already exists." (500 when it
		// learns so after a redirect); whatever the wording, a feed with
		// this URL on the account means we are subscribed.
		if isAuth(err) || ctx.Err() != nil {
			return hsync.Subscription{}, p.wrap("subscribe to "+redact(feedURL), err)
		}
		if s, ok := p.findFeed(ctx, feedURL); ok {
			return s, nil
		}
		return hsync.Subscription{}, p.wrap("subscribe to "+redact(feedURL), err)
	}
	f, err := p.c.FeedContext(ctx, id)
	if err != nil {
		return hsync.Subscription{}, p.wrap("read the new feed", err)
	}
	return subscription(f), nil
}

// Unsubscribe deletes the feed; one the server does not have is not an
// error.
func (p *Provider) Unsubscribe(ctx context.Context, feedID string) error {
	id, err := strconv.ParseInt(feedID, 10, 64)
	if err != nil {
		return fmt.Errorf("unsubscribe: %q is not a Miniflux feed id", feedID)
	}
	if err := p.c.DeleteFeedContext(ctx, id); err != nil && !errors.Is(err, client.ErrNotFound) {
		return p.wrap("unsubscribe from feed "+feedID, err)
	}
	return nil
}

// category returns the id of the category titled name (exactly, else
// ignoring case: herald's tags ignore it), creating it when missing.
func (p *Provider) category(ctx context.Context, name string) (int64, error) {
	for attempt := 0; ; attempt++ {
		cats, err := p.c.CategoriesContext(ctx)
		if err != nil {
			return 0, p.wrap("list categories", err)
		}
		if id := findCategory(cats, name); id != 0 {
			return id, nil
		}
		c, err := p.c.CreateCategoryContext(ctx, name)
		switch {
		case err == nil:
			return c.ID, nil
		case attempt > 0 || isAuth(err) || ctx.Err() != nil:
			return 0, p.wrap("create category "+strconv.Quote(name), err)
		}
		// Perhaps created meanwhile ("This category already exists."): look again.
	}
}

func findCategory(cats client.Categories, name string) int64 {
	var fold int64
	for _, c := range cats {
		switch {
		case c == nil:
		case c.Title == name:
			return c.ID
		case fold == 0 && strings.EqualFold(c.Title, name):
			fold = c.ID
		}
	}
	return fold
}

// findFeed looks for the account's feed with this URL.
func (p *Provider) findFeed(ctx context.Context, feedURL string) (hsync.Subscription, bool) {
	feeds, err := p.c.FeedsContext(ctx)
	if err != nil {
		return hsync.Subscription{}, false
	}
	for _, f := range feeds {
		if f != nil && sameURL(f.FeedURL, feedURL) {
			return subscription(f), true
		}
	}
	return hsync.Subscription{}, false
}

func subscription(f *client.Feed) hsync.Subscription {
	s := hsync.Subscription{ID: strconv.FormatInt(f.ID, 10), URL: f.FeedURL, Title: f.Title, SiteURL: f.SiteURL}
	if f.Category != nil && f.Category.Title != "" {
		s.Folders = []string{f.Category.Title}
	}
	return s
}

// sameURL compares two feed URLs, ignoring the case of scheme and host.
func sameURL(a, b string) bool {
	if a == b {
		return true
	}
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	return strings.EqualFold(ua.Scheme, ub.Scheme) && strings.EqualFold(ua.Host, ub.Host) &&
		ua.Path == ub.Path && ua.RawQuery == ub.RawQuery
}

// redact drops a URL's query and user info, which may hold a token.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the feed"
	}
	u.RawQuery, u.User = "", nil
	return u.String()
}

func isAuth(err error) bool {
	return errors.Is(err, client.ErrNotAuthorized) || errors.Is(err, client.ErrForbidden)
}

// wrap says what was being done: one line, no URL query, no secret, at
// most a few hundred characters whatever the server sent.
func (p *Provider) wrap(op string, err error) error {
	if isAuth(err) {
		return fmt.Errorf("%s: %w", op, hsync.ErrAuth)
	}
	msg := hsync.Describe(err) // a timeout while the client read the body too
	for _, s := range p.secrets {
		msg = strings.ReplaceAll(msg, s, "[secret]")
	}
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	return &opError{msg: op + ": " + msg, err: err}
}

// opError is an error with a cleaned message that still unwraps to the
// client's, so callers can test for context.Canceled or hsync.ErrTooLarge.
type opError struct {
	msg string
	err error
}

func (e *opError) Error() string { return e.msg }
func (e *opError) Unwrap() error { return e.err }

// clockKey is the context key of a *serverClock.
type clockKey struct{}

// serverClock holds the Date header of the first answer to one Pull.
type serverClock struct{ unix int64 }

// clocked notes the server's Date in the request's serverClock, if any.
type clocked struct{ next http.RoundTripper }

func (t clocked) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if c, ok := req.Context().Value(clockKey{}).(*serverClock); ok && err == nil && c.unix == 0 {
		// A Pull's requests run one after another: no lock needed.
		if d, perr := http.ParseTime(resp.Header.Get("Date")); perr == nil {
			c.unix = d.Unix()
		}
	}
	return resp, err
}

// withClock returns a copy of hc whose transport notes the server's clock.
func withClock(hc *http.Client) *http.Client {
	cp := *hc
	next := cp.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	cp.Transport = clocked{next: next}
	return &cp
}
