package greader

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	hsync "github.com/herald-reader/herald/sync"
)

// Subscriptions lists the feeds the account follows, their folders from
// the server's categories.
func (p *Provider) Subscriptions(ctx context.Context) ([]hsync.Subscription, error) {
	var v subscriptionList
	q := url.Values{"output": {"json"}}
	if err := p.call(ctx, http.MethodGet, "subscription/list", q, nil, &v); err != nil {
		return nil, err
	}
	subs := make([]hsync.Subscription, 0, len(v.Subscriptions))
	for _, s := range v.Subscriptions {
		if s.ID == "" {
			continue
		}
		sub := hsync.Subscription{
			ID:      string(s.ID),
			URL:     string(s.URL),
			Title:   string(s.Title),
			SiteURL: string(s.HTMLURL),
		}
		for _, c := range s.Categories {
			if f := c.folder(); f != "" {
				sub.Folders = append(sub.Folders, f)
			}
		}
		subs = append(subs, sub)
	}
	return subs, nil
}

// Subscribe follows feedURL through quickadd, then files it in folder with
// subscription/edit. A feed the account already follows is only filed.
func (p *Provider) Subscribe(ctx context.Context, feedURL, folder string) (hsync.Subscription, error) {
	if strings.TrimSpace(feedURL) == "" {
		return hsync.Subscription{}, errors.New("greader: subscribe: no feed URL")
	}
	subs, err := p.Subscriptions(ctx)
	if err != nil {
		return hsync.Subscription{}, err
	}
	// Miniflux refuses to quickadd a feed it has; FreshRSS would add it twice.
	streamID := ""
	for _, s := range subs {
		if s.URL == feedURL {
			streamID = s.ID
			break
		}
	}
	var added quickAdd
	if streamID == "" {
		form := url.Values{"quickadd": {feedURL}}
		if err := p.call(ctx, http.MethodPost, "subscription/quickadd", nil, form, &added); err != nil {
			return hsync.Subscription{}, err
		}
		if added.NumResults <= 0 || added.StreamID == "" {
			return hsync.Subscription{}, fmt.Errorf("greader: subscribe: the server found no feed at %s", feedURL)
		}
		streamID = feedStream(string(added.StreamID))
	}
	if folder != "" {
		form := url.Values{"ac": {"edit"}, "s": {streamID}, "a": {labelPrefix + folder}}
		if err := p.call(ctx, http.MethodPost, "subscription/edit", nil, form, nil); err != nil {
			return hsync.Subscription{}, fmt.Errorf("greader: subscribe: file in %q: %w", folder, err)
		}
	}
	if subs, err = p.Subscriptions(ctx); err != nil {
		return hsync.Subscription{}, err
	}
	for _, s := range subs {
		if s.ID == streamID {
			return s, nil
		}
	}
	// Not listed (yet): say what the server answered.
	sub := hsync.Subscription{ID: streamID, URL: string(added.Query), Title: string(added.StreamName)}
	if sub.URL == "" {
		sub.URL = feedURL
	}
	if folder != "" {
		sub.Folders = []string{folder}
	}
	return sub, nil
}

// Unsubscribe stops following the feed. Servers answer an error for a
// feed they do not have (FreshRSS 400, Miniflux 500): when the feed is not
// in the list afterwards, that is not an error.
func (p *Provider) Unsubscribe(ctx context.Context, feedID string) error {
	id := feedStream(feedID)
	form := url.Values{"ac": {"unsubscribe"}, "s": {id}}
	err := p.call(ctx, http.MethodPost, "subscription/edit", nil, form, nil)
	if err == nil || errors.Is(err, hsync.ErrAuth) || ctx.Err() != nil {
		return err
	}
	subs, lerr := p.Subscriptions(ctx)
	if lerr != nil {
		return err
	}
	for _, s := range subs {
		if s.ID == id {
			return err
		}
	}
	return nil
}
