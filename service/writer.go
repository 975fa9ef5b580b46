package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// errBatchDropped marks the feeds saved in a batch that another feed's
// failure rolled back.
var errBatchDropped = errors.New("not saved: the save of another feed failed; fetched again next time")

// commitEvery is the longest a refresh's writer keeps one transaction
// open while results keep coming; idleCommit is how long it waits for the
// next result before it commits what it has. A refresh waiting on the
// network so commits at once and leaves the database's write lock to other
// herald processes (the reader, a second refresh); one whose results queue
// up, its writer being the bottleneck, commits a few times a second.
// Progress is reported per feed at each commit.
const (
	commitEvery = 250 * time.Millisecond
	idleCommit  = 10 * time.Millisecond
)

// writer saves a refresh's prepared results on one goroutine, in batches
// (store.Batch) committed every commitEvery, and reports each feed once
// its result is committed.
type writer struct {
	s        *Service
	ctx      context.Context
	sum      *Summary
	total    int
	progress func(Progress)
	stop     func()        // stops the fetching once the database failed
	every    time.Duration // commitEvery
	idle     time.Duration // idleCommit

	batch   *store.Batch
	began   time.Time
	pending []pendingFeed // in the open batch, not yet reported
	done    int
	dbErr   error // the database failed: nothing more is saved
}

// pendingFeed is a feed's result waiting for its commit to be reported.
type pendingFeed struct {
	j     fetched
	n     int   // new items
	err   error // not saved (or, for a fetch error, the error recorded)
	saved bool  // written in the open batch
}

// run saves every result of in, then commits the last batch.
func (w *writer) run(in <-chan fetched) {
	timer := time.NewTimer(w.every)
	timer.Stop()
	defer timer.Stop()
	for {
		var due <-chan time.Time
		if w.batch != nil {
			// Commit after idleCommit without a result, and at the latest
			// commitEvery after the batch began.
			timer.Reset(min(w.idle, w.every-time.Since(w.began)))
			due = timer.C
		}
		select {
		case j, ok := <-in:
			timer.Stop()
			if !ok {
				w.commit()
				return
			}
			w.save(j)
			if w.batch != nil && time.Since(w.began) >= w.every {
				w.commit()
			}
		case <-due:
			w.commit()
		}
	}
}

// save adds one result to the open batch (opening one if needed).
func (w *writer) save(j fetched) {
	p := pendingFeed{j: j}
	switch {
	case j.skip != nil:
	case w.dbErr != nil || w.ctx.Err() != nil:
		p.err = errNotSaved
	default:
		if w.batch == nil {
			// Not bound to ctx: a refresh interrupted (ctrl+c) still
			// commits the feeds it saved, and saves no more (see above).
			b, err := w.s.Store.BeginBatch(context.WithoutCancel(w.ctx))
			if err != nil {
				w.fail(err)
				p.err = err
				break
			}
			w.batch, w.began = b, time.Now()
		}
		n, err := w.batch.Save(context.WithoutCancel(w.ctx), j.out)
		p.j.out.Items = nil // in the transaction now; only the report is left
		switch {
		case errors.Is(err, store.ErrNotFound):
			// removed while it was fetched: nothing to save
		case err != nil && fatalSaveErr(w.ctx, err):
			w.fail(err) // the batch is rolled back
			p.err = err
		case err != nil:
			// Not the database's own failure (none is known to happen): the
			// batch is dropped, this feed reports why, and the others of
			// the batch are fetched again by the next refresh.
			w.s.log().Warn("refresh: saving a feed failed", "url", j.feed.URL, "err", err)
			w.batch.Rollback()
			w.batch = nil
			for i := range w.pending {
				if w.pending[i].saved {
					w.pending[i].err, w.pending[i].n, w.pending[i].saved = errBatchDropped, 0, false
				}
			}
			p.err = err
		default:
			p.n, p.saved = n, true
			if w.s.afterSave != nil {
				w.s.afterSave(w.saved() + 1)
			}
		}
	}
	w.pending = append(w.pending, p)
	if w.batch == nil {
		w.report() // nothing to wait for
	}
}

// saved is the number of feeds saved in the open batch.
func (w *writer) saved() int {
	n := 0
	for _, p := range w.pending {
		if p.saved {
			n++
		}
	}
	return n
}

// commit commits the open batch, if any, and reports its feeds.
func (w *writer) commit() {
	if w.batch != nil {
		if err := w.batch.Commit(); err != nil {
			w.batch = nil
			w.fail(err)
		}
		w.batch = nil
	}
	w.report()
}

// fail records a database failure: the open batch is rolled back, every
// feed in it is reported not saved, and the fetching stops.
func (w *writer) fail(err error) {
	if w.batch != nil {
		w.batch.Rollback()
		w.batch = nil
	}
	for i := range w.pending {
		if w.pending[i].saved {
			w.pending[i].err, w.pending[i].n, w.pending[i].saved = errNotSaved, 0, false
		}
	}
	if w.dbErr == nil && w.ctx.Err() == nil {
		w.dbErr = fmt.Errorf("refresh: %w", err)
		w.stop()
	}
}

// report counts the pending feeds in the summary and reports each one.
func (w *writer) report() {
	for _, pf := range w.pending {
		j := pf.j
		w.done++
		p := Progress{Done: w.done, Total: w.total, URL: j.feed.URL, Title: sanitize.Line(j.feed.Title)}
		switch {
		case j.skip != nil:
			p.Skipped, p.Err = true, j.skip
			w.sum.Unchanged++
		case pf.err != nil:
			p.Err = pf.err
			if p.Err != errNotSaved && p.Err != errBatchDropped {
				p.Err = fmt.Errorf("save: %w", p.Err)
			}
			w.sum.Failed++
		case j.out.Err != "":
			p.Err = j.result.Err // typed (a *feed.FetchError), for callers that need the reason alone
			if p.Err == nil {
				p.Err = errors.New(j.out.Err)
			}
			w.sum.Failed++
		default:
			if pf.n > 0 {
				w.s.forgetBoilerplate(j.feed.ID)
			}
			p.New, p.NotModified = pf.n, j.out.NotModified
			if t := sanitize.Line(j.out.Title); t != "" {
				p.Title = t
			}
			w.sum.New += pf.n
			if pf.n == 0 {
				w.sum.Unchanged++
			}
		}
		w.s.log().Debug("refresh", "url", p.URL, "new", p.New, "err", p.Err)
		if w.progress != nil {
			w.progress(p)
		}
	}
	w.pending = w.pending[:0]
}
