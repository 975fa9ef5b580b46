package service

import (
	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
)

// How a sync decides between the server and herald, one entry and one
// state (read, starred) at a time:
//
//   - the server changed it when its value differs from the base, the
//     value both sides agreed on at the last sync;
//   - herald changed it when the queue holds a change of it not yet pushed;
//   - when only one side changed it, that side's value is taken;
//   - when both did, to the same value, there is nothing to do;
//   - when both did, to different values, the later change wins: herald's
//     is dated by the queue (when it was made), the server's by the entry's
//     changed-at time. A server that does not date its changes (the Google
//     Reader API) loses such a conflict: all herald knows is that the
//     server's change was made some time since the last sync, while
//     herald's is dated, and was made while herald could not reach it.

// pendingState is herald's unpushed change of one state of one entry.
type pendingState struct {
	last store.QueuedChange // the latest: its action is the value
	seqs []int64            // every queued change of this state
}

// pendingOf groups the queue by entry and state.
func pendingOf(queue []store.QueuedChange) (read, star map[string]*pendingState) {
	read, star = map[string]*pendingState{}, map[string]*pendingState{}
	for _, q := range queue {
		var m map[string]*pendingState
		switch q.Action {
		case store.QueueRead, store.QueueUnread:
			m = read
		case store.QueueStar, store.QueueUnstar:
			m = star
		default:
			continue
		}
		p := m[q.RemoteID]
		if p == nil {
			p = &pendingState{}
			m[q.RemoteID] = p
		}
		p.last = q
		p.seqs = append(p.seqs, q.Seq)
	}
	return read, star
}

// verdict is the decision on one state of one entry.
type verdict struct {
	value    bool    // what herald's state becomes
	base     bool    // the server's value, the next base
	drop     []int64 // queued changes the server's state overrides
	conflict bool    // both sides changed it, to different values
	server   bool    // the server's value was taken over herald's
}

// decide settles one state: server is the server's value, base the value
// agreed at the last sync, local herald's value now, pending herald's
// unpushed change (nil when none), changed the server's change time (zero
// when unknown) and on the value an action sets.
func decide(server, base, local bool, pending *pendingState, changed hsync.Entry, on string) verdict {
	serverChanged := server != base
	if pending == nil {
		if serverChanged {
			return verdict{value: server, base: server, server: server != local}
		}
		// Neither side changed it: herald's own value stays (a mute
		// rule's read, say), and nothing is pushed.
		return verdict{value: local, base: base}
	}
	mine := pending.last.Action == on
	switch {
	case !serverChanged:
		return verdict{value: local, base: base}
	case server == mine:
		return verdict{value: server, base: server, drop: pending.seqs}
	case !changed.Changed.IsZero() && changed.Changed.After(pending.last.At):
		return verdict{value: server, base: server, drop: pending.seqs, conflict: true, server: true}
	default:
		return verdict{value: local, base: server, conflict: true}
	}
}

// resolution is what a pull means for herald.
type resolution struct {
	apply     store.SyncApply
	changed   int // held items whose state the server changed
	conflicts int // states both sides changed
}

// resolve turns a pulled batch into the changes to store. held are the
// items herald holds by server id, feeds the synced feeds by server id.
func resolve(b hsync.Batch, held map[string]store.SyncedItem, queue []store.QueuedChange,
	feeds map[string]store.Feed) resolution {
	var r resolution
	pendRead, pendStar := pendingOf(queue)
	seen := make(map[string]bool, len(b.Entries))
	settle := func(e hsync.Entry, h store.SyncedItem) {
		rv := decide(e.Read, h.BaseRead, h.Read, pendRead[e.ID], e, store.QueueRead)
		sv := decide(e.Starred, h.BaseStarred, h.Starred, pendStar[e.ID], e, store.QueueStar)
		r.apply.Drop = append(r.apply.Drop, rv.drop...)
		r.apply.Drop = append(r.apply.Drop, sv.drop...)
		if rv.conflict {
			r.conflicts++
		}
		if sv.conflict {
			r.conflicts++
		}
		if rv.server || sv.server {
			r.changed++
		}
		if rv.value == h.Read && sv.value == h.Starred && rv.base == h.BaseRead && sv.base == h.BaseStarred {
			return
		}
		r.apply.States = append(r.apply.States, store.SyncState{RemoteID: e.ID,
			Read: rv.value, Starred: sv.value, BaseRead: rv.base, BaseStarred: sv.base})
	}
	for _, e := range b.Entries {
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		if h, ok := held[e.ID]; ok {
			settle(e, h)
			continue
		}
		f, ok := feeds[e.FeedID]
		if !ok || e.StateOnly {
			continue // a feed herald does not follow
		}
		r.apply.New = append(r.apply.New, store.SyncEntry{FeedID: f.ID, RemoteID: e.ID,
			Item: newItemOf(e), Read: e.Read, Starred: e.Starred})
	}
	if b.Complete {
		// What the server did not list is read and not starred there, in
		// the feeds it has. An entry herald keeps only for its bookmark
		// (its feed removed here or on the server) may be gone from the
		// server with its feed: its bookmark is not the server's to drop.
		synced := make(map[int64]bool, len(feeds))
		for _, f := range feeds {
			synced[f.ID] = true
		}
		for id, h := range held {
			if !seen[id] && synced[h.FeedID] {
				settle(hsync.Entry{ID: id, Read: true}, h)
			}
		}
	}
	return r
}

// newItemOf is a server entry as a store item.
func newItemOf(e hsync.Entry) store.NewItem {
	it := store.NewItem{GUID: e.GUID, Link: e.URL, Title: e.Title, Author: e.Author,
		Published: e.Published, Content: e.Content}
	if e.GUID == "" && e.URL == "" {
		it.GUID = "sync:" + e.ID
	}
	if m := e.Media; m != nil {
		it.MediaURL, it.MediaType, it.MediaSize = m.URL, m.Type, m.Size
	}
	return it
}
