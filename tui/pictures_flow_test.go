package tui

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/kitty"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// TestReaderShowsPictures: the story's first picture, fetched from a
// loopback server through the image cache, replaces its `Image [1]` label
// with half-block rows in the served colours, in the text column, its
// caption right below; the second picture (404) keeps its label. Pictures
// are fetched once: reopening the story asks the server for nothing.
func TestReaderShowsPictures(t *testing.T) {
	f := newPictureFixture(t)
	d := images.NewDrawer(images.ModeHalfblocks, PictureBackground(true))
	h := newHarness(t, f.deps(d))
	openHarbour(h, 100, 60)

	view := h.view()
	first, rows := pictureRows(t, view)
	checkTwoTone(t, rows)
	lines := plainLines(view)
	left, _ := h.m.c.rend.Column(100)
	if pad := strings.Repeat(" ", left); !strings.HasPrefix(lines[first], pad+"▀") {
		t.Errorf("picture row not in the text column (indent %d): %q", left, lines[first])
	}
	if i := lineWith(lines, "Image [1]"); i >= 0 {
		t.Errorf("the first figure's label is still shown on line %d:\n%s", i, strings.Join(lines, "\n"))
	}
	below := lines[first+len(rows)]
	if !strings.Contains(below, "The morning ferry leaves the north quay") {
		t.Errorf("line under the picture = %q, want the caption", below)
	}
	label := lineWith(lines, "Image [2]")
	if label < 0 || !strings.Contains(lines[label+1], "The lighthouse at dusk") {
		t.Errorf("the second figure lost its label or caption:\n%s", strings.Join(lines, "\n"))
	}
	if n := f.srv.hits.Load(); n != 2 {
		t.Errorf("%d picture requests, want 2", n)
	}

	h.keys("esc")
	h.keys("enter")
	if _, rows := pictureRows(t, h.view()); len(rows) != picH/2 {
		t.Errorf("reopened: %d picture rows, want %d", len(rows), picH/2)
	}
	if n := f.srv.hits.Load(); n != 2 {
		t.Errorf("reopening asked for pictures again: %d requests", n)
	}
}

// holdPictures makes h keep back every pictureLoadedMsg, and its batch
// windows open without a timer; it returns the count of windows opened.
func holdPictures(h *harness) *int {
	h.hold = func(msg tea.Msg) bool { _, ok := msg.(pictureLoadedMsg); return ok }
	windows := new(int)
	h.m.c.pics.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd {
		*windows++
		return nil
	}
	return windows
}

