package article

import (
	"strings"
	"testing"
)

func TestWordCountIsFields(t *testing.T) {
	for _, s := range []string{"", " ", "one", " two  words ", "tab\tand\nnew line", "no\u00a0break space", "ideographic\u3000space", "é à ü", "\x85next line", "\xffbad\xfe bytes", "a\u2028b"} {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}
