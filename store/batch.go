package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Batch saves fetch outcomes, as SaveFetch does, in one transaction that
// stays open across calls until Commit. A refresh commits a few times a
// second instead of once per handful of feeds: each commit rewrites the
// index pages it touched and adds a search-index segment to merge, so
// fewer, larger commits write and merge much less. Each outcome is saved
// inside its own savepoint, so one that fails leaves the others in place.
// A Batch holds the write lock until Commit or Rollback; it is not safe for
// concurrent use.
type Batch struct {
	s     *Store
	tx    *sql.Tx
	saved int     // outcomes saved so far
	fts   []ftsOp // search index changes, made at Commit (see writeFTS)
}

// BeginBatch starts a Batch on the writer.
func (s *Store) BeginBatch(ctx context.Context) (*Batch, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrap("begin batch", err)
	}
	return &Batch{s: s, tx: tx}, nil
}

// Save stores one outcome in the batch and returns how many items were new.
// On error nothing of this outcome is kept and the batch stays usable,
// unless the error is the database's own (busy, closed, full, read-only) or
// ctx's: then only Rollback is left. A feed no longer in the database is
// ErrNotFound.
func (b *Batch) Save(ctx context.Context, o FetchOutcome) (int, error) {
	op := fmt.Sprintf("save fetch of feed %d", o.FeedID)
	if _, err := b.tx.ExecContext(ctx, `SAVEPOINT fetch`); err != nil {
		return 0, wrap(op, err)
	}
	mark := len(b.fts)
	n, err := b.s.saveFetch(ctx, b.tx, o, &b.fts)
	if err != nil {
		b.fts = b.fts[:mark]
		if _, rerr := b.tx.ExecContext(ctx, `ROLLBACK TO fetch`); rerr != nil {
			return 0, wrap(op, errors.Join(err, rerr))
		}
	}
	if _, rerr := b.tx.ExecContext(ctx, `RELEASE fetch`); rerr != nil && err == nil {
		return 0, wrap(op, rerr)
	}
	if err != nil {
		return 0, wrap(op, err)
	}
	b.saved++
	return n, nil
}

// Len is the number of outcomes saved in the batch so far.
func (b *Batch) Len() int { return b.saved }

// Commit indexes the batch's items for search and makes its outcomes
// durable; on error none of them is kept.
func (b *Batch) Commit() error {
	if err := b.s.writeFTS(context.Background(), b.tx, b.fts); err != nil {
		b.Rollback()
		return wrap("commit batch: index", err)
	}
	b.fts = nil
	return wrap("commit batch", b.tx.Commit())
}

// Rollback drops every outcome of the batch. It does nothing after Commit.
func (b *Batch) Rollback() {
	_ = b.tx.Rollback()
}
