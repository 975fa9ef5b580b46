package service

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
	hsync "github.com/herald-reader/herald/sync"
)

// ErrNoSync is returned by Sync when no sync server is configured.
var ErrNoSync = errors.New("no sync server is configured (see [sync] in config.toml)")

// ErrSyncBusy is returned by Sync while another herald syncs the same
// database.
var ErrSyncBusy = errors.New("sync: another herald is syncing this database; try again in a moment")

// Remote is the sync server a Service syncs with.
type Remote struct {
	Provider hsync.Provider
	// Account names the server and the user ("miniflux http://… me"),
	// never a secret. When it changes, what herald knew of the old
	// account (server ids, the queue) is forgotten.
	Account string
	// URL is the server's address, for messages.
	URL string
}

// syncDeadline bounds a whole sync (each request has its own, shorter
// limit): a server answering slowly page after page cannot keep the
// reader's sync, and so its refreshes, busy for hours.
const syncDeadline = 15 * time.Minute

// pullBudget bounds what one pull may read from the server, all its
// requests together (each has its own cap too): a first pull of thousands
// of entries is tens of megabytes.
const pullBudget = 512 << 20

// Settings keys of the sync state.
const (
	settingSyncAccount = "sync.account"
	settingSyncCursor  = "sync.cursor"
	settingSyncLast    = "sync.last"  // when the last sync ended well, Unix seconds
	settingSyncError   = "sync.error" // why the last sync failed; empty after a good one
	settingSyncTried   = "sync.tried" // when the last sync ended, well or not, Unix seconds
)

// SyncSummary counts what a Sync did.
type SyncSummary struct {
	Feeds        int // feeds on the server
	New          int // entries stored
	Changed      int // held entries whose state the server changed
	Pushed       int // changes the server took
	Conflicts    int // states changed on both sides
	Added        int // feeds the server had that herald did not
	Removed      int // feeds gone from the server, removed here
	Subscribed   int // feeds herald had that are now on the server
	Unsubscribed int // feeds removed in herald, now removed from the server
	Starred      int // entries starred on the server, now bookmarked here
	// Kept counts the synced feeds not removed although the server listed
	// no feeds at all (more likely a broken server than an emptied one).
	Kept      int
	NewByFeed map[int64]int
}

