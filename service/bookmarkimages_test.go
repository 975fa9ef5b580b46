package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/store"
)

// pngOf encodes a w×h image of about one colour (its green and blue
// channels stirred by x and y, so that no two images are alike) with
// image/png.
func pngOf(t *testing.T, c color.RGBA, w, h int) []byte {
	t.Helper()
	return picturetest.EncodePNG(t, picturetest.Fill(w, h, func(x, y int) color.RGBA {
		return color.RGBA{c.R, c.G ^ uint8(x), c.B ^ uint8(y), 255}
	}))
}

// figureLine is the image line of a figure as article writes it and render
// reads it: `[Image](URL)` or `![alt](URL)`, alone in its paragraph's
// first line. The real list comes from render.ImageURLs; this one stands in
// for it so that service does not import render.
var figureLine = regexp.MustCompile(`^(?:!\[[^\]]*\]|\[Image\])\(([^)\s]+)\)$`)

// figureURLs lists the image addresses of a Markdown article's figures.
func figureURLs(md string) []string {
	var urls []string
	for _, para := range strings.Split(md, "\n\n") {
		first, _, _ := strings.Cut(strings.TrimSpace(para), "\n")
		if m := figureLine.FindStringSubmatch(first); m != nil {
			urls = append(urls, m[1])
		}
	}
	return urls
}

// httpImages fetches images over HTTP, for the tests: the reader's
// fetcher (images.Cache) lives in another package.
type httpImages struct{ client *http.Client }

func (h httpImages) Get(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 64<<20))
}

// lockedBuffer is a log destination safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// imageService is newService that keeps bookmarks' images, with its logs.
func imageService(t *testing.T) (*Service, *lockedBuffer) {
	s := newService(t)
	logs := &lockedBuffer{}
	s.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s.ImageURLs = figureURLs
	s.Images = httpImages{&http.Client{Timeout: time.Minute}}
	return s, logs
}

// picturesSite serves a feed whose one article shows figures, and the
// images at the given paths; hits counts the requests per path.
type picturesSite struct {
	srv    *httptest.Server
	images map[string][]byte
	hits   sync.Map // path → *atomic.Int32
	block  func(r *http.Request)
}

// newPicturesSite serves images, and /feed.xml with an article that shows
// the images at figures (paths), the first with a caption and credit.
func newPicturesSite(t *testing.T, images map[string][]byte, figures ...string) *picturesSite {
	t.Helper()
	p := &picturesSite{images: images}
	var feedXML string
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := p.hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		n.(*atomic.Int32).Add(1)
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, feedXML)
			return
		}
		if p.block != nil {
			p.block(r)
		}
		data, ok := p.images[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(data)
	}))
	t.Cleanup(p.srv.Close)
	var content strings.Builder
	content.WriteString("<p>The keeper lit the lamp as the tide turned.</p>")
	for i, path := range figures {
		if i == 0 {
			fmt.Fprintf(&content, `<figure><img src="%s%s" alt="The lamp"><figcaption>The lamp at dusk. Photo: Jo Keeper</figcaption></figure>`, p.srv.URL, path)
		} else {
			fmt.Fprintf(&content, `<p>More about the light.</p><figure><img src="%s%s"></figure>`, p.srv.URL, path)
		}
		content.WriteString(longText(fmt.Sprintf("the lighthouse, part %d", i+1)))
	}
	feedXML = rssDoc("Lighthouse News", rssItem("l1", "The lamp", p.srv.URL+"/story", "<p>The lamp.</p>", content.String()))
	return p
}

// url is the address of path on the site.
func (p *picturesSite) url(path string) string { return p.srv.URL + path }

// hitsOf is how many requests path had.
func (p *picturesSite) hitsOf(path string) int32 {
	if n, ok := p.hits.Load(path); ok {
		return n.(*atomic.Int32).Load()
	}
	return 0
}

