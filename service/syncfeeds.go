package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
)

// pushUnsubscribes tells the server about feeds removed in herald while
// it could not be reached.
func (s *Service) pushUnsubscribes(ctx context.Context, sum *SyncSummary) error {
	queue, err := s.Store.SyncQueue(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	var done []store.QueuedChange
	for _, q := range queue {
		if q.Action != store.QueueUnsubscribe {
			continue
		}
		if err := s.Remote.Provider.Unsubscribe(ctx, q.RemoteID); err != nil {
			_ = s.Store.Pushed(ctx, done)
			return s.syncErr("unsubscribe", err)
		}
		done = append(done, q)
		sum.Unsubscribed++
	}
	if err := s.Store.Pushed(ctx, done); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	return nil
}

// syncFeeds matches the server's subscriptions with herald's feeds: a
// feed new on the server is added, one gone from it is removed (its
// bookmarks stay), and a feed added in herald is subscribed to on the
// server unless it is local only. It returns the synced feeds by server id.
func (s *Service) syncFeeds(ctx context.Context, sum *SyncSummary) (map[string]store.Feed, error) {
	// herald's feeds first: one added (and subscribed on the server) while
	// the server's list is on its way is then not taken for a feed the
	// server dropped.
	local, err := s.Store.Feeds(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: %w", err)
	}
	subs, err := s.Remote.Provider.Subscriptions(ctx)
	if err != nil {
		return nil, s.syncErr("list subscriptions", err)
	}
	byRemote := map[string]store.Feed{}
	byURL := map[string]store.Feed{}
	for _, f := range local {
		if f.RemoteID != "" {
			byRemote[f.RemoteID] = f
		}
		byURL[f.URL] = f
	}
	out := map[string]store.Feed{}
	for _, sub := range subs {
		if sub.ID == "" || out[sub.ID].ID != 0 {
			continue
		}
		f, err := s.matchFeed(ctx, sub, byRemote, byURL, sum)
		if err != nil {
			return nil, err
		}
		if f.ID != 0 {
			out[sub.ID] = f
		}
	}
	sum.Feeds = len(out)
	// local was read before matching: a feed matched just now by its URL
	// still shows its old server id (or none) there.
	matched := make(map[int64]bool, len(out))
	for _, f := range out {
		matched[f.ID] = true
	}
	// A server that lists no feeds at all while herald has synced ones is
	// more likely broken than emptied: nothing is removed on its word.
	trustRemovals := len(subs) > 0
	for _, f := range local {
		if f.RemoteID != "" && !matched[f.ID] && !trustRemovals {
			sum.Kept++
			continue
		}
		if f.RemoteID != "" && !matched[f.ID] {
			// Unsubscribed on the server (from another device).
			if err := s.removeLocal(ctx, f.URL); err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, fmt.Errorf("sync: %w", err)
			}
			sum.Removed++
		}
	}
	for _, f := range local {
		if f.RemoteID != "" || matched[f.ID] || f.LocalOnly || f.Gone || !webURL(f.URL) {
			continue
		}
		folder := ""
		if len(f.Tags) > 0 {
			folder = f.Tags[0]
		}
		sub, err := s.Remote.Provider.Subscribe(ctx, f.URL, folder)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("sync: %w", ctx.Err())
			}
			// The server could not take it (it cannot reach the feed,
			// say): herald keeps fetching it itself, and tries again
			// at the next sync.
			_ = s.Store.SetNote(ctx, f.ID, notOnServer+hsync.Describe(err))
			continue
		}
		if err := s.Store.SetFeedRemote(ctx, f.ID, sub.ID); err != nil {
			return nil, fmt.Errorf("sync: %w", err)
		}
		s.clearSyncNote(ctx, f)
		f.RemoteID = sub.ID
		out[sub.ID] = f
		sum.Subscribed++
		sum.Feeds = len(out)
	}
	return out, nil
}

// matchFeed finds (or adds) herald's feed for a server subscription.
func (s *Service) matchFeed(ctx context.Context, sub hsync.Subscription, byRemote, byURL map[string]store.Feed,
	sum *SyncSummary) (store.Feed, error) {
	folders := serverFolders(sub)
	if f, ok := byRemote[sub.ID]; ok {
		return f, s.followFolders(ctx, f, folders)
	}
	if !webURL(sub.URL) {
		// A server cannot make herald read a local file or another scheme.
		s.log().Warn("sync: subscription with a URL herald does not follow", "url", sanitize.Line(sub.URL))
		return store.Feed{}, nil
	}
	f, ok := byURL[sub.URL]
	if !ok {
		var err error
		f, err = s.Store.AddFeed(ctx, sub.URL, sanitize.Line(sub.Title), folders)
		if err != nil {
			return store.Feed{}, fmt.Errorf("sync: %w", err)
		}
		if site := sub.SiteURL; webURL(site) {
			_ = s.Store.SetSiteURL(ctx, f.ID, site)
		}
		sum.Added++
	} else if f.LocalOnly {
		return store.Feed{}, nil // the user keeps this one to herald
	}
	if err := s.Store.SetFeedRemote(ctx, f.ID, sub.ID); err != nil {
		return store.Feed{}, fmt.Errorf("sync: %w", err)
	}
	f.RemoteID = sub.ID
	return f, s.followFolders(ctx, f, folders)
}

