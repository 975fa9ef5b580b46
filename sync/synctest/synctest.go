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
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
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

// subscribe: Subscribe files a feed in a folder; Subscriptions lists it
// with its URL, title and folder; the server has it there.
func (s *suite) subscribe(t *testing.T) {
	s.srv.Reset(t)
	p, _ := s.provider(t, s.creds(s.srv))
	if p.Name() == "" {
		t.Error("Name() is empty")
	}
	feeds := s.srv.FeedServer(t)
	feedURL := feeds.FeedURL("/sub.xml")
	feeds.Set("/sub.xml", "Subscribed feed", minifluxtest.Item{GUID: "s1", Title: "S1", Body: "<p>s1</p>"})
	ctx := ctxFor(t)

	sub, err := p.Subscribe(ctx, feedURL, "Tech")
	if err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	if sub.ID == "" || sub.URL != feedURL || sub.Title != "Subscribed feed" || !slices.Contains(sub.Folders, "Tech") {
		t.Errorf("Subscribe = %+v; want an id, URL %s, title %q, folder %q", sub, feedURL, "Subscribed feed", "Tech")
	}
	subs, err := p.Subscriptions(ctx)
	if err != nil {
		t.Fatalf("Subscriptions: %v", err)
	}
	got, ok := findSub(subs, feedURL)
	if !ok || len(subs) != 1 {
		t.Fatalf("Subscriptions = %+v; want the one feed %s", subs, feedURL)
	}
	if got.ID != sub.ID || got.Title != "Subscribed feed" || !slices.Contains(got.Folders, "Tech") {
		t.Errorf("Subscriptions lists %+v; want id %q, title %q, folder %q", got, sub.ID, "Subscribed feed", "Tech")
	}
	if f := s.srv.FeedByURL(t, feedURL); f.Category == nil || f.Category.Title != "Tech" {
		t.Errorf("server: the feed is in %+v, want the category Tech", f.Category)
	}
}

// firstPull: the first pull brings every entry, with content, unread and
// not starred, and a cursor.
func (s *suite) firstPull(t *testing.T) {
	f := s.setup(t)
	if !slices.Contains(f.sub.Folders, folder) {
		t.Errorf("Subscriptions lists the feed in %q, want %q", f.sub.Folders, folder)
	}
	b := f.pull(t)
	fresh := contentEntries(b)
	if len(fresh) != len(f.items) {
		t.Errorf("first pull: %d entries with content, want %d: %s", len(fresh), len(f.items), describe(b))
	}
	for i, it := range f.items {
		e, ok := fresh[it.Title]
		if !ok {
			t.Errorf("first pull: no %q", it.Title)
			continue
		}
		if e.ID == "" || e.FeedID != f.sub.ID || e.URL != it.Link || !strings.Contains(e.Content, f.marker(i+1)) {
			t.Errorf("first pull: %q = id %q, feed %q, URL %q, content %q; want feed %q, URL %q, content with %q",
				it.Title, e.ID, e.FeedID, e.URL, e.Content, f.sub.ID, it.Link, f.marker(i+1))
		}
		if e.Read || e.Starred {
			t.Errorf("first pull: %q read %v, starred %v; want unread, not starred", it.Title, e.Read, e.Starred)
		}
		if !e.Published.Equal(it.Published) {
			t.Errorf("first pull: %q published %v, want %v", it.Title, e.Published, it.Published)
		}
	}
}

// push: read, star, unread and unstar reach the server, in order.
func (s *suite) push(t *testing.T) {
	f := s.setup(t)
	f.pull(t)
	ctx := ctxFor(t)
	one, two, three := f.id(t, "Item 1"), f.id(t, "Item 2"), f.id(t, "Item 3")

	if err := f.p.Push(ctx, []hsync.Change{{EntryID: one, Kind: hsync.MarkRead}, {EntryID: two, Kind: hsync.Star}}); err != nil {
		t.Fatalf("Push read and star: %v", err)
	}
	entries := f.server(t)
	f.wantServer(t, entries, "Item 1", true, false)
	f.wantServer(t, entries, "Item 2", false, true)
	f.wantServer(t, entries, "Item 3", false, false)

	// In order: read then unread leaves Item 3 unread, star then unstar
	// leaves it unstarred.
	if err := f.p.Push(ctx, []hsync.Change{
		{EntryID: one, Kind: hsync.MarkUnread},
		{EntryID: two, Kind: hsync.Unstar},
		{EntryID: three, Kind: hsync.MarkRead},
		{EntryID: three, Kind: hsync.Star},
		{EntryID: three, Kind: hsync.MarkUnread},
		{EntryID: three, Kind: hsync.Unstar},
		{EntryID: two, Kind: hsync.MarkRead},
	}); err != nil {
		t.Fatalf("Push unread, unstar and more: %v", err)
	}
	entries = f.server(t)
	f.wantServer(t, entries, "Item 1", false, false)
	f.wantServer(t, entries, "Item 2", true, false)
	f.wantServer(t, entries, "Item 3", false, false)

	if err := f.p.Push(ctx, nil); err != nil {
		t.Errorf("Push(nil): %v", err)
	}
}