// wantKept fails the test unless s keeps, for url, exactly data.
func wantKept(t *testing.T, s *Service, url string, data []byte) {
	t.Helper()
	got, ok, err := s.BookmarkImage(context.Background(), url)
	if err != nil || !ok || !bytes.Equal(got, data) {
		t.Fatalf("BookmarkImage(%s) = %d bytes, %v, %v; want the %d bytes served", url, len(got), ok, err, len(data))
	}
}

// wantGone fails the test when s keeps an image for url.
func wantGone(t *testing.T, s *Service, url string) {
	t.Helper()
	if got, ok, err := s.BookmarkImage(context.Background(), url); err != nil || ok {
		t.Fatalf("BookmarkImage(%s) = %d bytes, %v, %v; want none", url, len(got), ok, err)
	}
}

// TestOfflineBookmarkShowsItsImages bookmarks an article with two
// pictures, stops the server, and reads the article and both pictures back
// from the database alone, byte for byte.
func TestOfflineBookmarkShowsItsImages(t *testing.T) {
	ctx := context.Background()
	s, logs := imageService(t)
	red, blue := pngOf(t, color.RGBA{R: 200}, 40, 30), pngOf(t, color.RGBA{B: 220}, 17, 9)
	site := newPicturesSite(t, map[string][]byte{"/a.png": red, "/b.png": blue}, "/a.png", "/b.png")
	id := subscribe(t, s, site.url("/feed.xml"))["The lamp"]
	if err := s.SaveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	site.srv.Close() // every server stopped from here on
	s.Client = feed.NewClient(feed.Options{Offline: true})
	// The feed is gone too: the bookmark, text and pictures, outlives it.
	if err := s.Remove(ctx, site.url("/feed.xml")); err != nil {
		t.Fatal(err)
	}

	it, md, err := s.Article(ctx, id)
	if err != nil || !it.Bookmarked || !strings.Contains(md, "The lamp at dusk") {
		t.Fatalf("offline article = %+v, %q, %v", it, md, err)
	}
	urls := figureURLs(md)
	if want := []string{site.url("/a.png"), site.url("/b.png")}; !reflect.DeepEqual(urls, want) {
		t.Fatalf("the article's figures = %q, want %q in:\n%s", urls, want, md)
	}
	wantKept(t, s, urls[0], red)
	wantKept(t, s, urls[1], blue)
	if kept, _ := s.Store.BookmarkImageURLs(ctx, id); !reflect.DeepEqual(kept, urls) {
		t.Fatalf("the bookmark keeps %q, want %q", kept, urls)
	}
	decoded, err := png.Decode(bytes.NewReader(mustImage(t, s, urls[0])))
	if err != nil || decoded.Bounds().Dx() != 40 || decoded.Bounds().Dy() != 30 {
		t.Fatalf("the kept picture decodes to %v, %v; want 40×30", decoded.Bounds(), err)
	}

	// Saving it again offline keeps everything and fetches nothing.
	if err := s.SaveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "level=WARN") {
		t.Fatalf("warnings while saving:\n%s", logs)
	}
	wantKept(t, s, urls[0], red)

	// Removing the bookmark removes its pictures.
	if err := s.RemoveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	wantGone(t, s, urls[0])
	wantGone(t, s, urls[1])
}

// mustImage returns a kept image or fails the test.
func mustImage(t *testing.T, s *Service, url string) []byte {
	t.Helper()
	data, ok, err := s.BookmarkImage(context.Background(), url)
	if err != nil || !ok {
		t.Fatalf("BookmarkImage(%s) = %v, %v", url, ok, err)
	}
	return data
}

