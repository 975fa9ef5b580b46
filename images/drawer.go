package images

import (
	"image"
	"image/color"
	"os"
	"sync"

	"github.com/herald-reader/herald/internal/lru"
)

// Bounds of a Drawer's memory.
const (
	// maxKeptSide is the longest side, in pixels, of an image as the Drawer
	// keeps it: enough for a 100-column picture of 10-pixel cells (the
	// default reading measure is 72), and 4 MiB at most an image.
	maxKeptSide = 1024
	// maxKeptPixelBytes bounds the decoded images kept (RGBA bytes): the
	// pictures of a few articles.
	maxKeptPixelBytes = 24 << 20
	// maxDrawnBytes bounds the drawn pictures kept (bytes of text).
	maxDrawnBytes = 8 << 20
)

// Drawer draws the pictures of the reader: decoded once (Add), drawn in
// the Mode it was made with, at each size asked for (Picture), the drawn
// lines kept in a bounded cache. It is safe for concurrent use.
//
// ModeHalfblocks, ModeSixel and ModeAuto draw half-block lines in
// Picture: sixel needs a screen region herald owns, which the TUI's frame
// is not, so sixel is drawn only through SixelBlock (the CLI's show).
// ModeKitty draws placeholder cells and queues the transmission of the
// image for TakeTransmissions. ModeOff draws nothing.
type Drawer struct {
	mode         Mode
	bg           color.Color
	cellW, cellH int

	mu      sync.Mutex
	images  *lru.Cache[string, *image.RGBA]  // by URL, composited over bg
	drawn   *lru.Cache[pictureKey, []string] // lines by URL and size
	kittyID map[pictureKey]uint32            // ids given to (URL, placement size)
	nextID  uint32
	pending []string // kitty transmissions not yet taken
}

// pictureKey names one drawing: an image at a size in cells.
type pictureKey struct {
	url        string
	cols, rows int
}

// NewDrawer returns a Drawer for mode that composites transparency over
// bg (the theme's background; nil: black). Cells are assumed to be
// DefaultCellWidth×DefaultCellHeight pixels until SetCellSize.
func NewDrawer(mode Mode, bg color.Color) *Drawer {
	if bg == nil {
		bg = color.Black
	}
	r, g, b, _ := bg.RGBA()
	return &Drawer{
		mode:  mode,
		bg:    color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}, // opaque
		cellW: DefaultCellWidth, cellH: DefaultCellHeight,
		images:  lru.New[string](maxKeptPixelBytes, func(m *image.RGBA) int { return len(m.Pix) }),
		drawn:   lru.New[pictureKey](maxDrawnBytes, drawnBytes),
		kittyID: map[pictureKey]uint32{},
		// Image ids are shared by every program in a kitty window; starting
		// from the process id keeps two herald processes apart. Ids stay
		// within 24 bits (the foreground colour alone carries them).
		nextID: uint32(os.Getpid()&0x7fff)<<8 | 1,
	}
}

// Bytes is what the Drawer keeps now, in bytes: decoded images and drawn
// rows (at most 32 MiB). A program that bounds its heap (the reader's soft
// memory limit) adds it to its own budget.
func (d *Drawer) Bytes() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return int64(d.images.Total() + d.drawn.Total())
}

// Mode returns the mode the Drawer draws in.
func (d *Drawer) Mode() Mode { return d.mode }

// SetCellSize sets the terminal's cell size in pixels (as the terminal
// reported it), for kitty and sixel; zero or negative values are ignored.
func (d *Drawer) SetCellSize(w, h int) {
	if w <= 0 || h <= 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if w != d.cellW || h != d.cellH {
		d.cellW, d.cellH = w, h
		d.drawn.Clear() // sizes in pixels changed
	}
}

// Add decodes the image fetched from url (see Decode) and keeps it for
// Picture; an image already kept is not decoded again. It does nothing in
// ModeOff.
func (d *Drawer) Add(url string, data []byte) error {
	if d.mode == ModeOff {
		return nil
	}
	d.mu.Lock()
	_, ok := d.images.Get(url)
	d.mu.Unlock()
	if ok {
		return nil
	}
	img, err := Decode(data)
	if err != nil {
		return err
	}
	b := img.Bounds()
	w, h := fitPixels(b.Dx(), b.Dy(), maxKeptSide, maxKeptSide)
	kept := scale(img, w, h, d.bg)
	d.mu.Lock()
	d.images.Put(url, kept)
	d.mu.Unlock()
	return nil
}

