// Package synctest is the conformance suite every sync provider passes
// against a real Miniflux server (internal/minifluxtest): subscriptions,
// the first and later pulls, pushing state, state changed on the server,
// incremental pulls that move nothing they need not, a wrong password and
// a server that is down. Only tests import it.
//
// Each subtest starts from an empty account (Server.Reset) with one feed
// served on loopback, and checks the provider against what the server
// says through its own REST API (Server.Admin), matching entries by title,
// never by the provider's ids. A provider may report only what changed
// since the cursor (Batch.Complete false) or every unread and starred
// entry (Complete true, an absent entry herald has being read and not
// starred): the suite keeps the state herald would hold, as the service
// does, and checks that.
package synctest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/minifluxtest"
	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

// Quiet is how long after the last change on the server a pull may still
// bring that change again (providers ask for a little before their cursor:
// Miniflux's changed_at has whole-second resolution, and a change commits
// a little after it is stamped). Pulls started later must move nothing.
const Quiet = 4 * time.Second

// Run runs the suite as subtests of t against srv. open makes the provider
// under test from o (failing t when it cannot); creds gives the options
// that reach srv as its admin user (URL and credentials: Run sets HTTP, to
// count what goes over the wire).
func Run(t *testing.T, srv *minifluxtest.Server, open func(t *testing.T, o hsync.Options) hsync.Provider, creds func(srv *minifluxtest.Server) hsync.Options) {
	s := &suite{srv: srv, open: open, creds: creds}
	t.Run("Subscribe", s.subscribe)
	t.Run("FirstPull", s.firstPull)
	t.Run("Push", s.push)
	t.Run("ServerChanges", s.serverChanges)
	t.Run("Incremental", s.incremental)
	t.Run("Unsubscribe", s.unsubscribe)
	t.Run("WrongPassword", s.wrongPassword)
	t.Run("ServerDown", s.serverDown)
}

type suite struct {
	srv   *minifluxtest.Server
	open  func(t *testing.T, o hsync.Options) hsync.Provider
	creds func(srv *minifluxtest.Server) hsync.Options
}

