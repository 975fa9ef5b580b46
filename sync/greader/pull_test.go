package greader

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
)

func byID(b hsync.Batch) map[string]hsync.Entry {
	m := map[string]hsync.Entry{}
	for _, e := range b.Entries {
		m[e.ID] = e
	}
	return m
}

func TestPullFirst(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 300, true, false)     // read: only the newest 200 (ids 101…300) come
	f.addItems(1001, 600, false, false) // unread, newer than all read ones
	f.addItems(5001, 2, true, true)     // read and starred
	b, err := f.provider().Pull(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := byID(b)
	// 600 unread + 2 starred + the newest 200 of the reading list (which
	// are the 2 starred, and 198 of the unread ones).
	if len(got) != 602 || len(b.Entries) != 602 {
		t.Fatalf("%d entries (%d distinct), want 602", len(b.Entries), len(got))
	}
	e := got["1001"]
	if e.StateOnly || e.Read || e.Starred || e.FeedID != "feed/1" || e.Title != "item 1001" ||
		e.URL != "https://example.com/1001" || e.Content != "<p>body</p>" || e.Author != "Ann" ||
		!e.Published.Equal(time.Unix(1_700_001_001, 0)) {
		t.Errorf("entry 1001 = %+v", e)
	}
	if e.Media == nil || e.Media.URL != "https://example.com/a.mp3" || e.Media.Type != "audio/mpeg" {
		t.Errorf("media = %+v", e.Media)
	}
	if s := got["5002"]; !s.Read || !s.Starred || s.StateOnly {
		t.Errorf("entry 5002 = %+v", s)
	}
	if !b.Complete {
		t.Error("Complete = false")
	}
	if b.Cursor != "1700005002" {
		t.Errorf("cursor %q, want the newest published time 1700005002", b.Cursor)
	}
	var sizes []int
	for _, c := range f.contents {
		sizes = append(sizes, len(c))
	}
	if len(sizes) != 3 || sizes[0] != 250 || sizes[1] != 250 || sizes[2] != 102 {
		t.Errorf("contents batches of %v, want [250 250 102]", sizes)
	}
	if q := f.idQueries[len(f.idQueries)-1]; q.Get("n") != "200" || q.Get("ot") != "" || q.Get("s") != streamReadingList {
		t.Errorf("first pull's new-items query %v", q)
	}
}

func TestPullPagingAndStateOnly(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 2500, false, false)
	f.addItems(3001, 3, true, true)
	known := func(id string) bool { n, _ := strconv.Atoi(id); return n <= 2000 || n == 3001 }
	b, err := f.provider().Pull(context.Background(), "1700003003", known)
	if err != nil {
		t.Fatal(err)
	}
	unreadPages := 0
	for _, q := range f.idQueries {
		if q.Get("xt") == streamRead {
			unreadPages++
			if q.Get("n") != "1000" {
				t.Errorf("page size %s, want 1000", q.Get("n"))
			}
		}
	}
	if unreadPages != 3 {
		t.Errorf("%d pages of unread ids, want 3", unreadPages)
	}
	got := byID(b)
	if len(got) != 2503 || !b.Complete {
		t.Fatalf("%d entries, Complete %v; want 2503, true", len(got), b.Complete)
	}
	if e := got["7"]; !e.StateOnly || e.Read || e.Starred || e.Title != "" {
		t.Errorf("known unread entry = %+v", e)
	}
	if e := got["3001"]; !e.StateOnly || !e.Read || !e.Starred {
		t.Errorf("known starred entry = %+v", e)
	}
	if e := got["2001"]; e.StateOnly || e.Title != "item 2001" {
		t.Errorf("new entry = %+v", e)
	}
	fetched := 0
	for _, c := range f.contents {
		for _, id := range c {
			if known(id) {
				t.Fatalf("content fetched for known id %s", id)
			}
			fetched++
		}
	}
	if fetched != 502 {
		t.Errorf("%d contents fetched, want 502", fetched)
	}
}

