package feed

import (
	"strings"
	"testing"
)

func TestJSONFeedVersions(t *testing.T) {
	item := `"items":[{"id":"1","title":"Tide tables","content_html":"<p>High water at 6.</p>"}]`
	for name, doc := range map[string]string{
		"escaped slashes":  `{"version":"https:\/\/jsonfeed.org\/version\/1","title":"Harbour",` + item + `}`,
		"https 1.1":        `{"version":"https://jsonfeed.org/version/1.1","title":"Harbour",` + item + `}`,
		"http 1":           `{"version":"http://jsonfeed.org/version/1","title":"Harbour",` + item + `}`,
		"bare 1.0":         `{"version":"1.0","title":"Harbour",` + item + `}`,
		"bare 1.1":         `{"title":"Harbour","version":"1.1",` + item + `}`,
		"no version":       `{"title":"Harbour",` + item + `}`,
		"no version, text": `{"title":"Harbour","items":[{"id":"1","title":"Tide tables","content_text":"High water at 6."}]}`,
	} {
		f, err := Parse([]byte(doc), "application/json", "https://harbour.example/feed.json")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if f.Title != "Harbour" || len(f.Items) != 1 || f.Items[0].Title != "Tide tables" || !strings.Contains(f.Items[0].Content, "High water at 6.") {
			t.Errorf("%s: %+v", name, f)
		}
	}
	for name, doc := range map[string]string{
		"other JSON":       `{"name":"harbour","items":[{"name":"crane","weight":12}]}`,
		"other version":    `{"version":"2.0","items":[{"id":"1","content_html":"x"}]}`,
		"an array":         `[{"id":"1","content_html":"x"}]`,
		"no items, no ver": `{"title":"Harbour"}`,
	} {
		if _, err := Parse([]byte(doc), "application/json", ""); err == nil || !strings.Contains(err.Error(), "not a feed") {
			t.Errorf("%s: error %v, want not a feed", name, err)
		}
	}
}

func TestJSONFeedContentTextParagraphs(t *testing.T) {
	doc := `{"version":"https://jsonfeed.org/version/1.1","title":"Notes","items":[` +
		`{"id":"1","content_text":"First paragraph,\nwith a second line.\n\nSecond paragraph: 3 < 4 & <b>not bold</b>.\r\n\r\n\r\nThird."},` +
		`{"id":"2","content_html":"<p>Already <em>HTML</em>.</p>","content_text":"Already HTML."}]}`
	f, err := Parse([]byte(doc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>First paragraph,<br>with a second line.</p><p>Second paragraph: 3 &lt; 4 &amp; &lt;b&gt;not bold&lt;/b&gt;.</p><p>Third.</p>"
	if got := f.Items[0].Content; got != want {
		t.Errorf("content_text:\n got %q\nwant %q", got, want)
	}
	if got := f.Items[1].Content; got != "<p>Already <em>HTML</em>.</p>" {
		t.Errorf("content_html: %q", got)
	}
}

func TestJSONFeedFieldsOfTheWrongType(t *testing.T) {
	doc := `{"version":"https://jsonfeed.org/version/1","title":"Slips","items":[` +
		`{"id":42,"title":"Numbered","tags":"harbour","author":"Ana Reyes","content_html":"<p>One.</p>"},` +
		`{"id":"b","title":"Single author object","authors":{"name":"Lee Park"},"external_url":null,"content_text":"Two."}]}`
	f, err := Parse([]byte(doc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 || f.Items[0].GUID != "42" || f.Items[0].Author != "Ana Reyes" || f.Items[1].Author != "Lee Park" {
		t.Errorf("%+v", f.Items)
	}
}

func TestAuthorWrittenAsAPerson(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Blog</title><item><title>Post</title>` +
		`<author><name>Ana Reyes</name>Product Manager, Tides<department></department><company></company></author>` +
		`<description>x</description></item></channel></rss>`
	f, err := Parse([]byte(doc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Items[0].Author; got != "Ana Reyes" {
		t.Errorf("author %q", got)
	}
}
