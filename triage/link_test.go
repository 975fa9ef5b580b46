package triage

import (
	"hash/fnv"
	"testing"
)

func TestCanonicalLink(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/a/b", "https://example.org/a/b"},
		{"  HTTP://WWW.Example.ORG/Post/1/  ", "https://example.org/Post/1"},
		{"http://example.org:80/x", "https://example.org/x"},
		{"https://example.org:443/x", "https://example.org/x"},
		{"https://example.org:8443/x", "https://example.org:8443/x"},
		{"https://user:pw@example.org/x", "https://example.org/x"},
		{"https://example.org./x", "https://example.org/x"},
		{"https://www.www.example.org/x", "https://example.org/x"},
		{"https://www.org/x", "https://www.org/x"},
		{"https://example.org", "https://example.org/"},
		{"https://example.org/", "https://example.org/"},
		{"https://example.org//", "https://example.org/"},
		{"https://example.org/a//b", "https://example.org/a//b"},
		{"https://example.org/story#comments", "https://example.org/story"},
		{"https://example.org/#!/post/7", "https://example.org/#!/post/7"},
		{"https://example.org/app#/post/7", "https://example.org/app#/post/7"},
		{"https://example.org/story/amp", "https://example.org/story"},
		{"https://example.org/story/amp/", "https://example.org/story"},
		{"https://example.org/story/camp", "https://example.org/story/camp"},
		{"https://example.org/story?amp", "https://example.org/story"},
		{"https://example.org/story?amp=1&id=4", "https://example.org/story?id=4"},
		{"https://example.org/p?utm_source=rss&UTM_Medium=feed&utm_campaign=x", "https://example.org/p"},
		{"https://example.org/p?b=2&fbclid=abc&a=1&gclid=z&ref=hn", "https://example.org/p?a=1&b=2"},
		{"https://example.org/p?mc_cid=1&mc_eid=2&igshid=3&_ga=4&ocid=5&ncid=6", "https://example.org/p"},
		{"https://example.org/p?id=1&&", "https://example.org/p?id=1"},
		{"https://example.org/p?", "https://example.org/p"},
		{"https://example.org/p?q=a%2bb&r=%7e", "https://example.org/p?q=a%2Bb&r=~"},
		{"https://example.org/p?a=1;utm_source=x", "https://example.org/p?a=1;utm_source=x"},
		{"https://example.org/p?q=two words&x=é", "https://example.org/p?q=two%20words&x=%C3%A9"},
		{"https://example.org/p?q=100%&r=%zz", "https://example.org/p?q=100%25&r=%25zz"},
		{"https://example.org/%7Euser/caf%c3%a9", "https://example.org/~user/caf%C3%A9"},
		{"https://example.org/café", "https://example.org/caf%C3%A9"},
		{"https://example.org/a%2Fb", "https://example.org/a%2Fb"},
		{"https://BÜCHER.example/x", "https://xn--bcher-kva.example/x"},
		{"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
		{"https://[2001:db8::1]/x", "https://[2001:db8::1]/x"},

		{"", ""},
		{"/relative/path", ""},
		{"example.org/x", ""},
		{"ftp://example.org/x", ""},
		{"mailto:someone@example.org", ""},
		{"javascript:alert(1)", ""},
		{"http:opaque", ""},
		{"https://", ""},
		{"https://www./x", "https://www/x"},
		{"https://exa mple.org/", ""},
		{"https://example.org/%zz", ""},
	}
	for _, tt := range tests {
		got := CanonicalLink(tt.in)
		if got != tt.want {
			t.Errorf("CanonicalLink(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := CanonicalLink(got); got != "" && again != got {
			t.Errorf("CanonicalLink(%q) = %q, not stable", got, again)
		}
	}
}

func TestLinkHash(t *testing.T) {
	same := []string{
		"https://example.org/2026/05/story",
		"http://www.example.org/2026/05/story/",
		"https://example.org/2026/05/story?utm_source=rss#comments",
		"https://example.org/2026/05/story/amp?amp=1",
	}
	want := LinkHash(same[0])
	for _, l := range same[1:] {
		if got := LinkHash(l); got != want {
			t.Errorf("LinkHash(%q) = %d, want %d", l, got, want)
		}
	}
	if h := LinkHash("https://example.org/2026/05/other"); h == want {
		t.Error("different stories share a hash")
	}
	for _, l := range []string{"", "not a link", "/relative"} {
		if h := LinkHash(l); h != 0 {
			t.Errorf("LinkHash(%q) = %d, want 0", l, h)
		}
	}
}

// The hashes are stored: they must not change between versions.
func TestHashIsStable(t *testing.T) {
	tests := []struct {
		s    string
		want int64
	}{
		{"", 0},
		{"https://example.org/", 279476807947389069},
		{"herald", 3368212121628834687},
	}
	for _, tt := range tests {
		if got := hash64(tt.s); got != tt.want {
			t.Errorf("hash64(%q) = %d, want %d", tt.s, got, tt.want)
		}
		if tt.s == "" {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(tt.s))
		if got := hash64(tt.s); got != int64(h.Sum64()) {
			t.Errorf("hash64(%q) = %d, not FNV-1a %d", tt.s, got, int64(h.Sum64()))
		}
	}
}
