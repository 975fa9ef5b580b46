package service

import (
	"bytes"
	"context"
	"image/color"
	"testing"
)

// TestPictureFromBookmarkThenFetcher reads a picture from the bookmark that
// keeps it, with its server stopped, and an image no bookmark keeps from
// the fetcher (which fails once the server is gone).
func TestPictureFromBookmarkThenFetcher(t *testing.T) {
	ctx := context.Background()
	s, _ := imageService(t)
	kept, loose := pngOf(t, color.RGBA{G: 180}, 12, 8), pngOf(t, color.RGBA{R: 90}, 5, 5)
	site := newPicturesSite(t, map[string][]byte{"/kept.png": kept, "/loose.png": loose}, "/kept.png")
	id := subscribe(t, s, site.url("/feed.xml"))["The lamp"]
	if err := s.SaveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Picture(ctx, site.url("/loose.png")); err != nil || !bytes.Equal(got, loose) {
		t.Fatalf("Picture(loose) online = %d bytes, %v; want the %d served", len(got), err, len(loose))
	}
	site.srv.Close()
	if got, err := s.Picture(ctx, site.url("/kept.png")); err != nil || !bytes.Equal(got, kept) {
		t.Fatalf("Picture(kept) offline = %d bytes, %v; want the bookmark's %d", len(got), err, len(kept))
	}
	if got, err := s.Picture(ctx, site.url("/loose.png")); err == nil {
		t.Fatalf("Picture(loose) offline = %d bytes, want an error", len(got))
	}
	s.Images = nil
	if _, err := s.Picture(ctx, site.url("/loose.png")); err == nil {
		t.Fatal("Picture without a fetcher: want an error")
	}
}
