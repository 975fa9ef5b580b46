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
	kindTag // a tag: the items of its feeds, and the group heading them
	kindFeed
)

// feedRow is one line of the feeds screen; strings are sanitized.
type feedRow struct {
	kind    feedKind
	id      int64
	url     string // raw, for service.Refresh; never shown
	title   string
	tag     string  // kindTag: the tag; kindFeed: the group it is listed in
	feedIDs []int64 // kindTag: its feeds
	lastErr string
	note    string // from the last refresh, not an error (items left out)
	unread  int
	total   int
}

// same reports whether r and o are the same line of the list.
func (r feedRow) same(o feedRow) bool {
	return r.kind == o.kind && r.id == o.id && r.tag == o.tag
}

// feedsModel is the first screen: virtual feeds, then tag groups, then the
// feeds with no tag.
type feedsModel struct {
	c      *common
	all    []feedRow  // every subscribed feed, by title
	rows   []feedRow  // the lines shown
	order  []int32    // every feed once (an index into all), in the order the list shows them unfolded: n moves through them
	marks  int        // bookmarks
	unread int        // unread stories, each counted once
	groups []tagGroup // the tags, sorted
	nav    cursorList
	loaded bool
}

func newFeedsModel(c *common) feedsModel {
	m := feedsModel{c: c}
	m.rows = []feedRow{{kind: kindUnread, title: "All unread"}, {kind: kindBookmarks, title: "Bookmarks"}}
	m.nav.setN(len(m.rows))
	return m
}

// setFeeds installs a loaded feed list, keeping the cursor on the same line.
func (m feedsModel) setFeeds(feeds []store.Feed, bookmarks, unread int, groups []tagGroup) feedsModel {
	m.groups = groups
	m.all = make([]feedRow, 0, len(feeds))
	for _, f := range feeds {
		title := sanitize.Line(f.Title)
		if title == "" {
			title = sanitize.Line(f.URL)
		}
		errText := sanitize.Line(f.LastError)
		if f.Gone && errText == "" {
			errText = "the feed is gone (410): no longer polled"
		}
		r := feedRow{kind: kindFeed, id: f.ID, url: f.URL, title: title,
			lastErr: errText, note: sanitize.Line(f.Note), unread: f.Unread, total: f.Total}
		m.all = append(m.all, r)
	}
	m.marks, m.unread, m.loaded = bookmarks, unread, true
	return m.rebuild()
}

