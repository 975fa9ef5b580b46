package tui

// Pictures in the reader. When an article is loaded (or fetched in full
// with `f`), the reader starts one command per figure whose image the
// drawer lacks: it gets the bytes from the service (a bookmark's copy, the
// disk cache, else the network) and decodes them into the drawer, all
// off the event loop. As pictures arrive the article is rendered again
// with them, several arrivals making one render: when the last one
// pending is in, or when a short batch window closes. Kitty graphics are
// transmitted by a command, outside View, before the body that shows
// their placeholder cells reaches the viewport.

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/service"
)

const (
	// pictureLoaders is how many pictures are fetched at once.
	pictureLoaders = 4
	// pictureDecoders is how many are decoded at once: a decoded picture
	// takes up to images.MaxDecodedBytes before it is scaled down, so
	// decodes queue rather than add up.
	pictureDecoders = 1
	// pictureTimeout bounds fetching one picture (the feed client has its
	// own limits too).
	pictureTimeout = 30 * time.Second
	// pictureBatch is the longest a picture that has arrived waits for the
	// others before the article is rendered with it.
	pictureBatch = 150 * time.Millisecond
	// maxFailedPictures bounds the set of addresses not to ask again.
	maxFailedPictures = 512
)

// PictureBackground is the colour transparent pictures are composited
// over: near the terminal background of the dark or light theme.
func PictureBackground(dark bool) color.Color {
	if dark {
		return color.RGBA{0x12, 0x12, 0x12, 0xff}
	}
	return color.RGBA{0xfa, 0xfa, 0xfa, 0xff}
}

// pictureLoadedMsg reports one picture fetched and decoded into the
// drawer, or why not.
type pictureLoadedMsg struct {
	url string
	err error
}

// picturesDueMsg closes a batch window: render the pictures that arrived.
type picturesDueMsg struct{ gen int }

// pictures is the reader's picture loading state, shared through common:
// only Update touches it (but the decoders channel, which the commands
// share).
type pictures struct {
	drawer  *images.Drawer // nil: no pictures
	gfx     io.Writer      // where kitty transmissions go; nil drops them
	loading map[string]bool
	failed  map[string]bool
	queue   []string // the open article's pictures waiting for a loader
	// decoders holds a token per decode running (pictureDecoders).
	decoders chan struct{}
	// tick is tea.Tick; tests replace it to close batch windows by hand.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// loadPicture fetches the picture at url and decodes it into d, taking a
// slot of decoders for the decode. What fails is logged (the figure keeps
// its label); nothing is shown.
func loadPicture(ctx context.Context, svc *service.Service, d *images.Drawer, decoders chan struct{}, url string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, pictureTimeout)
		defer cancel()
		data, err := svc.Picture(ctx, url)
		if err == nil {
			select {
			case decoders <- struct{}{}:
				err = d.Add(url, data)
				<-decoders
			case <-ctx.Done():
				err = fmt.Errorf("picture %s: %w", url, ctx.Err())
			}
		}
		if err != nil && svc.Log != nil {
			svc.Log.Info("picture not shown", "url", url, "err", err)
		}
		return pictureLoadedMsg{url: url, err: err}
	}
}

// writeGraphics writes kitty transmissions to w, then delivers then: the
// terminal has the images before the body that places them is shown.
// One Write per transmission, each whole (w serialises them with the
// frames bubbletea writes).
func writeGraphics(w io.Writer, seqs []string, then tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if w != nil {
			for _, s := range seqs {
				if _, err := io.WriteString(w, s); err != nil {
					break // the terminal is gone; the UI is ending
				}
			}
		}
		return then
	}
}

// wantPictures queues the open article's pictures that are neither drawn,
// on their way nor known to fail, and starts loaders.
func (m *readerModel) wantPictures() tea.Cmd {
	p := &m.c.pics
	if p.drawer == nil {
		return nil
	}
	p.queue = p.queue[:0]
	for _, u := range m.pics {
		if !p.drawer.Has(u) && !p.loading[u] && !p.failed[u] {
			p.queue = append(p.queue, u)
		}
	}
	return m.startLoaders()
}

// startLoaders starts queued loads while fewer than pictureLoaders run.
func (m *readerModel) startLoaders() tea.Cmd {
	p := &m.c.pics
	var cmds []tea.Cmd
	for len(p.queue) > 0 && len(p.loading) < pictureLoaders {
		u := p.queue[0]
		p.queue = p.queue[1:]
		p.loading[u] = true
		cmds = append(cmds, loadPicture(m.c.ctx, m.c.svc, p.drawer, p.decoders, u))
	}
	return tea.Batch(cmds...)
}

// picturesPending counts the open article's pictures still on their way.
func (m readerModel) picturesPending() int {
	n := 0
	for _, u := range m.pics {
		if m.c.pics.loading[u] || slices.Contains(m.c.pics.queue, u) {
			n++
		}
	}
	return n
}

// picturesDrawn counts the open article's pictures the drawer holds: it
// is part of the render's cache key.
func (m readerModel) picturesDrawn() int {
	if m.c.pics.drawer == nil {
		return 0
	}
	n := 0
	for _, u := range m.pics {
		if m.c.pics.drawer.Has(u) {
			n++
		}
	}
	return n
}

// pictureLoaded notes a picture in and renders the article again once the
// others are in too or the batch window closes.
func (m readerModel) pictureLoaded(msg pictureLoadedMsg) (readerModel, tea.Cmd) {
	p := &m.c.pics
	delete(p.loading, msg.url)
	if msg.err != nil {
		if len(p.failed) >= maxFailedPictures {
			clear(p.failed)
		}
		p.failed[msg.url] = true
	} else {
		setPictureMemory(p.drawer.Bytes())
		if slices.Contains(m.pics, msg.url) {
			m.picsNew = true
		}
	}
	next := m.startLoaders()
	if !m.picsNew || !m.haveMD {
		return m, next
	}
	if m.picturesPending() == 0 {
		m.picsNew = false
		var cmd tea.Cmd
		m, cmd = m.render()
		return m, tea.Batch(next, cmd)
	}
	if m.picsTimer {
		return m, next
	}
	m.picsTimer = true
	gen := m.picsGen
	return m, tea.Batch(next, m.c.pics.tick(pictureBatch, func(time.Time) tea.Msg { return picturesDueMsg{gen: gen} }))
}

// picturesDue renders the pictures that arrived during a batch window.
func (m readerModel) picturesDue(msg picturesDueMsg) (readerModel, tea.Cmd) {
	if msg.gen != m.picsGen {
		return m, nil // another article opened since
	}
	m.picsTimer = false
	if !m.picsNew || !m.haveMD {
		return m, nil
	}
	m.picsNew = false
	return m.render()
}
