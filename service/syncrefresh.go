package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/herald-reader/herald/store"
)

// refreshSynced is a refresh with a sync server: the server fetches the
// feeds it holds, so herald syncs with it (pulling their entries, pushing
// the queued changes), then fetches itself the feeds the server does not
// have (local-only ones, and those it refused). One Summary counts both;
// when the sync fails, each synced feed counts as failed with its reason,
// and the feeds herald fetches itself are fetched all the same.
func (s *Service) refreshSynced(ctx context.Context, urls []string, dueOnly bool, progress func(Progress)) (Summary, error) {
	var events []Progress
	_, serr := s.Sync(ctx, func(p Progress) { events = append(events, p) })
	if serr != nil && ctx.Err() != nil {
		return Summary{}, serr
	}
	var sum Summary
	if errors.Is(serr, ErrSyncBusy) {
		serr = nil // another herald is syncing these feeds right now
	}
	if serr != nil {
		// Report the synced feeds as failed, with the sync's reason.
		feeds, err := s.Store.Feeds(ctx)
		if err != nil {
			return Summary{}, err
		}
		for _, f := range feeds {
			if f.RemoteID != "" {
				events = append(events, Progress{URL: f.URL, Title: f.Title, Err: serr})
			}
		}
		if len(events) == 0 {
			events = append(events, Progress{URL: s.Remote.URL, Title: "sync server", Err: serr})
		}
	}
	local, lerr := s.localFeeds(ctx, urls, dueOnly, len(events) > 0)
	for i, p := range events {
		p.Done, p.Total = i+1, len(events)+len(local)
		sum.Feeds++
		switch {
		case p.Err != nil:
			sum.Failed++
		case p.New > 0:
			sum.New += p.New
		default:
			sum.Unchanged++
		}
		if progress != nil {
			progress(p)
		}
	}
	if lerr != nil {
		if errors.Is(lerr, ErrNoFeeds) && sum.Feeds > 0 {
			lerr = nil
		}
		return sum, lerr
	}
	lsum, err := s.refreshLocal(ctx, local, len(events), progress)
	sum.Feeds += lsum.Feeds
	sum.New += lsum.New
	sum.Unchanged += lsum.Unchanged
	sum.Failed += lsum.Failed
	return sum, err
}

// notSynced keeps the feeds herald fetches itself (those not on the sync
// server) and the URLs given that name one of them: the others were
// synced already. none is true when nothing is left to fetch though URLs
// were given, or, after a sync (synced), when there are no such feeds.
func notSynced(all []store.Feed, urls []string, synced bool) ([]store.Feed, []string, bool) {
	onServer := map[string]bool{}
	for _, f := range all {
		if f.RemoteID != "" {
			onServer[f.URL] = true
		}
	}
	all = slices.DeleteFunc(all, func(f store.Feed) bool { return onServer[f.URL] })
	given := len(urls) > 0
	urls = slices.DeleteFunc(slices.Clone(urls), func(u string) bool { return onServer[strings.TrimSpace(u)] })
	return all, urls, given && len(urls) == 0 || len(all) == 0 && synced
}
