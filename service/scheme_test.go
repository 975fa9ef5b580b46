package service

import "testing"

func TestWithScheme(t *testing.T) {
	tests := map[string]string{
		"example.com/feed":         "https://example.com/feed",
		"localhost:8080/rss.xml":   "https://localhost:8080/rss.xml",
		"127.0.0.1:18081/good.xml": "https://127.0.0.1:18081/good.xml",
		"http://example.com/feed":  "http://example.com/feed",
		"exec:rm -rf /":            "exec:rm -rf /",
		"javascript:alert(1)":      "javascript:alert(1)",
		"file:///home/me/feed.xml": "file:///home/me/feed.xml",
		"":                         "",
	}
	for in, want := range tests {
		if got := withScheme(in); got != want {
			t.Errorf("withScheme(%q) = %q, want %q", in, got, want)
		}
	}
}
