package service

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
)

// pullStyle is how a fakeServer answers Pull.
type pullStyle int

const (
	// changesStyle is Miniflux's: the entries changed since the cursor,
	// each with the time it last changed.
	changesStyle pullStyle = iota
	// completeStyle is the Google Reader API's: every unread or starred
	// entry (Complete), undated, state only for the entries herald holds,
	// plus the new entries herald does not hold yet.
	completeStyle
)

func (p pullStyle) String() string {
	if p == completeStyle {
		return "greader"
	}
	return "miniflux"
}

// fakeURL is the address every fakeServer answers at, for messages.
const fakeURL = "http://sync.test"

// fakeEntry is an entry the fake server holds, with its change counter.
type fakeEntry struct {
	hsync.Entry
	seq int64 // the server's change counter when the entry last changed
}

// fakeServer is an in-memory feed server behind hsync.Provider: an account
// with subscriptions in folders and entries with read and starred state,
// dated by a clock the test sets. It is safe for concurrent use.
type fakeServer struct {
	mu      sync.Mutex
	style   pullStyle
	prefix  string    // starts every id, so two servers' ids differ
	offline bool      // every method fails as an unreachable server does
	clock   time.Time // when the server's next change happens; zero: now
	seq     int64     // change counter; cursors are its values
	next    int
	subs    []hsync.Subscription
	entries []*fakeEntry
	refuse  map[string]bool // feed URLs Subscribe fails for
	calls   map[string]int  // per method, failed calls included
	log     []string        // methods in the order they were called
	pushes  [][]hsync.Change
}

var _ hsync.Provider = (*fakeServer)(nil)

// newFakeServer returns an empty, reachable server.
func newFakeServer(style pullStyle, prefix string) *fakeServer {
	return &fakeServer{style: style, prefix: prefix, refuse: map[string]bool{}, calls: map[string]int{}}
}

// setOffline makes the server unreachable, or reachable again.
func (f *fakeServer) setOffline(off bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.offline = off
}

// setClock dates the server's next changes; zero means the time they happen.
func (f *fakeServer) setClock(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.clock = t
}

// addSub subscribes the account to a feed, as another device would.
func (f *fakeServer) addSub(feedURL, title string, folders ...string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.addSubLocked(feedURL, title, folders)
}

func (f *fakeServer) addSubLocked(feedURL, title string, folders []string) string {
	f.next++
	id := fmt.Sprintf("%sfeed/%d", f.prefix, f.next)
	f.subs = append(f.subs, hsync.Subscription{ID: id, URL: feedURL, Title: title,
		SiteURL: "https://site.test/", Folders: folders})
	return id
}

// removeSub unsubscribes as another device would; the feed's entries go
// with it, as they do on Miniflux and FreshRSS.
func (f *fakeServer) removeSub(feedID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.removeSubLocked(feedID)
}

func (f *fakeServer) removeSubLocked(feedID string) {
	f.subs = slices.DeleteFunc(f.subs, func(s hsync.Subscription) bool { return s.ID == feedID })
	f.entries = slices.DeleteFunc(f.entries, func(e *fakeEntry) bool { return e.FeedID == feedID })
}

// sub returns the subscription to feedURL, if any.
func (f *fakeServer) sub(feedURL string) (hsync.Subscription, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.subs {
		if s.URL == feedURL {
			return s, true
		}
	}
	return hsync.Subscription{}, false
}

// addEntry adds an entry to a feed with its content and state and returns
// its id. GUID and URL default to ones made from the title.
func (f *fakeServer) addEntry(feedID string, e hsync.Entry) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next++
	e.ID = fmt.Sprintf("%s%d", f.prefix, f.next)
	e.FeedID = feedID
	if e.GUID == "" {
		e.GUID = "guid:" + e.Title
	}
	if e.URL == "" {
		e.URL = "https://site.test/" + url.PathEscape(e.Title)
	}
	if e.Published.IsZero() {
		e.Published = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(f.next) * time.Minute)
	}
	fe := &fakeEntry{Entry: e}
	f.touch(fe)
	f.entries = append(f.entries, fe)
	return e.ID
}

// touch records a change of an entry at the server's clock.
func (f *fakeServer) touch(e *fakeEntry) {
	f.seq++
	e.seq = f.seq
	e.Changed = f.clock
	if e.Changed.IsZero() {
		e.Changed = time.Now()
	}
}

