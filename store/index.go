package store

// The search index is brought up to date before a search, not as items are
// stored (see migration7).

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"unsafe"
)

// indexBatch is how many items IndexPending indexes per transaction: enough
// that FTS5 writes few segments, few enough that the writer is not held for
// long (a batch takes tens of milliseconds).
const indexBatch = 1000

// indexChunk is how many items go to the worker at a time: it turns one
// chunk into terms while the writer indexes the one before.
const indexChunk = 64

// IndexPending indexes for search the items stored or changed since it last
// ran, and returns how many it indexed. Search calls it first, so a search
// always sees every stored item; the reader calls it ahead, when its search
// screen opens. Each batch is its own transaction: when ctx ends, what was
// indexed stays indexed and the rest waits for the next call.
func (s *Store) IndexPending(ctx context.Context) (int, error) {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	// Most searches find nothing to do: they need not wait for the writer.
	if pending, err := s.Unindexed(ctx); err != nil || pending == 0 {
		return 0, err
	}
	var ix indexer
	total := 0
	for {
		n, err := ix.batch(ctx, s)
		total += n
		if err != nil {
			return total, wrap("index items for search", err)
		}
		if n < indexBatch {
			return total, nil
		}
	}
}

// Unindexed returns how many items wait for IndexPending.
func (s *Store) Unindexed(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM items_unindexed) +
		(SELECT COUNT(*) FROM items WHERE id > (SELECT upto FROM search_index))`).Scan(&n)
	return n, wrap("count unindexed items", err)
}

// Statements of a batch, each reading a chunk of the marked or new items
// after id ?1, at most ?2. Both read id, whether the item exists, whether
// its body is compressed (packContent), then the columns searchText reads.
const (
	sqlChangedItems = `SELECT u.id, i.id IS NOT NULL, typeof(i.content) = 'blob',
		i.title, i.image_caption, i.summary, i.content, i.markdown
		FROM items_unindexed u LEFT JOIN items i ON i.id = u.id
		WHERE u.id > ?1 ORDER BY u.id LIMIT ?2`
	sqlNewItems = `SELECT id, 1, typeof(content) = 'blob', title, image_caption, summary, content, markdown
		FROM items WHERE id > max(?1, (SELECT upto FROM search_index)) ORDER BY id LIMIT ?2`
)

// indexer is IndexPending's state: the worker's buffers and the chunks,
// reused from batch to batch, so that indexing allocates little beyond what
// the driver does (the reader indexes under its soft memory limit).
type indexer struct {
	tm   termMaker
	free []*chunk
}

// batch indexes up to indexBatch items in one transaction, the changed ones
// first, and returns how many it took (a mark whose item is gone counts,
// and is dropped).
func (ix *indexer) batch(ctx context.Context, s *Store) (int, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	del, err := tx.PrepareContext(ctx, `DELETE FROM items_fts WHERE rowid = ?`)
	if err != nil {
		return 0, err
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO items_fts(rowid, title, body) VALUES (?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()

	// A changed item's old terms go first; the index holds nothing of a
	// new one.
	changed, last, err := ix.rows(ctx, tx, sqlChangedItems, indexBatch, del, ins)
	if err != nil {
		return 0, err
	}
	if changed > 0 {
		// The marks were read in id order: every one up to last is done.
		if _, err := tx.ExecContext(ctx, `DELETE FROM items_unindexed WHERE id <= ?`, last); err != nil {
			return 0, err
		}
	}
	fresh := 0
	if changed < indexBatch {
		if fresh, last, err = ix.rows(ctx, tx, sqlNewItems, indexBatch-changed, nil, ins); err != nil {
			return 0, err
		}
	}
	if fresh > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE search_index SET upto = ?`, last); err != nil {
			return 0, err
		}
	}
	if changed+fresh == 0 {
		return 0, nil
	}
	return changed + fresh, tx.Commit()
}

// rows indexes the items query (sqlChangedItems or sqlNewItems) reads, up
// to limit rows, deleting each one's old terms first when del is not nil.
// It returns how many rows it read and the last one's id.
//
// The transaction's one connection reads the rows, a chunk a query, and
// writes the index; a worker goroutine turns each chunk into terms
// meanwhile, so the two halves of the work take the two cores. No query is
// left open while the index is written.
func (ix *indexer) rows(ctx context.Context, tx *sql.Tx, query string, limit int, del, ins *sql.Stmt) (n int, last int64, err error) {
	sel, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return 0, 0, err
	}
	defer sel.Close()
	todo := make(chan *chunk, 2)
	done := make(chan *chunk, 2)
	defer close(todo)
	go func() {
		for c := range todo {
			ix.tm.terms(c)
			done <- c
		}
	}()
	var scan rowScan
	inFlight, more, after := 0, true, int64(math.MinInt64)
	for more || inFlight > 0 {
		if more {
			want := min(indexChunk, limit-n)
			c := ix.chunk()
			if err := scan.read(ctx, sel, after, want, c); err != nil {
				return 0, 0, err
			}
			more = len(c.rows) == want && n+want < limit
			if len(c.rows) == 0 {
				ix.free = append(ix.free, c)
			} else {
				n += len(c.rows)
				last = c.rows[len(c.rows)-1].id
				after = last
				todo <- c
				inFlight++
			}
		}
		if inFlight > 1 || (!more && inFlight > 0) {
			c := <-done
			inFlight--
			if err := writeTerms(ctx, c.docs, del, ins); err != nil {
				return 0, 0, err
			}
			ix.free = append(ix.free, c)
		}
	}
	return n, last, nil
}