func TestPullCapMakesIncomplete(t *testing.T) {
	const limit = 1500
	f := newFake(t)
	f.addItems(1, limit+1, false, false)
	f.addItems(limit+10, 1, true, false) // read, and the newest
	p := f.provider()
	if p.maxIDs != 100_000 {
		t.Errorf("cap %d, want 100000", p.maxIDs)
	}
	p.maxIDs = limit
	b, err := p.Pull(context.Background(), "1", func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if b.Complete {
		t.Error("Complete = true past the cap")
	}
	// The read item is listed among the new ones, but whether it is read
	// is not known when the unread list was cut short: it is left out.
	got := byID(b)
	if len(got) != limit || got[strconv.Itoa(limit+10)].ID != "" {
		t.Errorf("%d entries, want %d, without the read one", len(got), limit)
	}
	var sizes []string
	for _, q := range f.idQueries {
		if q.Get("xt") == streamRead {
			sizes = append(sizes, q.Get("n"))
		}
	}
	if strings.Join(sizes, ",") != "1000,500" {
		t.Errorf("unread pages of n=%v, want 1000,500 (no more than the cap)", sizes)
	}
	for _, e := range b.Entries {
		if e.Read || !e.StateOnly {
			t.Fatalf("entry %+v", e)
		}
	}
}

func TestPullCursor(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 5, true, false) // published 1700000001…1700000005
	p := f.provider()
	ctx := context.Background()
	known := func(string) bool { return true }

	b, err := p.Pull(ctx, "1700000100", known)
	if err != nil {
		t.Fatal(err)
	}
	if b.Cursor != "1700000100" {
		t.Errorf("cursor went from 1700000100 to %s", b.Cursor)
	}
	if q := f.idQueries[len(f.idQueries)-1]; q.Get("ot") != strconv.Itoa(1700000100-86400) {
		t.Errorf("ot = %s, want the cursor minus a day", q.Get("ot"))
	}

	b, err = p.Pull(ctx, "1700000003", nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Cursor != "1700000005" {
		t.Errorf("cursor %s, want 1700000005", b.Cursor)
	}

	// A future-dated item moves the cursor up to now, not past it.
	f.items = append(f.items, &fakeItem{id: 99, feed: "feed/1", title: "future", published: time.Now().Add(48 * time.Hour).Unix()})
	before := time.Now().Unix()
	b, err = p.Pull(ctx, "1700000005", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := strconv.ParseInt(b.Cursor, 10, 64); c < before || c > time.Now().Unix() {
		t.Errorf("cursor %s, want now (%d)", b.Cursor, before)
	}

	// A cursor that is not a number is a first pull.
	b, err = p.Pull(ctx, "garbage", known)
	if err != nil {
		t.Fatal(err)
	}
	if q := f.idQueries[len(f.idQueries)-1]; q.Get("ot") != "" || q.Get("n") != "200" {
		t.Errorf("query after a bad cursor %v", q)
	}
	if b.Cursor != "" {
		t.Errorf("cursor %q from known items only, want empty", b.Cursor)
	}
}

func TestPullGoneItemSkipped(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 2, false, false)
	p := f.provider()
	// The server lists an id, then has no content for it.
	f.items = append(f.items, &fakeItem{id: 50, published: 1_700_000_050})
	f.beforeContents = func() { f.items = slices.DeleteFunc(f.items, func(it *fakeItem) bool { return it.id == 50 }) }
	b, err := p.Pull(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := byID(b); len(got) != 2 || got["50"].ID != "" {
		t.Errorf("entries %v", b.Entries)
	}
}

func TestPullFetchesAtMostMaxContentAndTheRestNextTime(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 12, false, false)
	p := f.provider()
	p.maxContent = 5
	held := map[string]bool{}
	known := func(id string) bool { return held[id] }
	for pull, want := range []int{5, 5, 2, 0} {
		b, err := p.Pull(context.Background(), "", known)
		if err != nil {
			t.Fatal(err)
		}
		fresh := 0
		for _, e := range b.Entries {
			if !e.StateOnly {
				fresh++
				held[e.ID] = true
			}
		}
		if fresh != want {
			t.Fatalf("pull %d brought %d items with content, want %d", pull+1, fresh, want)
		}
	}
	if len(held) != 12 {
		t.Fatalf("held %d of 12 items after the pulls", len(held))
	}
}
