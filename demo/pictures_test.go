package demo

import (
	"bytes"
	"context"
	"errors"
	"image"
	_ "image/jpeg"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// TestDemoFiguresAreServed loads the demo as `herald demo` does and asks
// the service for every figure the reader would show: each is one of the
// embedded pictures, decodes, and has the size it was drawn at; and every
// embedded picture is some article's figure.
func TestDemoFiguresAreServed(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := &service.Service{Store: st, ImageURLs: render.ImageURLs, Images: Pictures{}}
	if _, err := Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, store.ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, it := range items {
		_, md, err := svc.Article(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range svc.ImageURLs(md) {
			data, err := svc.Picture(ctx, u)
			if err != nil {
				t.Errorf("%q: figure %s: %v", it.Title, u, err)
				continue
			}
			checkPicture(t, u, data)
			if !slices.Contains(shown, u) {
				shown = append(shown, u)
			}
		}
	}
	var served []string
	for u := range pictureFile {
		served = append(served, u)
	}
	slices.Sort(shown)
	slices.Sort(served)
	if !slices.Equal(shown, served) {
		t.Errorf("the articles show %q,\nthe demo serves %q", shown, served)
	}
}

// checkPicture says whether data is a JPEG of about 480×300 pixels, small
// enough to embed.
func checkPicture(t *testing.T, url string, data []byte) {
	t.Helper()
	if len(data) > 40<<10 {
		t.Errorf("%s: %d bytes, want at most 40 KiB", url, len(data))
	}
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", url, err)
		return
	}
	b := img.Bounds()
	if format != "jpeg" || b.Dx() < 400 || b.Dx() > 560 || b.Dy() < 250 || b.Dy() > 350 {
		t.Errorf("%s: a %s of %v, want a JPEG of about 480×300", url, format, b.Size())
	}
}

// TestDemoPicturesRefuseOtherAddresses: only the figures' exact addresses
// are served, never a tracking pixel or a near miss, and never after the
// caller gave up.
func TestDemoPicturesRefuseOtherAddresses(t *testing.T) {
	ctx := context.Background()
	for _, u := range []string{
		"https://stats.herald.example/t.gif",
		"https://pixel.herald.example/1x1.png",
		"https://track.herald.example/pixel.gif?id=aldane",
		"https://coastline.herald.example/img/walkers.jpg",
		"http://coastline.herald.example/img/ferry.jpg",
		"https://coastline.herald.example/img/ferry.jpg?w=800",
		"https://coastline.herald.example/img/../img/ferry.jpg",
		"ferry.jpg",
		"",
	} {
		data, err := Pictures{}.Get(ctx, u)
		if !errors.Is(err, ErrNotInDemo) || data != nil {
			t.Errorf("Get(%q) = %d bytes, %v; want ErrNotInDemo", u, len(data), err)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := (Pictures{}).Get(cancelled, "https://coastline.herald.example/img/ferry.jpg"); !errors.Is(err, context.Canceled) {
		t.Errorf("Get after cancel: %v", err)
	}
}

// TestDemoPicturesAreAllUsed keeps pictures/ to the files the demo serves.
func TestDemoPicturesAreAllUsed(t *testing.T) {
	files, err := fs.Glob(pictureFiles, "pictures/*")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, name := range pictureFile {
		names = append(names, "pictures/"+name)
	}
	slices.Sort(names)
	if !slices.Equal(files, names) {
		t.Errorf("pictures/ holds %q, the demo serves %q", files, names)
	}
}
