package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Batch saves fetch outcomes, as SaveFetch does, in one transaction that
// stays open across calls until Commit. A refresh commits a few times a
// second instead of once per handful of feeds: each commit rewrites the
// index pages it touched and adds a search-index segment to merge, so
// fewer, larger commits write and merge much less. Outcomes are not saved
// in savepoints of their own: a savepoint journals every page it changes
// first (a refresh wrote 2.8 times as much), and no error short of the
// database's own (full, I/O, busy) can stop a save halfway. A Batch holds
// the write lock until Commit or Rollback; it is not safe for concurrent use.
type Batch struct {
	s  *Store
	tx *sql.Tx
}

// BeginBatch starts a Batch on the writer.
func (s *Store) BeginBatch(ctx context.Context) (*Batch, error) {
	if err := s.prepareWrites(ctx); err != nil {
		return nil, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrap("begin batch", err)
	}
	return &Batch{s: s, tx: tx}, nil
}

// Save stores one outcome in the batch and returns how many items were new.
// A feed no longer in the database is ErrNotFound, and nothing was written:
// the batch goes on. After any other error part of the outcome may be
// written: only Rollback is left.
func (b *Batch) Save(ctx context.Context, o FetchOutcome) (int, error) {
	n, err := b.s.saveFetch(ctx, b.tx, o)
	if err != nil {
		return 0, wrap(fmt.Sprintf("save fetch of feed %d", o.FeedID), err)
	}
	return n, nil
}

// Commit makes the batch's outcomes durable; on error none of them is kept.
func (b *Batch) Commit() error {
	return wrap("commit batch", b.tx.Commit())
}

// Rollback drops every outcome of the batch. It does nothing after Commit.
func (b *Batch) Rollback() {
	_ = b.tx.Rollback()
}
