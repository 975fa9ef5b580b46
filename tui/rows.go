package tui

import (
	"strings"
	"time"

	"github.com/herald-reader/herald/store"
)

// Item rows, as the item lists and the search results draw them:
//
//	>●★♪ Title of the item…                 summary  Feed name   24 Nov
//
// A cursor cell, a fixed column of marks (unread, bookmark, media) so that
// titles line up, the title, a bookmark label when there is something to
// say, then the feed and date columns, each only as wide as its widest
// entry and dropped when the title would get too narrow.

// Row marks. They are East Asian "ambiguous" characters, drawn in two cells
// by some terminals: each mark slot is as wide as the widest of them.
const (
	markUnread   = "●"
	markBookmark = "★"
	markAudio    = "♪"
	markVideo    = "▶"
)

// Bookmark labels.
const (
	labelSaving  = "saving…"
	labelSummary = "summary" // saved with the feed's summary, not the full article
)

const (
	minTitleWithDate = 10 // cells of title kept before the date column goes
	minTitleWithFeed = 20 // cells of title kept before the feed column goes
	minTitleWithLbl  = 10 // cells of title kept before a bookmark label goes
)

// listDate is how a list shows t, as seen at now in Local time: "14:05"
// today, "Mon" within the six days before, "24 Nov" earlier this year,
// "2025-11-24" in other years (a date in the future too, unless it is
// today). The zero time is "".
func listDate(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t, now = t.Local(), now.Local()
	y, m, d := now.Date()
	// Calendar days, not 24-hour spans: a DST change does not move them.
	today := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	switch {
	case !t.Before(today) && t.Before(time.Date(y, m, d+1, 0, 0, 0, 0, time.Local)):
		return t.Format("15:04")
	case t.Before(today) && !t.Before(time.Date(y, m, d-6, 0, 0, 0, 0, time.Local)):
		return t.Format("Mon")
	case t.Year() == y:
		return t.Format("2 Jan")
	}
	return t.Format("2006-01-02")
}

// rowDate is the date a row shows; an undated item shows none: it sorts
// where its feed put it, and the time it was first seen, shown among the
// dates of its neighbours, would only mislead.
func rowDate(r *row, now time.Time) string {
	if r.date.IsZero() {
		return ""
	}
	return listDate(r.date, now)
}

// textWidth is cellWidth of text as a list cell draws it (after listText).
func textWidth(s string) int {
	if isNarrowASCII(s) {
		return len(s)
	}
	return cellWidth(listText(s))
}

// feedColumnWidth is the width of the feed column for the loaded rows: the
// longest feed name, or 0 when the rows all come from one feed.
func feedColumnWidth(rows []row) int {
	widest, several := 0, false
	for i := range rows {
		r := &rows[i]
		if r.feedID != rows[0].feedID {
			several = true
		}
		widest = max(widest, textWidth(r.feed))
	}
	if !several {
		return 0
	}
	return widest
}

// rowColumns is the layout shared by the visible rows of a list.
type rowColumns struct {
	slotW  int // cells of one mark slot
	lead   int // cursor, marks and the space before the title
	titleW int // title and label
	feedW  int // 0: no feed column
	dateW  int // 0: no date column
}

// layoutRows fits the columns into w cells: the date goes first when the
// title would keep fewer than minTitleWithDate cells, the feed column
// (capped at a third of the width) when it would keep fewer than
// minTitleWithFeed.
func layoutRows(w, dateW, feedW int) rowColumns {
	slotW := max(cellWidth(markUnread), cellWidth(markBookmark), cellWidth(markAudio), cellWidth(markVideo))
	c := rowColumns{slotW: slotW, lead: 1 + 3*slotW + 1}
	c.titleW = w - c.lead
	if dateW > 0 && c.titleW-(dateW+1) >= minTitleWithDate {
		c.dateW = dateW
		c.titleW -= dateW + 1
	}
	feedW = min(feedW, w/3)
	if feedW > 0 && c.titleW-(feedW+1) >= minTitleWithFeed {
		c.feedW = feedW
		c.titleW -= feedW + 1
	}
	return c
}

