package service

import (
	"context"
	"testing"
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
		if kib != 1000 { // WriteCacheFor(2) is 4 KiB, under the floor
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
