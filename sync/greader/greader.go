// Package greader syncs with a server through the Google Reader API, as
// FreshRSS, Miniflux, Inoreader, TheOldReader and BazQux serve it. It is
// written against the protocol with the standard library only.
//
// The API learns state apart from content: Pull lists the ids of unread
// and starred items (and of items new since the cursor), then fetches
// content only for the ids herald does not hold yet.
package greader

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	hsync "github.com/herald-reader/herald/sync"
)

// Paths under Options.URL.
const (
	loginPath = "/accounts/ClientLogin"
	apiPath   = "/reader/api/0/"
)

// Google Reader stream ids.
const (
	streamReadingList = "user/-/state/com.google/reading-list"
	streamRead        = "user/-/state/com.google/read"
	streamStarred     = "user/-/state/com.google/starred"
	labelPrefix       = "user/-/label/"
	feedPrefix        = "feed/"
)

// Provider is one account on a Google Reader API server.
type Provider struct {
	base string // Options.URL without a trailing slash, query or fragment
	user string
	pass string
	hc   *http.Client
	// maxIDs caps the ids taken from one stream (maxIDs; tests lower it).
	maxIDs int
	// maxContent caps the items whose content one pull fetches
	// (maxContent; tests lower it).
	maxContent int

	mu    sync.Mutex
	auth  string // ClientLogin's Auth token; empty until logged in
	token string // the T field POST requests carry
}

var _ hsync.Provider = (*Provider)(nil)

// New returns a provider for the server at o.URL (Miniflux: its base URL;
// FreshRSS: …/api/greader.php). It needs o.Username and o.Password and logs
// in on first use.
func New(o hsync.Options) (*Provider, error) {
	if err := hsync.CheckURL(o.URL); err != nil {
		return nil, err
	}
	if o.Username == "" || o.Password == "" {
		return nil, fmt.Errorf("%w: the Google Reader API needs a user name and a password", hsync.ErrConfig)
	}
	u, err := url.Parse(strings.TrimSpace(o.URL))
	if err != nil { // CheckURL parsed it already
		return nil, fmt.Errorf("%w: server URL: %v", hsync.ErrConfig, err)
	}
	u.RawQuery, u.Fragment = "", ""
	hc := o.HTTP
	if hc == nil {
		hc = hsync.NewHTTPClient(o.URL, hsync.Limits{})
	}
	return &Provider{
		base:       strings.TrimRight(u.String(), "/"),
		user:       o.Username,
		pass:       o.Password,
		hc:         hc,
		maxIDs:     maxIDs,
		maxContent: maxContent,
	}, nil
}

// Name is "greader".
func (p *Provider) Name() string { return "greader" }
