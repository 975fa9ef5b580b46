package minifluxtest_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/minifluxtest"
	"miniflux.app/v2/client"
)

func TestMain(m *testing.M) { minifluxtest.Main(m) }

// TestSyncHarness walks through everything the harness offers: the admin
// client, a loopback feed Miniflux fetches, a forced refresh, stopping and
// starting Miniflux on the same URL, and Reset.
func TestSyncHarness(t *testing.T) {
	srv := minifluxtest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv.Reset(t)
	admin := srv.Admin()

	me, err := admin.MeContext(ctx)
	if err != nil {
		t.Fatalf("Me: %v", err)
	}
	if me.Username != srv.User || !me.IsAdmin {
		t.Fatalf("Me = %q (admin %v), want the admin %q", me.Username, me.IsAdmin, srv.User)
	}

	feeds := srv.FeedServer(t)
	published := time.Now().Add(-time.Hour).Truncate(time.Second)
	items := []minifluxtest.Item{
		{GUID: "h1", Title: "First", Body: "<p>first body</p>", Published: published},
		{GUID: "h2", Title: "Second", Body: "<p>second body</p>", Published: published.Add(time.Minute)},
	}
	feeds.Set("/h.xml", "Harness feed", items...)
	cat, err := admin.CreateCategoryContext(ctx, "Harness")
	if err != nil {
		t.Fatalf("CreateCategory: %v", err)
	}
	feedID, err := admin.CreateFeedContext(ctx, &client.FeedCreationRequest{FeedURL: feeds.FeedURL("/h.xml"), CategoryID: cat.ID})
	if err != nil {
		t.Fatalf("CreateFeed: %v", err)
	}
	if f := srv.FeedByURL(t, feeds.FeedURL("/h.xml")); f.ID != feedID || f.Title != "Harness feed" || f.Category.Title != "Harness" {
		t.Errorf("feed = %d %q in %q, want %d %q in %q", f.ID, f.Title, f.Category.Title, feedID, "Harness feed", "Harness")
	}
	entries := feedEntries(ctx, t, admin, feedID)
	if len(entries) != 2 {
		t.Fatalf("%d entries after subscribing, want 2", len(entries))
	}
	for _, it := range items {
		e := entries[it.Title]
		if e == nil {
			t.Fatalf("no entry %q", it.Title)
		}
		if !strings.Contains(e.Content, strings.TrimSuffix(strings.TrimPrefix(it.Body, "<p>"), "</p>")) ||
			e.URL != feeds.URL+"/"+it.GUID || e.Status != "unread" || e.Starred || !e.Date.Equal(it.Published) {
			t.Errorf("entry %q = content %q url %q status %s starred %v published %v", it.Title, e.Content, e.URL, e.Status, e.Starred, e.Date)
		}
	}

	// The feed server sends nothing Miniflux could make a 304 of, so a
	// change within the same second is seen.
	items = append(items, minifluxtest.Item{GUID: "h3", Title: "Third", Body: "<p>third body</p>", Published: published.Add(2 * time.Minute)})
	feeds.Set("/h.xml", "Harness feed", items...)
	hits := feeds.Hits("/h.xml")
	srv.RefreshFeed(t, feedID)
	if feeds.Hits("/h.xml") != hits+1 {
		t.Errorf("RefreshFeed fetched the feed %d times, want once", feeds.Hits("/h.xml")-hits)
	}
	if entries = feedEntries(ctx, t, admin, feedID); len(entries) != 3 || entries["Third"] == nil {
		t.Fatalf("after the refresh: %d entries (Third: %v), want 3", len(entries), entries["Third"] != nil)
	}

	srv.StopMiniflux(t)
	began := time.Now()
	if _, err := admin.MeContext(ctx); err == nil {
		t.Fatal("Me answered with Miniflux stopped")
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("a request to the stopped server took %v", d)
	}
	srv.StartMiniflux(t)
	if _, err := admin.MeContext(ctx); err != nil {
		t.Fatalf("Me after StartMiniflux: %v", err)
	}
	if got := feedEntries(ctx, t, admin, feedID); len(got) != 3 {
		t.Errorf("%d entries after the restart, want 3", len(got))
	}

	srv.Reset(t)
	if fs, err := admin.FeedsContext(ctx); err != nil || len(fs) != 0 {
		t.Errorf("after Reset: %d feeds (%v), want none", len(fs), err)
	}
	if cats, err := admin.CategoriesContext(ctx); err != nil || len(cats) != 1 {
		t.Errorf("after Reset: %d categories (%v), want the default one", len(cats), err)
	}
}

// TestSyncHarnessGoogleReader checks that the Google Reader API is on for
// the admin, with GReaderPass, and refuses another password.
func TestSyncHarnessGoogleReader(t *testing.T) {
	srv := minifluxtest.Start(t)
	login := func(pass string) (int, string) {
		t.Helper()
		resp, err := http.PostForm(srv.URL+"/accounts/ClientLogin", url.Values{"Email": {srv.User}, "Passwd": {pass}})
		if err != nil {
			t.Fatalf("ClientLogin: %v", err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := login(srv.GReaderPass); code != http.StatusOK || !strings.Contains(body, "Auth=") {
		t.Errorf("ClientLogin with GReaderPass: HTTP %d %q", code, body)
	}
	if code, _ := login(srv.GReaderPass + "x"); code != http.StatusUnauthorized {
		t.Errorf("ClientLogin with a wrong password: HTTP %d, want 401", code)
	}
}

// TestSyncHarnessFeedHeaders checks the feed server gives Miniflux nothing
// to revalidate with.
func TestSyncHarnessFeedHeaders(t *testing.T) {
	srv := minifluxtest.Start(t)
	feeds := srv.FeedServer(t)
	feeds.Set("/x.xml", "X", minifluxtest.Item{GUID: "x1", Title: "<&>", Body: "<b>bold</b>"})
	resp, err := http.Get(feeds.FeedURL("/x.xml"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Last-Modified") != "" || resp.Header.Get("ETag") != "" {
		t.Errorf("HTTP %d, Last-Modified %q, ETag %q; want 200 and neither", resp.StatusCode, resp.Header.Get("Last-Modified"), resp.Header.Get("ETag"))
	}
	resp, err = http.Get(feeds.FeedURL("/missing.xml"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a missing feed: HTTP %d, want 404", resp.StatusCode)
	}
}

func feedEntries(ctx context.Context, t *testing.T, c *client.Client, feedID int64) map[string]*client.Entry {
	t.Helper()
	res, err := c.FeedEntriesContext(ctx, feedID, &client.Filter{Limit: 100})
	if err != nil {
		t.Fatalf("FeedEntries: %v", err)
	}
	m := map[string]*client.Entry{}
	for _, e := range res.Entries {
		m[e.Title] = e
	}
	return m
}
