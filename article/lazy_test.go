package article

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The tests call the rules' functions directly, not through an entry point.
func init() { ready() }

// TestEveryRuleCompiles compiles every rule, as regexp.MustCompile at
// start-up once did: a pattern that does not compile fails here, not in a
// reader's hands on the first article that tries it.
func TestEveryRuleCompiles(t *testing.T) {
	ready()
	if len(allRules) < 150 {
		t.Fatalf("only %d rules registered; ready builds every file's rules", len(allRules))
	}
	for _, l := range allRules {
		if _, err := regexp.Compile(l.pattern); err != nil {
			t.Errorf("rule does not compile: %v", err)
		}
	}
}

// TestLazyRegexpCompilesOnFirstUse: building a rule compiles nothing (a
// pattern that cannot compile is kept as text), and the first use does.
func TestLazyRegexpCompilesOnFirstUse(t *testing.T) {
	broken := &lazyRegexp{pattern: `(`}
	if broken.String() != `(` || broken.re != nil {
		t.Fatal("building or printing a rule compiled it")
	}
	l := &lazyRegexp{pattern: `(?i)^read (more|on)$`}
	if !l.MatchString("Read more") || l.re == nil {
		t.Fatal("the first use did not compile the rule")
	}
	if got := l.FindStringSubmatch("read on"); len(got) != 2 || got[1] != "on" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
}

// TestCleaningCompilesOnlyTheRulesItTries cleans one ordinary article in a
// fresh process (the rules of this one are compiled by other tests) and
// checks that most rules stayed uncompiled: their memory is what the
// reader saves (issue 15).
func TestCleaningCompilesOnlyTheRulesItTries(t *testing.T) {
	if os.Getenv("HERALD_ARTICLE_LAZY_CHILD") == "1" {
		doc := FromHTML(`<p>The council voted on Tuesday to close the bridge for repairs.</p>`+
			`<figure><img src="https://example.org/bridge.jpg" alt="The bridge">`+
			`<figcaption>The bridge in May. Photo: Ann Lee</figcaption></figure>`+
			`<h3>What happens next</h3><p>Work starts in June.</p>`, Meta{Title: "Bridge to close"})
		if !strings.Contains(doc.Markdown(), "Work starts in June.") {
			fmt.Println("lost text")
		}
		n := 0
		for _, l := range allRules {
			if l.re != nil {
				n++
			}
		}
		fmt.Printf("compiled %d of %d\n", n, len(allRules))
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCleaningCompilesOnlyTheRulesItTries$", "-test.count=1")
	cmd.Env = append(os.Environ(), "HERALD_ARTICLE_LAZY_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var n, all int
	line := regexp.MustCompile(`compiled (\d+) of (\d+)`).FindStringSubmatch(string(out))
	if line == nil || strings.Contains(string(out), "lost text") {
		t.Fatalf("child said:\n%s", out)
	}
	n, _ = strconv.Atoi(line[1])
	all, _ = strconv.Atoi(line[2])
	t.Logf("one article compiled %d of %d rules", n, all)
	if n == 0 || n > all/2 {
		t.Fatalf("cleaning one article compiled %d of %d rules; want some, and at most half", n, all)
	}
}
