package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/store"
)

// wideTitles are titles whose width terminals disagree on, or that try to
// break a row: ZWJ emoji sequences, a Devanagari conjunct, a flood of
// combining marks, U+2028/U+2029, CJK, emoji with U+FE0F, flags, soft
// hyphens and zero-width spaces.
var wideTitles = []string{
	"Family day 👨\u200d👩\u200d👧\u200d👦 at the park 👩\u200d🚀👩\u200d🚀👩\u200d🚀👩\u200d🚀 and more family outings for all",
	"क्\u200dषत्रिय क्षेत्र में नई सड़क का उद्घाटन हुआ और लोग खुश हैं, मंत्री ने कहा",
	"Zalgo t" + strings.Repeat("\u0301\u0336\u0489", 60) + "itle that floods the line with marks and keeps going",
	"First line\u2028second line\u2029third paragraph of a title that goes on and on",
	"東京で大雪、交通機関に大きな乱れ　専門家は週末まで注意が必要と呼びかけている",
	"Hearts ❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f and stars ⭐ with flags 🇫🇷🇩🇪🇯🇵🇧🇷 everywhere in the title",
	"Soft\u00adhy\u00adphen\u00adated\u00adwords and zero\u200bwidth\u200bspaces\u200bin a long long long title",
}

func TestCellWidthIsTheWidest(t *testing.T) {
	for s, want := range map[string]int{
		"plain":                            5,
		"中文":                               4,
		"👨\u200d👩\u200d👧":                  6, // drawn part by part without ZWJ support
		"क्\u200dष":                        2, // two cells code point by code point
		"❤\ufe0f":                          2, // two cells where U+FE0F is honoured
		"e" + strings.Repeat("\u0301", 50): 1,
		"a\u00adb":                         3,
	} {
		if got := cellWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, want %d", s, got, want)
		}
	}
	for in, want := range map[string]string{
		"a\u2028b":                        "a b",
		"👨\u200d👩\u200d👧":                 "👨👩👧",
		"❤\ufe0f ok":                      "❤ ok",
		"👍\U0001f3fd":                     "👍",
		"क्\u200dष":                       "क्\u200dष", // a joiner between letters stays
		"e" + strings.Repeat("\u0301", 5): "e\u0301\u0301\u0301",
	} {
		if got := listText(in); got != want {
			t.Errorf("listText(%q) = %q, want %q", in, got, want)
		}
		if got := trunc(in, 20); got != want {
			t.Errorf("trunc(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGoldenWideTitles: rows of titles that terminals measure differently
// never pass the width, at every width from 20 to 120, and read as the
// golden file shows at 80x24.
func TestGoldenWideTitles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fd, err := f.st.AddFeed(ctx, f.srv.URL+"/wide.xml", "Wide 🌏 ✨ Feed\u2028Name", nil)
	if err != nil {
		t.Fatal(err)
	}
	var items []store.NewItem
	for i, title := range wideTitles {
		items = append(items, item(fmt.Sprint("w", i), title, "", "", time.Date(2026, 11, 23, i, 0, 0, 0, time.UTC), "<p>x</p>"))
	}
	if _, err := f.st.SaveFetch(ctx, store.FetchOutcome{FeedID: fd.ID, Title: "Wide 🌏 ✨ Feed\u2028Name", Items: items, At: testNow}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f.deps())
	h.keys("enter") // All unread: the feed column is shown
	for w := 20; w <= 120; w++ {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		for i, line := range strings.Split(h.view(), "\n") {
			if n := styledWidth(line); n > w {
				t.Fatalf("width %d, line %d is %d cells (%d by graphemes):\n%s", w, i, n, ansi.StringWidth(line), line)
			}
		}
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	requireGolden(t, h)
}
