package service

import (
	"context"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

// A refresh sizes the writer's page cache to the feeds it fetches (here
// two: the 1 MB floor), in the reader's process as in the CLI's, and puts
// the previous size back when it ends, so the reader does not keep a big
// refresh's cache.
func TestRefreshSizesWriteCacheAndPutsItBack(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	srv, release := heldFeeds(t)
	release()
	addFeeds(t, s, srv, "/a", "/b")
	if err := s.Store.SetWriteCache(ctx, 3000); err != nil {
		t.Fatal(err)
	}
	var during []int
	sum, err := s.Refresh(ctx, nil, func(Progress) {
		// Reports come after a commit: the writer's connection is free.
		kib, err := s.Store.WriteCache(ctx)
		if err != nil {
			t.Error(err)
		}
		during = append(during, kib)
	})
	if err != nil || sum.New != 2 {
		t.Fatalf("refresh: %+v, %v", sum, err)
	}
	for _, kib := range during {
		if kib != 1000 { // 2 feeds ask for 4 KiB, under the floor
			t.Errorf("write cache during the refresh = %d KiB, want the 1000 KiB floor", kib)
		}
	}
	if len(during) != 2 {
		t.Errorf("%d reports, want 2", len(during))
	}
	if kib, err := s.Store.WriteCache(ctx); err != nil || kib != 3000 {
		t.Errorf("write cache after the refresh = %d KiB, %v; want 3000 back", kib, err)
	}
}

// A sync sizes the cache to the feeds it syncs too, and puts it back.
func TestSyncSizesWriteCacheAndPutsItBack(t *testing.T) {
	ctx := context.Background()
	e := newSyncEnv(t, changesStyle)
	fa := e.srv.addSub("https://a.test/feed", "Alpha")
	e.srv.addEntry(fa, hsync.Entry{Title: "Harbour opens", Content: "<p>Boats.</p>"})
	if err := e.s.Store.SetWriteCache(ctx, 3000); err != nil {
		t.Fatal(err)
	}
	during := -1
	if _, err := e.s.Sync(ctx, func(Progress) {
		kib, err := e.s.Store.WriteCache(ctx)
		if err != nil {
			t.Error(err)
		}
		during = kib
	}); err != nil {
		t.Fatal(err)
	}
	if during != 1000 {
		t.Errorf("write cache during the sync = %d KiB, want the 1000 KiB floor", during)
	}
	if kib, err := e.s.Store.WriteCache(ctx); err != nil || kib != 3000 {
		t.Errorf("write cache after the sync = %d KiB, %v; want 3000 back", kib, err)
	}
}
