package feed

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// cutRSS is the start of an RSS feed of two complete items, to be cut
// short after it; cutRSSEnd finishes it.
const (
	cutRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Cut</title><link>https://cut.example/</link>
<item><title>One</title><link>https://cut.example/1</link><guid>1</guid><description>First &amp; best</description></item>
<item><title>Two</title><link>https://cut.example/2</link><guid>2</guid><description><![CDATA[<p>Second</p>]]></description></item>
`
	cutRSSEnd = `</channel></rss>`
	cutAtom   = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom cut</title>
<entry><title>One</title><id>urn:1</id><link href="https://atom.example/1"/><updated>2026-01-02T10:00:00Z</updated></entry>
`
	cutRDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://rdf.example/"><title>RDF cut</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link></item>
`
)

func titles(items []Item) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

// TestRepairCutXML: a feed cut anywhere is read up to the cut: the items
// before it exactly as in the whole feed, a cut item only when it has a
// title or link, and a note that says so.
func TestRepairCutXML(t *testing.T) {
	whole, err := Parse([]byte(cutRSS+cutRSSEnd), "", "")
	if err != nil {
		t.Fatal(err)
	}
	const two = "the feed's XML is cut short; herald read the 2 items before the cut"
	const twoAndPart = two + " and the start of the next"
	tests := []struct {
		name, doc string
		want      []string // titles
		note      string
	}{
		{"no closing tags", cutRSS, []string{"One", "Two"}, two},
		{"root left open", cutRSS + `</channel>`, []string{"One", "Two"}, two},
		{"last closing tag without its >", cutRSS + "</channel></rss", []string{"One", "Two"}, two},
		{"in a start tag", cutRSS + `<item><title>Three</title><li`, []string{"One", "Two", "Three"}, twoAndPart},
		{"in an end tag", cutRSS + `<item><title>Three</title></it`, []string{"One", "Two", "Three"}, twoAndPart},
		{"in text", cutRSS + `<item><guid>3</guid><description>Third is cut he`, []string{"One", "Two"}, two},
		{"in a title", cutRSS + `<item><title>Thr`, []string{"One", "Two"}, two},
		{"in a reference", cutRSS + `<item><link>https://cut.example/3</link><title>Three &am`, []string{"One", "Two", "Three"}, twoAndPart},
		{"in CDATA", cutRSS + `<item><title>Three</title><description><![CDATA[<p>Third, cut`, []string{"One", "Two", "Three"}, twoAndPart},
		{"in CDATA without a title", cutRSS + `<item><guid>3</guid><content:encoded><![CDATA[<p>x`, []string{"One", "Two"}, two},
		{"in a CDATA marker", cutRSS + `<item><title><![CD`, []string{"One", "Two"}, two},
		{"in an attribute", cutRSS + `<item><title>Three</title><enclosure url="https://cut.example/a.mp3" type="aud`, []string{"One", "Two", "Three"}, twoAndPart},
		{"in an attribute name", cutRSS + `<item><guid isPerma`, []string{"One", "Two"}, two},
		{"in a comment", cutRSS + `<!-- generated in 0.3`, []string{"One", "Two"}, two},
		{"in a processing instruction", cutRSS + `<?xml-stylesheet href="`, []string{"One", "Two"}, two},
		{"at a lone <", cutRSS + `<`, []string{"One", "Two"}, two},
		{"HTML left open in an item", cutRSS + `<item><title>Three</title><description><p><b>bo`, []string{"One", "Two", "Three"}, twoAndPart},
		{"in the first item", `<rss version="2.0"><channel><item><link>https://cut.example/1</link><descr`, []string{""}, "the feed's XML is cut short; herald read the start of its first item"},
		{"RDF", cutRDF + `<item rdf:about="https://rdf.example/2"><title>Tw`, []string{"One"}, "the feed's XML is cut short; herald read the 1 item before the cut"},
		{"RDF root without its >", cutRDF + `</rdf:RDF`, []string{"One"}, "the feed's XML is cut short; herald read the 1 item before the cut"},
		{"Atom, entry with a link", cutAtom + `<entry><id>urn:2</id><link href="https://atom.example/2"/><summary>cut`, []string{"One", ""}, "the feed's XML is cut short; herald read the 1 item before the cut and the start of the next"},
		{"Atom, entry without", cutAtom + `<entry><id>urn:2</id><link rel="self"/><summary>cut`, []string{"One"}, "the feed's XML is cut short; herald read the 1 item before the cut"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.doc), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(f.Items); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("titles %q, want %q", got, tt.want)
			}
			if f.Note != tt.note {
				t.Errorf("note %q, want %q", f.Note, tt.note)
			}
			if strings.HasPrefix(tt.doc, cutRSS) {
				if f.Title != "Cut" || !reflect.DeepEqual(f.Items[:2], whole.Items) {
					t.Errorf("items before the cut differ from the whole feed's:\n%+v\n%+v", f.Items[:2], whole.Items)
				}
			}
		})
	}
}

