package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestGoldenSizes draws the main screens over the triage fixture (tag
// groups, a story in two feeds, a podcast) at a small, a middling and a
// wide terminal, and checks no line is wider than the terminal.
func TestGoldenSizes(t *testing.T) {
	screens := []struct {
		name  string
		setup func(h *harness)
	}{
		{"feeds", func(h *harness) { h.selectFeed("World Report") }},
		{"all_unread", func(h *harness) { h.keys("enter", "j") }},
		{"tag", func(h *harness) { h.selectFeed("news"); h.keys("enter", "m", "j", "j") }},
		{"reader_media", func(h *harness) { h.selectFeed("Night Shift"); h.keys("enter", "enter") }},
		{"reader_copies", func(h *harness) { h.keys("enter"); h.selectItem("Floods reach the capital"); h.keys("enter") }},
		{"help", func(h *harness) { h.selectFeed("World Report"); h.keys("enter", "?") }},
		{"confirm", func(h *harness) { h.keys("A") }},
	}
	for _, size := range [][2]int{{60, 20}, {100, 30}, {200, 50}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				h := newHarness(t, newTriageFixture(t).deps())
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				sc.setup(h)
				view := h.view()
				lines := strings.Split(view, "\n")
				if len(lines) > size[1] {
					t.Errorf("%d lines in a %d-line terminal", len(lines), size[1])
				}
				for i, l := range lines {
					if w := styledWidth(l); w > size[0] {
						t.Errorf("line %d is %d cells wide: %q", i, w, l)
					}
				}
				requireGolden(t, h)
			})
		}
	}
}