// slot pads a mark to the width of a mark slot.
func (c rowColumns) slot(mark string) string {
	if mark == "" {
		return strings.Repeat(" ", c.slotW)
	}
	return mark + strings.Repeat(" ", c.slotW-cellWidth(mark))
}

// bookmarkLabel is what a row says about saving its bookmark: nothing once
// saved (the ★ says it), "saving…" meanwhile, and a calm "summary" when
// only the feed's summary could be kept (the status line gives the reason
// on the selected row; the user can do nothing about a dead page).
func bookmarkLabel(c *common, r *row) (string, bool) {
	st, ok := c.bm[r.id]
	if !ok {
		return "", false
	}
	switch st.state {
	case store.BookmarkSaving:
		return labelSaving, true
	case store.BookmarkFailed:
		return labelSummary, r.bookmarked
	}
	return "", false
}

// renderRows draws the visible rows of an item list, each at most c.width
// cells; the cursor row is exactly c.width, drawn in one style (nested
// styles would reset its background halfway). Rows outside the loaded
// window are a dim placeholder until their window arrives.
func renderRows(c *common, l *itemList, showFeed bool) string {
	w := c.width
	if w <= 0 {
		return ""
	}
	s := c.styles
	from, to := l.nav.visible()

	now := c.now()
	dates := make([]string, to-from)
	dateW := 0
	for i := from; i < to; i++ {
		if r, ok := l.at(i); ok {
			dates[i-from] = rowDate(r, now)
			dateW = max(dateW, len(dates[i-from])) // dates are ASCII
		}
	}
	feedW := 0
	if showFeed {
		feedW = feedColumnWidth(l.rows)
	}
	cols := layoutRows(w, dateW, feedW)
	blank := cols.slot("")

	var b strings.Builder
	for i := from; i < to; i++ {
		if i > from {
			b.WriteByte('\n')
		}
		sel := i == l.nav.cursor
		r, ok := l.at(i)
		if !ok {
			if sel {
				b.WriteString(s.Selected.Render(fit(">  …", w)))
			} else {
				b.WriteString(s.Dim.Render(fit("  …", w)))
			}
			continue
		}

		cursor, unread, bm, media := " ", blank, blank, blank
		if sel {
			cursor = ">"
		}
		if !r.read {
			unread = cols.slot(markUnread)
		}
		if r.bookmarked {
			bm = cols.slot(markBookmark)
		}
		switch r.media {
		case "audio":
			media = cols.slot(markAudio)
		case "video":
			media = cols.slot(markVideo)
		}
		if cols.titleW < 1 { // narrower than the marks: whatever fits of them
			line := fit(cursor+unread+bm+media, w)
			if sel {
				line = s.Selected.Render(line)
			}
			b.WriteString(line)
			continue
		}

		titleW, label := cols.titleW, ""
		lbl, hasLabel := bookmarkLabel(c, r)
		if lw := cellWidth(lbl); hasLabel && titleW-(lw+1) >= minTitleWithLbl {
			label, titleW = " "+lbl, titleW-(lw+1)
		}
		title := fit(r.title, titleW)
		right := ""
		if cols.feedW > 0 {
			right += " " + fit(r.feed, cols.feedW)
		}
		if cols.dateW > 0 {
			d := dates[i-from]
			right += " " + strings.Repeat(" ", cols.dateW-len(d)) + d
		}

		if sel {
			b.WriteString(s.Selected.Render(cursor + unread + bm + media + " " + title + label + right))
			continue
		}
		ts := s.Read
		if !r.read {
			ts = s.Unread
		}
		ls := s.Dim
		if lbl == labelSaving {
			ls = s.Saving
		}
		b.WriteString(cursor + s.Mark.Render(unread+bm) + s.Dim.Render(media) + " " + ts.Render(title))
		if label != "" {
			b.WriteString(ls.Render(label))
		}
		if right != "" {
			b.WriteString(s.Dim.Render(right))
		}
	}
	return b.String()
}
