package service

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/herald-reader/herald/article"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// summaryOnlyChars is the amount of text under which an item's content is
// taken for a summary when bookmarking, and the full page is fetched.
const summaryOnlyChars = 1500

// Article returns a stored item and its cleaned Markdown, from the database
// only. The Markdown is made and cached on first open when the refresh did
// not make it. For a bookmarked item, the bookmark's saved article wins; a
// bookmark whose item is gone (feed removed, item pruned) is still returned,
// as an Item rebuilt from the bookmark with Bookmarked set.
func (s *Service) Article(ctx context.Context, id int64) (store.Item, string, error) {
	bm, bmErr := s.Store.Bookmark(ctx, id)
	if bmErr != nil && !errors.Is(bmErr, store.ErrNotFound) {
		return store.Item{}, "", fmt.Errorf("article %d: %w", id, bmErr)
	}
	hasBM := bmErr == nil
	// Store.Item itself falls back to the bookmark when the item is gone.
	it, err := s.Store.Item(ctx, id)
	if err != nil {
		return store.Item{}, "", fmt.Errorf("article %d: %w", id, err)
	}
	if hasBM && strings.TrimSpace(bm.Markdown) != "" {
		it.Bookmarked = true
		return it, withMedia(sanitize.Text(bm.Markdown), it), nil
	}
	if it.Markdown == "" {
		it.Markdown = s.safeClean(body(it.Content, it.Summary), meta(it, s.feedBoilerplate(ctx, it.FeedID)))
		if err := s.Store.SetMarkdown(ctx, id, it.Markdown); err != nil {
			// The article can still be shown; it is cleaned again next time.
			s.log().Warn("cache markdown", "id", id, "err", err)
		}
	}
	return it, withMedia(sanitize.Text(it.Markdown), it), nil
}

// withMedia ends an article with its audio or video enclosure, among its
// links: "Audio: URL (audio/mpeg, 45 MB, 1:02:03)", unless the article
// links it already.
func withMedia(md string, it store.Item) string {
	label := it.MediaLabel()
	if label == "" || strings.Contains(md, it.MediaURL) || strings.Contains(md, linkDest.Replace(it.MediaURL)) {
		return md
	}
	kind, rest, _ := strings.Cut(sanitize.Line(label), ": ")
	return strings.TrimRight(md, "\n") + "\n\n**" + kind + ":** " + rest + "\n"
}

// linkDest escapes an address as the article package writes it in a
// Markdown link destination (article's escapeURL).
var linkDest = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// FetchFull fetches an item's link, extracts the main article from the page,
// cleans it and caches its Markdown in place of the feed's version.
func (s *Service) FetchFull(ctx context.Context, id int64) (string, error) {
	it, err := s.Store.Item(ctx, id)
	if err != nil {
		return "", fmt.Errorf("fetch full article %d: %w", id, err)
	}
	md, err := s.fetchFull(ctx, it)
	if err != nil {
		return "", err
	}
	if err := s.Store.SetMarkdown(ctx, id, md); err != nil {
		return "", fmt.Errorf("fetch full article %d: %w", id, err)
	}
	return md, nil
}

// fetchFull fetches and cleans the page an item links to.
func (s *Service) fetchFull(ctx context.Context, it store.Item) (string, error) {
	if it.Link == "" {
		return "", errors.New("the item has no link")
	}
	page, err := s.Client.FetchLinkedPage(ctx, it.Link)
	if err != nil {
		return "", err // feed's error already names the URL
	}
	m := meta(it, nil)
	if page.URL != "" {
		m.Link = page.URL
	}
	doc, err := s.fromPage(string(page.Body), m)
	if err != nil {
		return "", fmt.Errorf("extract %s: %w", it.Link, err)
	}
	md := sanitize.Text(doc.Markdown())
	if textLen(md) == 0 {
		return "", fmt.Errorf("extract %s: no article text found", it.Link)
	}
	return md, nil
}

// fromPage is article.FromPage with a panic turned into an error.
func (s *Service) fromPage(page string, m article.Meta) (doc *article.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("clean-up failed: %v", r)
		}
	}()
	return article.FromPage(page, m)
}

// SaveBookmark bookmarks an item with its full article. When the item's
// content looks like a summary only (short, a "Continue reading" link, or
// the same as the summary), the linked page is fetched, extracted and
// cleaned. If that fails, the summary is kept and the bookmark is marked
// failed with the reason. The error is about the database only: a failed
// fetch is recorded in the bookmark, not returned. Once the text is saved,
// the article's pictures are kept with it (bookmarkimages.go); a picture
// that fails is logged, not returned.
func (s *Service) SaveBookmark(ctx context.Context, id int64) error {
	it, md, err := s.Article(ctx, id)
	if err != nil {
		return fmt.Errorf("bookmark %d: %w", id, err)
	}
	bm := store.Bookmark{
		ItemID:    id,
		Title:     sanitize.Line(it.Title),
		URL:       it.Link,
		FeedTitle: sanitize.Line(it.FeedTitle),
		Author:    sanitize.Line(it.Author),
		Published: it.Published,
		Saved:     s.now(),
		Markdown:  md,
		State:     store.BookmarkSaved,
	}
	if it.FeedID != 0 {
		if f, err := s.Store.Feed(ctx, it.FeedID); err == nil {
			bm.FeedURL = f.URL
			if bm.FeedTitle == "" {
				bm.FeedTitle = sanitize.Line(f.Title)
			}
		}
	}
	if old, err := s.Store.Bookmark(ctx, id); err == nil && old.State == store.BookmarkSaved && strings.TrimSpace(old.Markdown) != "" {
		// Already saved whole: keep it (and its save time), and fetch the
		// images a save cut short did not keep.
		s.saveBookmarkImages(ctx, id, old.Markdown)
		return nil
	}
	// An item whose feed is gone has only the bookmark's text: its page is
	// fetched again too (a save that was interrupted, or failed before).
	if summaryOnly(it) {
		full, err := s.fetchFull(ctx, it)
		switch {
		case err != nil:
			bm.State, bm.Error = store.BookmarkFailed, oneLine(err)
		case textLen(full) >= textLen(md):
			bm.Markdown = full
		}
	}
	if err := s.Store.SaveBookmark(ctx, bm); err != nil {
		return fmt.Errorf("bookmark %d: %w", id, err)
	}
	s.saveBookmarkImages(ctx, id, bm.Markdown) // the text is saved first: a picture is never its price
	return nil
}