// chunk returns a free chunk, or a new one.
func (ix *indexer) chunk() *chunk {
	if k := len(ix.free); k > 0 {
		c := ix.free[k-1]
		ix.free = ix.free[:k-1]
		return c
	}
	return new(chunk)
}

// chunk is up to indexChunk rows on their way through the indexer: read on
// the transaction's connection, turned into documents by the worker, then
// written. Its arenas hold the rows' text and the documents' terms, which
// the strings of rows and docs point into: a chunk is reused only once its
// documents are written.
type chunk struct {
	text, terms []byte
	rows        []rawDoc
	docs        []indexDoc
}

// rawDoc is an item's row as read.
type rawDoc struct {
	id             int64
	exists, packed bool // packed: content is packContent's encoding
	title, caption string
	summary        string
	content        string
	markdown       string
}

// indexDoc is what the index takes of an item.
type indexDoc struct {
	id           int64
	title, terms string
}

// rowScan is readChunk's destinations, reused from row to row.
type rowScan struct {
	id             int64
	exists, packed bool
	cols           [5]sql.RawBytes // title, caption, summary, content, markdown
	spans          [][5][2]int     // each row's columns, as offsets into the arena
}

// read runs sel for up to limit rows after id after, and reads them into
// c, copying their text into its arena.
func (sc *rowScan) read(ctx context.Context, sel *sql.Stmt, after int64, limit int, c *chunk) error {
	c.text, c.rows, sc.spans = c.text[:0], c.rows[:0], sc.spans[:0]
	rows, err := sel.QueryContext(ctx, after, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&sc.id, &sc.exists, &sc.packed,
			&sc.cols[0], &sc.cols[1], &sc.cols[2], &sc.cols[3], &sc.cols[4]); err != nil {
			return err
		}
		var sp [5][2]int
		for i, col := range sc.cols {
			sp[i] = [2]int{len(c.text), len(c.text) + len(col)}
			c.text = append(c.text, col...)
		}
		sc.spans = append(sc.spans, sp)
		c.rows = append(c.rows, rawDoc{id: sc.id, exists: sc.exists, packed: sc.packed})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// The arena is complete: point the rows' strings into it.
	for i, sp := range sc.spans {
		r := &c.rows[i]
		r.title, r.caption, r.summary = view(c.text, sp[0]), view(c.text, sp[1]), view(c.text, sp[2])
		r.content, r.markdown = view(c.text, sp[3]), view(c.text, sp[4])
	}
	return nil
}

// view is the string of arena[span[0]:span[1]], sharing its bytes.
func view(arena []byte, span [2]int) string {
	if span[0] == span[1] {
		return ""
	}
	return unsafe.String(&arena[span[0]], span[1]-span[0])
}

// writeTerms indexes docs, deleting each one's old terms first when del is
// not nil.
func writeTerms(ctx context.Context, docs []indexDoc, del, ins *sql.Stmt) error {
	for _, d := range docs {
		if del != nil {
			if _, err := del.ExecContext(ctx, d.id); err != nil {
				return fmt.Errorf("item %d: %w", d.id, err)
			}
		}
		if _, err := ins.ExecContext(ctx, d.id, d.title, d.terms); err != nil {
			return fmt.Errorf("item %d: %w", d.id, err)
		}
	}
	return nil
}

// termMaker makes the index's terms of items; its buffers are reused. One
// goroutine at a time uses it.
type termMaker struct {
	text, unpacked []byte
	set            termSet
	spans          [][2]int // each document's terms, as offsets into the arena
}

// terms makes c.docs, the documents of c's rows whose item exists. A body
// that cannot be decoded (a damaged row) is left out: the item is indexed
// by its title and summary, and one bad row does not stop the index.
func (tm *termMaker) terms(c *chunk) {
	c.docs, c.terms, tm.spans = c.docs[:0], c.terms[:0], tm.spans[:0]
	for _, r := range c.rows {
		if !r.exists {
			continue
		}
		content := r.content
		if r.packed {
			content = ""
			if out, err := unpackBody(tm.unpacked, unsafe.Slice(unsafe.StringData(r.content), len(r.content))); err == nil {
				tm.unpacked = out
				content = unsafe.String(unsafe.SliceData(out), len(out))
			}
		}
		it := NewItem{Title: r.title, ImageCaption: r.caption, Summary: r.summary, Content: content, Markdown: r.markdown}
		tm.text = appendSearchText(tm.text[:0], it)
		from := len(c.terms)
		c.terms = appendTerms(&tm.set, c.terms, r.title, tm.text)
		tm.spans = append(tm.spans, [2]int{from, len(c.terms)})
		c.docs = append(c.docs, indexDoc{id: r.id, title: r.title})
	}
	for i, sp := range tm.spans {
		c.docs[i].terms = view(c.terms, sp)
	}
}
