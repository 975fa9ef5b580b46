package feed

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// podcastRSS wraps items in an RSS channel declaring the iTunes and Media
// RSS namespaces.
func podcastRSS(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Pod</title><link>https://pod.example/</link><description>A show</description>
` + items + `
</channel></rss>`
}

// episode is one RSS item whose children are extra.
func episode(extra string) string {
	return podcastRSS(`<item><title>Episode</title><link>https://pod.example/ep/1</link>` + extra + `</item>`)
}

func TestItemMedia(t *testing.T) {
	long := "https://cdn.example/" + strings.Repeat("a", maxMediaURL) + ".mp3"
	lifted := podcastRSS(`<item><title>Long</title><link>https://pod.example/ep/2</link>
<description>` + strings.Repeat("Show notes &amp; links. ", 40) + `</description>
<enclosure url="https://cdn.example/long.mp3" type="audio/mpeg" length="777"/>
<itunes:duration>45:30</itunes:duration></item>`)
	tests := []struct {
		name, doc, base string
		want            *Media
	}{
		{"rss enclosure with itunes duration", episode(`
<enclosure url=" https://cdn.example/ep1.mp3 " type="audio/mpeg" length="12345678"/>
<itunes:duration>1:02:03</itunes:duration>`), "",
			&Media{URL: "https://cdn.example/ep1.mp3", Type: "audio/mpeg", Size: 12345678, Duration: time.Hour + 2*time.Minute + 3*time.Second}},
		{"first audio enclosure after an image", episode(`
<enclosure url="https://cdn.example/cover.jpg" type="image/jpeg" length="10"/>
<enclosure url="https://cdn.example/ep1.m4a" type="Audio/MP4; codecs=mp4a" length="5"/>
<itunes:duration>3600</itunes:duration>`), "",
			&Media{URL: "https://cdn.example/ep1.m4a", Type: "audio/mp4", Size: 5, Duration: time.Hour}},
		{"atom enclosure link", `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Pod</title><id>urn:pod</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>Ep</title><id>urn:ep</id><updated>2026-01-01T00:00:00Z</updated>
<link rel="alternate" href="https://pod.example/ep"/>
<link rel="enclosure" href="https://cdn.example/ep.ogg" type="audio/ogg" length="4096"/>
</entry></feed>`, "",
			&Media{URL: "https://cdn.example/ep.ogg", Type: "audio/ogg", Size: 4096}},
		{"json feed attachment with duration", `{"version":"https://jsonfeed.org/version/1.1","title":"Pod","items":[
{"id":"1","url":"https://pod.example/1","content_text":"hi","attachments":[
{"url":"https://cdn.example/cover.png","mime_type":"image/png"},
{"url":"https://cdn.example/ep.mp3","mime_type":"audio/mpeg","size_in_bytes":2048,"duration_in_seconds":1800}]}]}`, "",
			&Media{URL: "https://cdn.example/ep.mp3", Type: "audio/mpeg", Size: 2048, Duration: 30 * time.Minute}},
		{"json feed single attachment object, junk duration", `{"version":"https://jsonfeed.org/version/1","title":"Pod","items":[
{"id":"1","content_html":"hi","attachments":{"url":"https://cdn.example/ep.mp4","mime_type":"video/mp4","duration_in_seconds":-5}}]}`, "",
			&Media{URL: "https://cdn.example/ep.mp4", Type: "video/mp4"}},
		{"media:content audio by medium", episode(`
<media:content url="https://cdn.example/ep.bin" medium="audio" fileSize="999" duration="95"/>`), "",
			&Media{URL: "https://cdn.example/ep.bin", Size: 999, Duration: 95 * time.Second}},
		{"media:content video in a group after images", episode(`
<media:content url="https://cdn.example/a.jpg" medium="image"/>
<media:group><media:content url="https://cdn.example/v.webm" type="video/webm"/></media:group>
<itunes:duration>2:00</itunes:duration>`), "",
			&Media{URL: "https://cdn.example/v.webm", Type: "video/webm", Duration: 2 * time.Minute}},
		{"enclosure takes duration of media:content with its URL", episode(`
<enclosure url="https://cdn.example/e.mp3" type="audio/mpeg"/>
<media:content url="https://cdn.example/e.mp3" type="audio/mpeg" duration="61"/>`), "",
			&Media{URL: "https://cdn.example/e.mp3", Type: "audio/mpeg", Duration: 61 * time.Second}},
		{"image-only enclosure", episode(`<enclosure url="https://cdn.example/c.png" type="image/png" length="1"/>`), "", nil},
		{"image by medium with audio type", episode(`<media:content url="https://cdn.example/c.mp3" type="audio/mpeg" medium="image"/>`), "", nil},
		{"untyped image URL", episode(`<enclosure url="https://cdn.example/c.jpg"/>`), "", nil},
		{"pdf enclosure", episode(`<enclosure url="https://cdn.example/notes.mp3" type="application/pdf"/>`), "", nil},
		{"untyped audio URL by extension", episode(`<enclosure url="https://cdn.example/ep.OPUS?x=1" length="10"/>`), "",
			&Media{URL: "https://cdn.example/ep.OPUS?x=1", Size: 10}},
		{"unregistered type falls back to extension", episode(`<enclosure url="https://cdn.example/ep.mp3" type="x-audio/mp3"/>`), "",
			&Media{URL: "https://cdn.example/ep.mp3"}},
		{"octet-stream falls back to extension", episode(`<enclosure url="https://cdn.example/ep.flac" type="application/octet-stream"/>`), "",
			&Media{URL: "https://cdn.example/ep.flac"}},
		{"overlong type is ignored", episode(`<enclosure url="https://cdn.example/ep.wav" type="audio/` + strings.Repeat("x", maxMediaType) + `"/>`), "",
			&Media{URL: "https://cdn.example/ep.wav"}},
		{"relative URL resolved against the feed base", episode(`<enclosure url="../media/ep1.mp3" type="audio/mpeg"/>`), "https://pod.example/feeds/main.xml",
			&Media{URL: "https://pod.example/media/ep1.mp3", Type: "audio/mpeg"}},
		{"scheme-relative URL", episode(`<enclosure url="//cdn.example/ep1.mp3" type="audio/mpeg"/>`), "https://pod.example/feed",
			&Media{URL: "https://cdn.example/ep1.mp3", Type: "audio/mpeg"}},
		{"relative URL against the item link when no base", `<rss version="2.0"><channel><title>P</title>
<item><title>E</title><link>https://pod.example/shows/ep/1</link><enclosure url="audio/1.mp3" type="audio/mpeg"/></item></channel></rss>`, "",
			&Media{URL: "https://pod.example/shows/ep/audio/1.mp3", Type: "audio/mpeg"}},
		{"relative URL without any base", `<rss version="2.0"><channel><title>P</title>
<item><title>E</title><enclosure url="/ep/1.mp3" type="audio/mpeg"/></item></channel></rss>`, "", nil},
		{"javascript URL", episode(`<enclosure url="javascript:alert(1)//.mp3" type="audio/mpeg"/>`), "", nil},
		{"file URL", episode(`<enclosure url="file:///etc/passwd.mp3" type="audio/mpeg"/>`), "", nil},
		{"file base does not resolve", episode(`<enclosure url="ep.mp3" type="audio/mpeg"/>`), "file:///home/me/feed.xml",
			&Media{URL: "https://pod.example/ep/ep.mp3", Type: "audio/mpeg"}},
		{"host-less http URL", episode(`<enclosure url="http:ep.mp3" type="audio/mpeg"/>`), "", nil},
		{"bad first enclosure, good second", episode(`
<enclosure url="data:audio/mpeg;base64,AAAA" type="audio/mpeg"/>
<enclosure url="https://cdn.example/ok.mp3" type="audio/mpeg"/>`), "",
			&Media{URL: "https://cdn.example/ok.mp3", Type: "audio/mpeg"}},
		{"URL with a space", episode(`<enclosure url="https://cdn.example/my ep.mp3" type="audio/mpeg"/>`), "", nil},
		{"URL with a control character", episode(`<enclosure url="https://cdn.example/ep&#x85;.mp3" type="audio/mpeg"/>`), "", nil},
		{"URL with a tab", episode(`<enclosure url="https://cdn.example/e&#9;p.mp3" type="audio/mpeg"/>`), "", nil},
		{"overlong URL", episode(`<enclosure url="` + long + `" type="audio/mpeg"/>`), "", nil},
		{"junk length and duration", episode(`
<enclosure url="https://cdn.example/j.mp3" type="audio/mpeg" length="-1"/>
<itunes:duration>about an hour</itunes:duration>`), "",
			&Media{URL: "https://cdn.example/j.mp3", Type: "audio/mpeg"}},
		{"overflowing length, absurd duration", episode(`
<enclosure url="https://cdn.example/j.mp3" type="audio/mpeg" length="99999999999999999999999"/>
<itunes:duration>999999999</itunes:duration>`), "",
			&Media{URL: "https://cdn.example/j.mp3", Type: "audio/mpeg"}},
		{"no enclosure", episode(``), "", nil},
		{"lifted body keeps the enclosure", lifted, "",
			&Media{URL: "https://cdn.example/long.mp3", Type: "audio/mpeg", Size: 777, Duration: 45*time.Minute + 30*time.Second}},
		{"rss in json", `{"rss":{"version":"2.0","channel":{"title":"Pod","item":[{"title":"E","link":"https://pod.example/e",
"enclosure":{"url":"https://cdn.example/rj.mp3","type":"audio/mpeg","length":"321"},"itunes:duration":"10:00"}]}}}`, "",
			&Media{URL: "https://cdn.example/rj.mp3", Type: "audio/mpeg", Size: 321, Duration: 10 * time.Minute}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse([]byte(tc.doc), "", tc.base)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Items) == 0 {
				t.Fatal("no items")
			}
			got := f.Items[len(f.Items)-1].Media
			switch {
			case got == nil && tc.want == nil:
			case got == nil || tc.want == nil || *got != *tc.want:
				t.Errorf("Media = %+v, want %+v", got, tc.want)
			}
		})
	}
	if _, b := lift([]byte(lifted), gofeed.FeedTypeRSS); b == nil {
		t.Error("the lifted case is not lifted: it tests nothing")
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration // 0: an error
	}{
		{"3600", time.Hour},
		{" 59:59 ", 59*time.Minute + 59*time.Second},
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second},
		{"1:2:3", time.Hour + 2*time.Minute + 3*time.Second},
		{"92:20", 92*time.Minute + 20*time.Second},
		{"00:45:12.500", 45*time.Minute + 12*time.Second},
		{"168:00:00", maxMediaDuration},
		{"168:00:01", 0},
		{"604801", 0},
		{"0", 0},
		{"00:00", 0},
		{"", 0},
		{"abc", 0},
		{"-5", 0},
		{"+5", 0},
		{"1:60", 2 * time.Minute},
		{"00:60:05", time.Hour + 5*time.Second},
		{"1:-2:00", 0},
		{"1:2:3:4", 0},
		{"1::3", 0},
		{"1.5:00", 0},
		{"12.", 0},
		{"1e3", 0},
		{"99999999999999999999999", 0},
		{"9223372036854775807:59:59", 0},
		{"1 h", 0},
	}
	for _, tc := range tests {
		got, err := parseDuration(tc.in)
		if got != tc.want || (err == nil) != (tc.want != 0) {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := parseDuration("1:2:3:4"); !errors.Is(err, errNoDuration) {
		t.Errorf("error %v does not wrap errNoDuration", err)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: an error
	}{
		{"12345", 12345},
		{" 7 ", 7},
		{"9223372036854775807", 1<<63 - 1},
		{"9223372036854775808", 0},
		{"", 0},
		{"0", 0},
		{"-1", 0},
		{"+1", 0},
		{"abc", 0},
		{"1.5", 0},
		{"1,000", 0},
	}
	for _, tc := range tests {
		got, err := parseSize(tc.in)
		if got != tc.want || (err == nil) != (tc.want != 0) {
			t.Errorf("parseSize(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestEnclosureMedia(t *testing.T) {
	long := "https://cdn.example/" + strings.Repeat("a", 2100) + ".mp3"
	for _, c := range []struct {
		url, typ string
		size     int64
		want     Media
		ok       bool
	}{
		{"https://cdn.example/ep1.mp3", "Audio/MPEG; charset=x", 1200, Media{URL: "https://cdn.example/ep1.mp3", Type: "audio/mpeg", Size: 1200}, true},
		{"https://cdn.example/ep2.mp3", "", -5, Media{URL: "https://cdn.example/ep2.mp3"}, true}, // by the extension
		{"https://cdn.example/photo.jpg", "image/jpeg", 0, Media{}, false},
		{"/relative.mp3", "audio/mpeg", 0, Media{}, false},
		{"file:///etc/passwd", "audio/mpeg", 0, Media{}, false},
		{long, "audio/mpeg", 0, Media{}, false},
		{"https://cdn.example/ep3.mp3", strings.Repeat("x", 200), 0, Media{URL: "https://cdn.example/ep3.mp3"}, true},
	} {
		got, ok := EnclosureMedia(c.url, c.typ, c.size)
		if ok != c.ok || got != c.want {
			t.Errorf("EnclosureMedia(%.40q, %.20q) = %+v, %v; want %+v, %v", c.url, c.typ, got, ok, c.want, c.ok)
		}
	}
}
