package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// openTest opens a fresh store in a temporary directory.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// checkCounts fails the test when a feed's stored Unread/Total differ from
// its items.
func checkCounts(t testing.TB, s *Store) {
	t.Helper()
	rows, err := s.r.Query(`SELECT f.url, f.unread, f.total,
		(SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0),
		(SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id) FROM feeds f`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var url string
		var u, n, wu, wn int
		if err := rows.Scan(&url, &u, &n, &wu, &wn); err != nil {
			t.Fatal(err)
		}
		if u != wu || n != wn {
			t.Errorf("feed %s: counts %d/%d, items say %d/%d", url, u, n, wu, wn)
		}
	}
}

// addFeed adds a feed or fails the test.
func addFeed(t testing.TB, s *Store, url string) Feed {
	t.Helper()
	f, err := s.AddFeed(context.Background(), url, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// save stores items for a feed or fails the test.
func save(t testing.TB, s *Store, feedID int64, at time.Time, items ...NewItem) int {
	t.Helper()
	n, err := s.SaveFetch(context.Background(), FetchOutcome{FeedID: feedID, At: at, Items: items})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// itemsOf lists every item of a feed.
func itemsOf(t testing.TB, s *Store, feedID int64) []Item {
	t.Helper()
	its, err := s.Items(context.Background(), ItemQuery{FeedID: feedID})
	if err != nil {
		t.Fatal(err)
	}
	return its
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestOpenTwiceMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "herald.db")
	for i := 0; i < 3; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var v int
		if err := s.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != schemaVersion {
			t.Errorf("user_version = %d, want %d", v, schemaVersion)
		}
		var mode string
		if err := s.r.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" {
			t.Errorf("journal_mode = %q", mode)
		}
		if i == 0 {
			addFeed(t, s, "https://example.com/feed")
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", st.Mode().Perm())
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fs, err := s.Feeds(context.Background())
	if err != nil || len(fs) != 1 {
		t.Fatalf("feeds after reopen: %v, %v", fs, err)
	}
}

func TestOpenNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("want newer-schema error, got %v", err)
	}
}

func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "we?ird #dir %41", "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addFeed(t, s, "https://example.com/")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the literal path: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name, xdg, home, want string
	}{
		{"xdg", "/data", "/home/u", "/data/herald/herald.db"},
		{"no xdg", "", "/home/u", "/home/u/.local/share/herald/herald.db"},
		{"relative xdg ignored", "rel/dir", "/home/u", "/home/u/.local/share/herald/herald.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			got, err := DefaultPath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFeedRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f, err := s.AddFeed(ctx, "https://a.example/feed.xml", "A \x1b]0;pwn\x07 feed", []string{"news", "tech, \"x\""})
	if err != nil {
		t.Fatal(err)
	}
	if f.ID == 0 || f.URL != "https://a.example/feed.xml" || f.Title != "A \x1b]0;pwn\x07 feed" ||
		!reflect.DeepEqual(f.Tags, []string{"news", "tech, \"x\""}) {
		t.Fatalf("AddFeed = %+v", f)
	}
	if _, err := s.AddFeed(ctx, "https://a.example/feed.xml", "", nil); !errors.Is(err, ErrExists) {
		t.Fatalf("second AddFeed: %v, want ErrExists", err)
	}
	if _, err := s.AddFeed(ctx, "  ", "", nil); err == nil {
		t.Fatal("empty URL accepted")
	}
	next := t0.Add(time.Hour)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Title: "Ignored: has a title", SiteURL: "https://a.example/",
		ETag: `"abc"`, LastModified: "Sun, 01 Mar 2026 12:00:00 GMT", NextFetch: next, At: t0}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FeedByURL(ctx, f.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != f.Title || got.SiteURL != "https://a.example/" || got.ETag != `"abc"` ||
		got.LastModified != "Sun, 01 Mar 2026 12:00:00 GMT" || !got.LastSuccess.Equal(t0) ||
		!got.LastAttempt.Equal(t0) || !got.NextFetch.Equal(next) || got.LastError != "" || got.Gone {
		t.Fatalf("after fetch: %+v", got)
	}
	// An error keeps validators and last success.
	t1 := t0.Add(2 * time.Hour)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Err: "HTTP 410 Gone\nsecond line", Gone: true, At: t1}); err != nil {
		t.Fatal(err)
	}
	got, err = s.Feed(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastError != "HTTP 410 Gone" || !got.Gone || got.ETag != `"abc"` || !got.LastSuccess.Equal(t0) || !got.LastAttempt.Equal(t1) {
		t.Fatalf("after error: %+v", got)
	}
	// Not modified clears the error, keeps validators.
	t2 := t1.Add(time.Hour)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, NotModified: true, At: t2}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Feed(ctx, f.ID)
	if got.LastError != "" || got.Gone || got.ETag != `"abc"` || !got.LastSuccess.Equal(t2) {
		t.Fatalf("after 304: %+v", got)
	}
	// A feed without a title takes the fetched one.
	g := addFeed(t, s, "https://b.example/")
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: g.ID, Title: "B news", At: t0}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Feed(ctx, g.ID); got.Title != "B news" {
		t.Errorf("title %q", got.Title)
	}
	if _, err := s.Feed(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Feed(9999): %v", err)
	}
	if _, err := s.FeedByURL(ctx, "https://nope/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FeedByURL: %v", err)
	}
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: 9999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveFetch unknown feed: %v", err)
	}
	if err := s.RemoveFeed(ctx, "https://nope/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RemoveFeed unknown: %v", err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || len(fs) != 2 || fs[0].ID != f.ID || fs[1].ID != g.ID {
		t.Fatalf("Feeds = %+v, %v", fs, err)
	}
}

func TestItemRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	hostile := "\x00\x1b[2J\x1b]52;c;ZXZpbA==\x07\u202e\u009b31m 'quote' \"dq\" ; DROP TABLE items; --"
	in := NewItem{
		GUID: "g1", Link: "https://a.example/1", Title: hostile, Author: "Ann " + hostile,
		Published: t0, Summary: "<p>sum</p>", Content: "<p>body " + hostile + "</p>",
		ImageURL: "https://img/1.jpg", ImageCaption: "Cap", ImageCredit: "Photo: X / AFP", Markdown: "# md",
	}
	if n := save(t, s, f.ID, t0.Add(time.Hour), in); n != 1 {
		t.Fatalf("new = %d", n)
	}
	its := itemsOf(t, s, f.ID)
	if len(its) != 1 {
		t.Fatalf("items: %d", len(its))
	}
	li := its[0]
	if li.Summary != "" || li.Content != "" || li.Markdown != "" {
		t.Errorf("list loaded bodies: %+v", li)
	}
	it, err := s.Item(ctx, li.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := Item{ID: li.ID, FeedID: f.ID, FeedTitle: "", Key: "g1", GUID: "g1", Link: in.Link, Title: in.Title,
		Author: in.Author, Published: t0, FirstSeen: t0.Add(time.Hour), Summary: in.Summary, Content: in.Content,
		ImageURL: in.ImageURL, ImageCredit: in.ImageCredit, ImageCaption: in.ImageCaption, Markdown: in.Markdown}
	if !it.Published.Equal(want.Published) || !it.FirstSeen.Equal(want.FirstSeen) {
		t.Errorf("times %v %v", it.Published, it.FirstSeen)
	}
	it.Published, it.FirstSeen, want.Published, want.FirstSeen = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(it, want) {
		t.Errorf("Item =\n%+v\nwant\n%+v", it, want)
	}
	if err := s.SetMarkdown(ctx, it.ID, "new *md*"); err != nil {
		t.Fatal(err)
	}
	if it, _ := s.Item(ctx, it.ID); it.Markdown != "new *md*" {
		t.Errorf("markdown %q", it.Markdown)
	}
	if err := s.SetMarkdown(ctx, 4242, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetMarkdown unknown: %v", err)
	}
	if _, err := s.Item(ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Errorf("Item unknown: %v", err)
	}
}

func TestDedupe(t *testing.T) {
	tests := []struct {
		name    string
		a, b    NewItem
		wantNew int // new items from the second save
	}{
		{"same guid", NewItem{GUID: "x", Link: "https://l/1", Title: "one"}, NewItem{GUID: "x", Link: "https://l/2", Title: "two"}, 0},
		{"different guid same link", NewItem{GUID: "x", Link: "https://l/1"}, NewItem{GUID: "y", Link: "https://l/1"}, 1},
		{"no guid same link", NewItem{Link: "https://l/1", Title: "one"}, NewItem{Link: "https://l/1", Title: "two"}, 0},
		{"no guid other link", NewItem{Link: "https://l/1"}, NewItem{Link: "https://l/2"}, 1},
		{"neither, same title+content", NewItem{Title: "t", Content: "c"}, NewItem{Title: "t", Content: "c", Author: "new"}, 0},
		{"neither, other content", NewItem{Title: "t", Content: "c"}, NewItem{Title: "t", Content: "d"}, 1},
		{"neither, summary only", NewItem{Title: "t", Summary: "s"}, NewItem{Title: "t", Summary: "s"}, 0},
		{"guid with spaces", NewItem{GUID: " x "}, NewItem{GUID: "x"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			f := addFeed(t, s, "https://a.example/")
			if n := save(t, s, f.ID, t0, tt.a); n != 1 {
				t.Fatalf("first save new = %d", n)
			}
			if n := save(t, s, f.ID, t0.Add(time.Hour), tt.b); n != tt.wantNew {
				t.Fatalf("second save new = %d, want %d", n, tt.wantNew)
			}
			if got := len(itemsOf(t, s, f.ID)); got != 1+tt.wantNew {
				t.Fatalf("items = %d", got)
			}
		})
	}
	// The same key in two feeds is two items.
	s := openTest(t)
	f1, f2 := addFeed(t, s, "https://1/"), addFeed(t, s, "https://2/")
	save(t, s, f1.ID, t0, NewItem{GUID: "x"})
	if n := save(t, s, f2.ID, t0, NewItem{GUID: "x"}); n != 1 {
		t.Errorf("same guid other feed: new = %d", n)
	}
	// Duplicates inside one fetch count once.
	f3 := addFeed(t, s, "https://3/")
	if n := save(t, s, f3.ID, t0, NewItem{GUID: "d", Title: "a"}, NewItem{GUID: "d", Title: "b"}); n != 1 {
		t.Errorf("dup in one fetch: new = %d", n)
	}
	if its := itemsOf(t, s, f3.ID); len(its) != 1 || its[0].Title != "b" {
		t.Errorf("dup in one fetch: %+v", its)
	}
}

