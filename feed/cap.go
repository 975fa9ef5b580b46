package feed

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// Keeping a feed's newest MaxItems items.
//
// gofeed builds a struct for every item before herald sees any, so a
// hostile document of a million empty items costs a gigabyte. capItems
// cuts the surplus out of the bytes first: a lexical scan (cap_xml.go,
// cap_json.go) finds each item's byte span the way gofeed's reader will
// see it, a cheap date extraction (cap_date.go) ranks the spans, and the
// document is rebuilt without the dropped ones. Its cost is a pass over the bytes and a
// few words per item; gofeed then parses only what is kept. Ordinary
// feeds pay one bytes.Count: the scan runs only when the document may hold
// more than the cap. What is kept is then checked for what else gofeed's
// cost grows with (elements, namespaces, text pieces, JSON values:
// checkSize, census.go).

// MaxItems is the most items kept per feed document: the newest ones by
// date, in document order.
const MaxItems = 3000

// noDate ranks an undated item below every dated one.
const noDate = math.MinInt64

// itemSpan is one item's bytes in the document and its date (Unix
// seconds, or noDate).
type itemSpan struct {
	start, end int
	date       int64
}

// capItems returns body with all but the limit newest items cut out, and
// how many it cut. Items that cannot be found reliably are an error when
// the document may hold more than limit of them: it is never handed to
// gofeed whole.
func capItems(body []byte, typ gofeed.FeedType, limit int) ([]byte, int, error) {
	var (
		out     []byte
		dropped int
		err     error
	)
	switch typ {
	case gofeed.FeedTypeJSON:
		objects := bytes.Count(body, []byte("{"))
		if objects <= limit { // every item is an object
			return body, 0, nil
		}
		out, dropped, err = capJSON(body, limit, objects)
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		elements := bytes.Count(body, []byte("<"))
		if elements <= limit { // every item is an element
			return body, 0, nil
		}
		out, dropped, err = capXML(body, typ == gofeed.FeedTypeAtom, limit, elements)
	default:
		return body, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("feed has more than %d items and could not be cut down: %w", limit, err)
	}
	return out, dropped, nil
}

// capXML cuts an RSS or Atom document of up to elements elements down to
// limit items. (elements counts '<' bytes: no encoding gofeed reads spells
// '<' otherwise.)
func capXML(body []byte, atom bool, limit, elements int) ([]byte, int, error) {
	src := body
	// gofeed drops these bytes before reading the XML, which can join
	// markup ("<it\x01em>"): read what gofeed reads.
	if hasControl(src) {
		src = stripControl(src)
	}
	name := "item"
	if atom {
		name = "entry"
	}
	// Markup is in ASCII in every encoding gofeed reads but UTF-16: count
	// on the bytes as they are, and convert only to cut.
	utf16 := declaredUTF16(src)
	if !utf16 && countNamed(src, name, limit) <= limit {
		return body, 0, nil
	}
	src, err := declaredToUTF8(src)
	if err != nil {
		return nil, 0, err
	}
	if utf16 && countNamed(src, name, limit) <= limit {
		return body, 0, nil
	}
	// Room for every item: each is an element of at least 7 bytes.
	sc := xmlScanner{src: src, atom: atom, items: make([]itemSpan, 0, min(elements, len(src)/len("<item/>")))}
	if err := sc.scan(); err != nil {
		return nil, 0, err
	}
	if len(sc.items) <= limit {
		return body, 0, nil // the rest were in CDATA, comments or deeper
	}
	listed, reordered := sc.listed()
	keep, size := keepNewest(listed, limit)
	if reordered { // mark what is kept in document order
		kept := make(map[int]bool, limit)
		for i, it := range listed {
			if keep[i] {
				kept[it.start] = true
			}
		}
		keep, size = make([]bool, len(sc.items)), 0
		for i, it := range sc.items {
			if keep[i] = kept[it.start]; !keep[i] {
				size += it.end - it.start
			}
		}
	}
	return cutSpans(src, sc.items, keep, size), max(0, len(listed)-limit), nil
}

// countNamed counts the elements whose local name is name, as gofeed
// compares them (lowercased), wherever they are, up to limit+1: an upper
// bound of the items gofeed would read.
func countNamed(b []byte, name string, limit int) int {
	n := 0
	for i := 0; n <= limit; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		local := b[i:nameEnd(b, i)]
		if k := bytes.LastIndexByte(local, ':'); k >= 0 {
			local = local[k+1:]
		}
		if nameIs(local, name) {
			n++
		}
	}
	return n
}

// nameIs reports whether strings.ToLower(n) == lower, without allocating
// for ASCII names. ("İtem" lowercases to "item".)
func nameIs(n []byte, lower string) bool {
	if len(n) == len(lower) {
		return asciiEqualFold(n, lower)
	}
	// Only a longer name with non-ASCII letters can lowercase to lower.
	return len(n) > len(lower) && len(n) <= 4*len(lower) && lowerIs(n, lower)
}

func lowerIs(n []byte, lower string) bool {
	return bytes.IndexFunc(n, func(r rune) bool { return r >= 0x80 }) >= 0 && strings.ToLower(string(n)) == lower
}

func asciiEqualFold(b []byte, lower string) bool {
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// stripControl returns b without the C0 control bytes XML forbids, as
// gofeed's reader drops them.
func stripControl(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c >= 0x20 || c == '\t' || c == '\n' || c == '\r' {
			out = append(out, c)
		}
	}
	return out
}

