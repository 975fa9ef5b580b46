package synctest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/minifluxtest"
	hsync "github.com/herald-reader/herald/sync"
)

// The suite's cases, one per subtest of Run.

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
