package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
)

const (
	// pictureDeadline bounds fetching all the pictures of a page: a
	// picture not in by then keeps its `Image [n]` label.
	pictureDeadline = 8 * time.Second
	// pictureFetches is how many pictures are fetched at once.
	pictureFetches = 4
)

// drawPage renders md at width cells with its pictures (urls, from svc)
// drawn as t says, ready for the terminal: only the renderer's SGR
// styling, the picture cells, and in ModeKitty and ModeSixel the image
// sequences images generated, placed by herald.
func (a *app) drawPage(ctx context.Context, svc *service.Service, r *render.Renderer, md string, width int, t *terminalInfo, urls []string) (string, error) {
	fetch := pictureFetcher(svc)
	mode := t.mode
	if len(urls) == 0 || fetch == nil || !t.pictures || mode == images.ModeOff {
		out, err := r.Render(md, width)
		// The renderer already lets only its own SGR styling through;
		// SafeANSI is the last pass at the terminal boundary all the same.
		return render.SafeANSI(out), err
	}
	d := t.newDrawer()
	a.loadPictures(ctx, fetch, d, urls)

	switch mode {
	case images.ModeKitty:
		out, err := r.RenderWith(md, width, d)
		// The transmissions are APC sequences, not text: they go before
		// the page whose placeholder cells show them.
		return strings.Join(d.TakeTransmissions(), "") + render.SafeANSI(out), err
	case images.ModeSixel:
		sp, err := newSixelPictures(d, termHeight(a.stdout))
		if err != nil {
			return "", err
		}
		out, err := r.RenderWith(md, width, sp)
		return sp.place(render.SafeANSI(out)), err
	default:
		out, err := r.RenderWith(md, width, d)
		return render.SafeANSI(out), err
	}
}

// newDrawer returns a Drawer for the picture mode t decided (ModeOff
// when it decided none), set on the terminal's background with its cell
// size. The reader makes its Drawer here too: a.decideTerminal(true).newDrawer().
func (t *terminalInfo) newDrawer() *images.Drawer {
	mode := images.ModeOff
	if t.pictures {
		mode = t.mode
	}
	d := images.NewDrawer(mode, t.bg)
	d.SetCellSize(t.cellW, t.cellH)
	return d
}

// pictureFetcher returns how to get the bytes of a picture from svc: a
// bookmark's stored copy, else the image cache (svc.Picture); the image
// cache alone for a service with no store (read); nil when there is none.
func pictureFetcher(svc *service.Service) func(context.Context, string) ([]byte, error) {
	switch {
	case svc == nil:
		return nil
	case svc.Store != nil:
		return svc.Picture
	case svc.Images != nil:
		return svc.Images.Get
	}
	return nil
}

// loadPictures fetches the pictures at urls, pictureFetches at a time and
// all within pictureDeadline, and adds them to d. A picture that fails is
// logged, and noted on stderr with --debug; its figure keeps its label.
func (a *app) loadPictures(ctx context.Context, fetch func(context.Context, string) ([]byte, error), d *images.Drawer, urls []string) {
	ctx, cancel := context.WithTimeout(ctx, pictureDeadline)
	defer cancel()
	errs := make([]error, len(urls))
	slots := make(chan struct{}, pictureFetches)
	// One decode at a time: a decoded picture takes up to
	// images.MaxDecodedBytes before it is scaled down.
	var decoding sync.Mutex
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			data, err := fetch(ctx, u)
			if err == nil {
				decoding.Lock()
				err = d.Add(u, data)
				decoding.Unlock()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			continue
		}
		a.log.Warn("picture", "url", urls[i], "err", err)
		if a.debug {
			fmt.Fprintf(a.stderr, "herald: picture %s: %s\n", sanitize.Line(urls[i]), sanitize.Line(err.Error()))
		}
	}
}

// sixelPictures stands in for a Drawer in sixel mode: sixel is not text,
// so the page is rendered with blank rows that carry a marker where each
// picture goes, and place swaps each run of them for the picture.
//
// The marker is four runes of the supplementary private use area drawn at
// random for each run, then one naming the picture: text from a feed
// cannot guess it, so only herald's rows are swapped.
type sixelPictures struct {
	d       *images.Drawer
	maxRows int    // the most rows a picture may take; 0: no limit
	tag     string // the run's marker

	mu     sync.Mutex
	blocks []sixelBlock // by the picture's number
}

