package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
	"github.com/herald-reader/herald/triage"
)

func TestSyncFirstSyncStoresTheServersFeedsEntriesAndStars(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		ctx := context.Background()
		e := newSyncEnv(t, style)
		fa := e.srv.addSub("https://a.test/feed", "Alpha", "News", "Local")
		fb := e.srv.addSub("https://b.test/feed", "Beta")
		unread := e.srv.addEntry(fa, hsync.Entry{Title: "Harbour opens", Content: "<p>Boats.</p>"})
		read := e.srv.addEntry(fa, hsync.Entry{Title: "Old news", Content: "<p>Old.</p>", Read: true})
		whole := e.srv.addEntry(fa, hsync.Entry{Title: "Lighthouse", Content: wholeText, Starred: true})
		short := e.srv.addEntry(fa, hsync.Entry{Title: "Regatta", Content: teaser, Starred: true, Read: true})
		other := e.srv.addEntry(fb, hsync.Entry{Title: "Beta one", Content: "<p>B.</p>"})

		sum := e.sync()
		if sum.Feeds != 2 || sum.Added != 2 || sum.New != 5 || sum.Starred != 2 || sum.Pushed != 0 {
			t.Errorf("summary = %+v, want 2 feeds added, 5 new, 2 starred, nothing pushed", sum)
		}
		a, ok := e.feed("https://a.test/feed")
		if !ok || a.Title != "Alpha" || !slices.Equal(a.Tags, []string{"News", "Local"}) || a.RemoteID != fa ||
			a.Unread != 2 || a.Total != 4 || a.SiteURL != "https://site.test/" {
			t.Errorf("feed A = %+v, want Alpha tagged News, Local, remote %s, 2 unread of 4", a, fa)
		}
		if b, ok := e.feed("https://b.test/feed"); !ok || len(b.Tags) != 0 || b.RemoteID != fb || b.Unread != 1 {
			t.Errorf("feed B = %+v", b)
		}
		for id, want := range map[string]bool{unread: false, read: true, whole: false, short: true, other: false} {
			if it := e.item(id); it.Read != want {
				t.Errorf("%q read = %v, want the server's %v", it.Title, it.Read, want)
			}
		}
		if b, ok := e.bookmark(whole); !ok || b.State != store.BookmarkSaved || !strings.Contains(b.Markdown, "the lighthouse") {
			t.Errorf("starred whole wholeText: bookmark %+v, %v; want saved with its text", b, ok)
		}
		if b, ok := e.bookmark(short); !ok || b.State != store.BookmarkFailed || b.Error == "" || !strings.Contains(b.Markdown, "regatta") {
			t.Errorf("starred teaser: bookmark %+v, %v; want failed with the reason, keeping the teaser", b, ok)
		}
		for _, id := range []string{unread, read, other} {
			if _, ok := e.bookmark(id); ok {
				t.Errorf("entry %s bookmarked, but it is not starred", id)
			}
		}
		if q := e.queued(); len(q) != 0 {
			t.Errorf("queue after the first sync = %v, want empty: what came from the server is not sent back", q)
		}
		st, err := e.s.SyncStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Configured || st.Server != fakeURL || st.Last.IsZero() || st.Queued != 0 || st.Err != "" {
			t.Errorf("status = %+v, want configured, last set, nothing queued, no error", st)
		}

		// A second sync with nothing changed changes nothing.
		sum = e.sync()
		if sum.New != 0 || sum.Changed != 0 || sum.Pushed != 0 || sum.Added != 0 || e.srv.count("Push") != 0 {
			t.Errorf("second sync = %+v, %d pushes; want nothing", sum, e.srv.count("Push"))
		}
		if _, ok := e.bookmark(short); !ok {
			t.Errorf("the second sync lost a bookmark")
		}
	})
}