// declaredToUTF8 converts a document whose XML declaration names another
// encoding to UTF-8, declaration included, as gofeed would read it: byte
// offsets are then those of the characters gofeed sees, whatever the
// encoding. Like encoding/xml, it reads the declaration's bytes as they are
// and decodes what follows.
func declaredToUTF8(b []byte) ([]byte, error) {
	vs, ve, ce, other := declaredEncoding(b)
	if !other {
		return b, nil
	}
	label := string(b[vs:ve])
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("unsupported charset %q", label)
	}
	declEnd := ce + len("?>")
	rest, err := enc.NewDecoder().Bytes(b[declEnd:])
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", label, err)
	}
	out := make([]byte, 0, declEnd+len(rest))
	out = append(append(append(out, b[:vs]...), "UTF-8"...), b[ve:declEnd]...)
	return append(out, rest...), nil
}

// declaredEncoding returns where the encoding named by a leading XML
// declaration sits, and where the declaration's "?>" is, when it is one
// other than UTF-8.
func declaredEncoding(b []byte) (vs, ve, ce int, other bool) {
	at := len(b) - len(bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(b, " \t\r\n"), utf8BOM), " \t\r\n"))
	cs, ce, ok := xmlDecl(b, at)
	if !ok {
		return 0, 0, 0, false
	}
	vs, ve, other = otherEncoding(b, cs, ce)
	return vs, ve, ce, other
}

// declaredUTF16 reports whether b declares a UTF-16 encoding.
func declaredUTF16(b []byte) bool {
	vs, ve, _, other := declaredEncoding(b)
	if !other {
		return false
	}
	_, name := charset.Lookup(string(b[vs:ve]))
	return strings.HasPrefix(name, "utf-16")
}

// xmlDecl returns where the content of a processing instruction named
// "xml" at b[at:] starts and ends (at its "?>"), as encoding/xml reads it.
func xmlDecl(b []byte, at int) (start, end int, ok bool) {
	if !bytes.HasPrefix(b[at:], []byte("<?xml")) || nameEnd(b, at+2) != at+len("<?xml") {
		return 0, 0, false
	}
	end = bytes.Index(b[at:], []byte("?>"))
	if end < 0 {
		return 0, 0, false
	}
	return skipSpace(b, at+len("<?xml")), at + end, true
}

// otherEncoding returns where the encoding named by an XML declaration's
// content (b[cs:ce]) sits, when it makes encoding/xml convert what follows:
// one other than UTF-8.
func otherEncoding(b []byte, cs, ce int) (vs, ve int, other bool) {
	vs, ve = procInstParam(b[cs:ce], "encoding")
	if vs < 0 || vs == ve || strings.EqualFold(string(b[cs+vs:cs+ve]), "utf-8") {
		return 0, 0, false
	}
	return cs + vs, cs + ve, true
}

// procInstParam finds the value of param in a processing instruction's
// content the way encoding/xml does (param=, then a quoted value), and
// returns where it sits, or -1, -1.
func procInstParam(content []byte, param string) (int, int) {
	key := []byte(param + "=")
	i := 0
	var quote byte
	for i < len(content) {
		k := bytes.Index(content[i:], key)
		if k < 0 || i+k+len(key) >= len(content) {
			return -1, -1
		}
		c := content[i+k+len(key)]
		i += k + len(key) + 1
		if c == '\'' || c == '"' {
			quote = c
			break
		}
	}
	if quote == 0 {
		return -1, -1
	}
	j := bytes.IndexByte(content[i:], quote)
	if j < 0 {
		return -1, -1
	}
	return i, i + j
}

// keepNewest marks the limit newest items; ties, and undated items after
// every dated one, go in document order. It also returns the bytes of the
// items not kept.
func keepNewest(items []itemSpan, limit int) (keep []bool, dropped int) {
	dated := 0
	for _, it := range items {
		if it.date != noDate {
			dated++
		}
	}
	// Keep the items newer than threshold, and quota of those at it.
	threshold, quota := int64(noDate), limit-dated
	if dated > limit {
		dates := make([]int64, 0, dated)
		for _, it := range items {
			if it.date != noDate {
				dates = append(dates, it.date)
			}
		}
		slices.Sort(dates)
		at := len(dates) - limit
		threshold = dates[at]
		above, _ := slices.BinarySearch(dates, threshold+1)
		quota = limit - (len(dates) - above)
	}
	keep = make([]bool, len(items))
	for i, it := range items {
		switch {
		case it.date > threshold:
			keep[i] = true
		case it.date == threshold && quota > 0:
			keep[i] = true
			quota--
		default:
			dropped += it.end - it.start
		}
	}
	return keep, dropped
}

// cutSpans returns src without the items not kept, each with the white
// space before it; dropped is their size.
func cutSpans(src []byte, items []itemSpan, keep []bool, dropped int) []byte {
	out := make([]byte, 0, len(src)-dropped)
	at := 0
	for i, it := range items {
		if keep[i] {
			continue
		}
		start := it.start
		for start > at && isXMLSpace(src[start-1]) {
			start--
		}
		out = append(out, src[at:start]...)
		at = it.end
	}
	return append(out, src[at:]...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
