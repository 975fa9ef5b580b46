// Package sync is herald's side of a feed server the user already runs
// (Miniflux, FreshRSS and the other Google Reader API servers): the small
// interface every server speaks through, and the HTTP client they share,
// which treats the server as it treats a feed: capped, timed, and never
// led anywhere else. Each server lives in its own subpackage (miniflux,
// greader). What to do with what a server says (the offline queue,
// conflicts, storing entries) is the service's job, not this package's.
package sync

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Provider is one account on a feed server. Every method is safe to call
// again after an error: nothing is half done on herald's side.
type Provider interface {
	// Name is the provider's name for messages ("miniflux", "greader").
	Name() string
	// Subscriptions lists the feeds the account follows.
	Subscriptions(ctx context.Context) ([]Subscription, error)
	// Subscribe follows feedURL, filed in folder when folder is not empty,
	// and returns the subscription as the server records it.
	Subscribe(ctx context.Context, feedURL, folder string) (Subscription, error)
	// Unsubscribe stops following the feed with this id; a feed the
	// server no longer has is not an error.
	Unsubscribe(ctx context.Context, feedID string) error
	// Pull returns what changed on the server since cursor (empty: the
	// first pull) and the cursor for the next pull. known reports whether
	// herald already holds an entry, so a provider that learns state
	// apart from content (greader) fetches content only for new entries.
	Pull(ctx context.Context, cursor string, known func(entryID string) bool) (Batch, error)
	// Push sets read and starred state on the server, in order.
	Push(ctx context.Context, changes []Change) error
}

// Subscription is a feed the account follows.
type Subscription struct {
	ID      string // the server's id for the feed
	URL     string // the feed's URL
	Title   string
	SiteURL string
	Folders []string // the server's categories or labels (herald's tags)
}

// Entry is an entry the server holds, with its state.
type Entry struct {
	ID        string // the server's id for the entry
	FeedID    string // Subscription.ID of its feed
	URL       string // the article's link
	GUID      string // the feed's own id for the entry, when the server gives it
	Title     string
	Author    string
	Content   string // HTML
	Published time.Time
	Read      bool
	Starred   bool
	// Changed is when the server last changed the entry (its state
	// included); zero when the server does not say (greader).
	Changed time.Time
	// StateOnly means Content and the other fields but ID, FeedID, Read,
	// Starred and Changed were not fetched: herald already has the entry.
	StateOnly bool
	// Media is the first audio or video attachment; nil when none.
	Media *Media
}

// Media is an entry's audio or video attachment.
type Media struct {
	URL  string
	Type string
	Size int64
}

// Batch is what one Pull brought.
type Batch struct {
	// Entries changed since the cursor, new ones with their content.
	Entries []Entry
	// Complete means Entries hold every entry the server has unread or
	// starred: an entry herald holds that is not among them is read and
	// not starred on the server. (Providers that only report changes
	// since the cursor leave it false.)
	Complete bool
	// Cursor is what the next Pull starts from.
	Cursor string
}

// Kind is a change of state pushed to the server.
type Kind string

// The changes herald pushes.
const (
	MarkRead   Kind = "read"
	MarkUnread Kind = "unread"
	Star       Kind = "star"
	Unstar     Kind = "unstar"
)

// Change is one change of an entry's state.
type Change struct {
	EntryID string
	Kind    Kind
}

// Options configure a provider.
type Options struct {
	// URL is the server's base address, e.g. http://127.0.0.1:8080 (for
	// greader, the address the API paths /accounts/ClientLogin and
	// /reader/api/0/ hang from: Miniflux's base URL, FreshRSS's
	// …/api/greader.php).
	URL string
	// Username and Password, or APIKey (Miniflux only).
	Username string
	Password string
	APIKey   string
	// HTTP is the client to use; nil means NewHTTPClient(URL, Limits{}).
	HTTP *http.Client
}

// Errors providers wrap, for callers that branch on them.
var (
	// ErrAuth: the server refused the credentials.
	ErrAuth = errors.New("the server refused the user name, password or API key")
	// ErrConfig: the options cannot work (no URL, no credentials…).
	ErrConfig = errors.New("sync is not configured correctly")
)
