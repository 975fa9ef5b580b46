// Package tui is herald's terminal user interface: a bubbletea program with
// one model per screen (feeds, items, reader, search) sharing a *common that
// holds the size, styles, keys and dependencies. Every database query,
// network call and article render runs in a command, never in Update or
// View, and every string from a feed is sanitized before it is styled.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// Deps is what the UI needs from main.
type Deps struct {
	// Service refreshes feeds, reads articles and saves bookmarks. Required.
	Service *service.Service
	// Renderer renders articles; nil shows the cleaned Markdown as it is.
	Renderer *render.Renderer
	// Dark is the theme main decided once, before the program starts.
	Dark bool
	// Config supplies the browser command, key overrides and whether to
	// refresh at start.
	Config Config
	// Title is the window title; empty means "herald".
	Title string
	// Clipboard receives the OSC 52 sequence of `y`; nil means os.Stderr
	// (the terminal, outside the renderer's stdout).
	Clipboard io.Writer
}

// Run runs the UI until the user quits or ctx is cancelled. It takes over
// the terminal (alternate screen, mouse wheel) and restores it on return.
func Run(ctx context.Context, d Deps) error {
	if d.Service == nil {
		return errors.New("tui: no service")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops a refresh still running when the user quits
	// main has decided the theme; make sure lipgloss never asks the
	// terminal itself once bubbletea owns stdin (STACK.md §4).
	lipgloss.SetHasDarkBackground(d.Dark)
	m, err := newModel(ctx, d)
	if err != nil {
		return err
	}
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithAltScreen(), tea.WithMouseCellMotion())
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return nil // cancelled from outside (a signal): a normal end
		}
		return fmt.Errorf("tui: %w", err)
	}
	return nil
}

// common is shared by every screen. Only Update touches it (the maps
// included): commands get copies of what they need.
type common struct {
	ctx        context.Context
	width      int
	height     int
	bodyHeight int // rows between the top bar and the footer
	styles     Styles
	keys       keyMap
	dark       bool
	svc        *service.Service
	st         *store.Store
	rend       *render.Renderer
	title      string
	browser    []string
	clip       io.Writer
	now        func() time.Time
	cache      map[cacheKey]string // rendered article bodies
	bm         map[int64]bmState   // bookmark saving state by item id
	saving     map[int64]bool      // bookmarks being saved by this process
	resume     []int64             // interrupted bookmarks waiting to be saved again
	// setTitle is tea.SetWindowTitle. teatest flows replace it: in
	// bubbletea v1.3.10 the title is written outside the renderer's lock and
	// races with a frame flush into teatest's stateful ANSI compressor (-race
	// reports it; a real terminal's os.File write is safe).
	setTitle func(string) tea.Cmd
}

// windowTitle names the terminal window; the title may hold feed text, so
// it is sanitized (a BEL or ESC would end the OSC sequence early).
func (c *common) windowTitle(title string) tea.Cmd {
	return c.setTitle(sanitize.Line(title))
}

// screen identifies a screen.
type screen int

const (
	screenFeeds screen = iota
	screenItems
	screenReader
	screenSearch
)

// refreshState is a background refresh as the footer shows it.
type refreshState struct {
	active     bool
	gen        int
	ch         <-chan any
	done       int
	total      int
	last       string // sanitized title or URL of the last feed finished
	lastErr    string
	dirty      bool // new items stored since the lists were last reloaded
	lastReload time.Time
	bar        progress.Model
}

// reloadEvery throttles list reloads while a refresh stores new items.
const reloadEvery = time.Second

// model is the root model: a stack of screens over the feeds screen.
type model struct {
	c        *common
	stack    []screen
	feeds    feedsModel
	items    itemsModel
	reader   readerModel
	search   searchModel
	help     help.Model
	showHelp bool
	status   string
	statusEr bool
	refresh  refreshState
}

