package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// bookmarkedItem stores a feed with one item, bookmarks it and returns the
// feed and the item's id.
func bookmarkedItem(t *testing.T, s *Store) (Feed, int64) {
	t.Helper()
	f := addFeed(t, s, "https://pics.example/feed")
	save(t, s, f.ID, t0, NewItem{GUID: "p1", Title: "Pictures", Link: "https://pics.example/1"})
	id := itemsOf(t, s, f.ID)[0].ID
	if err := s.SaveBookmark(context.Background(), Bookmark{ItemID: id, Markdown: "![a](https://pics.example/a.png)"}); err != nil {
		t.Fatal(err)
	}
	return f, id
}

// img is an image of n bytes whose content depends on url.
func img(url string, n int) BookmarkImage {
	data := bytes.Repeat([]byte(url), n/len(url)+1)[:n]
	return BookmarkImage{URL: url, ContentType: "image/png", Data: data}
}

// imageURLs lists a bookmark's images or fails the test.
func imageURLs(t *testing.T, s *Store, id int64) []string {
	t.Helper()
	urls, err := s.BookmarkImageURLs(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return urls
}

// wantImage fails the test unless the store keeps im as it was given.
func wantImage(t *testing.T, s *Store, im BookmarkImage) {
	t.Helper()
	data, ok, err := s.BookmarkImage(context.Background(), im.URL)
	if err != nil || !ok || !bytes.Equal(data, im.Data) {
		t.Fatalf("BookmarkImage(%s) = %d bytes, %v, %v; want the %d bytes saved", im.URL, len(data), ok, err, len(im.Data))
	}
}

// wantNoImage fails the test when the store keeps an image at url.
func wantNoImage(t *testing.T, s *Store, url string) {
	t.Helper()
	if data, ok, err := s.BookmarkImage(context.Background(), url); err != nil || ok || data != nil {
		t.Fatalf("BookmarkImage(%s) = %d bytes, %v, %v; want none", url, len(data), ok, err)
	}
}

func TestBookmarkImagesRoundTripAndReplace(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, id := bookmarkedItem(t, s)
	a, b := img("https://pics.example/b.png", 3000), img("https://pics.example/a.png", 70000)
	if err := s.SaveBookmarkImages(ctx, id, []BookmarkImage{a, b}); err != nil {
		t.Fatal(err)
	}
	if got := imageURLs(t, s, id); !reflect.DeepEqual(got, []string{a.URL, b.URL}) {
		t.Fatalf("urls = %q, want the order given", got)
	}
	// Closed and opened again: the file holds them.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wantImage(t, s, a)
	wantImage(t, s, b)
	wantNoImage(t, s, "https://pics.example/none.png")
	var ct string
	if err := s.r.QueryRow(`SELECT content_type FROM bookmark_images WHERE url = ?`, a.URL).Scan(&ct); err != nil || ct != "image/png" {
		t.Fatalf("content type = %q, %v", ct, err)
	}

	// A new set replaces the old one whole.
	c := img("https://pics.example/c.gif", 10)
	if err := s.SaveBookmarkImages(ctx, id, []BookmarkImage{c, b}); err != nil {
		t.Fatal(err)
	}
	if got := imageURLs(t, s, id); !reflect.DeepEqual(got, []string{c.URL, b.URL}) {
		t.Fatalf("urls after replace = %q", got)
	}
	wantNoImage(t, s, a.URL)
	wantImage(t, s, c)
	if err := s.SaveBookmarkImages(ctx, id, nil); err != nil {
		t.Fatal(err)
	}
	if got := imageURLs(t, s, id); len(got) != 0 {
		t.Fatalf("urls after an empty set = %q", got)
	}

	// Only a bookmark keeps images.
	if err := s.SaveBookmarkImages(ctx, id+100, []BookmarkImage{a}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("images of an item without bookmark: %v, want ErrNotFound", err)
	}
}

func TestBookmarkImagesCaps(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	_, id := bookmarkedItem(t, s)
	kept := img("https://pics.example/kept.png", 100)
	if err := s.SaveBookmarkImages(ctx, id, []BookmarkImage{kept}); err != nil {
		t.Fatal(err)
	}
	many := func(n, size int) []BookmarkImage {
		var out []BookmarkImage
		for i := range n {
			out = append(out, img(fmt.Sprintf("https://pics.example/%d.png", i), size))
		}
		return out
	}
	tooLarge := map[string][]BookmarkImage{
		"one image over 8 MiB": {img("https://pics.example/big.png", MaxBookmarkImageBytes+1)},
		"65 images":            many(MaxBookmarkImages+1, 10),
		"5 images of 8 MiB":    many(5, MaxBookmarkImageBytes),
		"32 MiB and one byte":  append(many(4, MaxBookmarkImageBytes), img("https://pics.example/x.png", 1)),
	}
	for name, imgs := range tooLarge {
		if err := s.SaveBookmarkImages(ctx, id, imgs); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", name, err)
		}
	}
	invalid := map[string][]BookmarkImage{
		"no address":   {{Data: []byte("x")}},
		"empty":        {{URL: "https://pics.example/e.png"}},
		"same address": {kept, kept},
	}
	for name, imgs := range invalid {
		if err := s.SaveBookmarkImages(ctx, id, imgs); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A refused set leaves the bookmark's images as they were.
	if got := imageURLs(t, s, id); !reflect.DeepEqual(got, []string{kept.URL}) {
		t.Fatalf("urls after refused sets = %q", got)
	}
	// At the caps exactly: 64 images, and 32 MiB in 8 MiB images.
	if err := s.SaveBookmarkImages(ctx, id, many(MaxBookmarkImages, 1000)); err != nil {
		t.Fatalf("64 images: %v", err)
	}
	full := many(4, MaxBookmarkImageBytes)
	if err := s.SaveBookmarkImages(ctx, id, full); err != nil {
		t.Fatalf("4 images of 8 MiB: %v", err)
	}
	wantImage(t, s, full[3])
	if got := imageURLs(t, s, id); len(got) != 4 {
		t.Fatalf("urls = %d, want 4", len(got))
	}
}

// TestBookmarkImagesFollowTheBookmark checks the images live as long as
// the bookmark: through re-saves, the feed's removal and pruning, and no
// longer than the bookmark, however it is removed.
func TestBookmarkImagesFollowTheBookmark(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f, id := bookmarkedItem(t, s)
	a := img("https://pics.example/a.png", 5000)
	if err := s.SaveBookmarkImages(ctx, id, []BookmarkImage{a}); err != nil {
		t.Fatal(err)
	}
	// Saving the bookmark again (its state, its text) keeps its images.
	b, _ := s.Bookmark(ctx, id)
	b.State, b.Error = BookmarkFailed, "again"
	if err := s.SaveBookmark(ctx, b); err != nil {
		t.Fatal(err)
	}
	wantImage(t, s, a)
	// Pruning never deletes a bookmarked item, nor so its images.
	if err := s.SetReadExact(ctx, true, id); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Prune(ctx, time.Now().Add(time.Hour)); err != nil || n != 0 {
		t.Fatalf("pruned %d, %v; want 0", n, err)
	}
	wantImage(t, s, a)
	// The bookmark outlives its feed, and its images with it.
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	wantImage(t, s, a)
	if err := s.RemoveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	wantNoImage(t, s, a.URL)
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM bookmark_images`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d image rows left, %v", n, err)
	}
}

// TestBookmarkImagesGoWithAnUnstar checks a bookmark removed by a sync
// (unstarred on the server) takes its images along.
func TestBookmarkImagesGoWithAnUnstar(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	_, _ = syncedFeed(t, s)
	synced, _ := s.SyncedItems(ctx)
	id := synced["r2"].ItemID
	a := img("https://pics.example/starred.png", 500)
	if err := s.SaveBookmarkImages(ctx, id, []BookmarkImage{a}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplySync(ctx, SyncApply{States: []SyncState{{RemoteID: "r2", Read: true, BaseRead: true}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Bookmark(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("bookmark after the unstar: %v", err)
	}
	wantNoImage(t, s, a.URL)
}

// TestBookmarkImageByURLUsesItsIndex checks the reader's look-up by
// address does not scan the images.
func TestBookmarkImageByURLUsesItsIndex(t *testing.T) {
	s := openTest(t)
	if p := queryPlan(t, s, bookmarkImageByURL, "u"); !strings.Contains(p, "bookmark_images_by_url") {
		t.Fatalf("plan %q does not use bookmark_images_by_url", p)
	}
}