// syncedPair is a server with two synced feeds: A with entries a[0..5]
// (a[0..4] unread, a[5] starred), G with g[0..2] (g[2] read).
func syncedPair(t *testing.T, style pullStyle) (e *syncEnv, a, g []string) {
	t.Helper()
	e = newSyncEnv(t, style)
	fa := e.srv.addSub("https://a.test/feed", "Alpha")
	fg := e.srv.addSub("https://g.test/feed", "Gamma")
	for i := range 6 {
		a = append(a, e.srv.addEntry(fa, hsync.Entry{Title: fmt.Sprintf("A%d", i), Content: wholeText, Starred: i == 5}))
	}
	for i := range 3 {
		g = append(g, e.srv.addEntry(fg, hsync.Entry{Title: fmt.Sprintf("G%d", i), Content: "<p>g</p>", Read: i == 2}))
	}
	e.sync()
	return e, a, g
}

func TestSyncPushesExactlyHeraldsChangesCoalesced(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		ctx := context.Background()
		e, a, g := syncedPair(t, style)
		s := e.s
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.Store.ChangeRead(ctx, true, e.id(a[0]))
		must(err)
		_, err = s.Store.ChangeRead(ctx, true, e.id(a[1])) // read, then unread again
		must(err)
		_, err = s.Store.ChangeRead(ctx, false, e.id(a[1]))
		must(err)
		must(s.SaveBookmark(ctx, e.id(a[2])))
		must(s.RemoveBookmark(ctx, e.id(a[5])))
		must(s.SaveBookmark(ctx, e.id(a[3]))) // bookmarked, then not
		must(s.RemoveBookmark(ctx, e.id(a[3])))
		_, err = s.Store.MarkRead(ctx, store.ItemQuery{FeedID: e.item(g[0]).FeedID})
		must(err)

		sum := e.sync()
		want := []string{"read " + a[0], "star " + a[2], "unstar " + a[5], "read " + g[0], "read " + g[1]}
		if got := e.srv.pushed(); !slices.Equal(got, want) || sum.Pushed != len(want) {
			t.Errorf("pushed %v (summary %d), want %v", got, sum.Pushed, want)
		}
		if n := e.srv.count("Push"); n != 1 {
			t.Errorf("%d pushes, want 1", n)
		}
		if q := e.queued(); len(q) != 0 {
			t.Errorf("queue after the sync = %v, want empty", q)
		}
		for id, want := range map[string][2]bool{a[0]: {true, false}, a[1]: {false, false}, a[2]: {false, true},
			a[3]: {false, false}, a[5]: {false, false}, g[0]: {true, false}, g[1]: {true, false}} {
			if se, _ := e.srv.entry(id); se.Read != want[0] || se.Starred != want[1] {
				t.Errorf("server entry %s: read %v starred %v, want %v", id, se.Read, se.Starred, want)
			}
		}
		// The server's state is the base now: the next sync pushes nothing.
		if sum := e.sync(); sum.Pushed != 0 || sum.Changed != 0 || e.srv.count("Push") != 1 {
			t.Errorf("next sync = %+v: want nothing pushed or changed", sum)
		}
		if it := e.item(a[0]); !it.Read {
			t.Errorf("a[0] unread again after the next sync")
		}
		if _, ok := e.bookmark(a[2]); !ok {
			t.Errorf("a[2]'s bookmark gone after the next sync")
		}
	})
}

