package tui

// Keys and the mouse: each screen's key handling, and pasted runs of keys
// split back into single presses.

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// handleKey applies global keys, then the top screen's.
func (m model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	if key.Matches(msg, k.ForceQuit) {
		return m, tea.Sequence(m.keepPosition(), tea.Quit)
	}
	if m.confirm != nil {
		return m.answer(msg)
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
	case key.Matches(msg, k.Undo):
		return m.undo()
	case key.Matches(msg, k.HideRead):
		return m.toggleHideRead()
	case key.Matches(msg, k.Sort):
		return m.toggleOrder()
	case key.Matches(msg, k.Next, k.Prev):
		return m.nextUnread(key.Matches(msg, k.Prev))
	case key.Matches(msg, k.Quit, k.Back):
		keep := m.keepPosition() // leaving the reader, or quitting from it
		cmd, ok := m.back()
		if !ok && key.Matches(msg, k.Quit) {
			return m, tea.Sequence(keep, tea.Quit)
		}
		cmd = tea.Batch(keep, cmd)
		if ok && m.top() == screenFeeds {
			return m, tea.Batch(cmd, m.loadFeeds())
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
	case key.Matches(msg, k.ToggleGroup):
		var tag string
		var ok bool
		if m.feeds, tag, ok = m.feeds.toggleGroup(); !ok {
			m.setStatus("tab folds a tag group: this line is in none", false)
			return m, nil
		}
		if m.c.prefs.collapsed[tag] {
			m.setStatus("folded "+tag, false)
		} else {
			m.setStatus("unfolded "+tag, false)
		}
		return m, savePrefs(m.c.ctx, m.c.st, m.c.prefs)
	}
	var cmd tea.Cmd
	m.feeds, cmd = m.feeds.update(msg)
	return m, cmd
}

// listKey handles keys on the items and search screens.
func (m model) listKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	r, haveRow := m.listOf(m.top()).selected()
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
		return m.toggleRead(*r)
	case key.Matches(msg, k.Play):
		if !haveRow {
			return m, nil
		}
		return m.play(r.mediaURL)
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
			return m.markFeedRead(m.currentSrc())
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
	case key.Matches(msg, k.NextArticle, k.PrevArticle):
		d := 1
		if key.Matches(msg, k.PrevArticle) {
			d = -1
		}
		return m.step(d)
	case key.Matches(msg, k.ToggleRead):
		return m.toggleRead(r)
	case key.Matches(msg, k.Play):
		return m.play(r.mediaURL)
	case key.Matches(msg, k.MarkFeedRead):
		return m.markFeedRead(m.currentSrc())
	case key.Matches(msg, k.Bookmark):
		return m.bookmark(r.id)
	case key.Matches(msg, k.FetchFull):
		if m.reader.fetching {
			return m, nil
		}
		m.reader.fetching = true
		m.setStatus("fetching the full article…", false)
		return m, fetchFull(m.c.ctx, m.c.svc, r.id, m.c.pics.drawer != nil)
	case key.Matches(msg, k.OpenLink):
		return m, openLink(m.c.browser, r.link)
	case key.Matches(msg, k.CopyLink):
		return m, copyLink(m.c.clip, r.link)
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.update(msg)
	return m, cmd
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
