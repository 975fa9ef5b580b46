package miniflux

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/herald-reader/herald/feed"
	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

const (
	// pageSize is how many entries one request asks for.
	pageSize = 250
	// maxPerPull caps the entries one Pull reads, duplicates included, so
	// a server that never sends a short page cannot keep it going forever.
	maxPerPull = 20000
	// newestOnFirstPull is how many of the newest entries of any status a
	// first pull brings besides the unread and starred ones.
	newestOnFirstPull = 200
	// clockSlack keeps the cursor this many seconds behind the server's
	// clock when the pull began: changed_at is the start of the writing
	// transaction, which may commit after our query ran.
	clockSlack = 2
)

// Pull returns the entries changed since cursor, with their content
// (Miniflux sends it with every entry, so known is not needed).
//
// The first pull (cursor "") brings every starred entry, the newest 200 of
// any status and every unread entry, newest first, at most 20000 in all.
// Later pulls ask for changed_after = cursor-1: the server compares whole
// seconds and strictly, so the second before is asked again and entries
// seen twice are dropped. Pages follow ids (after_entry_id), not offsets,
// so an entry that changes during a pull cannot shift another out of view.
//
// The cursor is the server's clock when the pull began less clockSlack,
// in unix seconds (so an entry changed while a pull pages through is
// pulled again next time), or the latest changed_at seen when the server
// sends no Date; never earlier than the cursor given. A pull that reaches the 20000 cap
// returns "since/lastID/bound": the next pull goes on after lastID.
// Complete is always false: Miniflux reports changes, not full state.
func (p *Provider) Pull(ctx context.Context, cursor string, _ func(entryID string) bool) (hsync.Batch, error) {
	clock := &serverClock{}
	ctx = context.WithValue(ctx, clockKey{}, clock)
	cur, first := parseCursor(cursor)
	r := &reader{p: p, seen: make(map[int64]bool)}
	var err error
	if first {
		err = r.firstPull(ctx)
	} else {
		f := client.Filter{ChangedAfter: cur.since - 1, Order: "id", Direction: "asc"}
		err = r.pages(ctx, f, cur.after)
	}
	if err != nil {
		return hsync.Batch{}, p.wrap("pull entries", err)
	}

	// The server's clock less the slack: every change before it has been
	// seen. (The latest changed_at seen would ask for its second again at
	// every pull, with the content of what changed then, until something
	// else changes.) Without a Date header, that latest changed_at.
	bound := r.maxChanged
	if clock.unix > 0 {
		bound = clock.unix - clockSlack
	}
	if cur.bound > 0 && (bound == 0 || cur.bound < bound) {
		bound = cur.bound // a capped pull's bound holds until its sequel ends
	}
	next := pullCursor{since: max(cur.since, bound)}
	if r.capped && !first {
		next = pullCursor{since: cur.since, after: r.last, bound: bound}
	}
	return hsync.Batch{Entries: r.out, Cursor: next.String()}, nil
}

// pullCursor is what Batch.Cursor holds.
type pullCursor struct {
	since int64 // unix seconds; the next pull asks for changed_after = since-1
	after int64 // when > 0: a capped pull to go on with after this entry id
	bound int64 // with after: the most since may become once it is done
}

// parseCursor reads a cursor; "" (or one herald cannot read, which only a
// damaged database would hold) starts over with a first pull.
func parseCursor(s string) (c pullCursor, first bool) {
	parts := strings.Split(s, "/")
	if s == "" || (len(parts) != 1 && len(parts) != 3) {
		return pullCursor{}, true
	}
	var n [3]int64
	for i, part := range parts {
		v, err := strconv.ParseInt(part, 10, 64)
		if err != nil || v < 0 {
			return pullCursor{}, true
		}
		n[i] = v
	}
	return pullCursor{since: n[0], after: n[1], bound: n[2]}, false
}