// provider opens a provider whose traffic c counts.
func (s *suite) provider(t *testing.T, o hsync.Options) (hsync.Provider, *counter) {
	t.Helper()
	hc := hsync.NewHTTPClient(o.URL, hsync.Limits{})
	c := &counter{next: hc.Transport}
	hc.Transport = c
	o.HTTP = hc
	return s.open(t, o), c
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// fixture is an empty account with one feed of three items, filed in the
// folder "News" through the server's own API, and a provider for it.
type fixture struct {
	s       *suite
	p       hsync.Provider
	c       *counter
	feeds   *minifluxtest.FeedServer
	feedURL string
	title   string
	nonce   string // in every item's body, to find content on the wire
	items   []minifluxtest.Item
	feedID  int64              // the server's id
	sub     hsync.Subscription // the provider's
	m       *model
	cursor  string
	changed time.Time // the last change made on the server
	pulled  time.Time // when the last Pull returned
}

const folder = "News"

func (s *suite) setup(t *testing.T) *fixture {
	t.Helper()
	s.srv.Reset(t)
	f := &fixture{s: s, m: newModel(), nonce: fmt.Sprintf("mk%08x", rand.Uint32())}
	f.p, f.c = s.provider(t, s.creds(s.srv))
	f.feeds = s.srv.FeedServer(t)
	f.feedURL = f.feeds.FeedURL("/news.xml")
	f.title = "Conformance " + f.nonce
	for i := 1; i <= 3; i++ {
		f.items = append(f.items, f.item(i))
	}
	f.feeds.Set("/news.xml", f.title, f.items...)

	ctx := ctxFor(t)
	admin := s.srv.Admin()
	cat, err := admin.CreateCategoryContext(ctx, folder)
	if err != nil {
		t.Fatalf("server: create category: %v", err)
	}
	if f.feedID, err = admin.CreateFeedContext(ctx, &client.FeedCreationRequest{FeedURL: f.feedURL, CategoryID: cat.ID}); err != nil {
		t.Fatalf("server: create feed: %v", err)
	}
	f.changed = time.Now()
	subs, err := f.p.Subscriptions(ctx)
	if err != nil {
		t.Fatalf("Subscriptions: %v", err)
	}
	sub, ok := findSub(subs, f.feedURL)
	if !ok {
		t.Fatalf("Subscriptions = %+v, without the feed %s", subs, f.feedURL)
	}
	f.sub = sub
	return f
}

// item is the fixture's n-th item.
func (f *fixture) item(n int) minifluxtest.Item {
	return minifluxtest.Item{
		GUID:      fmt.Sprintf("%s-%d", f.nonce, n),
		Title:     fmt.Sprintf("Item %d", n),
		Link:      fmt.Sprintf("%s/item-%d.html", f.feeds.URL, n),
		Body:      fmt.Sprintf("<p>Body of item %d: %s</p>", n, f.marker(n)),
		Published: time.Now().Add(-time.Hour + time.Duration(n)*time.Minute).Truncate(time.Second),
	}
}

// marker is text only item n's content holds.
func (f *fixture) marker(n int) string { return fmt.Sprintf("%s-body-%d", f.nonce, n) }

// pull pulls from the fixture's cursor and folds the batch into the model.
func (f *fixture) pull(t *testing.T) hsync.Batch {
	t.Helper()
	b, err := f.p.Pull(ctxFor(t), f.cursor, f.m.known)
	if err != nil {
		t.Fatalf("Pull(%q): %v", f.cursor, err)
	}
	f.pulled = time.Now()
	if b.Cursor == "" {
		t.Errorf("Pull(%q) returned an empty cursor", f.cursor)
	}
	f.m.apply(t, b)
	f.cursor = b.Cursor
	return b
}

// server returns the feed's entries as the server has them, by title.
func (f *fixture) server(t *testing.T) map[string]*client.Entry {
	t.Helper()
	res, err := f.s.srv.Admin().FeedEntriesContext(ctxFor(t), f.feedID, &client.Filter{Limit: 100})
	if err != nil {
		t.Fatalf("server: list entries: %v", err)
	}
	m := make(map[string]*client.Entry, len(res.Entries))
	for _, e := range res.Entries {
		m[e.Title] = e
	}
	return m
}

// set changes an entry's state on the server.
func (f *fixture) set(t *testing.T, title string, read, starred bool) {
	t.Helper()
	e := f.server(t)[title]
	if e == nil {
		t.Fatalf("server: no entry %q", title)
	}
	admin := f.s.srv.Admin()
	status := client.EntryStatusUnread
	if read {
		status = client.EntryStatusRead
	}
	if err := admin.UpdateEntriesContext(ctxFor(t), []int64{e.ID}, status); err != nil {
		t.Fatalf("server: set %q %s: %v", title, status, err)
	}
	if err := admin.UpdateEntriesStarredContext(ctxFor(t), []int64{e.ID}, starred); err != nil {
		t.Fatalf("server: set %q starred=%v: %v", title, starred, err)
	}
	f.changed = time.Now()
}

// wantServer checks an entry's state on the server.
func (f *fixture) wantServer(t *testing.T, entries map[string]*client.Entry, title string, read, starred bool) {
	t.Helper()
	e := entries[title]
	if e == nil {
		t.Errorf("server: no entry %q", title)
		return
	}
	if got := e.Status == client.EntryStatusRead; got != read || e.Starred != starred {
		t.Errorf("server: %q is %s, starred %v; want read %v, starred %v", title, e.Status, e.Starred, read, starred)
	}
}

// wantState checks the state herald would hold for an entry.
func (f *fixture) wantState(t *testing.T, title string, read, starred bool) {
	t.Helper()
	st := f.m.byTitle(title)
	if st == nil {
		t.Errorf("no entry %q was pulled", title)
		return
	}
	if st.read != read || st.starred != starred {
		t.Errorf("after the pulls %q is read %v, starred %v; want read %v, starred %v", title, st.read, st.starred, read, starred)
	}
}

// id returns the provider's id of the entry titled title.
func (f *fixture) id(t *testing.T, title string) string {
	t.Helper()
	for id, st := range f.m.entries {
		if st.title == title {
			return id
		}
	}
	t.Fatalf("no entry %q was pulled", title)
	return ""
}

// checkErr checks that err is an error of one line, without secret.
func checkErr(t *testing.T, what string, err error, secret string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	if msg := err.Error(); strings.ContainsAny(msg, "\r\n") || msg == "" {
		t.Errorf("%s: error %q, want one line", what, msg)
	}
	if d := hsync.Describe(err); d == "" || strings.ContainsAny(d, "\r\n") {
		t.Errorf("%s: Describe = %q, want one line", what, d)
	}
	if secret != "" && (strings.Contains(err.Error(), secret) || strings.Contains(hsync.Describe(err), secret)) {
		t.Errorf("%s: the error shows the secret: %v", what, err)
	}
}

func findSub(subs []hsync.Subscription, feedURL string) (hsync.Subscription, bool) {
	for _, s := range subs {
		if s.URL == feedURL {
			return s, true
		}
	}
	return hsync.Subscription{}, false
}

// contentEntries returns a batch's entries that came with content, by title.
func contentEntries(b hsync.Batch) map[string]hsync.Entry {
	m := map[string]hsync.Entry{}
	for _, e := range b.Entries {
		if !e.StateOnly {
			m[e.Title] = e
		}
	}
	return m
}

// describe lists a batch for a failure message.
func describe(b hsync.Batch) string {
	var parts []string
	for _, e := range b.Entries {
		parts = append(parts, fmt.Sprintf("{%s %q stateOnly=%v read=%v starred=%v content=%dB}", e.ID, e.Title, e.StateOnly, e.Read, e.Starred, len(e.Content)))
	}
	return fmt.Sprintf("complete=%v [%s]", b.Complete, strings.Join(parts, " "))
}

// waitPast returns once the wall clock's second is past t's: Miniflux's
// changed_at, and so a cursor, has whole-second resolution.
func waitPast(t time.Time) { waitUntil(t.Add(time.Second)) }

// waitUntil returns once the wall clock's second has reached deadline's.
func waitUntil(deadline time.Time) {
	for time.Now().Unix() < deadline.Unix() {
		time.Sleep(10 * time.Millisecond)
	}
}

// model is the state herald would hold after the pulls so far: entries
// by the provider's id, read and starred as the batches said, an entry
// absent from a Complete batch being read and not starred.
type model struct {
	entries map[string]*entryState
}

type entryState struct {
	title         string
	read, starred bool
}

func newModel() *model { return &model{entries: map[string]*entryState{}} }

// known is the Pull callback: whether herald holds the entry.
func (m *model) known(id string) bool {
	_, ok := m.entries[id]
	return ok
}

func (m *model) apply(t *testing.T, b hsync.Batch) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range b.Entries {
		if e.ID == "" {
			t.Errorf("Pull returned an entry without an id: %q", e.Title)
			continue
		}
		if seen[e.ID] {
			t.Errorf("Pull returned entry %s twice", e.ID)
		}
		seen[e.ID] = true
		st, ok := m.entries[e.ID]
		if !ok {
			if e.StateOnly {
				t.Errorf("Pull returned entry %s StateOnly, but herald does not have it (known said no)", e.ID)
			}
			st = &entryState{}
			m.entries[e.ID] = st
		}
		if !e.StateOnly {
			st.title = e.Title
		}
		st.read, st.starred = e.Read, e.Starred
	}
	if b.Complete {
		for id, st := range m.entries {
			if !seen[id] {
				st.read, st.starred = true, false
			}
		}
	}
}

func (m *model) titleOf(id string) string {
	if st := m.entries[id]; st != nil {
		return st.title
	}
	return ""
}

func (m *model) byTitle(title string) *entryState {
	for _, st := range m.entries {
		if st.title == title {
			return st
		}
	}
	return nil
}

// counter is a RoundTripper that counts requests and response bytes and
// keeps the bodies, to tell what a pull moved over the wire.
type counter struct {
	next http.RoundTripper

	mu       sync.Mutex
	requests int
	bytes    int64
	body     bytes.Buffer
}

func (c *counter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.requests++
	c.mu.Unlock()
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &countedBody{rc: resp.Body, c: c}
	return resp, nil
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests, c.bytes = 0, 0
	c.body.Reset()
}

func (c *counter) snapshot() (requests int, bytes int64, body string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.requests, c.bytes, c.body.String()
}

type countedBody struct {
	rc io.ReadCloser
	c  *counter
}

func (b *countedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if n > 0 {
		b.c.mu.Lock()
		b.c.bytes += int64(n)
		b.c.body.Write(p[:n])
		b.c.mu.Unlock()
	}
	return n, err
}

func (b *countedBody) Close() error { return b.rc.Close() }
