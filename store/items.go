package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"strings"
	"time"
	"unsafe"
)

// dedupeKey is an item's identity within its feed: the GUID, else the link,
// else a hash of title and content (summary when there is no content).
func dedupeKey(it NewItem) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return strings.ToValidUTF8(g, "\uFFFD")
	}
	if l := strings.TrimSpace(it.Link); l != "" {
		return strings.ToValidUTF8(l, "\uFFFD")
	}
	body := it.Content
	if body == "" {
		body = it.Summary
	}
	h := sha256.New()
	h.Write([]byte(it.Title))
	h.Write([]byte{0})
	h.Write([]byte(body))
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Checksum tables for itemHash; both run in hardware on amd64 and arm64.
var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	ieee       = crc32.IEEETable
)

// itemHash fingerprints every stored field, so an unchanged item costs a
// lookup and no write on refresh. It only has to notice change, not resist
// attack: two CRC-32s over the fields make a 64-bit fingerprint at several
// GB/s. The fields' bytes are read in place, not copied.
func itemHash(it NewItem) int64 {
	var pub [8]byte
	if !it.Published.IsZero() {
		binary.LittleEndian.PutUint64(pub[:], uint64(it.Published.UnixNano()))
	}
	a := crc32.Update(0, castagnoli, pub[:])
	b := crc32.Update(0, ieee, pub[:])
	fields := [...]string{it.GUID, it.Link, it.Title, it.Author, it.Summary, it.Content,
		it.ImageURL, it.ImageCaption, it.ImageCredit, it.Markdown, media(it)}
	for i, f := range fields {
		if i == len(fields)-1 && f == "" {
			break // no media: keep the fingerprint items had before media were stored
		}
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(len(f)))
		field := unsafe.Slice(unsafe.StringData(f), len(f)) // only read
		a = crc32.Update(crc32.Update(a, castagnoli, n[:]), castagnoli, field)
		b = crc32.Update(crc32.Update(b, ieee, n[:]), ieee, field)
	}
	return int64(uint64(a)<<32 | uint64(b))
}

// media is an item's enclosure as one string for itemHash. With no media
// it is empty, so an item without any keeps the fingerprint it had before
// media were stored.
func media(it NewItem) string {
	if it.MediaURL == "" {
		return ""
	}
	return fmt.Sprintf("%s\x00%s\x00%d\x00%d", it.MediaURL, it.MediaType, it.MediaSize, it.MediaDuration)
}

// SaveFetch records the outcome of fetching one feed in one transaction and
// returns how many items were new.
//
// On error (o.Err set) only the attempt, the error, the next fetch time and
// the gone flag are recorded, and the feed's count of failed refreshes in a
// row (Feed.Errors) goes up by one. For NotModified only the attempt,
// success and next fetch time. Success and NotModified reset that count. Otherwise the feed's validators and title (when it had
// none) are updated and the items upserted: an item already stored (same
// dedupe key: GUID, else link, else hash of title and content) is updated in
// place, keeping its id, first-seen time and read state; an item pruned
// earlier is not stored again. SaveFetch returns ErrNotFound when the feed
// is gone from the database.
func (s *Store) SaveFetch(ctx context.Context, o FetchOutcome) (int, error) {
	b, err := s.BeginBatch(ctx)
	if err != nil {
		return 0, err
	}
	defer b.Rollback()
	n, err := b.Save(ctx, o)
	if err != nil {
		return 0, err
	}
	return n, b.Commit()
}