// MarkSaving records that a bookmark is being saved, so a UI can show it
// while SaveBookmark fetches the full article in the background.
func (s *Service) MarkSaving(ctx context.Context, id int64) error {
	it, err := s.Store.Item(ctx, id)
	if err != nil {
		return fmt.Errorf("bookmark %d: %w", id, err)
	}
	if old, err := s.Store.Bookmark(ctx, id); err == nil && old.State == store.BookmarkSaved {
		return nil
	}
	// The item's own text goes in at once: whatever becomes of the save or
	// of the feed, the bookmark keeps at least that.
	_, md, err := s.Article(ctx, id)
	if err != nil {
		return fmt.Errorf("bookmark %d: %w", id, err)
	}
	return s.Store.SaveBookmark(ctx, store.Bookmark{
		ItemID:    id,
		Title:     sanitize.Line(it.Title),
		URL:       it.Link,
		FeedTitle: sanitize.Line(it.FeedTitle),
		Author:    sanitize.Line(it.Author),
		Published: it.Published,
		Saved:     s.now(),
		Markdown:  md,
		State:     store.BookmarkSaving,
	})
}

// staleSaving is how long a bookmark may stay "saving" before a command
// that does not retry it (herald bookmarks) takes its save for interrupted:
// well past the time any fetch may take.
const staleSaving = 2 * time.Minute

// UnfinishedBookmarks returns the ids of bookmarks whose save never ended
// (herald was killed mid-fetch), for the reader to retry at start.
func (s *Service) UnfinishedBookmarks(ctx context.Context) ([]int64, error) {
	bms, err := s.Store.Bookmarks(ctx)
	if err != nil {
		return nil, fmt.Errorf("unfinished bookmarks: %w", err)
	}
	var ids []int64
	for _, b := range bms {
		if b.State == store.BookmarkSaving {
			ids = append(ids, b.ItemID)
		}
	}
	return ids, nil
}

// MarkInterrupted marks as failed the bookmarks left "saving" for longer
// than any save takes, keeping (or, while the item is there, filling in)
// the item's text; `herald bookmarks add ID` or the reader tries again.
func (s *Service) MarkInterrupted(ctx context.Context) error {
	bms, err := s.Store.Bookmarks(ctx)
	if err != nil {
		return fmt.Errorf("interrupted bookmarks: %w", err)
	}
	for _, b := range bms {
		if b.State != store.BookmarkSaving || s.now().Sub(b.Saved) < staleSaving {
			continue
		}
		if strings.TrimSpace(b.Markdown) == "" {
			if _, md, err := s.Article(ctx, b.ItemID); err == nil {
				b.Markdown = md
			}
		}
		b.State, b.Error = store.BookmarkFailed, "the save was interrupted"
		if err := s.Store.SaveBookmark(ctx, b); err != nil {
			return fmt.Errorf("interrupted bookmarks: %w", err)
		}
	}
	return nil
}

// keepBookmarkText gives every bookmark of the feed at feedURL that has no
// text yet the item's own, before the feed and its items go.
func (s *Service) keepBookmarkText(ctx context.Context, feedURL string) error {
	bms, err := s.Store.Bookmarks(ctx)
	if err != nil {
		return err
	}
	for _, b := range bms {
		if b.FeedURL != feedURL || strings.TrimSpace(b.Markdown) != "" {
			continue
		}
		if _, md, err := s.Article(ctx, b.ItemID); err == nil {
			b.Markdown = md
			if err := s.Store.SaveBookmark(ctx, b); err != nil {
				return err
			}
		}
	}
	return nil
}

// RemoveBookmark deletes a bookmark and the images it keeps; the item, if
// still there, stays.
func (s *Service) RemoveBookmark(ctx context.Context, id int64) error {
	if err := s.Store.RemoveBookmark(ctx, id); err != nil {
		return fmt.Errorf("remove bookmark %d: %w", id, err)
	}
	return nil
}

var (
	moreLink = regexp.MustCompile(`(?i)(continue reading|read more|read the full|full story|keep reading)`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// summaryOnly reports whether an item's content looks like a teaser rather
// than the whole article.
func summaryOnly(it store.Item) bool {
	content := strings.TrimSpace(it.Content)
	if content == "" || content == strings.TrimSpace(it.Summary) {
		return true
	}
	if moreLink.MatchString(content) {
		return true
	}
	return textLen(tagRE.ReplaceAllString(content, " ")) < summaryOnlyChars
}

// textLen counts the characters of text in s, ignoring whitespace runs.
func textLen(s string) int {
	return utf8.RuneCountInString(strings.Join(strings.Fields(s), " "))
}
