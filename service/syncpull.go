package service

import (
	"context"
	"fmt"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
)

// pull brings the entries changed on the server since the last sync and
// settles them with herald's own changes (see decide).
func (s *Service) pull(ctx context.Context, feeds map[string]store.Feed, sum *SyncSummary) error {
	cursor, _, err := s.Store.Setting(ctx, settingSyncCursor)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	held, err := s.Store.SyncedItems(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	batch, err := s.Remote.Provider.Pull(hsync.WithBudget(ctx, pullBudget), cursor,
		func(id string) bool { _, ok := held[id]; return ok })
	if err != nil {
		return s.syncErr("pull entries", err)
	}
	queue, err := s.Store.SyncQueue(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	r := resolve(batch, held, queue, feeds)
	s.triageSynced(r.apply.New, feeds)
	store.PrepareEntries(r.apply.New) // here, not in ApplySync's transaction
	r.apply.At = s.now()
	if len(queue) > 0 {
		r.apply.QueueSeen = queue[len(queue)-1].Seq
	}
	for _, f := range feeds {
		r.apply.Feeds = append(r.apply.Feeds, f.ID)
	}
	applied, err := s.Store.ApplySync(ctx, r.apply)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := s.Store.SetSetting(ctx, settingSyncCursor, batch.Cursor); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	sum.NewByFeed = applied.New
	for id, n := range applied.New {
		sum.New += n
		if n > 0 {
			s.forgetBoilerplate(id)
		}
	}
	sum.Changed, sum.Conflicts, sum.Starred = r.changed, r.conflicts, len(applied.Starred)
	s.saveStarred(ctx, applied.Starred)
	return nil
}

// triageSynced gives new entries their mute reason and story hashes, as
// a refresh gives fetched items theirs.
func (s *Service) triageSynced(entries []store.SyncEntry, feeds map[string]store.Feed) {
	byID := map[int64]store.Feed{}
	for _, f := range feeds {
		byID[f.ID] = f
	}
	for i := range entries {
		e := &entries[i]
		items := []store.NewItem{e.Item}
		s.triage(items, []feed.Item{{Title: e.Item.Title, Content: e.Item.Content}}, byID[e.FeedID], "")
		e.Item = items[0]
	}
}

// saveStarred saves the full article of entries starred on the server, a
// few at a time. A save cut short stays "saving" and is retried when the
// reader next starts, as any bookmark's.
func (s *Service) saveStarred(ctx context.Context, ids []int64) {
	sem := make(chan struct{}, 4)
	done := make(chan struct{})
	for _, id := range ids {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem; done <- struct{}{} }()
			if err := s.SaveBookmark(ctx, id); err != nil {
				s.log().Warn("sync: save starred entry", "id", id, "err", err)
			}
		}()
	}
	for range ids {
		<-done
	}
}

// push sends the queued changes, the latest of each entry's read and
// starred state, and records the server's new state as the base.
func (s *Service) push(ctx context.Context, sum *SyncSummary) error {
	queue, err := s.Store.SyncQueue(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	held, err := s.Store.SyncedItems(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	changes, done := coalesce(queue, held)
	if len(changes) > 0 {
		if err := s.Remote.Provider.Push(ctx, changes); err != nil {
			return s.syncErr("push changes", err)
		}
	}
	if err := s.Store.Pushed(ctx, done); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	sum.Pushed = len(changes)
	return nil
}

// coalesce keeps, of the queued read and star changes, the last of each
// entry and state, in the order they were made, leaving out those that
// only return to the server's state. done lists every queued change they
// settle.
func coalesce(queue []store.QueuedChange, held map[string]store.SyncedItem) (changes []hsync.Change, done []store.QueuedChange) {
	read, star := pendingOf(queue)
	for _, q := range queue {
		var p *pendingState
		switch q.Action {
		case store.QueueRead, store.QueueUnread:
			p = read[q.RemoteID]
		case store.QueueStar, store.QueueUnstar:
			p = star[q.RemoteID]
		default:
			continue
		}
		done = append(done, q)
		if p.last.Seq != q.Seq {
			continue
		}
		h, ok := held[q.RemoteID]
		base := map[string]bool{store.QueueRead: h.BaseRead, store.QueueUnread: !h.BaseRead,
			store.QueueStar: h.BaseStarred, store.QueueUnstar: !h.BaseStarred}
		if ok && base[q.Action] {
			continue // back where the server is
		}
		changes = append(changes, hsync.Change{EntryID: q.RemoteID, Kind: hsync.Kind(q.Action)})
	}
	return changes, done
}