func (f *fakeServer) find(id string) *fakeEntry {
	for _, e := range f.entries {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// setRead and setStarred change an entry as another device would.
func (f *fakeServer) setRead(id string, read bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e := f.find(id)
	e.Read = read
	f.touch(e)
}

func (f *fakeServer) setStarred(id string, starred bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e := f.find(id)
	e.Starred = starred
	f.touch(e)
}

// entry returns an entry as the server holds it now.
func (f *fakeServer) entry(id string) (hsync.Entry, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e := f.find(id); e != nil {
		return e.Entry, true
	}
	return hsync.Entry{}, false
}

// count reports how many times a method was called, failed calls included.
func (f *fakeServer) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// callLog returns the methods called, in order.
func (f *fakeServer) callLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.log)
}

// pushed returns every change the server took, in order, as "kind id".
func (f *fakeServer) pushed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, p := range f.pushes {
		for _, c := range p {
			out = append(out, string(c.Kind)+" "+c.EntryID)
		}
	}
	return out
}

// call counts a call and fails it when the server is offline, with the
// error an HTTP client gives for a refused connection.
func (f *fakeServer) call(method, path string) error {
	f.calls[method]++
	f.log = append(f.log, method)
	if !f.offline {
		return nil
	}
	return &url.Error{Op: "Get", URL: fakeURL + path,
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
}

// Name is the provider's name.
func (f *fakeServer) Name() string { return "fake" }

// Subscriptions lists the account's feeds.
func (f *fakeServer) Subscriptions(ctx context.Context) ([]hsync.Subscription, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Subscriptions", "/v1/feeds"); err != nil {
		return nil, err
	}
	out := make([]hsync.Subscription, len(f.subs))
	for i, s := range f.subs {
		s.Folders = slices.Clone(s.Folders)
		out[i] = s
	}
	return out, ctx.Err()
}

// Subscribe follows a feed; a feed already followed is an error, as on
// Miniflux.
func (f *fakeServer) Subscribe(ctx context.Context, feedURL, folder string) (hsync.Subscription, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Subscribe", "/v1/feeds"); err != nil {
		return hsync.Subscription{}, err
	}
	if f.refuse[feedURL] {
		return hsync.Subscription{}, errors.New("the server could not fetch the feed")
	}
	for _, s := range f.subs {
		if s.URL == feedURL {
			return hsync.Subscription{}, errors.New("this feed already exists")
		}
	}
	var folders []string
	if folder != "" {
		folders = []string{folder}
	}
	f.addSubLocked(feedURL, "", folders)
	return f.subs[len(f.subs)-1], ctx.Err()
}

// Unsubscribe stops following a feed; an unknown one is not an error.
func (f *fakeServer) Unsubscribe(ctx context.Context, feedID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Unsubscribe", "/v1/feeds/"+feedID); err != nil {
		return err
	}
	f.removeSubLocked(feedID)
	return ctx.Err()
}

// Pull answers in the server's style (see pullStyle). Cursors are values
// of the change counter.
func (f *fakeServer) Pull(ctx context.Context, cursor string, known func(string) bool) (hsync.Batch, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Pull", "/v1/entries"); err != nil {
		return hsync.Batch{}, err
	}
	since := int64(0)
	if cursor != "" {
		n, err := strconv.ParseInt(cursor, 10, 64)
		if err != nil {
			return hsync.Batch{}, fmt.Errorf("bad cursor %q", cursor)
		}
		since = n
	}
	b := hsync.Batch{Cursor: strconv.FormatInt(f.seq, 10), Complete: f.style == completeStyle}
	for _, e := range f.entries {
		switch f.style {
		case changesStyle:
			if e.seq > since {
				b.Entries = append(b.Entries, e.Entry)
			}
		case completeStyle:
			have := known(e.ID)
			if !e.Read || e.Starred || (!have && e.seq > since) {
				out := e.Entry
				out.Changed = time.Time{}
				if have {
					out = hsync.Entry{ID: e.ID, FeedID: e.FeedID, Read: e.Read, Starred: e.Starred, StateOnly: true}
				}
				b.Entries = append(b.Entries, out)
			}
		}
	}
	return b, ctx.Err()
}

