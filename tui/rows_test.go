package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// rowsNow is the clock of the row tests: a Tuesday afternoon (TestMain
// makes Local UTC).
var rowsNow = time.Date(2026, 11, 24, 14, 5, 0, 0, time.UTC)

// rowsCommon is the part of common that renderRows reads, at width w.
func rowsCommon(w int) *common {
	return &common{
		width: w, styles: newStyles(true), bm: map[int64]bmState{},
		now: func() time.Time { return rowsNow },
	}
}

// rowsList is a list of rows, all loaded, all visible, the cursor on row
// cursor.
func rowsList(rows []row, cursor int) *itemList {
	l := newItemList()
	l.nav.setHeight(len(rows) + 1)
	l.setWindow(0, len(rows), rows)
	l.nav.moveTo(cursor)
	return &l
}

func TestListDate(t *testing.T) {
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		t    time.Time
		now  time.Time
		want string
	}{
		{"today", day(2026, 11, 24, 8, 30), rowsNow, "08:30"},
		{"today at midnight", day(2026, 11, 24, 0, 0), rowsNow, "00:00"},
		{"later today", day(2026, 11, 24, 23, 59), rowsNow, "23:59"},
		{"another zone, today here", time.Date(2026, 11, 24, 23, 30, 0, 0, time.FixedZone("AEST", 10*3600)), rowsNow, "13:30"},
		{"yesterday", day(2026, 11, 23, 23, 59), rowsNow, "Mon"},
		{"6 days ago", day(2026, 11, 18, 0, 0), rowsNow, "Wed"},
		{"7 days ago", day(2026, 11, 17, 23, 59), rowsNow, "17 Nov"},
		{"this year, one digit", day(2026, 1, 5, 12, 0), rowsNow, "5 Jan"},
		{"last year", day(2025, 11, 24, 14, 5), rowsNow, "2025-11-24"},
		{"tomorrow", day(2026, 11, 25, 1, 0), rowsNow, "25 Nov"},
		{"next year", day(2027, 1, 2, 1, 0), rowsNow, "2027-01-02"},
		{"last week of last year, within 6 days", day(2026, 12, 30, 10, 0), day(2027, 1, 2, 9, 0), "Wed"},
		{"last year, beyond 6 days", day(2026, 12, 20, 10, 0), day(2027, 1, 2, 9, 0), "2026-12-20"},
		{"zero", time.Time{}, rowsNow, ""},
	} {
		if got := listDate(tc.t, tc.now); got != tc.want {
			t.Errorf("%s: listDate(%v) = %q, want %q", tc.name, tc.t, got, tc.want)
		}
	}

	// Undated items show no date (not "no date"), whenever first seen.
	for _, tc := range []struct {
		name string
		r    row
		want string
	}{
		{"dated", row{date: day(2026, 11, 24, 9, 0), firstSeen: day(2026, 11, 20, 9, 0)}, "09:00"},
		{"undated, first seen", row{firstSeen: day(2026, 11, 20, 9, 0)}, ""},
		{"neither", row{}, ""},
	} {
		if got := rowDate(&tc.r, rowsNow); got != tc.want {
			t.Errorf("%s: rowDate = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRowsDateColumn(t *testing.T) {
	today := []row{
		{id: 1, title: "Morning", date: rowsNow.Add(-5 * time.Hour)},
		{id: 2, title: "Undated", firstSeen: rowsNow.Add(-time.Hour)},
	}
	out := renderRows(rowsCommon(40), rowsList(today, 0), false)
	lines := strings.Split(out, "\n")
	// Today's items: the column is "HH:MM" wide, right at the edge.
	if want := "09:05"; !strings.HasSuffix(lines[0], " "+want) {
		t.Errorf("line 0 = %q, want it to end in %q", lines[0], want)
	}
	if strings.Contains(lines[1], "13:05") {
		t.Errorf("undated line = %q, want no date", lines[1])
	}
	// Mixed dates: right-aligned to the widest.
	mixed := append(today, row{id: 3, title: "Old", date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		row{id: 4, title: "Nothing"})
	lines = strings.Split(renderRows(rowsCommon(40), rowsList(mixed, 0), false), "\n")
	for i, want := range []string{"      09:05", "Undated" + strings.Repeat(" ", 40-5-7), " 2024-03-01", "Nothing" + strings.Repeat(" ", 40-5-7)} {
		if !strings.HasSuffix(lines[i], want) {
			t.Errorf("line %d = %q, want suffix %q", i, lines[i], want)
		}
	}
	if strings.Contains(strings.Join(lines, "\n"), "no date") {
		t.Error(`"no date" shown`)
	}
}

func TestRowsFeedColumn(t *testing.T) {
	date := rowsNow.Add(-time.Hour)
	one := []row{
		{id: 1, feedID: 1, feed: "Solo Feed", title: "First", date: date},
		{id: 2, feedID: 1, feed: "Solo Feed", title: "Second", date: date},
	}
	if out := renderRows(rowsCommon(80), rowsList(one, 0), true); strings.Contains(out, "Solo Feed") {
		t.Errorf("feed column shown for a single feed:\n%s", out)
	}
	several := []row{
		{id: 1, feedID: 1, feed: "A", title: "First", date: date},
		{id: 2, feedID: 2, feed: "Longer Feed", title: "Second", date: date},
		{id: 3, feedID: 3, feed: "東京ニュース", title: "Third", date: date}, // 12 cells: the widest
	}
	l := rowsList(several, 0)
	if out := renderRows(rowsCommon(80), l, false); strings.Contains(out, "Longer Feed") {
		t.Errorf("feed column shown without showFeed:\n%s", out)
	}
	lines := strings.Split(renderRows(rowsCommon(80), l, true), "\n")
	for i, want := range []string{
		" A            13:05",
		" Longer Feed  13:05",
		" 東京ニュース 13:05",
	} {
		if !strings.HasSuffix(lines[i], want) {
			t.Errorf("line %d = %q, want suffix %q", i, lines[i], want)
		}
	}

	// Capped at a third of the width.
	long := []row{
		{id: 1, feedID: 1, feed: strings.Repeat("Long feed name ", 4), title: "First", date: date},
		{id: 2, feedID: 2, feed: "B", title: "Second", date: date},
	}
	if c := layoutRows(60, 5, feedColumnWidth(long)); c.feedW != 20 {
		t.Errorf("feed column at width 60 = %d, want 20", c.feedW)
	}
	line := strings.Split(renderRows(rowsCommon(60), rowsList(long, 0), true), "\n")[0]
	if !strings.HasSuffix(line, " Long feed name Long… 13:05") {
		t.Errorf("capped feed line = %q", line)
	}
	// Hidden when the title would keep fewer than 20 cells: at 40, the
	// title has 40-5-6 = 29 cells, 15 with a 13-cell feed column.
	if c := layoutRows(40, 5, feedColumnWidth(long)); c.feedW != 0 || c.titleW != 29 {
		t.Errorf("layout at 40 = %+v, want no feed column and 29 cells of title", c)
	}
	if out := renderRows(rowsCommon(40), rowsList(long, 0), true); strings.Contains(out, "Long feed") {
		t.Errorf("feed column shown at width 40:\n%s", out)
	}
}

func TestRowsMarks(t *testing.T) {
	rows := []row{
		{id: 1, title: "Unread bookmarked podcast", bookmarked: true, media: "audio"},
		{id: 2, title: "Unread video", media: "video"},
		{id: 3, title: "Read plain", read: true},
		{id: 4, title: "Read bookmark", read: true, bookmarked: true},
	}
	lines := strings.Split(renderRows(rowsCommon(60), rowsList(rows, 0), false), "\n")
	for i, want := range []string{
		">●★♪ Unread bookmarked podcast",
		" ● ▶ Unread video",
		"     Read plain",
		"  ★  Read bookmark",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], want)
		}
	}
}

