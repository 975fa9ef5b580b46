package tui

// The reader's soft memory limit (issue 15: the reader with 100k stored
// items in at most 40 MB). With the runtime's default GOGC=100 alone, the
// Go heap of the reader grows to twice what it holds (8–12 MB live at 100k
// items: the feed list, one window of rows, the clean-up's compiled rules,
// a few rendered articles), and the runtime keeps the pages of past peaks
// for minutes; a soft limit makes it collect and give them back sooner.
// A refresh or sync holds far more (every feed in flight), so the limit is
// lifted while one runs: under it the collector would run back to back.

import (
	"math"
	"runtime/debug"
	"sync"
)

// memLimit is the reader's limit and the count of heavy tasks running.
var memLimit struct {
	mu    sync.Mutex
	limit int64 // 0: the reader set none
	extra int64 // what the picture drawer keeps, on top of limit
	heavy int
}

// effectiveLimit is the limit in force when no heavy task runs: the
// reader's own and its pictures'. Call with memLimit.mu held.
func effectiveLimit() int64 { return memLimit.limit + memLimit.extra }

// setMemoryLimit sets the soft limit for the reader's run; restore puts
// back the previous one. limit 0 leaves the runtime alone.
func setMemoryLimit(limit int64) (restore func()) {
	if limit <= 0 {
		return func() {}
	}
	memLimit.mu.Lock()
	defer memLimit.mu.Unlock()
	memLimit.limit, memLimit.extra = limit, 0 // a new reader has no pictures yet
	prev := debug.SetMemoryLimit(effectiveLimit())
	if memLimit.heavy > 0 {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	return func() {
		memLimit.mu.Lock()
		defer memLimit.mu.Unlock()
		memLimit.limit, memLimit.extra = 0, 0
		debug.SetMemoryLimit(prev)
	}
}

// heavyWork lifts the soft limit until done is called: for a refresh or a
// sync, which run in commands beside the reader.
func heavyWork() (done func()) {
	memLimit.mu.Lock()
	defer memLimit.mu.Unlock()
	memLimit.heavy++
	if memLimit.heavy == 1 && memLimit.limit > 0 {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			memLimit.mu.Lock()
			defer memLimit.mu.Unlock()
			memLimit.heavy--
			if memLimit.heavy == 0 && memLimit.limit > 0 {
				debug.SetMemoryLimit(effectiveLimit())
			}
		})
	}
}

// setPictureMemory grows (or shrinks) the soft limit by what the picture
// drawer keeps now (images.Drawer.Bytes, at most 32 MiB): pictures are
// the reader's own, and a limit below them would make the collector run
// back to back.
func setPictureMemory(n int64) {
	memLimit.mu.Lock()
	defer memLimit.mu.Unlock()
	memLimit.extra = n
	if memLimit.limit > 0 && memLimit.heavy == 0 {
		debug.SetMemoryLimit(effectiveLimit())
	}
}
