package tui

import "testing"

func TestReasonFirst(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"fetch https://a.example/feed.xml: 500 Internal Server Error", "500 Internal Server Error — https://a.example/feed.xml"},
		{"last refresh failed: fetch http://127.0.0.1:8080/x: connection refused", "last refresh failed: connection refused — http://127.0.0.1:8080/x"},
		{"bookmark saved without the full article: fetch https://a.example/p?q=1: 404 Not Found", "bookmark saved without the full article: 404 Not Found — https://a.example/p?q=1"},
		{"parse feed: unexpected EOF", "parse feed: unexpected EOF"},
		{"the feed is gone (410): no longer polled", "the feed is gone (410): no longer polled"},
		{"fetch https://a.example/: ", "fetch https://a.example/: "},
	} {
		if got := reasonFirst(c.in); got != c.want {
			t.Errorf("reasonFirst(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
