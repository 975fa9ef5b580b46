package feed

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"
)

// detectWindow is how many leading bytes gofeed inspects to detect the feed
// type (gofeed v1.4.x, STACK.md §6.3).
const detectWindow = 4096

// Parse parses an RSS, Atom or JSON Feed body (or an Atom Entry Document,
// or RSS in JSON) into a Feed. contentType is the HTTP Content-Type (its
// charset is used when the XML has no encoding declaration); baseURL
// (usually the final fetch URL) resolves relative links. Titles and
// authors are converted from HTML to plain text; every other string is
// kept as the feed sent it (sanitizing happens at output). Errors are one
// line: "empty response", "not a feed (…what it is…)", a parse error, that
// a feed of more than MaxItems items could not be cut down, or that it
// holds more elements, attributes, namespaces or values than a feed needs
// (wrapping ErrTooComplex, census.go). At most MaxItems items are kept
// (cap.go). A document cut short is read up to the cut, and Feed.Note
// says so (repair.go).
func Parse(body []byte, contentType, baseURL string) (*Feed, error) {
	return parse(body, contentType, baseURL, MaxItems)
}

// parse is Parse keeping at most limit items.
func parse(body []byte, contentType, baseURL string, limit int) (*Feed, error) {
	return parseDoc(body, contentType, baseURL, limit, true)
}

// parseDoc is parse; repair is whether a document cut short is read up to
// the cut (repair.go), which tests turn off to compare.
func parseDoc(body []byte, contentType, baseURL string, limit int, repair bool) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil { // hostile input must never crash a refresh
			f, err = nil, fmt.Errorf("parse feed: internal error: %v", r)
		}
	}()
	body, typ, err := prepare(body)
	if err != nil {
		return nil, err
	}
	body = toUTF8(body, contentType)
	if typ == feedTypeRSSJSON {
		if body, err = rssJSONToXML(body); err != nil {
			return nil, err
		}
		typ = gofeed.FeedTypeRSS
	}
	gf, dropped, err := read(body, typ, limit)
	var cut *cutShort
	if err != nil && repair {
		gf, dropped, cut, err = readRepaired(body, typ, limit, err)
	}
	if err != nil {
		return nil, err
	}
	f = convert(gf, baseURL)
	f.TotalItems = len(f.Items) + dropped
	if cut != nil {
		f.Note = cut.note(f.TotalItems)
	}
	return f, nil
}

// read cuts body down to limit items, checks what is left against the
// limits and parses it; its errors are the one-line ones Parse returns.
func read(body []byte, typ gofeed.FeedType, limit int) (*gofeed.Feed, int, error) {
	body, dropped, err := capItems(body, typ, limit)
	if err != nil {
		return nil, 0, err
	}
	if err := checkSize(body, typ); err != nil {
		return nil, 0, err
	}
	gf, err := parseGofeed(body, typ)
	if err != nil && typ != gofeed.FeedTypeJSON {
		// One &#27; fails the whole feed in gofeed (STACK.md §6.4): retry
		// without references to characters XML forbids.
		if fixed := stripIllegalCharRefs(body); len(fixed) != len(body) {
			gf, err = parseGofeed(fixed, typ)
		}
	}
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, 0, errors.New("not a feed")
		}
		return nil, 0, fmt.Errorf("parse feed: %s", oneLine(err.Error()))
	}
	return gf, dropped, nil
}

// parseGofeed parses body as gofeed does: by the fast path (fastrss.go,
// fastatom.go) when the document is plain enough, else with gofeed,
// lifting long item bodies out first (lift.go) when it safely can (and
// reading the skeleton by the fast path when that one is plain enough).
func parseGofeed(body []byte, typ gofeed.FeedType) (*gofeed.Feed, error) {
	if typ == gofeed.FeedTypeJSON {
		return parseJSONFeed(body)
	}
	if gf, ok := fastParse(body); ok {
		return gf, nil
	}
	if skeleton, bodies := lift(body, typ); bodies != nil {
		if gf, err := parseXMLFeed(skeleton); err == nil {
			bodies.restore(gf)
			return gf, nil
		}
	}
	return parseXMLFeed(body)
}

// parseXMLFeed reads an RSS or Atom document by the fast path when it can,
// and with gofeed otherwise.
func parseXMLFeed(body []byte) (*gofeed.Feed, error) {
	if gf, ok := fastParse(body); ok {
		return gf, nil
	}
	return gofeedParse(body)
}

// gofeedParse is gofeed's universal parser as herald uses it. lift.go
// depends on how this gofeed version reads item bodies (ParseText and
// parseAtomText on innerxml, translators that copy them, no content image
// scan), and so does the fast path (fastrss.go, fastatom.go: it repeats
// this version's parsers); TestLiftGofeedVersion fails when the version
// changes, so that the lift and fast-path tests are looked at again.
func gofeedParse(body []byte) (*gofeed.Feed, error) {
	p := gofeed.NewParser()
	// The <img> scan costs a full HTML parse per item; the lead image comes
	// from media:* and enclosures instead, and article/ finds inline ones.
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p.Parse(bytes.NewReader(body))
}

// LooksLikeFeed reports whether body looks like an RSS, Atom or JSON feed
// (by its root element or JSON Feed version), without parsing it all.
func LooksLikeFeed(body []byte) bool {
	_, _, err := prepare(body)
	return err == nil
}

