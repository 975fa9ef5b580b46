package tui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// The served picture, picW×picH pixels: its upper half picturetest.Red,
// its lower half picturetest.Blue, so that half-block cells read back tell
// where they come from.
const picW, picH = 48, 32 // pixels: 48 cells by 16 rows of half-blocks

// pictureServer serves an article page with two figures, the first
// picture, and a 404 for the second.
type pictureServer struct {
	*httptest.Server
	hits atomic.Int64 // picture requests
}

// figuresHTML is an article with two figures, their pictures at base.
func figuresHTML(base string) string {
	var b strings.Builder
	b.WriteString("<p>The harbour woke early on Monday, and the first ferry left the quay before dawn.</p>")
	fmt.Fprintf(&b, `<figure><img src="%s/img/ferry.png" alt="The ferry"><figcaption>The morning ferry leaves the north quay. Photo: Jonas Krebs / Harbour Press</figcaption></figure>`, base)
	b.WriteString("<p>Fishermen mended their nets on the breakwater while the gulls waited.</p>")
	fmt.Fprintf(&b, `<figure><img src="%s/img/gone.png" alt="Gone"><figcaption>The lighthouse at dusk. Photo: Mira Holm</figcaption></figure>`, base)
	b.WriteString("<p>By noon the market was full, and the story of the storm was told again.</p>")
	return b.String()
}

func newPictureServer(t testing.TB) *pictureServer {
	t.Helper()
	s := &pictureServer{}
	pngBytes := picturetest.EncodePNG(t, picturetest.TopBottom(picW, picH, picturetest.Red, picturetest.Blue))
	mux := http.NewServeMux()
	mux.HandleFunc("/img/ferry.png", func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes)
	})
	mux.HandleFunc("/img/gone.png", func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		http.NotFound(w, r)
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>Harbour</title></head><body><article><h1>The harbour at dawn</h1>%s%s</article></body></html>",
			figuresHTML(s.URL), strings.Repeat("<p>More of the day at the harbour, told by those who were there and saw it all.</p>", 6))
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// pictureFixture is a store with one feed whose one story has two
// figures, and a service that fetches pictures through a real image cache.
type pictureFixture struct {
	st  *store.Store
	svc *service.Service
	srv *pictureServer
	id  int64
}

func newPictureFixture(t testing.TB) *pictureFixture {
	t.Helper()
	ctx := context.Background()
	srv := newPictureServer(t)
	st := openStore(t)
	client := feed.NewClient(feed.Options{Timeout: time.Minute})
	cache, err := images.Open(filepath.Join(t.TempDir(), "images"), images.DefaultCacheBytes, images.WithClient(client))
	if err != nil {
		t.Fatal(err)
	}
	svc := &service.Service{Store: st, Client: client, Now: func() time.Time { return testNow },
		ImageURLs: render.ImageURLs, Images: cache}
	it := item("harbour", "The harbour at dawn", srv.URL+"/story", "Ana Reyes",
		time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), figuresHTML(srv.URL))
	fd := saveFeed(t, st, srv.URL+"/feed.xml", "Harbour News", []store.NewItem{it}, "")
	items, err := st.Items(ctx, store.ItemQuery{FeedIDs: []int64{fd.ID}})
	if err != nil || len(items) != 1 {
		t.Fatalf("items: %v %v", items, err)
	}
	return &pictureFixture{st: st, svc: svc, srv: srv, id: items[0].ID}
}

// deps are the UI's dependencies with pictures drawn by d.
func (f *pictureFixture) deps(d *images.Drawer) Deps {
	return Deps{Service: f.svc, Dark: true, Title: "herald test", Clipboard: &strings.Builder{},
		Renderer: render.New(render.Options{Dark: true, Profile: termenv.TrueColor}), Pictures: d}
}

// openHarbour opens the story in a window of w×h cells.
func openHarbour(h *harness, w, hgt int) {
	h.t.Helper()
	h.send(tea.WindowSizeMsg{Width: w, Height: hgt})
	h.selectFeed("Harbour News")
	h.keys("enter")
	h.selectItem("The harbour at dawn")
	h.keys("enter")
	if h.m.top() != screenReader || !h.m.reader.shown {
		h.t.Fatalf("reader not showing the story: screen %v, err %q", h.m.top(), h.m.reader.err)
	}
}

// pictureRows finds the rows of the view made of ▀ cells: the index of
// the first in the view's lines, and each one's cells.
func pictureRows(t testing.TB, view string) (first int, rows [][]picturetest.Cell) {
	t.Helper()
	first = -1
	for _, r := range picturetest.HalfblockRows(t, view) {
		if first < 0 {
			first = r.Line
		}
		rows = append(rows, r.Cells)
	}
	return first, rows
}

// checkTwoTone checks that the half-block rows draw the served picture:
// the upper rows in its top colour, the lower ones in its bottom colour,
// every row the picture's width.
func checkTwoTone(t testing.TB, rows [][]picturetest.Cell) {
	t.Helper()
	if len(rows) != picH/2 {
		t.Fatalf("%d picture rows, want %d", len(rows), picH/2)
	}
	for r, cells := range rows {
		if len(cells) != picW {
			t.Fatalf("picture row %d has %d cells, want %d", r, len(cells), picW)
		}
		want := picturetest.Red
		if r >= len(rows)/2 {
			want = picturetest.Blue
		}
		for c, cell := range cells {
			if !picturetest.Near(cell.Fg, want, 8) || !picturetest.Near(cell.Bg, want, 8) {
				t.Fatalf("picture row %d cell %d: fg %v bg %v, want %v", r, c, cell.Fg, cell.Bg, want)
			}
		}
	}
}

// plainLines is the view without its escape sequences, line by line.
func plainLines(view string) []string { return strings.Split(ansi.Strip(view), "\n") }

// lineWith returns the index of the first line holding s, or -1.
func lineWith(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}
	return -1
}
