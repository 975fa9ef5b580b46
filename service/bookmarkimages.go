package service

// A bookmark keeps its pictures, so it reads the same offline: once its
// text is saved, the images its Markdown shows are fetched and stored with
// it (store.SaveBookmarkImages). A picture that cannot be fetched costs the
// bookmark that picture only, never its text.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // formats image.DecodeConfig names, for the content type
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"strings"
	"sync"

	"github.com/herald-reader/herald/store"
)

// ImageFetcher gets the bytes of the image at an http(s) address, within
// the limits feeds are fetched with (size, time, no redirect to another
// scheme). The images package's cache is one.
type ImageFetcher interface {
	Get(ctx context.Context, url string) ([]byte, error)
}

// ImagesKept is what keeping a bookmark's images did.
type ImagesKept struct {
	Kept    int            // images the bookmark keeps now
	Fetched int            // of those, images fetched now (the others were stored already)
	Failed  []ImageFailure // images the bookmark does not keep, and why
}

// ImageFailure is an image a bookmark could not keep.
type ImageFailure struct {
	URL string
	Err error
}

// imageFetchers is how many images of a bookmark are fetched at once.
const imageFetchers = 4

// errNotHTTP refuses an image address that is not http(s).
var errNotHTTP = errors.New("not an http(s) address")

// BookmarkImage returns the image at url as a bookmark keeps it, and false
// when no bookmark does: the reader shows a bookmark's pictures from here
// when it cannot fetch them.
func (s *Service) BookmarkImage(ctx context.Context, url string) ([]byte, bool, error) {
	data, ok, err := s.Store.BookmarkImage(ctx, url)
	if err != nil {
		return nil, false, fmt.Errorf("bookmark image: %w", err)
	}
	return data, ok, nil
}

// KeepBookmarkImages fetches the images of a bookmark's Markdown that it
// does not keep yet, and stores them with it, within the store's caps
// (store.MaxBookmarkImages and its kin). Images no longer in its Markdown
// are dropped. The error is about the bookmark and the database, or the
// context ending before the images were stored (then the bookmark keeps
// the images it had); images that could not be kept are listed in
// ImagesKept.Failed. Without ImageURLs and Images, it does nothing.
func (s *Service) KeepBookmarkImages(ctx context.Context, id int64) (ImagesKept, error) {
	if s.ImageURLs == nil || s.Images == nil {
		return ImagesKept{}, nil
	}
	bm, err := s.Store.Bookmark(ctx, id)
	if err != nil {
		return ImagesKept{}, fmt.Errorf("images of bookmark %d: %w", id, err)
	}
	return s.keepImages(ctx, id, bm.Markdown)
}

// saveBookmarkImages keeps the images of a bookmark whose text is saved.
// What fails is logged: the bookmark itself is saved either way.
func (s *Service) saveBookmarkImages(ctx context.Context, id int64, markdown string) {
	if s.ImageURLs == nil || s.Images == nil {
		return
	}
	kept, err := s.keepImages(ctx, id, markdown)
	if err != nil {
		s.log().Warn("bookmark images", "id", id, "err", err)
		return
	}
	for _, f := range kept.Failed {
		s.log().Warn("bookmark image not kept", "id", id, "url", f.URL, "err", f.Err)
	}
	if kept.Fetched > 0 || len(kept.Failed) > 0 {
		s.log().Info("bookmark images", "id", id, "kept", kept.Kept, "fetched", kept.Fetched, "failed", len(kept.Failed))
	}
}

