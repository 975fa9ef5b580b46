package greader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
)

// TestMinifluxLive runs against a real Miniflux when HERALD_GREADER_LIVE
// names the env file its start script writes (MINIFLUX_URL,
// MINIFLUX_USER, MINIFLUX_GREADER_PASS, FEEDS_URL, FEEDS_DIR).
func TestMinifluxLive(t *testing.T) {
	path := os.Getenv("HERALD_GREADER_LIVE")
	if path == "" {
		t.Skip("set HERALD_GREADER_LIVE to a Miniflux env file (see /tmp/wt/shared/miniflux) to run against a real server")
	}
	env := readEnv(t, path)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p, err := New(hsync.Options{URL: env["MINIFLUX_URL"], Username: env["MINIFLUX_USER"], Password: env["MINIFLUX_GREADER_PASS"]})
	if err != nil {
		t.Fatal(err)
	}

	subs, err := p.Subscriptions(ctx)
	if err != nil || len(subs) == 0 {
		t.Fatalf("Subscriptions = %v, %v", subs, err)
	}
	b, err := p.Pull(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) == 0 || !b.Complete || b.Cursor == "" {
		t.Fatalf("first pull: %d entries, complete %v, cursor %q", len(b.Entries), b.Complete, b.Cursor)
	}
	var unread, unstarred *hsync.Entry
	for i, e := range b.Entries {
		if e.StateOnly || e.Title == "" || e.URL == "" || !strings.HasPrefix(e.FeedID, "feed/") {
			t.Errorf("entry %+v", e)
		}
		if !e.Read && unread == nil {
			unread = &b.Entries[i]
		}
		if !e.Starred && unstarred == nil {
			unstarred = &b.Entries[i]
		}
	}
	if unread == nil || unstarred == nil {
		t.Fatal("no unread or no unstarred entry to change")
	}
	held := map[string]bool{}
	for _, e := range b.Entries {
		held[e.ID] = true
	}

	change := []hsync.Change{{EntryID: unread.ID, Kind: hsync.MarkRead}, {EntryID: unstarred.ID, Kind: hsync.Star}}
	if err := p.Push(ctx, change); err != nil {
		t.Fatal(err)
	}
	defer func() { // leave the server as it was
		undo := []hsync.Change{{EntryID: unread.ID, Kind: hsync.MarkUnread}, {EntryID: unstarred.ID, Kind: hsync.Unstar}}
		if err := p.Push(context.Background(), undo); err != nil {
			t.Errorf("undo: %v", err)
		}
	}()
	b2, err := p.Pull(ctx, b.Cursor, func(id string) bool { return held[id] })
	if err != nil {
		t.Fatal(err)
	}
	got := byID(b2)
	// Complete: an entry left out is read and not starred.
	if e, ok := got[unread.ID]; !b2.Complete || ok && (!e.Read || !e.StateOnly) {
		t.Errorf("after marking %s read: %+v (complete %v)", unread.ID, e, b2.Complete)
	}
	if e := got[unstarred.ID]; !e.Starred || !e.StateOnly {
		t.Errorf("after starring %s: %+v", unstarred.ID, e)
	}
	if c1, c2 := cursorSeconds(b.Cursor), cursorSeconds(b2.Cursor); c2 < c1 {
		t.Errorf("cursor went back from %s to %s", b.Cursor, b2.Cursor)
	}

	if dir := env["FEEDS_DIR"]; dir != "" {
		liveSubscribe(ctx, t, p, env["FEEDS_URL"], dir)
	}

	bad, _ := New(hsync.Options{URL: env["MINIFLUX_URL"], Username: env["MINIFLUX_USER"], Password: "wrong-password"})
	if _, err := bad.Subscriptions(ctx); !errors.Is(err, hsync.ErrAuth) {
		t.Errorf("wrong password: %v, want ErrAuth", err)
	}
}

// liveSubscribe follows a feed written for the test, in a folder, then
// stops following it, twice.
func liveSubscribe(ctx context.Context, t *testing.T, p *Provider, feedsURL, dir string) {
	name := fmt.Sprintf("herald-live-%d.xml", os.Getpid())
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Herald live</title><link>` + feedsURL +
		`/</link><item><title>one</title><link>` + feedsURL + `/one.html</link><guid>herald-one</guid></item></channel></rss>`
	if err := os.WriteFile(filepath.Join(dir, name), []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(dir, name))
	s, err := p.Subscribe(ctx, feedsURL+"/"+name, "Herald")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.ID, "feed/") || s.URL != feedsURL+"/"+name || !slices.Equal(s.Folders, []string{"Herald"}) {
		t.Errorf("Subscribe = %+v", s)
	}
	for range 2 {
		if err := p.Unsubscribe(ctx, s.ID); err != nil {
			t.Errorf("Unsubscribe(%s) = %v", s.ID, err)
		}
	}
}

func cursorSeconds(c string) int64 {
	n, _ := strconv.ParseInt(c, 10, 64)
	return n
}

func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("HERALD_GREADER_LIVE: %v", err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	return env
}
