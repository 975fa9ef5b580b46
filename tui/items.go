package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/store"
)

// itemsModel lists the items of one feed, of "All unread" or of "Bookmarks",
// newest first, loading windows of pageSize rows from SQLite as the cursor
// moves.
type itemsModel struct {
	c    *common
	src  feedRow
	list itemList
	gen  int // of the latest window request; older answers are dropped
}

func newItemsModel(c *common) itemsModel {
	return itemsModel{c: c, list: newItemList()}
}

// open switches the screen to src and returns the command loading its first
// window.
func (m itemsModel) open(src feedRow) (itemsModel, tea.Cmd) {
	h := m.list.nav.height
	m.src, m.list = src, newItemList()
	m.list.nav.setHeight(h)
	return m.load(0)
}

// load requests the window at off.
func (m itemsModel) load(off int) (itemsModel, tea.Cmd) {
	m.gen++
	m.list.pending = off
	return m, loadItems(m.c.ctx, m.c.st, m.c.query(m.src), off, m.gen)
}

// reload re-reads the current window (after a refresh or a change of read
// state), keeping the cursor on the same item.
func (m itemsModel) reload() (itemsModel, tea.Cmd) {
	return m.load(m.list.off)
}

// loaded installs a window; it may ask for the next one right away if the
// cursor moved on while this one was loading.
func (m itemsModel) loaded(msg itemsLoadedMsg) (itemsModel, tea.Cmd) {
	if msg.gen != m.gen {
		return m, nil
	}
	m.list.pending = -1
	if msg.err != nil {
		return m, nil
	}
	for id, st := range msg.states {
		if !m.c.saving[id] { // this process knows better while it saves
			m.c.bm[id] = st
		}
	}
	m.list.setWindow(msg.off, msg.total, msg.rows)
	return m.follow()
}

// follow loads the window around the cursor when it is not in memory.
func (m itemsModel) follow() (itemsModel, tea.Cmd) {
	if off, ok := m.list.needLoad(); ok {
		m.gen++
		return m, loadItems(m.c.ctx, m.c.st, m.c.query(m.src), off, m.gen)
	}
	return m, nil
}

func (m *itemsModel) setSize(_, h int) { m.list.nav.setHeight(h) }

// update handles the keys that move within the list.
func (m itemsModel) update(msg tea.Msg) (itemsModel, tea.Cmd) {
	m.list = navigate(m.c.keys, m.list, msg)
	return m.follow()
}

// navigate applies movement keys and the mouse wheel to a list.
func navigate(k keyMap, l itemList, msg tea.Msg) itemList {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up, k.PrevArticle):
			l.nav.move(-1)
		case key.Matches(msg, k.Down, k.NextArticle):
			l.nav.move(1)
		case key.Matches(msg, k.Top):
			l.nav.moveTo(0)
		case key.Matches(msg, k.Bottom):
			l.nav.moveTo(l.nav.n - 1)
		case key.Matches(msg, k.PageDown):
			l.nav.page(1)
		case key.Matches(msg, k.PageUp):
			l.nav.page(-1)
		}
	case tea.MouseMsg:
		l.nav.move(wheelDelta(msg))
	}
	return l
}

// status is the status line for the selection: why saving its bookmark failed.
func (m itemsModel) status() (string, bool) {
	return rowStatus(m.c, &m.list)
}

func rowStatus(c *common, l *itemList) (string, bool) {
	r, ok := l.selected()
	if !ok {
		return "", false
	}
	if st, ok := c.bm[r.id]; ok && st.state == store.BookmarkFailed {
		reason := st.reason
		if reason == "" {
			reason = "unknown error"
		}
		return "bookmark saved without the full article: " + reason, true
	}
	return "", false
}

// position is "cursor/total" for the status bar.
func (m itemsModel) position() string { return listPosition(&m.list) }

// listPosition is "cursor/total", 1-based.
func listPosition(l *itemList) string {
	if l.nav.n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", l.nav.cursor+1, l.nav.n)
}

// View draws the visible rows.
func (m itemsModel) View() string {
	if !m.list.loaded {
		return m.c.styles.Empty.Render("Loading…")
	}
	if m.list.nav.n == 0 {
		empty := "No items."
		switch m.src.kind {
		case kindUnread:
			empty = "No unread items."
		case kindBookmarks:
			empty = "No bookmarks yet: press s on an item to save it."
		}
		return m.c.styles.Empty.Render(empty)
	}
	return renderRows(m.c, &m.list, m.src.kind != kindFeed)
}
