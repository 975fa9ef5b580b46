package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
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

// TestHeapSamplingOnlyWithMemprofile: a command samples the heap only when
// --memprofile asks for a profile, which it then writes.
func TestHeapSamplingOnlyWithMemprofile(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	db := filepath.Join(t.TempDir(), "herald.db")
	if code, stderr := cli(db, "feeds"); code != 0 {
		t.Fatalf("herald feeds: exit %d: %s", code, stderr)
	}
	if runtime.MemProfileRate != 0 {
		t.Fatalf("without --memprofile: MemProfileRate = %d, want 0", runtime.MemProfileRate)
	}
	prof := filepath.Join(t.TempDir(), "heap.prof")
	if code, stderr := cli(db, "--memprofile", prof, "feeds"); code != 0 {
		t.Fatalf("herald --memprofile feeds: exit %d: %s", code, stderr)
	}
	if runtime.MemProfileRate == 0 {
		t.Fatal("with --memprofile: heap sampling is off")
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Fatalf("heap profile: %v", err)
	}
}
