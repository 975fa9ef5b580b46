package store

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"time"
)

// checkpointInterval is how often the checkpointer looks at the WAL.
const checkpointInterval = 250 * time.Millisecond

// checkpointer copies committed pages from the WAL into the database file
// on a connection of its own. SQLite's automatic checkpoint would run inside
// whichever commit crosses the threshold, on the writer's one connection:
// during a refresh that is a second or more of pwrite on the serial path.
// A PASSIVE checkpoint never blocks the writer or readers, so here it runs
// beside them, on the other core.
type checkpointer struct {
	db      *sql.DB
	wal     string
	done    chan struct{}
	wg      sync.WaitGroup
	stopped sync.Once
	err     error
}

// startCheckpointer opens its connection on dsn and starts the goroutine.
func startCheckpointer(path, dsn string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, wal: path + "-wal", done: make(chan struct{})}
	c.wg.Add(1)
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer c.wg.Done()
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	var last os.FileInfo
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
		}
		fi, err := os.Stat(c.wal)
		if err != nil || fi.Size() == 0 {
			continue // no WAL (yet), or already reset
		}
		if last != nil && fi.Size() == last.Size() && fi.ModTime().Equal(last.ModTime()) {
			continue // nothing written since the last checkpoint
		}
		last = fi
		// Errors are not fatal here: the next tick tries again, and SQLite
		// checkpoints when the last connection closes in any case.
		_, _ = c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
	}
}

// stop ends the goroutine and closes the connection. No last checkpoint
// is needed: SQLite checkpoints when the last connection to the database
// closes (Close closes the writer last). It is safe to call more than once
// and on a nil checkpointer.
func (c *checkpointer) stop() error {
	if c == nil {
		return nil
	}
	c.stopped.Do(func() {
		close(c.done)
		c.wg.Wait()
		c.err = c.db.Close()
	})
	return c.err
}
