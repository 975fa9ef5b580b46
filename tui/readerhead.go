package tui

// The reader's header: the article's title and facts above the body, and
// the title and byline lines taken off the body because the header shows
// them.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
)

// splitHead splits the article's title heading and the byline/date line
// under it ("*By Ana Reyes · 20 November 2026*", as article/ writes it) off
// the Markdown: the reader's header shows them already. byline is the author it names, unescaped and sanitized,
// empty when it names none.
func splitHead(md string) (byline, body string) {
	rest := strings.TrimLeft(md, "\n")
	if !strings.HasPrefix(rest, "# ") {
		return "", md
	}
	_, rest, _ = strings.Cut(rest, "\n")
	rest = strings.TrimLeft(rest, "\n")
	line, after, _ := strings.Cut(rest, "\n")
	if len(line) > 2 && strings.HasPrefix(line, "*") && strings.HasSuffix(line, "*") &&
		(strings.HasPrefix(line, "*By ") || yearEnd.MatchString(line)) {
		rest = strings.TrimLeft(after, "\n")
		if by, ok := strings.CutPrefix(line[1:len(line)-1], "By "); ok {
			if i := strings.LastIndex(by, " · "); i >= 0 && yearEnd.MatchString(by+"*") {
				by = by[:i] // the date
			}
			byline = sanitize.Line(render.InlineText(by))
		}
	}
	return byline, rest
}

// yearEnd matches a meta line ending in a date ("… 20 November 2026*").
var yearEnd = regexp.MustCompile(`\b\d{4}\*$`)

// column is where the body's text column stands in the window: the
// renderer's centred reading measure, or the whole width without one.
func (m readerModel) column() (left, cols int) {
	w := max(1, m.c.width)
	if m.c.rend == nil {
		return 0, w
	}
	left, cols = m.c.rend.Column(w)
	return max(0, min(left, w-1)), max(1, min(cols, w-left))
}

// header is the article's title (up to two lines), its source, author and
// date, its link and a rule, set in the body's column: indented as the
// text is and no wider.
func (m readerModel) header() string {
	left, w := m.column()
	s := m.c.styles
	title := m.r.title
	if title == "" {
		title = "(untitled)"
	}
	lines := strings.Split(ansi.Wordwrap(title, w, ""), "\n")
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = trunc(lines[1]+" …", w)
	}
	for i := range lines {
		lines[i] = s.Header.Render(trunc(lines[i], w))
	}
	meta := []string{}
	if m.r.feed != "" {
		meta = append(meta, m.r.feed)
	}
	if m.r.author != "" && !strings.EqualFold(m.r.author, m.r.feed) {
		meta = append(meta, m.r.author) // a feed that signs as itself is named once
	}
	if m.r.date.IsZero() {
		meta = append(meta, "no date")
	} else {
		meta = append(meta, m.r.date.Local().Format("Mon 2 Jan 2006 15:04"))
	}
	if m.minutes > 0 {
		meta = append(meta, fmt.Sprintf("%d min read", m.minutes))
	}
	lines = append(lines, s.HeaderMeta.Render(trunc(strings.Join(meta, " · "), w)))
	if len(m.copies) > 0 {
		lines = append(lines, s.HeaderMeta.Render(trunc("also in "+strings.Join(m.copies, ", "), w)))
	}
	if m.r.mediaLabel != "" {
		lines = append(lines, s.Link.Render(trunc(m.r.mediaLabel, w)))
	}
	if m.r.link != "" {
		lines = append(lines, s.Link.Render(trunc(m.r.link, w)))
	}
	lines = append(lines, s.Rule.Render(strings.Repeat("─", w)))
	if left > 0 {
		pad := strings.Repeat(" ", left)
		for i := range lines {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