// newModel builds the root model; Init loads the feeds.
func newModel(ctx context.Context, d Deps) (model, error) {
	if d.Service == nil {
		return model{}, errors.New("tui: no service")
	}
	keys, err := defaultKeyMap().withOverrides(d.Config.Keys)
	if err != nil {
		return model{}, fmt.Errorf("tui: %w", err)
	}
	st := d.Service.Store
	if st == nil {
		return model{}, errors.New("tui: no store")
	}
	title := d.Title
	if title == "" {
		title = "herald"
	}
	clip := d.Clipboard
	if clip == nil {
		clip = os.Stderr
	}
	styles := newStyles(d.Dark)
	c := &common{
		ctx: ctx, styles: styles, keys: keys, dark: d.Dark,
		svc: d.Service, st: st, rend: d.Renderer, title: title,
		browser: browserArgv(os.Getenv("BROWSER"), d.Config.Browser),
		clip:    clip, now: time.Now, setTitle: tea.SetWindowTitle,
		cache: make(map[cacheKey]string), bm: make(map[int64]bmState), saving: make(map[int64]bool),
	}
	h := help.New()
	h.Styles.ShortKey = styles.HelpKey
	h.Styles.ShortDesc = styles.Dim
	h.Styles.ShortSeparator = styles.Rule
	h.Styles.FullKey = styles.HelpKey
	h.Styles.FullDesc = styles.Dim
	h.Styles.FullSeparator = styles.Rule
	h.Styles.Ellipsis = styles.Rule
	m := model{
		c:      c,
		stack:  []screen{screenFeeds},
		feeds:  newFeedsModel(c),
		items:  newItemsModel(c),
		reader: newReaderModel(c),
		search: newSearchModel(c),
		help:   h,
	}
	m.refresh.bar = progress.New(progress.WithSolidFill(styles.Bar), progress.WithoutPercentage(),
		progress.WithWidth(20), progress.WithColorProfile(lipgloss.ColorProfile()))
	if d.Config.RefreshOnStart {
		m.refresh.active, m.refresh.gen, m.refresh.lastReload = true, 1, c.now()
	}
	return m, nil
}

// Init sets the window title and loads the feed list.
func (m model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.c.windowTitle(m.c.title), loadFeeds(m.c.ctx, m.c.st), findUnfinishedBookmarks(m.c.ctx, m.c.svc)}
	if m.refresh.active { // Config.RefreshOnStart
		cmds = append(cmds, startRefresh(m.c.ctx, m.c.svc, nil, m.refresh.gen))
	}
	return tea.Batch(cmds...)
}

func (m model) top() screen { return m.stack[len(m.stack)-1] }

// below is the screen under the top one (the list the reader came from).
func (m model) below() screen {
	if len(m.stack) < 2 {
		return screenFeeds
	}
	return m.stack[len(m.stack)-2]
}

func (m *model) push(s screen) { m.stack = append(m.stack, s) }

// back pops the top screen; it reports false on the feeds screen.
func (m *model) back() (tea.Cmd, bool) {
	if len(m.stack) <= 1 {
		return nil, false
	}
	left := m.top()
	m.stack = m.stack[:len(m.stack)-1]
	if left == screenReader {
		return m.c.windowTitle(m.c.title), true
	}
	return nil, true
}

// setStatus shows a line in the status bar until the next key.
func (m *model) setStatus(text string, isErr bool) {
	m.status, m.statusEr = sanitize.Line(text), isErr
}

// layout recomputes the body height from the size, the help and the
// refresh line, and passes it to every screen.
func (m *model) layout() {
	c := m.c
	m.help.Width = c.width
	footer := 1 + lipgloss.Height(m.helpView())
	if m.refresh.active {
		footer++
	}
	c.bodyHeight = max(1, c.height-1-footer)
	m.feeds.setSize(c.width, c.bodyHeight)
	m.items.setSize(c.width, c.bodyHeight)
	m.search.setSize(c.width, c.bodyHeight)
	m.reader.layout()
	m.refresh.bar.Width = max(5, min(30, c.width/4))
}

