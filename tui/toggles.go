package tui

// The list preferences (H hides read items, O turns the order round), the
// reading position kept per article, and playing an item's media (e).

import (
	"context"
	"fmt"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// toggleHideRead hides or shows read items in feed and tag lists, and
// feeds with nothing unread in the feed list.
func (m model) toggleHideRead() (tea.Model, tea.Cmd) {
	m.c.prefs.hideRead = !m.c.prefs.hideRead
	if m.c.prefs.hideRead {
		m.setStatus("showing unread items only (H shows all)", false)
	} else {
		m.setStatus("showing read items too (H hides them)", false)
	}
	m.feeds = m.feeds.rebuild()
	return m, tea.Batch(savePrefs(m.c.ctx, m.c.st, m.c.prefs), m.reopenList())
}

// toggleOrder lists oldest first, or newest first again.
func (m model) toggleOrder() (tea.Model, tea.Cmd) {
	m.c.prefs.oldestFirst = !m.c.prefs.oldestFirst
	if m.c.prefs.oldestFirst {
		m.setStatus("oldest first (O: newest first)", false)
	} else {
		m.setStatus("newest first (O: oldest first)", false)
	}
	return m, tea.Batch(savePrefs(m.c.ctx, m.c.st, m.c.prefs), m.reopenList())
}

// reopenList loads the open item list again from the top, for new
// preferences; the selection stays on the same item when it is still listed.
func (m *model) reopenList() tea.Cmd {
	if !m.items.list.loaded && m.items.list.pending < 0 {
		return nil
	}
	var cmd tea.Cmd
	m.items, cmd = m.items.load(0)
	return cmd
}

// currentSrc is the open list's feed row as the feed list has it now (its
// counts are fresh).
func (m model) currentSrc() feedRow {
	src := m.items.src
	for _, r := range m.feeds.rows {
		if r.same(src) {
			return r
		}
	}
	return src
}

// keepPosition saves where reading of the article on screen stopped, when
// the reader is on top and showing it.
func (m model) keepPosition() tea.Cmd {
	if m.top() != screenReader || !m.reader.shown || m.reader.r.id == 0 {
		return nil
	}
	return savePosition(m.c.ctx, m.c.st, m.reader.r.id, m.reader.vp.ScrollPercent())
}

// savePosition stores a reading position.
func savePosition(ctx context.Context, st *store.Store, id int64, pos float64) tea.Cmd {
	return func() tea.Msg {
		if err := st.SetPosition(ctx, id, pos); err != nil {
			return statusMsg{text: oneLine(err), err: true}
		}
		return nil
	}
}

// playerArgv is the media player: the configured command, else mpv when
// it is installed (inTerm: it then takes the terminal, its keys pause and
// quit, and q comes back to herald), else the browser.
func playerArgv(configured string, browser []string) (argv []string, inTerm bool) {
	if f := strings.Fields(configured); len(f) > 0 {
		return f, false
	}
	if _, err := exec.LookPath("mpv"); err == nil {
		return []string{"mpv"}, true
	}
	return browser, false
}

// play plays an item's media: in the terminal for the default mpv, else
// in the background like a browser.
func (m model) play(media string) (tea.Model, tea.Cmd) {
	if !m.c.playInTerm {
		return m, playMedia(m.c.player, media)
	}
	if media == "" {
		m.setStatus("this item has no audio or video", false)
		return m, nil
	}
	u, err := safeLink(media)
	if err != nil {
		m.setStatus("not playing: "+err.Error(), true)
		return m, nil
	}
	argv := m.c.player
	cmd := exec.Command(argv[0], append(append([]string{}, argv[1:]...), u)...)
	if m.c.tty != nil {
		// The terminal itself, not the UI's writer around it: the player
		// wants to know it writes to a terminal.
		cmd.Stdout = m.c.tty
	}
	return m, tea.ExecProcess(cmd, func(err error) tea.Msg {
		if err != nil {
			return statusMsg{text: oneLine(fmt.Errorf("play (%s): %w", sanitize.Line(argv[0]), err)), err: true}
		}
		return statusMsg{text: "played in " + sanitize.Line(argv[0])}
	})
}

// playMedia starts the player on an http(s) media URL, as one argument,
// and does not wait for it; its output goes nowhere.
func playMedia(argv []string, media string) tea.Cmd {
	return func() tea.Msg {
		if media == "" {
			return statusMsg{text: "this item has no audio or video"}
		}
		u, err := safeLink(media)
		if err != nil {
			return statusMsg{text: "not playing: " + err.Error(), err: true}
		}
		cmd := exec.Command(argv[0], append(append([]string{}, argv[1:]...), u)...)
		if err := cmd.Start(); err != nil {
			return statusMsg{text: oneLine(fmt.Errorf("play (%s): %w", sanitize.Line(argv[0]), err)), err: true}
		}
		go func() { _ = cmd.Wait() }()
		return statusMsg{text: "playing in " + sanitize.Line(argv[0])}
	}
}