func TestRowsBookmarkLabels(t *testing.T) {
	rows := []row{
		{id: 1, title: "Being saved", bookmarked: true},
		{id: 2, title: "Saved in full", bookmarked: true},
		{id: 3, title: "Saved with its summary", bookmarked: true},
	}
	c := rowsCommon(60)
	c.bm[1] = bmState{state: store.BookmarkSaving}
	c.bm[2] = bmState{state: store.BookmarkSaved}
	c.bm[3] = bmState{state: store.BookmarkFailed, reason: "fetch: 404 Not Found"}
	out := renderRows(c, rowsList(rows, 0), false)
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "Being saved") || !strings.Contains(lines[0], " saving…") {
		t.Errorf("saving row = %q", lines[0])
	}
	if strings.Contains(lines[1], "saved ") || !strings.Contains(lines[1], "★") {
		t.Errorf("saved row = %q: the ★ alone says it", lines[1])
	}
	if !strings.Contains(lines[2], " summary") {
		t.Errorf("summary row = %q", lines[2])
	}
	if strings.Contains(out, "failed") {
		t.Errorf(`a "failed" label:%s`, out)
	}
	// The label goes before the title gets narrower than 10 cells.
	narrow := rowsCommon(20)
	narrow.bm = c.bm
	for _, line := range strings.Split(renderRows(narrow, rowsList(rows, 2), false), "\n") {
		if strings.Contains(line, "summary") || strings.Contains(line, "saving") {
			t.Errorf("label at width 20: %q", line)
		}
	}
}

