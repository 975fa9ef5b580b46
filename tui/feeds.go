package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// feedKind tells the virtual feeds from subscribed ones.
type feedKind int

const (
	kindUnread feedKind = iota
	kindBookmarks
	kindFeed
)

// feedRow is one line of the feeds screen; strings are sanitized.
type feedRow struct {
	kind    feedKind
	id      int64
	url     string // raw, for service.Refresh; never shown
	title   string
	lastErr string
	note    string // from the last refresh, not an error (items left out)
	unread  int
	total   int
}

// query is the item query that lists this feed's items.
func (f feedRow) query() store.ItemQuery {
	switch f.kind {
	case kindUnread:
		return store.ItemQuery{Unread: true}
	case kindBookmarks:
		return store.ItemQuery{Bookmarked: true}
	}
	return store.ItemQuery{FeedID: f.id}
}

// feedsModel is the first screen: virtual feeds, then subscriptions.
type feedsModel struct {
	c      *common
	rows   []feedRow
	nav    cursorList
	loaded bool
}

func newFeedsModel(c *common) feedsModel {
	m := feedsModel{c: c}
	m.rows = []feedRow{{kind: kindUnread, title: "All unread"}, {kind: kindBookmarks, title: "Bookmarks"}}
	m.nav.setN(len(m.rows))
	return m
}

// setFeeds installs a loaded feed list, keeping the cursor on the same feed.
func (m feedsModel) setFeeds(feeds []store.Feed, bookmarks int) feedsModel {
	var keep feedRow
	if r, ok := m.selected(); ok {
		keep = r
	}
	unread := 0
	rows := make([]feedRow, 0, len(feeds)+2)
	rows = append(rows, feedRow{kind: kindUnread, title: "All unread"}, feedRow{kind: kindBookmarks, title: "Bookmarks", unread: bookmarks, total: bookmarks})
	for _, f := range feeds {
		title := sanitize.Line(f.Title)
		if title == "" {
			title = sanitize.Line(f.URL)
		}
		errText := sanitize.Line(f.LastError)
		if f.Gone && errText == "" {
			errText = "the feed is gone (410): no longer polled"
		}
		rows = append(rows, feedRow{kind: kindFeed, id: f.ID, url: f.URL, title: title,
			lastErr: errText, note: sanitize.Line(f.Note), unread: f.Unread, total: f.Total})
		unread += f.Unread
	}
	rows[0].unread, rows[0].total = unread, unread
	m.rows, m.loaded = rows, true
	m.nav.setN(len(rows))
	for i, r := range rows {
		if r.kind == keep.kind && r.id == keep.id {
			m.nav.moveTo(i)
			break
		}
	}
	return m
}

func (m feedsModel) selected() (feedRow, bool) {
	if m.nav.cursor < 0 || m.nav.cursor >= len(m.rows) {
		return feedRow{}, false
	}
	return m.rows[m.nav.cursor], true
}

// byID finds a subscribed feed's row.
func (m feedsModel) byID(id int64) (feedRow, bool) {
	for _, r := range m.rows {
		if r.kind == kindFeed && r.id == id {
			return r, true
		}
	}
	return feedRow{}, false
}

func (m *feedsModel) setSize(_, h int) { m.nav.setHeight(h) }

// update handles the keys that move within the list.
func (m feedsModel) update(msg tea.Msg) (feedsModel, tea.Cmd) {
	k := m.c.keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up):
			m.nav.move(-1)
		case key.Matches(msg, k.Down):
			m.nav.move(1)
		case key.Matches(msg, k.Top):
			m.nav.moveTo(0)
		case key.Matches(msg, k.Bottom):
			m.nav.moveTo(m.nav.n - 1)
		case key.Matches(msg, k.PageDown):
			m.nav.page(1)
		case key.Matches(msg, k.PageUp):
			m.nav.page(-1)
		}
	case tea.MouseMsg:
		m.nav.move(wheelDelta(msg))
	}
	return m, nil
}

// status is the status line for the selection: a failing feed's error,
// else what its last refresh noted.
func (m feedsModel) status() (string, bool) {
	r, ok := m.selected()
	switch {
	case ok && r.lastErr != "":
		return "last refresh failed: " + r.lastErr, true
	case ok && r.note != "":
		return "last refresh " + r.note, false
	}
	return "", false
}

// View draws the visible rows.
func (m feedsModel) View() string {
	w := m.c.width
	if w <= 0 {
		return ""
	}
	s := m.c.styles
	var b strings.Builder
	from, to := m.nav.visible()
	for i := from; i < to; i++ {
		r := m.rows[i]
		count := ""
		switch {
		case r.kind == kindBookmarks:
			count = fmt.Sprintf("%d", r.total)
		case r.kind == kindUnread:
			count = fmt.Sprintf("%d unread", r.unread)
		default:
			count = fmt.Sprintf("%d/%d", r.unread, r.total)
		}
		mark := " "
		if r.lastErr != "" {
			mark = "!"
		}
		cursor := " "
		if i == m.nav.cursor {
			cursor = ">"
		}
		titleW := max(1, w-3-len(count)-1)
		title := fit(r.title, titleW)
		if i > from {
			b.WriteByte('\n')
		}
		if i == m.nav.cursor {
			b.WriteString(s.Selected.Render(cursor + mark + " " + title + " " + count))
			continue
		}
		if r.lastErr != "" {
			mark = s.ErrMark.Render(mark)
		}
		ts, cs := s.Read, s.Dim
		if r.unread > 0 || r.kind != kindFeed {
			ts, cs = s.Unread, s.Unread
		}
		b.WriteString(cursor + mark + " " + ts.Render(title) + " " + cs.Render(count))
	}
	if len(m.rows) == 2 && m.loaded {
		b.WriteString("\n\n" + s.Empty.Render(fit("No feeds yet: add one with `herald add URL`.", w)))
	}
	return b.String()
}