// Update routes messages: keys to the top screen after the global ones,
// results to the screen that asked for them.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.layout()
		var cmds []tea.Cmd
		var cmd tea.Cmd
		m.items, cmd = m.items.follow()
		cmds = append(cmds, cmd)
		m.reader, cmd = m.reader.setSize()
		cmds = append(cmds, cmd)
		return m, tea.Batch(cmds...)
	case tea.KeyMsg:
		if keys := splitRunes(msg); keys != nil {
			return m.handleKeys(keys)
		}
		nm, cmd := m.handleKey(msg)
		mm := nm.(model)
		mm.layout() // the screen or the help may have changed the footer's height
		return mm, cmd
	case tea.MouseMsg:
		return m.handleMouse(msg)

	case feedsLoadedMsg:
		if msg.err != nil {
			m.setStatus(oneLine(msg.err), true)
		}
		if msg.feeds != nil || msg.err == nil {
			m.feeds = m.feeds.setFeeds(msg.feeds, msg.bookmarks)
		}
		return m, nil
	case itemsLoadedMsg:
		if msg.err != nil && msg.gen == m.items.gen {
			m.setStatus(oneLine(msg.err), true)
		}
		var cmd tea.Cmd
		m.items, cmd = m.items.loaded(msg)
		return m, cmd
	case searchDoneMsg:
		m.search = m.search.done(msg)
		return m, nil
	case articleLoadedMsg, articleRenderedMsg, resizeSettledMsg:
		var cmd tea.Cmd
		m.reader, cmd = m.reader.update(msg)
		return m, cmd
	case fullFetchedMsg:
		if msg.err != nil {
			m.setStatus("fetch full article: "+oneLine(msg.err), true)
		} else {
			m.setStatus("full article fetched", false)
		}
		var cmd tea.Cmd
		m.reader, cmd = m.reader.update(msg)
		return m, cmd
	case bookmarkSavedMsg:
		return m.bookmarkSaved(msg)
	case unfinishedBookmarksMsg:
		return m.resumeBookmarks(msg)
	case readChangedMsg:
		if msg.err != nil {
			m.setStatus(oneLine(msg.err), true)
		}
		return m, loadFeeds(m.c.ctx, m.c.st)
	case statusMsg:
		m.setStatus(msg.text, msg.err)
		return m, nil

	case refreshStartedMsg:
		if msg.gen != m.refresh.gen {
			return m, nil
		}
		m.refresh.ch = msg.ch
		return m, waitRefresh(msg.ch)
	case refreshProgressMsg:
		return m.refreshProgress(msg)
	case refreshDoneMsg:
		return m.refreshDone(msg)
	}
	return m, nil
}

// handleKey applies global keys, then the top screen's.
func (m model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	if key.Matches(msg, k.ForceQuit) {
		return m, tea.Quit
	}
	m.status, m.statusEr = "", false
	if m.top() == screenSearch && m.search.focused() {
		var cmd tea.Cmd
		var leave bool
		m.search, cmd, leave = m.search.update(msg)
		m.layout() // the help changes with the focus
		if leave {
			bc, _ := m.back()
			return m, tea.Batch(cmd, bc)
		}
		return m, cmd
	}
	if m.showHelp && key.Matches(msg, k.Help, k.Back, k.Quit) {
		m.showHelp = false
		m.layout()
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.layout()
		return m, nil
	case key.Matches(msg, k.Search):
		return m.openSearch()
	case key.Matches(msg, k.RefreshAll):
		return m.startRefresh(nil)
	case key.Matches(msg, k.Refresh):
		return m.startRefresh(m.currentFeedURLs())
	case key.Matches(msg, k.Quit, k.Back):
		if key.Matches(msg, k.Back) && m.top() == screenSearch {
			// esc/backspace on the results goes back to the input first.
			var cmd tea.Cmd
			m.search, cmd = m.search.focus()
			m.layout()
			return m, cmd
		}
		cmd, ok := m.back()
		if !ok && key.Matches(msg, k.Quit) {
			return m, tea.Quit
		}
		if ok && m.top() == screenFeeds {
			return m, tea.Batch(cmd, loadFeeds(m.c.ctx, m.c.st))
		}
		return m, cmd
	}
	switch m.top() {
	case screenFeeds:
		return m.feedsKey(msg)
	case screenItems:
		return m.listKey(msg)
	case screenSearch:
		return m.listKey(msg)
	case screenReader:
		return m.readerKey(msg)
	}
	return m, nil
}

