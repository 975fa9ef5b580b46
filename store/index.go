package store

// The search index is brought up to date before a search, not as items are
// stored (see migration7).

import (
	"context"
	"database/sql"
	"fmt"
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
	var tm termMaker
	total := 0
	for {
		n, err := indexBatchOf(ctx, s, &tm)
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

// Statements of a batch. Both read id, whether the item exists, then the
// columns searchText reads.
const (
	sqlChangedItems = `SELECT u.id, i.id IS NOT NULL, coalesce(i.title, ''),
		coalesce(i.image_caption, ''), coalesce(i.summary, ''), coalesce(i.content, ''),
		coalesce(i.markdown, '')
		FROM items_unindexed u LEFT JOIN items i ON i.id = u.id ORDER BY u.id LIMIT ?`
	sqlNewItems = `SELECT id, 1, title, image_caption, summary, content, markdown
		FROM items WHERE id > (SELECT upto FROM search_index) ORDER BY id LIMIT ?`
)

// indexBatchOf indexes up to indexBatch items in one transaction, the
// changed ones first, and returns how many it took (a mark whose item is
// gone counts, and is dropped).
func indexBatchOf(ctx context.Context, s *Store, tm *termMaker) (int, error) {
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
	changed, last, err := indexRows(ctx, tx, tm, sqlChangedItems, indexBatch, del, ins)
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
		if fresh, last, err = indexRows(ctx, tx, tm, sqlNewItems, indexBatch-changed, nil, ins); err != nil {
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

// indexRows indexes the items query (sqlChangedItems or sqlNewItems) reads,
// up to limit rows, deleting each one's old terms first when del is not
// nil. It returns how many rows it read and the last one's id.
//
// The transaction's one connection reads the rows and writes the index;
// a worker goroutine turns each chunk of rows into terms meanwhile, so the
// two halves of the work take the two cores.
func indexRows(ctx context.Context, tx *sql.Tx, tm *termMaker, query string, limit int, del, ins *sql.Stmt) (n int, last int64, err error) {
	rows, err := tx.QueryContext(ctx, query, limit)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	todo := make(chan []rawDoc, 2)
	done := make(chan termsResult, 2)
	defer close(todo)
	go func() {
		for chunk := range todo {
			done <- tm.terms(chunk)
		}
	}()
	inFlight, more := 0, true
	for more || inFlight > 0 {
		if more {
			chunk, err := readChunk(rows)
			if err != nil {
				return 0, 0, err
			}
			more = len(chunk) == indexChunk
			if len(chunk) > 0 {
				n += len(chunk)
				last = chunk[len(chunk)-1].id
				todo <- chunk
				inFlight++
			}
		}
		if inFlight > 1 || (!more && inFlight > 0) {
			res := <-done
			inFlight--
			if res.err != nil {
				return 0, 0, res.err
			}
			if err := writeTerms(ctx, res.docs, del, ins); err != nil {
				return 0, 0, err
			}
		}
	}
	return n, last, nil
}

// rawDoc is an item's row as read: the worker makes its terms.
type rawDoc struct {
	id      int64
	exists  bool
	it      NewItem
	content any // the stored body: text, or packContent's encoding
}

// readChunk reads up to indexChunk rows.
func readChunk(rows *sql.Rows) ([]rawDoc, error) {
	chunk := make([]rawDoc, 0, indexChunk)
	for len(chunk) < indexChunk && rows.Next() {
		var d rawDoc
		if err := rows.Scan(&d.id, &d.exists, &d.it.Title, &d.it.ImageCaption, &d.it.Summary, &d.content, &d.it.Markdown); err != nil {
			return nil, err
		}
		chunk = append(chunk, d)
	}
	return chunk, rows.Err()
}

// indexDoc is what the index takes of an item.
type indexDoc struct {
	id           int64
	title, terms string
}

// termsResult is a chunk's documents, or why they could not be made.
type termsResult struct {
	docs []indexDoc
	err  error
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
}

// terms makes the documents of a chunk's items that exist.
func (tm *termMaker) terms(chunk []rawDoc) termsResult {
	docs := make([]indexDoc, 0, len(chunk))
	for _, d := range chunk {
		if !d.exists {
			continue
		}
		var err error
		if d.it.Content, err = tm.unpack(d.content); err != nil {
			return termsResult{err: fmt.Errorf("item %d: %w", d.id, err)}
		}
		tm.text = appendSearchText(tm.text[:0], d.it)
		docs = append(docs, indexDoc{id: d.id, title: d.it.Title, terms: termsOf(&tm.set, d.it.Title, tm.text)})
	}
	return termsResult{docs: docs}
}

// unpack returns a stored body (see packContent) as text. A compressed one
// is decoded into tm's buffer: the string is valid until the next call.
func (tm *termMaker) unpack(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		out, err := unpackBody(tm.unpacked, v)
		if err != nil {
			return "", err
		}
		tm.unpacked = out
		return unsafe.String(unsafe.SliceData(out), len(out)), nil
	default:
		return "", fmt.Errorf("stored body: unexpected %T", v)
	}
}
