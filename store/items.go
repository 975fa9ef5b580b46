package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"time"
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
// GB/s. buf is scratch space, reused across calls to spare an allocation per field.
func itemHash(it NewItem, buf *[]byte) int64 {
	var pub [8]byte
	if !it.Published.IsZero() {
		binary.LittleEndian.PutUint64(pub[:], uint64(it.Published.UnixNano()))
	}
	a := crc32.Update(0, castagnoli, pub[:])
	b := crc32.Update(0, ieee, pub[:])
	for _, f := range [...]string{it.GUID, it.Link, it.Title, it.Author, it.Summary, it.Content,
		it.ImageURL, it.ImageCaption, it.ImageCredit, it.Markdown} {
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(len(f)))
		*buf = append((*buf)[:0], f...)
		a = crc32.Update(crc32.Update(a, castagnoli, n[:]), castagnoli, *buf)
		b = crc32.Update(crc32.Update(b, ieee, n[:]), ieee, *buf)
	}
	return int64(uint64(a)<<32 | uint64(b))
}

// SaveFetch records the outcome of fetching one feed in one transaction and
// returns how many items were new.
//
// On error (o.Err set) only the attempt, the error, the next fetch time and
// the gone flag are recorded. For NotModified only the attempt, success and
// next fetch time. Otherwise the feed's validators and title (when it had
// none) are updated and the items upserted: an item already stored (same
// dedupe key: GUID, else link, else hash of title and content) is updated in
// place, keeping its id, first-seen time and read state; an item pruned
// earlier is not stored again. SaveFetch returns ErrNotFound when the feed
// is gone from the database.
func (s *Store) SaveFetch(ctx context.Context, o FetchOutcome) (int, error) {
	op := fmt.Sprintf("save fetch of feed %d", o.FeedID)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, wrap(op, err)
	}
	defer tx.Rollback()
	n, err := s.saveFetch(ctx, tx, o)
	if err != nil {
		return 0, wrap(op, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, wrap(op, err)
	}
	return n, nil
}

