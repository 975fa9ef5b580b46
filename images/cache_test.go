package images

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/internal/picturetest"
)

// imageServer serves files by path, counting requests per path.
type imageServer struct {
	*httptest.Server
	mu    sync.Mutex
	files map[string]servedFile
	hits  map[string]*atomic.Int64
}

type servedFile struct {
	contentType string
	body        []byte
}

func newImageServer(t *testing.T) *imageServer {
	s := &imageServer{files: map[string]servedFile{}, hits: map[string]*atomic.Int64{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		f, ok := s.files[r.URL.Path]
		if s.hits[r.URL.Path] == nil {
			s.hits[r.URL.Path] = &atomic.Int64{}
		}
		s.hits[r.URL.Path].Add(1)
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		_, _ = w.Write(f.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *imageServer) serve(path, contentType string, body []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = servedFile{contentType, body}
	return s.URL + path
}

func (s *imageServer) count(path string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h := s.hits[path]; h != nil {
		return h.Load()
	}
	return 0
}

func openCache(t *testing.T, max int64, opts ...Option) (*Cache, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "images")
	c, err := Open(dir, max, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, dir
}

// mustGet gets url through c, failing the test on an error.
func mustGet(t *testing.T, c *Cache, url string) []byte {
	t.Helper()
	got, err := c.Get(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// wantFetches checks that the server was asked for path n times.
func (s *imageServer) wantFetches(t *testing.T, path string, n int64, when string) {
	t.Helper()
	if got := s.count(path); got != n {
		t.Errorf("%s fetched %d times %s, want %d", path, got, when, n)
	}
}

func TestCacheServesHitsFromDisk(t *testing.T) {
	srv := newImageServer(t)
	png := picturetest.EncodePNG(t, gradient(20, 10))
	url := srv.serve("/a.png", "image/png", png)
	c, dir := openCache(t, 0)
	for range 3 {
		if got := mustGet(t, c, url); string(got) != string(png) {
			t.Fatal("Get returned other bytes than served")
		}
	}
	srv.wantFetches(t, "/a.png", 1, "over 3 Gets")
	// A second Cache on the same directory (a later run) hits too.
	c2, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	mustGet(t, c2, url)
	srv.wantFetches(t, "/a.png", 1, "after reopening")
}

func TestCacheConcurrentGetsFetchOnceAndWriteWholeFiles(t *testing.T) {
	srv := newImageServer(t)
	var urls []string
	for i := range 8 {
		urls = append(urls, srv.serve("/"+string(rune('a'+i))+".png", "image/png", picturetest.EncodePNG(t, noise(40+i, 30, uint64(i)))))
	}
	c, dir := openCache(t, 0)
	ctx := context.Background()
	stop := make(chan struct{})
	var damaged atomic.Int64
	var reader sync.WaitGroup
	reader.Add(1)
	go func() { // every file a reader can see is whole
		defer reader.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tmpPrefix) {
					continue
				}
				raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if _, ok := unseal(raw); err == nil && !ok {
					damaged.Add(1)
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for range 4 {
		for _, u := range urls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.Get(ctx, u); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	close(stop)
	reader.Wait()
	if n := damaged.Load(); n != 0 {
		t.Errorf("a reader saw %d partial files", n)
	}
	for i := range urls {
		srv.wantFetches(t, "/"+string(rune('a'+i))+".png", 1, "by 4 goroutines")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(urls) {
		t.Errorf("%d files in the cache, want %d (no temporary files left)", len(entries), len(urls))
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	srv := newImageServer(t)
	body := picturetest.EncodePNG(t, noise(30, 30, 7)) // ~2.7 KB, no two alike
	a := srv.serve("/a.png", "image/png", body)
	b := srv.serve("/b.png", "image/png", picturetest.EncodePNG(t, noise(30, 30, 8)))
	cc := srv.serve("/c.png", "image/png", picturetest.EncodePNG(t, noise(30, 30, 9)))
	c, _ := openCache(t, int64(len(body))*5/2+100) // room for two
	mustGet(t, c, a)
	mustGet(t, c, b)
	// Age both, b less than a; then use a, so b is the least recently used.
	old := time.Now().Add(-time.Hour)
	_ = os.Chtimes(c.path(a), old, old)
	_ = os.Chtimes(c.path(b), old.Add(time.Minute), old.Add(time.Minute))
	mustGet(t, c, a)
	mustGet(t, c, cc)
	for u, want := range map[string]bool{a: true, b: false, cc: true} {
		if _, err := os.Stat(c.path(u)); (err == nil) != want {
			t.Errorf("%s cached: %v, want %v", u, err == nil, want)
		}
	}
	mustGet(t, c, b)
	srv.wantFetches(t, "/b.png", 2, "once evicted")
}

func TestCacheRefetchesADamagedFile(t *testing.T) {
	srv := newImageServer(t)
	png := picturetest.EncodePNG(t, gradient(20, 10))
	url := srv.serve("/a.png", "image/png", png)
	c, _ := openCache(t, 0)
	mustGet(t, c, url)
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { b[len(b)/2] ^= 0xff; return b }, // a flipped byte
		func(b []byte) []byte { return b[:len(b)-10] },          // truncated
		func([]byte) []byte { return nil },                      // empty
	} {
		raw, err := os.ReadFile(c.path(url))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(c.path(url), damage(raw), 0o600); err != nil {
			t.Fatal(err)
		}
		before := srv.count("/a.png")
		if got := mustGet(t, c, url); string(got) != string(png) || srv.count("/a.png") != before+1 {
			t.Fatal("a damaged file was served instead of fetched again")
		}
	}
}

func TestCacheRefusesWhatIsNotAWebImage(t *testing.T) {
	srv := newImageServer(t)
	png := picturetest.EncodePNG(t, gradient(8, 8))
	bomb := pngClaiming(60000, 60000)
	oversize := append(append([]byte(nil), png...), make([]byte, MaxImageBytes)...)
	redirect := httptest.NewServer(http.RedirectHandler("file:///etc/hostname", http.StatusFound))
	t.Cleanup(redirect.Close)
	c, dir := openCache(t, 0)
	for _, tc := range []struct {
		name, url, want string
	}{
		{"file URL", "file:///etc/hostname", "only http and https"},
		{"relative URL", "/a.png", "only http and https"},
		{"data URL", "data:image/png;base64,AAAA", "only http and https"},
		{"ftp URL", "ftp://example.invalid/a.png", "only http and https"},
		{"redirect to file", redirect.URL + "/a.png", "unsupported scheme"},
		{"HTML page", srv.serve("/page", "text/html", []byte("<html>hello</html>")), "served as \"text/html\""},
		{"PNG served as HTML", srv.serve("/png-as-html", "text/html; charset=utf-8", png), "served as \"text/html\""},
		{"HTML served as PNG", srv.serve("/html-as-png", "image/png", []byte("<html>\x1b[31mred</html>")), "not a png, jpeg"},
		{"SVG", srv.serve("/a.svg", "image/svg+xml", []byte("<svg/>")), "not a png, jpeg"},
		{"decompression bomb", srv.serve("/bomb.png", "image/png", bomb), "too large"},
		{"oversize body", srv.serve("/big.png", "image/png", oversize), "larger than 8"},
		{"missing", srv.URL + "/missing.png", "404"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Get(context.Background(), tc.url)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Get(%q) = %v, want an error containing %q", tc.url, err, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files stored from refused fetches", len(entries))
	}
	if _, err := c.Get(context.Background(), "file:///etc/hostname"); !errors.Is(err, feed.ErrNotWeb) {
		t.Errorf("file URL: %v, want feed.ErrNotWeb", err)
	}
}

func TestCacheGivesUpOnASlowServer(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // never answers until the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	c, _ := openCache(t, 0, WithClient(feed.NewClient(feed.Options{Timeout: 200 * time.Millisecond})))
	_, err := c.Get(context.Background(), slow.URL+"/a.png")
	if err == nil || !strings.Contains(err.Error(), "timed out") && !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("Get from a silent server = %v, want a timeout", err)
	}
}

func TestDefaultDirFollowsXDG(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/var/cache/someone")
	if d, err := DefaultDir(); err != nil || d != "/var/cache/someone/herald/images" {
		t.Errorf("DefaultDir = %q, %v", d, err)
	}
	t.Setenv("XDG_CACHE_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/reader")
	if d, err := DefaultDir(); err != nil || d != "/home/reader/.cache/herald/images" {
		t.Errorf("DefaultDir = %q, %v", d, err)
	}
}

// pngClaiming returns a PNG signature and a valid IHDR chunk claiming a
// w×h RGBA image, and no pixels: a decompression bomb's header.
func pngClaiming(w, h uint32) []byte { return pngClaimingDepth(w, h, 8) }

// pngClaimingDepth is pngClaiming with depth bits a channel (8 or 16).
func pngClaimingDepth(w, h uint32, depth byte) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, 6, 0, 0, 0) // RGBA, no interlace
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)-4))
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}
