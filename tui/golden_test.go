package tui

import (
	"errors"
	"regexp"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/herald-reader/herald/service"
)

// port hides the fixture server's random port (always five digits here, so
// the layout does not move).
var port = regexp.MustCompile(`127\.0\.0\.1:\d+`)

// requireGolden compares the 80x24 view with testdata/<TestName>.golden
// (go test ./tui -update rewrites it). The reader goldens use no renderer:
// they show the cleaned Markdown, so changes in render/ do not break them.
func requireGolden(t *testing.T, h *harness) {
	t.Helper()
	golden.RequireEqual(t, []byte(port.ReplaceAllString(h.view(), "127.0.0.1:PORT0")))
}

func TestGoldenFeeds(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.keys("j")
	requireGolden(t, h)
}

func TestGoldenFeedError(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.selectFeed("Broken Feed")
	requireGolden(t, h)
}

func TestGoldenItems(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.selectFeed("World Report")
	h.keys("enter", "j", "s", "j")
	requireGolden(t, h)
}

func TestGoldenAllUnread(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.keys("enter")
	requireGolden(t, h)
}

func TestGoldenReader(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	openArticle(h, "Floods reach the capital")
	requireGolden(t, h)
}

func TestGoldenSearch(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.keys("/")
	h.typeText("zebra")
	h.keys("enter", "j")
	requireGolden(t, h)
}

func TestGoldenSearchInput(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.keys("/")
	h.typeText("flo")
	requireGolden(t, h)
}

func TestGoldenHelp(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	openArticle(h, "Floods reach the capital")
	h.keys("?")
	requireGolden(t, h)
}

func TestGoldenRefreshing(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.m.refresh.active, h.m.refresh.gen = true, 7
	h.m.layout()
	h.send(refreshProgressMsg{gen: 7, p: service.Progress{Done: 3, Total: 10, Title: "Tech Daily", New: 2}})
	h.send(refreshProgressMsg{gen: 7, p: service.Progress{Done: 4, Total: 10, URL: "https://down.example/feed", Err: errors.New("HTTP 503 Service Unavailable")}})
	requireGolden(t, h)
}

func TestGoldenNarrow(t *testing.T) {
	h := newHarness(t, newFixture(t).deps())
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.keys("enter")
	requireGolden(t, h)
}