// TestRepairPartialItem: a cut item keeps what it has, its cut text too.
func TestRepairPartialItem(t *testing.T) {
	f, err := Parse([]byte(cutRSS+`<item><title>Three</title><link>/3</link><description><![CDATA[<p>Third, cut`), "", "https://cut.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[2]
	if it.Title != "Three" || it.Link != "https://cut.example/3" || it.Content != "<p>Third, cut" {
		t.Errorf("cut item = %+v", it)
	}
}

// TestRepairEveryCut cuts feeds at every byte: each read either fails or
// holds the items complete before the cut exactly, then at most the cut one.
func TestRepairEveryCut(t *testing.T) {
	docs := map[string]string{
		"rss":  cutRSS + `<item><title>Three</title><link>https://cut.example/3</link><description>Third</description></item>` + cutRSSEnd,
		"atom": cutAtom + `<entry><title>Two</title><id>urn:2</id><summary type="html">&lt;p&gt;Two&lt;/p&gt;</summary></entry></feed>`,
		"rdf":  cutRDF + `<item rdf:about="https://rdf.example/2"><title>Two</title><link>https://rdf.example/2</link></item></rdf:RDF>`,
		"json": `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"One","content_html":"<p>1</p>"},{"id":"2","title":"Two","content_text":"2"},{"id":"3","title":"Three","content_text":"3"}]}`,
	}
	for name, doc := range docs {
		whole, err := Parse([]byte(doc), "", "https://base.example/")
		if err != nil {
			t.Fatal(name, err)
		}
		ends := itemEnds(doc)
		read := 0
		for k := range len(doc) {
			f, err := Parse([]byte(doc[:k]), "", "https://base.example/")
			if err != nil {
				if strings.HasSuffix(err.Error(), "is cut short, before its first item") {
					read++ // refused, saying why
				}
				continue
			}
			read++
			complete := 0
			for _, e := range ends {
				if e <= k {
					complete++
				}
			}
			if len(f.Items) < complete || len(f.Items) > complete+1 || len(f.Items) > len(whole.Items) {
				t.Fatalf("%s cut at %d: %d items, %d complete", name, k, len(f.Items), complete)
			}
			if !reflect.DeepEqual(f.Items[:complete], whole.Items[:complete]) {
				t.Fatalf("%s cut at %d: items differ:\n%+v\n%+v", name, k, f.Items[:complete], whole.Items[:complete])
			}
			if f.Note == "" {
				t.Fatalf("%s cut at %d: no note", name, k)
			}
		}
		// Every cut after the root's start tag (or a JSON Feed's version)
		// is read, or refused as cut before its first item.
		from := strings.Index(doc, "/version") + len("/version")
		if name != "json" {
			from = rootStart([]byte(doc))
			from += strings.IndexByte(doc[from:], '>') + 1
		}
		if read != len(doc)-from {
			t.Errorf("%s: %d of %d cuts read, want all from byte %d", name, read, len(doc), from)
		}
	}
}

// itemEnds returns where each item of a test document ends.
func itemEnds(doc string) []int {
	var ends []int
	for _, closer := range []string{"</item>", "</entry>", "},{", "}]"} {
		for i := 0; ; {
			j := strings.Index(doc[i:], closer)
			if j < 0 {
				break
			}
			i += j + len(closer)
			if closer[0] == '}' {
				ends = append(ends, i-len(closer)+1)
			} else {
				ends = append(ends, i)
			}
		}
	}
	return ends
}

// TestRepairCutJSON: a JSON Feed cut short keeps its complete items.
func TestRepairCutJSON(t *testing.T) {
	head := `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"One","content_html":"<p>1</p>"},`
	for name, doc := range map[string]string{
		"in a string":       head + `{"id":"2","title":"Tw`,
		"with a line break": head + `{"id":"2","content_html":"<p>cut` + "\n",
		"after a comma":     head,
		"between items":     strings.TrimSuffix(head, ","),
		"in an escape":      head + `{"id":"2","title":"\u00`,
	} {
		f, err := Parse([]byte(doc), "", "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := titles(f.Items); f.Title != "J" || !reflect.DeepEqual(got, []string{"One"}) {
			t.Errorf("%s: %q %q", name, f.Title, got)
		}
		if want := "the feed's JSON is cut short; herald read the 1 item before the cut"; f.Note != want {
			t.Errorf("%s: note %q", name, f.Note)
		}
	}
	// Cut before its first item, a feed holds nothing to read: it fails,
	// and says why.
	for doc, want := range map[string]string{
		`{"version":"https://jsonfeed.org/version/1","title":"Early","ite`: "the feed's JSON is cut short, before its first item",
		`<rss version="2.0"><channel><title>Early</title><descr`:           "the feed's XML is cut short, before its first item",
	} {
		if f, err := Parse([]byte(doc), "", ""); err == nil || err.Error() != want {
			t.Errorf("cut before items: %+v, %v; want error %q", f, err, want)
		}
	}
}

// TestRepairRefuses: what is not a feed, or is broken other than by a cut,
// fails as before.
func TestRepairRefuses(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"HTML page", "<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>cut", "not a feed (got an HTML page)"},
		{"HTML fragment", `<p>Some <a href="https://x.example/">text</a> cut`, "not a feed (got a piece of HTML)"},
		{"other XML", `<?xml version="1.0"?><note><to>Tove</to><from>Ja`, "not a feed (XML whose root element is <note>)"},
		{"other XML with a title", `<?xml version="1.0"?><catalog><book><title>XML`, "not a feed (XML whose root element is <catalog>)"},
		{"comments only", "<!--\nnothing\n-->\n", "not a feed (XML with no element in it)"},
		{"Atom entry in no namespace", `<entry><title>x</title></entry>`, "not a feed (XML whose root element is <entry>)"},
		{"random JSON", `{"error": "nope", "detail": "cut`, "not a feed (JSON that is not a JSON Feed)"},
		{"JSON with items", `{"items":[{"name":"a"},{"name":"b"}]}`, "not a feed (JSON that is not a JSON Feed)"},
		{"JSON with items, cut", `{"items":[{"name":"a"},{"na`, "not a feed (JSON that is not a JSON Feed)"},
		{"syntax error, not a cut", cutRSS + `<item><title>a < b</title></item>` + cutRSSEnd, "parse feed:"},
		{"syntax error before a cut", cutRSS + `<item><title>a < b</title></item>`, "parse feed:"},
		{"unclosed quote", cutRSS + `<item><enclosure url="x></item>` + cutRSSEnd, "parse feed:"},
		{"root cut in its start tag", `<?xml version="1.0"?><rss version="2.0`, "parse feed:"},
		{"JSON broken, not cut", `{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"a"},{"id":2 "x"}]}`, "parse feed:"},
		{"empty", "", "empty response"},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(tt.doc), "", "")
		if err == nil {
			t.Errorf("%s: read as a feed: %+v", tt.name, f)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want %q", tt.name, err, tt.want)
		}
	}
}

