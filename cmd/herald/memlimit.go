package main

import (
	"context"
	"os"
	"runtime/debug"

	"github.com/herald-reader/herald/service"
)

// A refresh's Go memory: with the runtime's default GOGC=100 alone, the heap
// grows to twice what it holds live (6–9 MB at 1000 feeds: the feeds in
// flight between the network, the clean-up workers and the writer), and keeps the pages of its past
// peaks. A soft limit on the runtime's whole share (heap, stacks, metadata)
// makes it collect and give pages back sooner: at 1000 feeds, peak RSS
// 53 → 49 MB for a few per cent more CPU (issue 15, bench/refresh.sh). The limit
// grows with the number of feeds, whose rows the refresh holds, so that a
// big subscription list does not make the collector run back to back; a
// document far bigger than usual may still exceed it for a moment, and the
// runtime then caps the collector's share of the CPU. GOMEMLIMIT set by the
// user wins.

// refreshMemoryBase and refreshMemoryPerFeed make the refresh's limit.
const (
	refreshMemoryBase    = 20 << 20
	refreshMemoryPerFeed = 4 << 10
)

// userMemoryLimit reports whether the user set GOMEMLIMIT: then herald
// sets no limit of its own.
func userMemoryLimit() bool { return os.Getenv("GOMEMLIMIT") != "" }

// limitRefreshMemory sets the soft memory limit for a refresh or sync of
// the subscribed feeds, unless GOMEMLIMIT is set. (The service sizes the
// writer's page cache to them.)
func limitRefreshMemory(ctx context.Context, svc *service.Service) {
	if userMemoryLimit() {
		return
	}
	feeds, err := svc.Store.Feeds(ctx)
	if err != nil {
		return // the refresh will report it
	}
	debug.SetMemoryLimit(refreshMemoryBase + int64(len(feeds))*refreshMemoryPerFeed)
}

// readerMemoryLimit is the reader's soft memory limit (0: none, when
// GOMEMLIMIT is set): the Go runtime's whole share (heap, stacks,
// metadata), about 1.5 times what the reader holds live on 100k items
// (bench/tuimem.sh). The reader lifts it while a refresh or sync runs.
func readerMemoryLimit() int64 {
	if userMemoryLimit() {
		return 0
	}
	return 16 << 20
}
