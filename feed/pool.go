package feed

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
)

// FetchAll fetches every request with at most Options.Workers fetches in
// flight overall and at most Options.PerHost per host, so one host is never
// hammered while others wait. fn is called exactly once per request, always
// from the calling goroutine (never concurrently), in completion order.
//
// When ctx is cancelled no new fetch starts, fetches in flight are aborted,
// and the requests not yet started are reported with a "canceled" error.
// FetchAll returns only after every goroutine it started has exited.
func (c *Client) FetchAll(ctx context.Context, reqs []Request, fn func(Result)) {
	if len(reqs) == 0 {
		return
	}
	workers := c.opts.Workers
	if workers > len(reqs) {
		workers = len(reqs)
	}

	// Per-host FIFO queues, visited round-robin so hosts are interleaved.
	type hostQueue struct {
		name   string
		queue  []Request
		active int
	}
	var hosts []*hostQueue
	byName := map[string]*hostQueue{}
	for _, r := range reqs {
		h := hostKey(r.URL)
		q := byName[h]
		if q == nil {
			q = &hostQueue{name: h}
			byName[h] = q
			hosts = append(hosts, q)
		}
		q.queue = append(q.queue, r)
	}

	type job struct {
		req  Request
		host *hostQueue
	}
	type done struct {
		res  Result
		host *hostQueue
	}
	jobs := make(chan job)
	results := make(chan done)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- done{res: c.Fetch(ctx, j.req), host: j.host}
			}
		}()
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()

	cursor := 0
	// next returns a queue whose head may start now, or nil.
	next := func() *hostQueue {
		for i := range hosts {
			q := hosts[(cursor+i)%len(hosts)]
			if len(q.queue) > 0 && q.active < c.opts.PerHost {
				cursor = (cursor + i + 1) % len(hosts)
				return q
			}
		}
		return nil
	}

	pending, inflight := len(reqs), 0
	ctxDone := ctx.Done()
	for pending > 0 {
		var (
			send chan job
			j    job
		)
		if ctx.Err() == nil && inflight < workers {
			if q := next(); q != nil {
				send, j = jobs, job{req: q.queue[0], host: q}
			}
		}
		if send == nil && inflight == 0 {
			break // cancelled: nothing in flight, nothing may start
		}
		select {
		case send <- j:
			j.host.queue = j.host.queue[1:]
			j.host.active++
			inflight++
		case d := <-results:
			d.host.active--
			inflight--
			pending--
			fn(d.res)
		case <-ctxDone:
			// Stop dispatching (ctx.Err() is now set) but keep collecting
			// the results of fetches in flight; they abort promptly.
			ctxDone = nil
		}
	}
	// Report what never started.
	for _, q := range hosts {
		for _, r := range q.queue {
			fn(Result{URL: r.URL, Err: fmt.Errorf("fetch %s: canceled", r.URL)})
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
