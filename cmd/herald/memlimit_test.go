package main

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

func TestRefreshMemoryLimitGrowsWithFeeds(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range 100 {
		if _, err := st.AddFeed(ctx, fmt.Sprintf("https://f%d.example/rss", i), "", nil); err != nil {
			t.Fatal(err)
		}
	}
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	svc := &service.Service{Store: st}

	t.Setenv("GOMEMLIMIT", "")
	debug.SetMemoryLimit(math.MaxInt64)
	limitRefreshMemory(ctx, svc)
	if got, want := debug.SetMemoryLimit(-1), int64(refreshMemoryBase+100*refreshMemoryPerFeed); got != want {
		t.Errorf("limit = %d, want %d", got, want)
	}

	t.Setenv("GOMEMLIMIT", "1GiB") // the user's own limit wins
	debug.SetMemoryLimit(math.MaxInt64)
	limitRefreshMemory(ctx, svc)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set the limit became %d", got)
	}
}
