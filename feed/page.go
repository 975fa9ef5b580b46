package feed

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html/charset"
)

// Fetching web pages: the ones a user names (read, add) and the ones a
// feed links to (the full article behind an item), which are http(s) only.

// ErrNotWeb is the error of FetchLinkedPage for a link that is not http or
// https.
var ErrNotWeb = errors.New("only http and https links are fetched")

// FetchPage fetches a URL the user named (http, https or file) with the
// client's limits and returns its final URL, Content-Type and body. HTML
// bodies are converted to UTF-8. A non-2xx status is an error.
func (c *Client) FetchPage(ctx context.Context, rawURL string) (Page, error) {
	hdr := http.Header{}
	hdr.Set("Accept", "text/html, application/xhtml+xml, */*;q=0.8")
	resp, err := c.get(ctx, rawURL, hdr, "page")
	if err != nil {
		return Page{}, fetchErr(rawURL, err)
	}
	if resp.status < 200 || resp.status > 299 {
		return Page{}, fetchErr(rawURL, statusError(resp.status))
	}
	ct := resp.header.Get("Content-Type")
	body := resp.body
	if isHTML(ct, body) {
		body = toUTF8HTML(body, ct)
	}
	return Page{URL: resp.final, ContentType: ct, Body: body}, nil
}

// FetchLinkedPage is FetchPage for a URL that came from a feed (an item's
// link): only http and https are fetched, so a feed can never make herald
// read a local file.
func (c *Client) FetchLinkedPage(ctx context.Context, rawURL string) (Page, error) {
	if !IsWebURL(rawURL) {
		return Page{}, fetchErr(rawURL, ErrNotWeb)
	}
	return c.FetchPage(ctx, rawURL)
}

// IsWebURL reports whether rawURL is an absolute http or https URL with a
// host.
func IsWebURL(rawURL string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// isHTML reports whether a response is an HTML page, by Content-Type or,
// when that is missing or generic, by sniffing.
func isHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return true
	}
	if ct == "" || strings.HasPrefix(ct, "text/plain") || strings.HasPrefix(ct, "application/octet-stream") {
		return looksLikeHTML(body)
	}
	return false
}

// toUTF8HTML converts an HTML page to UTF-8 using the Content-Type charset,
// a BOM or a <meta charset>, as browsers do.
func toUTF8HTML(body []byte, contentType string) []byte {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" || enc == nil {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}
