package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
	gjson "github.com/mmcdole/gofeed/json"
)

// JSON Feeds are written in more ways than the specification's one: the
// version with escaped slashes ("https:\/\/jsonfeed.org\/version\/1"), the
// http or https form, "1.0" or "1.1", or no version at all on a document
// that is plainly a feed. And an item's content_text is plain text, whose
// paragraphs must survive the HTML clean-up.

// jsonVersionNumber is a bare version: "1", "1.0", "1.1".
var jsonVersionNumber = regexp.MustCompile(`^v?1(?:\.\d)?$`)

// isJSONFeed reports whether a JSON document is a JSON Feed: by its
// version, or, without one, by an items list whose first item has an id
// and a content_html or content_text. It reads no further than it must.
func isJSONFeed(body []byte) bool {
	if bytes.Contains(body, []byte("jsonfeed.org/version")) || bytes.Contains(body, []byte(`jsonfeed.org\/version`)) {
		return true
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch key, _ := t.(string); strings.ToLower(key) {
		case "version":
			var v any
			if dec.Decode(&v) != nil {
				return false
			}
			s, ok := v.(string)
			return ok && jsonVersionNumber.MatchString(strings.ToLower(strings.TrimSpace(s)))
		case "items":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') || !dec.More() {
				return false
			}
			var first map[string]json.RawMessage
			if dec.Decode(&first) != nil {
				return false
			}
			_, id := first["id"]
			_, h := first["content_html"]
			_, t := first["content_text"]
			return id && (h || t)
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
	}
	return false
}

// parseJSONFeed parses a JSON Feed with gofeed's own parser and translator,
// turning each item's content_text into HTML paragraphs when it has no
// content_html, and keeping the attachments' durations, which the
// translator drops (enclosure.go).
func parseJSONFeed(body []byte) (*gofeed.Feed, error) {
	jf, err := (&gjson.Parser{}).Parse(bytes.NewReader(body))
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		// One field of the wrong type fails the whole feed in gofeed:
		// coerce the usual slips and read it again.
		if fixed, ok := coerceJSONFeed(body); ok {
			jf, err = (&gjson.Parser{}).Parse(bytes.NewReader(fixed))
		}
	}
	if err != nil {
		return nil, err
	}
	gf, err := (&gofeed.DefaultJSONTranslator{}).Translate(jf)
	if err != nil {
		return nil, err
	}
	gf.FeedType, gf.FeedVersion = "json", jf.Version
	keepAttachmentDurations(jf, gf)
	for i, it := range jf.Items {
		if i < len(gf.Items) && it != nil && strings.TrimSpace(it.ContentHTML) == "" && strings.TrimSpace(it.ContentText) != "" {
			gf.Items[i].Content = textToHTML(it.ContentText)
		}
	}
	return gf, nil
}

// coerceJSONFeed rewrites the fields feeds commonly get the type of wrong
// into the types of the specification: a string of tags or a single
// author, attachment or hub object where a list belongs, a string author
// where an object belongs, a number where a string id or URL belongs.
func coerceJSONFeed(body []byte) ([]byte, bool) {
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return nil, false
	}
	coerceFields(doc)
	if items, ok := doc["items"].([]any); ok {
		for _, it := range items {
			if m, ok := it.(map[string]any); ok {
				coerceFields(m)
			}
		}
	}
	out, err := json.Marshal(doc)
	return out, err == nil
}

// coerceFields fixes the types of one JSON Feed object's fields in place.
func coerceFields(m map[string]any) {
	for k, v := range m {
		switch k {
		case "tags":
			if s, ok := v.(string); ok {
				m[k] = []any{s}
			}
		case "authors", "attachments", "hubs":
			if o, ok := v.(map[string]any); ok {
				m[k] = []any{o}
			}
		case "author":
			if s, ok := v.(string); ok {
				m[k] = map[string]any{"name": s}
			}
		case "id", "url", "external_url", "title", "summary", "image", "banner_image",
			"content_html", "content_text", "date_published", "date_modified", "home_page_url", "feed_url":
			switch x := v.(type) {
			case float64, bool:
				m[k] = strings.TrimSpace(strings.Trim(string(mustJSON(x)), `"`))
			case nil:
				delete(m, k)
			}
		}
	}
}

// mustJSON marshals a scalar.
func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// blankLine separates the paragraphs of plain text.
var blankLine = regexp.MustCompile(`\n[ \t]*\n\s*`)

// textToHTML escapes plain text and makes each run of lines a paragraph:
// a blank line ends a paragraph, a single line break stays one.
func textToHTML(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for _, para := range blankLine.Split(strings.TrimSpace(text), -1) {
		lines := strings.Split(para, "\n")
		for i, l := range lines {
			lines[i] = html.EscapeString(strings.TrimSpace(l))
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	return b.String()
}