// serverChanges: state changed on the server (read, star, and back)
// reaches herald through the next pull.
func (s *suite) serverChanges(t *testing.T) {
	f := s.setup(t)
	f.pull(t)

	waitPast(f.pulled) // changed_at must be newer than the cursor's second
	f.set(t, "Item 1", true, false)
	f.set(t, "Item 2", false, true)
	f.pull(t)
	f.wantState(t, "Item 1", true, false)
	f.wantState(t, "Item 2", false, true)
	f.wantState(t, "Item 3", false, false)

	waitPast(f.pulled)
	f.set(t, "Item 1", false, false)
	f.set(t, "Item 2", false, false)
	f.set(t, "Item 3", true, true)
	f.pull(t)
	f.wantState(t, "Item 1", false, false)
	f.wantState(t, "Item 2", false, false)
	f.wantState(t, "Item 3", true, true)
}

// incremental: once the server is quiet, a pull moves no entry content at
// all; then a new item upstream is the only content the next pull brings.
func (s *suite) incremental(t *testing.T) {
	f := s.setup(t)
	if first := f.pull(t); !first.Complete {
		// A provider that follows changed_at looks a little before its
		// cursor; one that lists every unread and starred id does not.
		waitUntil(f.changed.Add(Quiet))
	}
	f.pull(t) // may still bring the last changes again; the next must not

	f.c.reset()
	b := f.pull(t)
	requests, bytes, body := f.c.snapshot()
	t.Logf("a pull with nothing changed: %d requests, %d bytes, %d entries", requests, bytes, len(b.Entries))
	for _, e := range b.Entries {
		if !e.StateOnly || e.Content != "" {
			t.Errorf("a pull with nothing changed brought entry %s (%q) with StateOnly %v, %d bytes of content",
				e.ID, f.m.titleOf(e.ID), e.StateOnly, len(e.Content))
		}
	}
	for i := range f.items {
		if strings.Contains(body, f.marker(i+1)) {
			t.Errorf("a pull with nothing changed transferred the content of %q", f.items[i].Title)
		}
	}
	for _, it := range f.items {
		f.wantState(t, it.Title, false, false)
	}

	// A new item upstream, fetched by the server after the cursor's second.
	waitPast(f.pulled)
	f.items = append(f.items, f.item(4))
	f.feeds.Set("/news.xml", f.title, f.items...)
	f.s.srv.RefreshFeed(t, f.feedID)
	if f.server(t)["Item 4"] == nil {
		t.Fatal("server: no Item 4 after the refresh")
	}
	f.c.reset()
	b = f.pull(t)
	_, _, body = f.c.snapshot()
	fresh := contentEntries(b)
	e, ok := fresh["Item 4"]
	if len(fresh) != 1 || !ok {
		t.Fatalf("the pull after a new item brought %d entries with content, want just Item 4: %s", len(fresh), describe(b))
	}
	if e.StateOnly || e.Read || e.Starred || e.FeedID != f.sub.ID || !strings.Contains(e.Content, f.marker(4)) {
		t.Errorf("Item 4 = StateOnly %v, read %v, starred %v, feed %q, content %q; want unread content with %q in feed %q",
			e.StateOnly, e.Read, e.Starred, e.FeedID, e.Content, f.marker(4), f.sub.ID)
	}
	for i := range 3 {
		if strings.Contains(body, f.marker(i+1)) {
			t.Errorf("the pull after a new item transferred the content of %q again", f.items[i].Title)
		}
	}
	for _, it := range f.items {
		f.wantState(t, it.Title, false, false)
	}
}