// TestRepairKeepsLimits: the repaired document goes through the cap and
// the census like any other.
func TestRepairKeepsLimits(t *testing.T) {
	// Over the cap, cut: read, then cut down to the newest.
	doc := rssHead + strings.Repeat("<item><title>t</title></item>", 5) + "<item><title>cu"
	f, err := parse([]byte(doc), "", "", 3)
	if err != nil || len(f.Items) != 3 || f.TotalItems != 5 || !strings.Contains(f.Note, "read the 5 items before the cut") {
		t.Errorf("RSS over the cap: %+v, %v", f, err)
	}
	doc = jsonHead + strings.Repeat(`{"id":"x","content_text":"a"},`, 5) + `{"id":"y","con`
	f, err = parse([]byte(doc), "", "", 3)
	if err != nil || len(f.Items) != 3 || f.TotalItems != 5 || !strings.Contains(f.Note, "read the 5 items before the cut") {
		t.Errorf("JSON over the cap: %+v, %v", f, err)
	}
	// Nested bombs, cut: still refused.
	for name, doc := range map[string]string{
		"elements": `<rss><channel><item>` + strings.Repeat("<a>", maxNodes+1),
		"json":     `{"rss":{"channel":{"item":` + strings.Repeat("[", maxRSSJSONDepth+5),
	} {
		if _, err := Parse([]byte(doc), "", ""); !errors.Is(err, ErrTooComplex) {
			t.Errorf("%s: err = %v, want ErrTooComplex", name, err)
		}
	}
	if _, err := Parse([]byte(jsonHead+strings.Repeat("[", 20_000)), "", ""); err == nil {
		t.Error("deep JSON Feed read")
	}
	// A refresh that ends ends the parse, cut or not.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ParseContext(ctx, []byte(cutRSS), "", ""); err == nil || err.Error() != "canceled" {
		t.Errorf("canceled parse: %v", err)
	}
}

// TestRepairIdempotent: a repaired document is whole.
func TestRepairIdempotent(t *testing.T) {
	fixed, _, ok := repairXML([]byte(cutRSS+`<item><title>Three</title><description><![CDATA[x`), false)
	if !ok {
		t.Fatal("not repaired")
	}
	if _, _, again := repairXML(fixed, false); again {
		t.Errorf("repaired twice: %s", fixed)
	}
	if _, _, ok := repairXML([]byte(cutRSS+cutRSSEnd), false); ok {
		t.Error("a whole document was repaired")
	}
}
