package article

import (
	"regexp"
	"testing"
)

// The tests call the rules' functions directly, not through an entry point.
func init() { ready() }

func TestEveryRuleIsCompiledByReady(t *testing.T) {
	ready()
	if len(compilers) < 30 {
		t.Fatalf("%d files register rules; the rewrite to lazy compilation lost some", len(compilers))
	}
	for _, re := range []*regexp.Regexp{genericAlt, socialChrome, copyrightNotice, trackerURL, tagLabel} {
		if re == nil {
			t.Fatal("a rule is still nil after ready")
		}
	}
}
