package tui

// Changes of read state, undone with u, and the question A asks before
// marking a whole virtual feed read.

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// undoStep is one change of read state, as the database reported it.
type undoStep struct {
	read bool    // the state the change set
	ids  []int64 // the items it changed
	what string  // "marked “Title” read"
}

// maxUndo is how many changes u can undo.
const maxUndo = 100

// confirmStep is a question waiting for y; any other key cancels it.
type confirmStep struct {
	prompt string
	do     func(model) (tea.Model, tea.Cmd)
}

// ask puts a question in the status line.
func (m model) ask(prompt string, do func(model) (tea.Model, tea.Cmd)) (tea.Model, tea.Cmd) {
	m.confirm = &confirmStep{prompt: prompt, do: do}
	m.setStatus(prompt+" [y/N]", false)
	return m, nil
}

// answer handles the key that answers a pending question.
func (m model) answer(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	c := m.confirm
	m.confirm = nil
	if msg.Type == tea.KeyRunes && string(msg.Runes) == "y" {
		m.status = ""
		return c.do(m)
	}
	m.setStatus("cancelled: nothing was marked", false)
	return m, nil
}

// readChanged applies a change of read state the database made to every
// loaded copy of the items, and remembers it for undo.
func (m model) readChanged(msg readChangedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.setStatus(oneLine(msg.err), true)
		return m, m.loadFeeds()
	}
	for _, id := range msg.ids {
		m.setReadLocal(id, msg.read)
	}
	switch {
	case msg.undo:
		m.setStatus("undone: "+msg.what+count(len(msg.ids)), false)
		// The open list may have been reloaded without the items (All
		// unread, read items hidden): they come back.
		return m, tea.Batch(m.reloadLists(), m.loadFeeds())
	case len(msg.ids) > 0:
		m.c.undo = append(m.c.undo, undoStep{read: msg.read, ids: msg.ids, what: msg.what})
		if len(m.c.undo) > maxUndo {
			m.c.undo = m.c.undo[len(m.c.undo)-maxUndo:]
		}
	}
	return m, m.loadFeeds()
}

// count is " (N items)" when a change touched more than one.
func count(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" (%d items)", n)
}

// undo reverts the latest change of read state.
func (m model) undo() (tea.Model, tea.Cmd) {
	if len(m.c.undo) == 0 {
		m.setStatus("nothing to undo", false)
		return m, nil
	}
	step := m.c.undo[len(m.c.undo)-1]
	m.c.undo = m.c.undo[:len(m.c.undo)-1]
	for _, id := range step.ids {
		m.setReadLocal(id, !step.read)
	}
	return m, restoreRead(m.c.ctx, m.c.st, !step.read, step.what, step.ids)
}

// toggleRead flips the read state of one item.
func (m model) toggleRead(r row) (tea.Model, tea.Cmd) {
	read := !r.read
	m.setReadLocal(r.id, read)
	what := "marked “" + r.title + "” unread"
	if read {
		what = "marked “" + r.title + "” read"
	}
	return m, setRead(m.c.ctx, m.c.st, read, what, r.id)
}

// markFeedRead marks a list read: a feed at once, a virtual feed (every
// unread item, or a tag's) after asking.
func (m model) markFeedRead(f feedRow) (tea.Model, tea.Cmd) {
	if f.kind == kindBookmarks {
		m.setStatus("bookmarks have no feed to mark read", false)
		return m, nil
	}
	q := m.c.query(f)
	q.SeenBy = m.c.now() // what arrives while the question waits stays unread
	do := func(m model) (tea.Model, tea.Cmd) {
		if m.items.src.same(f) {
			for i := range m.items.list.rows {
				m.items.list.rows[i].read = true
			}
		}
		what := "marked " + f.title + " read"
		m.setStatus(what, false)
		return m, markRead(m.c.ctx, m.c.st, q, what)
	}
	if f.kind == kindFeed {
		return do(m)
	}
	return m.ask(fmt.Sprintf("mark all %d unread items of %s read?", f.unread, f.title), do)
}
