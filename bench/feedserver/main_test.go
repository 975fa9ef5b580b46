package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mmcdole/gofeed"
)

func testServer(t *testing.T, cfg config) (*server, *httptest.Server) {
	t.Helper()
	s := &server{cfg: cfg}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.c = generate(cfg, []string{ts.URL})
	s.offsets = make([]atomic.Int64, cfg.n)
	return s, ts
}

func get(t *testing.T, url string, hdr map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	// A bare transport: no transparent gzip, so the test sees the encoding.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestFeedsParseAndSizes(t *testing.T) {
	cfg := config{n: 10, ports: 1, items: 30, atomEvery: 5, seed: 7}
	s, _ := testServer(t, cfg)
	var atom int
	for _, d := range s.c.feeds {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(d.plain()))
		if err != nil {
			t.Fatalf("feed %d: %v", d.index, err)
		}
		if d.atom {
			atom++
		}
		if len(f.Items) != 30 {
			t.Fatalf("feed %d: %d items, want 30", d.index, len(f.Items))
		}
		for _, it := range f.Items {
			if n := len(it.Content); n < 2048 || n > 9000 {
				t.Errorf("feed %d item %q: content %d bytes, want 2–8 KB", d.index, it.Title, n)
			}
			if it.PublishedParsed == nil || it.Title == "" || it.Link == "" {
				t.Errorf("feed %d: item missing date, title or link: %+v", d.index, it)
			}
		}
	}
	if atom != 2 {
		t.Errorf("%d Atom feeds, want 2", atom)
	}
}

func TestDeterministic(t *testing.T) {
	cfg := config{n: 3, ports: 1, items: 5, atomEvery: 2, seed: 3}
	a := generate(cfg, []string{"http://x"})
	b := generate(cfg, []string{"http://x"})
	for i := range a.feeds {
		if !bytes.Equal(a.feeds[i].plain(), b.feeds[i].plain()) || a.feeds[i].etag != b.feeds[i].etag {
			t.Fatalf("feed %d differs between two generations", i)
		}
	}
	cfg.seed = 4
	c := generate(cfg, []string{"http://x"})
	if bytes.Equal(a.feeds[0].plain(), c.feeds[0].plain()) {
		t.Fatal("another seed gave the same feed")
	}
}

// TestPrefixIsSmallerCorpus pins what bench/refresh.sh --scale relies on: the
// first N feeds of a larger corpus are the corpus of N feeds.
func TestPrefixIsSmallerCorpus(t *testing.T) {
	bases := []string{"http://a", "http://b", "http://c"}
	small := generate(config{n: 4, ports: 3, items: 5, atomEvery: 3, seed: 2}, bases)
	large := generate(config{n: 11, ports: 3, items: 5, atomEvery: 3, seed: 2}, bases)
	for i, d := range small.feeds {
		if !bytes.Equal(d.gz, large.feeds[i].gz) || d.feedURL != large.feeds[i].feedURL {
			t.Fatalf("feed %d differs between a corpus of 4 and one of 11", i)
		}
	}
}

func TestConditionalAndGzip(t *testing.T) {
	cfg := config{n: 2, ports: 1, items: 3, atomEvery: 0, seed: 1}
	s, ts := testServer(t, cfg)
	url := ts.URL + "/feed/1.rss"

	r := get(t, url, nil)
	if r.StatusCode != 200 || r.Header.Get("ETag") == "" || r.Header.Get("Last-Modified") == "" {
		t.Fatalf("first GET: %d %v", r.StatusCode, r.Header)
	}
	body, _ := io.ReadAll(r.Body)
	if !bytes.Equal(body, s.c.feeds[1].plain()) {
		t.Fatal("body is not feed 1")
	}
	etag, lm := r.Header.Get("ETag"), r.Header.Get("Last-Modified")

	for _, tc := range []struct {
		name string
		hdr  map[string]string
		want int
	}{
		{"etag", map[string]string{"If-None-Match": etag}, 304},
		{"weak etag in list", map[string]string{"If-None-Match": `"x", W/` + etag}, 304},
		{"other etag", map[string]string{"If-None-Match": `"nope"`, "If-Modified-Since": lm}, 200},
		{"last-modified", map[string]string{"If-Modified-Since": lm}, 304},
		{"older date", map[string]string{"If-Modified-Since": "Mon, 02 Jan 2006 15:04:05 GMT"}, 200},
	} {
		if r := get(t, url, tc.hdr); r.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, r.StatusCode, tc.want)
		}
	}

	r = get(t, url, map[string]string{"Accept-Encoding": "gzip, deflate"})
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", r.Header)
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	unz, _ := io.ReadAll(zr)
	if !bytes.Equal(unz, s.c.feeds[1].plain()) {
		t.Fatal("gzipped body differs")
	}
	st := s.st.snapshot(false)
	if st.NotModified != 3 || st.OK != 4 || st.Gzip != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestRotateGivesNewItems(t *testing.T) {
	cfg := config{n: 1, ports: 1, items: 4, rotate: 2, seed: 1}
	_, ts := testServer(t, cfg)
	first := get(t, ts.URL+"/feed/0.rss", nil)
	b1, _ := io.ReadAll(first.Body)
	second := get(t, ts.URL+"/feed/0.rss", map[string]string{"If-None-Match": first.Header.Get("ETag")})
	b2, _ := io.ReadAll(second.Body)
	if second.StatusCode != 200 || bytes.Equal(b1, b2) {
		t.Fatalf("rotate: status %d, same body %v", second.StatusCode, bytes.Equal(b1, b2))
	}
}

func TestPagesAndOPML(t *testing.T) {
	cfg := config{n: 9, ports: 1, items: 2, seed: 1}
	s, ts := testServer(t, cfg)
	r := get(t, ts.URL+"/news/3/1.html", nil)
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 || !strings.Contains(string(b), "<article>") {
		t.Fatalf("article page: %d", r.StatusCode)
	}
	r = get(t, ts.URL+"/site/3/", nil)
	b, _ = io.ReadAll(r.Body)
	if !strings.Contains(string(b), s.c.feeds[3].feedURL) {
		t.Fatal("site page does not advertise its feed")
	}
	opml := string(s.c.opml())
	for _, d := range s.c.feeds {
		if !strings.Contains(opml, `xmlUrl="`+d.feedURL+`"`) {
			t.Fatalf("OPML misses %s", d.feedURL)
		}
	}
}

func TestRotateWrapsWithNewGUIDs(t *testing.T) {
	cfg := config{n: 1, ports: 1, items: 2, rotate: 3, seed: 1}
	s, _ := testServer(t, cfg)
	d := s.c.feeds[0]
	seen := map[string]bool{}
	for off := 0; off < 30; off += 3 {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(d.buildDoc(off, 2)))
		if err != nil {
			t.Fatalf("offset %d: %v", off, err)
		}
		for _, it := range f.Items {
			if seen[it.GUID] {
				t.Fatalf("offset %d: GUID %s seen before", off, it.GUID)
			}
			seen[it.GUID] = true
		}
	}
}
