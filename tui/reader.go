package tui

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/sanitize"
)

// maxReadWidth caps the rendered text width: long lines are hard to read.
const maxReadWidth = 100

// maxCached bounds the render cache; it is cleared when it grows past this.
const maxCached = 64

// readerModel shows one article: a header (title, source, author, date,
// link) and the body rendered by render.Renderer in a viewport.
type readerModel struct {
	c        *common
	r        row
	md       string
	haveMD   bool
	vp       viewport.Model
	gen      int      // of the latest load or render; older results are dropped
	want     cacheKey // the render the viewport should show
	shown    bool     // the viewport holds the render for want
	err      string
	fetching bool     // `f` is fetching the full article
	minutes  int      // reading time of the cleaned text
	copies   []string // the other feeds the story came through
	resume   float64  // where reading stopped last time, applied once shown
}

func newReaderModel(c *common) readerModel {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // keys are ours (f, b, d, u would clash); the wheel stays
	vp.MouseWheelEnabled = true
	return readerModel{c: c, vp: vp}
}

// renderKey is the cache key for the current article at the current size.
func (m readerModel) renderKey() cacheKey {
	return cacheKey{id: m.r.id, width: max(10, min(m.c.width, maxReadWidth)), dark: m.c.dark}
}

// open shows r. A cached render appears at once; the Markdown is read from
// the database in a command either way (it is needed to re-render on resize).
func (m readerModel) open(r row) (readerModel, tea.Cmd) {
	m.gen++
	m.r, m.md, m.haveMD, m.err, m.fetching, m.shown = r, "", false, "", false, false
	m.minutes, m.copies, m.resume = 0, nil, 0
	m.layout()
	m.want = m.renderKey()
	if body, ok := m.c.cache[m.want]; ok {
		m.vp.SetContent(body)
		m.shown = true
	} else {
		m.vp.SetContent("")
	}
	m.vp.GotoTop()
	return m, loadArticle(m.c.ctx, m.c.svc, r.id, m.gen)
}

// render shows the cached render for the current size or starts one.
func (m readerModel) render() (readerModel, tea.Cmd) {
	key := m.renderKey()
	if key == m.want && m.shown {
		return m, nil
	}
	m.want, m.shown = key, false
	if body, ok := m.c.cache[key]; ok {
		m.setBody(body)
		return m, nil
	}
	if !m.haveMD {
		return m, nil // the load will render
	}
	m.gen++
	return m, renderArticle(m.c.rend, m.md, key, m.gen)
}

// setBody puts a render in the viewport, keeping the relative position on
// a resize.
func (m *readerModel) setBody(body string) {
	pct := m.vp.ScrollPercent()
	atTop := m.vp.YOffset == 0
	m.vp.SetContent(body)
	if !atTop {
		m.vp.SetYOffset(int(pct * float64(max(0, m.vp.TotalLineCount()-m.vp.Height))))
	}
	m.shown = true
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

// splitHead splits the article's title heading and the byline/date line
// under it ("*By Ana Reyes · 20 November 2026*", as article/ writes it) off
// the Markdown: the reader's header shows them already. byline is the author it names, unescaped and sanitized,
// empty when it names none.
func splitHead(md string) (byline, body string) {
	rest := strings.TrimLeft(md, "\n")
	if !strings.HasPrefix(rest, "# ") {
		return "", md
	}
	_, rest, _ = strings.Cut(rest, "\n")
	rest = strings.TrimLeft(rest, "\n")
	line, after, _ := strings.Cut(rest, "\n")
	if len(line) > 2 && strings.HasPrefix(line, "*") && strings.HasSuffix(line, "*") &&
		(strings.HasPrefix(line, "*By ") || yearEnd.MatchString(line)) {
		rest = strings.TrimLeft(after, "\n")
		if by, ok := strings.CutPrefix(line[1:len(line)-1], "By "); ok {
			if i := strings.LastIndex(by, " · "); i >= 0 && yearEnd.MatchString(by+"*") {
				by = by[:i] // the date
			}
			byline = sanitize.Line(unescapeMarkdown(by))
		}
	}
	return byline, rest
}

// yearEnd matches a meta line ending in a date ("… 20 November 2026*").
var yearEnd = regexp.MustCompile(`\b\d{4}\*$`)

// unescapeMarkdown drops the backslash of Markdown's backslash escapes
// ("O\_Brien" → "O_Brien"): a byline is shown as text, not rendered.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(asciiPunct, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// asciiPunct is what a backslash can escape in CommonMark.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

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
		m.layout()   // the header may have grown (author, link)
		if m.shown { // a cached render is on screen already
			m.resumeReading()
		}
		m.shown = false
		return m.render()
	case articleRenderedMsg:
		if msg.err == nil {
			if len(m.c.cache) >= maxCached {
				clear(m.c.cache)
			}
			m.c.cache[msg.key] = msg.body
		}
		if msg.gen != m.gen || msg.key != m.want {
			return m, nil
		}
		if msg.err != nil {
			m.err = oneLine(msg.err)
			return m, nil
		}
		m.setBody(msg.body)
		m.resumeReading()
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
		for key := range m.c.cache {
			if key.id == msg.id {
				delete(m.c.cache, key)
			}
		}
		var byline string
		byline, m.md = splitHead(msg.md)
		m.haveMD, m.shown = true, false
		if m.r.author == "" { // the feed's author stays; else the page's byline
			m.r.author = byline
			m.layout() // the header may have grown
		}
		m.gen++
		m.want = m.renderKey()
		return m, renderArticle(m.c.rend, m.md, m.want, m.gen)
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

// header is the article's title (up to two lines), its source, author and
// date, its link and a rule.
func (m readerModel) header() string {
	w := max(1, m.c.width)
	s := m.c.styles
	title := m.r.title
	if title == "" {
		title = "(untitled)"
	}
	lines := strings.Split(ansi.Wordwrap(title, w, ""), "\n")
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = trunc(lines[1]+" …", w)
	}
	for i := range lines {
		lines[i] = s.Header.Render(trunc(lines[i], w))
	}
	meta := []string{}
	if m.r.feed != "" {
		meta = append(meta, m.r.feed)
	}
	if m.r.author != "" && !strings.EqualFold(m.r.author, m.r.feed) {
		meta = append(meta, m.r.author) // a feed that signs as itself is named once
	}
	if m.r.date.IsZero() {
		meta = append(meta, "no date")
	} else {
		meta = append(meta, m.r.date.Local().Format("Mon 2 Jan 2006 15:04"))
	}
	if m.minutes > 0 {
		meta = append(meta, fmt.Sprintf("%d min read", m.minutes))
	}
	lines = append(lines, s.HeaderMeta.Render(trunc(strings.Join(meta, " · "), w)))
	if len(m.copies) > 0 {
		lines = append(lines, s.HeaderMeta.Render(trunc("also in "+strings.Join(m.copies, ", "), w)))
	}
	if m.r.mediaLabel != "" {
		lines = append(lines, s.Link.Render(trunc(m.r.mediaLabel, w)))
	}
	if m.r.link != "" {
		lines = append(lines, s.Link.Render(trunc(m.r.link, w)))
	}
	lines = append(lines, s.Rule.Render(strings.Repeat("─", w)))
	return strings.Join(lines, "\n")
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
	case !m.shown:
		body = s.Empty.Render("Rendering…")
	default:
		body = m.vp.View()
	}
	return m.header() + "\n" + body
}
