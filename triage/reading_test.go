package triage

import (
	"strings"
	"testing"
)

func TestReadingMinutes(t *testing.T) {
	words := func(n int) string { return strings.Repeat("word ", n) }
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"blank", " \n\t\n", 0},
		{"markup only", "# \n---\n* * *\n| --- | --- |\n![a photo of the harbour](https://example.org/p.jpg)\n", 0},
		{"one word", "Hello", 1},
		{"230 words", words(230), 1},
		{"231 words", words(231), 2},
		{"460 words", words(460), 2},
		{"heading marks", "# " + words(230) + "\n## " + "x", 2},
		{"link targets skipped", strings.Repeat("[word](https://example.org/a/long/path) ", 230), 1},
		{"link text counts", strings.Repeat("[two words](https://example.org/) ", 116), 2},
		{"nested parens in target", strings.Repeat("[w](https://en.example.org/wiki/A_(b)_c) ", 230), 1},
		{"images skipped", strings.Repeat("![alt text with many words](x.png) ", 300) + "one", 1},
		{"reference definitions skipped", words(230) + "\n[1]: https://example.org/a b c d e\n", 1},
		{"footnotes count", words(230) + "\n[^1]: a footnote\n", 2},
		{"html tags skipped", strings.Repeat("<span class=\"a b c\">w</span> ", 230), 1},
		{"emphasis", strings.Repeat("**bold** _it_ ", 115), 1},
		{"code counts", "```go\n" + strings.Repeat("x := 1\n", 116) + "```\n", 2},
		{"fence info string", "````go build\n````\n", 0},
		{"unclosed fence", "```\n" + words(231), 2},
		{"link syntax inside code counts", "```\n" + strings.Repeat("[a](b) ", 231) + "\n```", 2},
		{"cjk 460 characters", strings.Repeat("読", 460), 1},
		{"cjk 461 characters", strings.Repeat("読", 461), 2},
		{"cjk and latin", strings.Repeat("漢字", 230) + " " + words(1), 2},
		{"unclosed brackets", strings.Repeat("![a [b (c ", 100), 2}, // 300 words
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReadingMinutes(tt.in); got != tt.want {
				t.Fatalf("ReadingMinutes = %d, want %d", got, tt.want)
			}
		})
	}
}