// String is the line `herald sync` ends with.
func (s SyncSummary) String() string {
	line := fmt.Sprintf("synced %d feeds: %d new items, %d changed on the server, %d changes pushed",
		s.Feeds, s.New, s.Changed, s.Pushed)
	var more []string
	for _, p := range []struct {
		n    int
		what string
	}{{s.Added, "feeds added"}, {s.Removed, "feeds removed"}, {s.Subscribed, "subscribed on the server"},
		{s.Unsubscribed, "unsubscribed on the server"}, {s.Conflicts, "conflicts (the later change won)"},
		{s.Kept, "feeds kept although the server listed none"}} {
		if p.n > 0 {
			more = append(more, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(more) > 0 {
		line += "; " + strings.Join(more, ", ")
	}
	return line
}

// Sync pulls subscriptions and entries from the sync server and pushes the
// changes made in herald since, in order. Changes made while the server
// cannot be reached stay queued in the database for the next Sync; a
// failed Sync loses nothing and leaves the queue as it was. progress, if
// not nil, is called once per synced feed once its entries are stored.
func (s *Service) Sync(ctx context.Context, progress func(Progress)) (sum SyncSummary, err error) {
	if s.Remote == nil {
		return sum, ErrNoSync
	}
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	// However slowly the server answers, a sync ends.
	ctx, cancel := context.WithTimeout(ctx, syncDeadline)
	defer cancel()
	// One sync at a time on a database, across processes too (the
	// reader's and a `herald sync` from cron): two would push from the
	// same queue and record the server's state over each other.
	holder := fmt.Sprintf("%d.%d", os.Getpid(), s.now().UnixNano())
	ok, err := s.Store.TakeLease(ctx, "sync", holder, time.Now(), time.Now().Add(syncDeadline+time.Minute), processGone)
	if err != nil {
		return sum, fmt.Errorf("sync: %w", err)
	}
	if !ok {
		return sum, ErrSyncBusy
	}
	defer func() { _ = s.Store.ReleaseLease(context.WithoutCancel(ctx), "sync", holder) }()
	defer func() { s.recordSync(err) }()
	if err := s.checkAccount(ctx); err != nil {
		return sum, err
	}
	if err := s.pushUnsubscribes(ctx, &sum); err != nil {
		return sum, err
	}
	feeds, err := s.syncFeeds(ctx, &sum)
	if err != nil {
		return sum, err
	}
	if err := s.pull(ctx, feeds, &sum); err != nil {
		return sum, err
	}
	if err := s.push(ctx, &sum); err != nil {
		return sum, err
	}
	if progress != nil {
		done := 0
		for _, f := range feeds {
			done++
			n := sum.NewByFeed[f.ID]
			progress(Progress{Done: done, Total: len(feeds), URL: f.URL, Title: sanitize.Line(f.Title), New: n})
		}
	}
	return sum, nil
}

// syncErr wraps a provider's error as one line naming the server.
func (s *Service) syncErr(what string, err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("sync: %w", err)
	}
	return &SyncError{What: what, Server: s.Remote.URL, Err: err}
}

// SyncError is a failed step of a sync.
type SyncError struct {
	What   string // "pull entries"
	Server string
	Err    error
}

// Error is one line: what failed, why, and where.
func (e *SyncError) Error() string {
	return fmt.Sprintf("sync: %s: %s (%s)", e.What, sanitize.Line(hsync.Describe(e.Err)), e.Server)
}

// Unwrap gives the provider's error (hsync.ErrAuth …).
func (e *SyncError) Unwrap() error { return e.Err }

// checkAccount forgets a previous account's server ids and queue.
func (s *Service) checkAccount(ctx context.Context) error {
	old, ok, err := s.Store.Setting(ctx, settingSyncAccount)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if ok && old == s.Remote.Account {
		return nil
	}
	if ok {
		s.log().Info("sync account changed; forgetting the old one's ids and queue")
		if err := s.Store.ResetSync(ctx); err != nil {
			return fmt.Errorf("sync: %w", err)
		}
	}
	// The last good sync was the old account's.
	for k, v := range map[string]string{settingSyncCursor: "", settingSyncLast: "", settingSyncAccount: s.Remote.Account} {
		if err := s.Store.SetSetting(ctx, k, v); err != nil {
			return fmt.Errorf("sync: %w", err)
		}
	}
	return nil
}

// recordSync keeps the outcome of a sync for `herald feeds` and the reader.
func (s *Service) recordSync(err error) {
	ctx := context.WithoutCancel(context.Background())
	now := fmt.Sprint(s.now().Unix())
	msg := ""
	if err != nil {
		msg = oneLine(err)
	} else {
		_ = s.Store.SetSetting(ctx, settingSyncLast, now)
	}
	_ = s.Store.SetSetting(ctx, settingSyncTried, now)
	_ = s.Store.SetSetting(ctx, settingSyncError, msg)
}

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
	if f, ok := byRemote[sub.ID]; ok {
		return f, nil
	}
	if !webURL(sub.URL) {
		// A server cannot make herald read a local file or another scheme.
		s.log().Warn("sync: subscription with a URL herald does not follow", "url", sanitize.Line(sub.URL))
		return store.Feed{}, nil
	}
	f, ok := byURL[sub.URL]
	if !ok {
		var tags []string
		for _, t := range sub.Folders {
			if t = sanitize.Line(t); t != "" && !defaultFolder(t) {
				tags = append(tags, t)
			}
		}
		var err error
		f, err = s.Store.AddFeed(ctx, sub.URL, sanitize.Line(sub.Title), tags)
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
	return f, nil
}

// pull brings the entries changed on the server since the last sync and
// settles them with herald's own changes (see decide).
func (s *Service) pull(ctx context.Context, feeds map[string]store.Feed, sum *SyncSummary) error {
	cursor, _, err := s.Store.Setting(ctx, settingSyncCursor)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	held, err := s.Store.SyncedItems(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	batch, err := s.Remote.Provider.Pull(hsync.WithBudget(ctx, pullBudget), cursor,
		func(id string) bool { _, ok := held[id]; return ok })
	if err != nil {
		return s.syncErr("pull entries", err)
	}
	queue, err := s.Store.SyncQueue(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	r := resolve(batch, held, queue, feeds)
	s.triageSynced(r.apply.New, feeds)
	r.apply.At = s.now()
	if len(queue) > 0 {
		r.apply.QueueSeen = queue[len(queue)-1].Seq
	}
	for _, f := range feeds {
		r.apply.Feeds = append(r.apply.Feeds, f.ID)
	}
	applied, err := s.Store.ApplySync(ctx, r.apply)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := s.Store.SetSetting(ctx, settingSyncCursor, batch.Cursor); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	sum.NewByFeed = applied.New
	for id, n := range applied.New {
		sum.New += n
		if n > 0 {
			s.forgetBoilerplate(id)
		}
	}
	sum.Changed, sum.Conflicts, sum.Starred = r.changed, r.conflicts, len(applied.Starred)
	s.saveStarred(ctx, applied.Starred)
	return nil
}

// triageSynced gives new entries their mute reason and story hashes, as
// a refresh gives fetched items theirs.
func (s *Service) triageSynced(entries []store.SyncEntry, feeds map[string]store.Feed) {
	byID := map[int64]store.Feed{}
	for _, f := range feeds {
		byID[f.ID] = f
	}
	for i := range entries {
		e := &entries[i]
		items := []store.NewItem{e.Item}
		s.triage(items, []feed.Item{{Title: e.Item.Title, Content: e.Item.Content}}, byID[e.FeedID], "")
		e.Item = items[0]
	}
}

// saveStarred saves the full article of entries starred on the server, a
// few at a time. A save cut short stays "saving" and is retried when the
// reader next starts, as any bookmark's.
func (s *Service) saveStarred(ctx context.Context, ids []int64) {
	sem := make(chan struct{}, 4)
	done := make(chan struct{})
	for _, id := range ids {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem; done <- struct{}{} }()
			if err := s.SaveBookmark(ctx, id); err != nil {
				s.log().Warn("sync: save starred entry", "id", id, "err", err)
			}
		}()
	}
	for range ids {
		<-done
	}
}

// push sends the queued changes, the latest of each entry's read and
// starred state, and records the server's new state as the base.
func (s *Service) push(ctx context.Context, sum *SyncSummary) error {
	queue, err := s.Store.SyncQueue(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	held, err := s.Store.SyncedItems(ctx)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	changes, done := coalesce(queue, held)
	if len(changes) > 0 {
		if err := s.Remote.Provider.Push(ctx, changes); err != nil {
			return s.syncErr("push changes", err)
		}
	}
	if err := s.Store.Pushed(ctx, done); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	sum.Pushed = len(changes)
	return nil
}

// coalesce keeps, of the queued read and star changes, the last of each
// entry and state, in the order they were made, leaving out those that
// only return to the server's state. done lists every queued change they
// settle.
func coalesce(queue []store.QueuedChange, held map[string]store.SyncedItem) (changes []hsync.Change, done []store.QueuedChange) {
	read, star := pendingOf(queue)
	for _, q := range queue {
		var p *pendingState
		switch q.Action {
		case store.QueueRead, store.QueueUnread:
			p = read[q.RemoteID]
		case store.QueueStar, store.QueueUnstar:
			p = star[q.RemoteID]
		default:
			continue
		}
		done = append(done, q)
		if p.last.Seq != q.Seq {
			continue
		}
		h, ok := held[q.RemoteID]
		base := map[string]bool{store.QueueRead: h.BaseRead, store.QueueUnread: !h.BaseRead,
			store.QueueStar: h.BaseStarred, store.QueueUnstar: !h.BaseStarred}
		if ok && base[q.Action] {
			continue // back where the server is
		}
		changes = append(changes, hsync.Change{EntryID: q.RemoteID, Kind: hsync.Kind(q.Action)})
	}
	return changes, done
}

// SyncStatus is the state of syncing, for `herald feeds` and the reader.
type SyncStatus struct {
	Configured bool
	Server     string    // the server's address
	Last       time.Time // the last good sync; zero when never
	Tried      time.Time // the last sync, good or not
	Queued     int       // changes waiting to be pushed
	Err        string    // why the last sync failed; empty after a good one
}

// SyncStatus reports the state of syncing.
func (s *Service) SyncStatus(ctx context.Context) (SyncStatus, error) {
	var st SyncStatus
	if s.Remote == nil {
		return st, nil
	}
	st.Configured, st.Server = true, s.Remote.URL
	set, err := s.Store.Settings(ctx)
	if err != nil {
		return st, fmt.Errorf("sync status: %w", err)
	}
	if set[settingSyncAccount] == s.Remote.Account {
		st.Last, st.Tried, st.Err = unixSetting(set[settingSyncLast]), unixSetting(set[settingSyncTried]), set[settingSyncError]
	}
	if st.Queued, err = s.Store.SyncQueueLen(ctx); err != nil {
		return st, fmt.Errorf("sync status: %w", err)
	}
	return st, nil
}

func unixSetting(v string) time.Time {
	var n int64
	if _, err := fmt.Sscan(v, &n); err != nil || n <= 0 {
		return time.Time{}
	}
	return time.Unix(n, 0)
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

// processGone reports whether the process of a lease holder ("PID.N")
// has ended, as after a SIGKILL mid-sync.
func processGone(holder string) bool {
	pid, _, _ := strings.Cut(holder, ".")
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return false
	}
	if n == os.Getpid() {
		return false
	}
	p, err := os.FindProcess(n)
	if err != nil {
		return true
	}
	// Only "no such process" means gone: "not permitted" is a live process
	// of another user.
	err = p.Signal(syscall.Signal(0))
	return errors.Is(err, os.ErrProcessDone) || errors.Is(err, syscall.ESRCH)
}