// sixelBlock is one picture to place: its DCS sequence and the rows it
// covers.
type sixelBlock struct {
	seq  string
	rows int
}

const (
	// markerBase is the first rune of the plane 15 private use area; the
	// marker's runes are drawn from it and the 65534 after.
	markerBase = 0xF0000
	markerSpan = 0xFFFFE - markerBase
)

// newSixelPictures returns the sixel stand-in for d on a terminal of
// termRows rows (0: unknown): a picture then takes at most termRows-2
// rows, so that it and the row under it fit on the screen at once.
func newSixelPictures(d *images.Drawer, termRows int) (*sixelPictures, error) {
	var seed [8]byte
	if _, err := rand.Read(seed[:]); err != nil {
		return nil, fmt.Errorf("sixel marker: %w", err)
	}
	var tag strings.Builder
	for i := 0; i < 4; i++ {
		v := binary.LittleEndian.Uint16(seed[2*i:])
		tag.WriteRune(rune(markerBase + int(v)%markerSpan))
	}
	s := &sixelPictures{d: d, tag: tag.String()}
	if termRows > 0 {
		s.maxRows = max(termRows-2, 1)
	}
	return s, nil
}

// Picture draws the image at url as sixel in at most cols×rows cells, and
// returns the marker rows that hold its place.
func (s *sixelPictures) Picture(url string, cols, rows int) ([]string, bool) {
	if s.maxRows > 0 {
		rows = min(rows, s.maxRows)
	}
	seq, covered, ok := s.d.SixelBlock(url, cols, rows)
	if !ok || covered <= 0 || covered > rows {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.blocks) >= markerSpan {
		return nil, false
	}
	row := s.tag + string(rune(markerBase+len(s.blocks)))
	s.blocks = append(s.blocks, sixelBlock{seq: seq, rows: covered})
	lines := make([]string, covered)
	for i := range lines {
		lines[i] = row
	}
	return lines, true
}

// place swaps each run of marker rows in page for its picture: as many
// newlines as the picture has rows (so that the screen scrolls first, and
// the row under it exists), back up to its top, the sixel at the marker's
// column, then the cursor back where the newlines left it, on the row
// under the picture. A run that is not the picture's height whole is left
// blank.
func (s *sixelPictures) place(page string) string {
	lines := strings.Split(page, "\n")
	var b strings.Builder
	b.Grow(len(page))
	for i := 0; i < len(lines); {
		id, col, ok := s.marker(lines[i])
		if !ok {
			b.WriteString(lines[i])
			if i < len(lines)-1 {
				b.WriteByte('\n')
			}
			i++
			continue
		}
		n := 1
		for i+n < len(lines) {
			if next, _, ok := s.marker(lines[i+n]); !ok || next != id {
				break
			}
			n++
		}
		b.WriteString(strings.Repeat("\n", n))
		if blk := s.blocks[id]; blk.rows == n {
			b.WriteString(ansi.SaveCursor)
			b.WriteString(ansi.CursorUp(n))
			b.WriteString(ansi.CursorHorizontalAbsolute(col + 1))
			b.WriteString(blk.seq)
			b.WriteString(ansi.RestoreCursor)
		}
		i += n
	}
	return b.String()
}

// marker reads a marker row: the picture's number and the column the
// marker starts at; ok is false for any other line.
func (s *sixelPictures) marker(line string) (id, col int, ok bool) {
	if !strings.Contains(line, s.tag) {
		return 0, 0, false
	}
	text := ansi.Strip(line)
	rest := strings.TrimLeft(text, " ")
	col = len(text) - len(rest)
	rest, found := strings.CutPrefix(rest, s.tag)
	if !found {
		return 0, 0, false
	}
	r, size := utf8.DecodeRuneInString(rest)
	id = int(r) - markerBase
	if size != len(strings.TrimRight(rest, " ")) || id < 0 || id >= len(s.blocks) {
		return 0, 0, false
	}
	return id, col, true
}