// SaveFetches stores several fetch outcomes, as SaveFetch does, in a single
// transaction, and returns how many items were new for each. One commit for
// many feeds costs much less than one per feed during a big refresh.
// Outcomes of feeds no longer in the database are skipped (0 new). On error
// nothing of the batch is stored.
func (s *Store) SaveFetches(ctx context.Context, outs []FetchOutcome) ([]int, error) {
	counts := make([]int, len(outs))
	if len(outs) == 0 {
		return counts, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrap("save fetches", err)
	}
	defer tx.Rollback()
	for i, o := range outs {
		n, err := s.saveFetch(ctx, tx, o)
		if errors.Is(err, ErrNotFound) {
			continue // the feed was removed while it was being fetched
		}
		if err != nil {
			return nil, wrap(fmt.Sprintf("save fetch of feed %d", o.FeedID), err)
		}
		counts[i] = n
	}
	if err := tx.Commit(); err != nil {
		return nil, wrap("save fetches", err)
	}
	return counts, nil
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
		res, err = tx.ExecContext(ctx, `UPDATE feeds SET last_attempt = ?, last_error = ?,
			next_fetch = ?, gone = ? WHERE id = ?`,
			dbTime(at), oneLine(o.Err), dbTime(o.NextFetch), o.Gone, o.FeedID)
	case o.NotModified:
		res, err = tx.ExecContext(ctx, `UPDATE feeds SET last_attempt = ?, last_success = ?,
			last_error = '', next_fetch = ?, gone = 0 WHERE id = ?`,
			dbTime(at), dbTime(at), dbTime(o.NextFetch), o.FeedID)
	default:
		res, err = tx.ExecContext(ctx, `UPDATE feeds SET last_attempt = ?, last_success = ?,
			last_error = '', next_fetch = ?, gone = ?, etag = ?, last_modified = ?,
			title = CASE WHEN title = '' THEN ? ELSE title END,
			site_url = CASE WHEN ? = '' THEN site_url ELSE ? END, note = ?
			WHERE id = ?`,
			dbTime(at), dbTime(at), dbTime(o.NextFetch), o.Gone, o.ETag, o.LastModified,
			o.Title, o.SiteURL, o.SiteURL, oneLine(o.Note), o.FeedID)
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
	n, err := s.upsertItems(ctx, tx, o.FeedID, at, o.Items)
	if err != nil {
		return 0, err
	}
	if n > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = unread + ?, total = total + ?
			WHERE id = ?`, n, n, o.FeedID); err != nil {
			return 0, err
		}
	}
	return n, nil
}

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
		published, first_seen, sort_at, image_url, image_caption, image_credit, summary, content, markdown)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// sort_at: see upsertItems.
	sqlUpdateItem = `UPDATE items SET hash = ?, guid = ?, link = ?,
		title = ?, author = ?, published = ?, sort_at = min(coalesce(?, first_seen), first_seen),
		image_url = ?, image_caption = ?, image_credit = ?, summary = ?, content = ?, markdown = ?
		WHERE id = ?`
	sqlInsertFTS = `INSERT INTO items_fts(rowid, title, body) VALUES (?, ?, ?)`
	sqlDeleteFTS = `DELETE FROM items_fts WHERE rowid = ?`
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

// prepareWrites prepares the statements SaveFetch uses on the writer.
func (s *Store) prepareWrites(ctx context.Context) error {
	s.stmts = map[string]*sql.Stmt{}
	queries := []string{sqlInsertItem, sqlUpdateItem, sqlInsertFTS, sqlDeleteFTS}
	for n := 1; n <= maxLookup; n *= 2 {
		queries = append(queries, lookupSQL("items", n), lookupSQL("pruned", n))
	}
	for _, q := range queries {
		st, err := s.w.PrepareContext(ctx, q)
		if err != nil {
			return wrap("prepare", err)
		}
		s.stmts[q] = st
	}
	return nil
}

// stmt returns the prepared statement for query bound to tx. The writer has
// a single connection, so the statement is already prepared on it.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	return tx.StmtContext(ctx, s.stmts[query])
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
func (s *Store) upsertItems(ctx context.Context, tx *sql.Tx, feedID int64, at time.Time, items []NewItem) (int, error) {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = dedupeKey(it)
	}
	stored, err := s.lookupKeys(ctx, tx, "items", feedID, keys)
	if err != nil {
		return 0, err
	}
	var fresh []string
	for _, k := range keys {
		if _, ok := stored[k]; !ok {
			fresh = append(fresh, k)
		}
	}
	var pruned map[string]known
	if len(fresh) > 0 {
		if pruned, err = s.lookupKeys(ctx, tx, "pruned", feedID, fresh); err != nil {
			return 0, err
		}
	}
	ins := s.stmt(ctx, tx, sqlInsertItem)
	ftsIns := s.stmt(ctx, tx, sqlInsertFTS)

	seen := dbTime(at).(int64)
	var buf []byte
	added := 0
	for i, it := range items {
		key := keys[i]
		if _, ok := pruned[key]; ok {
			continue // pruned earlier; still in the feed
		}
		hash := itemHash(it, &buf)
		pub := dbTime(it.Published)
		old, exists := stored[key]
		var id int64
		switch {
		case !exists:
			// sort_at is the published time, but never later than first
			// seen: a feed dating its items in the future cannot pin them
			// to the top.
			sortAt := seen
			if p, ok := pub.(int64); ok && p < seen {
				sortAt = p
			}
			res, err := ins.ExecContext(ctx, feedID, key, hash, it.GUID, it.Link, it.Title, it.Author,
				pub, seen, sortAt, it.ImageURL, it.ImageCaption, it.ImageCredit,
				it.Summary, it.Content, it.Markdown)
			if err != nil {
				return 0, err
			}
			if id, err = res.LastInsertId(); err != nil {
				return 0, err
			}
			stored[key] = known{id, hash} // a duplicate later in this fetch updates it
			added++
		case old.hash == hash:
			continue // unchanged
		default:
			id = old.id
			if _, err := s.stmt(ctx, tx, sqlUpdateItem).ExecContext(ctx, hash, it.GUID, it.Link, it.Title,
				it.Author, pub, pub, it.ImageURL, it.ImageCaption, it.ImageCredit, it.Summary, it.Content,
				it.Markdown, id); err != nil {
				return 0, err
			}
			if _, err := s.stmt(ctx, tx, sqlDeleteFTS).ExecContext(ctx, id); err != nil {
				return 0, err
			}
			stored[key] = known{id, hash}
		}
		if _, err := ftsIns.ExecContext(ctx, id, it.Title, searchText(it)); err != nil {
			return 0, err
		}
	}
	return added, nil
}

// oneLine keeps the first line of an error message.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// itemCols are the columns list queries load: no bodies.
const itemCols = `i.id, i.feed_id, f.title, i.key, i.guid, i.link, i.title, i.author,
	i.published, i.first_seen, i.image_url, i.image_caption, i.image_credit, i.read,
	EXISTS (SELECT 1 FROM bookmarks b WHERE b.item_id = i.id)`

// scanItem scans itemCols (plus extra destinations).
func scanItem(sc interface{ Scan(...any) error }, extra ...any) (Item, error) {
	var (
		it        Item
		pub, seen sql.NullInt64
	)
	dest := append([]any{&it.ID, &it.FeedID, &it.FeedTitle, &it.Key, &it.GUID, &it.Link, &it.Title,
		&it.Author, &pub, &seen, &it.ImageURL, &it.ImageCaption, &it.ImageCredit, &it.Read,
		&it.Bookmarked}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return Item{}, err
	}
	it.Published, it.FirstSeen = goTime(pub), goTime(seen)
	return it, nil
}

// bookmarkItemCols are itemCols for a bookmark, from its item when that
// still exists, else from the bookmark's own copy.
const bookmarkItemCols = `b.item_id, COALESCE(i.feed_id, 0), COALESCE(f.title, b.feed_title),
	COALESCE(i.key, ''), COALESCE(i.guid, ''), b.url, b.title, b.author,
	b.published, COALESCE(i.first_seen, b.saved), COALESCE(i.image_url, ''),
	COALESCE(i.image_caption, ''), COALESCE(i.image_credit, ''), COALESCE(i.read, 1), 1`

// itemWhere builds the WHERE clause for q over items i.
func itemWhere(q ItemQuery) (string, []any) {
	var conds []string
	var args []any
	if q.FeedID != 0 {
		conds = append(conds, "i.feed_id = ?")
		args = append(args, q.FeedID)
	}
	if q.Unread {
		conds = append(conds, "i.read = 0") // literal: lets the partial index apply
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// limitClause renders LIMIT/OFFSET; Limit 0 means no limit.
func limitClause(q ItemQuery) (string, []any) {
	lim := q.Limit
	if lim <= 0 {
		lim = -1
	}
	off := q.Offset
	if off < 0 {
		off = 0
	}
	return " LIMIT ? OFFSET ?", []any{lim, off}
}

// Items lists items newest first (by published time, else first-seen time;
// a published time later than first seen counts as first seen), without
// their bodies (Summary, Content and Markdown are empty; use Item).
// With q.Bookmarked it lists bookmarks, most recently saved first, including
// those whose item is gone (then FeedID is 0 and Read is true).
func (s *Store) Items(ctx context.Context, q ItemQuery) ([]Item, error) {
	var query string
	where, args := itemWhere(q)
	lim, largs := limitClause(q)
	if q.Bookmarked {
		query = `SELECT ` + bookmarkItemCols + ` FROM bookmarks b
			LEFT JOIN items i ON i.id = b.item_id
			LEFT JOIN feeds f ON f.id = i.feed_id` + where +
			` ORDER BY b.saved DESC, b.item_id DESC` + lim
	} else {
		// Page over the index alone, then fetch the rows of that page: a
		// deep OFFSET then skips index entries, not table rows.
		query = `SELECT ` + itemCols + ` FROM (SELECT i.id FROM items i` + where +
			` ORDER BY i.sort_at DESC, i.id DESC` + lim + `) p
			JOIN items i ON i.id = p.id JOIN feeds f ON f.id = i.feed_id
			ORDER BY i.sort_at DESC, i.id DESC`
	}
	rows, err := s.r.QueryContext(ctx, query, append(args, largs...)...)
	if err != nil {
		return nil, wrap("list items", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, wrap("list items", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list items", err)
	}
	return out, nil
}

// CountItems counts the items q selects, ignoring Limit and Offset.
func (s *Store) CountItems(ctx context.Context, q ItemQuery) (int, error) {
	where, args := itemWhere(q)
	query := `SELECT COUNT(*) FROM items i` + where
	if q.Bookmarked {
		query = `SELECT COUNT(*) FROM bookmarks b LEFT JOIN items i ON i.id = b.item_id` + where
	}
	var n int
	if err := s.r.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, wrap("count items", err)
	}
	return n, nil
}

// Item returns one item with its bodies. When the item is gone (its feed was
// removed, or it was pruned) but it was bookmarked, Item returns it rebuilt
// from the bookmark: Bookmarked is true, Read is true and Markdown holds
// the saved article. Otherwise a missing item is ErrNotFound.
func (s *Store) Item(ctx context.Context, id int64) (Item, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+itemCols+`, i.summary, i.content, i.markdown
		FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`, id)
	var summary, content, md string
	it, err := scanItem(row, &summary, &content, &md)
	if err == nil {
		it.Summary, it.Content, it.Markdown = summary, content, md
		return it, nil
	}
	if err != sql.ErrNoRows {
		return Item{}, wrap(fmt.Sprintf("item %d", id), err)
	}
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		return Item{}, fmt.Errorf("item %d: %w", id, ErrNotFound)
	}
	return b.Item(), nil
}

// Item rebuilds, from the bookmark alone, what a reader needs of the item it
// was saved from: for an item whose row (or feed) is gone.
func (b Bookmark) Item() Item {
	return Item{
		ID:         b.ItemID,
		FeedTitle:  b.FeedTitle,
		Link:       b.URL,
		Title:      b.Title,
		Author:     b.Author,
		Published:  b.Published,
		FirstSeen:  b.Saved,
		Markdown:   b.Markdown,
		Read:       true,
		Bookmarked: true,
	}
}

// SetMarkdown caches the cleaned Markdown of an item and indexes it for
// search in place of the text taken from its HTML.
func (s *Store) SetMarkdown(ctx context.Context, id int64, md string) error {
	op := fmt.Sprintf("set markdown of item %d", id)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	var title, summary, content, caption string
	err = tx.QueryRowContext(ctx, `UPDATE items SET markdown = ? WHERE id = ?
		RETURNING title, summary, content, image_caption`, md, id).Scan(&title, &summary, &content, &caption)
	if err != nil {
		return wrap(op, err)
	}
	text := searchText(NewItem{Summary: summary, Content: content, ImageCaption: caption, Markdown: md})
	if _, err := tx.ExecContext(ctx, `DELETE FROM items_fts WHERE rowid = ?`, id); err != nil {
		return wrap(op, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts(rowid, title, body) VALUES (?, ?, ?)`,
		id, title, text); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// SetRead marks the given items read or unread. Unknown ids are ignored.
