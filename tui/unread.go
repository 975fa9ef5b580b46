package tui

// n and p: the next or previous unread article, in this list first, then
// in the next feed that has one (newsboat's convention).

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/store"
)

// unreadCand is a list to look for an unread article in, after from (0:
// from the top, or from the bottom going back).
type unreadCand struct {
	src  feedRow
	q    store.ItemQuery
	from int64
}

// unreadFoundMsg carries the unread article n or p found, with the window
// of its list around it.
type unreadFoundMsg struct {
	gen   int
	src   feedRow
	win   itemsLoadedMsg
	index int
	row   row
	back  bool
	none  bool
	err   error
}

// findUnread looks for the first unread article in each candidate list in
// turn.
func findUnread(ctx context.Context, st *store.Store, cands []unreadCand, back bool, gen int) tea.Cmd {
	return func() tea.Msg {
		for _, c := range cands {
			it, idx, err := st.NextUnread(ctx, c.q, c.from, back)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return unreadFoundMsg{gen: gen, err: fmt.Errorf("next unread: %w", err)}
			}
			win := loadWindow(ctx, st, c.q, max(0, idx-pageSize/2), 0)
			if win.err != nil {
				return unreadFoundMsg{gen: gen, err: win.err}
			}
			return unreadFoundMsg{gen: gen, src: c.src, win: win, index: idx, row: rowFromItem(it), back: back}
		}
		return unreadFoundMsg{gen: gen, none: true, back: back}
	}
}

// nextUnread moves to the next (or, with back, previous) unread article:
// from the reader, after the one shown; from a list, from the selection
// on; from the feeds screen, in the selected feed or the ones after it.
func (m model) nextUnread(back bool) (tea.Model, tea.Cmd) {
	d := 1
	if back {
		d = -1
	}
	var (
		l    *itemList
		i    int
		last int64 // the last row looked at: the database goes on after it
	)
	switch m.top() {
	case screenReader:
		l, last = m.sourceList(), m.reader.r.id
		i = m.readerIndex(l, d)
	case screenItems, screenSearch:
		l = m.listOf(m.top())
		i = l.nav.cursor
	case screenFeeds:
		f, ok := m.feeds.selected()
		if !ok || f.kind == kindBookmarks {
			return m.noUnread(back)
		}
		return m.seekUnread(m.candidates(f, 0, back), back)
	}
	// The loaded rows first: they hold what the user sees, read or not.
	for ; i >= 0 && i < l.nav.n; i += d {
		r, ok := l.at(i)
		if !ok {
			break // past the loaded window
		}
		if !r.read {
			return m.openAt(l == &m.search.list, i)
		}
		last = r.id
	}
	src := m.items.src
	if l == &m.search.list || src.kind == kindBookmarks {
		return m.noUnread(back) // search results are all loaded; bookmarks keep no order to search
	}
	return m.seekUnread(m.candidates(src, last, back), back)
}

// candidates lists where to look: src after from; for a feed, the other
// feeds that have unread items, in the feed list's order; last, src from
// its top (its bottom, going back) for what was left above the start.
func (m model) candidates(src feedRow, from int64, back bool) []unreadCand {
	cands := []unreadCand{{src: src, q: m.c.query(src), from: from}}
	if src.kind == kindFeed {
		all, order := m.feeds.all, m.feeds.order
		at := -1
		for i, k := range order {
			if all[k].id == src.id {
				at = i
			}
		}
		for k := 1; k < len(order); k++ {
			j := at + k
			if back {
				j = at - k
			}
			j = ((j % len(order)) + len(order)) % len(order)
			if f := all[order[j]]; f.unread > 0 && f.id != src.id {
				f.tag = ""
				cands = append(cands, unreadCand{src: f, q: m.c.query(f)})
			}
		}
	}
	if from != 0 {
		cands = append(cands, unreadCand{src: src, q: m.c.query(src)})
	}
	return cands
}

// seekUnread asks the database for the next unread article. Its answer
// carries a generation of its own: a list reload meanwhile does not make
// it stale, another n does.
func (m model) seekUnread(cands []unreadCand, back bool) (tea.Model, tea.Cmd) {
	m.navGen++
	m.setStatus("looking for the next unread article…", false)
	return m, findUnread(m.c.ctx, m.c.st, cands, back, m.navGen)
}

// noUnread says there is nothing further to read.
func (m model) noUnread(back bool) (tea.Model, tea.Cmd) {
	if back {
		m.setStatus("no unread article before this one", false)
	} else {
		m.setStatus("no more unread articles", false)
	}
	return m, nil
}

// openAt shows row i of the search results or of the items list in the
// reader, and moves that list's cursor to it.
func (m model) openAt(search bool, i int) (tea.Model, tea.Cmd) {
	l := &m.items.list
	if search {
		l = &m.search.list
	}
	r, ok := l.at(i)
	if !ok {
		return m, nil
	}
	row := *r
	l.nav.moveTo(i)
	var follow tea.Cmd
	if !search {
		m.items, follow = m.items.follow()
	}
	if m.top() != screenReader {
		m.push(screenReader)
	}
	mm, cmd := m.showArticle(row)
	return mm, tea.Batch(cmd, follow)
}

// unreadFound opens the article the database found, switching the items
// screen to its list when it is in another feed.
func (m model) unreadFound(msg unreadFoundMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.navGen {
		return m, nil
	}
	m.items.gen++ // a window load still on its way is for the list as it was
	m.status = ""
	switch {
	case msg.err != nil:
		m.setStatus(oneLine(msg.err), true)
		return m, nil
	case msg.none:
		return m.noUnread(msg.back)
	}
	// crossed: n went on to another feed. From the feeds screen the list is
	// opened afresh, whatever the zero value of the old one says.
	crossed := m.top() != screenFeeds && !m.items.src.same(msg.src)
	moved := crossed || m.top() == screenFeeds
	m.items.src = msg.src
	if moved {
		h := m.items.list.nav.height
		m.items.list = newItemList()
		m.items.list.nav.setHeight(h)
		m.feeds.nav.moveTo(m.feeds.find(msg.src))
	}
	m.items.list.setWindow(msg.win.off, msg.win.total, msg.win.rows)
	m.items.list.nav.moveTo(msg.index)
	switch m.top() {
	case screenFeeds:
		m.push(screenItems)
		m.push(screenReader)
	case screenItems:
		m.push(screenReader)
	case screenReader:
		if m.below() != screenItems {
			m.stack = []screen{screenFeeds, screenItems, screenReader}
		}
	}
	mm, cmd := m.showArticle(msg.row)
	if crossed {
		mm.setStatus("next unread in "+msg.src.title, false)
	}
	return mm, cmd
}
