package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html/charset"
)

// decoderCensus counts what encoding/xml reads from doc set up as gofeed
// sets it up (control bytes dropped, non-strict, declared charsets
// decoded), the way xmlCensus counts it, up to its first error.
func decoderCensus(doc []byte) xmlCensus {
	d := xml.NewDecoder(bytes.NewReader(stripControl(doc)))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var c xmlCensus
	type frame struct{ decls, text int64 }
	var stack []frame
	for {
		tok, err := d.Token()
		if err != nil {
			return c
		}
		switch t := tok.(type) {
		case xml.StartElement:
			f := frame{}
			if len(stack) > 0 {
				f.decls = stack[len(stack)-1].decls
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					f.decls++
					c.namespaces++
				}
			}
			c.elements++
			c.attributes += len(t.Attr)
			c.scope += f.decls
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 && len(t) > 0 {
				top := &stack[len(stack)-1]
				top.text += int64(len(t))
				c.textCopy += top.text
			}
		}
	}
}

// checkCensus checks that the census of doc, as checkXML runs it, counts
// at least what encoding/xml reads, or refuses the document; exact is
// true when it counts the same elements, attributes and namespaces (text
// is counted before references are decoded: longer).
func checkCensus(t *testing.T, doc []byte) (exact bool) {
	t.Helper()
	src, err := declaredToUTF8(stripControl(doc))
	if err != nil {
		return false
	}
	got := xmlCensus{src: src}
	if err := got.scan(); err != nil {
		if !errors.Is(err, ErrTooComplex) {
			t.Fatalf("census error %v does not wrap ErrTooComplex", err)
		}
		return false // refused: gofeed reads none of it
	}
	want := decoderCensus(doc)
	if got.elements < want.elements || got.attributes < want.attributes || got.namespaces < want.namespaces ||
		got.scope < want.scope || got.textCopy < want.textCopy {
		t.Fatalf("census counted elements %d, attributes %d, namespaces %d, scope %d, text copy %d;\n"+
			"encoding/xml reads %d, %d, %d, %d, %d\n%q", got.elements, got.attributes, got.namespaces, got.scope, got.textCopy,
			want.elements, want.attributes, want.namespaces, want.scope, want.textCopy, doc)
	}
	return got.elements == want.elements && got.attributes == want.attributes && got.namespaces == want.namespaces &&
		got.scope == want.scope
}

// randomMarkup builds a document from the pieces that make XML readers
// disagree: unclosed and mismatched tags, namespace declarations in every
// spelling, attributes without quotes or values, CDATA, comments,
// processing instructions, doctypes, control bytes and stray markup.
func randomMarkup(rng *rand.Rand) []byte {
	pick := func(opts ...string) string { return opts[rng.IntN(len(opts))] }
	names := []string{"rss", "channel", "item", "f:b", "a", "B", "x:y", "entry", "é", "a.b-c_d"}
	var open []string
	var b strings.Builder
	b.WriteString(pick("", `<?xml version="1.0"?>`, `<?xml version="1.0" encoding="ISO-8859-1"?>`, "\ufeff", `<!DOCTYPE rss [<!ENTITY e "<b/>"> <!-- <c> -->]>`))
	for range rng.IntN(40) {
		switch rng.IntN(12) {
		case 0, 1, 2:
			name := names[rng.IntN(len(names))]
			b.WriteString("<" + name)
			for range rng.IntN(4) {
				b.WriteString(pick(" ", "\n", "\t") + pick(`xmlns="urn:d"`, `xmlns:p="urn:p"`, `xmlns:f = 'urn:f'`, `xmlns:`, `xmlns`,
					`xmlnsx="1"`, `a="1"`, `b='<'`, `c=d`, `e`, `f:g="h"`, `xml:lang="en"`, `i="j"k="l"`, `m=`, `n="&amp;"`))
			}
			if rng.IntN(3) == 0 {
				b.WriteString(pick("/>", " />", "/"))
				continue
			}
			b.WriteString(pick(">", " >", "\n>"))
			open = append(open, name)
		case 3, 4:
			if len(open) > 0 && rng.IntN(4) > 0 {
				b.WriteString("</" + open[len(open)-1] + pick(">", " >"))
				open = open[:len(open)-1]
			} else {
				b.WriteString("</" + names[rng.IntN(len(names))] + ">")
			}
		case 5, 6:
			b.WriteString(pick("x", "text ", "&amp;", "&bogus;", "\r\n", "  ", "]]>", "a > b", "café", "\x01", "\xff"))
		case 7:
			b.WriteString("<![CDATA[" + pick("", "x", "<b>", "]]", "]>") + pick("]]>", ""))
		case 8:
			b.WriteString(pick("<!-- c -->", "<!---->", "<!-- <b> -->", "<!-- -- -->", "<!-x>", "<!--"))
		case 9:
			b.WriteString(pick("<?pi x?>", "<?pi <b>?>", `<?xml version="1.0" encoding="utf-16"?>`, `<?xml encoding="windows-1252"?>`, "<?"))
		case 10:
			b.WriteString(pick("<", "< b>", "<a:b:c>", "</a:b:c>", "<>", "</>", "<!DOCTYPE x [<!ELEMENT a (b)>]>", "<!DOCTYPE x '>' >"))
		case 11:
			b.WriteString(pick("<f:b>x<!---->y<![CDATA[z]]>w</f:b>", "<a>1<b/>2<b/>3</a>"))
		}
	}
	for i := len(open) - 1; i >= 0; i-- {
		if rng.IntN(5) > 0 {
			b.WriteString("</" + open[i] + ">")
		}
	}
	return []byte(b.String())
}

// TestCensusMatchesDecoder checks the census against encoding/xml on
// random markup, feeds and the fixtures: it never counts less.
func TestCensusMatchesDecoder(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	exact := 0
	for range 5000 {
		if checkCensus(t, randomMarkup(rng)) {
			exact++
		}
	}
	for _, kind := range []string{"rss", "rdf", "atom"} {
		for range 100 {
			if !checkCensus(t, randomCapFeed(rng, kind)) {
				t.Errorf("the census of a random %s feed is not exact", kind)
			}
		}
	}
	for _, doc := range []string{rssFeed, atomFeed, smallFeed} {
		if !checkCensus(t, []byte(doc)) {
			t.Errorf("the census of a fixture is not exact:\n%s", doc)
		}
	}
	t.Logf("%d of 5000 random documents counted exactly", exact)
	if exact < 2500 {
		t.Errorf("only %d of 5000 random documents counted exactly: the census overcounts", exact)
	}
}

// FuzzCensus checks the census against encoding/xml on any bytes.
func FuzzCensus(f *testing.F) {
	rng := rand.New(rand.NewPCG(5, 8))
	for range 20 {
		f.Add(randomMarkup(rng))
	}
	for _, kind := range []string{"rss", "rdf", "atom"} {
		f.Add(randomCapFeed(rng, kind))
	}
	f.Add([]byte(rssFeed))
	f.Add([]byte(atomFeed))
	f.Fuzz(func(t *testing.T, doc []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", doc)) })
		defer wd.Stop()
		checkCensus(t, doc)
	})
}
