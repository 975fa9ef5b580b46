package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/store"
)

// Saving bookmarks in the background: s on an item, and at start the saves
// an earlier herald never finished.

// bookmark starts saving item id as a bookmark in the background.
func (m model) bookmark(id int64) (tea.Model, tea.Cmd) {
	if id == 0 {
		return m, nil
	}
	if m.c.saving[id] {
		return m, nil // already on its way; a "saving" state left by a crash can be retried
	}
	m.c.saving[id] = true
	m.c.bm[id] = bmState{state: store.BookmarkSaving}
	for _, l := range []*itemList{&m.items.list, &m.search.list} {
		if r, ok := l.byID(id); ok {
			r.bookmarked = true
		}
	}
	if m.reader.r.id == id {
		m.reader.r.bookmarked = true
	}
	m.setStatus("saving bookmark…", false)
	return m, saveBookmark(m.c.ctx, m.c.svc, m.c.st, id)
}

// maxResumes is how many interrupted bookmarks are saved again at once.
const maxResumes = 3

// resumeBookmarks saves again, in the background and a few at a time, the
// bookmarks whose save an earlier herald never finished.
func (m model) resumeBookmarks(msg unfinishedBookmarksMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.setStatus(oneLine(msg.err), true)
		return m, nil
	}
	m.c.resume = append(m.c.resume, msg.ids...)
	m, cmd := m.resumeNext()
	if len(msg.ids) > 0 {
		m.setStatus(fmt.Sprintf("saving interrupted bookmarks again (%d)…", len(msg.ids)), false)
	}
	return m, cmd
}

// resumeNext starts saving queued interrupted bookmarks while fewer than
// maxResumes saves run.
func (m model) resumeNext() (model, tea.Cmd) {
	var cmds []tea.Cmd
	for len(m.c.resume) > 0 && len(m.c.saving) < maxResumes {
		id := m.c.resume[0]
		m.c.resume = m.c.resume[1:]
		next, cmd := m.bookmark(id)
		m = next.(model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// bookmarkSaved records how saving a bookmark ended.
func (m model) bookmarkSaved(msg bookmarkSavedMsg) (tea.Model, tea.Cmd) {
	m.c.bm[msg.id] = msg.state
	delete(m.c.saving, msg.id)
	switch {
	case msg.err != nil:
		m.setStatus("bookmark failed: "+msg.state.reason, true)
	case msg.state.state == store.BookmarkFailed:
		m.setStatus("bookmark saved without the full article: "+msg.state.reason, true)
	default:
		m.setStatus("bookmark saved", false)
	}
	m, next := m.resumeNext()
	return m, tea.Batch(m.loadFeeds(), next)
}