func TestSyncOfflineKeepsTheQueueAcrossARestart(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	f := e.srv.addSub("https://a.test/feed", "Alpha")
	var ids []string
	for i := range 5 {
		ids = append(ids, e.srv.addEntry(f, hsync.Entry{Title: fmt.Sprintf("E%d", i), Content: wholeText,
			Read: i == 2, Starred: i == 3}))
	}
	e.sync()
	e.srv.setOffline(true)

	if _, err := e.s.Store.ChangeRead(ctx, true, e.id(ids[0])); err != nil {
		t.Fatal(err)
	}
	if err := e.s.SaveBookmark(ctx, e.id(ids[1])); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Store.ChangeRead(ctx, false, e.id(ids[2])); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.Sync(ctx, nil)
	var serr *SyncError
	if err == nil || !errors.As(err, &serr) || !strings.Contains(err.Error(), fakeURL) ||
		strings.ContainsAny(err.Error(), "\r\n") || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("offline sync: err = %v, want one line naming the server and why", err)
	}
	want := []string{"read " + ids[0], "star " + ids[1], "unread " + ids[2]}
	if q := e.queued(); !slices.Equal(q, want) {
		t.Fatalf("queue after a failed sync = %v, want %v", q, want)
	}
	st, err := e.s.SyncStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Err == "" || !strings.Contains(st.Err, fakeURL) || st.Queued != 3 || st.Last.IsZero() {
		t.Errorf("status = %+v, want the error, 3 queued, the last good sync kept", st)
	}

	e.restart()
	if err := e.s.RemoveBookmark(ctx, e.id(ids[3])); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Sync(ctx, nil); err == nil {
		t.Fatal("sync with the server offline: no error")
	}
	e.restart()
	want = append(want, "unstar "+ids[3])
	if q := e.queued(); !slices.Equal(q, want) {
		t.Fatalf("queue after restarts = %v, want %v", q, want)
	}
	if e.srv.count("Push") != 0 {
		t.Fatalf("pushed while offline")
	}

	e.srv.setOffline(false)
	sum := e.sync()
	if got := e.srv.pushed(); !slices.Equal(got, want) || sum.Pushed != 4 {
		t.Errorf("pushed %v, want %v in order", got, want)
	}
	if q := e.queued(); len(q) != 0 {
		t.Errorf("queue = %v after the server took it", q)
	}
	st, _ = e.s.SyncStatus(ctx)
	if st.Err != "" || st.Queued != 0 {
		t.Errorf("status = %+v, want no error, nothing queued", st)
	}
}

// feedServer serves RSS documents by path, counting requests per path.
func feedServer(t *testing.T, docs map[string]string) (*httptest.Server, func(path string) int) {
	t.Helper()
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		doc, ok := docs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, doc)
	}))
	t.Cleanup(srv.Close)
	return srv, func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[path]
	}
}

func TestSyncAddFeedReachesTheServer(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	web, _ := feedServer(t, map[string]string{
		"/on.xml":    rssDoc("Online", rssItem("1", "x", "", "<p>x</p>", "")),
		"/off.xml":   rssDoc("Offline", rssItem("1", "x", "", "<p>x</p>", "")),
		"/local.xml": rssDoc("Local", rssItem("1", "x", "", "<p>x</p>", "")),
	})
	e.s.Client = feed.NewClient(feed.Options{}) // loopback only

	// Online: subscribed on the server at once.
	a, err := e.s.AddFeedTo(ctx, web.URL+"/on.xml", false)
	if err != nil || a.SyncErr != nil {
		t.Fatalf("add online: %+v, %v", a, err)
	}
	sub, ok := e.srv.sub(web.URL + "/on.xml")
	if f, _ := e.feed(web.URL + "/on.xml"); !ok || f.RemoteID != sub.ID || a.Feed.RemoteID != sub.ID {
		t.Errorf("online add: server %+v (%v), herald %+v", sub, ok, f)
	}

	// Local only: never on the server, not even at the next sync.
	l, err := e.s.AddFeedTo(ctx, web.URL+"/local.xml", true)
	if err != nil || l.SyncErr != nil || !l.Feed.LocalOnly {
		t.Fatalf("add local: %+v, %v", l, err)
	}

	// Offline: added in herald, subscribed by the next sync.
	e.srv.setOffline(true)
	o, err := e.s.AddFeedTo(ctx, web.URL+"/off.xml", false)
	if err != nil {
		t.Fatalf("add offline failed: %v", err)
	}
	if o.SyncErr == nil || !strings.Contains(o.SyncErr.Error(), fakeURL) || o.Feed.RemoteID != "" {
		t.Errorf("add offline: %+v, want a SyncErr naming the server and no server id", o)
	}
	if _, ok := e.srv.sub(web.URL + "/off.xml"); ok {
		t.Fatal("subscribed while offline")
	}
	subscribes := e.srv.count("Subscribe")
	e.srv.setOffline(false)
	sum := e.sync()
	sub, ok = e.srv.sub(web.URL + "/off.xml")
	if f, _ := e.feed(web.URL + "/off.xml"); !ok || f.RemoteID != sub.ID || sum.Subscribed != 1 {
		t.Errorf("after the sync: server %+v (%v), herald %+v, summary %+v", sub, ok, f, sum)
	}
	if n := e.srv.count("Subscribe") - subscribes; n != 1 {
		t.Errorf("the sync called Subscribe %d times, want once (the offline feed)", n)
	}
	e.sync()
	if _, ok := e.srv.sub(web.URL + "/local.xml"); ok {
		t.Errorf("a local-only feed reached the server")
	}
	if f, _ := e.feed(web.URL + "/local.xml"); f.RemoteID != "" || !f.LocalOnly {
		t.Errorf("local feed = %+v", f)
	}
	if n := e.srv.count("Subscribe"); n != 3 {
		t.Errorf("Subscribe called %d times in all, want 3 (online add, offline add, the sync)", n)
	}
}

