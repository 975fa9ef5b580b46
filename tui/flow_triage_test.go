package tui

import (
	"context"
	"regexp"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/herald-reader/herald/store"
)

// TestFlowTriage runs the real program (teatest) through a morning's
// triage: next unread across feeds, mark a feed read, undo, and the
// question A asks on All unread.
func TestFlowTriage(t *testing.T) {
	f := newTriageFixture(t)
	m := newFlowModel(t, f.deps())
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "▾ news", "Night Shift", "6 unread")
	unread := func() int {
		n, err := f.st.CountItems(context.Background(), store.ItemQuery{Unread: true})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// n from the feeds screen opens the first unread of World Report; n
	// again reads on; past its last unread it moves to the next feed.
	sendKeys(tm, "j", "j", "j", "j", "n")
	waitFor(t, tm, "Floods reach the capital", "also in Wire Copy")
	sendKeys(tm, "n")
	waitFor(t, tm, "Elections set for spring", "min read")
	sendKeys(tm, "n")
	waitFor(t, tm, "Undated dispatch")
	sendKeys(tm, "n")
	waitFor(t, tm, "next unread in Night Shift", "Audio: ")
	waitUntil(t, func() bool { return unread() == 2 }) // floods (twice), elections, undated, episode read

	// Back to the list: mark the episode unread, then the feed read; undo
	// both, the latest first.
	sendKeys(tm, "esc", "m")
	waitUntil(t, func() bool { return unread() == 3 })
	sendKeys(tm, "A")
	waitFor(t, tm, "marked Night Shift read")
	waitUntil(t, func() bool { return unread() == 2 })
	sendKeys(tm, "u")
	waitFor(t, tm, "undone: marked Night Shift read")
	waitUntil(t, func() bool { return unread() == 3 })
	sendKeys(tm, "u")
	waitFor(t, tm, "undone: marked “Episode one: the harbour at night” unread")
	waitUntil(t, func() bool { return unread() == 2 })

	// A on All unread asks; any key but y cancels; y marks everything. The
	// list's counts come from a load of their own after the undo: A is
	// pressed once the list shows them.
	sendKeys(tm, "q", "g")
	waitForMatch(t, tm, regexp.MustCompile(`All unread +2 unread`))
	sendKeys(tm, "A")
	waitFor(t, tm, "mark all 2 unread items of All unread read? [y/N]")
	sendKeys(tm, "n")
	waitFor(t, tm, "cancelled")
	if n := unread(); n != 2 {
		t.Fatalf("a cancelled A left %d unread, want 2", n)
	}
	sendKeys(tm, "A", "y")
	waitFor(t, tm, "marked All unread read")
	waitUntil(t, func() bool { return unread() == 0 })
	sendKeys(tm, "u")
	waitFor(t, tm, "undone: marked All unread read (2 items)")
	waitUntil(t, func() bool { return unread() == 2 })
	sendKeys(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(flowDeadline))
}
