package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// Bounds of the render cache (common.cache): it is cleared when it holds
// more bodies or bytes than these. Pictures make bodies big (a half-block
// picture is some 50 KB of colour sequences).
const (
	maxCached      = 64
	maxCachedBytes = 4 << 20
)

// readerModel shows one article: a header (title, source, author, date,
// link) and the body rendered by render.Renderer in a viewport, with the
// pictures of its figures as they arrive (pictures.go).
type readerModel struct {
	c        *common
	r        row
	md       string
	haveMD   bool
	vp       viewport.Model
	gen      int      // of the latest load or render; older results are dropped
	want     cacheKey // the render the viewport should show
	shown    bool     // the viewport holds the render for want
	onScreen cacheKey // the render the viewport holds (zero: none)
	body     string   // and its text
	err      string
	fetching bool     // `f` is fetching the full article
	minutes  int      // reading time of the cleaned text
	copies   []string // the other feeds the story came through
	resume   float64  // where reading stopped last time, applied once shown

	pics      []string // the article's picture addresses, in order
	picsNew   bool     // pictures arrived that the body does not show yet
	picsTimer bool     // a batch window is open (picturesDueMsg)
	picsGen   int      // of the article the pictures are for
}

func newReaderModel(c *common) readerModel {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // keys are ours (f, b, d, u would clash); the wheel stays
	vp.MouseWheelEnabled = true
	return readerModel{c: c, vp: vp}
}

// renderKey is the cache key for the current article at the current size
// with the pictures the drawer holds.
func (m readerModel) renderKey() cacheKey {
	return cacheKey{id: m.r.id, width: max(10, m.c.width), dark: m.c.dark, pics: m.picturesDrawn()}
}

// open shows r. A cached render appears at once; the Markdown is read from
// the database in a command either way (it is needed to re-render on resize).
func (m readerModel) open(r row) (readerModel, tea.Cmd) {
	m.gen++
	m.r, m.md, m.haveMD, m.err, m.fetching, m.shown = r, "", false, "", false, false
	m.minutes, m.copies, m.resume = 0, nil, 0
	m.pics, m.picsNew, m.picsTimer = nil, false, false
	m.picsGen++
	m.c.pics.queue = nil // the last article's pictures not yet asked for
	m.layout()
	m.want = m.renderKey()
	if body, ok := m.c.cache[m.want]; ok {
		m.vp.SetContent(body)
		m.shown, m.onScreen, m.body = true, m.want, body
	} else {
		m.vp.SetContent("")
		m.onScreen, m.body = cacheKey{}, ""
	}
	m.vp.GotoTop()
	return m, loadArticle(m.c.ctx, m.c.svc, r.id, m.gen, m.c.pics.drawer != nil)
}

// render shows the cached render for the current size or starts one.
func (m readerModel) render() (readerModel, tea.Cmd) {
	key := m.renderKey()
	if key == m.want && m.shown {
		return m, nil
	}
	m.want, m.shown = key, false
	if body, ok := m.c.cache[key]; ok {
		m.setBody(key, body)
		return m, nil
	}
	if !m.haveMD {
		return m, nil // the load will render
	}
	m.gen++
	return m, renderArticle(m.c.rend, m.c.pics.drawer, m.md, key, m.gen)
}

// visible reports whether the viewport holds a render fit to show: the
// one wanted, or an earlier one of the article at the same size (shown
// while the article is rendered again with its pictures).
func (m readerModel) visible() bool {
	return m.shown || (m.onScreen.id != 0 && m.onScreen.samePage(m.want))
}

// cachePut keeps a render, clearing the cache when it grows too big.
func (m *readerModel) cachePut(key cacheKey, body string) {
	c := m.c
	if len(c.cache) >= maxCached || c.cacheBytes+len(body) > maxCachedBytes {
		clear(c.cache)
		c.cacheBytes = 0
	}
	c.cacheBytes += len(body) - len(c.cache[key])
	c.cache[key] = body
}

// cacheDrop forgets the renders of article id.
func (m *readerModel) cacheDrop(id int64) {
	for key, body := range m.c.cache {
		if key.id == id {
			m.c.cacheBytes -= len(body)
			delete(m.c.cache, key)
		}
	}
}

// setBody puts a render in the viewport. When only the pictures changed,
// the text at the top stays at the top; on a resize the relative position
// is kept.
func (m *readerModel) setBody(key cacheKey, body string) {
	prev, old, off := m.onScreen, m.body, m.vp.YOffset
	pct := m.vp.ScrollPercent()
	m.vp.SetContent(body)
	m.body = body
	switch {
	case off == 0:
	case prev.samePage(key):
		m.vp.SetYOffset(keepTop(old, body, off))
	default:
		m.vp.SetYOffset(int(pct * float64(max(0, m.vp.TotalLineCount()-m.vp.Height))))
	}
	m.shown, m.onScreen = true, key
}