// TestRowsWidth: at every width and whichever row is selected, the cursor
// row is exactly the width and no row is wider.
func TestRowsWidth(t *testing.T) {
	titles := append([]string{
		strings.Repeat("中文标题很长", 30),
		strings.Repeat("🎉🚀 ", 60),
		"Short",
		"",
	}, wideTitles...)
	feeds := []string{"Wide 🌏 ✨ Feed\u2028Name", "東京新聞の国際ニュース", "Plain feed"}
	dates := []time.Time{rowsNow, rowsNow.AddDate(0, 0, -3), rowsNow.AddDate(0, -2, 0), rowsNow.AddDate(-2, 0, 0), {}}
	var rows []row
	for i, title := range titles {
		rows = append(rows, row{
			id: int64(i + 1), feedID: int64(i%len(feeds) + 1), feed: feeds[i%len(feeds)], title: title,
			date: dates[i%len(dates)], firstSeen: rowsNow.Add(-time.Minute),
			read: i%2 == 0, bookmarked: i%3 == 0, media: []string{"", "audio", "video"}[i%3],
		})
	}
	for _, w := range []int{20, 60, 100, 200} {
		c := rowsCommon(w)
		c.bm[1] = bmState{state: store.BookmarkFailed}
		c.bm[4] = bmState{state: store.BookmarkSaving}
		for cur := range rows {
			for i, line := range strings.Split(renderRows(c, rowsList(rows, cur), true), "\n") {
				n := styledWidth(line)
				if i == cur && n != w {
					t.Errorf("width %d, selected row %d is %d cells: %q", w, i, n, line)
				}
				if n > w {
					t.Errorf("width %d, row %d is %d cells: %q", w, i, n, line)
				}
			}
		}
	}
}

// TestRowsNarrow: at 20 columns the marks and the title come first; the
// date only when the title keeps 10 cells, the feed never.
func TestRowsNarrow(t *testing.T) {
	rows := []row{
		{id: 1, feedID: 1, feed: "One", title: "A fairly long title for a narrow screen", date: rowsNow.Add(-time.Hour)},
		{id: 2, feedID: 2, feed: "Two", title: "Another", date: rowsNow.Add(-2 * time.Hour)},
	}
	// "13:05" would leave 20-5-6 = 9 cells of title: no date.
	out := renderRows(rowsCommon(20), rowsList(rows, 0), true)
	if want := ">●   A fairly long …"; strings.Split(out, "\n")[0] != want {
		t.Errorf("today at 20 =\n%s\nwant first line %q", out, want)
	}
	if strings.Contains(out, ":") || strings.Contains(out, "One") {
		t.Errorf("date or feed at width 20:\n%s", out)
	}
	// A weekday (3 cells) leaves 11: shown.
	rows[0].date, rows[1].date = rowsNow.AddDate(0, 0, -1), rowsNow.AddDate(0, 0, -2)
	lines := strings.Split(renderRows(rowsCommon(20), rowsList(rows, 0), true), "\n")
	if want := ">●   A fairly l… Mon"; lines[0] != want {
		t.Errorf("weekday at 20 = %q, want %q", lines[0], want)
	}
	// Narrower than the marks: what fits of them.
	for _, w := range []int{1, 3, 5, 6} {
		for i, line := range strings.Split(renderRows(rowsCommon(w), rowsList(rows, 0), true), "\n") {
			if n := styledWidth(line); n > w || (i == 0 && n != w) {
				t.Errorf("width %d, line %d is %d cells: %q", w, i, n, line)
			}
		}
	}
}

// TestRowsPlaceholder: rows outside the loaded window are a dim "…", and
// the cursor on one still shows the selection bar.
func TestRowsPlaceholder(t *testing.T) {
	l := newItemList()
	l.nav.setHeight(3)
	l.setWindow(0, 10, []row{{id: 1, title: "Loaded", date: rowsNow}})
	l.off = 5 // the window moved on: rows 0-4 are not in memory
	l.nav.moveTo(1)
	lines := strings.Split(renderRows(rowsCommon(30), &l, false), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, want := range []string{"  …", ">  …", "  …"} {
		if strings.TrimRight(lines[i], " ") != want || styledWidth(lines[i]) != 30 {
			t.Errorf("line %d = %q, want %q padded to 30", i, lines[i], want)
		}
	}
}