// Push sets state in order; changes of entries the server does not have
// are ignored.
func (f *fakeServer) Push(ctx context.Context, changes []hsync.Change) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.call("Push", "/v1/entries"); err != nil {
		return err
	}
	f.pushes = append(f.pushes, slices.Clone(changes))
	for _, c := range changes {
		e := f.find(c.EntryID)
		if e == nil {
			continue
		}
		switch c.Kind {
		case hsync.MarkRead:
			e.Read = true
		case hsync.MarkUnread:
			e.Read = false
		case hsync.Star:
			e.Starred = true
		case hsync.Unstar:
			e.Starred = false
		default:
			return fmt.Errorf("unknown change %q", c.Kind)
		}
		f.touch(e)
	}
	return ctx.Err()
}

// syncEnv is a Service syncing with a fakeServer, on a database in a temp
// dir that a test can close and open again (a restart).
type syncEnv struct {
	t    *testing.T
	srv  *fakeServer
	s    *Service
	path string
}

// fakeAccount is the Remote.Account of a fakeServer.
const fakeAccount = "fake " + fakeURL + " me"

// newSyncEnv returns a service syncing with an empty server of this style.
// Its feed client is offline: nothing a sync does reaches the internet.
func newSyncEnv(t *testing.T, style pullStyle) *syncEnv {
	t.Helper()
	e := &syncEnv{t: t, srv: newFakeServer(style, ""), path: filepath.Join(t.TempDir(), "herald.db")}
	e.s = &Service{Client: feed.NewClient(feed.Options{Offline: true}), Workers: 2,
		Remote: &Remote{Provider: e.srv, Account: fakeAccount, URL: fakeURL}}
	e.open()
	t.Cleanup(func() { e.s.Store.Close() })
	return e
}

// open opens the database at e.path for e.s.
func (e *syncEnv) open() {
	e.t.Helper()
	st, err := store.Open(e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.s.Store = st
}

// restart closes the database and starts a new Service on it, as a new
// run of herald does, with the same settings.
func (e *syncEnv) restart() {
	e.t.Helper()
	if err := e.s.Store.Close(); err != nil {
		e.t.Fatal(err)
	}
	old := e.s
	e.s = &Service{Client: old.Client, Workers: old.Workers, Mute: old.Mute, Remote: old.Remote}
	e.open()
}

// sync syncs and fails the test on an error.
func (e *syncEnv) sync() SyncSummary {
	e.t.Helper()
	sum, err := e.s.Sync(context.Background(), nil)
	if err != nil {
		e.t.Fatalf("sync: %v", err)
	}
	return sum
}

// id is herald's item id of a server entry.
func (e *syncEnv) id(remoteID string) int64 {
	e.t.Helper()
	held, err := e.s.Store.SyncedItems(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	h, ok := held[remoteID]
	if !ok {
		e.t.Fatalf("herald holds no item of server entry %s", remoteID)
	}
	return h.ItemID
}

// item is herald's item of a server entry.
func (e *syncEnv) item(remoteID string) store.Item {
	e.t.Helper()
	it, err := e.s.Store.Item(context.Background(), e.id(remoteID))
	if err != nil {
		e.t.Fatal(err)
	}
	return it
}

// bookmark returns the bookmark of a server entry's item, if any.
func (e *syncEnv) bookmark(remoteID string) (store.Bookmark, bool) {
	e.t.Helper()
	b, err := e.s.Store.Bookmark(context.Background(), e.id(remoteID))
	if errors.Is(err, store.ErrNotFound) {
		return b, false
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return b, true
}

// queued lists the sync queue as "action remoteID".
func (e *syncEnv) queued() []string {
	e.t.Helper()
	q, err := e.s.Store.SyncQueue(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, c := range q {
		out = append(out, c.Action+" "+c.RemoteID)
	}
	return out
}

// feed returns herald's feed at url, if subscribed.
func (e *syncEnv) feed(url string) (store.Feed, bool) {
	e.t.Helper()
	f, err := e.s.Store.FeedByURL(context.Background(), url)
	if errors.Is(err, store.ErrNotFound) {
		return f, false
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return f, true
}

// teaser and wholeText are entry contents: one a bookmark fetches the page
// of (offline here, so it fails), one it keeps as it is.
const teaser = "<p>A teaser about the regatta.</p>"

var wholeText = longText("the lighthouse")

// bothStyles runs a test against a server of each style.
func bothStyles(t *testing.T, test func(t *testing.T, style pullStyle)) {
	for _, style := range []pullStyle{changesStyle, completeStyle} {
		t.Run(style.String(), func(t *testing.T) { test(t, style) })
	}
}