func TestSyncRemoveUnsubscribesNowOrAtTheNextSync(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	fa := e.srv.addSub("https://a.test/feed", "Alpha")
	fb := e.srv.addSub("https://b.test/feed", "Beta")
	e.srv.addEntry(fa, hsync.Entry{Title: "A", Content: "<p>a</p>"})
	e.srv.addEntry(fb, hsync.Entry{Title: "B", Content: "<p>b</p>"})
	e.sync()

	if err := e.s.Remove(ctx, "https://a.test/feed"); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.srv.sub("https://a.test/feed"); ok || e.srv.count("Unsubscribe") != 1 {
		t.Errorf("online remove: still on the server, or Unsubscribe called %d times", e.srv.count("Unsubscribe"))
	}
	if q := e.queued(); len(q) != 0 {
		t.Errorf("queue after an online remove = %v", q)
	}

	e.srv.setOffline(true)
	if err := e.s.Remove(ctx, "https://b.test/feed"); err != nil {
		t.Fatalf("remove offline: %v", err)
	}
	if _, ok := e.feed("https://b.test/feed"); ok {
		t.Fatal("removed feed still in herald")
	}
	if q := e.queued(); !slices.Equal(q, []string{"unsubscribe " + fb}) {
		t.Fatalf("queue after an offline remove = %v", q)
	}
	e.srv.setOffline(false)
	before := len(e.srv.callLog())
	sum := e.sync()
	calls := e.srv.callLog()[before:]
	if len(calls) < 2 || calls[0] != "Unsubscribe" || calls[1] != "Subscriptions" {
		t.Errorf("calls of the sync = %v, want Unsubscribe before Subscriptions", calls)
	}
	if _, ok := e.srv.sub("https://b.test/feed"); ok || sum.Unsubscribed != 1 {
		t.Errorf("still on the server after the sync (summary %+v)", sum)
	}
	if _, ok := e.feed("https://b.test/feed"); ok || sum.Added != 0 {
		t.Errorf("the removed feed came back (summary %+v)", sum)
	}
	if q := e.queued(); len(q) != 0 {
		t.Errorf("queue = %v", q)
	}
}

