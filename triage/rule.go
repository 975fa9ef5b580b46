package triage

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Rule is one parsed mute rule.
//
// A rule is written as optional qualifiers followed by the phrase:
//
//	sponsored                      "sponsored" in the title or text of any item
//	title:giveaway                 "giveaway" in titles only
//	feed:example.org crypto        "crypto" in items of feeds whose URL or title contains example.org
//	tag:tech "crypto winter"       the phrase in items of feeds tagged tech
//
// Qualifiers may be combined in any order; the rest of the line is the
// phrase, optionally in double quotes (quote it when it starts with a word
// and a colon). Qualifier values may be quoted too: tag:"long reads".
type Rule struct {
	Raw    string // the rule as written, shown as the reason
	Title  bool   // match the title only (prefix "title:")
	Feed   string // only items of feeds whose URL or title contains this (prefix "feed:"), case-insensitive
	Tag    string // only items of feeds with this tag (prefix "tag:"), case-insensitive
	Phrase string // the word or phrase to find, never empty: muting a whole feed is unsubscribing

	// Compiled by ParseRules; a Rule built by hand is compiled on each Match.
	pat  pattern
	feed string // Feed folded
}

// ParseRules parses mute rules, one per line. It returns every good rule even
// when some fail; the error then names each bad rule and why.
func ParseRules(lines []string) ([]Rule, error) {
	rules := make([]Rule, 0, len(lines))
	var errs []error
	for i, line := range lines {
		r, err := parseRule(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("mute rule %d %q: %w", i+1, line, err))
			continue
		}
		rules = append(rules, r)
	}
	return rules, errors.Join(errs...)
}

// parseRule parses one rule.
func parseRule(line string) (Rule, error) {
	s := strings.TrimSpace(line)
	r := Rule{Raw: s}
	if s == "" {
		return r, errors.New("empty rule")
	}
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		name, rest, ok := qualifier(s)
		if !ok {
			break
		}
		switch name {
		case "title":
			if r.Title {
				return r, errors.New("title: given twice")
			}
			r.Title = true
			s = rest // title: takes no value; the phrase may follow at once
		case "feed", "tag":
			val, after, err := qualifierValue(rest)
			if err != nil {
				return r, fmt.Errorf("%s: %w", name, err)
			}
			if val == "" {
				return r, fmt.Errorf("%s: needs a value right after the colon, as in %s:news", name, name)
			}
			dst := &r.Feed
			if name == "tag" {
				dst = &r.Tag
			}
			if *dst != "" {
				return r, fmt.Errorf("%s: given twice", name)
			}
			*dst = val
			s = after
		default:
			return r, fmt.Errorf("unknown prefix %q (title:, feed: and tag: are known; quote the phrase if the colon belongs to it)", name+":")
		}
	}
	phrase, err := unquote(strings.TrimSpace(s))
	if err != nil {
		return r, err
	}
	r.Phrase = phrase
	r.pat = compile(phrase)
	if r.pat == "" {
		return r, errors.New("no phrase to look for (to mute a whole feed, unsubscribe from it)")
	}
	r.feed = fold(r.Feed)
	return r, nil
}

// qualifier splits "name:rest" when s starts with ASCII letters and a colon;
// name is lower-cased.
func qualifier(s string) (name, rest string, ok bool) {
	i := 0
	for i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z') {
		i++
	}
	if i == 0 || i == len(s) || s[i] != ':' {
		return "", "", false
	}
	return strings.ToLower(s[:i]), s[i+1:], true
}

// qualifierValue takes a qualifier's value from the start of s: a quoted
// string or everything up to the next space.
func qualifierValue(s string) (val, rest string, err error) {
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", "", errors.New("unbalanced quote")
		}
		return strings.TrimSpace(s[1 : 1+end]), s[end+2:], nil
	}
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		end = len(s)
	}
	val = s[:end]
	if strings.Contains(val, `"`) {
		return "", "", errors.New("unbalanced quote")
	}
	return val, s[end:], nil
}

// unquote removes the double quotes around a phrase. Quotes are allowed
// only as such a pair, so a stray one is reported rather than guessed at.
func unquote(s string) (string, error) {
	n := strings.Count(s, `"`)
	switch {
	case n == 0:
		return s, nil
	case n == 2 && len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"':
		return strings.TrimSpace(s[1 : len(s)-1]), nil
	}
	return "", errors.New("unbalanced quote (quote the whole phrase, once)")
}

// pattern is a phrase compiled for search: its folded words joined by
// single spaces. Being a string keeps Rule comparable.
type pattern string

// compile folds a phrase into a pattern.
func compile(phrase string) pattern {
	return pattern(strings.Join(strings.Fields(fold(phrase)), " "))
}
