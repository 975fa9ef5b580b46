package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/herald-reader/herald/article"
	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// maxImportBytes caps an OPML or urls file.
const maxImportBytes = 16 << 20

// maxReadBytes caps a file or stdin given to Read.
const maxReadBytes = 32 << 20

// RejectedError lists the subscriptions Import refused because their URL
// scheme is not http, https or file (newsboat's exec:, filter:, query: …)
// or their line could not be used.
type RejectedError struct {
	Lines []string // one per rejected entry, sanitized
}

// Error lists the rejected lines, one per line after a header.
func (e *RejectedError) Error() string {
	return fmt.Sprintf("rejected %d entr%s (only http, https and file URLs are accepted):\n  %s",
		len(e.Lines), plural(len(e.Lines), "y", "ies"), strings.Join(e.Lines, "\n  "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Import subscribes to the feeds in r: an OPML document if it parses as
// one, else a newsboat urls file. Only http, https and file URLs are
// accepted; the others are skipped and listed in a *RejectedError returned
// alongside the number of feeds added. Feeds already subscribed are not
// counted. name is used in error messages.
func (s *Service) Import(ctx context.Context, r io.Reader, name string) (int, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return 0, fmt.Errorf("import %s: %w", name, err)
	}
	if len(data) > maxImportBytes {
		return 0, fmt.Errorf("import %s: file larger than %d MiB", name, maxImportBytes>>20)
	}
	var rejected []string
	outlines, err := parseSubscriptions(data)
	var skipped *feed.SkippedError
	switch {
	case errors.As(err, &skipped):
		for _, e := range skipped.Entries {
			rejected = append(rejected, sanitize.Line(e))
		}
	case err != nil:
		return 0, fmt.Errorf("import %s: %w", name, err)
	}
	added := 0
	for _, o := range outlines {
		u := strings.TrimSpace(o.XMLURL)
		if u == "" {
			continue
		}
		if err := feed.AllowedURL(u); err != nil {
			rejected = append(rejected, sanitize.Line(err.Error()))
			continue
		}
		tags := make([]string, 0, len(o.Tags))
		for _, t := range o.Tags {
			if t = sanitize.Line(t); t != "" {
				tags = append(tags, t)
			}
		}
		f, err := s.Store.AddFeed(ctx, u, sanitize.Line(o.Title), tags)
		switch {
		case errors.Is(err, store.ErrExists):
		case err != nil:
			return added, fmt.Errorf("import %s: %w", name, err)
		default:
			added++
			if site := strings.TrimSpace(o.HTMLURL); site != "" && webURL(site) {
				if err := s.Store.SetSiteURL(ctx, f.ID, site); err != nil {
					return added, fmt.Errorf("import %s: %w", name, err)
				}
			}
		}
	}
	if len(rejected) > 0 {
		return added, &RejectedError{Lines: rejected}
	}
	return added, nil
}

// parseSubscriptions reads OPML when data looks like XML, else a urls file.
func parseSubscriptions(data []byte) ([]feed.Outline, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<")) {
		outlines, err := feed.ReadOPML(bytes.NewReader(data))
		var skipped *feed.SkippedError
		if err == nil || errors.As(err, &skipped) {
			return outlines, err
		}
		return nil, fmt.Errorf("not valid OPML: %w", err)
	}
	return feed.ReadURLs(bytes.NewReader(data))
}

// Export writes every subscription as an OPML 2.0 document.
func (s *Service) Export(ctx context.Context, w io.Writer) error {
	feeds, err := s.Store.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	outlines := make([]feed.Outline, 0, len(feeds))
	for _, f := range feeds {
		// Everything but the URL the user subscribed to came from the
		// feed; all of it is printed, so all of it goes through sanitize.
		tags := make([]string, len(f.Tags))
		for i, t := range f.Tags {
			tags[i] = sanitize.Line(t)
		}
		outlines = append(outlines, feed.Outline{
			Title:   sanitize.Line(f.Title),
			XMLURL:  sanitize.URL(f.URL),
			HTMLURL: sanitize.URL(f.SiteURL),
			Tags:    tags,
		})
	}
	if err := feed.WriteOPML(w, "herald subscriptions", outlines); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// Read cleans a one-off source into Markdown for `herald read`. source is a
// file path, "-" for stdin, or an http(s) URL. When the bytes are a feed
// (RSS, Atom or JSON Feed), item number itemIndex (0 is the first) is
// cleaned like a refreshed item; otherwise the source is sniffed as a whole
// page, an HTML fragment or plain text. Nothing is stored.
func (s *Service) Read(ctx context.Context, source string, stdin io.Reader, itemIndex int) (string, error) {
	var (
		data        []byte
		contentType string
		base        string
		err         error
	)
	switch {
	case source == "-":
		data, err = readCapped(stdin)
	case strings.HasPrefix(source, "http://") || strings.HasPrefix(source, "https://"):
		var page feed.Page
		page, err = s.Client.FetchPage(ctx, source)
		data, contentType, base = page.Body, page.ContentType, page.URL
		if base == "" {
			base = source
		}
	default:
		var f *os.File
		f, err = os.Open(source)
		if err == nil {
			data, err = readCapped(f)
			f.Close()
		}
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", source, err)
	}
	md, err := s.cleanSource(data, contentType, base, itemIndex)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", source, err)
	}
	return md, nil
}

func readCapped(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxReadBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxReadBytes {
		return nil, fmt.Errorf("larger than %d MiB", maxReadBytes>>20)
	}
	return data, nil
}

// cleanSource turns the bytes of a feed, page, fragment or text into
// sanitized Markdown.
func (s *Service) cleanSource(data []byte, contentType, base string, itemIndex int) (md string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("clean-up failed: %v", r)
		}
	}()
	if feed.LooksLikeFeed(data) {
		f, err := feed.Parse(data, contentType, base)
		if err != nil {
			return "", err
		}
		if itemIndex < 0 || itemIndex >= len(f.Items) {
			return "", fmt.Errorf("the feed has %d items; no item %d", len(f.Items), itemIndex)
		}
		bodies := make([]string, len(f.Items))
		for i, it := range f.Items {
			bodies[i] = body(it.Content, it.Summary)
		}
		it := f.Items[itemIndex]
		return clean(bodies[itemIndex], itemMeta(it, boilerplate(bodies))), nil
	}
	if itemIndex != 0 {
		return "", errors.New("--item applies to feeds only, and this is not a feed")
	}
	doc, err := article.FromAny(toUTF8(data, contentType), article.Meta{Link: base})
	if err != nil {
		return "", err
	}
	return sanitize.Text(doc.Markdown()), nil
}