// prepare checks that body is a feed, trimming junk before it that would
// defeat gofeed's type detection, and returns the body to parse.
func prepare(body []byte) ([]byte, gofeed.FeedType, error) {
	body = fromUTF16(body)
	body = unknownLabelUTF8(body)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimSpace(body), utf8BOM), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, gofeed.FeedTypeUnknown, errors.New("empty response")
	}
	body = skipLeadingJunk(body)
	typ := detect(body)
	if typ == gofeed.FeedTypeUnknown && len(body) > detectWindow {
		// The root element may sit beyond the detection window, after long
		// comments or a doctype: drop those (the XML declaration stays).
		if b := skipProlog(body); len(b) != len(body) {
			if t := detect(b); t != gofeed.FeedTypeUnknown {
				body, typ = b, t
			}
		}
	}
	switch typ {
	case gofeed.FeedTypeUnknown:
		if feed, ok := atomEntryFeed(body); ok {
			return feed, gofeed.FeedTypeAtom, nil
		}
		return nil, typ, notAFeed(body)
	case gofeed.FeedTypeJSON:
		if !isJSONFeed(body) {
			if isRSSInJSON(body) {
				return body, feedTypeRSSJSON, nil
			}
			return nil, typ, errors.New("not a feed (JSON that is not a JSON Feed)")
		}
	}
	return body, typ, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

func detect(body []byte) gofeed.FeedType {
	if len(body) > detectWindow {
		body = body[:detectWindow]
	}
	return gofeed.DetectFeedType(bytes.NewReader(body))
}

// skipLeadingJunk drops text before the XML (PHP warnings, a stray line)
// when the body does not start with '<' or '{'.
func skipLeadingJunk(body []byte) []byte {
	b := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(body, " \t\r\n"), utf8BOM), " \t\r\n")
	if len(b) == 0 || b[0] == '<' || b[0] == '{' {
		return body
	}
	head := b
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	best := -1
	for _, m := range [][]byte{[]byte("<?xml"), []byte("<rss"), []byte("<feed"), []byte("<rdf:RDF")} {
		if i := bytes.Index(head, m); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return body
	}
	return b[best:]
}

// skipProlog returns body without the comments, processing instructions,
// doctype and whitespace between the XML declaration and the root element.
func skipProlog(body []byte) []byte {
	b := bytes.TrimPrefix(bytes.TrimLeft(body, " \t\r\n"), utf8BOM)
	var decl []byte
	if bytes.HasPrefix(b, []byte("<?xml")) {
		end := bytes.Index(b, []byte("?>"))
		if end < 0 {
			return body
		}
		decl, b = b[:end+2], b[end+2:]
	}
	at := rootStart(b) // the prolog's walk is the one notAFeed and atomEntryFeed use
	if at < 0 {
		return body
	}
	b = b[at:]
	// Check the type on a small prefix before copying a large body
	// (an HTML page comes through here too).
	head := append(append(append([]byte(nil), decl...), '\n'), b[:min(len(b), detectWindow)]...)
	if detect(head) == gofeed.FeedTypeUnknown {
		return body
	}
	out := make([]byte, 0, len(decl)+1+len(b))
	out = append(append(append(out, decl...), '\n'), b...)
	return out
}

// doctypeEnd returns the index after a <!DOCTYPE …> that may hold an
// internal subset in brackets, or -1.
func doctypeEnd(b []byte) int {
	depth := 0
	for i, c := range b {
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

// looksLikeHTML reports whether body starts like an HTML page.
func looksLikeHTML(body []byte) bool {
	b := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(body, " \t\r\n"), utf8BOM), " \t\r\n")
	if len(b) > 2048 {
		b = b[:2048]
	}
	lower := bytes.ToLower(b)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return true
	}
	for _, tag := range []string{"<html", "<head", "<body", "<meta ", "<title>"} {
		if bytes.Contains(lower, []byte(tag)) {
			return true
		}
	}
	return false
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// personName finds the name inside an author given as an XML person.
var personName = regexp.MustCompile(`(?is)<(?:\w+:)?name>\s*(.*?)\s*</(?:\w+:)?name>`)

// tagLike matches something that is plausibly an HTML tag or comment, so
// "a < b" or "x<y" in a plain title is not mistaken for markup.
var tagLike = regexp.MustCompile(`<(?:/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?|!--[\s\S]*?--)>`)

// blockTags separate words: their boundaries become spaces.
var blockTags = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true, "tr": true,
	"td": true, "th": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "blockquote": true, "hr": true, "section": true, "article": true,
}

// titleTags, with blockTags, are the elements stripped from titles and
// names; any other tag-like text is kept as text.
var titleTags = map[string]bool{
	"a": true, "abbr": true, "acronym": true, "b": true, "big": true, "cite": true, "code": true, "del": true,
	"dfn": true, "em": true, "font": true, "i": true, "img": true, "ins": true, "kbd": true, "mark": true,
	"nobr": true, "q": true, "s": true, "samp": true, "small": true, "span": true, "strike": true,
	"strong": true, "sub": true, "sup": true, "time": true, "tt": true, "u": true, "var": true, "wbr": true,
	"script": true, "style": true, "center": true, "table": true, "tbody": true,
	"bdi": true, "bdo": true, "ruby": true, "rt": true, "rp": true, "pre": true, "label": true, "svg": true,
	"iframe": true, "noscript": true, "textarea": true, "title": true, "xmp": true, "figure": true,
	"figcaption": true, "picture": true, "source": true, "video": true, "audio": true, "object": true,
	"embed": true, "header": true, "footer": true, "nav": true, "aside": true, "main": true, "dl": true,
	"dt": true, "dd": true, "caption": true, "thead": true, "tfoot": true, "form": true, "input": true,
	"button": true, "select": true, "option": true, "meta": true, "link": true, "base": true,
}
