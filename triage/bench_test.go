package triage

import (
	"fmt"
	"strings"
	"testing"
)

// benchRules is a plausible mute list: global words, a title rule, rules
// for one feed or tag.
var benchRules = []string{
	"sponsored", "title:giveaway", `"black friday"`, "webinar",
	"feed:example.org crypto", `tag:tech "crypto winter"`, "tag:sport transfer",
	"title:horoscope", `"paid partnership"`, "feed:news.example.net celebrity",
}

var benchParagraphs = []string{
	`<p>The city council voted on Tuesday to extend the <a href="https://example.org/tram?utm_source=rss">tram line</a> to the harbour, ending a debate that began when the old ferry terminal closed.</p>`,
	`<p>Engineers say the work will take <strong>three years</strong> and close two streets at a time; shops along the route were promised compensation &amp; a say in the timetable.</p>`,
	`<figure><img src="https://example.org/img/tram.jpg" alt="A tram at the depot"><figcaption>The new trams are longer &#8211; and quieter.</figcaption></figure>`,
	`<p>Opponents argued that buses would serve the same streets for a fraction of the cost, and that the money should go to the hospital instead.</p>`,
	`<blockquote><p>“We waited twenty years for this,” said a resident who has lived by the harbour since 1998.</p></blockquote>`,
}

// benchSubjects returns n items of about 1.5 KB of HTML each, from a
// handful of feeds; none is muted by benchRules.
func benchSubjects(n int) []Subject {
	feeds := []Subject{
		{FeedURL: "https://www.example.org/feed.xml", FeedTitle: "Example Daily", Tags: []string{"news"}},
		{FeedURL: "https://blog.example.com/atom", FeedTitle: "A Tech Blog", Tags: []string{"tech", "blogs"}},
		{FeedURL: "https://news.example.net/rss", FeedTitle: "Example Net News"},
	}
	out := make([]Subject, n)
	for i := range out {
		s := feeds[i%len(feeds)]
		s.Title = fmt.Sprintf("Council extends tram line to the harbour, part %d", i)
		var b strings.Builder
		for j := range 6 {
			b.WriteString(benchParagraphs[(i+j)%len(benchParagraphs)])
		}
		s.Text = b.String()
		out[i] = s
	}
	return out
}

// BenchmarkMatch runs ten rules over items none of them mutes, the common
// and the slowest case: every text is stripped and searched. A refresh of
// 1000 feeds of 50 items is 50,000 calls.
func BenchmarkMatch(b *testing.B) {
	rules := mustRules(b, benchRules...)
	items := benchSubjects(50)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range items {
			if _, ok := Match(rules, s); ok {
				b.Fatal("muted")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
}

// BenchmarkMatchTitles is BenchmarkMatch with title rules only: no text is
// ever stripped.
func BenchmarkMatchTitles(b *testing.B) {
	rules := mustRules(b, "title:giveaway", "title:horoscope", "title:sponsored", `title:"black friday"`)
	items := benchSubjects(50)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range items {
			Match(rules, s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
}

// BenchmarkDuplicateKeys computes both hashes of an item, as a refresh does.
func BenchmarkDuplicateKeys(b *testing.B) {
	link := "https://www.example.org/2026/05/06/council-extends-tram-line/?utm_source=rss&utm_medium=feed&id=7"
	title := "Council extends tram line to the harbour after a long debate"
	b.ReportAllocs()
	for b.Loop() {
		if LinkHash(link) == 0 || TitleHash(title) == 0 {
			b.Fatal("no hash")
		}
	}
}

// BenchmarkReadingMinutes measures a long article: about 6,600 words
// (46 KB) of Markdown with headings, links, images, emphasis and code.
func BenchmarkReadingMinutes(b *testing.B) {
	var sb strings.Builder
	for i := range 60 {
		fmt.Fprintf(&sb, "## Part %d: the harbour line\n\n", i)
		sb.WriteString("The council voted on **Tuesday** to extend the [tram line](https://example.org/tram?id=7) to the harbour, ending a debate that began when the old ferry terminal closed. ")
		sb.WriteString("Engineers say the work will take _three years_ and close two streets at a time; shops along the route were promised compensation and a say in the timetable.\n\n")
		sb.WriteString("![A tram at the depot](https://example.org/img/tram.jpg)\n\n")
		sb.WriteString("> “We waited twenty years for this,” said a resident who has lived by the harbour since 1998, and who remembers the last tram.\n\n")
		sb.WriteString("- Opponents argued that buses would serve the same streets\n- for a fraction of the cost, and that the money\n- should go to the hospital instead.\n\n")
		sb.WriteString("```go\nfor _, stop := range line.Stops {\n\tfmt.Println(stop.Name)\n}\n```\n\n")
	}
	md := sb.String()
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		if ReadingMinutes(md) == 0 {
			b.Fatal("no time")
		}
	}
	b.ReportMetric(float64(ReadingMinutes(md)), "minutes")
}
