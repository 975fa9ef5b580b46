package tui

// What the keys do: moving between articles, opening them, marking read,
// search, and the refresh with its progress and the lists' reload.

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/herald-reader/herald/sanitize"
)

// sourceList is the list the reader was opened from.
func (m *model) sourceList() *itemList { return m.listOf(m.below()) }

// listOf is the item list a screen shows: the search results on the search
// screen, else the items screen's list.
func (m *model) listOf(s screen) *itemList {
	if s == screenSearch {
		return &m.search.list
	}
	return &m.items.list
}

// step opens the next (d=1) or previous (d=-1) article of the source list
// (J and K).
func (m model) step(d int) (tea.Model, tea.Cmd) {
	l := m.sourceList()
	i := m.readerIndex(l, d)
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

// readerIndex is the index of the row d after the article in the reader.
// A reload may have dropped that article from the list (All unread, or
// read items hidden): the cursor then stays where it was, on the row that
// followed it.
func (m *model) readerIndex(l *itemList, d int) int {
	if r, ok := l.selected(); ok && r.id == m.reader.r.id {
		return l.nav.cursor + d
	}
	for i := range l.rows {
		if l.rows[i].id == m.reader.r.id {
			return l.off + i + d
		}
	}
	if d > 0 {
		return l.nav.cursor
	}
	return l.nav.cursor + d
}

// openArticle pushes the reader with r.
func (m model) openArticle(r row) (tea.Model, tea.Cmd) {
	m.push(screenReader)
	return m.showArticle(r)
}

// showArticle loads r into the reader, marks it read and names the window
// after it.
func (m model) showArticle(r row) (model, tea.Cmd) {
	cmds := []tea.Cmd{m.c.windowTitle(r.title + " — " + m.c.title), m.keepPosition()}
	if !r.read {
		m.setReadLocal(r.id, true)
		r.read = true
		cmds = append(cmds, setRead(m.c.ctx, m.c.st, true, "read “"+r.title+"”", r.id))
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
	return m, tea.Batch(cmd, m.c.windowTitle(m.c.title), indexForSearch(m.c.ctx, m.c.st, false))
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
	if m.refresh.scheduled {
		m.backgroundDone(msg) // autorefresh.go: quiet unless something came
		return m, m.reloadLists()
	}
	if msg.err != nil && msg.sum.Feeds == 0 {
		m.setStatus(oneLine(msg.err), true)
	} else {
		m.setStatus(msg.sum.String(), msg.err != nil)
	}
	return m, m.reloadLists()
}

// reloadLists re-reads the feeds and the open item list.
func (m *model) reloadLists() tea.Cmd {
	cmds := []tea.Cmd{m.loadFeeds()}
	if m.items.list.loaded || m.items.list.pending >= 0 {
		var cmd tea.Cmd
		m.items, cmd = m.items.reload()
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}