// TestBookmarkImageFailuresKeepTheBookmark checks a picture that cannot be
// kept (missing, too large) costs that picture only: the bookmark is saved
// whole with the others, and the failures are logged.
func TestBookmarkImageFailuresKeepTheBookmark(t *testing.T) {
	ctx := context.Background()
	s, logs := imageService(t)
	red := pngOf(t, color.RGBA{R: 200}, 8, 8)
	huge := bytes.Repeat([]byte{7}, store.MaxBookmarkImageBytes+1)
	site := newPicturesSite(t, map[string][]byte{"/a.png": red, "/huge.png": huge}, "/a.png", "/missing.png", "/huge.png")
	id := subscribe(t, s, site.url("/feed.xml"))["The lamp"]
	if err := s.SaveBookmark(ctx, id); err != nil {
		t.Fatal(err)
	}
	b, err := s.Store.Bookmark(ctx, id)
	if err != nil || b.State != store.BookmarkSaved || b.Error != "" || !strings.Contains(b.Markdown, "the lighthouse, part 3") {
		t.Fatalf("bookmark = %+v, %v; want it saved whole", b, err)
	}
	wantKept(t, s, site.url("/a.png"), red)
	wantGone(t, s, site.url("/missing.png"))
	wantGone(t, s, site.url("/huge.png"))
	for _, want := range []string{"missing.png", "404", "huge.png", "too large"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the logs do not mention %q:\n%s", want, logs)
		}
	}

	// Trying again fetches the failed ones only, and reports them.
	before := site.hitsOf("/a.png")
	kept, err := s.KeepBookmarkImages(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Kept != 1 || kept.Fetched != 0 || len(kept.Failed) != 2 ||
		kept.Failed[0].URL != site.url("/missing.png") || !errors.Is(kept.Failed[1].Err, store.ErrTooLarge) {
		t.Fatalf("kept = %+v", kept)
	}
	if site.hitsOf("/a.png") != before || site.hitsOf("/missing.png") != 2 {
		t.Fatalf("hits: a.png %d (was %d), missing.png %d; want the kept one not fetched again",
			site.hitsOf("/a.png"), before, site.hitsOf("/missing.png"))
	}
}

// TestBookmarkImagesWithinTheCaps checks a bookmark keeps at most 64
// images and 32 MiB of them, the first in the article's order.
func TestBookmarkImagesWithinTheCaps(t *testing.T) {
	ctx := context.Background()
	s, _ := imageService(t)
	small := pngOf(t, color.RGBA{G: 100}, 2, 2)
	big := bytes.Repeat([]byte{1}, 7<<20)
	images := map[string][]byte{}
	var md strings.Builder
	md.WriteString("# Many pictures\n\nText first.\n")
	site := newPicturesSite(t, images)
	for i := range store.MaxBookmarkImages + 2 {
		path := fmt.Sprintf("/n/%d.png", i)
		images[path] = small
		fmt.Fprintf(&md, "\n![](%s)\n", site.url(path))
	}
	for i := range 5 {
		path := fmt.Sprintf("/big/%d.bin", i)
		images[path] = big
		fmt.Fprintf(&md, "\n[Image](%s)\n\n*Big %d*\n", site.url(path), i)
	}
	fmt.Fprintf(&md, "\n![](file:///etc/passwd)\n")
	if err := s.Store.SaveBookmark(ctx, store.Bookmark{ItemID: 77, Title: "Many", Markdown: md.String()}); err != nil {
		t.Fatal(err)
	}
	kept, err := s.KeepBookmarkImages(ctx, 77)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Kept != store.MaxBookmarkImages || kept.Fetched != store.MaxBookmarkImages {
		t.Fatalf("kept = %d, fetched %d; want %d", kept.Kept, kept.Fetched, store.MaxBookmarkImages)
	}
	// Two small ones and five big ones are over the count; the file: one
	// is refused.
	if len(kept.Failed) != 8 {
		t.Fatalf("failed = %+v, want 8", kept.Failed)
	}
	for _, f := range kept.Failed[:7] {
		if !errors.Is(f.Err, store.ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", f.URL, f.Err)
		}
	}
	if f := kept.Failed[7]; f.URL != "file:///etc/passwd" || !errors.Is(f.Err, errNotHTTP) {
		t.Errorf("the file: image: %+v", f)
	}
	if n := site.hitsOf("/big/0.bin"); n != 0 {
		t.Errorf("an image past the count was fetched %d times", n)
	}
	wantKept(t, s, site.url("/n/63.png"), small)
	wantGone(t, s, site.url("/n/64.png"))

	// 32 MiB: four 7 MiB images fit, the fifth does not.
	md.Reset()
	for i := range 5 {
		fmt.Fprintf(&md, "![](%s)\n\n", site.url(fmt.Sprintf("/big/%d.bin", i)))
	}
	if err := s.Store.SaveBookmark(ctx, store.Bookmark{ItemID: 78, Title: "Big", Markdown: md.String()}); err != nil {
		t.Fatal(err)
	}
	kept, err = s.KeepBookmarkImages(ctx, 78)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Kept != 4 || len(kept.Failed) != 1 || kept.Failed[0].URL != site.url("/big/4.bin") || !errors.Is(kept.Failed[0].Err, store.ErrTooLarge) {
		t.Fatalf("kept = %+v", kept)
	}
	wantKept(t, s, site.url("/big/3.bin"), big)
}