// rebuild lays out the lines from the loaded feeds, the folded groups and
// the hide-read preference, keeping the cursor on the same line.
func (m feedsModel) rebuild() feedsModel {
	keep, hadKeep := m.selected()
	// Indexes into m.all, not copies of its rows: with thousands of feeds
	// the list is rebuilt on every return to it (issue 15, the reader's
	// memory).
	byID := make(map[int64]int, len(m.all))
	for i, r := range m.all {
		byID[r.id] = i
	}
	tagged := make([]bool, len(m.all))
	for _, g := range m.groups {
		for _, id := range g.feedIDs {
			if i, ok := byID[id]; ok {
				tagged[i] = true
			}
		}
	}
	hide := m.c.prefs.hideRead
	shown := func(r feedRow) bool { return !hide || r.unread > 0 || r.lastErr != "" }

	rows := make([]feedRow, 0, 2+len(m.groups)+len(m.all))
	rows = append(rows, feedRow{kind: kindUnread, title: "All unread", unread: m.unread, total: m.unread},
		feedRow{kind: kindBookmarks, title: "Bookmarks", unread: m.marks, total: m.marks})
	order := make([]int32, 0, len(m.all))
	inOrder := make([]bool, len(m.all))
	add := func(i int) {
		if !inOrder[i] {
			inOrder[i] = true
			order = append(order, int32(i))
		}
	}
	for _, tg := range m.groups {
		t := tg.tag
		g := feedRow{kind: kindTag, title: t, tag: t, feedIDs: tg.feedIDs, unread: tg.unread}
		var members []int
		for _, id := range tg.feedIDs {
			i, ok := byID[id]
			if !ok {
				continue
			}
			r := m.all[i]
			members = append(members, i)
			g.total += r.total
			if r.lastErr != "" && g.lastErr == "" {
				g.lastErr = "a feed of this tag failed to refresh: " + r.title
			}
		}
		if hide && g.unread == 0 && g.lastErr == "" {
			for _, i := range members {
				add(i)
			}
			continue
		}
		rows = append(rows, g)
		for _, i := range members {
			add(i)
			r := m.all[i]
			if m.c.prefs.collapsed[t] || !shown(r) {
				continue
			}
			r.tag = t
			rows = append(rows, r)
		}
	}
	for i, r := range m.all {
		if tagged[i] {
			continue
		}
		add(i)
		if shown(r) {
			rows = append(rows, r)
		}
	}
	m.rows, m.order = rows, order
	m.nav.setN(len(rows))
	if hadKeep {
		for i, r := range rows {
			if r.same(keep) {
				m.nav.moveTo(i)
				break
			}
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

// find is the line of r: the same line, else the first of the same feed,
// else the cursor's.
func (m feedsModel) find(r feedRow) int {
	for i, o := range m.rows {
		if o.same(r) {
			return i
		}
	}
	for i, o := range m.rows {
		if r.kind == kindFeed && o.kind == kindFeed && o.id == r.id {
			return i
		}
	}
	return m.nav.cursor
}

// byID finds a subscribed feed.
func (m feedsModel) byID(id int64) (feedRow, bool) {
	for _, i := range m.order {
		if r := m.all[i]; r.id == id {
			return r, true
		}
	}
	return feedRow{}, false
}

// toggleGroup folds or unfolds the tag group under the cursor (or the one
// the selected feed is listed in) and returns the new folded state.
func (m feedsModel) toggleGroup() (feedsModel, string, bool) {
	r, ok := m.selected()
	if !ok || r.tag == "" || r.kind == kindUnread || r.kind == kindBookmarks {
		return m, "", false
	}
	if m.c.prefs.collapsed == nil {
		m.c.prefs.collapsed = map[string]bool{}
	}
	fold := !m.c.prefs.collapsed[r.tag]
	m.c.prefs.collapsed[r.tag] = fold
	if fold { // the cursor goes to the group's line
		for i, g := range m.rows {
			if g.kind == kindTag && g.tag == r.tag {
				m.nav.moveTo(i)
				break
			}
		}
	}
	return m.rebuild(), r.tag, true
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
		if r.kind == kindTag {
			return r.lastErr, true
		}
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
		count, lead := "", ""
		switch r.kind {
		case kindBookmarks:
			count = fmt.Sprintf("%d", r.total)
		case kindUnread, kindTag:
			count = fmt.Sprintf("%d unread", r.unread)
		default:
			count = fmt.Sprintf("%d/%d", r.unread, r.total)
		}
		switch {
		case r.kind == kindTag && m.c.prefs.collapsed[r.tag]:
			lead = "▸ "
		case r.kind == kindTag:
			lead = "▾ "
		case r.kind == kindFeed && r.tag != "":
			lead = "  "
		}
		mark := " "
		if r.lastErr != "" {
			mark = "!"
		}
		cursor := " "
		if i == m.nav.cursor {
			cursor = ">"
		}
		titleW := max(1, w-3-cellWidth(lead)-len(count)-1)
		title := fit(r.title, titleW)
		if i > from {
			b.WriteByte('\n')
		}
		if i == m.nav.cursor {
			b.WriteString(s.Selected.Render(fit(cursor+mark+" "+lead+title+" "+count, w)))
			continue
		}
		if r.lastErr != "" {
			mark = s.ErrMark.Render(mark)
		}
		ts, cs := s.Read, s.Dim
		if r.unread > 0 || r.kind == kindUnread || r.kind == kindBookmarks {
			ts, cs = s.Unread, s.Unread
		}
		b.WriteString(cursor + mark + " " + s.Dim.Render(lead) + ts.Render(title) + " " + cs.Render(count))
	}
	if len(m.all) == 0 && m.loaded {
		b.WriteString("\n\n" + s.Empty.Render(fit("No feeds yet: add one with `herald add URL`.", w)))
	}
	return b.String()
}