// Has reports whether the image at url has been added (and is still kept).
func (d *Drawer) Has(url string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.images.Contains(url)
}

// Picture returns the image at url drawn in at most cols×rows cells, one
// string per row (SGR sequences and printable characters only), and true;
// false when the image has not been added, the box is empty or the mode
// is ModeOff. The lines are shared: callers must not modify the slice.
func (d *Drawer) Picture(url string, cols, rows int) ([]string, bool) {
	if d.mode == ModeOff || cols <= 0 || rows <= 0 {
		return nil, false
	}
	key := pictureKey{url, cols, rows}
	d.mu.Lock()
	if lines, ok := d.drawn.Get(key); ok {
		d.mu.Unlock()
		return lines, true
	}
	img, ok := d.images.Get(url)
	cellW, cellH := d.cellW, d.cellH
	d.mu.Unlock()
	if !ok {
		return nil, false
	}

	var lines []string
	if d.mode == ModeKitty {
		lines = d.kittyPicture(img, key, cellW, cellH)
	} else {
		w, h := fitCells(img, cols, rows, 1, 2)
		lines = Halfblocks(scale(img, w, h, d.bg), cols, rows)
	}
	if len(lines) == 0 {
		return nil, false
	}
	d.mu.Lock()
	d.drawn.Put(key, lines)
	d.mu.Unlock()
	return lines, true
}

// kittyPicture returns the placeholder lines of img in key's box and
// queues its transmission at that size, once per image id.
func (d *Drawer) kittyPicture(img *image.RGBA, key pictureKey, cellW, cellH int) []string {
	w, h := fitCells(img, min(key.cols, MaxKittyCells), min(key.rows, MaxKittyCells), cellW, cellH)
	if w == 0 || h == 0 {
		return nil
	}
	// The placement covers the cells the fitted image touches.
	cols, rows := (w+cellW-1)/cellW, (h+cellH-1)/cellH
	placement := pictureKey{key.url, cols, rows}
	d.mu.Lock()
	id, known := d.kittyID[placement]
	if !known {
		id = d.nextID
		d.nextID = (d.nextID + 1) & 0xffffff
		if d.nextID == 0 {
			d.nextID = 1
		}
		d.kittyID[placement] = id
	}
	d.mu.Unlock()
	if !known {
		seq := KittyTransmit(scale(img, w, h, d.bg), id, cols, rows)
		if seq == "" {
			return nil
		}
		d.mu.Lock()
		d.pending = append(d.pending, seq)
		d.mu.Unlock()
	}
	return KittyPlaceholders(id, cols, rows)
}

// TakeTransmissions returns, once, the kitty graphics sequences queued by
// Picture since the last call. The caller writes them to the terminal
// outside bubbletea's View (they are not text and would break its line
// diff), before or with the frame that shows their placeholders.
func (d *Drawer) TakeTransmissions() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := d.pending
	d.pending = nil
	return out
}

// SixelBlock returns the DCS sixel sequence that draws the image at url in
// at most cols×rows cells, the number of rows it covers, and true; false
// when the image has not been added or the mode is ModeOff. It is for
// output herald owns whole (the CLI's show), whatever the Drawer's mode.
func (d *Drawer) SixelBlock(url string, cols, rows int) (string, int, bool) {
	if d.mode == ModeOff {
		return "", 0, false
	}
	d.mu.Lock()
	img, ok := d.images.Get(url)
	cellW, cellH := d.cellW, d.cellH
	d.mu.Unlock()
	if !ok {
		return "", 0, false
	}
	seq, covered := Sixel(img, cols, rows, cellW, cellH)
	return seq, covered, seq != ""
}

// drawnBytes is what drawn lines cost in the Drawer's cache: their bytes.
func drawnBytes(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	return n
}
