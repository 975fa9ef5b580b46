package feed

import (
	"context"
	"net/url"
	"strings"
	"sync"
)

// FetchAll fetches every request with at most Options.Workers fetches in
// flight overall and at most Options.PerHost per host, so one host is never
// hammered while others wait. fn is called exactly once per request, always
// from the calling goroutine (never concurrently), in completion order;
// fetching goes on while fn runs, and at most Workers finished results wait
// for it, so a slow fn holds back the pool instead of piling up memory.
//
// When ctx is cancelled no new fetch starts, fetches in flight are aborted,
// and the requests not yet started are reported with a "canceled" error.
// FetchAll returns only after every goroutine it started has exited.
func (c *Client) FetchAll(ctx context.Context, reqs []Request, fn func(Result)) {
	if len(reqs) == 0 {
		return
	}
	workers := min(c.opts.Workers, len(reqs))
	out := make(chan slotted, workers)
	var sched sync.WaitGroup
	sched.Add(1)
	go func() {
		defer sched.Done()
		c.schedule(ctx, reqs, workers, out)
	}()
	for r := range out {
		fn(r.Result)
		if r.held {
			<-c.parsing // handed over: the next feed may be parsed
		}
	}
	sched.Wait()
}

// slotted is a result, and whether it holds one of the client's parse slots.
type slotted struct {
	Result
	held bool
}

// hostQueue holds the requests of one host not yet started.
type hostQueue struct {
	queue  []Request
	active int
}

// schedule runs the worker pool, sends every result to out and closes it.
func (c *Client) schedule(ctx context.Context, reqs []Request, workers int, out chan<- slotted) {
	defer close(out)
	// Per-host FIFO queues, visited round-robin so hosts are interleaved
	// whatever the order of reqs.
	var hosts []*hostQueue
	byName := map[string]*hostQueue{}
	for _, r := range reqs {
		h := hostKey(r.URL)
		q := byName[h]
		if q == nil {
			q = &hostQueue{}
			byName[h] = q
			hosts = append(hosts, q)
		}
		q.queue = append(q.queue, r)
	}

	type job struct {
		req  Request
		host *hostQueue
	}
	jobs := make(chan job)
	// A worker releases its host as soon as its fetch ends, before it waits
	// for out; at most `workers` releases are ever pending.
	released := make(chan *hostQueue, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, held := c.fetch(ctx, j.req, c.parsing)
				released <- j.host
				out <- slotted{r, held}
			}
		}()
	}

	cursor := 0
	next := func() *hostQueue { // a queue whose head may start now, or nil
		for i := range hosts {
			q := hosts[(cursor+i)%len(hosts)]
			if len(q.queue) > 0 && q.active < c.opts.PerHost {
				cursor = (cursor + i + 1) % len(hosts)
				return q
			}
		}
		return nil
	}

	inflight, stopped := 0, false
	ctxDone := ctx.Done()
	for {
		var (
			send chan job
			j    job
		)
		if !stopped && inflight < workers {
			if q := next(); q != nil {
				send, j = jobs, job{req: q.queue[0], host: q}
			}
		}
		if send == nil && inflight == 0 {
			break // all done, or cancelled with nothing in flight
		}
		select {
		case send <- j:
			j.host.queue = j.host.queue[1:]
			j.host.active++
			inflight++
		case q := <-released:
			q.active--
			inflight--
		case <-ctxDone:
			// Stop dispatching; fetches in flight abort on ctx themselves.
			stopped, ctxDone = true, nil
		}
	}
	close(jobs)
	wg.Wait()
	// Report what never started.
	for _, q := range hosts {
		for _, r := range q.queue {
			out <- slotted{Result: Result{URL: r.URL, Err: fetchErr(r.URL, errCanceled)}}
		}
		q.queue = nil
	}
}

// hostKey groups URLs by host (with port) for the per-host limit.
func hostKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