// handleMouse sends wheel events to the top screen.
func (m model) handleMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.top() {
	case screenFeeds:
		m.feeds, cmd = m.feeds.update(msg)
	case screenItems:
		m.items, cmd = m.items.update(msg)
	case screenSearch:
		if !m.search.focused() {
			m.search, cmd, _ = m.search.update(msg)
		}
	case screenReader:
		m.reader, cmd = m.reader.update(msg)
	}
	return m, cmd
}

// feedsKey handles keys on the feeds screen.
func (m model) feedsKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Open):
		f, ok := m.feeds.selected()
		if !ok {
			return m, nil
		}
		m.push(screenItems)
		var cmd tea.Cmd
		m.items, cmd = m.items.open(f)
		return m, cmd
	case key.Matches(msg, k.MarkFeedRead):
		f, ok := m.feeds.selected()
		if !ok {
			return m, nil
		}
		return m.markFeedRead(f)
	}
	var cmd tea.Cmd
	m.feeds, cmd = m.feeds.update(msg)
	return m, cmd
}

// listKey handles keys on the items and search screens.
func (m model) listKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	l := &m.items.list
	if m.top() == screenSearch {
		l = &m.search.list
	}
	r, haveRow := l.selected()
	switch {
	case key.Matches(msg, k.Open):
		if !haveRow {
			return m, nil
		}
		return m.openArticle(*r)
	case key.Matches(msg, k.ToggleRead):
		if !haveRow {
			return m, nil
		}
		read := !r.read
		m.setReadLocal(r.id, read)
		return m, setRead(m.c.ctx, m.c.st, read, r.id)
	case key.Matches(msg, k.Bookmark):
		if !haveRow {
			return m, nil
		}
		return m.bookmark(r.id)
	case key.Matches(msg, k.OpenLink):
		if !haveRow {
			return m, nil
		}
		return m, openLink(m.c.browser, r.link)
	case key.Matches(msg, k.CopyLink):
		if !haveRow {
			return m, nil
		}
		return m, copyLink(m.c.clip, r.link)
	case key.Matches(msg, k.MarkFeedRead):
		if m.top() == screenItems {
			return m.markFeedRead(m.items.src)
		}
		return m, nil
	}
	var cmd tea.Cmd
	if m.top() == screenItems {
		m.items, cmd = m.items.update(msg)
	} else {
		m.search, cmd, _ = m.search.update(msg)
	}
	return m, cmd
}

// readerKey handles keys in the reader.
func (m model) readerKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	r := m.reader.r
	switch {
	case key.Matches(msg, k.Next, k.Prev):
		d := 1
		if key.Matches(msg, k.Prev) {
			d = -1
		}
		return m.step(d)
	case key.Matches(msg, k.ToggleRead):
		read := !r.read
		m.setReadLocal(r.id, read)
		return m, setRead(m.c.ctx, m.c.st, read, r.id)
	case key.Matches(msg, k.Bookmark):
		return m.bookmark(r.id)
	case key.Matches(msg, k.FetchFull):
		if m.reader.fetching {
			return m, nil
		}
		m.reader.fetching = true
		m.setStatus("fetching the full article…", false)
		return m, fetchFull(m.c.ctx, m.c.svc, r.id)
	case key.Matches(msg, k.OpenLink):
		return m, openLink(m.c.browser, r.link)
	case key.Matches(msg, k.CopyLink):
		return m, copyLink(m.c.clip, r.link)
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.update(msg)
	return m, cmd
}

// sourceList is the list the reader was opened from.
func (m *model) sourceList() *itemList {
	if m.below() == screenSearch {
		return &m.search.list
	}
	return &m.items.list
}

