package triage

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseRules: any config parses without panic into rules that each have
// a phrase, and each bad line is reported once.
func FuzzParseRules(f *testing.F) {
	for _, s := range []string{
		"sponsored\ntitle:giveaway", "feed:example.org crypto", `tag:tech "crypto winter"`,
		`tag:"a b" title:feed:x "y"`, "foo:bar", `"open`, "feed:", "\n\n", "title:title:",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, config string) {
		lines := strings.Split(config, "\n")
		rules, err := ParseRules(lines)
		bad := 0
		if err != nil {
			bad = strings.Count(err.Error(), "mute rule ")
		}
		if len(rules)+bad < len(lines) {
			t.Fatalf("%d lines, %d rules, error %v", len(lines), len(rules), err)
		}
		for _, r := range rules {
			if r.Phrase == "" || r.pat == "" {
				t.Fatalf("rule %+v has no phrase", r)
			}
		}
		Match(rules, Subject{Title: config, Text: config, FeedURL: config, Tags: lines})
	})
}

// FuzzMatch: Match never panics, and a rule always mutes an item titled
// with its own phrase, or with it as its text, in a feed it selects.
func FuzzMatch(f *testing.F) {
	f.Add("crypto", "Crypto news", "<p>crypto winter</p>")
	f.Add(`tag:tech "crypto winter"`, "Markets", "the crypto<br>winter")
	f.Add("title:c++", "C++ <b>", "&amp; &#x0; <script>")
	f.Add("比特币", "关于比特币的新闻", "<!--")
	f.Add("ſtraße", "STRAẞE", "\xff<a title='>'>")
	f.Fuzz(func(t *testing.T, rule, title, text string) {
		rules, _ := ParseRules([]string{rule})
		Match(rules, Subject{Title: title, Text: text, FeedURL: title, FeedTitle: text, Tags: []string{rule}})
		if len(rules) == 0 || strings.Contains(rules[0].Phrase, "&") {
			return // a title's entities are decoded, a phrase's are not
		}
		r := rules[0]
		s := Subject{Title: " " + r.Phrase + " ", FeedURL: r.Feed, Tags: []string{r.Tag}}
		if _, ok := Match(rules, s); !ok {
			t.Fatalf("rule %q does not match %+v", rule, s)
		}
		if r.Title {
			return
		}
		s = Subject{Text: "<p>" + html.EscapeString(r.Phrase) + "</p>", FeedTitle: r.Feed, Tags: []string{r.Tag}}
		if _, ok := Match(rules, s); !ok {
			t.Fatalf("rule %q does not match %+v", rule, s)
		}
	})
}

// FuzzCanonicalLink: a canonical link is an https URL and its own canonical
// form; its hash is 0 exactly when it is empty.
func FuzzCanonicalLink(f *testing.F) {
	for _, s := range []string{
		"https://www.example.org/a/?utm_source=x&b=1#c", "http://EXAMPLE.org:80", "https://[::1]:443/amp/",
		"https://bücher.example/%7e", "https://example.org/p?a=%zz&amp", "javascript:x", "//example.org/x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		c := CanonicalLink(link)
		if (c == "") != (LinkHash(link) == 0) {
			t.Fatalf("CanonicalLink(%q) = %q but LinkHash = %d", link, c, LinkHash(link))
		}
		if c == "" {
			return
		}
		if !strings.HasPrefix(c, "https://") {
			t.Fatalf("CanonicalLink(%q) = %q", link, c)
		}
		if again := CanonicalLink(c); again != c {
			t.Fatalf("CanonicalLink(%q) = %q, then %q", link, c, again)
		}
	})
}

// FuzzTitleKey: a key is valid UTF-8 and its own key.
func FuzzTitleKey(f *testing.F) {
	for _, s := range []string{"Rust 2.0 released after years of debate", "Weekly links", "Don’t &amp; ＡＢＣ", "苹果公司发布新款笔记本电脑"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		k := TitleKey(title)
		if k == "" {
			return
		}
		if !utf8.ValidString(k) || strings.Contains(k, "  ") {
			t.Fatalf("TitleKey(%q) = %q", title, k)
		}
		if again := TitleKey(k); again != k {
			t.Fatalf("TitleKey(%q) = %q, then %q", title, k, again)
		}
	})
}

// FuzzReadingMinutes: never negative, nor more than a minute a byte.
func FuzzReadingMinutes(f *testing.F) {
	for _, s := range []string{"# Title\n\nSome *text* [a](b).", "```\ncode\n", "![x](y", "漢字 kana かな", "[1]: x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if m := ReadingMinutes(md); m < 0 || m > len(md) {
			t.Fatalf("ReadingMinutes(%q) = %d", md, m)
		}
	})
}
