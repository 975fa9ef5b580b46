package store

import (
	"context"
	"database/sql"
)

// ftsOp is one change to the items' search index: a row removed, or a row
// added with its title and search terms.
type ftsOp struct {
	id           int64
	del          bool
	title, terms string
}

// writeFTS makes the changes in order. A Batch keeps them until it commits:
// FTS5 writes its pending terms out as a new index segment at every
// savepoint, so indexing each feed inside its own savepoint would make a
// segment per feed, and merging those would cost more than the indexing.
func (s *Store) writeFTS(ctx context.Context, tx *sql.Tx, ops []ftsOp) error {
	if len(ops) == 0 {
		return nil
	}
	ins, del := s.stmt(ctx, tx, sqlInsertFTS), s.stmt(ctx, tx, sqlDeleteFTS)
	for _, op := range ops {
		var err error
		if op.del {
			_, err = del.ExecContext(ctx, op.id)
		} else {
			_, err = ins.ExecContext(ctx, op.id, op.title, op.terms)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