// keepImages stores with bookmark id the images markdown shows (see
// KeepBookmarkImages).
func (s *Service) keepImages(ctx context.Context, id int64, markdown string) (ImagesKept, error) {
	op := fmt.Sprintf("images of bookmark %d", id)
	var out ImagesKept
	urls, refused := imageAddresses(s.ImageURLs(markdown))
	out.Failed = refused
	have, err := s.Store.BookmarkImageURLs(ctx, id)
	if err != nil {
		return ImagesKept{}, fmt.Errorf("%s: %w", op, err)
	}
	if sameSet(urls, have) {
		out.Kept = len(have)
		return out, nil // nothing new to fetch, nothing to drop
	}
	var (
		imgs  []store.BookmarkImage
		total int
	)
	for start := 0; start < len(urls); start += imageFetchers {
		batch := urls[start:min(start+imageFetchers, len(urls))]
		got := s.imageBatch(ctx, batch)
		if err := ctx.Err(); err != nil {
			return ImagesKept{}, fmt.Errorf("%s: %w", op, err) // nothing stored
		}
		for i, g := range got {
			u := batch[i]
			switch {
			case g.err != nil:
				out.Failed = append(out.Failed, ImageFailure{u, g.err})
			case len(g.data) == 0:
				out.Failed = append(out.Failed, ImageFailure{u, errors.New("empty image")})
			case len(g.data) > store.MaxBookmarkImageBytes:
				out.Failed = append(out.Failed, ImageFailure{u, fmt.Errorf("%d bytes, a bookmark keeps images of %d at most: %w",
					len(g.data), store.MaxBookmarkImageBytes, store.ErrTooLarge)})
			case total+len(g.data) > store.MaxBookmarkImagesBytes:
				out.Failed = append(out.Failed, ImageFailure{u, fmt.Errorf("a bookmark keeps %d bytes of images at most: %w",
					store.MaxBookmarkImagesBytes, store.ErrTooLarge)})
			default:
				total += len(g.data)
				imgs = append(imgs, store.BookmarkImage{URL: u, ContentType: contentType(g.data), Data: g.data})
				if g.fetched {
					out.Fetched++
				}
			}
		}
	}
	if out.Fetched == 0 && sameSet(imageURLsOf(imgs), have) {
		out.Kept = len(have)
		return out, nil // the same images failed again: nothing to write
	}
	if err := s.Store.SaveBookmarkImages(ctx, id, imgs); err != nil {
		return ImagesKept{}, fmt.Errorf("%s: %w", op, err)
	}
	out.Kept = len(imgs)
	return out, nil
}

// gotImage is one image of a batch: its bytes, whether they came from the
// network (else from a bookmark that keeps them already), or why not.
type gotImage struct {
	data    []byte
	fetched bool
	err     error
}

// imageBatch gets the images at urls at once, each from a bookmark that
// keeps it when one does, else from s.Images.
func (s *Service) imageBatch(ctx context.Context, urls []string) []gotImage {
	got := make([]gotImage, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Go(func() {
			data, ok, err := s.Store.BookmarkImage(ctx, u)
			if err == nil && ok {
				got[i] = gotImage{data: data}
				return
			}
			data, err = s.Images.Get(ctx, u)
			got[i] = gotImage{data: data, fetched: true, err: err}
		})
	}
	wg.Wait()
	return got
}

// imageAddresses returns the http(s) addresses of urls, each once and in
// order, at most store.MaxBookmarkImages of them, and the others refused.
func imageAddresses(urls []string) (keep []string, refused []ImageFailure) {
	seen := make(map[string]bool, len(urls))
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		p, err := url.Parse(u)
		switch {
		case err != nil || p.Host == "" || (!strings.EqualFold(p.Scheme, "http") && !strings.EqualFold(p.Scheme, "https")):
			refused = append(refused, ImageFailure{u, errNotHTTP})
		case len(keep) == store.MaxBookmarkImages:
			refused = append(refused, ImageFailure{u, fmt.Errorf("a bookmark keeps %d images at most: %w",
				store.MaxBookmarkImages, store.ErrTooLarge)})
		default:
			keep = append(keep, u)
		}
	}
	return keep, refused
}

// imageURLsOf lists the addresses of imgs.
func imageURLsOf(imgs []store.BookmarkImage) []string {
	urls := make([]string, len(imgs))
	for i, im := range imgs {
		urls[i] = im.URL
	}
	return urls
}

// sameSet reports whether a and b hold the same strings, each once.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	in := make(map[string]bool, len(a))
	for _, s := range a {
		in[s] = true
	}
	for _, s := range b {
		if !in[s] {
			return false
		}
	}
	return true
}

// contentType names the format of an image ("image/png"), or is empty
// when the format is not one the standard library knows.
func contentType(data []byte) string {
	if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		return "image/" + format
	}
	return ""
}

// Picture returns the bytes of the image at url for the reader: a
// bookmark's stored copy when one keeps it (so a bookmark reads the same
// offline), else the image fetcher's (the disk cache, then the network).
func (s *Service) Picture(ctx context.Context, url string) ([]byte, error) {
	if data, ok, err := s.BookmarkImage(ctx, url); err != nil {
		return nil, err
	} else if ok {
		return data, nil
	}
	if s.Images == nil {
		return nil, fmt.Errorf("picture %s: no image fetcher", url)
	}
	data, err := s.Images.Get(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("picture: %w", err)
	}
	return data, nil
}
