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

	"github.com/herald-reader/herald/sanitize"
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
	defer s.sizeWriteCache(ctx, len(feeds))()
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
	ctx := context.Background()
	now := fmt.Sprint(s.now().Unix())
	msg := ""
	if err != nil {
		msg = oneLine(err)
	} else {
		_ = s.Store.SetSetting(ctx, settingSyncLast, now)
	}
	_ = s.Store.SetSetting(ctx, settingSyncError, msg)
}

// SyncStatus is the state of syncing, for `herald feeds` and the reader.
type SyncStatus struct {
	Configured bool
	Server     string    // the server's address
	Last       time.Time // the last good sync; zero when never
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
		st.Last, st.Err = unixSetting(set[settingSyncLast]), set[settingSyncError]
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