// setSize lays out the header and the viewport and re-renders for a new
// width (the root calls it on every resize).
func (m readerModel) setSize() (readerModel, tea.Cmd) {
	m.layout()
	if m.r.id == 0 {
		return m, nil
	}
	key := m.renderKey()
	if _, ok := m.c.cache[key]; ok || !m.haveMD || key == m.want {
		return m.render()
	}
	// Dragging a window edge sends a burst of sizes: render once it
	// settles. The old render stays on screen meanwhile.
	m.gen++
	gen := m.gen
	return m, tea.Tick(resizeSettle, func(time.Time) tea.Msg { return resizeSettledMsg{gen: gen} })
}

// resizeSettle is how long the size must stay put before a re-render.
const resizeSettle = 80 * time.Millisecond

// resizeSettledMsg says no resize came for resizeSettle.
type resizeSettledMsg struct{ gen int }

func (m *readerModel) layout() {
	m.vp.Width = max(0, m.c.width)
	m.vp.Height = max(1, m.c.bodyHeight-lineCount(m.header()))
}

// lineCount is the number of lines of s.
func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// update handles the reader's own messages and keys.
func (m readerModel) update(msg tea.Msg) (readerModel, tea.Cmd) {
	k := m.c.keys
	switch msg := msg.(type) {
	case articleLoadedMsg:
		if msg.gen != m.gen || msg.id != m.r.id {
			return m, nil
		}
		if msg.err != nil {
			m.err = oneLine(msg.err)
			return m, nil
		}
		old := m.r
		m.r = msg.row
		m.r.read = old.read
		m.r.bookmarked = m.r.bookmarked || old.bookmarked
		if m.r.feed == "" {
			m.r.feed = old.feed
		}
		var byline string
		byline, m.md = splitHead(msg.md)
		m.haveMD = true
		if m.r.author == "" { // the feed named no one: the page's byline, after f
			m.r.author = byline
		}
		m.minutes, m.copies = msg.minutes, msg.copies
		if p := msg.row.pos; p > 0 && p < 0.98 { // read to the end: start again at the top
			m.resume = p
		}
		m.pics = msg.pics
		m.layout()   // the header may have grown (author, link)
		if m.shown { // a cached render is on screen already
			m.resumeReading()
		}
		m.shown = false
		var cmd tea.Cmd
		m, cmd = m.render()
		return m, tea.Batch(cmd, m.wantPictures())
	case articleRenderedMsg:
		if len(msg.gfx) > 0 {
			// Transmit the kitty images first, then show the body that
			// places them (also when it is stale: the images are sent
			// once, and a later render may place them).
			seqs := msg.gfx
			msg.gfx = nil
			return m, writeGraphics(m.c.pics.gfx, seqs, msg)
		}
		if msg.err == nil {
			m.cachePut(msg.key, msg.body)
		}
		if d := m.c.pics.drawer; d != nil {
			setPictureMemory(d.Bytes()) // the render drew rows it keeps
		}
		if msg.gen != m.gen || msg.key != m.want {
			return m, nil
		}
		if msg.err != nil {
			m.err = oneLine(msg.err)
			return m, nil
		}
		m.setBody(msg.key, msg.body)
		m.resumeReading()
	case pictureLoadedMsg:
		return m.pictureLoaded(msg)
	case picturesDueMsg:
		return m.picturesDue(msg)
	case resizeSettledMsg:
		if msg.gen != m.gen {
			return m, nil // another resize came since
		}
		return m.render()
	case fullFetchedMsg:
		if msg.id != m.r.id {
			return m, nil
		}
		m.fetching = false
		if msg.err != nil {
			return m, nil // the root shows the error
		}
		m.cacheDrop(msg.id)
		var byline string
		byline, m.md = splitHead(msg.md)
		m.haveMD, m.shown = true, false
		m.pics, m.picsNew = msg.pics, false
		if m.r.author == "" { // the feed's author stays; else the page's byline
			m.r.author = byline
			m.layout() // the header may have grown
		}
		m.gen++
		m.want = m.renderKey()
		return m, tea.Batch(renderArticle(m.c.rend, m.c.pics.drawer, m.md, m.want, m.gen), m.wantPictures())
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up):
			m.vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			m.vp.ScrollDown(1)
		case key.Matches(msg, k.PageDown):
			m.vp.PageDown()
		case key.Matches(msg, k.PageUp):
			m.vp.PageUp()
		case key.Matches(msg, k.Top):
			m.vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			m.vp.GotoBottom()
		}
	case tea.MouseMsg:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	}
	return m, nil
}

// resumeReading scrolls, once, to where reading stopped last time.
func (m *readerModel) resumeReading() {
	if m.resume <= 0 {
		return
	}
	m.vp.SetYOffset(int(m.resume * float64(max(0, m.vp.TotalLineCount()-m.vp.Height))))
	m.resume = 0
}

// percent is the scroll position for the status bar.
func (m readerModel) percent() string {
	return fmt.Sprintf("%3.0f%%", m.vp.ScrollPercent()*100)
}

// View draws the header and the body.
func (m readerModel) View() string {
	s := m.c.styles
	var body string
	switch {
	case m.err != "":
		body = s.StatusErr.Render(trunc(m.err, m.c.width))
	case !m.visible():
		body = s.Empty.Render("Rendering…")
	default:
		body = m.vp.View()
	}
	return m.header() + "\n" + body
}
