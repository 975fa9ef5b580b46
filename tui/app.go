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
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/herald-reader/herald/images"
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
	// ConfigErr is what was wrong with the config file (the rest of it
	// applies); the reader shows it when it starts.
	ConfigErr string
	// MemoryLimit is the Go runtime's soft memory limit while the reader
	// runs (debug.SetMemoryLimit), lifted during refreshes and syncs; 0
	// leaves the runtime's own (GOGC, GOMEMLIMIT).
	MemoryLimit int64
	// Pictures draws the pictures of the articles' figures (fetched
	// through Service.Picture); nil shows each figure's label instead.
	Pictures *images.Drawer
	// Output is the terminal the UI draws to; nil means os.Stdout. A
	// writer around the terminal should be a term.File (Read, Write,
	// Close, Fd), so that bubbletea finds the window size through it, and
	// have a File() *os.File method giving the terminal, for the player
	// that runs in it (`e`).
	Output io.Writer
	// Graphics receives the kitty graphics transmissions of Pictures,
	// written between frames, never inside a frame. It must reach the
	// same terminal as Output and serialise its writes with Output's (one
	// Write per transmission). nil drops them: kitty pictures then stay
	// blank.
	Graphics io.Writer
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
	defer setMemoryLimit(d.MemoryLimit)()
	m, err := newModel(ctx, d)
	if err != nil {
		return err
	}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithAltScreen(), tea.WithMouseCellMotion()}
	if d.Output != nil {
		opts = append(opts, tea.WithOutput(d.Output))
	}
	p := tea.NewProgram(m, opts...)
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
	player     []string // plays media (`e`)
	playInTerm bool     // the player takes the terminal (the default mpv)
	prefs      prefs
	undo       []undoStep // read changes, the latest last
	clip       io.Writer
	tty        *os.File // the terminal Deps.Output writes to, when known
	now        func() time.Time
	cache      map[cacheKey]string // rendered article bodies
	cacheBytes int                 // their size
	pics       pictures            // the reader's pictures (pictures.go)
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
	scheduled  bool // started by refresh_interval (autorefresh.go): quiet at the end
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
	c          *common
	stack      []screen
	feeds      feedsModel
	items      itemsModel
	reader     readerModel
	search     searchModel
	help       help.Model
	showHelp   bool
	status     string
	statusEr   bool
	refresh    refreshState
	confirm    *confirmStep // a question waiting for y
	navGen     int          // of the latest n or p looking in the database
	feedsBusy  bool         // a load of the feed list is on its way
	feedsAgain bool         // and another was asked for meanwhile
	auto       autoRefresh  // refresh_interval's tick chain (autorefresh.go)
	sync       syncState    // the sync server's state (syncstate.go)
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
		pics: pictures{drawer: d.Pictures, gfx: d.Graphics, loading: map[string]bool{}, failed: map[string]bool{}, tick: tea.Tick,
			decoders: make(chan struct{}, pictureDecoders)},
	}
	c.player, c.playInTerm = playerArgv(d.Config.Player, c.browser)
	switch out := d.Output.(type) {
	case *os.File:
		c.tty = out
	case interface{ File() *os.File }:
		c.tty = out.File()
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
	if d.ConfigErr != "" {
		m.status, m.statusEr = sanitize.Line(d.ConfigErr), true
	}
	m.refresh.bar = progress.New(progress.WithSolidFill(styles.Bar), progress.WithoutPercentage(),
		progress.WithWidth(20), progress.WithColorProfile(lipgloss.ColorProfile()))
	if d.Config.RefreshOnStart {
		m.refresh.active, m.refresh.gen, m.refresh.lastReload = true, 1, c.now()
	}
	m.auto = newAutoRefresh(d.Config.Interval())
	m.sync.tick = tea.Tick
	return m, nil
}

// Init sets the window title, loads the feed list and starts the
// background refresh's ticks.
func (m model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.c.windowTitle(m.c.title), loadPrefs(m.c.ctx, m.c.st), findUnfinishedBookmarks(m.c.ctx, m.c.svc),
		m.auto.next()}
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

// loadFeeds reloads the feed list, one load at a time: a load asked for
// while one runs (a burst of J, each marking an article read) becomes a
// single load after it.
func (m *model) loadFeeds() tea.Cmd {
	if m.feedsBusy {
		m.feedsAgain = true
		return nil
	}
	m.feedsBusy = true
	return loadFeeds(m.c.ctx, m.c.svc)
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
		m.feedsBusy = false
		var again tea.Cmd
		if m.feedsAgain {
			m.feedsAgain = false
			again = m.loadFeeds()
		}
		if msg.err != nil {
			m.setStatus(oneLine(msg.err), true)
		}
		if msg.feeds != nil || msg.err == nil {
			m.feeds = m.feeds.setFeeds(msg.feeds, msg.bookmarks, msg.unread, msg.groups)
		}
		if msg.sync.Configured {
			m.sync.status = msg.sync
		}
		return m, tea.Batch(again, m.schedulePush())
	case prefsLoadedMsg:
		if msg.err != nil {
			m.setStatus(oneLine(msg.err), true)
		} else {
			m.c.prefs = msg.p
		}
		return m, m.loadFeeds() // the feeds wait for the folded groups
	case unreadFoundMsg:
		return m.unreadFound(msg)
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
	case articleLoadedMsg, articleRenderedMsg, resizeSettledMsg, pictureLoadedMsg, picturesDueMsg:
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
		return m.readChanged(msg)
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
	case autoRefreshTickMsg:
		return m.autoRefreshTick(msg)
	case syncTickMsg:
		return m.syncTick()
	case syncDoneMsg:
		return m.syncDone(msg)
	}
	return m, nil
}
