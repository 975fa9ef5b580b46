package tui

import (
	"math"
	"runtime/debug"
	"testing"
)

// The reader's soft memory limit holds while it runs, is lifted while a
// refresh or sync runs (two at once: until both end), and the runtime's
// previous limit comes back when the reader ends.
func TestMemoryLimitLiftedForHeavyWork(t *testing.T) {
	current := func() int64 { return debug.SetMemoryLimit(-1) } // -1 reads it
	before := current()
	restore := setMemoryLimit(16 << 20)
	if got := current(); got != 16<<20 {
		t.Fatalf("reader's limit = %d", got)
	}
	done1 := heavyWork()
	done2 := heavyWork()
	if got := current(); got != math.MaxInt64 {
		t.Fatalf("during a refresh: limit = %d, want none", got)
	}
	done1()
	done1() // a second call changes nothing
	if got := current(); got != math.MaxInt64 {
		t.Fatalf("one of two refreshes done: limit = %d, want none", got)
	}
	setPictureMemory(5 << 20) // pictures drawn during the refresh
	if got := current(); got != math.MaxInt64 {
		t.Fatalf("pictures during a refresh: limit = %d, want none", got)
	}
	done2()
	if got := current(); got != 21<<20 {
		t.Fatalf("after the refreshes, with 5 MiB of pictures: limit = %d, want 21 MiB", got)
	}
	setPictureMemory(2 << 20) // the drawer let some go
	if got := current(); got != 18<<20 {
		t.Fatalf("with 2 MiB of pictures: limit = %d, want 18 MiB", got)
	}
	restore()
	if got := current(); got != before {
		t.Fatalf("after the reader: limit = %d, want %d", got, before)
	}
	// Without a limit of its own the reader leaves the runtime's alone.
	setMemoryLimit(0)()
	heavyWork()()
	if got := current(); got != before {
		t.Fatalf("no reader limit: limit = %d, want %d", got, before)
	}
}
