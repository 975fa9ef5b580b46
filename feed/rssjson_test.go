package feed

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRSSInJSON: RSS in JSON reads as the RSS it stands for, whichever
// shape its fields take: a string or an object with "#value" and
// attributes, one item or an array of them.
func TestRSSInJSON(t *testing.T) {
	doc := `{"rss": {"version": "2.0", "xmlns:dc": "http://purl.org/dc/elements/1.1/", "channel": {
		"title": "Scripted &amp; <b>JSON</b>", "link": "https://json-rss.example/", "description": "About",
		"cloud": {"domain": "rpc.example", "port": 5337},
		"item": [
			{"title": "One", "link": "https://json-rss.example/1", "description": "<p>First</p>",
			 "pubDate": "Mon, 26 Jun 2017 12:20:05 GMT", "guid": "https://json-rss.example/1",
			 "category": "news", "dc:creator": "Ann"},
			{"link": "https://json-rss.example/2", "description": "No title, line\nbreak",
			 "pubDate": "Tue, 27 Jun 2017 10:00:00 +0200",
			 "guid": {"isPermaLink": "false", "#value": "tag:json-rss.example,2017:2"},
			 "category": [{"domain": "https://tags.example/", "#value": "a"}, "b"],
			 "enclosure": {"url": "https://json-rss.example/2.jpg", "type": "image/jpeg", "length": 277413},
			 "source:outline": {"text": "ignored", "subs": [{"text": "deeper"}]},
			 "empty": null, "flag": true, "#odd key": "skipped"}
		]}}}`
	f, err := Parse([]byte(doc), "application/json", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Scripted & JSON" || f.SiteURL != "https://json-rss.example/" || f.Description != "About" || f.Note != "" {
		t.Errorf("feed = %q %q %q %q", f.Title, f.SiteURL, f.Description, f.Note)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items", len(f.Items))
	}
	one, two := f.Items[0], f.Items[1]
	if one.Title != "One" || one.Link != "https://json-rss.example/1" || one.GUID != "https://json-rss.example/1" ||
		one.Content != "<p>First</p>" || one.Author != "Ann" || !one.Published.Equal(time.Date(2017, 6, 26, 12, 20, 5, 0, time.UTC)) {
		t.Errorf("item 1 = %+v", one)
	}
	if two.Title != "" || two.GUID != "tag:json-rss.example,2017:2" || two.Summary != "No title, line\nbreak" ||
		two.ImageURL != "https://json-rss.example/2.jpg" || two.Published.UTC().Hour() != 8 {
		t.Errorf("item 2 = %+v", two)
	}

	// One item, as an object rather than an array.
	single := `{"rss":{"channel":{"title":"S","item":{"title":"Only","link":"https://json-rss.example/only"}}}}`
	f, err = Parse([]byte(single), "", "")
	if err != nil || len(f.Items) != 1 || f.Items[0].Title != "Only" {
		t.Fatalf("single item: %+v, %v", f, err)
	}
	// A channel without items is a feed without items.
	f, err = Parse([]byte(`{"rss":{"channel":{"title":"Quiet"}}}`), "", "")
	if err != nil || f.Title != "Quiet" || len(f.Items) != 0 {
		t.Errorf("no items: %+v, %v", f, err)
	}
}

// TestRSSInJSONSameAsRSS: the same feed in XML and in JSON reads the same.
func TestRSSInJSONSameAsRSS(t *testing.T) {
	xmlDoc := `<rss version="2.0"><channel><title>Same</title><link>https://same.example/</link>` +
		`<item><title>A &lt;i&gt;b&lt;/i&gt;</title><link>https://same.example/a</link><guid isPermaLink="false">a</guid>` +
		`<description>&lt;p&gt;x&lt;/p&gt;</description><pubDate>Wed, 01 Jan 2025 00:00:00 GMT</pubDate>` +
		`<enclosure url="https://same.example/a.png" type="image/png" length="1"/></item></channel></rss>`
	jsonDoc := `{"rss":{"version":"2.0","channel":{"title":"Same","link":"https://same.example/","item":[` +
		`{"title":"A <i>b</i>","link":"https://same.example/a","guid":{"isPermaLink":"false","#value":"a"},` +
		`"description":"<p>x</p>","pubDate":"Wed, 01 Jan 2025 00:00:00 GMT",` +
		`"enclosure":{"url":"https://same.example/a.png","type":"image/png","length":1}}]}}}`
	fx, err := Parse([]byte(xmlDoc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	fj, err := Parse([]byte(jsonDoc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fx, fj) {
		t.Errorf("XML and JSON differ:\n%+v\n%+v", fx, fj)
	}
}

// TestRSSInJSONRefused: JSON that only looks a little like it is no feed.
func TestRSSInJSONRefused(t *testing.T) {
	for _, doc := range []string{
		`{"rss": "https://x.example/feed.xml"}`,
		`{"rss": {"version": "2.0"}}`,
		`{"rss": {"channel": ["a"]}}`,
		`{"channel": {"title": "x", "item": []}}`,
		`[{"rss": {"channel": {}}}]`,
	} {
		if f, err := Parse([]byte(doc), "", ""); err == nil || !strings.HasPrefix(err.Error(), "not a feed") {
			t.Errorf("%s: %+v, %v", doc, f, err)
		}
	}
}

// TestAtomEntryDocument: a document of one Atom entry is a feed of it.
func TestAtomEntryDocument(t *testing.T) {
	for name, doc := range map[string]string{
		"default namespace": `<?xml version="1.0" encoding="UTF-8"?>
<!-- one entry -->
<entry xmlns="http://www.w3.org/2005/Atom" xmlns:x="https://x.example/">
  <title type="text">Specifications</title><id>urn:uuid:1</id><updated>2009-08-31T18:55:12Z</updated>
  <link href="https://entry.example/1"/><author><name>A. Writer</name></author>
  <x:other>kept apart</x:other><content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
</entry>`,
		"prefixed": `<a:entry xmlns:a="http://www.w3.org/2005/Atom"><a:title>Specifications</a:title><a:id>urn:uuid:1</a:id>` +
			`<a:updated>2009-08-31T18:55:12Z</a:updated><a:link href="https://entry.example/1"/><a:author><a:name>A. Writer</a:name></a:author>` +
			`<a:content type="html">&lt;p&gt;Body&lt;/p&gt;</a:content></a:entry>`,
	} {
		f, err := Parse([]byte(doc), "application/atom+xml", "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.Items) != 1 || f.TotalItems != 1 || f.Note != "" {
			t.Fatalf("%s: %+v", name, f)
		}
		it := f.Items[0]
		if it.Title != "Specifications" || it.GUID != "urn:uuid:1" || it.Link != "https://entry.example/1" ||
			it.Author != "A. Writer" || it.Content != "<p>Body</p>" || it.Published.Year() != 2009 {
			t.Errorf("%s: item = %+v", name, it)
		}
	}
	cut := `<entry xmlns="http://www.w3.org/2005/Atom"><title>Cut</title><id>urn:2</id><content>Bo`
	f, err := Parse([]byte(cut), "", "")
	if err != nil || len(f.Items) != 1 || f.Items[0].Title != "Cut" || f.Note != "the feed's XML is cut short; herald read the start of its first item" {
		t.Errorf("cut entry: %+v, %v", f, err)
	}
	if !LooksLikeFeed([]byte(`<entry xmlns="http://www.w3.org/2005/Atom"><title>x</title></entry>`)) {
		t.Error("an Atom entry does not look like a feed")
	}
}
