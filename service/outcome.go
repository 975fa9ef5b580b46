package service

// From a fetched feed to what the store saves: items, their triage, their
// Markdown when it is made at refresh.

import (
	"fmt"
	"strings"

	"github.com/herald-reader/herald/article"
	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// outcome turns a fetch result into what the store saves, cleaning every
// item's article into Markdown on the way.
func (s *Service) outcome(f store.Feed, r feed.Result) store.FetchOutcome {
	out := store.FetchOutcome{
		FeedID:       f.ID,
		ETag:         f.ETag,
		LastModified: f.LastModified,
		At:           s.now(),
	}
	switch {
	case r.Err != nil:
		out.Err = oneLine(r.Err)
		out.Gone = r.Gone
		// Only the server's Retry-After: herald's own backoff is not
		// stored but follows from the feed's count of errors (backoff.go),
		// so a manual refresh can still tell the two apart.
		out.NextFetch = r.RetryAfter
		return out
	case r.NotModified:
		out.NotModified = true
	case r.Feed == nil:
		out.Err = "empty result from the feed client"
		return out
	}
	if r.ETag != "" || r.LastModified != "" {
		out.ETag, out.LastModified = r.ETag, r.LastModified
	}
	if r.Feed != nil {
		out.Title = sanitize.Line(r.Feed.Title)
		out.SiteURL = r.Feed.SiteURL
		out.Items = s.newItems(r.Feed.Items, s.CleanAtRefresh)
		s.triage(out.Items, r.Feed.Items, f, out.Title)
		store.PrepareItems(out.Items) // here, off the store's single writer
		notes := []string{}
		if n := syncNote(f.Note); n != "" && s.Remote != nil && f.RemoteID == "" && !f.LocalOnly {
			notes = append(notes, n) // the sync server refused it, and still does
		}
		if r.Feed.Note != "" { // a document read in part
			notes = append(notes, r.Feed.Note)
		}
		if kept, total := len(r.Feed.Items), r.Feed.TotalItems; total > kept {
			notes = append(notes, fmt.Sprintf("kept the newest %d of its %d items", kept, total))
		}
		out.Note = strings.Join(notes, "; ")
	}
	return out
}

// newItems converts parsed items into store items. With clean, each also
// gets its Markdown, made without the feed's boilerplate lines.
func (s *Service) newItems(items []feed.Item, clean bool) []store.NewItem {
	bodies := make([]string, len(items))
	for i, it := range items {
		bodies[i] = body(it.Content, it.Summary)
	}
	var bp []string
	if clean {
		bp = boilerplate(bodies)
	}
	out := make([]store.NewItem, 0, len(items))
	for i, it := range items {
		ni := store.NewItem{
			GUID:         it.GUID,
			Link:         it.Link,
			Title:        it.Title,
			Author:       it.Author,
			Published:    it.Published,
			Summary:      it.Summary,
			Content:      it.Content,
			ImageURL:     it.ImageURL,
			ImageCaption: it.ImageCaption,
			ImageCredit:  it.ImageCredit,
		}
		if md := it.Media; md != nil {
			ni.MediaURL, ni.MediaType, ni.MediaSize = md.URL, md.Type, md.Size
			ni.MediaDuration = int64(md.Duration.Seconds())
		}
		out = append(out, ni)
		if !clean {
			continue
		}
		out[len(out)-1].Markdown = s.safeClean(bodies[i], itemMeta(it, bp))
	}
	return out
}

// itemMeta is the article metadata of a parsed feed item.
func itemMeta(it feed.Item, bp []string) article.Meta {
	return article.Meta{
		Title:        it.Title,
		Link:         it.Link,
		Author:       it.Author,
		Published:    it.Published,
		Summary:      it.Summary,
		ImageURL:     it.ImageURL,
		ImageCaption: it.ImageCaption,
		ImageCredit:  it.ImageCredit,
		Boilerplate:  bp,
	}
}

// boilerplate returns the feed-wide recurring lines, guarding against a
// panic in the clean-up so one odd feed cannot stop a refresh.
func boilerplate(bodies []string) (bp []string) {
	defer func() {
		if recover() != nil {
			bp = nil
		}
	}()
	return article.FeedBoilerplate(bodies)
}

// safeClean is clean that turns a panic into an empty result: the item is
// then cleaned again when it is first opened.
func (s *Service) safeClean(html string, m article.Meta) (md string) {
	defer func() {
		if r := recover(); r != nil {
			s.log().Error("clean-up panicked", "link", m.Link, "panic", r)
			md = ""
		}
	}()
	return clean(html, m)
}

// oneLine makes an error fit on one line of `herald feeds`.
func oneLine(err error) string {
	s := sanitize.Line(err.Error())
	const max = 300
	if len(s) > max {
		r := []rune(s)
		if len(r) > max {
			s = string(r[:max]) + "…"
		}
	}
	return s
}
