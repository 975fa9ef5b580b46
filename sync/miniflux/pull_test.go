package miniflux

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

var t0 = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// wantQuery checks the parameters of a GET /v1/entries.
func wantQuery(t *testing.T, f *fake, i int, want string) {
	t.Helper()
	if i >= len(f.queries) {
		t.Fatalf("query %d never came (%d queries)", i, len(f.queries))
	}
	if got := f.queries[i].Encode(); got != want {
		t.Errorf("query %d = %s\n                want %s", i, got, want)
	}
}

func TestFirstPullIsUnreadStarredAndNewest(t *testing.T) {
	f := &fake{entries: mkEntries(1, 300, t0)}
	for _, e := range f.entries {
		e.Status = "read"
	}
	f.entries[9].Status, f.entries[19].Status = "unread", "unread" // ids 10, 20
	f.entries[29].Starred = true                                   // id 30, read
	f.entries[30].Starred, f.entries[30].Status = true, "unread"   // id 31
	f.date = t0.Add(301 * time.Second)
	p, _ := f.start(t)

	b, err := p.Pull(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantQuery(t, f, 0, "direction=desc&limit=250&offset=0&order=id&starred=true")
	wantQuery(t, f, 1, "direction=desc&limit=200&offset=0&order=published_at")
	wantQuery(t, f, 2, "direction=desc&limit=250&offset=0&order=id&status=unread")
	got := ids(b.Entries)
	slices.SortFunc(got, func(a, b string) int { return atoi(a) - atoi(b) })
	want := []string{"10", "20", "30", "31"}
	for id := 101; id <= 300; id++ { // the newest 200
		want = append(want, strconv.Itoa(id))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("first pull brought %v,\nwant %v", got, want)
	}
	if b.Complete || b.Cursor != strconv.FormatInt(t0.Unix()+299, 10) {
		t.Errorf("complete %v, cursor %q; want false, the server's clock less %d s", b.Complete, b.Cursor, clockSlack)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func TestFirstPullPagesUnreadByID(t *testing.T) {
	f := &fake{entries: mkEntries(1, 260, t0)}
	p, _ := f.start(t)
	b, err := p.Pull(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.queries) != 4 {
		t.Fatalf("%d queries, want starred, newest, two unread pages", len(f.queries))
	}
	wantQuery(t, f, 3, "before_entry_id=11&direction=desc&limit=250&offset=0&order=id&status=unread")
	if len(b.Entries) != 260 {
		t.Errorf("%d entries, want 260", len(b.Entries))
	}
}

func TestPullAsksFromTheSecondBeforeTheCursor(t *testing.T) {
	f := &fake{entries: mkEntries(1, 4, time.Unix(999, 0))}
	f.entries[1].ChangedAt = time.Unix(999, 500e6)
	f.entries[2].ChangedAt = time.Unix(1000, 0)
	f.entries[3].ChangedAt = time.Unix(1500, 200e6)
	f.date = time.Unix(1502, 0)
	p, _ := f.start(t)
	b, err := p.Pull(context.Background(), "1000", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantQuery(t, f, 0, "changed_after=999&direction=asc&limit=250&offset=0&order=id")
	// changed_after is strict: 999.0 is not after 999, 999.5 is.
	if got := ids(b.Entries); !slices.Equal(got, []string{"2", "3", "4"}) || b.Cursor != "1500" {
		t.Fatalf("pull = %v, cursor %q; want [2 3 4], 1500", got, b.Cursor)
	}
}

func TestPullPagesByIDAndDropsDuplicates(t *testing.T) {
	f := &fake{entries: mkEntries(1, 600, t0), overlap: 1}
	p, _ := f.start(t)
	b, err := p.Pull(context.Background(), strconv.FormatInt(t0.Unix()-10, 10), nil)
	if err != nil {
		t.Fatal(err)
	}
	var after []string
	for _, q := range f.queries {
		after = append(after, q.Get("after_entry_id"))
	}
	if !slices.Equal(after, []string{"", "250", "499"}) {
		t.Errorf("pages started after %q, want after nothing, 250, 499", after)
	}
	got := ids(b.Entries)
	if len(got) != 600 || got[0] != "1" || got[599] != "600" || len(slices.Compact(slices.Clone(got))) != 600 {
		t.Fatalf("pull brought %d entries (%v … %v), want 1…600 once each", len(got), got[:3], got[len(got)-3:])
	}
}

func TestPullStopsWhenPagingDoesNotMoveOn(t *testing.T) {
	var n atomic.Int32
	page := mkEntries(1, pageSize, t0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1) // ignores after_entry_id: the same full page every time
		writeJSON(w, 200, client.EntryResultSet{Total: 1 << 30, Entries: page})
	}))
	defer srv.Close()
	p, _ := New(hsync.Options{URL: srv.URL, APIKey: testKey})
	b, err := p.Pull(context.Background(), "1000", nil)
	if err != nil || len(b.Entries) != pageSize || n.Load() != 2 {
		t.Fatalf("pull = %d entries, %v after %d requests; want %d after 2", len(b.Entries), err, n.Load(), pageSize)
	}
}

func TestPullCapsAndGoesOnNextTime(t *testing.T) {
	var n atomic.Int64
	var lastQuery atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Unix(2000+pageSize-1+clockSlack, 0).UTC().Format(http.TimeFormat))
		lastQuery.Store(r.URL.RawQuery)
		if r.URL.Query().Get("after_entry_id") == strconv.Itoa(maxPerPull) && n.Load() >= maxPerPull/pageSize {
			// The sequel: one more entry, changed long after.
			n.Add(1)
			writeJSON(w, 200, client.EntryResultSet{Entries: mkEntries(maxPerPull+1, 1, time.Unix(9000, 0))})
			return
		}
		// A server that always has another full page of new entries.
		first := n.Add(1)*pageSize - pageSize + 1
		writeJSON(w, 200, client.EntryResultSet{Entries: mkEntries(first, pageSize, time.Unix(2000, 0))})
	}))
	defer srv.Close()
	p, _ := New(hsync.Options{URL: srv.URL, APIKey: testKey})

	b, err := p.Pull(context.Background(), "1000", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != maxPerPull || n.Load() != maxPerPull/pageSize {
		t.Fatalf("capped pull: %d entries in %d requests, want %d in %d", len(b.Entries), n.Load(), maxPerPull, maxPerPull/pageSize)
	}
	bound := 2000 + pageSize - 1 // the server's clock less the slack
	if want := fmt.Sprintf("1000/%d/%d", maxPerPull, bound); b.Cursor != want {
		t.Fatalf("capped cursor = %q, want %q", b.Cursor, want)
	}

	b, err = p.Pull(context.Background(), b.Cursor, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q := lastQuery.Load().(string); !strings.Contains(q, "after_entry_id=20000") || !strings.Contains(q, "changed_after=999&") {
		t.Errorf("sequel asked %s", q)
	}
	// The sequel's entry changed at 9000, but the capped pull's bound holds.
	if len(b.Entries) != 1 || b.Cursor != strconv.Itoa(bound) {
		t.Fatalf("sequel = %d entries, cursor %q; want 1, %d", len(b.Entries), b.Cursor, bound)
	}
}

func TestPullCursorLimits(t *testing.T) {
	ctx := context.Background()
	now := time.Now().Unix()

	// Entries changed "in the future": the cursor stays behind the server's clock.
	f := &fake{entries: mkEntries(1, 2, time.Now().Add(time.Hour))}
	p, _ := f.start(t)
	b, err := p.Pull(ctx, "1000", nil)
	if c := atoi(b.Cursor); err != nil || int64(c) > now-clockSlack+1 || int64(c) < now-clockSlack-5 {
		t.Errorf("cursor = %q, %v; want about the server's clock less %d s (%d)", b.Cursor, err, clockSlack, now)
	}

	// Never earlier than the cursor given.
	given := strconv.FormatInt(now+100, 10)
	f.entries = mkEntries(1, 2, time.Now().Add(time.Hour))
	if b, err = p.Pull(ctx, given, nil); err != nil || b.Cursor != given {
		t.Errorf("cursor = %q, %v; want %s kept", b.Cursor, err, given)
	}

	// Nothing changed: the cursor moves up to the server's clock, so the
	// last second's changes are not asked for again and again.
	f.entries = nil
	if b, err = p.Pull(ctx, "1000", nil); err != nil || int64(atoi(b.Cursor)) < now-clockSlack-5 || len(b.Entries) != 0 {
		t.Errorf("empty pull = %v, %q, %v", b.Entries, b.Cursor, err)
	}

	// A cursor herald cannot read starts over.
	f.queries = nil
	if _, err = p.Pull(ctx, "garbage", nil); err != nil || f.queries[0].Get("starred") != "true" {
		t.Errorf("pull from a bad cursor: %v, first query %v", err, f.queries)
	}
}

func TestPullEntryFields(t *testing.T) {
	pub := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	f := &fake{entries: []*client.Entry{
		{ID: 41, FeedID: 7, Status: "removed", Starred: true, URL: "https://s.example/41", Title: "T",
			Author: "A", Content: "<p>C</p>", Date: pub, ChangedAt: t0,
			Enclosures: client.Enclosures{
				{URL: "https://s.example/i.jpg", MimeType: "image/jpeg"},
				{URL: "ftp://s.example/a.mp3", MimeType: "audio/mpeg"},
				{URL: "https://s.example/v.mp4", MimeType: "video/mp4", Size: 1234},
			}},
		{ID: 42, FeedID: 7, Status: "unread", ChangedAt: t0},
	}}
	p, _ := f.start(t)
	b, err := p.Pull(context.Background(), "1000", nil)
	if err != nil || len(b.Entries) != 2 {
		t.Fatalf("pull = %v, %v", b.Entries, err)
	}
	want := hsync.Entry{ID: "41", FeedID: "7", URL: "https://s.example/41", Title: "T", Author: "A",
		Content: "<p>C</p>", Published: pub, Read: true, Starred: true, Changed: t0,
		Media: &hsync.Media{URL: "https://s.example/v.mp4", Type: "video/mp4", Size: 1234}}
	got := b.Entries[0]
	got.Published, got.Changed = got.Published.UTC(), got.Changed.UTC()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entry = %+v\nwant   %+v", got, want)
	}
	if e := b.Entries[1]; e.Read || e.Starred || e.Media != nil {
		t.Errorf("unread entry = %+v", e)
	}
}