func (s *Store) SetRead(ctx context.Context, read bool, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("set read", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `UPDATE items SET read = ? WHERE id = ? AND read <> ? RETURNING feed_id`)
	if err != nil {
		return wrap("set read", err)
	}
	defer st.Close()
	delta := map[int64]int{} // change of the unread count per feed
	for _, id := range ids {
		var feed int64
		err := st.QueryRowContext(ctx, read, id, read).Scan(&feed)
		switch {
		case err == sql.ErrNoRows: // unknown id, or already so
		case err != nil:
			return wrap("set read", err)
		case read:
			delta[feed]--
		default:
			delta[feed]++
		}
	}
	for feed, d := range delta {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = unread + ? WHERE id = ?`, d, feed); err != nil {
			return wrap("set read", err)
		}
	}
	return wrap("set read", tx.Commit())
}

// MarkFeedRead marks every item of a feed read; feedID 0 means all feeds.
func (s *Store) MarkFeedRead(ctx context.Context, feedID int64) error {
	op := fmt.Sprintf("mark feed %d read", feedID)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE items SET read = 1 WHERE read = 0 AND (? = 0 OR feed_id = ?)`,
		feedID, feedID); err != nil {
		return wrap(op, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET unread = 0 WHERE ? = 0 OR id = ?`, feedID, feedID); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// Prune deletes read items first seen before olderThan, except bookmarked
// ones, and returns how many it deleted. Bookmarks are never touched. A
// pruned item still in its feed is remembered so it does not come back as new.
func (s *Store) Prune(ctx context.Context, olderThan time.Time) (int, error) {
	cut := dbTime(olderThan)
	if cut == nil {
		return 0, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, wrap("prune", err)
	}
	defer tx.Rollback()
	const cond = `read = 1 AND first_seen < ? AND id NOT IN (SELECT item_id FROM bookmarks)`
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pruned(feed_id, key)
		SELECT feed_id, key FROM items WHERE `+cond, cut); err != nil {
		return 0, wrap("prune", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM items WHERE `+cond, cut)
	if err != nil {
		return 0, wrap("prune", err)
	}
	n, _ := res.RowsAffected()
	if n > 0 {
		if err := recount(ctx, tx); err != nil {
			return 0, wrap("prune", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, wrap("prune", err)
	}
	return int(n), nil
}
