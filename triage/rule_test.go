package triage

import (
	"strings"
	"testing"
)

func TestParseRules(t *testing.T) {
	tests := []struct {
		in    string
		want  Rule   // exported fields only
		error string // part of the error, "" for none
	}{
		{in: "sponsored", want: Rule{Raw: "sponsored", Phrase: "sponsored"}},
		{in: "  Sponsored  ", want: Rule{Raw: "Sponsored", Phrase: "Sponsored"}},
		{in: "title:giveaway", want: Rule{Raw: "title:giveaway", Title: true, Phrase: "giveaway"}},
		{in: "title: giveaway", want: Rule{Raw: "title: giveaway", Title: true, Phrase: "giveaway"}},
		{in: "TITLE:Giveaway", want: Rule{Raw: "TITLE:Giveaway", Title: true, Phrase: "Giveaway"}},
		{in: "feed:example.org crypto", want: Rule{Raw: "feed:example.org crypto", Feed: "example.org", Phrase: "crypto"}},
		{in: `tag:tech "crypto winter"`, want: Rule{Raw: `tag:tech "crypto winter"`, Tag: "tech", Phrase: "crypto winter"}},
		{in: "tag:tech crypto winter", want: Rule{Raw: "tag:tech crypto winter", Tag: "tech", Phrase: "crypto winter"}},
		{in: `tag:"long reads" title:feed:blog.example "free  trial"`, want: Rule{
			Raw: `tag:"long reads" title:feed:blog.example "free  trial"`, Title: true,
			Feed: "blog.example", Tag: "long reads", Phrase: "free  trial"}},
		{in: `"breaking: live updates"`, want: Rule{Raw: `"breaking: live updates"`, Phrase: "breaking: live updates"}},
		{in: "10:30 standup", want: Rule{Raw: "10:30 standup", Phrase: "10:30 standup"}},
		{in: "title:c++", want: Rule{Raw: "title:c++", Title: true, Phrase: "c++"}},
		{in: "比特币", want: Rule{Raw: "比特币", Phrase: "比特币"}},

		{in: "", error: "empty rule"},
		{in: "   ", error: "empty rule"},
		{in: "foo:bar", error: `unknown prefix "foo:"`},
		{in: "breaking: live updates", error: `unknown prefix "breaking:"`},
		{in: "feed:example.org", error: "no phrase"},
		{in: "title:", error: "no phrase"},
		{in: `tag:tech ""`, error: "no phrase"},
		{in: "feed: crypto", error: "feed: needs a value"},
		{in: `feed:"" crypto`, error: "feed: needs a value"},
		{in: `"crypto winter`, error: "unbalanced quote"},
		{in: `crypto winter"`, error: "unbalanced quote"},
		{in: `say "hi" twice`, error: "unbalanced quote"},
		{in: `tag:"long reads crypto`, error: "tag: unbalanced quote"},
		{in: `tag:lo"ng crypto`, error: "tag: unbalanced quote"},
		{in: "title:title:x", error: "title: given twice"},
		{in: "feed:a feed:b x", error: "feed: given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			rules, err := ParseRules([]string{tt.in})
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) {
					t.Fatalf("error = %v, want one containing %q", err, tt.error)
				}
				if len(rules) != 0 {
					t.Fatalf("a bad rule was returned: %+v", rules)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v", err)
			}
			got := rules[0]
			got.pat, got.feed = "", ""
			if got != tt.want {
				t.Fatalf("rule = %+v\nwant   %+v", got, tt.want)
			}
		})
	}
}

func TestParseRulesKeepsGoodRules(t *testing.T) {
	rules, err := ParseRules([]string{"sponsored", "nope:x", "title:giveaway", "", `"open`})
	if len(rules) != 2 || rules[0].Raw != "sponsored" || rules[1].Raw != "title:giveaway" {
		t.Fatalf("rules = %+v", rules)
	}
	// One line per bad rule, each with its number and text.
	want := []string{`mute rule 2 "nope:x": unknown prefix`, `mute rule 4 "": empty rule`, `mute rule 5 "\"open": unbalanced quote`}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("error =\n%v", err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error line %d = %q, want prefix %q", i+1, lines[i], w)
		}
	}
}

func TestParseRulesNone(t *testing.T) {
	rules, err := ParseRules(nil)
	if err != nil || len(rules) != 0 {
		t.Fatalf("ParseRules(nil) = %v, %v", rules, err)
	}
}
