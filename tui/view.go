package tui

// Drawing the app: the screen on top, the breadcrumb, the status line and
// the help.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// helpView is the short or full help for the top screen.
func (m model) helpView() string {
	keys := m.helpKeys()
	if !m.showHelp {
		// bubbles' help stops truncating when not even its ellipsis fits.
		return ansi.Truncate(m.help.ShortHelpView(keys.ShortHelp()), m.c.width, "…")
	}
	// The full help puts its groups side by side; when they do not fit the
	// width, the rest wrap to a block below instead of being cut off.
	h := m.help
	h.Width = 0
	var blocks []string
	var cur [][]key.Binding
	for _, g := range keys.FullHelp() {
		try := append(append([][]key.Binding{}, cur...), g)
		if len(cur) > 0 && lipgloss.Width(h.FullHelpView(try)) > m.c.width {
			blocks = append(blocks, h.FullHelpView(cur))
			try = [][]key.Binding{g}
		}
		cur = try
	}
	if len(cur) > 0 {
		blocks = append(blocks, h.FullHelpView(cur))
	}
	lines := strings.Split(strings.Join(blocks, "\n"), "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.c.width, "…")
	}
	if m.top() != screenSearch || !m.search.focused() {
		lines = append(lines, m.legendView(m.c.width))
	}
	return strings.Join(lines, "\n")
}

// helpKeys lists the bindings that work on the top screen.
func (m model) helpKeys() helpKeys {
	k := m.c.keys
	move := []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp}
	app := []key.Binding{k.Search, k.Refresh, k.RefreshAll, k.Help, k.Quit, k.ForceQuit}
	view := []key.Binding{k.HideRead, k.Sort, k.Undo}
	switch m.top() {
	case screenFeeds:
		return helpKeys{
			short: []key.Binding{k.Open, k.Next, k.Down, k.Up, k.Search, k.RefreshAll, k.Help, k.Quit},
			full:  [][]key.Binding{move, {k.Open, k.Next, k.Prev, k.MarkFeedRead, k.ToggleGroup}, view, app},
		}
	case screenReader:
		return helpKeys{
			short: []key.Binding{k.PageDown, k.Next, k.Prev, k.Bookmark, k.OpenLink, k.Back, k.Help},
			full: [][]key.Binding{move, {k.Next, k.Prev, k.NextArticle, k.PrevArticle, k.Back},
				{k.ToggleRead, k.Undo, k.MarkFeedRead, k.Bookmark, k.FetchFull},
				{k.OpenLink, k.CopyLink, k.Play}, app},
		}
	case screenSearch:
		if m.search.focused() {
			return m.search.inputHelp()
		}
	}
	return helpKeys{
		short: []key.Binding{k.Open, k.Next, k.Back, k.ToggleRead, k.Undo, k.Search, k.Help},
		full: [][]key.Binding{move, {k.Open, k.Next, k.Prev, k.Back},
			{k.ToggleRead, k.MarkFeedRead, k.Bookmark, k.OpenLink, k.CopyLink, k.Play}, view, app},
	}
}

// legend explains the marks of the lists, under the full help.
var legend = []string{"● unread", "★ bookmark", "♪ audio", "▶ video", "! last refresh failed",
	"▾/▸ tag group (tab folds)", "summary: bookmark kept without its full text", "saving…: bookmark being fetched"}

// legendView lays the legend out in lines of at most w cells.
func (m model) legendView(w int) string {
	s := m.c.styles
	var lines []string
	line := "marks:"
	for _, item := range legend {
		if cellWidth(line)+2+cellWidth(item) > w && line != "" {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += "  "
		}
		line += item
	}
	lines = append(lines, line)
	for i, l := range lines {
		lines[i] = s.Dim.Render(trunc(l, w))
	}
	return strings.Join(lines, "\n")
}

// View draws the top bar, the top screen, the refresh line, the status
// line and the help.
func (m model) View() string {
	c := m.c
	if c.width <= 0 || c.height <= 0 {
		return "" // before the first WindowSizeMsg (STACK.md §2.5)
	}
	s := c.styles
	var b strings.Builder

	crumb, right := m.crumb(), ""
	if m.feeds.loaded {
		right = s.Crumb.Render(fmt.Sprintf("%d unread", m.feeds.rows[0].unread))
	}
	b.WriteString(joinLR(s.Title.Render("herald")+s.Crumb.Render(" › "+trunc(crumb, c.width/2)), right, c.width))
	b.WriteByte('\n')

	var body string
	switch m.top() {
	case screenFeeds:
		body = m.feeds.View()
	case screenItems:
		body = m.items.View()
	case screenReader:
		body = m.reader.View()
	case screenSearch:
		body = m.search.View()
	}
	// Clamp to the body height: a view taller than the window mis-renders.
	lines := strings.Split(body, "\n")
	if len(lines) > c.bodyHeight {
		lines = lines[:c.bodyHeight]
	}
	for len(lines) < c.bodyHeight {
		lines = append(lines, "")
	}
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteByte('\n')

	if m.refresh.active {
		r := m.refresh
		pct := 0.0
		if r.total > 0 {
			pct = float64(r.done) / float64(r.total)
		}
		info := fmt.Sprintf(" %d/%d", r.done, r.total)
		if r.last != "" {
			info += " " + r.last
			if r.lastErr != "" {
				info += ": " + r.lastErr
			}
		}
		b.WriteString(s.Status.Render("refreshing ") + r.bar.ViewAs(pct) + s.Status.Render(trunc(info, max(0, c.width-r.bar.Width-11))))
		b.WriteByte('\n')
	}

	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.helpView())
	out := b.String()
	if strings.Count(out, "\n") >= c.height {
		// A full help taller than a tiny window: cut it rather than let
		// the frame scroll.
		lines := strings.Split(out, "\n")
		out = strings.Join(lines[:c.height], "\n")
	}
	return out
}

// crumb says where we are, for the top bar.
func (m model) crumb() string {
	switch m.top() {
	case screenItems:
		return m.items.src.title
	case screenReader:
		if m.reader.r.feed != "" {
			return m.reader.r.feed
		}
		return "Article"
	case screenSearch:
		return "Search"
	}
	return "Feeds"
}

// statusLine is the last message, else what the selection has to say
// (a feed's error, a failed bookmark), with the position on the right.
func (m model) statusLine() string {
	c := m.c
	s := c.styles
	text, isErr := m.status, m.statusEr
	right := ""
	switch m.top() {
	case screenFeeds:
		if text == "" {
			text, isErr = m.feeds.status()
		}
		if text == "" && m.sync.status.Err != "" {
			text, isErr = m.sync.status.Err, true
		}
		right = m.syncLabel()
	case screenItems:
		if text == "" {
			text, isErr = m.items.status()
		}
		right = m.items.position()
	case screenSearch:
		if text == "" {
			text, isErr = m.search.status()
		}
		right = listPosition(&m.search.list)
	case screenReader:
		right = m.reader.percent()
	}
	if m.confirm != nil { // the question stays until it is answered
		text, isErr = m.confirm.prompt+" [y/N]", false
	}
	st := s.Status
	if isErr {
		st = s.StatusErr
	}
	return joinLR(st.Render(trunc(text, max(0, c.width-len(right)-1))), s.Status.Render(right), c.width)
}