func TestSyncIgnoresSubscriptionsThatAreNotWebFeeds(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		ctx := context.Background()
		e := newSyncEnv(t, style)
		// A real feed on disk: the offline feed client would read file://.
		secret := filepath.Join(t.TempDir(), "secret.xml")
		const word = "hunter2secretword"
		if err := os.WriteFile(secret, []byte(rssDoc("Secret", rssItem("s1", word, "", "<p>"+word+"</p>", ""))), 0o600); err != nil {
			t.Fatal(err)
		}
		bad := []string{"file://" + secret, "FILE:///etc/passwd", "ftp://a.test/feed", "javascript:alert(1)",
			"exec:ls", secret, "http:///nohost"}
		for _, u := range bad {
			f := e.srv.addSub(u, "Bad")
			e.srv.addEntry(f, hsync.Entry{Title: "Bad " + u, Content: "<p>bad</p>", Starred: true})
		}
		good := e.srv.addSub("https://good.test/feed", "Good")
		e.srv.addEntry(good, hsync.Entry{Title: "Good one", Content: "<p>good</p>"})
		sum := e.sync()
		feeds, err := e.s.Store.Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(feeds) != 1 || feeds[0].URL != "https://good.test/feed" || sum.Feeds != 1 || sum.Added != 1 || sum.New != 1 {
			t.Errorf("feeds = %+v, summary %+v; want the web feed alone", feeds, sum)
		}
		if bms, _ := e.s.Store.Bookmarks(ctx); len(bms) != 0 {
			t.Errorf("bookmarks from ignored feeds: %+v", bms)
		}
		if n := e.srv.count("Subscribe") + e.srv.count("Unsubscribe"); n != 0 {
			t.Errorf("%d subscribe calls, want none", n)
		}
		if _, err := e.s.Refresh(ctx, nil, nil); err != nil {
			t.Fatal(err)
		}
		if found, err := e.s.Store.Search(ctx, word, 10); err != nil || len(found) != 0 {
			t.Errorf("the local file was read: %+v, %v", found, err)
		}
		if found, err := e.s.Store.Search(ctx, "good", 10); err != nil || len(found) != 1 {
			t.Errorf("search for the synced entry: %+v, %v", found, err) // the check above can see
		}
	})
}