func TestUpdateKeepsReadAndFirstSeen(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "g", Title: "old", Content: "<p>old</p>", Markdown: "old md"})
	id := itemsOf(t, s, f.ID)[0].ID
	if err := s.SetRead(ctx, true, id); err != nil {
		t.Fatal(err)
	}
	later := t0.Add(48 * time.Hour)
	if n := save(t, s, f.ID, later, NewItem{GUID: "g", Title: "new", Content: "<p>new</p>"}); n != 0 {
		t.Fatalf("update counted as new: %d", n)
	}
	it, err := s.Item(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if it.ID != id || it.Title != "new" || it.Content != "<p>new</p>" || !it.Read || !it.FirstSeen.Equal(t0) {
		t.Fatalf("after update: %+v", it)
	}
	if it.Markdown != "" {
		t.Errorf("stale markdown cache kept: %q", it.Markdown)
	}
	// Unchanged item: not new, and nothing is rewritten: the Markdown made
	// at first open stays cached.
	if err := s.SetMarkdown(ctx, id, "cleaned once"); err != nil {
		t.Fatal(err)
	}
	if n := save(t, s, f.ID, later.Add(time.Hour), NewItem{GUID: "g", Title: "new", Content: "<p>new</p>"}); n != 0 {
		t.Fatal("unchanged counted as new")
	}
	if it, err := s.Item(ctx, id); err != nil || it.Markdown != "cleaned once" {
		t.Errorf("unchanged item rewritten: markdown %q, %v", it.Markdown, err)
	}
	if err := s.SetRead(ctx, false, id, 999); err != nil {
		t.Fatal(err)
	}
	if it, _ := s.Item(ctx, id); it.Read {
		t.Error("SetRead(false) ignored")
	}
	if err := s.SetRead(ctx, true); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s)
}

func TestDates(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	seen := t0
	save(t, s, f.ID, seen,
		NewItem{GUID: "nodate", Title: "no date"},
		NewItem{GUID: "epoch", Title: "epoch", Published: time.Unix(0, 0)},
		NewItem{GUID: "old", Title: "old", Published: t0.Add(-72 * time.Hour)},
		NewItem{GUID: "future", Title: "future", Published: t0.Add(100 * 365 * 24 * time.Hour)},
		NewItem{GUID: "ancient", Title: "ancient", Published: time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)},
		NewItem{GUID: "mid", Title: "mid", Published: t0.Add(-time.Hour)},
	)
	its := itemsOf(t, s, f.ID)
	byGUID := map[string]Item{}
	var order []string
	for _, it := range its {
		byGUID[it.GUID] = it
		order = append(order, it.GUID)
	}
	for _, g := range []string{"nodate", "epoch"} {
		if !byGUID[g].Published.IsZero() {
			t.Errorf("%s: Published = %v, want zero", g, byGUID[g].Published)
		}
		if !byGUID[g].FirstSeen.Equal(seen) {
			t.Errorf("%s: FirstSeen = %v", g, byGUID[g].FirstSeen)
		}
	}
	if byGUID["future"].Published.Year() != 2126 {
		t.Errorf("future date not kept: %v", byGUID["future"].Published)
	}
	if byGUID["ancient"].Published.IsZero() {
		t.Errorf("ancient date lost")
	}
	// Newest first; a future date does not sort above first seen;
	// undated items sort where the feed put them: "nodate" first, at first
	// seen, "epoch" just after it.
	want := "future,nodate,epoch,mid,old,ancient"
	if got := strings.Join(order, ","); got != want {
		// future and nodate tie at first seen: newest id first.
		t.Errorf("order %s, want %s", got, want)
	}
	_ = ctx
}

