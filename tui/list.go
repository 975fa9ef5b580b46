package tui

// cursorList is the cursor and scroll position of a list of n rows shown
// height rows at a time. It knows nothing about the rows themselves, so a
// list of 100k items costs no more than a list of ten.
type cursorList struct {
	cursor int // absolute index of the selected row
	top    int // absolute index of the first visible row
	n      int // rows in the list
	height int // visible rows
}

// setN changes the number of rows, keeping the cursor in range.
func (l *cursorList) setN(n int) {
	l.n = n
	l.clamp()
}

// setHeight changes the visible height.
func (l *cursorList) setHeight(h int) {
	l.height = max(1, h)
	l.clamp()
}

// move moves the cursor by d rows.
func (l *cursorList) move(d int) {
	l.cursor += d
	l.clamp()
}

// moveTo puts the cursor on row i.
func (l *cursorList) moveTo(i int) {
	l.cursor = i
	l.clamp()
}

// page moves the cursor and the view by one screen (d = +1 or -1).
func (l *cursorList) page(d int) {
	h := max(1, l.height)
	l.cursor += d * h
	l.top += d * h
	l.clamp()
}

// visible returns the range [from, to) of rows on screen.
func (l cursorList) visible() (from, to int) {
	return l.top, min(l.n, l.top+max(1, l.height))
}

func (l *cursorList) clamp() {
	if l.cursor >= l.n {
		l.cursor = l.n - 1
	}
	if l.cursor < 0 {
		l.cursor = 0
	}
	h := max(1, l.height)
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+h {
		l.top = l.cursor - h + 1
	}
	if l.top > l.n-h {
		l.top = l.n - h
	}
	if l.top < 0 {
		l.top = 0
	}
}

// itemList is a list of item rows of which only a window is in memory: rows
// [off, off+len(rows)) of the query's result. When the visible part or the
// cursor gets near the edge of the window, needLoad asks for the window
// around the cursor.
type itemList struct {
	nav     cursorList
	off     int
	rows    []row
	loaded  bool // the first window has arrived
	pending int  // offset of the window being loaded; -1 when none
}

func newItemList() itemList {
	return itemList{pending: -1}
}

// at returns row i when it is in the loaded window.
func (l *itemList) at(i int) (*row, bool) {
	if i < l.off || i >= l.off+len(l.rows) {
		return nil, false
	}
	return &l.rows[i-l.off], true
}

// selected returns the row under the cursor.
func (l *itemList) selected() (*row, bool) {
	if l.nav.n == 0 {
		return nil, false
	}
	return l.at(l.nav.cursor)
}

// byID finds a loaded row by item id.
func (l *itemList) byID(id int64) (*row, bool) {
	for i := range l.rows {
		if l.rows[i].id == id {
			return &l.rows[i], true
		}
	}
	return nil, false
}

// setWindow installs a loaded window, keeping the cursor on the same item
// when it is still in the list (new items arrive at the top after a refresh).
func (l *itemList) setWindow(off, total int, rows []row) {
	var keep int64
	if r, ok := l.selected(); ok {
		keep = r.id
	}
	l.off, l.rows, l.loaded, l.pending = off, rows, true, -1
	l.nav.setN(total)
	if keep != 0 {
		for i, r := range rows {
			if r.id == keep {
				d := off + i - l.nav.cursor
				l.nav.cursor += d
				l.nav.top += d // keep the row at the same place on screen
				l.nav.clamp()
				break
			}
		}
	}
}

// needLoad reports the offset of the window to load next, if the visible
// rows or the rows near the cursor are not all in memory.
func (l *itemList) needLoad() (int, bool) {
	if !l.loaded || l.nav.n == 0 {
		return 0, false
	}
	const margin = pageSize / 4
	from, to := l.nav.visible()
	lo, hi := max(0, min(from, l.nav.cursor-margin)), min(l.nav.n, max(to, l.nav.cursor+margin))
	if lo >= l.off && hi <= l.off+len(l.rows) {
		return 0, false
	}
	off := max(0, l.nav.cursor-pageSize/2)
	if off+pageSize > l.nav.n {
		off = max(0, l.nav.n-pageSize)
	}
	if off == l.pending {
		return 0, false
	}
	l.pending = off
	return off, true
}