// Ingest stores an already parsed feed as if it had just been fetched from
// url, subscribing to url first when needed. herald demo uses it to load the
// embedded sample feeds without any network. It returns the new items.
func (s *Service) Ingest(ctx context.Context, url string, f *feed.Feed) (int, error) {
	sf, err := s.Store.AddFeed(ctx, url, sanitize.Line(f.Title), nil)
	if errors.Is(err, store.ErrExists) {
		sf, err = s.Store.FeedByURL(ctx, url)
	}
	if err != nil {
		return 0, fmt.Errorf("ingest %s: %w", url, err)
	}
	n, err := s.Store.SaveFetch(ctx, s.outcome(sf, feed.Result{URL: url, FinalURL: url, Feed: f, StatusCode: 200}))
	s.forgetBoilerplate(sf.ID)
	if err != nil {
		return 0, fmt.Errorf("ingest %s: %w", url, err)
	}
	return n, nil
}

// toUTF8 decodes a page or text read from a file or stdin that is not valid
// UTF-8, using its <meta charset>, a BOM or the Content-Type (pages fetched
// over HTTP arrive in UTF-8 already).
func toUTF8(data []byte, contentType string) string {
	if utf8.Valid(data) {
		return string(data)
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return string(data)
	}
	return string(out)
}

// webURL reports whether s is an absolute http(s) URL without control
// characters: the only kind of site URL import keeps.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !sanitize.HasControl(s)
}
