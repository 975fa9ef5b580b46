package greader

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	hsync "github.com/herald-reader/herald/sync"
)

// Limits of one Pull.
const (
	idsPage   = 1000    // ids asked for per stream/items/ids page
	maxIDs    = 100_000 // ids taken from one stream, over all its pages
	firstPull = 200     // newest reading-list ids taken on the first pull
	batchSize = 250     // ids per stream/items/contents or edit-tag request
	// maxContent caps the items one pull fetches content for: a first pull
	// of an account with tens of thousands of unread items brings the
	// newest ones, and each later pull the next, instead of one pull too
	// big to finish (or to fit the sync's byte budget).
	maxContent = 5000
	// overlap is how far before the cursor a pull looks for new items.
	// Servers disagree on what ot filters (FreshRSS: the time the item
	// was added, inclusive; Miniflux: its published date, strictly
	// after), and a feed's items can reach the server well after they
	// were published; listing ids again costs little, as known ids are
	// not fetched.
	overlap = 24 * time.Hour
)

// Pull lists the ids of every unread and every starred item, and of the
// items new since cursor (the newest 200 on the first pull), then fetches
// content for the ids known reports herald does not hold (at most
// maxContent of them, unread ones first; the others come with the next
// pulls). Known ids come back as StateOnly entries. The cursor is the newest item time seen, in
// Unix seconds; a cursor that is not one means a first pull.
func (p *Provider) Pull(ctx context.Context, cursor string, known func(entryID string) bool) (hsync.Batch, error) {
	since, _ := strconv.ParseInt(cursor, 10, 64)
	since = max(since, 0)
	lists, err := p.listStreams(ctx, since)
	if err != nil {
		return hsync.Batch{}, err
	}
	all, isKnown := merge(known, lists...)
	var missing []string
	for _, id := range all {
		if !isKnown[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > p.maxContent {
		missing = missing[:p.maxContent] // the rest, still unknown, next time
	}
	items, err := p.fetchItems(ctx, missing)
	if err != nil {
		return hsync.Batch{}, err
	}

	st := state{unread: lists[0], starred: lists[1]}
	newest := since
	entries := make([]hsync.Entry, 0, len(all))
	for _, id := range all {
		if isKnown[id] {
			read, starred, ok := st.of(id)
			if ok { // else its state is past a list's cap: unknown
				entries = append(entries, hsync.Entry{ID: id, Read: read, Starred: starred, StateOnly: true})
			}
			continue
		}
		if it, ok := items[id]; ok { // else gone since it was listed
			entries = append(entries, it.entry(id, st))
			newest = max(newest, it.cursorTime())
		}
	}
	// A cursor never goes backwards, nor past now (a future-dated item
	// would otherwise hide every item published before it).
	if now := time.Now().Unix(); newest > now {
		newest = max(since, now)
	}
	next := ""
	if newest > 0 {
		next = strconv.FormatInt(newest, 10)
	}
	return hsync.Batch{
		Entries:  entries,
		Complete: st.unread.complete && st.starred.complete,
		Cursor:   next,
	}, nil
}

// listStreams lists the unread ids, the starred ids and the ids new since
// since (Unix seconds; 0: the newest firstPull), in that order.
func (p *Provider) listStreams(ctx context.Context, since int64) ([]idList, error) {
	recent := url.Values{"s": {streamReadingList}}
	limit := firstPull
	if since > 0 {
		// min: a cursor from a clock that has since gone back.
		ot := max(min(since, time.Now().Unix())-int64(overlap/time.Second), 1)
		recent.Set("ot", strconv.FormatInt(ot, 10))
		limit = p.maxIDs
	}
	streams := []struct {
		what  string
		q     url.Values
		limit int
	}{
		{"unread items", url.Values{"s": {streamReadingList}, "xt": {streamRead}}, p.maxIDs},
		{"starred items", url.Values{"s": {streamStarred}}, p.maxIDs},
		{"new items", recent, limit},
	}
	lists := make([]idList, len(streams))
	for i, s := range streams {
		l, err := p.listIDs(ctx, s.q, s.limit)
		if err != nil {
			return nil, fmt.Errorf("%w (%s)", err, s.what)
		}
		lists[i] = l
	}
	return lists, nil
}

// merge returns the ids of lists without repeats, in order, and whether
// herald holds each.
func merge(known func(string) bool, lists ...idList) ([]string, map[string]bool) {
	n := 0
	for _, l := range lists {
		n += len(l.ids)
	}
	all := make([]string, 0, n)
	isKnown := make(map[string]bool, n)
	for _, l := range lists {
		for _, id := range l.ids {
			if _, dup := isKnown[id]; dup {
				continue
			}
			isKnown[id] = known != nil && known(id)
			all = append(all, id)
		}
	}
	return all, isKnown
}

// idList is the ids of one stream, in the server's order, without repeats.
type idList struct {
	ids      []string
	set      map[string]bool
	complete bool // every id of the stream is in ids
}

// listIDs pages through stream/items/ids for the stream in q, taking at
// most limit ids; complete is false when there were more, or when the
// server's paging went wrong (a continuation that repeats or brings
// nothing).
func (p *Provider) listIDs(ctx context.Context, q url.Values, limit int) (idList, error) {
	l := idList{set: map[string]bool{}}
	q.Set("output", "json")
	conts := map[string]bool{}
	for {
		q.Set("n", strconv.Itoa(min(idsPage, limit-len(l.ids))))
		var page itemIDs
		if err := p.call(ctx, http.MethodGet, "stream/items/ids", q, nil, &page); err != nil {
			return idList{}, err
		}
		added := 0
		for _, ref := range page.ItemRefs {
			id := normID(string(ref.ID))
			if id == "" || l.set[id] {
				continue
			}
			if len(l.ids) == limit {
				return l, nil // one id past the cap: incomplete
			}
			l.set[id] = true
			l.ids = append(l.ids, id)
			added++
		}
		c := string(page.Continuation)
		if c == "" {
			l.complete = true
			return l, nil
		}
		if len(l.ids) >= limit || added == 0 || conts[c] {
			return l, nil
		}
		conts[c] = true
		q.Set("c", c)
	}
}

// state answers an id's read and starred state from the two lists.
type state struct{ unread, starred idList }

// of returns the state of id; ok is false when a list was cut short and
// id is not in it, so its state is not known.
func (s state) of(id string) (read, starred, ok bool) {
	inUnread, inStarred := s.unread.set[id], s.starred.set[id]
	ok = (inUnread || s.unread.complete) && (inStarred || s.starred.complete)
	return !inUnread, inStarred, ok
}

// fetchItems fetches the content of ids, batchSize at a time, and returns
// the items by normalised id. Items the server adds unasked are dropped.
func (p *Provider) fetchItems(ctx context.Context, ids []string) (map[string]wireItem, error) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	items := make(map[string]wireItem, len(ids))
	for start := 0; start < len(ids); start += batchSize {
		batch := ids[start:min(start+batchSize, len(ids))]
		form := url.Values{"output": {"json"}}
		for _, id := range batch {
			form.Add("i", wireID(id))
		}
		var v itemContents
		if err := p.call(ctx, http.MethodPost, "stream/items/contents", nil, form, &v); err != nil {
			return nil, err
		}
		for _, it := range v.Items {
			if id := normID(string(it.ID)); want[id] {
				items[id] = it
			}
		}
	}
	return items, nil
}
