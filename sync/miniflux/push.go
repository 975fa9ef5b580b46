package miniflux

import (
	"context"
	"fmt"
	"strconv"

	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

// pushBatch is the most entry ids one PUT /v1/entries carries.
const pushBatch = 500

// Push sends the changes in order: each run of the same kind goes as one
// request per 500 entries. Every id is checked before anything is sent.
// Setting a state twice is harmless, so a failed Push may simply be
// repeated.
func (p *Provider) Push(ctx context.Context, changes []hsync.Change) error {
	ids := make([]int64, len(changes))
	for i, ch := range changes {
		id, err := strconv.ParseInt(ch.EntryID, 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("push: %q is not a Miniflux entry id", ch.EntryID)
		}
		switch ch.Kind {
		case hsync.MarkRead, hsync.MarkUnread, hsync.Star, hsync.Unstar:
		default:
			return fmt.Errorf("push: unknown change %q for entry %s", ch.Kind, ch.EntryID)
		}
		ids[i] = id
	}
	for start := 0; start < len(changes); {
		kind, end := changes[start].Kind, start+1
		for end < len(changes) && end-start < pushBatch && changes[end].Kind == kind {
			end++
		}
		if err := p.set(ctx, kind, ids[start:end]); err != nil {
			return p.wrap(fmt.Sprintf("push %s (%d entries)", kind, end-start), err)
		}
		start = end
	}
	return nil
}

// set applies one kind of change to ids.
func (p *Provider) set(ctx context.Context, kind hsync.Kind, ids []int64) error {
	switch kind {
	case hsync.MarkRead:
		return p.c.UpdateEntriesContext(ctx, ids, client.EntryStatusRead)
	case hsync.MarkUnread:
		return p.c.UpdateEntriesContext(ctx, ids, client.EntryStatusUnread)
	case hsync.Star:
		return p.c.UpdateEntriesStarredContext(ctx, ids, true)
	default: // hsync.Unstar; Push checked the kinds
		return p.c.UpdateEntriesStarredContext(ctx, ids, false)
	}
}
