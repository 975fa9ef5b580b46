package service

import "context"

// writeCachePerFeed is the writer's page cache per feed a refresh or sync
// saves, at least 1 MB (store.SetWriteCache): 2 MB at 1000 feeds, 20 MB at
// 10000. A refresh of thousands of feeds inserts into indexes on hashes
// that outgrow a smaller cache (issue 15's scale runs).
const writeCachePerFeed = 2 << 10

// sizeWriteCache sizes the writer's page cache for a refresh or sync of n
// feeds, in the CLI and in the reader alike, and returns what puts the
// previous size back: in the reader, a refresh's cache would otherwise stay
// for the rest of the session. Calls nest (a sync's refresh of its local
// feeds). A database that fails here fails the refresh itself, which
// reports it.
func (s *Service) sizeWriteCache(ctx context.Context, n int) (restore func()) {
	ctx = context.WithoutCancel(ctx) // put back even after ctrl+c
	prev, err := s.Store.WriteCache(ctx)
	if err != nil {
		return func() {}
	}
	if s.Store.SetWriteCache(ctx, n*writeCachePerFeed/1024) != nil {
		return func() {}
	}
	return func() { _ = s.Store.SetWriteCache(ctx, prev) }
}
