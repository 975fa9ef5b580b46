package service

// How a background refresh backs off from failing feeds.
//
// Two kinds of "not yet" are kept apart:
//
//   - The server's word: a 429/503 Retry-After is stored as the feed's
//     NextFetch. Every refresh honours it, the manual ones included.
//   - Herald's own politeness: after n failed refreshes in a row (the
//     feed's Errors) the feed waits backoff(n) from its last attempt. Only
//     RefreshDue (the background refresh) applies it: a user who presses R
//     or runs `herald refresh` wants every feed tried.
//
// The backoff is not stored: it follows from Errors, LastAttempt and the
// feed's id, so NextFetch keeps meaning "the server asked" and no column is
// needed to tell the two apart.

import (
	"time"

	"github.com/herald-reader/herald/store"
)

// Backoff bounds: the wait doubles from backoffMin with each failure in a
// row, up to backoffMax, before jitter.
const (
	backoffMin    = 15 * time.Minute
	backoffMax    = 12 * time.Hour
	backoffJitter = 0.10 // ± this fraction of the wait
)

// backoff is how long a background refresh leaves a feed alone after
// errors failed refreshes in a row: 15m, 30m, 1h, … up to 12h, each ±10%.
// The jitter comes from the feed's id, so feeds that failed together (a
// network outage) spread out again, and the same feed always gets the same
// schedule (no random state; tests are deterministic).
func backoff(errors int, feedID int64) time.Duration {
	if errors <= 0 {
		return 0
	}
	d := backoffMin
	for i := 1; i < errors && d < backoffMax; i++ {
		d *= 2
	}
	d = min(d, backoffMax)
	return d + time.Duration(float64(d)*jitter(feedID))
}

// jitter maps a feed id to a fraction in [-backoffJitter, +backoffJitter),
// through the splitmix64 finalizer so neighbouring ids land far apart.
func jitter(feedID int64) float64 {
	x := uint64(feedID) + 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	x ^= x >> 31
	u := float64(x>>11) / (1 << 53) // [0, 1)
	return (2*u - 1) * backoffJitter
}

// retryAfter reports whether the feed's server asked us to come back later
// than now (Retry-After); every refresh leaves such a feed alone.
func retryAfter(f store.Feed, now time.Time) bool {
	return f.LastError != "" && f.NextFetch.After(now)
}

// due reports whether a background refresh should fetch f now: its server
// has not asked for a pause, and it is not backing off after failures.
func due(f store.Feed, now time.Time) bool {
	if retryAfter(f, now) {
		return false
	}
	return f.Errors == 0 || !f.LastAttempt.Add(backoff(f.Errors, f.ID)).After(now)
}