// saveFetch stores one outcome inside tx (see SaveFetch).
func (s *Store) saveFetch(ctx context.Context, tx *sql.Tx, o FetchOutcome) (int, error) {
	at := o.At
	if at.IsZero() {
		at = time.Now()
	}
	var (
		res sql.Result
		err error
	)
	switch {
	case o.Err != "":
		res, err = s.stmt(ctx, tx, sqlFeedFailed).ExecContext(ctx,
			dbTime(at), oneLine(o.Err), dbTime(o.NextFetch), o.Gone, o.FeedID)
	case o.NotModified:
		res, err = s.stmt(ctx, tx, sqlFeedNotModified).ExecContext(ctx,
			dbTime(at), dbTime(at), dbTime(o.NextFetch), o.FeedID)
	default:
		res, err = s.stmt(ctx, tx, sqlFeedFetched).ExecContext(ctx,
			dbTime(at), dbTime(at), dbTime(o.NextFetch), o.Gone, o.ETag, o.LastModified,
			o.Title, o.SiteURL, oneLine(o.Note), o.FeedID)
	}
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, ErrNotFound
	}
	if o.Err != "" || o.NotModified || len(o.Items) == 0 {
		return 0, nil
	}
	// A query of its own, not a RETURNING clause of the update: a
	// statement with RETURNING opens a savepoint (which made FTS5 write a
	// segment per feed while a refresh fed the search index).
	var has holds
	if err := s.stmt(ctx, tx, sqlFeedHolds).QueryRowContext(ctx, o.FeedID).Scan(&has.items, &has.pruned); err != nil {
		return 0, err
	}
	n, unread, err := s.upsertItems(ctx, tx, o.FeedID, at, o.Items, has)
	if err != nil {
		return 0, err
	}
	if n > 0 {
		if _, err := s.stmt(ctx, tx, sqlFeedCounts).ExecContext(ctx, unread, n, o.FeedID); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// holds says whether a feed has any stored items and any pruned keys:
// a feed with none (every feed, on a first refresh) needs no lookup of
// its items' keys.
type holds struct {
	items, pruned bool
}

// holdsAll is holds for a caller that does not know: look everything up.
var holdsAll = holds{items: true, pruned: true}

// Statements saveFetch runs on the feed's row, prepared with the others
// (prepareWrites); sqlFeedHolds says what the feed holds (holds).
const (
	sqlFeedFailed = `UPDATE feeds SET last_attempt = ?, last_error = ?,
		next_fetch = ?, gone = ?, errors = errors + 1 WHERE id = ?`
	sqlFeedNotModified = `UPDATE feeds SET last_attempt = ?, last_success = ?,
		last_error = '', next_fetch = ?, gone = 0, errors = 0 WHERE id = ?`
	sqlFeedFetched = `UPDATE feeds SET last_attempt = ?, last_success = ?,
		last_error = '', next_fetch = ?, gone = ?, errors = 0, etag = ?, last_modified = ?,
		title = CASE WHEN title = '' THEN ?7 ELSE title END,
		site_url = CASE WHEN ?8 = '' THEN site_url ELSE ?8 END, note = ?9
		WHERE id = ?10`
	sqlFeedHolds = `SELECT EXISTS (SELECT 1 FROM items WHERE feed_id = ?1),
		EXISTS (SELECT 1 FROM pruned WHERE feed_id = ?1)`
	sqlFeedCounts = `UPDATE feeds SET unread = unread + ?, total = total + ? WHERE id = ?`
)

// known is what upsertItems needs to know about a stored item.
type known struct {
	id   int64
	hash int64
}

// Statements SaveFetch runs for every feed, prepared once at Open (see
// prepareWrites): on a 1000-feed refresh, preparing them in every
// transaction would cost more than some of them take to run.
const (
	sqlInsertItem = `INSERT INTO items(feed_id, key, hash, guid, link, title, author,
		published, first_seen, sort_at, read, dup_of, link_hash, title_hash, muted,
		media_url, media_type, media_size, media_duration,
		image_url, image_caption, image_credit, summary, content, markdown)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// sort_at: see upsertItems. The mute reason, the story hashes and the
	// duplicate link are decided on arrival and kept.
	sqlUpdateItem = `UPDATE items SET hash = ?, guid = ?, link = ?,
		title = ?, author = ?, published = ?,
		sort_at = CASE WHEN ?7 IS NULL THEN sort_at ELSE min(?7, first_seen) END,
		media_url = ?, media_type = ?, media_size = ?, media_duration = ?,
		image_url = ?, image_caption = ?, image_credit = ?, summary = ?, content = ?, markdown = ?
		WHERE id = ?`
)

// maxLookup is the largest number of keys one lookup statement takes;
// lookups take 1, 2, 4 … maxLookup keys, padded by repeating the last key.
const maxLookup = 512

// lookupSQL is the statement looking up n keys of a feed in table.
func lookupSQL(table string, n int) string {
	cols := "key, id, hash"
	if table == "pruned" {
		cols = "key, 0, 0"
	}
	return `SELECT ` + cols + ` FROM ` + table + ` WHERE feed_id = ? AND key IN (?` +
		strings.Repeat(", ?", n-1) + `)`
}

// prepareWrites prepares a refresh's statements on the writer, once: the
// first batch does it, before its transaction takes the writer's one
// connection. Prepared at Open, they cost every herald process about 2 MB
// of SQLite's memory (the lookups come in ten sizes of up to 512
// parameters), the reader's included, which seldom saves a fetch (issue 15).
func (s *Store) prepareWrites(ctx context.Context) error {
	s.stmtsMu.Lock()
	defer s.stmtsMu.Unlock()
	if s.stmts != nil {
		return nil
	}
	queries := []string{sqlFeedFailed, sqlFeedNotModified, sqlFeedFetched, sqlFeedHolds, sqlFeedCounts, sqlInsertItem, sqlUpdateItem, sqlStoryRead}
	for n := 1; n <= maxLookup; n *= 2 {
		queries = append(queries, lookupSQL("items", n), lookupSQL("pruned", n), storiesSQL(n))
	}
	stmts := make(map[string]*sql.Stmt, len(queries))
	for _, q := range queries {
		st, err := s.w.PrepareContext(ctx, q)
		if err != nil {
			for _, st := range stmts {
				st.Close()
			}
			return wrap("prepare", err)
		}
		stmts[q] = st
	}
	s.stmts = stmts
	return nil
}

// stmt returns the prepared statement for query bound to tx. The writer has
// a single connection, so the statement is already prepared on it: every
// transaction that saves fetches or applies a sync calls prepareWrites
// before it begins.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	st := s.stmts[query]
	if st == nil {
		panic("store: a write statement used before prepareWrites: " + query)
	}
	return tx.StmtContext(ctx, st)
}

// lookupKeys returns, of keys, those stored for feedID in table (items:
// with id and hash; pruned: with zero values).
func (s *Store) lookupKeys(ctx context.Context, tx *sql.Tx, table string, feedID int64, keys []string) (map[string]known, error) {
	out := make(map[string]known, len(keys))
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), maxLookup)]
		keys = keys[len(chunk):]
		n := 1
		for n < len(chunk) {
			n *= 2
		}
		args := make([]any, 0, n+1)
		args = append(args, feedID)
		for i := 0; i < n; i++ {
			args = append(args, chunk[min(i, len(chunk)-1)])
		}
		rows, err := s.stmt(ctx, tx, lookupSQL(table, n)).QueryContext(ctx, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var (
				k string
				v known
			)
			if err := rows.Scan(&k, &v.id, &v.hash); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = v
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// upsertItems stores items of one feed inside tx.
// It returns how many items were new, and how many of those arrived unread
// (not muted, and not a story already read in another feed).
// has says what the feed holds already (see holds).
func (s *Store) upsertItems(ctx context.Context, tx *sql.Tx, feedID int64, at time.Time, items []NewItem, has holds) (added, unread int, err error) {
	keys := make([]string, len(items))
	preps := make([]*prepared, len(items))
	var sc scratch
	for i, it := range items {
		if preps[i] = it.prep; preps[i] == nil {
			preps[i] = sc.prepare(it)
		}
		keys[i] = preps[i].key
	}
	stored := map[string]known{}
	if has.items {
		if stored, err = s.lookupKeys(ctx, tx, "items", feedID, keys); err != nil {
			return 0, 0, err
		}
	}
	var fresh []string
	for _, k := range keys {
		if _, ok := stored[k]; !ok {
			fresh = append(fresh, k)
		}
	}
	var pruned map[string]known
	if len(fresh) > 0 && has.pruned {
		if pruned, err = s.lookupKeys(ctx, tx, "pruned", feedID, fresh); err != nil {
			return 0, 0, err
		}
	}
	var stories storyIndex
	if len(fresh) > 0 {
		if stories, err = s.storiesOf(ctx, tx, feedID, items, keys, stored); err != nil {
			return 0, 0, err
		}
	}
	ins := s.stmt(ctx, tx, sqlInsertItem)

	seen := dbTime(at).(int64)
	// prev is the sort time of the previous item in the document: an
	// undated item sorts just after it, so undated items keep the feed's
	// order and do not all jump above the dated ones of the same fetch.
	prev := seen + 1
	for i, it := range items {
		key := keys[i]
		if _, ok := pruned[key]; ok {
			continue // pruned earlier; still in the feed
		}
		p := preps[i]
		hash := p.hash
		pub := dbTime(it.Published)
		sortAt := prev - 1
		if p, ok := pub.(int64); ok {
			// The published time, but never later than first seen: a
			// feed dating its items in the future cannot pin them to the top.
			sortAt = min(p, seen)
		}
		sortAt = min(sortAt, seen)
		prev = sortAt
		old, exists := stored[key]
		var id int64
		switch {
		case !exists:
			dupOf, read, err := s.sameStory(ctx, tx, stories, it, sortAt)
			if err != nil {
				return 0, 0, err
			}
			read = read || it.Muted != ""
			res, err := ins.ExecContext(ctx, feedID, key, hash, it.GUID, it.Link, it.Title, it.Author,
				pub, seen, sortAt, read, dupOf, nullable(it.LinkHash), nullable(it.TitleHash), it.Muted,
				it.MediaURL, it.MediaType, it.MediaSize, it.MediaDuration,
				it.ImageURL, it.ImageCaption, it.ImageCredit, it.Summary, p.content, it.Markdown)
			if err != nil {
				return 0, 0, err
			}
			if id, err = res.LastInsertId(); err != nil {
				return 0, 0, err
			}
			if !read {
				unread++
			}
			stored[key] = known{id, hash} // a duplicate later in this fetch updates it
			added++
		case old.hash == hash:
			continue // unchanged
		default:
			id = old.id
			if _, err := s.stmt(ctx, tx, sqlUpdateItem).ExecContext(ctx, hash, it.GUID, it.Link, it.Title,
				it.Author, pub, pub, it.MediaURL, it.MediaType, it.MediaSize, it.MediaDuration,
				it.ImageURL, it.ImageCaption, it.ImageCredit, it.Summary, p.content, it.Markdown, id); err != nil {
				return 0, 0, err
			}
			stored[key] = known{id, hash}
		}
	}
	return added, unread, nil
}

// oneLine keeps the first line of an error message.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}
