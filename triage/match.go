package triage

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Subject is what mute rules look at in one item.
type Subject struct {
	Title     string
	Text      string // the item's summary or content, as HTML
	FeedURL   string
	FeedTitle string
	Tags      []string // the feed's tags
}

// Match reports the first rule that mutes s, by its Raw text. Matching
// ignores case and finds whole words: "crypto" matches "Crypto news" and
// "crypto-winter" but not "cryptography", and the words of a phrase may be
// separated by any white space in the item, line breaks included. The text
// is stripped of HTML at most once, and only when a rule needs it.
func Match(rules []Rule, s Subject) (reason string, ok bool) {
	var sub subject
	sub.Subject = s
	for i := range rules {
		r := &rules[i]
		pat, feed := r.pat, r.feed
		if pat == "" {
			// Built by hand rather than by ParseRules.
			pat, feed = compile(r.Phrase), fold(r.Feed)
		}
		if pat == "" || !sub.inFeed(r, feed) {
			continue
		}
		if pat.in(sub.title()) || !r.Title && pat.in(sub.text()) {
			return r.Raw, true
		}
	}
	return "", false
}

// subject holds the folded forms of a Subject, each made on first use.
type subject struct {
	Subject
	ftitle, ftext, furl, ffeed    string
	doneTitle, doneText, doneFeed bool
}

func (s *subject) title() string {
	if !s.doneTitle {
		t := s.Title
		if strings.IndexByte(t, '&') >= 0 {
			t = html.UnescapeString(t) // titles are text, but "&amp;" slips through
		}
		s.ftitle, s.doneTitle = fold(t), true
	}
	return s.ftitle
}

func (s *subject) text() string {
	if !s.doneText {
		s.ftext, s.doneText = foldText(s.Text), true
	}
	return s.ftext
}

// inFeed reports whether s passes r's tag filter and feed, r's feed filter
// folded.
func (s *subject) inFeed(r *Rule, feed string) bool {
	if r.Tag != "" && !hasTag(s.Tags, r.Tag) {
		return false
	}
	if r.Feed == "" {
		return true
	}
	if !s.doneFeed {
		s.furl, s.ffeed, s.doneFeed = fold(s.FeedURL), fold(s.FeedTitle), true
	}
	return strings.Contains(s.furl, feed) || strings.Contains(s.ffeed, feed)
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(strings.TrimSpace(t), tag) {
			return true
		}
	}
	return false
}

// in reports whether the folded text h contains p: its words in order,
// separated by white space. An end of p that is a word character must be at
// a word boundary in h, unless it is in a script written without spaces
// (Han, kana, Thai...), where words cannot be told apart.
func (p pattern) in(h string) bool {
	if p == "" {
		return false
	}
	first, rest, _ := strings.Cut(string(p), " ")
	r, _ := utf8.DecodeRuneInString(string(p))
	left := isWordRune(r) && !isUnspaced(r)
	r, _ = utf8.DecodeLastRuneInString(string(p))
	right := isWordRune(r) && !isUnspaced(r)
	for off := 0; off < len(h); {
		i := strings.Index(h[off:], first)
		if i < 0 {
			return false
		}
		start := off + i
		off = start + 1 // next try; a lead byte never matches mid-rune
		if left && start > 0 {
			r, _ := utf8.DecodeLastRuneInString(h[:start])
			if isWordRune(r) && !isUnspaced(r) {
				continue
			}
		}
		end, ok := start+len(first), true
		for ws := rest; ws != "" && ok; {
			var w string
			w, ws, _ = strings.Cut(ws, " ")
			j := skipSpace(h, end)
			ok = j > end && strings.HasPrefix(h[j:], w)
			end = j + len(w)
		}
		if !ok {
			continue
		}
		if right && end < len(h) {
			r, _ := utf8.DecodeRuneInString(h[end:])
			if isWordRune(r) && !isUnspaced(r) {
				continue
			}
		}
		return true
	}
	return false
}

// skipSpace returns the index of the first non-space rune at or after i.
func skipSpace(h string, i int) int {
	for i < len(h) {
		r, n := utf8.DecodeRuneInString(h[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}
