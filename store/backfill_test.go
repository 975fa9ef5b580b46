package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// storyCols is an item's story hashes, read state and duplicate link as
// stored (NULL: Valid false).
type storyCols struct {
	link, title, dup sql.NullInt64
	read             bool
}

func readStoryCols(t *testing.T, s *Store, id int64) storyCols {
	t.Helper()
	var c storyCols
	if err := s.r.QueryRow(`SELECT link_hash, title_hash, dup_of, read FROM items WHERE id = ?`, id).
		Scan(&c.link, &c.title, &c.dup, &c.read); err != nil {
		t.Fatal(err)
	}
	return c
}

func storyIDs(keys []StoryKey) []int64 {
	var out []int64
	for _, k := range keys {
		out = append(out, k.ID)
	}
	return out
}

func TestStoryBackfill(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f, err := s.AddFeed(ctx, "https://old.example/feed", "Old", nil)
	if err != nil {
		t.Fatal(err)
	}
	// Items as an older herald stored them, without story hashes, but one.
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: []NewItem{
		{GUID: "1", Link: "https://old.example/1", Title: "One"},
		{GUID: "2", Title: "Two, read"},
		{GUID: "3"}, // neither link nor title
		{GUID: "4", Link: "https://old.example/4", Title: "Four, hashed", LinkHash: 44, TitleHash: 444},
		{GUID: "5", Link: "https://old.example/5", Title: "Five, a copy"},
	}}); err != nil {
		t.Fatal(err)
	}
	id := map[string]int64{}
	items, err := s.Items(ctx, ItemQuery{FeedID: f.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		id[it.GUID] = it.ID
	}
	if err := s.SetRead(ctx, true, id["2"]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`UPDATE items SET dup_of = ? WHERE id = ?`, id["1"], id["5"]); err != nil {
		t.Fatal(err)
	}

	// Batches walk by id and skip the item that has its hashes.
	first, err := s.ItemsWithoutStory(ctx, 0, 2)
	if err != nil || !slices.Equal(storyIDs(first), []int64{id["1"], id["2"]}) {
		t.Fatalf("first batch = %+v, %v", first, err)
	}
	if first[0].Link != "https://old.example/1" || first[0].Title != "One" {
		t.Fatalf("first key = %+v", first[0])
	}
	rest, err := s.ItemsWithoutStory(ctx, id["2"], 2)
	if err != nil || !slices.Equal(storyIDs(rest), []int64{id["3"], id["5"]}) {
		t.Fatalf("second batch = %+v, %v", rest, err)
	}

	if err := s.SetStoryHashes(ctx, []StoryHash{
		{ID: id["1"], LinkHash: 11, TitleHash: 111},
		{ID: id["2"], TitleHash: 222}, // no link: link_hash stays NULL
		{ID: id["3"]},                 // nothing to hash
		{ID: id["4"], LinkHash: 9, TitleHash: 9},
		{ID: id["5"], LinkHash: 55, TitleHash: 555},
		{ID: 1 << 40, LinkHash: 1}, // not stored: skipped
	}); err != nil {
		t.Fatal(err)
	}
	null := sql.NullInt64{}
	val := func(n int64) sql.NullInt64 { return sql.NullInt64{Int64: n, Valid: true} }
	for guid, want := range map[string]storyCols{
		"1": {link: val(11), title: val(111)},
		"2": {link: null, title: val(222), read: true},
		"3": {link: null, title: null},
		"4": {link: val(44), title: val(444)}, // already hashed: kept
		"5": {link: val(55), title: val(555), dup: val(id["1"])},
	} {
		if got := readStoryCols(t, s, id[guid]); got != want {
			t.Errorf("item %s: %+v, want %+v", guid, got, want)
		}
	}
	// What is left is the item with nothing to hash; walking past it ends.
	left, err := s.ItemsWithoutStory(ctx, 0, 10)
	if err != nil || !slices.Equal(storyIDs(left), []int64{id["3"]}) {
		t.Fatalf("left = %+v, %v", left, err)
	}
	if left, err := s.ItemsWithoutStory(ctx, id["3"], 10); err != nil || len(left) != 0 {
		t.Fatalf("after the last = %+v, %v", left, err)
	}
	if err := s.SetStoryHashes(ctx, nil); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s)
}
