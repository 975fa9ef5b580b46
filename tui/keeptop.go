package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/kitty"
)

// keepTop returns the offset in body that shows at the top the text that
// was at the top of old at offset off: when pictures arrive above the
// reading position, the text read stays put. The anchor is the first line
// at or below off that is text (not blank, not a picture row, as pictures
// come and go), told apart from identical lines by how many come before
// it; when none is found in body, off stays.
func keepTop(old, body string, off int) int {
	oldLines, newLines := strings.Split(old, "\n"), strings.Split(body, "\n")
	for i := off; i < len(oldLines) && i < off+50; i++ {
		text := anchorText(oldLines[i])
		if text == "" {
			continue
		}
		nth := 0
		for _, l := range oldLines[:i] {
			if anchorText(l) == text {
				nth++
			}
		}
		for j, l := range newLines {
			if anchorText(l) != text {
				continue
			}
			if nth == 0 {
				return max(0, j-(i-off))
			}
			nth--
		}
	}
	return off
}

// anchorText is a line's text when it can anchor the position: "" for a
// blank line, a picture row or a figure's label.
func anchorText(line string) string {
	t := strings.TrimSpace(ansi.Strip(line))
	if t == "" || strings.ContainsRune(t, '▀') || strings.ContainsRune(t, kitty.Placeholder) ||
		strings.HasPrefix(t, "▎ Image") {
		return ""
	}
	return t
}
