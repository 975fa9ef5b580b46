package miniflux

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
)

// liveEnv reads the env file HERALD_MINIFLUX_LIVE names (KEY=VALUE lines,
// as the Miniflux start script writes them), or skips the test.
func liveEnv(t *testing.T) map[string]string {
	path := os.Getenv("HERALD_MINIFLUX_LIVE")
	if path == "" {
		t.Skip("set HERALD_MINIFLUX_LIVE to an env file (MINIFLUX_URL, MINIFLUX_API_KEY, …) to test against a real Miniflux")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	for _, k := range []string{"MINIFLUX_URL", "MINIFLUX_API_KEY", "MINIFLUX_USER", "MINIFLUX_PASS", "FEEDS_URL"} {
		if env[k] == "" {
			t.Fatalf("%s has no %s", path, k)
		}
	}
	return env
}

func TestLive(t *testing.T) {
	env := liveEnv(t)
	ctx := context.Background()
	p, err := New(hsync.Options{URL: env["MINIFLUX_URL"], APIKey: env["MINIFLUX_API_KEY"]})
	if err != nil {
		t.Fatal(err)
	}

	bad, _ := New(hsync.Options{URL: env["MINIFLUX_URL"], Username: env["MINIFLUX_USER"], Password: "wrong-" + env["MINIFLUX_PASS"]})
	if _, err := bad.Subscriptions(ctx); !errors.Is(err, hsync.ErrAuth) {
		t.Errorf("wrong password: err = %v, want ErrAuth", err)
	}
	byPass, _ := New(hsync.Options{URL: env["MINIFLUX_URL"], Username: env["MINIFLUX_USER"], Password: env["MINIFLUX_PASS"]})
	subs, err := byPass.Subscriptions(ctx)
	if err != nil || len(subs) == 0 {
		t.Fatalf("subscriptions = %v, %v", subs, err)
	}
	feeds := map[string]bool{}
	for _, s := range subs {
		feeds[s.ID] = true
		t.Logf("feed %s %q %s folders %v", s.ID, s.Title, s.URL, s.Folders)
	}

	first, err := p.Pull(ctx, "", nil)
	if err != nil || len(first.Entries) == 0 || first.Complete {
		t.Fatalf("first pull = %d entries, complete %v, %v", len(first.Entries), first.Complete, err)
	}
	var toRead, toStar *hsync.Entry
	for i, e := range first.Entries {
		if !feeds[e.FeedID] || e.Title == "" || e.Changed.IsZero() {
			t.Errorf("entry %+v: unknown feed or missing fields", e)
		}
		switch {
		case toRead == nil && !e.Read:
			toRead = &first.Entries[i]
		case toStar == nil && !e.Starred:
			toStar = &first.Entries[i]
		}
	}
	if toRead == nil || toStar == nil {
		t.Fatalf("need an unread and an unstarred entry among %d", len(first.Entries))
	}
	t.Logf("first pull: %d entries, cursor %s", len(first.Entries), first.Cursor)

	time.Sleep(1100 * time.Millisecond) // so the push lands in a later second than the cursor
	pushed := time.Now()
	push := []hsync.Change{{EntryID: toRead.ID, Kind: hsync.MarkRead}, {EntryID: toStar.ID, Kind: hsync.Star}}
	if err := p.Push(ctx, push); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.Push(ctx, []hsync.Change{{EntryID: toRead.ID, Kind: hsync.MarkUnread}, {EntryID: toStar.ID, Kind: hsync.Unstar}})
	})

	next, err := p.Pull(ctx, first.Cursor, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]hsync.Entry{}
	for _, e := range next.Entries {
		got[e.ID] = e
		t.Logf("changed: %s read=%v starred=%v changed_at=%s", e.ID, e.Read, e.Starred, e.Changed.Format(time.RFC3339Nano))
	}
	if e := got[toRead.ID]; !e.Read || !e.Changed.After(toRead.Changed) {
		t.Errorf("marked read: %+v (before: changed %s)", e, toRead.Changed)
	}
	if e := got[toStar.ID]; !e.Starred || !e.Changed.After(toStar.Changed) {
		t.Errorf("starred: %+v (before: changed %s)", e, toStar.Changed)
	}
	// Anything else is the overlap: unchanged since the first pull.
	for id, e := range got {
		if id != toRead.ID && id != toStar.ID && e.Changed.After(pushed.Add(-time.Second)) {
			t.Errorf("entry %s changed at %s, though only the pushed ones changed", id, e.Changed)
		}
	}
	if next.Cursor < first.Cursor {
		t.Errorf("cursor went back: %s → %s", first.Cursor, next.Cursor)
	}

	// Subscribing to a followed feed returns it.
	beta, err := p.Subscribe(ctx, env["FEEDS_URL"]+"/beta.xml", "")
	if err != nil || !feeds[beta.ID] {
		t.Errorf("subscribe to beta.xml again = %+v, %v", beta, err)
	}
	if dir := env["FEEDS_DIR"]; dir != "" {
		liveSubscribe(t, p, env["FEEDS_URL"], dir)
	}
}

// liveSubscribe subscribes to a new feed in a new folder, then leaves it.
func liveSubscribe(t *testing.T, p *Provider, feedsURL, dir string) {
	ctx := context.Background()
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>Herald Live</title>` +
		`<link>` + feedsURL + `/</link><item><title>h1</title><link>` + feedsURL + `/h1.html</link>` +
		`<guid>herald-live-h1</guid></item></channel></rss>`
	name := "herald-live.xml"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(rss), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(dir, name))

	s, err := p.Subscribe(ctx, feedsURL+"/"+name, "Herald Live")
	if err != nil || s.Title != "Herald Live" || !slices.Equal(s.Folders, []string{"Herald Live"}) {
		t.Fatalf("subscribe = %+v, %v", s, err)
	}
	if err := p.Unsubscribe(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if err := p.Unsubscribe(ctx, s.ID); err != nil {
		t.Errorf("unsubscribe twice = %v", err)
	}
	subs, _ := p.Subscriptions(ctx)
	if slices.ContainsFunc(subs, func(x hsync.Subscription) bool { return x.ID == s.ID }) {
		t.Errorf("feed %s still followed", s.ID)
	}
}