// step opens the next (d=1) or previous (d=-1) article of the source list.
func (m model) step(d int) (tea.Model, tea.Cmd) {
	l := m.sourceList()
	i := l.nav.cursor + d
	if i < 0 || i >= l.nav.n {
		if d > 0 {
			m.setStatus("this is the last article", false)
		} else {
			m.setStatus("this is the first article", false)
		}
		return m, nil
	}
	r, ok := l.at(i)
	if !ok {
		m.setStatus("loading…", false)
		return m, nil
	}
	l.nav.moveTo(i)
	row := *r
	var follow tea.Cmd
	if m.below() == screenItems {
		m.items, follow = m.items.follow()
	}
	mm, cmd := m.showArticle(row)
	return mm, tea.Batch(cmd, follow)
}

// openArticle pushes the reader with r.
func (m model) openArticle(r row) (tea.Model, tea.Cmd) {
	m.push(screenReader)
	return m.showArticle(r)
}

// showArticle loads r into the reader, marks it read and names the window
// after it.
func (m model) showArticle(r row) (model, tea.Cmd) {
	cmds := []tea.Cmd{m.c.windowTitle(r.title + " — " + m.c.title)}
	if !r.read {
		m.setReadLocal(r.id, true)
		r.read = true
		cmds = append(cmds, setRead(m.c.ctx, m.c.st, true, r.id))
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.open(r)
	return m, tea.Batch(append(cmds, cmd)...)
}

// setReadLocal updates every loaded copy of an item's read state, so the
// lists show it before the database answers.
func (m *model) setReadLocal(id int64, read bool) {
	for _, l := range []*itemList{&m.items.list, &m.search.list} {
		if r, ok := l.byID(id); ok {
			r.read = read
		}
	}
	if m.reader.r.id == id {
		m.reader.r.read = read
	}
}

// markFeedRead marks a feed's items read (all feeds for "All unread").
func (m model) markFeedRead(f feedRow) (tea.Model, tea.Cmd) {
	var id int64
	switch f.kind {
	case kindBookmarks:
		m.setStatus("bookmarks have no feed to mark read", false)
		return m, nil
	case kindFeed:
		id = f.id
	}
	if m.items.src.kind == f.kind && m.items.src.id == f.id {
		for i := range m.items.list.rows {
			m.items.list.rows[i].read = true
		}
	}
	m.setStatus("marked "+f.title+" read", false)
	return m, markFeedRead(m.c.ctx, m.c.st, id)
}

// openSearch shows the search screen with the input focused.
func (m model) openSearch() (tea.Model, tea.Cmd) {
	// Go back to the search screen if it is already on the stack, so the
	// stack never holds it twice.
	for i, s := range m.stack {
		if s == screenSearch {
			m.stack = m.stack[:i+1]
			break
		}
	}
	if m.top() != screenSearch {
		m.push(screenSearch)
	}
	var cmd tea.Cmd
	m.search, cmd = m.search.focus()
	m.layout()
	return m, tea.Batch(cmd, m.c.windowTitle(m.c.title))
}

// currentFeedURLs is what `r` refreshes: the selected or open feed, or all
// feeds (nil) from a virtual feed.
func (m model) currentFeedURLs() []string {
	var f feedRow
	switch m.top() {
	case screenFeeds:
		f, _ = m.feeds.selected()
	case screenItems:
		f = m.items.src
	case screenReader:
		f, _ = m.feeds.byID(m.reader.r.feedID)
	}
	if f.kind == kindFeed && f.url != "" {
		return []string{f.url}
	}
	return nil
}

// startRefresh refreshes urls (all feeds when nil) in the background.
func (m model) startRefresh(urls []string) (tea.Model, tea.Cmd) {
	if m.refresh.active {
		m.setStatus("a refresh is already running", false)
		return m, nil
	}
	bar := m.refresh.bar
	m.refresh = refreshState{active: true, gen: m.refresh.gen + 1, bar: bar, lastReload: m.c.now()}
	m.layout()
	return m, startRefresh(m.c.ctx, m.c.svc, urls, m.refresh.gen)
}

// refreshProgress records one finished feed and, at most once a second,
// reloads the lists so new items show up while the refresh goes on.
func (m model) refreshProgress(msg refreshProgressMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.refresh.gen {
		return m, nil
	}
	p := msg.p
	r := &m.refresh
	r.done, r.total = p.Done, p.Total
	r.last = sanitize.Line(p.Title)
	if r.last == "" {
		r.last = sanitize.Line(p.URL)
	}
	r.lastErr = ""
	if p.Err != nil {
		r.lastErr = oneLine(p.Err)
	}
	if p.New > 0 {
		r.dirty = true
	}
	cmds := []tea.Cmd{waitRefresh(r.ch)}
	if r.dirty && m.c.now().Sub(r.lastReload) >= reloadEvery {
		r.dirty, r.lastReload = false, m.c.now()
		cmds = append(cmds, m.reloadLists())
	}
	return m, tea.Batch(cmds...)
}

// refreshDone ends a refresh and reloads the lists.
func (m model) refreshDone(msg refreshDoneMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.refresh.gen {
		return m, nil
	}
	m.refresh.active, m.refresh.ch = false, nil
	m.layout()
	if msg.err != nil && msg.sum.Feeds == 0 {
		m.setStatus(oneLine(msg.err), true)
	} else {
		m.setStatus(msg.sum.String(), msg.err != nil)
	}
	return m, m.reloadLists()
}

// reloadLists re-reads the feeds and the open item list.
func (m *model) reloadLists() tea.Cmd {
	cmds := []tea.Cmd{loadFeeds(m.c.ctx, m.c.st)}
	if m.items.list.loaded || m.items.list.pending >= 0 {
		var cmd tea.Cmd
		m.items, cmd = m.items.reload()
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// helpView is the short or full help for the top screen.
func (m model) helpView() string {
	keys := m.helpKeys()
	if !m.showHelp {
		// bubbles' help stops truncating when not even its ellipsis fits.
		return ansi.Truncate(m.help.ShortHelpView(keys.ShortHelp()), m.c.width, "…")
	}
	// The full help puts its groups side by side; when they do not fit the
	// width, the rest wrap to a block below instead of being cut off.
	h := m.help
	h.Width = 0
	var blocks []string
	var cur [][]key.Binding
	for _, g := range keys.FullHelp() {
		try := append(append([][]key.Binding{}, cur...), g)
		if len(cur) > 0 && lipgloss.Width(h.FullHelpView(try)) > m.c.width {
			blocks = append(blocks, h.FullHelpView(cur))
			try = [][]key.Binding{g}
		}
		cur = try
	}
	if len(cur) > 0 {
		blocks = append(blocks, h.FullHelpView(cur))
	}
	lines := strings.Split(strings.Join(blocks, "\n"), "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.c.width, "…")
	}
	return strings.Join(lines, "\n")
}

// helpKeys lists the bindings that work on the top screen.
func (m model) helpKeys() helpKeys {
	k := m.c.keys
	move := []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp}
	app := []key.Binding{k.Search, k.Refresh, k.RefreshAll, k.Help, k.Quit, k.ForceQuit}
	switch m.top() {
	case screenFeeds:
		return helpKeys{
			short: []key.Binding{k.Open, k.Down, k.Up, k.Search, k.RefreshAll, k.Help, k.Quit},
			full:  [][]key.Binding{move, {k.Open, k.MarkFeedRead}, app},
		}
	case screenReader:
		return helpKeys{
			short: []key.Binding{k.PageDown, k.Next, k.Prev, k.Bookmark, k.OpenLink, k.Back, k.Help},
			full: [][]key.Binding{move, {k.Next, k.Prev, k.Back},
				{k.ToggleRead, k.Bookmark, k.FetchFull, k.OpenLink, k.CopyLink}, app},
		}
	case screenSearch:
		if m.search.focused() {
			return m.search.inputHelp()
		}
	}
	return helpKeys{
		short: []key.Binding{k.Open, k.Back, k.ToggleRead, k.Bookmark, k.Search, k.Help},
		full: [][]key.Binding{move, {k.Open, k.Back},
			{k.ToggleRead, k.MarkFeedRead, k.Bookmark, k.OpenLink, k.CopyLink}, app},
	}
}

// View draws the top bar, the top screen, the refresh line, the status
// line and the help.
func (m model) View() string {
	c := m.c
	if c.width <= 0 || c.height <= 0 {
		return "" // before the first WindowSizeMsg (STACK.md §2.5)
	}
	s := c.styles
	var b strings.Builder

	crumb, right := m.crumb(), ""
	if m.feeds.loaded {
		right = s.Crumb.Render(fmt.Sprintf("%d unread", m.feeds.rows[0].unread))
	}
	b.WriteString(joinLR(s.Title.Render("herald")+s.Crumb.Render(" › "+trunc(crumb, c.width/2)), right, c.width))
	b.WriteByte('\n')

	var body string
	switch m.top() {
	case screenFeeds:
		body = m.feeds.View()
	case screenItems:
		body = m.items.View()
	case screenReader:
		body = m.reader.View()
	case screenSearch:
		body = m.search.View()
	}
	// Clamp to the body height: a view taller than the window mis-renders.
	lines := strings.Split(body, "\n")
	if len(lines) > c.bodyHeight {
		lines = lines[:c.bodyHeight]
	}
	for len(lines) < c.bodyHeight {
		lines = append(lines, "")
	}
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteByte('\n')

	if m.refresh.active {
		r := m.refresh
		pct := 0.0
		if r.total > 0 {
			pct = float64(r.done) / float64(r.total)
		}
		info := fmt.Sprintf(" %d/%d", r.done, r.total)
		if r.last != "" {
			info += " " + r.last
			if r.lastErr != "" {
				info += ": " + r.lastErr
			}
		}
		b.WriteString(s.Status.Render("refreshing ") + r.bar.ViewAs(pct) + s.Status.Render(trunc(info, max(0, c.width-r.bar.Width-11))))
		b.WriteByte('\n')
	}

	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.helpView())
	out := b.String()
	if strings.Count(out, "\n") >= c.height {
		// A full help taller than a tiny window: cut it rather than let
		// the frame scroll.
		lines := strings.Split(out, "\n")
		out = strings.Join(lines[:c.height], "\n")
	}
	return out
}

// crumb says where we are, for the top bar.
func (m model) crumb() string {
	switch m.top() {
	case screenItems:
		return m.items.src.title
	case screenReader:
		if m.reader.r.feed != "" {
			return m.reader.r.feed
		}
		return "Article"
	case screenSearch:
		return "Search"
	}
	return "Feeds"
}

// statusLine is the last message, else what the selection has to say
// (a feed's error, a failed bookmark), with the position on the right.
func (m model) statusLine() string {
	c := m.c
	s := c.styles
	text, isErr := m.status, m.statusEr
	right := ""
	switch m.top() {
	case screenFeeds:
		if text == "" {
			text, isErr = m.feeds.status()
		}
	case screenItems:
		if text == "" {
			text, isErr = m.items.status()
		}
		right = m.items.position()
	case screenSearch:
		if text == "" {
			text, isErr = m.search.status()
		}
		right = listPosition(&m.search.list)
	case screenReader:
		right = m.reader.percent()
	}
	st := s.Status
	if isErr {
		st = s.StatusErr
	}
	return joinLR(st.Render(trunc(text, max(0, c.width-len(right)-1))), s.Status.Render(right), c.width)
}

// splitRunes returns one key message per rune when a single read delivered
// several typed keys at once ("jjj" from key repeat on a busy machine, or
// keys sent in one burst by tmux): bubbletea v1 groups them into one
// KeyRunes message, which no binding would match. Pastes are left whole.
func splitRunes(k tea.KeyMsg) []tea.KeyMsg {
	if k.Type != tea.KeyRunes || k.Paste || len(k.Runes) < 2 {
		return nil
	}
	keys := make([]tea.KeyMsg, len(k.Runes))
	for i, r := range k.Runes {
		keys[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}
	}
	return keys
}

// handleKeys applies several keys in order, as if they came one by one.
func (m model) handleKeys(keys []tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var cur tea.Model = m
	for _, k := range keys {
		var cmd tea.Cmd
		cur, cmd = cur.Update(k)
		cmds = append(cmds, cmd)
	}
	return cur, tea.Sequence(cmds...)
}