func TestItemsQueries(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f1, f2 := addFeed(t, s, "https://1/"), addFeed(t, s, "https://2/")
	for i := 0; i < 10; i++ {
		save(t, s, f1.ID, t0, NewItem{GUID: fmt.Sprint("a", i), Published: t0.Add(-time.Duration(i) * time.Hour)})
		save(t, s, f2.ID, t0, NewItem{GUID: fmt.Sprint("b", i), Published: t0.Add(-time.Duration(i)*time.Hour - time.Minute)})
	}
	all, err := s.Items(ctx, ItemQuery{})
	if err != nil || len(all) != 20 {
		t.Fatalf("all: %d %v", len(all), err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Published.After(all[i-1].Published) {
			t.Fatalf("not newest first at %d", i)
		}
	}
	if err := s.SetRead(ctx, true, all[0].ID, all[1].ID, all[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: all[3].ID, Markdown: "saved"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q     ItemQuery
		n     int
		first string
	}{
		{ItemQuery{}, 20, "a0"},
		{ItemQuery{Limit: 5}, 5, "a0"},
		{ItemQuery{Limit: 5, Offset: 18}, 2, "a9"},
		{ItemQuery{FeedID: f2.ID}, 10, "b0"},
		{ItemQuery{Unread: true}, 17, "b1"},
		{ItemQuery{Unread: true, FeedID: f1.ID}, 8, "a2"},
		{ItemQuery{Bookmarked: true}, 1, "b1"},
		{ItemQuery{Bookmarked: true, Unread: true}, 1, "b1"},
		{ItemQuery{Bookmarked: true, FeedID: f1.ID}, 0, ""},
	}
	for _, tt := range tests {
		its, err := s.Items(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(its) != tt.n {
			t.Errorf("%+v: %d items, want %d", tt.q, len(its), tt.n)
			continue
		}
		if tt.n > 0 && its[0].GUID != tt.first {
			t.Errorf("%+v: first %s, want %s", tt.q, its[0].GUID, tt.first)
		}
		tt.q.Limit, tt.q.Offset = 0, 0
		c, err := s.CountItems(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if want := tt.n; tt.n == 5 || tt.n == 2 {
			want = 20
			if c != want {
				t.Errorf("count %+v = %d, want %d", tt.q, c, want)
			}
		} else if c != want {
			t.Errorf("count %+v = %d, want %d", tt.q, c, want)
		}
	}
	all, _ = s.Items(ctx, ItemQuery{})
	for _, it := range all {
		if it.Bookmarked != (it.ID == all[3].ID) {
			t.Errorf("item %s bookmarked=%v", it.GUID, it.Bookmarked)
		}
	}
	fs, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fs[0].Total != 10 || fs[0].Unread != 8 || fs[1].Total != 10 || fs[1].Unread != 9 {
		t.Errorf("counts: %+v", fs)
	}
	if f, _ := s.Feed(ctx, f1.ID); f.Unread != 8 || f.Total != 10 {
		t.Errorf("Feed counts %d/%d", f.Unread, f.Total)
	}
	checkCounts(t, s)
	if err := s.MarkFeedRead(ctx, f2.ID); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s)
	if n, _ := s.CountItems(ctx, ItemQuery{Unread: true}); n != 8 {
		t.Errorf("unread after MarkFeedRead(f2) = %d", n)
	}
	if err := s.MarkFeedRead(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountItems(ctx, ItemQuery{Unread: true}); n != 0 {
		t.Errorf("unread after MarkFeedRead(0) = %d", n)
	}
	checkCounts(t, s)
}

func TestBookmarksOutliveFeed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/feed")
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Title: "A Feed", At: t0, Items: []NewItem{
		{GUID: "1", Title: "Kept article", Link: "https://a.example/1", Author: "Bo", Published: t0, Summary: "short"},
		{GUID: "2", Title: "Other", Link: "https://a.example/2"},
	}}); err != nil {
		t.Fatal(err)
	}
	its := itemsOf(t, s, f.ID)
	var id int64
	for _, it := range its {
		if it.GUID == "1" {
			id = it.ID
		}
	}
	full := "# Kept article\n\nThe whole text with a zanzibarian word.\n\x1b]52;c;eA==\x07 \u202e\x00 kept verbatim\n"
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: id, State: BookmarkSaving, Markdown: "short"}); err != nil {
		t.Fatal(err)
	}
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Kept article" || b.URL != "https://a.example/1" || b.FeedTitle != "A Feed" ||
		b.FeedURL != f.URL || b.Author != "Bo" || !b.Published.Equal(t0) || b.Saved.IsZero() || b.State != BookmarkSaving {
		t.Fatalf("filled bookmark: %+v", b)
	}
	saved := b.Saved
	b.State, b.Markdown, b.Saved = BookmarkSaved, full, time.Time{}
	if err := s.SaveBookmark(ctx, b); err != nil {
		t.Fatal(err)
	}
	if b2, _ := s.Bookmark(ctx, id); !b2.Saved.Equal(saved) || b2.Markdown != full || b2.State != BookmarkSaved {
		t.Fatalf("updated bookmark: %+v", b2)
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountItems(ctx, ItemQuery{}); n != 0 {
		t.Fatalf("items left after RemoveFeed: %d", n)
	}
	bs, err := s.Bookmarks(ctx)
	if err != nil || len(bs) != 1 || bs[0].Markdown != full {
		t.Fatalf("bookmarks after RemoveFeed: %+v %v", bs, err)
	}
	it, err := s.Item(ctx, id)
	if err != nil {
		t.Fatalf("Item after RemoveFeed: %v", err)
	}
	if it.ID != id || !it.Bookmarked || it.Markdown != full || it.Title != "Kept article" || it.FeedTitle != "A Feed" {
		t.Fatalf("Item from bookmark: %+v", it)
	}
	list, err := s.Items(ctx, ItemQuery{Bookmarked: true})
	if err != nil || len(list) != 1 || list[0].ID != id || list[0].Title != "Kept article" || !list[0].Read {
		t.Fatalf("bookmarked list: %+v %v", list, err)
	}
	res, err := s.Search(ctx, "zanzibarian", 10)
	if err != nil || len(res) != 1 || res[0].ID != id || res[0].Markdown != full {
		t.Fatalf("search bookmark of removed feed: %+v %v", res, err)
	}
	// A new feed's items never reuse the bookmarked id.
	g := addFeed(t, s, "https://b.example/")
	save(t, s, g.ID, t0, NewItem{GUID: "n1"}, NewItem{GUID: "n2"}, NewItem{GUID: "n3"})
	for _, it := range itemsOf(t, s, g.ID) {
		if it.ID == id || it.Bookmarked {
			t.Fatalf("id reused: %+v", it)
		}
	}
	if err := s.RemoveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveBookmark(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second RemoveBookmark: %v", err)
	}
	if _, err := s.Item(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Item after bookmark removed: %v", err)
	}
	if res, _ := s.Search(ctx, "zanzibarian", 10); len(res) != 0 {
		t.Fatalf("removed bookmark still found: %+v", res)
	}
	if err := s.SaveBookmark(ctx, Bookmark{}); err == nil {
		t.Fatal("bookmark without item id accepted")
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	old, recent := t0.Add(-60*24*time.Hour), t0
	save(t, s, f.ID, old, NewItem{GUID: "old-read"}, NewItem{GUID: "old-unread"}, NewItem{GUID: "old-bookmarked", Title: "bm"})
	save(t, s, f.ID, recent, NewItem{GUID: "new-read"})
	ids := map[string]int64{}
	for _, it := range itemsOf(t, s, f.ID) {
		ids[it.GUID] = it.ID
	}
	if err := s.SetRead(ctx, true, ids["old-read"], ids["old-bookmarked"], ids["new-read"]); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: ids["old-bookmarked"], Markdown: "kept"}); err != nil {
		t.Fatal(err)
	}
	n, err := s.Prune(ctx, t0.Add(-30*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v", n, err)
	}
	var left []string
	for _, it := range itemsOf(t, s, f.ID) {
		left = append(left, it.GUID)
	}
	// The undated items keep their feed's order.
	if got := strings.Join(left, ","); got != "new-read,old-unread,old-bookmarked" {
		t.Errorf("left: %s", got)
	}
	if len(left) != 3 {
		t.Errorf("left: %v", left)
	}
	if b, err := s.Bookmark(ctx, ids["old-bookmarked"]); err != nil || b.Markdown != "kept" {
		t.Fatalf("bookmark after prune: %+v %v", b, err)
	}
	// The pruned item, still in the feed, does not come back.
	if n := save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "old-read"}, NewItem{GUID: "brand-new"}); n != 1 {
		t.Errorf("refresh after prune: new = %d, want 1", n)
	}
	if n, _ := s.Prune(ctx, time.Time{}); n != 0 {
		t.Errorf("Prune(zero) = %d", n)
	}
	checkCounts(t, s)
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0,
		NewItem{GUID: "1", Title: "Budget vote in parliament", Content: "<p>The <b>finance</b> minister&#39;s plan &amp; more</p><script>var hidden='scriptword'</script>"},
		NewItem{GUID: "2", Title: "Weather", Summary: "<p>Rain in Zürich tomorrow</p>"},
		NewItem{GUID: "3", Title: "Café opens", Content: "Plain text, no HTML"},
		NewItem{GUID: "4", Title: `He said "AND (" NEAR(x) *`, Content: "odd title"},
	)
	ids := map[string]int64{}
	for _, it := range itemsOf(t, s, f.ID) {
		ids[it.GUID] = it.ID
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: ids["2"], Markdown: "Full saved text mentions glaciers."}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string // GUIDs, any order
	}{
		{"budget", []string{"1"}},
		{"FINANCE minister", []string{"1"}},
		{"minister's", []string{"1"}},
		{"fin", []string{"1"}}, // last term is a prefix
		{"parl vote", nil},     // only the last term is a prefix
		{"zurich", []string{"2"}},
		{"cafe", []string{"3"}},
		{"glaciers", []string{"2"}}, // bookmark full text, item still there
		{"scriptword", nil},
		{"b", []string{"1"}},
		{"weather rain", []string{"2"}},
		{`"`, nil},
		{`*`, nil},
		{`AND (`, []string{"4"}},
		{`NEAR(`, []string{"4"}},
		{`( ) OR`, nil},
		{`NEAR(x`, []string{"4"}},
		{`"AND (" NEAR(x) *`, []string{"4"}},
		{`said OR`, []string{"4"}}, // a trailing OR is dropped
		{`title:budget`, nil},
		{`^budget`, []string{"1"}},
		{`budget -vote`, nil}, // item 1 has "vote"
		{`budget -weather`, []string{"1"}},
		{`-budget`, nil},
		{`zurich OR cafe`, []string{"3", "2"}},
		{`minister zurich OR cafe`, nil},
		{`weather zurich OR cafe`, []string{"2"}},
		{`cafe OR budget -plain`, []string{"1"}},
		{"", nil},
		{"   \t\n", nil},
		{"\x00\x1b[2J", nil},
		{"🙂", nil},
		{`'; DROP TABLE items; --`, nil},
		{strings.Repeat("(", 1000), nil},
		{strings.Repeat("a ", 500), nil},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.q, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.q, err)
			continue
		}
		var got []string
		for _, it := range res {
			got = append(got, it.GUID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if res, _ := s.Search(ctx, "glaciers", 10); len(res) == 1 && !res[0].Bookmarked {
		t.Errorf("bookmark hit not marked bookmarked: %+v", res[0])
	}
	// Updated items are re-indexed; removed feeds leave the index.
	save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "3", Title: "Café closes", Content: "Plain text, no HTML"})
	if res, _ := s.Search(ctx, "opens", 10); len(res) != 0 {
		t.Errorf("stale index: %+v", res)
	}
	if res, _ := s.Search(ctx, "closes", 10); len(res) != 1 {
		t.Errorf("update not indexed: %+v", res)
	}
	if err := s.SetMarkdown(ctx, ids["1"], "# Budget\n\nclean words quokka"); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "quokka", 10); len(res) != 1 {
		t.Errorf("markdown not indexed: %+v", res)
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "budget", 10); len(res) != 0 {
		t.Errorf("removed feed still indexed: %+v", res)
	}
	var n int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM items_fts`).Scan(&n); err != nil || n != 0 {
		t.Errorf("items_fts rows left: %d %v", n, err)
	}
	if err := s.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSearchLimit(t *testing.T) {
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	var items []NewItem
	for i := 0; i < 120; i++ {
		items = append(items, NewItem{GUID: fmt.Sprint(i), Title: "common word"})
	}
	save(t, s, f.ID, t0, items...)
	if res, err := s.Search(context.Background(), "common", 0); err != nil || len(res) != 50 {
		t.Errorf("default limit: %d %v", len(res), err)
	}
	if res, err := s.Search(context.Background(), "common", 7); err != nil || len(res) != 7 {
		t.Errorf("limit 7: %d %v", len(res), err)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello", `"hello"*`},
		{"a b", `"a" "b"*`},
		{`say "hi"`, `"say" "hi"*`},
		{`* ( ) " :`, ``},
		{"NEAR(a", `"NEAR" "a"*`},
		{"e-mail don't", `"e" "mail" "don" "t"*`},
		{"Zürich 2026", `"Zürich" "2026"*`},
		{"e\u0301x \xff\x00y", `"e" "x" "y"*`},
		{"\u0301x", `"x"*`},
		{strings.Repeat("w ", 100), strings.Repeat(`"w" `, maxQueryTerms-1) + `"w"*`},
		{"flood OR storm", `("flood" OR "storm"*)`},
		{"rain flood OR storm OR hail", `"rain" AND ("flood" OR "storm" OR "hail"*)`},
		{"flood or storm", `"flood" "or" "storm"*`},
		{"OR flood OR", `"flood"*`},
		{"storm -sport", `("storm") NOT "sport"`},
		{"-sport storm", `("storm"*) NOT "sport"`},
		{"e-mail OR -x-y", `("e" "mail") NOT ("x" "y")`},
		{"well-known OR famous", `(("well" "known") OR "famous"*)`},
		{"a OR b c", `("a" OR "b") AND "c"*`},
		{"rain -flood OR storm", `("rain" "storm"*) NOT "flood"`},
		{"rain OR -flood storm", `("rain" "storm"*) NOT "flood"`},
		{"rain OR OR storm", `("rain" OR "storm"*)`},
		{"-sport", ``},
		{"a - b", `"a" "b"*`},
		{"-(", ``},
		{"NOT x", `"NOT" "x"*`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in, false); got != tt.want {
			t.Errorf("ftsQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchTextCap(t *testing.T) {
	long := strings.Repeat("é", maxSearchText) // 2 bytes each
	got := searchText(NewItem{Content: long})
	if len(got) > maxSearchText || !utf8.ValidString(got) {
		t.Errorf("capped text: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"<p>a</p><p>b</p>", " a  b "},
		{"x &amp; y &#39;z&#39;", "x & y 'z'"},
		{"a<style>p{}</style>b", "a  b"},
		{"a<SCRIPT>x</script>b", "a  b"},
		{"a<unterminated", "a"},
		{"a<Script type=x>if (a<b) x</SCRIPT >b", "a  b"},
		{"a<scripts>kept</scripts>", "a kept "},
		{"a<script>never closed", "a "},
		{"&lt;b&gt; &amp;amp;", "<b> &amp;"},
	}
	for _, tt := range tests {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConcurrentStores(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	var stores []*Store
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for w, s := range stores {
		wg.Add(1)
		go func(w int, s *Store) {
			defer wg.Done()
			f, err := s.AddFeed(ctx, fmt.Sprintf("https://w%d/", w), "", nil)
			if err != nil {
				errs <- err
				return
			}
			for round := 0; round < 20; round++ {
				var items []NewItem
				for i := 0; i < 30; i++ {
					items = append(items, NewItem{GUID: fmt.Sprint(round, "-", i), Title: "t", Content: strings.Repeat("word ", 200)})
				}
				if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items}); err != nil {
					errs <- err
				}
				if _, err := s.Items(ctx, ItemQuery{Limit: 50}); err != nil {
					errs <- err
				}
				if err := s.SetRead(ctx, true, int64(round+1)); err != nil {
					errs <- err
				}
			}
		}(w, s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, ErrBusy) {
			t.Errorf("unexpected error: %v", err)
		} else if strings.Contains(err.Error(), "SQLITE") {
			t.Errorf("busy error is not plain: %v", err)
		}
	}
	checkCounts(t, stores[0])
	if err := stores[0].Integrity(ctx); err != nil {
		t.Fatal(err)
	}
	fs, err := stores[1].Feeds(ctx)
	if err != nil || len(fs) != 2 {
		t.Fatalf("feeds: %v %v", fs, err)
	}
}

func TestBusyMapped(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// Hold the write lock in a; b's write must give up with ErrBusy.
	tx, err := a.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO feeds(url) VALUES ('https://held/')`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.w.Exec("PRAGMA busy_timeout = 50"); err != nil {
		t.Fatal(err)
	}
	_, err = b.AddFeed(ctx, "https://other/", "", nil)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("want ErrBusy, got %v", err)
	}
	if !strings.Contains(err.Error(), "another herald is writing; try again") || strings.Contains(err.Error(), "SQLITE") {
		t.Errorf("busy message not plain: %q", err)
	}
	// Transactions (BEGIN IMMEDIATE) give up the same way.
	if _, err := b.SaveFetch(ctx, FetchOutcome{FeedID: 1, Items: []NewItem{{GUID: "x"}}}); !errors.Is(err, ErrBusy) {
		t.Fatalf("SaveFetch: want ErrBusy, got %v", err)
	}
	if err := b.SaveBookmark(ctx, Bookmark{ItemID: 1}); !errors.Is(err, ErrBusy) {
		t.Fatalf("SaveBookmark: want ErrBusy, got %v", err)
	}
	// Readers are not blocked by the writer.
	if _, err := b.Feeds(ctx); err != nil {
		t.Fatalf("read while another writes: %v", err)
	}
}

func TestConcurrentOpenOfNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "herald.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := Open(path)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			_, errs[i] = s.AddFeed(context.Background(), fmt.Sprintf("https://%d/", i), "", nil)
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// FuzzSearch checks that no query string makes Search fail.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{`"`, `*`, `AND (`, `NEAR(`, `a OR b`, `title:x`, `x^`, `"a" "b`, `-x`, `{a b}:c`,
		`a + b`, `a OR b -c`, `x OR -y OR z`, `-a OR b`, `a OR OR b`, `e-mail OR x-y -z-w`, "\x00", "\xff\xfe", `NOT`, `(((`, `""""`, `col:"x"*`, `NEAR("a" "b", 2)`, "a\u0591b", "x\u093cy\u0301z", "\u0301"} {
		f.Add(q)
	}
	s := openTest(f)
	fd := addFeed(f, s, "https://a.example/")
	save(f, s, fd.ID, t0, NewItem{GUID: "1", Title: "near and or not", Content: "title col x a b"})
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// TestSearchUnicode checks that ftsQuery's tokens agree with the index's
// tokenizer on text with marks, scripts and symbols: no query fails and the
// stored words are found.
func TestSearchUnicode(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	words := []string{"Straße", "e\u0301te\u0301", "naïve", "日本語", "हैलो", "Ⅲ", "v1.2", "\U000F0000pua", "🤦🏼‍♂️x", "ﬁnance"}
	for i, w := range words {
		save(t, s, f.ID, t0, NewItem{GUID: fmt.Sprint(i), Title: w, Content: "body " + w})
	}
	for _, w := range words {
		res, err := s.Search(ctx, w, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", w, err)
			continue
		}
		if len(res) == 0 && w != "ﬁnance" && !strings.ContainsRune(w, '🤦') {
			t.Errorf("Search(%q): no match", w)
		}
	}
	for _, w := range []string{"naive", "ete", "e\u0301te\u0301", "e\u0301te\u0301 body"} {
		res, err := s.Search(ctx, w, 10)
		if err != nil || len(res) != 1 {
			t.Errorf("Search(%q) = %d results, %v", w, len(res), err)
		}
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not sqlite\n", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("opened a file that is not a database")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error does not name the file: %v", err)
	}
	if _, err := Open(""); err == nil {
		t.Error("empty path accepted")
	}
}

func TestQueryPlans(t *testing.T) {
	s := openTest(t)
	tests := []struct {
		q    ItemQuery
		want string // an index the page query must use
	}{
		{ItemQuery{Limit: 10}, "items_by_time"},
		{ItemQuery{Limit: 10, Unread: true}, "items_unread_by_time"},
		{ItemQuery{Limit: 10, FeedID: 1}, "items_by_feed"},
		{ItemQuery{Limit: 10, FeedID: 1, Unread: true}, "items_by_feed"},
	}
	for _, tt := range tests {
		where, args := itemWhere(tt.q)
		lim, largs := limitClause(tt.q)
		rows, err := s.r.Query(`EXPLAIN QUERY PLAN SELECT i.id FROM items i`+where+
			` ORDER BY i.sort_at DESC, i.id DESC`+lim, append(args, largs...)...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if !strings.Contains(p, tt.want) || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%+v: plan %q, want %s without a sort", tt.q, p, tt.want)
		}
	}
}

func TestOpenAndReadWhileAnotherWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.AddFeed(ctx, "https://one.example/feed", "One", nil); err != nil {
		t.Fatal(err)
	}
	tx, err := a.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// The writer holds the lock for the whole test: had Open or the read
	// needed it, they would have failed with ErrBusy after the busy timeout.
	b, err := Open(path)
	if err != nil {
		t.Fatalf("open while another writes: %v", err)
	}
	defer b.Close()
	feeds, err := b.Feeds(ctx)
	if err != nil || len(feeds) != 1 {
		t.Fatalf("Feeds = %d, %v; want the one feed", len(feeds), err)
	}
}

func TestSetSiteURL(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f := addFeed(t, s, "https://site.test/feed")
	if err := s.SetSiteURL(ctx, f.ID, "https://site.test/"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Feed(ctx, f.ID)
	if err != nil || got.SiteURL != "https://site.test/" {
		t.Errorf("SiteURL = %q, %v", got.SiteURL, err)
	}
	if err := s.SetSiteURL(ctx, f.ID+100, "https://x.test/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: err = %v, want ErrNotFound", err)
	}
}

func TestNewDatabasePageSize(t *testing.T) {
	s := openTest(t)
	var size int
	var mode string
	if err := s.r.QueryRow("PRAGMA page_size").Scan(&size); err != nil || size != 8192 {
		t.Errorf("page_size = %d, %v; want 8192", size, err)
	}
	if err := s.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestClosedMapped(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.AddFeed(context.Background(), "https://late.example/", "", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: err = %v, want ErrClosed", err)
	}
	if _, err := s.BeginBatch(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("BeginBatch after Close: err = %v, want ErrClosed", err)
	}
}

func TestFeedErrorsCountFailuresInARow(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/feed.xml")
	errorsAfter := func(o FetchOutcome) int {
		t.Helper()
		o.FeedID, o.At = f.ID, t0
		if _, err := s.SaveFetch(ctx, o); err != nil {
			t.Fatal(err)
		}
		got, err := s.Feed(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Errors
	}
	fail := FetchOutcome{Err: "HTTP 500"}
	steps := []struct {
		name string
		o    FetchOutcome
		want int
	}{
		{"first failure", fail, 1},
		{"second failure", fail, 2},
		{"third failure", fail, 3},
		{"success resets", FetchOutcome{Title: "A"}, 0},
		{"failure again", fail, 1},
		{"304 resets", FetchOutcome{NotModified: true}, 0},
		{"gone counts", FetchOutcome{Err: "gone", Gone: true}, 1},
	}
	for _, st := range steps {
		if got := errorsAfter(st.o); got != st.want {
			t.Errorf("%s: Errors = %d, want %d", st.name, got, st.want)
		}
	}
	// A batch keeps the count the same way.
	if _, err := saveBatch(t, s, FetchOutcome{FeedID: f.ID, Err: "x", At: t0}, FetchOutcome{FeedID: f.ID, Err: "y", At: t0}); err != nil {
		t.Fatal(err)
	}
	if fs, err := s.Feeds(ctx); err != nil || len(fs) != 1 || fs[0].Errors != 3 {
		t.Errorf("after a batch of two failures: %+v, %v", fs, err)
	}
}
