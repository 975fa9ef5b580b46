package main

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/herald-reader/herald/store"
)

func TestFileBase(t *testing.T) {
	for _, tc := range []struct {
		title string
		id    int64
		want  string
	}{
		{"Storm at the point", 1, "Storm-at-the-point"},
		{"../../etc/passwd", 2, "etc-passwd"},
		{"a/b", 3, "a-b"},
		{`a\b:c*d?"e<f>|g`, 4, "a-b-c-d-e-f-g"},
		{"..", 5, "bookmark-5"},
		{"", 6, "bookmark-6"},
		{"con", 7, "bookmark-con"},
		{"LPT1", 8, "bookmark-LPT1"},
		{"Tab\tand\x1b]0;pwned\x07bell", 9, "Tab-andbell"},
		{"Évian: l’été à Genève", 10, "Évian-l-été-à-Genève"},
		{".hidden", 11, "hidden"},
	} {
		if got := fileBase(tc.title, tc.id); got != tc.want {
			t.Errorf("fileBase(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
	long := fileBase(strings.Repeat("word ", 100), 1)
	if n := utf8.RuneCountInString(long); n > maxNameRunes || strings.HasSuffix(long, "-") {
		t.Errorf("long title gives %d runes: %q", n, long)
	}
}

func TestYAMLQuote(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:            `"plain"`,
		`say "hi"`:         `"say \"hi\""`,
		`back\slash`:       `"back\\slash"`,
		"line\nbreak":      `"line\nbreak"`,
		"esc\x1b[31m":      `"esc\u001b[31m"`,
		"c1\u009b":         `"c1\u009b"`,
		"sep\u2028x":       `"sep\u2028x"`,
		"key: value # not": `"key: value # not"`,
	} {
		if got := yamlQuote(in); got != want {
			t.Errorf("yamlQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBookmarkFile(t *testing.T) {
	b := store.Bookmark{ItemID: 42, Title: "A \"quoted\" title", URL: "https://x.test/a", FeedTitle: "Feed",
		Saved: time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), Markdown: "# A title\n\nBody."}
	got := bookmarkFile(b)
	want := "---\ntitle: \"A \\\"quoted\\\" title\"\nurl: \"https://x.test/a\"\nfeed: \"Feed\"\nauthor: \"\"\n" +
		"published: \"\"\nsaved: \"2026-03-03T10:00:00Z\"\nherald_id: 42\n---\n\n# A title\n\nBody.\n"
	if got != want {
		t.Errorf("bookmarkFile:\n%s\nwant:\n%s", got, want)
	}
}
