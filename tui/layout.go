package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// wheelDelta turns a mouse wheel event into a cursor move.
func wheelDelta(msg tea.MouseMsg) int {
	if msg.Action != tea.MouseActionPress {
		return 0
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return -3
	case tea.MouseButtonWheelDown:
		return 3
	}
	return 0
}

// joinLR puts left and right on one line of width w, right-aligned. Both
// may be styled; they are measured as cellWidth measures plain text.
func joinLR(left, right string, w int) string {
	lw, rw := styledWidth(left), styledWidth(right)
	if lw+rw+1 > w {
		// ansi.Truncate counts per grapheme; cut the difference too.
		extra := lw - ansi.StringWidth(left)
		left = ansi.Truncate(left, max(0, w-rw-1-extra), "…")
		lw = styledWidth(left)
	}
	gap := max(1, w-lw-rw)
	return left + strings.Repeat(" ", gap) + right
}
