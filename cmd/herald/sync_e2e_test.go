package main

// The real binary syncing with a real Miniflux (scripts/miniflux-server.sh,
// through internal/minifluxtest), through both providers: its REST API and
// its Google Reader API. Between herald and the server sits a loopback
// proxy that counts requests and entry content, and can answer 500 or
// drip its answers.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"miniflux.app/v2/client"

	"github.com/herald-reader/herald/internal/minifluxtest"
	"github.com/herald-reader/herald/sync/synctest"
)

// syncProxy stands between herald and the server.
type syncProxy struct {
	*httptest.Server
	mu       sync.Mutex
	mode     string // "", "500", "drip"
	requests int
	body     strings.Builder // every answer's body, for content markers
	arrived  chan struct{}   // a request reached the proxy (drip mode)
}

func newSyncProxy(t *testing.T, target string) *syncProxy {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &syncProxy{arrived: make(chan struct{}, 16)}
	rp := httputil.NewSingleHostReverseProxy(u)
	direct := rp.Director
	rp.Director = func(r *http.Request) {
		direct(r)
		r.Header.Del("Accept-Encoding") // plain answers, so the markers can be found
	}
	rp.ModifyResponse = func(r *http.Response) error {
		b, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return err
		}
		p.mu.Lock()
		p.body.Write(b)
		p.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		return nil
	}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.requests++
		mode := p.mode
		p.mu.Unlock()
		switch mode {
		case "500":
			http.Error(w, `{"error_message":"database is on fire"}`, http.StatusInternalServerError)
		case "drip":
			select {
			case p.arrived <- struct{}{}:
			default:
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			for i := 0; i < 600; i++ {
				if _, err := w.Write([]byte(" ")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		default:
			rp.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *syncProxy) set(mode string) {
	p.mu.Lock()
	p.mode = mode
	p.mu.Unlock()
}

// reset forgets what was counted; snapshot reads it.
func (p *syncProxy) reset() {
	p.mu.Lock()
	p.requests = 0
	p.body.Reset()
	p.mu.Unlock()
}

func (p *syncProxy) snapshot() (int, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests, p.body.String()
}

// syncEnv is herald configured to sync through the proxy.
type syncEnv struct {
	*env
	srv   *minifluxtest.Server
	proxy *syncProxy
	feeds *minifluxtest.FeedServer
	nonce string
	base  time.Time // items' dates: the same at every Set, or the server sees them changed
}

// writeConfig writes config.toml with the [sync] table for provider;
// secret is what the password (or API key) command prints.
func (e *syncEnv) writeConfig(provider, secret string) {
	e.t.Helper()
	cred := fmt.Sprintf("username = %q\npassword_command = %q\n", e.srv.User, "printf '%s\\n' '"+secret+"'")
	if provider == "miniflux" {
		cred = fmt.Sprintf("api_key_command = %q\n", "printf '%s\\n' '"+secret+"'")
	}
	e.config(fmt.Sprintf("[sync]\nprovider = %q\nurl = %q\ntimeout = \"3s\"\n%s", provider, e.proxy.URL, cred))
}

// item is the n-th item of the test feed, its body marked.
func (e *syncEnv) item(n int) minifluxtest.Item {
	return minifluxtest.Item{GUID: fmt.Sprintf("%s-%d", e.nonce, n), Title: fmt.Sprintf("Story %d %s", n, e.nonce),
		Body:      fmt.Sprintf("<p>%s-body-%d: the report in full.</p>", e.nonce, n),
		Published: e.base.Add(time.Duration(n) * time.Minute)}
}

// entry returns the server's entry titled like item n.
func (e *syncEnv) entry(n int) *client.Entry {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := e.srv.Admin().EntriesContext(ctx, &client.Filter{Limit: 1000, Search: e.nonce})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, en := range res.Entries {
		if en.Title == e.item(n).Title {
			return en
		}
	}
	e.t.Fatalf("server: no entry %q", e.item(n).Title)
	return nil
}

func TestSyncEndToEnd(t *testing.T) {
	for _, provider := range []string{"miniflux", "greader"} {
		t.Run(provider, func(t *testing.T) { syncEndToEnd(t, provider) })
	}
}

func syncEndToEnd(t *testing.T, provider string) {
	srv := minifluxtest.Start(t)
	srv.Reset(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	e := &syncEnv{env: newEnv(t), srv: srv, feeds: srv.FeedServer(t), nonce: fmt.Sprintf("n%d", time.Now().UnixNano()),
		base: time.Now().Add(-time.Hour).Truncate(time.Second)}
	e.proxy = newSyncProxy(t, srv.URL)
	secret := srv.GReaderPass
	if provider == "miniflux" {
		secret = srv.APIKey
	}
	e.writeConfig(provider, secret)
	e.feeds.Set("/world.xml", "World "+e.nonce, e.item(1), e.item(2), e.item(3))
	if _, err := srv.Admin().CreateFeedContext(ctx, &client.FeedCreationRequest{FeedURL: e.feeds.FeedURL("/world.xml")}); err != nil {
		t.Fatal(err)
	}
	queued := func(n int) {
		t.Helper()
		out := e.ok("feeds")
		if want := fmt.Sprintf("%d %s queued", n, plural(n, "change", "changes")); !strings.Contains(out, want) {
			t.Fatalf("herald feeds does not say %q:\n%s", want, out)
		}
	}

	// Subscribe and pull.
	if out := e.ok("sync"); !strings.Contains(out, "synced 1 feeds: 3 new items") {
		t.Fatalf("first sync: %s", out)
	}
	list := e.ok("list")
	id := func(n int) string { return idOf(t, list, e.item(n).Title) }
	if out := e.ok("feeds"); !strings.Contains(out, "synced") || !strings.Contains(out, "last synced") {
		t.Fatalf("herald feeds: %s", out)
	}
	if e.feeds.Hits("/world.xml") != 1 {
		t.Errorf("the feed was fetched %d times, want once (by the server): herald syncs, it does not fetch", e.feeds.Hits("/world.xml"))
	}

	// Read in herald → read on the server.
	e.ok("show", id(1))
	queued(1)
	if out := e.ok("sync"); !strings.Contains(out, "1 changes pushed") {
		t.Fatalf("sync after a read: %s", out)
	}
	queued(0)
	if got := e.entry(1).Status; got != "read" {
		t.Fatalf("server: story 1 is %s after reading it in herald", got)
	}

	// Read and starred on the server → read and bookmarked in herald.
	if err := srv.Admin().UpdateEntriesContext(ctx, []int64{e.entry(2).ID}, "read"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Admin().UpdateEntriesStarredContext(ctx, []int64{e.entry(3).ID}, true); err != nil {
		t.Fatal(err)
	}
	e.ok("sync")
	if unread := e.ok("list", "--unread"); strings.Contains(unread, e.item(2).Title) || !strings.Contains(unread, e.item(3).Title) {
		t.Fatalf("after the server read story 2: unread list\n%s", unread)
	}
	if bms := e.ok("bookmarks"); !strings.Contains(bms, e.item(3).Title) {
		t.Fatalf("story 3, starred on the server, is not bookmarked:\n%s", bms)
	}

	// Bookmarks → stars, both ways.
	e.ok("bookmarks", "add", id(1))
	e.ok("bookmarks", "remove", id(3))
	e.ok("sync")
	if s1, s3 := e.entry(1).Starred, e.entry(3).Starred; !s1 || s3 {
		t.Fatalf("server: story 1 starred %v (want true), story 3 starred %v (want false)", s1, s3)
	}

	// Offline: Miniflux stopped; changes are queued, survive restarts
	// (each command is a new herald) and a SIGKILL mid-sync.
	srv.StopMiniflux(t)
	e.ok("show", id(3))             // read
	e.ok("bookmarks", "add", id(2)) // star
	queued(2)
	r := e.run("", "sync")
	if r.code == 0 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 1 ||
		!strings.Contains(r.stderr, "2 changes kept for the next sync") {
		t.Fatalf("sync with the server down: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	t.Logf("server down: %s", strings.TrimSpace(r.stderr))
	if out := e.ok("feeds"); !strings.Contains(out, "last error: sync:") {
		t.Fatalf("herald feeds does not show the error:\n%s", out)
	}
	e.proxy.set("drip")
	kill := exec.Command(heraldBin, "--db", e.db, "sync")
	kill.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(e.dir, "xdg-config"),
		"XDG_DATA_HOME="+filepath.Join(e.dir, "xdg-data"), "XDG_STATE_HOME="+filepath.Join(e.dir, "xdg-state"))
	if err := kill.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-e.proxy.arrived:
	case <-ctx.Done():
		t.Fatal("the killed sync never reached the server")
	}
	_ = kill.Process.Signal(syscall.SIGKILL)
	_ = kill.Wait()
	e.proxy.set("")
	queued(2)
	srv.StartMiniflux(t)
	if out := e.ok("sync"); !strings.Contains(out, "2 changes pushed") {
		t.Fatalf("sync once the server is back: %s", out)
	}
	queued(0)
	if en2, en3 := e.entry(2), e.entry(3); !en2.Starred || en3.Status != "read" {
		t.Fatalf("server after the queue was pushed: story 2 starred %v, story 3 %s", en2.Starred, en3.Status)
	}

	// Incremental: once the server is quiet, a sync moves no entry content.
	waitClock(time.Now().Add(synctest.Quiet))
	e.ok("sync")
	e.proxy.reset()
	e.ok("sync")
	n, body := e.proxy.snapshot()
	t.Logf("%s: a sync with nothing changed: %d requests, %d bytes", provider, n, len(body))
	for i := 1; i <= 3; i++ {
		if strings.Contains(body, fmt.Sprintf("%s-body-%d", e.nonce, i)) {
			t.Errorf("a sync with nothing changed transferred story %d's content", i)
		}
	}
	e.feeds.Set("/world.xml", "World "+e.nonce, e.item(1), e.item(2), e.item(3), e.item(4))
	srv.RefreshFeed(t, srv.FeedByURL(t, e.feeds.FeedURL("/world.xml")).ID)
	e.proxy.reset()
	if out := e.ok("sync"); !strings.Contains(out, "1 new items") {
		t.Fatalf("sync after a new item upstream: %s", out)
	}
	_, body = e.proxy.snapshot()
	if !strings.Contains(body, e.nonce+"-body-4") || strings.Contains(body, e.nonce+"-body-1") {
		t.Errorf("the sync after a new item moved other content than the new item's")
	}

	// A wrong password, a 500 and a server that drips: one line each, and
	// the queue is left as it was.
	list = e.ok("list")
	e.ok("show", id(4))
	e.writeConfig(provider, "wrong-secret")
	for _, c := range []struct{ mode, want string }{
		{"", "refused the user name, password or API key"},
		{"500", "internal server error"},
		{"drip", "did not answer in time"},
	} {
		e.proxy.set(c.mode)
		start := time.Now()
		r := e.run("", "sync")
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if r.code == 0 || len(lines) != 2 || !strings.Contains(strings.ToLower(lines[0]), strings.ToLower(c.want)) || !strings.Contains(lines[0], e.proxy.URL) {
			t.Errorf("sync (%s): exit %d, stderr:\n%s\nwant one line with %q and the server's URL", c.mode, r.code, r.stderr, c.want)
		}
		t.Logf("%q in %v: %s", c.mode, time.Since(start).Round(time.Millisecond), lines[0])
		queued(1)
		if c.mode == "" {
			e.writeConfig(provider, secret)
		}
	}
	e.proxy.set("")
	e.ok("sync")
	queued(0)
	if got := e.entry(4).Status; got != "read" {
		t.Fatalf("server: story 4 is %s", got)
	}

	// herald refresh syncs the server's feeds and fetches the local one.
	e.feeds.Set("/local.xml", "Local "+e.nonce, e.item(6))
	e.ok("add", "--local", e.feeds.FeedURL("/local.xml"))
	hits := e.feeds.Hits("/world.xml")
	out := e.ok("refresh")
	if !strings.Contains(lastLine(out), "refreshed 2 feeds: 1 new items, 1 unchanged, 0 failed") {
		t.Fatalf("herald refresh with a sync server:\n%s", out)
	}
	if e.feeds.Hits("/world.xml") != hits || e.feeds.Hits("/local.xml") == 0 {
		t.Errorf("herald fetched the synced feed (%d → %d) or not the local one (%d)",
			hits, e.feeds.Hits("/world.xml"), e.feeds.Hits("/local.xml"))
	}
	for _, f := range mustFeeds(t, srv) {
		if f.FeedURL == e.feeds.FeedURL("/local.xml") {
			t.Fatal("a feed added with --local reached the server")
		}
	}
	e.ok("remove", e.feeds.FeedURL("/local.xml"))

	// Feeds added and removed in herald reach the server.
	e.feeds.Set("/tech.xml", "Tech "+e.nonce, e.item(5))
	e.ok("add", e.feeds.FeedURL("/tech.xml"))
	srv.FeedByURL(t, e.feeds.FeedURL("/tech.xml")) // fails the test unless herald add subscribed it
	e.ok("remove", e.feeds.FeedURL("/tech.xml"))
	for _, f := range mustFeeds(t, srv) {
		if f.FeedURL == e.feeds.FeedURL("/tech.xml") {
			t.Fatal("herald remove did not unsubscribe on the server")
		}
	}
}

// mustFeeds lists the server's feeds.
func mustFeeds(t *testing.T, srv *minifluxtest.Server) client.Feeds {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	feeds, err := srv.Admin().FeedsContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return feeds
}

// waitClock waits until the clock passes t.
func waitClock(t time.Time) {
	for time.Now().Before(t) {
		time.Sleep(50 * time.Millisecond)
	}
}
