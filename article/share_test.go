package article

import (
	"strings"
	"testing"
)

func TestShareWidgets(t *testing.T) {
	const lead = "<p>The harbour council met on Tuesday to discuss the ferry timetable for the spring.</p>"
	tests := []struct {
		name, html string
		drop       string // text that must be gone
		keep       string // text that must stay
	}{
		{"labelled row of networks", lead + "<p>Share this article: Facebook · X · LinkedIn · Email</p>", "LinkedIn", "ferry timetable"},
		{"labelled pipes", lead + "<p>Share: Twitter | WhatsApp | Email</p>", "WhatsApp", "ferry timetable"},
		{"buttons as links, no separators", lead + `<div class="social"><a href="https://facebook.example/sharer">Share on Facebook</a> <a href="https://x.example/share">Share on X</a> <a href="mailto:?body=x">Share by email</a></div>`, "Share on", "ferry timetable"},
		{"a sentence that names networks stays", lead + "<p>Facebook and LinkedIn both declined to comment on the timetable.</p>", "", "declined to comment"},
		{"a linked sentence that names networks stays", lead + `<p>She said <a href="https://x.example/post">on X</a> that the ferry would run.</p>`, "", "ferry would run"},
		{"share as a word in a sentence stays", lead + "<p>Share prices fell: investors sold on Tuesday.</p>", "", "Share prices fell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := FromHTML(tt.html, Meta{Title: "Ferry timetable"}).Markdown()
			if tt.drop != "" && strings.Contains(md, tt.drop) {
				t.Errorf("share widget kept:\n%s", md)
			}
			if !strings.Contains(md, tt.keep) {
				t.Errorf("lost %q:\n%s", tt.keep, md)
			}
		})
	}
}

func TestRawEscapeSequenceKeepsSurroundingText(t *testing.T) {
	in := "<p>Body with \x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 and more text.</p><p>Second \x1b[2Jparagraph.</p>"
	md := FromHTML(in, Meta{Title: "T"}).Markdown()
	for _, want := range []string{"Body with click and more text.", "Second paragraph."} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in %q", want, md)
		}
	}
	if strings.ContainsAny(md, "\x1b\x07") {
		t.Errorf("escape left in %q", md)
	}
}

func TestEncodedEscapeSequenceKeepsSurroundingText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Para two &#x1b;]2;y&#x7; must survive entirely.</p>", "Para two must survive entirely."},
		{"<p>A &#x1b;]0;title B C.</p>", "B C."},
		{`<p>See <a href="https://example.com/a">the &#27;]52;c;eA==&#7;report</a> today.</p>`, "report"},
	}
	for _, tt := range tests {
		md := FromHTML(tt.in, Meta{Title: "T"}).Markdown()
		if !strings.Contains(md, tt.want) {
			t.Errorf("FromHTML(%q) = %q, want it to contain %q", tt.in, md, tt.want)
		}
		if strings.ContainsAny(md, "\x1b\x07") {
			t.Errorf("escape left in %q", md)
		}
	}
}
