package service

import (
	"context"
	"fmt"

	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/triage"
)

// backfillBatch is how many items BackfillStories hashes per transaction:
// large enough that commits cost little, small enough that a refresh in
// another herald waits for the write lock well within its busy timeout.
const backfillBatch = 2000

// BackfillStories gives the story hashes that find copies across feeds to
// items stored before the hashes existed, as triage does for new items,
// and returns how many items it looked at. It runs once per database: at
// the end it sets store.SettingStoriesHashed, and once that is set it does
// nothing. Items with neither a link nor a usable title keep no hash. On
// error the batches already saved are kept, and the next call goes on.
func (s *Service) BackfillStories(ctx context.Context) (int, error) {
	done, ok, err := s.Store.Setting(ctx, store.SettingStoriesHashed)
	if err != nil {
		return 0, fmt.Errorf("story hashes: %w", err)
	}
	if ok && done == "1" {
		return 0, nil
	}
	var (
		n     int
		after int64
		out   = make([]store.StoryHash, 0, backfillBatch)
	)
	for {
		keys, err := s.Store.ItemsWithoutStory(ctx, after, backfillBatch)
		if err != nil {
			return n, err
		}
		if len(keys) == 0 {
			break
		}
		out = out[:0]
		for _, k := range keys {
			out = append(out, store.StoryHash{ID: k.ID,
				LinkHash: triage.LinkHash(k.Link), TitleHash: triage.TitleHash(k.Title)})
		}
		if err := s.Store.SetStoryHashes(ctx, out); err != nil {
			return n, err
		}
		n += len(keys)
		// By id, past the items left without a hash, so none is read twice.
		after = keys[len(keys)-1].ID
	}
	if err := s.Store.SetSetting(ctx, store.SettingStoriesHashed, "1"); err != nil {
		return n, err
	}
	s.log().Debug("story hashes backfilled", "items", n)
	return n, nil
}