// unsubscribe: the feed goes from the provider's list and the server;
// unsubscribing again is not an error.
func (s *suite) unsubscribe(t *testing.T) {
	f := s.setup(t)
	ctx := ctxFor(t)
	if err := f.p.Unsubscribe(ctx, f.sub.ID); err != nil {
		t.Fatalf("Unsubscribe: %v", err)
	}
	subs, err := f.p.Subscriptions(ctx)
	if err != nil {
		t.Fatalf("Subscriptions: %v", err)
	}
	if _, ok := findSub(subs, f.feedURL); ok {
		t.Errorf("Subscriptions still lists the feed: %+v", subs)
	}
	feeds, err := s.srv.Admin().FeedsContext(ctx)
	if err != nil {
		t.Fatalf("server: list feeds: %v", err)
	}
	if len(feeds) != 0 {
		t.Errorf("server: %d feeds left after Unsubscribe", len(feeds))
	}
	if err := f.p.Unsubscribe(ctx, f.sub.ID); err != nil {
		t.Errorf("Unsubscribe of a feed the server no longer has: %v", err)
	}
}

// wrongPassword: a refused password or API key is ErrAuth, in one line
// that does not repeat it.
func (s *suite) wrongPassword(t *testing.T) {
	s.srv.Reset(t)
	o := s.creds(s.srv)
	var secret string
	if o.APIKey != "" {
		o.APIKey = "0" + o.APIKey[1:] + "f"
		secret = o.APIKey
	}
	if o.Password != "" {
		o.Password += "-wrong"
		secret = o.Password
	}
	if secret == "" {
		t.Fatal("creds gave neither a password nor an API key")
	}
	p, _ := s.provider(t, o)
	ctx := ctxFor(t)
	_, err := p.Subscriptions(ctx)
	checkErr(t, "Subscriptions with a wrong password", err, secret)
	if !errors.Is(err, hsync.ErrAuth) {
		t.Errorf("Subscriptions with a wrong password: %v; want errors.Is(err, hsync.ErrAuth)", err)
	}
	_, err = p.Pull(ctx, "", func(string) bool { return false })
	checkErr(t, "Pull with a wrong password", err, secret)
	if !errors.Is(err, hsync.ErrAuth) {
		t.Errorf("Pull with a wrong password: %v; want errors.Is(err, hsync.ErrAuth)", err)
	}
}

// serverDown: with Miniflux stopped every call fails at once with one
// line (and not as a wrong password); once it is back, all works again.
func (s *suite) serverDown(t *testing.T) {
	f := s.setup(t)
	f.pull(t)
	one := f.id(t, "Item 1")
	ctx := ctxFor(t)

	s.srv.StopMiniflux(t)
	calls := []struct {
		name string
		call func() error
	}{
		{"Subscriptions", func() error { _, err := f.p.Subscriptions(ctx); return err }},
		{"Pull", func() error { _, err := f.p.Pull(ctx, f.cursor, f.m.known); return err }},
		{"Push", func() error { return f.p.Push(ctx, []hsync.Change{{EntryID: one, Kind: hsync.MarkRead}}) }},
	}
	for _, c := range calls {
		began := time.Now()
		err := c.call()
		took := time.Since(began)
		checkErr(t, c.name+" with the server down", err, "")
		if errors.Is(err, hsync.ErrAuth) {
			t.Errorf("%s with the server down: %v, which is not a refused password", c.name, err)
		}
		if took > 5*time.Second {
			t.Errorf("%s with the server down took %v; it should fail at once", c.name, took)
		}
		t.Logf("%s with the server down (%v): %s", c.name, took.Round(time.Millisecond), hsync.Describe(err))
	}

	s.srv.StartMiniflux(t)
	subs, err := f.p.Subscriptions(ctx)
	if err != nil {
		t.Fatalf("Subscriptions once the server is back: %v", err)
	}
	if _, ok := findSub(subs, f.feedURL); !ok {
		t.Errorf("Subscriptions once the server is back: %+v, without the feed", subs)
	}
	if err := f.p.Push(ctx, []hsync.Change{{EntryID: one, Kind: hsync.MarkRead}}); err != nil {
		t.Fatalf("Push once the server is back: %v", err)
	}
	f.wantServer(t, f.server(t), "Item 1", true, false)
	f.pull(t)
	f.wantState(t, "Item 1", true, false)
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
func waitPast(t time.Time) {
	for time.Now().Unix() <= t.Unix() {
		time.Sleep(10 * time.Millisecond)
	}
}

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