// bodyTop is the first line of text at the top of the reader's viewport.
func bodyTop(h *harness) string {
	for _, l := range plainLines(h.m.reader.vp.View()) {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// TestPicturesArriveTogether: two pictures arriving make one render, once
// the last is in, and the text the reader was at stays at the top of the
// viewport though a picture above it took 16 more rows.
func TestPicturesArriveTogether(t *testing.T) {
	f := newPictureFixture(t)
	d := images.NewDrawer(images.ModeHalfblocks, PictureBackground(true))
	h := newHarness(t, f.deps(d))
	windows := holdPictures(h)
	openHarbour(h, 100, 16)
	if len(h.held) != 2 {
		t.Fatalf("%d pictures loaded, want 2", len(h.held))
	}
	if _, rows := pictureRows(t, h.view()); len(rows) != 0 || !strings.Contains(h.view(), "Image [1]") {
		t.Fatalf("pictures shown before they arrived:\n%s", h.view())
	}
	for !strings.HasPrefix(bodyTop(h), "Fishermen mended") {
		if h.m.reader.vp.AtBottom() {
			t.Fatalf("never scrolled to the second paragraph:\n%s", h.view())
		}
		h.keys("j")
	}
	off, gen := h.m.reader.vp.YOffset, h.m.reader.gen

	held := h.held
	h.hold, h.held = nil, nil
	h.send(held[0]) // the picture: the other is still on its way
	if h.m.reader.gen != gen || *windows != 1 {
		t.Errorf("one picture of two: gen %d→%d, %d batch windows; want no render and one window", gen, h.m.reader.gen, *windows)
	}
	h.send(held[1]) // the 404: the last one, so the render
	if h.m.reader.want.pics != 1 || !h.m.reader.shown {
		t.Fatalf("after both: want %+v shown %v", h.m.reader.want, h.m.reader.shown)
	}
	if got := bodyTop(h); !strings.HasPrefix(got, "Fishermen mended") {
		t.Errorf("top of the viewport moved to %q", got)
	}
	if h.m.reader.vp.YOffset != off+picH/2-1 {
		t.Errorf("offset %d → %d, want %d (16 picture rows for the 1-line label)", off, h.m.reader.vp.YOffset, off+picH/2-1)
	}
	// The window closing later finds nothing new.
	gen = h.m.reader.gen
	h.send(picturesDueMsg{gen: h.m.reader.picsGen})
	if h.m.reader.gen != gen {
		t.Error("a closing batch window rendered again")
	}
}

// TestPicturesBatchWindow: a picture waiting for a slow one is shown when
// the batch window closes; the slow one failing then renders nothing.
func TestPicturesBatchWindow(t *testing.T) {
	f := newPictureFixture(t)
	d := images.NewDrawer(images.ModeHalfblocks, PictureBackground(true))
	h := newHarness(t, f.deps(d))
	holdPictures(h)
	openHarbour(h, 100, 60)
	held := h.held
	h.hold, h.held = nil, nil
	h.send(held[0])
	h.send(picturesDueMsg{gen: h.m.reader.picsGen - 1}) // another article's window
	if _, rows := pictureRows(t, h.view()); len(rows) != 0 {
		t.Fatal("a stale batch window rendered")
	}
	h.send(picturesDueMsg{gen: h.m.reader.picsGen})
	_, rows := pictureRows(t, h.view())
	checkTwoTone(t, rows)
	gen := h.m.reader.gen
	h.send(held[1])
	if h.m.reader.gen != gen {
		t.Error("a failed picture rendered the article again")
	}
	if !strings.Contains(h.view(), "Image [2]") {
		t.Error("the failed picture lost its label")
	}
}

// TestReaderKittyPictures: in kitty mode the view holds only placeholder
// cells, in the image id's colour; the image is transmitted once, to
// Graphics, outside View, and decodes back to the served picture.
func TestReaderKittyPictures(t *testing.T) {
	f := newPictureFixture(t)
	gfx := &bytes.Buffer{}
	d := images.NewDrawer(images.ModeKitty, PictureBackground(true))
	deps := f.deps(d)
	deps.Graphics = gfx
	h := newHarness(t, deps)
	openHarbour(h, 100, 60)

	view := h.view()
	if strings.Contains(view, "\x1b_") || strings.Contains(view, "\x1bP") {
		t.Fatalf("graphics sequence inside the view: %q", view)
	}
	frames := picturetest.KittyChunks(t, gfx.String()) // nothing but kitty transmissions
	if len(frames) == 0 {
		t.Fatalf("Graphics holds no kitty transmission: %q", gfx.String())
	}
	var opts kitty.Options
	if err := opts.UnmarshalText([]byte(frames[0].Control)); err != nil {
		t.Fatal(err)
	}
	if opts.Action != kitty.TransmitAndPut || !opts.VirtualPlacement || opts.Format != kitty.PNG || opts.ID == 0 {
		t.Fatalf("transmission keys %q", frames[0].Control)
	}
	img := picturetest.KittyImage(t, frames)
	b := img.Bounds()
	if b.Dx()*picH != b.Dy()*picW {
		t.Errorf("transmitted %v, want the picture's %d:%d aspect", b, picW, picH)
	}
	top := color.RGBAModel.Convert(img.At(b.Min.X+b.Dx()/2, b.Min.Y+b.Dy()/4)).(color.RGBA)
	bottom := color.RGBAModel.Convert(img.At(b.Min.X+b.Dx()/2, b.Max.Y-1-b.Dy()/4)).(color.RGBA)
	if !picturetest.Near(top, picturetest.Red, 8) || !picturetest.Near(bottom, picturetest.Blue, 8) {
		t.Errorf("transmitted colours %v / %v, want %v / %v", top, bottom, picturetest.Red, picturetest.Blue)
	}

	t.Logf("placement %d×%d cells, image %v, %d frames", opts.Columns, opts.Rows, b, len(frames))
	// The view places that image: opts.Rows rows of opts.Columns cells in
	// the id's colour, where the label was, the caption right below.
	idColour := fmt.Sprintf("\x1b[38;2;%d;%d;%dm%c", opts.ID>>16&0xff, opts.ID>>8&0xff, opts.ID&0xff, kitty.Placeholder)
	lines := strings.Split(view, "\n")
	var placed []int
	for i, l := range lines {
		if strings.Contains(l, idColour) {
			placed = append(placed, i)
			if n := strings.Count(l, string(kitty.Placeholder)); n != opts.Columns {
				t.Errorf("line %d has %d placeholder cells, want %d", i, n, opts.Columns)
			}
		}
	}
	if len(placed) != opts.Rows || opts.Rows == 0 {
		t.Fatalf("%d placeholder rows, want %d:\n%q", len(placed), opts.Rows, view)
	}
	if below := ansi.Strip(lines[placed[len(placed)-1]+1]); !strings.Contains(below, "The morning ferry") || strings.Contains(view, "Image [1]") {
		t.Errorf("under the placeholders: %q", below)
	}

	// Reopened, and at another width and back: placed again, never sent again.
	sent := gfx.Len()
	h.keys("esc", "enter")
	h.send(tea.WindowSizeMsg{Width: 90, Height: 60})
	h.send(tea.WindowSizeMsg{Width: 100, Height: 60})
	if !strings.Contains(h.view(), idColour) {
		t.Error("placeholders gone after reopening")
	}
	if gfx.Len() != sent {
		t.Errorf("the image was transmitted again: %d → %d bytes", sent, gfx.Len())
	}
}

// TestBookmarkPicturesOffline: a bookmark keeps its pictures, so with
// every server stopped and an empty image cache the reader still shows
// them.
func TestBookmarkPicturesOffline(t *testing.T) {
	f := newPictureFixture(t)
	ctx := context.Background()
	if err := f.svc.SaveBookmark(ctx, f.id); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := f.svc.BookmarkImage(ctx, f.srv.URL+"/img/ferry.png"); !ok || err != nil {
		t.Fatalf("the bookmark did not keep its picture: %v %v", ok, err)
	}
	f.srv.Close()
	client := feed.NewClient(feed.Options{Timeout: 5 * time.Second})
	empty, err := images.Open(filepath.Join(t.TempDir(), "images"), images.DefaultCacheBytes, images.WithClient(client))
	if err != nil {
		t.Fatal(err)
	}
	offline := &service.Service{Store: f.st, Client: client, Now: func() time.Time { return testNow },
		ImageURLs: render.ImageURLs, Images: empty}
	deps := f.deps(images.NewDrawer(images.ModeHalfblocks, PictureBackground(true)))
	deps.Service = offline
	h := newHarness(t, deps)
	openHarbour(h, 100, 60)
	_, rows := pictureRows(t, h.view())
	checkTwoTone(t, rows)
	if !strings.Contains(h.view(), "Image [2]") {
		t.Error("the picture the bookmark could not keep lost its label")
	}
}

// TestFullArticlePictures: `f` fetches the page, whose figures the feed's
// summary lacked; their pictures are then fetched and shown.
func TestFullArticlePictures(t *testing.T) {
	f := newPictureFixture(t)
	ctx := context.Background()
	it := item("summary", "Summary only", f.srv.URL+"/story", "", testNow.Add(-time.Hour), "<p>A short summary of the day.</p>")
	fd, err := f.st.FeedByURL(ctx, f.srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Title: "Harbour News", Items: []store.NewItem{it}, At: testNow}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps(images.NewDrawer(images.ModeHalfblocks, PictureBackground(true))))
	h.send(tea.WindowSizeMsg{Width: 100, Height: 60})
	h.selectFeed("Harbour News")
	h.keys("enter")
	h.selectItem("Summary only")
	h.keys("enter")
	if n := f.srv.hits.Load(); n != 0 || len(h.m.reader.pics) != 0 {
		t.Fatalf("pictures before f: %d requests, %v", n, h.m.reader.pics)
	}
	h.keys("f")
	_, rows := pictureRows(t, h.view())
	checkTwoTone(t, rows)
	if !strings.Contains(h.view(), "Image [2]") {
		t.Error("the failed picture lost its label")
	}
}
