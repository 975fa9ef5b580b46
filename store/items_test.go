package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

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
		p := queryPlan(t, s, `SELECT i.id FROM items i`+where+
			` ORDER BY i.sort_at DESC, i.id DESC`+lim, append(args, largs...)...)
		if !strings.Contains(p, tt.want) || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%+v: plan %q, want %s without a sort", tt.q, p, tt.want)
		}
	}
}
