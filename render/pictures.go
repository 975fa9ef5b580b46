package render

// Pictures: figure images drawn as terminal cells by the caller (the TUI's
// image package), placed where the figure stands.

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// MaxPictureRows is the most terminal rows a figure's picture may take.
const MaxPictureRows = 20

// Pictures supplies figure images already drawn as terminal cells.
type Pictures interface {
	// Picture returns the image at url drawn in at most cols×rows cells, one string per row
	// (only SGR sequences and printable Unicode, including kitty placeholder runes U+10EEEE
	// with combining diacritics), and true; false when the image is not available (yet).
	Picture(url string, cols, rows int) ([]string, bool)
}

// picture returns the rows of f's picture, or nil when there is none. Rows
// are cut to the column and to MaxPictureRows, and each ends with its
// styles reset; the wrap stage still checks every byte (SafeANSI), so a
// Pictures that returns other escape sequences gets them removed.
func (dr *drawer) picture(f *figureNode) []string {
	if dr.pics == nil || !f.image || !webURL(f.url) {
		return nil
	}
	rows, ok := dr.pics.Picture(f.url, dr.cols, MaxPictureRows)
	if !ok || len(rows) == 0 {
		return nil
	}
	rows = rows[:min(len(rows), MaxPictureRows)]
	out := make([]string, len(rows))
	for i, row := range rows {
		row = strings.ReplaceAll(row, "\n", "")
		if ansi.StringWidth(row) > dr.cols {
			row = ansi.Truncate(row, dr.cols, "")
		}
		if strings.Contains(row, "\x1b") && !strings.HasSuffix(row, "\x1b[m") && !strings.HasSuffix(row, "\x1b[0m") {
			row += "\x1b[m"
		}
		out[i] = row
	}
	return out
}
