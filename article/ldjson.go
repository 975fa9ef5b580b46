package article

import (
	"encoding/json"
	"html"
	"strings"
)

// The article's text as the page gives it to search engines, in JSON-LD
// (schema.org articleBody): a second opinion on where the body starts and
// ends, where a page has it.

// markupTag is an HTML tag inside a JSON string.
var markupTag *lazyRegexp

// ldArticleBody returns the longest articleBody in one JSON-LD script, as
// plain text, or "".
func ldArticleBody(script string) string {
	if !strings.Contains(script, `"articleBody"`) {
		return ""
	}
	var v any
	if json.Unmarshal([]byte(strings.TrimSpace(script)), &v) != nil {
		return ""
	}
	body := ""
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "articleBody" && len(s) > len(body) {
					body = s
				} else {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	if strings.Contains(body, "<") {
		// Some sites put the HTML itself there.
		body = markupTag.ReplaceAllString(body, " ")
	}
	return html.UnescapeString(body)
}

// shingleWords is how many words make a shingle when texts are compared.
const shingleWords = 3

// shingles returns the set of runs of shingleWords words of a norm()ed
// text; a shorter text is one shingle.
func shingles(n string) map[string]bool {
	w := strings.Fields(n)
	out := map[string]bool{}
	if len(w) < shingleWords {
		if len(w) > 0 {
			out[strings.Join(w, " ")] = true
		}
		return out
	}
	for i := 0; i+shingleWords <= len(w); i++ {
		out[strings.Join(w[i:i+shingleWords], " ")] = true
	}
	return out
}

// shared returns the share of the shingles of text found in set.
func shared(text string, set map[string]bool) float64 {
	own := shingles(norm(text))
	if len(own) == 0 {
		return 0
	}
	n := 0
	for s := range own {
		if set[s] {
			n++
		}
	}
	return float64(n) / float64(len(own))
}

// confirmShare is the share of the words of our paragraphs that the
// articleBody must hold before it is trusted to say where the body ends.
const confirmShare = 0.8

// ldEdges drops, before the first and after the last block the page's
// articleBody confirms, the text blocks it shares nothing with: what the
// page set around its article (pictures stay: articleBody has no captions).
// It does nothing unless the articleBody holds most of the text kept.
func (c *cleaner) ldEdges() {
	if c.info.articleBody == "" {
		return
	}
	set := shingles(norm(c.info.articleBody))
	total, confirmed := 0, 0
	for _, it := range c.kept() {
		if !realParagraph(it) {
			continue
		}
		n := wordCount(it.plain)
		total += n
		if shared(it.plain, set) >= 0.5 {
			confirmed += n
		}
	}
	if total == 0 || float64(confirmed) < confirmShare*float64(total) {
		return
	}
	foreign := func(it *item) bool {
		return it.Kind != FigureBlock && it.plain != "" && shared(it.plain, set) == 0
	}
	for _, it := range c.kept() {
		if it.Kind == FigureBlock {
			continue
		}
		if !foreign(it) {
			break
		}
		it.drop = true
	}
	for i := len(c.items) - 1; i >= 0; i-- {
		it := &c.items[i]
		if it.drop || it.Kind == FigureBlock {
			continue
		}
		if !foreign(it) {
			break
		}
		it.drop = true
	}
}

func init() {
	register(func() {
		markupTag = compileLater(`</?[a-zA-Z][^<>]*>`)
	})
}
