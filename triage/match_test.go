package triage

import (
	"testing"
	"unicode"
)

func mustRules(t testing.TB, lines ...string) []Rule {
	t.Helper()
	rules, err := ParseRules(lines)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

func TestMatch(t *testing.T) {
	techFeed := Subject{FeedURL: "https://www.Example.org/feed.xml", FeedTitle: "Example Weekly", Tags: []string{"Tech", "news"}}
	with := func(s Subject, title, text string) Subject {
		s.Title, s.Text = title, text
		return s
	}
	tests := []struct {
		name  string
		rules []string
		s     Subject
		want  string // the reason, "" for no match
	}{
		{"word in title", []string{"crypto"}, Subject{Title: "Crypto news today"}, "crypto"},
		{"word before a hyphen", []string{"crypto"}, Subject{Title: "The crypto-winter is here"}, "crypto"},
		{"not inside a word", []string{"crypto"}, Subject{Title: "Applied cryptography"}, ""},
		{"not at a word end", []string{"crypto"}, Subject{Title: "Anticrypto rally"}, ""},
		{"possessive", []string{"crypto"}, Subject{Title: "Crypto's bad year"}, "crypto"},
		{"in text", []string{"crypto"}, Subject{Title: "Markets", Text: "<p>All about <b>crypto</b>.</p>"}, "crypto"},
		{"title rule ignores text", []string{"title:crypto"}, Subject{Title: "Markets", Text: "crypto"}, ""},
		{"title rule", []string{"title:giveaway"}, Subject{Title: "Big GIVEAWAY!"}, "title:giveaway"},
		{"phrase across a line break", []string{`"crypto winter"`}, Subject{Text: "<p>the crypto\n   winter</p>"}, `"crypto winter"`},
		{"phrase across a tag", []string{`"crypto winter"`}, Subject{Text: "the crypto<br/>winter"}, `"crypto winter"`},
		{"phrase across nbsp", []string{`"crypto winter"`}, Subject{Text: "the crypto&nbsp;winter"}, `"crypto winter"`},
		{"phrase words must touch", []string{`"crypto winter"`}, Subject{Text: "crypto, winter"}, ""},
		{"phrase in one word", []string{`"crypto winter"`}, Subject{Text: "cryptowinter"}, ""},
		{"inline tag inside a word", []string{"crypto"}, Subject{Text: "<b>Cry</b>pto rally"}, "crypto"},
		{"entity", []string{"AT&T"}, Subject{Text: "AT&amp;T earnings"}, "AT&T"},
		{"entity in title", []string{"Q&A"}, Subject{Title: "Friday Q&amp;A"}, "Q&A"},
		{"attribute is not text", []string{"crypto"}, Subject{Text: `<a href="/crypto" title="a>crypto">link</a>`}, ""},
		{"script is not text", []string{"crypto"}, Subject{Text: "<script>var crypto = 1</script>hi"}, ""},
		{"comment is not text", []string{"crypto"}, Subject{Text: "<!-- crypto -->hi"}, ""},
		{"lone angle bracket", []string{"b"}, Subject{Text: "a < b"}, "b"},
		{"unicode case", []string{"ÉTÉ"}, Subject{Title: "Un été chaud"}, "ÉTÉ"},
		{"final sigma", []string{"ΟΔΟΣ"}, Subject{Title: "η οδος"}, "ΟΔΟΣ"},
		{"sharp s and long s", []string{"ſtraße"}, Subject{Title: "STRAẞE gesperrt"}, "ſtraße"},
		{"decomposed accent", []string{"café"}, Subject{Title: "Le cafe\u0301 du coin"}, "café"},
		{"accent is part of the word", []string{"cafe"}, Subject{Title: "Le cafe\u0301 du coin"}, ""},
		{"full-width", []string{"crypto"}, Subject{Title: "ＣＲＹＰＴＯ 速報"}, "crypto"},
		{"cjk inside a run", []string{"比特币"}, Subject{Title: "关于比特币的新闻"}, "比特币"},
		{"symbol phrase", []string{"c++"}, Subject{Title: "Modern C++ in practice"}, "c++"},
		{"symbol phrase at a boundary", []string{"c++"}, Subject{Title: "ObjC++ tricks"}, ""},
		{"first matching rule wins", []string{"giveaway", "crypto"}, Subject{Title: "Crypto giveaway"}, "giveaway"},
		{"feed by url", []string{"feed:example.org crypto"}, with(techFeed, "crypto", ""), "feed:example.org crypto"},
		{"feed by title", []string{"feed:weekly crypto"}, with(techFeed, "crypto", ""), "feed:weekly crypto"},
		{"feed case", []string{"feed:EXAMPLE.ORG crypto"}, with(techFeed, "crypto", ""), "feed:EXAMPLE.ORG crypto"},
		{"other feed", []string{"feed:other.net crypto"}, with(techFeed, "crypto", ""), ""},
		{"tag", []string{"tag:tech crypto"}, with(techFeed, "", "<p>crypto</p>"), "tag:tech crypto"},
		{"tag is whole", []string{"tag:tec crypto"}, with(techFeed, "crypto", ""), ""},
		{"no tags", []string{"tag:tech crypto"}, Subject{Title: "crypto"}, ""},
		{"feed and tag both needed", []string{"feed:example.org tag:sport crypto"}, with(techFeed, "crypto", ""), ""},
		{"no rules", nil, Subject{Title: "crypto"}, ""},
		{"empty subject", []string{"crypto"}, Subject{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Match(mustRules(t, tt.rules...), tt.s)
			if got != tt.want || ok != (tt.want != "") {
				t.Fatalf("Match = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

// A Rule built by hand, not by ParseRules, still works.
func TestMatchHandMadeRule(t *testing.T) {
	rules := []Rule{{Raw: "empty"}, {Raw: "r", Feed: "Example", Phrase: "Crypto Winter"}}
	s := Subject{Text: "crypto winter", FeedTitle: "example blog"}
	if got, ok := Match(rules, s); !ok || got != "r" {
		t.Fatalf("Match = %q, %v", got, ok)
	}
}

func TestFoldText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"Plain Text", "plain text"},
		{"<p>One</p><P>Two</P>", " one  two "},
		{"<em>in</em>LINE", "inline"},
		{"a &lt;b&gt; &amp; &#233; &Eacute; &#65;&#x42;", "a <b> & é é ab"},
		{"a&nbsp;b&#160;c", "a b c"},
		{"&amp &ampx &nosuch; & &#;", "& &x &nosuch; & &#;"},
		{"caf&eacute; CAFE\u0301", "café café"},
		{"ＦＵＬＬ", "full"},
		{`<img alt="x > y" src=x>after`, " after"},
		{"<style>p{}</style>text", " text"},
		{"<SCRIPT>x</Script >text", " text"},
		{"<script>x</scripts>y</script>z", " z"},
		{"</script>text", " text"},
		{"text<b", "text"},
		{"text<!-- open", "text"},
		{"<script>never closed", " "},
		{"x<3 y", "x<3 y"},
		{"bad\xffbyte", "bad\ufffdbyte"},
	}
	for _, tt := range tests {
		if got := foldText(tt.in); got != tt.want {
			t.Errorf("foldText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// foldRune must be idempotent, or a folded phrase would not be found in
// the same text folded.
func TestFoldRuneIdempotent(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if f := foldRune(r); foldRune(f) != f {
			t.Errorf("foldRune(%U) = %U, then %U", r, f, foldRune(f))
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"already", "already"},
		{"MiXeD", "mixed"},
		{"ÇA VA", "ça va"},
		{"ΣΊΣΥΦΟΣ σίσυφος", "σίσυφοσ σίσυφοσ"},
		{"ﬁnd", "find"},
		{"\u212Aelvin", "kelvin"}, // the Kelvin sign
		{"İstanbul", "istanbul"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