// TestInterruptedImageSaveKeepsTheText cancels a save while a picture is
// being fetched: the bookmark keeps its whole text, no image is half kept,
// and saving again completes the pictures.
func TestInterruptedImageSaveKeepsTheText(t *testing.T) {
	s, logs := imageService(t)
	red, blue := pngOf(t, color.RGBA{R: 200}, 4, 4), pngOf(t, color.RGBA{B: 200}, 5, 5)
	site := newPicturesSite(t, map[string][]byte{"/a.png": red, "/slow.png": blue}, "/a.png", "/slow.png")
	entered, release := make(chan struct{}, 1), make(chan struct{})
	site.block = func(r *http.Request) {
		if r.URL.Path != "/slow.png" {
			return
		}
		select {
		case entered <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	id := subscribe(t, s, site.url("/feed.xml"))["The lamp"]

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.SaveBookmark(ctx, id) }()
	select {
	case <-entered:
	case err := <-done:
		t.Fatalf("the save ended before fetching the slow picture: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("an interrupted picture failed the bookmark: %v", err)
	}
	bg := context.Background()
	b, err := s.Store.Bookmark(bg, id)
	if err != nil || b.State != store.BookmarkSaved || !strings.Contains(b.Markdown, "the lighthouse, part 2") {
		t.Fatalf("bookmark after the interruption = %+v, %v; want its whole text saved", b, err)
	}
	if urls, err := s.Store.BookmarkImageURLs(bg, id); err != nil || len(urls) != 0 {
		t.Fatalf("images after the interruption = %q, %v; want none", urls, err)
	}
	wantGone(t, s, site.url("/a.png"))
	if !strings.Contains(logs.String(), "context canceled") {
		t.Errorf("the interruption is not logged:\n%s", logs)
	}

	close(release)
	if err := s.SaveBookmark(bg, id); err != nil {
		t.Fatal(err)
	}
	wantKept(t, s, site.url("/a.png"), red)
	wantKept(t, s, site.url("/slow.png"), blue)
}

func TestImageAddresses(t *testing.T) {
	keep, refused := imageAddresses([]string{
		"https://a.test/1.png", "http://a.test/2.png", "https://a.test/1.png",
		"file:///etc/passwd", "data:image/png;base64,AAAA", "javascript:alert(1)", "/relative.png", "https:///nohost.png",
	})
	if want := []string{"https://a.test/1.png", "http://a.test/2.png"}; !reflect.DeepEqual(keep, want) {
		t.Errorf("keep = %q, want %q", keep, want)
	}
	if len(refused) != 5 {
		t.Errorf("refused = %+v, want the 5 addresses that are not http(s)", refused)
	}
	for _, f := range refused {
		if !errors.Is(f.Err, errNotHTTP) {
			t.Errorf("%s: %v", f.URL, f.Err)
		}
	}
}
