package service

import (
	"context"
	"strconv"
	"time"
)

// Pruning and the file's size.
//
// herald keeps every item unless keep_read_days is set; then a refresh
// deletes, at most once a day, the read items first seen more than that
// long ago. Unread and bookmarked items are never pruned (a bookmark keeps
// its own copy of the article anyway), and a pruned item still in its feed
// does not come back as new.
//
// The database runs without auto_vacuum: the pages pruned items free are
// reused by the next items, so a database that prunes stops growing at its
// high-water mark, and no commit pays for auto_vacuum's pointer maps or
// page moves. VACUUM, which rewrites the whole file, runs once after the
// migration that rebuilt the items table (store.migrate), not routinely.

// lastPruneKey is the store setting holding when pruneIfDue last ran.
const lastPruneKey = "last_prune"

// pruneEvery is how often pruneIfDue prunes at most.
const pruneEvery = 24 * time.Hour

// pruneIfDue prunes read items older than KeepRead, when set and when the
// last prune is a day old. A failure is logged, never the refresh's error.
func (s *Service) pruneIfDue(ctx context.Context) {
	if s.KeepRead <= 0 {
		return
	}
	now := s.now()
	if v, ok, err := s.Store.Setting(ctx, lastPruneKey); err == nil && ok {
		if last, err := strconv.ParseInt(v, 10, 64); err == nil && now.Sub(time.Unix(last, 0)) < pruneEvery {
			return
		}
	}
	n, err := s.Store.Prune(ctx, now.Add(-s.KeepRead))
	if err != nil {
		s.log().Warn("prune", "err", err)
		return
	}
	if err := s.Store.SetSetting(ctx, lastPruneKey, strconv.FormatInt(now.Unix(), 10)); err != nil {
		s.log().Warn("prune", "err", err)
	}
	if n > 0 {
		s.log().Info("pruned read items", "items", n, "older than", s.KeepRead)
	}
}
