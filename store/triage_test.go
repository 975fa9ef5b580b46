package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// storyFeeds stores two feeds whose items share stories: a.1 and b.1 the
// same canonical link, a.2 and b.2 the same title, b.3 a story of its own.
func storyFeeds(t *testing.T, s *Store) (a, b Feed) {
	t.Helper()
	ctx := context.Background()
	var err error
	if a, err = s.AddFeed(ctx, "https://a.example/feed", "A", nil); err != nil {
		t.Fatal(err)
	}
	if b, err = s.AddFeed(ctx, "https://b.example/feed", "B", []string{"news"}); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	save := func(f Feed, items ...NewItem) {
		t.Helper()
		if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items, At: base.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	save(a, NewItem{GUID: "a1", Title: "Story one", LinkHash: 11, Published: base},
		NewItem{GUID: "a2", Title: "Story two", TitleHash: 22, Published: base.Add(-time.Minute)})
	save(b, NewItem{GUID: "b1", Title: "Story one again", LinkHash: 11, Published: base.Add(-2 * time.Minute)},
		NewItem{GUID: "b2", Title: "Story two", TitleHash: 22, Published: base.Add(-3 * time.Minute)},
		NewItem{GUID: "b3", Title: "Own story", TitleHash: 33, Published: base.Add(-4 * time.Minute)},
		NewItem{GUID: "b4", Title: "Muted story", Muted: "crypto", Published: base.Add(-5 * time.Minute)})
	return a, b
}

func titles(t *testing.T, s *Store, q ItemQuery) []string {
	t.Helper()
	items, err := s.Items(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

func TestDuplicatesCollapseAndReadTogether(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a, b := storyFeeds(t, s)
	if got, want := titles(t, s, ItemQuery{Unread: true, Collapse: true}), []string{"Story one", "Story two", "Own story"}; !slices.Equal(got, want) {
		t.Fatalf("collapsed unread = %q, want %q", got, want)
	}
	n, err := s.CountItems(ctx, ItemQuery{Unread: true, Collapse: true})
	if err != nil || n != 3 {
		t.Fatalf("collapsed count = %d, %v; want 3", n, err)
	}
	// A tag view shows a copy whose first item is outside the tag.
	if got, want := titles(t, s, ItemQuery{FeedIDs: []int64{b.ID}, Unread: true, Collapse: true}), []string{"Story one again", "Story two", "Own story"}; !slices.Equal(got, want) {
		t.Fatalf("tag view = %q, want %q", got, want)
	}
	// The muted item arrived read, and is listed as muted.
	if got := titles(t, s, ItemQuery{Muted: true}); !slices.Equal(got, []string{"Muted story"}) {
		t.Fatalf("muted = %q", got)
	}
	fb, _ := s.Feed(ctx, b.ID)
	if fb.Unread != 3 || fb.Total != 4 {
		t.Fatalf("feed b counts = %d/%d, want 3/4", fb.Unread, fb.Total)
	}
	// Reading one copy reads the story everywhere; undo restores exactly.
	items, _ := s.Items(ctx, ItemQuery{FeedID: a.ID})
	changed, err := s.ChangeRead(ctx, true, items[0].ID)
	if err != nil || len(changed) != 2 {
		t.Fatalf("ChangeRead = %v, %v; want 2 ids", changed, err)
	}
	if got := titles(t, s, ItemQuery{FeedID: b.ID, Unread: true}); !slices.Equal(got, []string{"Story two", "Own story"}) {
		t.Fatalf("b unread after reading a copy = %q", got)
	}
	if err := s.SetReadExact(ctx, false, changed...); err != nil {
		t.Fatal(err)
	}
	fa, _ := s.Feed(ctx, a.ID)
	fb, _ = s.Feed(ctx, b.ID)
	if fa.Unread != 2 || fb.Unread != 3 {
		t.Fatalf("after undo unread = %d, %d; want 2, 3", fa.Unread, fb.Unread)
	}
	copies, err := s.Copies(ctx, items[0].ID)
	if err != nil || len(copies) != 1 || copies[0].FeedTitle != "B" {
		t.Fatalf("copies = %+v, %v", copies, err)
	}
	// Mark a tag read: its feed's items and their copies.
	changed, err = s.MarkRead(ctx, ItemQuery{FeedIDs: []int64{b.ID}})
	if err != nil || len(changed) != 5 {
		t.Fatalf("MarkRead = %v, %v; want 5 ids", changed, err)
	}
	if n, _ := s.CountItems(ctx, ItemQuery{Unread: true}); n != 0 {
		t.Fatalf("unread after marking the tag read = %d", n)
	}
	// A copy arriving after its story was read arrives read.
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: b.ID, Items: []NewItem{{GUID: "b5", Title: "late", LinkHash: 11}}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountItems(ctx, ItemQuery{Unread: true}); n != 0 {
		t.Fatalf("a late copy of a read story arrived unread")
	}
}

func TestCopyOfAMutedStoryArrivesUnread(t *testing.T) {
	// A mute rule marked the first item read; the reader has not read the
	// story, so a copy the rule did not match arrives unread.
	s := openTest(t)
	ctx := context.Background()
	a, b := storyFeeds(t, s)
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: a.ID, Items: []NewItem{{GUID: "a9", Title: "Muted first", LinkHash: 99, Muted: "feed:a crypto"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: b.ID, Items: []NewItem{{GUID: "b9", Title: "Its copy", LinkHash: 99}}}); err != nil {
		t.Fatal(err)
	}
	if got := titles(t, s, ItemQuery{FeedID: b.ID, Unread: true}); !slices.Contains(got, "Its copy") {
		t.Fatalf("the copy of a muted story arrived read: b unread = %q", got)
	}
}

func TestNextUnreadAndIndex(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, b := storyFeeds(t, s)
	items, _ := s.Items(ctx, ItemQuery{FeedID: b.ID})
	// b: Story one again, Story two, Own story, Muted story (read).
	q := ItemQuery{FeedID: b.ID}
	it, i, err := s.NextUnread(ctx, q, 0, false)
	if err != nil || it.ID != items[0].ID || i != 0 {
		t.Fatalf("first unread = %d at %d, %v", it.ID, i, err)
	}
	if err := s.SetRead(ctx, true, items[1].ID); err != nil {
		t.Fatal(err)
	}
	it, i, err = s.NextUnread(ctx, q, items[0].ID, false)
	if err != nil || it.ID != items[2].ID || i != 2 {
		t.Fatalf("next unread = %d at %d, %v; want %d at 2", it.ID, i, err, items[2].ID)
	}
	if _, _, err := s.NextUnread(ctx, q, items[2].ID, false); err == nil {
		t.Fatal("found an unread item past the last one")
	}
	it, i, err = s.NextUnread(ctx, q, 0, true)
	if err != nil || it.ID != items[2].ID || i != 2 {
		t.Fatalf("last unread = %d at %d, %v", it.ID, i, err)
	}
	it, _, err = s.NextUnread(ctx, q, items[2].ID, true)
	if err != nil || it.ID != items[0].ID {
		t.Fatalf("previous unread = %d, %v", it.ID, err)
	}
	if _, _, err := s.NextUnread(ctx, ItemQuery{Bookmarked: true}, 0, false); err == nil {
		t.Fatal("NextUnread searched every item for a list of bookmarks")
	}
	old := ItemQuery{FeedID: b.ID, OldestFirst: true}
	if n, err := s.ItemIndex(ctx, old, items[0].ID); err != nil || n != 3 {
		t.Fatalf("index oldest first = %d, %v; want 3", n, err)
	}
	if n, err := s.ItemIndex(ctx, ItemQuery{Unread: true, Collapse: true}, items[2].ID); err != nil || n != 1 { // Story two was read with its copy
		t.Fatalf("index in collapsed unread = %d, %v; want 1", n, err)
	}
}

func TestSettingsTagsPosition(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, b := storyFeeds(t, s)
	if _, ok, _ := s.Setting(ctx, "hide_read"); ok {
		t.Fatal("unset setting found")
	}
	for _, v := range []string{"1", "0"} {
		if err := s.SetSetting(ctx, "hide_read", v); err != nil {
			t.Fatal(err)
		}
	}
	if v, ok, err := s.Setting(ctx, "hide_read"); v != "0" || !ok || err != nil {
		t.Fatalf("setting = %q %v %v", v, ok, err)
	}
	if err := s.SetTags(ctx, b.ID, []string{" tech ", "Tech", "", "world"}); err != nil {
		t.Fatal(err)
	}
	f, _ := s.Feed(ctx, b.ID)
	if !slices.Equal(f.Tags, []string{"tech", "world"}) {
		t.Fatalf("tags = %q", f.Tags)
	}
	if err := s.SetTags(ctx, 999, nil); err == nil {
		t.Fatal("tags set on a missing feed")
	}
	items, _ := s.Items(ctx, ItemQuery{FeedID: b.ID})
	if err := s.SetPosition(ctx, items[0].ID, 0.42); err != nil {
		t.Fatal(err)
	}
	it, _ := s.Item(ctx, items[0].ID)
	if it.Position != 0.42 {
		t.Fatalf("position = %v", it.Position)
	}
}

func TestMediaLabel(t *testing.T) {
	for _, c := range []struct {
		it   Item
		want string
	}{
		{Item{}, ""},
		{Item{MediaURL: "https://p.example/e.mp3", MediaType: "audio/mpeg", MediaSize: 47 << 20, MediaDuration: 3723},
			"Audio: https://p.example/e.mp3 (audio/mpeg, 47 MB, 1:02:03)"},
		{Item{MediaURL: "https://p.example/v.mp4", MediaType: "video/mp4", MediaDuration: 59},
			"Video: https://p.example/v.mp4 (video/mp4, 0:59)"},
		{Item{MediaURL: "https://p.example/x.ogg"}, "Audio: https://p.example/x.ogg"},
		{Item{MediaURL: "https://p.example/x.ogg", MediaSize: 1500}, "Audio: https://p.example/x.ogg (1 KB)"},
	} {
		if got := c.it.MediaLabel(); got != c.want {
			t.Errorf("MediaLabel = %q, want %q", got, c.want)
		}
	}
}

// threeCopies stores one story in feeds a, b and c, a's first.
func threeCopies(t *testing.T, s *Store, mutedFirst string) (a, b, c Feed) {
	t.Helper()
	ctx := context.Background()
	var fs [3]Feed
	for i, name := range []string{"a", "b", "c"} {
		f, err := s.AddFeed(ctx, "https://"+name+".example/feed", name, nil)
		if err != nil {
			t.Fatal(err)
		}
		it := NewItem{GUID: name, Title: "Story", LinkHash: 11}
		if i == 0 {
			it.Muted = mutedFirst
		}
		if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: []NewItem{it}}); err != nil {
			t.Fatal(err)
		}
		fs[i] = f
	}
	return fs[0], fs[1], fs[2]
}

func TestStoryShownOnceWhateverItsFirstItem(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	_, b, c := threeCopies(t, s, "")
	if got := titles(t, s, ItemQuery{FeedIDs: []int64{b.ID, c.ID}, Unread: true, Collapse: true}); len(got) != 1 {
		t.Errorf("tag without the first item lists %q", got)
	}
	s = openTest(t)
	threeCopies(t, s, "feed:a")
	if got := titles(t, s, ItemQuery{Unread: true, Collapse: true}); len(got) != 1 {
		t.Errorf("with the first item muted, All unread lists %q", got)
	}
	s = openTest(t)
	a, _, _ := threeCopies(t, s, "")
	items, _ := s.Items(ctx, ItemQuery{FeedID: a.ID})
	if err := s.SetReadExact(ctx, true, items[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := titles(t, s, ItemQuery{Unread: true, Collapse: true}); len(got) != 1 {
		t.Errorf("with the first item pruned, All unread lists %q", got)
	}
}

func TestMarkingAStoryUnreadKeepsMutedCopiesRead(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a, b, _ := threeCopies(t, s, "feed:a")
	items, _ := s.Items(ctx, ItemQuery{FeedID: b.ID})
	if err := s.SetRead(ctx, true, items[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, false, items[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountItems(ctx, ItemQuery{FeedID: a.ID, Unread: true}); n != 0 {
		t.Fatal("marking the story unread un-muted its muted first item")
	}
	if n, _ := s.CountItems(ctx, ItemQuery{Unread: true}); n != 2 {
		t.Fatalf("unread = %d, want b's and c's copies", n)
	}
	checkCounts(t, s)
}

func TestUndatedItemKeepsItsPlaceWhenUpdated(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f, _ := s.AddFeed(ctx, "https://u.example/feed", "u", nil)
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	items := []NewItem{{GUID: "dated", Title: "dated", Published: t0.Add(-48 * time.Hour)}, {GUID: "undated", Title: "undated"}}
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items, At: t0}); err != nil {
		t.Fatal(err)
	}
	items[1].Content = "changed"
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items, At: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got := titles(t, s, ItemQuery{FeedID: f.ID}); got[0] != "dated" {
		t.Fatalf("after an update the undated item jumped to the top: %q", got)
	}
}

func TestTagGroups(t *testing.T) {
	got := TagGroups([]Feed{
		{ID: 1, Tags: []string{"Tech", "news"}},
		{ID: 2, Tags: []string{" tech ", ""}},
		{ID: 3},
		{ID: 4, Tags: []string{"Art"}},
	})
	want := []TagGroup{{"Art", []int64{4}}, {"news", []int64{1}}, {"Tech", []int64{1, 2}}}
	if !slices.EqualFunc(got, want, func(a, b TagGroup) bool { return a.Tag == b.Tag && slices.Equal(a.FeedIDs, b.FeedIDs) }) {
		t.Fatalf("TagGroups = %+v, want %+v", got, want)
	}
}

// A fetch of more new items than one story lookup takes (maxLookup) finds
// copies in every chunk, by link and by title, with lists of unequal length.
func TestStoriesOfAFetchLargerThanOneLookup(t *testing.T) {
	s := openTest(t)
	a := addFeed(t, s, "https://a.example/feed")
	b := addFeed(t, s, "https://b.example/feed")
	at := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	n := maxLookup + 100
	var first, again []NewItem
	for i := 1; i <= n; i++ {
		it := NewItem{GUID: fmt.Sprintf("a%d", i), LinkHash: int64(i), Published: at}
		if i%2 == 0 {
			it.TitleHash = int64(100000 + i) // titles on every other item only
		}
		first = append(first, it)
		// The copies in b: by link for the last items, by title for the
		// even ones at the start, none otherwise.
		c := NewItem{GUID: fmt.Sprintf("b%d", i), Published: at}
		switch {
		case i > n-3:
			c.LinkHash = int64(i)
		case i <= 6 && i%2 == 0:
			c.TitleHash = int64(100000 + i)
		default:
			c.LinkHash, c.TitleHash = int64(-i), int64(-i)
		}
		again = append(again, c)
	}
	save(t, s, a.ID, at, first...)
	save(t, s, b.ID, at, again...)
	ids := map[string]int64{}
	for _, it := range itemsOf(t, s, a.ID) {
		ids[it.GUID] = it.ID
	}
	copies := 0
	for _, it := range itemsOf(t, s, b.ID) {
		var i int
		fmt.Sscanf(it.GUID, "b%d", &i)
		want := int64(0)
		if i > n-3 || (i <= 6 && i%2 == 0) {
			want = ids[fmt.Sprintf("a%d", i)]
			copies++
		}
		if it.DupOf != want {
			t.Errorf("%s: dup_of %d, want %d", it.GUID, it.DupOf, want)
		}
	}
	if copies != 6 {
		t.Fatalf("%d copies checked, want 6", copies)
	}
}