func TestSyncRefreshLeavesSyncedFeedsToTheServer(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	web, hits := feedServer(t, map[string]string{
		"/a.xml":       rssDoc("A", rssItem("a1", "A from the web", "", "<p>a</p>", "")),
		"/b.xml":       rssDoc("B", rssItem("b1", "B from the web", "", "<p>b</p>", "")),
		"/local.xml":   rssDoc("Local", rssItem("l1", "Local one", "", "<p>l</p>", "")),
		"/refused.xml": rssDoc("Refused", rssItem("r1", "Refused one", "", "<p>r</p>", "")),
	})
	e.s.Client = feed.NewClient(feed.Options{}) // loopback only
	fa := e.srv.addSub(web.URL+"/a.xml", "A")
	e.srv.addSub(web.URL+"/b.xml", "B")
	e.srv.addEntry(fa, hsync.Entry{Title: "A1", URL: web.URL + "/a1", Content: "<p>1</p>"})
	e.srv.addEntry(fa, hsync.Entry{Title: "A2", URL: web.URL + "/a2", Content: "<p>2</p>"})
	local, err := e.s.Store.AddFeed(ctx, web.URL+"/local.xml", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.Store.SetLocalOnly(ctx, local.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Store.AddFeed(ctx, web.URL+"/refused.xml", "", nil); err != nil {
		t.Fatal(err)
	}
	e.srv.refuse[web.URL+"/refused.xml"] = true

	var progress []Progress
	sum, err := e.s.Refresh(ctx, nil, func(p Progress) { progress = append(progress, p) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Feeds: 4, New: 4, Unchanged: 1}); sum != want {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	checkProgress(t, progress, 4)
	for path, want := range map[string]int{"/a.xml": 0, "/b.xml": 0, "/local.xml": 1, "/refused.xml": 1} {
		if n := hits(path); n != want {
			t.Errorf("%s fetched %d times, want %d", path, n, want)
		}
	}
	if f, _ := e.feed(web.URL + "/refused.xml"); f.RemoteID != "" || f.Note != notOnServer+"the server could not fetch the feed" {
		t.Errorf("refused feed = %+v, want no server id and the server's reason after the refresh", f)
	}

	// The server goes away: the synced feeds fail with the sync's reason,
	// herald's own are fetched all the same.
	e.srv.setOffline(true)
	progress = nil
	sum, err = e.s.Refresh(ctx, nil, func(p Progress) { progress = append(progress, p) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Feeds: 4, Unchanged: 2, Failed: 2}); sum != want {
		t.Errorf("offline summary = %+v, want %+v", sum, want)
	}
	checkProgress(t, progress, 4)
	for _, p := range progress {
		synced := strings.HasSuffix(p.URL, "/a.xml") || strings.HasSuffix(p.URL, "/b.xml")
		if synced != (p.Err != nil) || synced && !strings.Contains(p.Err.Error(), fakeURL) {
			t.Errorf("offline progress %+v: want the synced feeds failed with the sync's error", p)
		}
	}
	for path, want := range map[string]int{"/a.xml": 0, "/b.xml": 0, "/local.xml": 2, "/refused.xml": 2} {
		if n := hits(path); n != want {
			t.Errorf("offline: %s fetched %d times, want %d", path, n, want)
		}
	}
	if f, _ := e.feed(web.URL + "/refused.xml"); f.Note != notOnServer+"the server could not fetch the feed" {
		t.Errorf("refused feed's note after a refresh the server missed = %q", f.Note)
	}
	// Due feeds only: the local feed failed just now and waits out its
	// backoff, so the progress counts the two synced feeds and the refused
	// one, and reaches its total.
	if _, err := e.s.Store.SaveFetch(ctx, store.FetchOutcome{FeedID: local.ID, Err: "HTTP 500", At: e.s.now()}); err != nil {
		t.Fatal(err)
	}
	progress = nil
	if _, err := e.s.RefreshDue(ctx, func(p Progress) { progress = append(progress, p) }); err != nil {
		t.Fatal(err)
	}
	checkProgress(t, progress, 3)

	// The server takes the refused feed at last: it leaves herald's hands.
	e.srv.setOffline(false)
	delete(e.srv.refuse, web.URL+"/refused.xml")
	sum, err = e.s.Refresh(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Feeds: 4, Unchanged: 4}); sum != want {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	if n := hits("/refused.xml"); n != 3 { // two refreshes and the due one
		t.Errorf("a feed the server took was fetched by herald")
	}
	if f, _ := e.feed(web.URL + "/refused.xml"); f.RemoteID == "" || f.Note != "" {
		t.Errorf("feed the server took = %+v, want its server id and no note", f)
	}
}

// checkProgress checks that progress counted n feeds, one by one.
func checkProgress(t *testing.T, progress []Progress, n int) {
	t.Helper()
	if len(progress) != n {
		t.Fatalf("progress = %+v, want %d events", progress, n)
	}
	for i, p := range progress {
		if p.Done != i+1 || p.Total != n {
			t.Errorf("progress[%d] = %d of %d, want %d of %d", i, p.Done, p.Total, i+1, n)
		}
	}
}

func TestSyncMutedEntriesStayReadHereOnly(t *testing.T) {
	bothStyles(t, func(t *testing.T, style pullStyle) {
		e := newSyncEnv(t, style)
		rules, err := triage.ParseRules([]string{"title:sponsored"})
		if err != nil {
			t.Fatal(err)
		}
		e.s.Mute = rules
		f := e.srv.addSub("https://a.test/feed", "Alpha")
		muted := e.srv.addEntry(f, hsync.Entry{Title: "Sponsored: ferry tickets", Content: "<p>Buy.</p>"})
		plain := e.srv.addEntry(f, hsync.Entry{Title: "Ferry timetable", Content: "<p>Times.</p>"})
		e.sync()
		if it := e.item(muted); !it.Read || it.Muted != "title:sponsored" {
			t.Errorf("muted entry: read %v, muted %q; want read by the rule", it.Read, it.Muted)
		}
		if it := e.item(plain); it.Read {
			t.Errorf("plain entry stored read")
		}
		if a, _ := e.feed("https://a.test/feed"); a.Unread != 1 {
			t.Errorf("feed unread = %d, want 1", a.Unread)
		}
		for range 2 {
			e.sync()
		}
		if got := e.srv.pushed(); len(got) != 0 {
			t.Errorf("pushed %v: the mute's read went to the server", got)
		}
		if se, _ := e.srv.entry(muted); se.Read {
			t.Errorf("the muted entry is read on the server")
		}
		if it := e.item(muted); !it.Read {
			t.Errorf("muted entry unread after later syncs")
		}
		if q := e.queued(); len(q) != 0 {
			t.Errorf("queue = %v", q)
		}
	})
}