// serverFolders are a subscription's folders as herald's tags: sanitized,
// without the server's catch-all folder.
func serverFolders(sub hsync.Subscription) []string {
	var out []string
	for _, t := range sub.Folders {
		if t = sanitize.Line(t); t != "" && !defaultFolder(t) {
			out = append(out, t)
		}
	}
	return out
}

// followFolders brings a synced feed's tags in line with the server's
// folders when those changed since the last sync: the folders dropped
// there go, the new ones come, and tags set in herald alone stay.
func (s *Service) followFolders(ctx context.Context, f store.Feed, folders []string) error {
	if sameFolders(folders, f.RemoteFolders) {
		return nil
	}
	gone := map[string]bool{}
	for _, t := range f.RemoteFolders {
		gone[strings.ToLower(t)] = true
	}
	var tags []string
	for _, t := range f.Tags {
		if !gone[strings.ToLower(t)] {
			tags = append(tags, t)
		}
	}
	tags = append(tags, folders...) // SetTags drops repeats
	if err := s.Store.SetTags(ctx, f.ID, tags); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := s.Store.SetRemoteFolders(ctx, f.ID, folders); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	return nil
}

// sameFolders compares two folder lists, ignoring case and order.
func sameFolders(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, t := range a {
		seen[strings.ToLower(t)]++
	}
	for _, t := range b {
		seen[strings.ToLower(t)]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// serverWait bounds what add and remove wait for the server: they work
// offline, and the next sync finishes what the server missed.
const serverWait = 15 * time.Second

// subscribeNow subscribes on the server to a feed just added in herald.
func (s *Service) subscribeNow(ctx context.Context, f *store.Feed) error {
	ctx, cancel := context.WithTimeout(ctx, serverWait)
	defer cancel()
	folder := ""
	if len(f.Tags) > 0 {
		folder = f.Tags[0]
	}
	sub, err := s.Remote.Provider.Subscribe(ctx, f.URL, folder)
	if err != nil {
		return s.syncErr("subscribe", err)
	}
	if err := s.Store.SetFeedRemote(ctx, f.ID, sub.ID); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	s.clearSyncNote(ctx, *f)
	f.RemoteID = sub.ID
	return nil
}

// notOnServer starts the note of a feed the sync server would not take.
const notOnServer = "not on the sync server: "

// clearSyncNote drops the note saying a feed is not on the sync server,
// once it is: herald no longer fetches it, so no refresh would.
func (s *Service) clearSyncNote(ctx context.Context, f store.Feed) {
	if strings.HasPrefix(f.Note, notOnServer) {
		_ = s.Store.SetNote(ctx, f.ID, "")
	}
}

// syncNote is the part of a feed's note a sync wrote (see notOnServer),
// which a refresh keeps in front of its own; empty when there is none.
func syncNote(note string) string {
	if !strings.HasPrefix(note, notOnServer) {
		return ""
	}
	note, _, _ = strings.Cut(note, "; ")
	return note
}

// unsubscribeNow unsubscribes on the server, or queues it for the next
// sync when the server cannot be reached.
func (s *Service) unsubscribeNow(ctx context.Context, remoteID string) {
	tctx, cancel := context.WithTimeout(ctx, serverWait)
	defer cancel()
	if err := s.Remote.Provider.Unsubscribe(tctx, remoteID); err != nil {
		s.log().Info("sync: unsubscribe queued", "err", err)
		if err := s.Store.Enqueue(ctx, remoteID, store.QueueUnsubscribe); err != nil {
			s.log().Error("sync: queue unsubscribe", "err", err)
		}
	}
}

// defaultFolder reports whether a server's folder is the one it files
// every feed in when none is given (Miniflux's "All", FreshRSS's
// "Uncategorized"): as a tag it would only group everything.
func defaultFolder(name string) bool {
	return strings.EqualFold(name, "All") || strings.EqualFold(name, "Uncategorized")
}