func (c pullCursor) String() string {
	if c.after > 0 {
		return fmt.Sprintf("%d/%d/%d", c.since, c.after, c.bound)
	}
	return strconv.FormatInt(c.since, 10)
}

// reader gathers one pull's entries.
type reader struct {
	p          *Provider
	seen       map[int64]bool
	out        []hsync.Entry
	fetched    int   // entries read, duplicates included
	maxChanged int64 // latest changed_at seen, unix seconds
	capped     bool  // stopped at maxPerPull
	last       int64 // the id paging had reached
}

// firstPull reads the starred entries, the newest ones and the unread
// ones, in that order, so the cap drops the oldest unread entries first.
func (r *reader) firstPull(ctx context.Context) error {
	if err := r.pages(ctx, client.Filter{Starred: "true", Order: "id", Direction: "desc"}, 0); err != nil {
		return err
	}
	if r.capped {
		return nil
	}
	res, err := r.p.c.EntriesContext(ctx, &client.Filter{
		Order: "published_at", Direction: "desc", Limit: newestOnFirstPull,
	})
	if err != nil {
		return err
	}
	r.add(res.Entries)
	return r.pages(ctx, client.Filter{Status: client.EntryStatusUnread, Order: "id", Direction: "desc"}, 0)
}

// pages reads every page of f, which is ordered by id, starting after
// (ascending) or before (descending) the id from, 0 for the start.
// It stops at a short page, at a page that does not move on, or at the cap.
func (r *reader) pages(ctx context.Context, f client.Filter, from int64) error {
	asc := f.Direction == "asc"
	f.Limit = pageSize
	for !r.capped {
		if asc {
			f.AfterEntryID = from
		} else {
			f.BeforeEntryID = from
		}
		res, err := r.p.c.EntriesContext(ctx, &f)
		if err != nil {
			return err
		}
		r.add(res.Entries)
		prev := from
		for _, e := range res.Entries {
			if e != nil && (from == 0 || (asc && e.ID > from) || (!asc && e.ID < from)) {
				from = e.ID
			}
		}
		r.last = from
		if r.fetched >= maxPerPull && len(res.Entries) >= pageSize {
			r.capped = true
		}
		if len(res.Entries) < pageSize || from == prev {
			return nil // done, or a server that ignores the page's start
		}
	}
	return nil
}

// add keeps the entries not seen yet in this pull.
func (r *reader) add(entries client.Entries) {
	r.fetched += len(entries)
	for _, e := range entries {
		if e == nil || r.seen[e.ID] {
			continue
		}
		r.seen[e.ID] = true
		r.out = append(r.out, entry(e))
		r.maxChanged = max(r.maxChanged, e.ChangedAt.Unix())
	}
}

// entry converts a Miniflux entry. Anything but "unread" counts as read:
// older servers mark deleted entries "removed". GUID stays empty: Miniflux
// keeps only a hash of the feed's own id.
func entry(e *client.Entry) hsync.Entry {
	feedID := e.FeedID
	if feedID == 0 && e.Feed != nil {
		feedID = e.Feed.ID
	}
	return hsync.Entry{
		ID:        strconv.FormatInt(e.ID, 10),
		FeedID:    strconv.FormatInt(feedID, 10),
		URL:       e.URL,
		Title:     e.Title,
		Author:    e.Author,
		Content:   e.Content,
		Published: e.Date,
		Read:      e.Status != client.EntryStatusUnread,
		Starred:   e.Starred,
		Changed:   e.ChangedAt,
		Media:     media(e.Enclosures),
	}
}

// media returns the first enclosure herald keeps (feed.EnclosureMedia).
func media(encs client.Enclosures) *hsync.Media {
	for _, enc := range encs {
		if enc == nil {
			continue
		}
		if m, ok := feed.EnclosureMedia(enc.URL, enc.MimeType, int64(enc.Size)); ok {
			return &hsync.Media{URL: m.URL, Type: m.Type, Size: m.Size}
		}
	}
	return nil
}
