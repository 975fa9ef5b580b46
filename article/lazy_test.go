package article

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
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

// TestLazyRegexpCompilesOnFirstUse: a rule holds its pattern as text until
// it is used (printing it compiles nothing, so a pattern that cannot
// compile is kept), the first use compiles it, and a pattern that cannot
// compile panics with its error at every use. (compileLater would add the
// broken pattern to allRules, so these are built by hand.)
func TestLazyRegexpCompilesOnFirstUse(t *testing.T) {
	broken := &lazyRegexp{pattern: `(`}
	if broken.String() != `(` || broken.re != nil {
		t.Fatal("printing a rule compiled it")
	}
	for range 2 {
		func() {
			defer func() {
				if r := fmt.Sprint(recover()); !strings.Contains(r, "missing closing )") {
					t.Errorf("using a broken rule: panic %q, want the compile error", r)
				}
			}()
			broken.MatchString("x")
		}()
	}
	l := &lazyRegexp{pattern: `(?i)^read (more|on)$`}
	if !l.MatchString("Read more") || l.re == nil {
		t.Fatal("the first use did not compile the rule")
	}
	if got := l.FindStringSubmatch("read on"); len(got) != 2 || got[1] != "on" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
}

// TestLazyRegexpFirstUseConcurrent: goroutines that use a rule for the
// first time together compile it once (the race detector watches).
func TestLazyRegexpFirstUseConcurrent(t *testing.T) {
	l := &lazyRegexp{pattern: `(?i)^(?:share|tweet|e-?mail)$`}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if !l.MatchString("Share") {
				t.Error("no match")
			}
		}()
	}
	close(start)
	wg.Wait()
}

// TestCleaningCompilesOnlyTheRulesItTries cleans one ordinary article in a
// fresh process (the rules of this one are compiled by other tests) and
// checks that most rules stayed uncompiled, their memory being what the
// reader saves (issue 15), and that cleaning built no rule of its own (one
// built per article would be compiled again every time).
func TestCleaningCompilesOnlyTheRulesItTries(t *testing.T) {
	if os.Getenv("HERALD_ARTICLE_LAZY_CHILD") == "1" {
		rulesAtStart := len(allRules)
		doc := FromHTML(`<p>The council voted on Tuesday to close the bridge for repairs.</p>`+
			`<figure><img src="https://example.org/bridge.jpg" alt="The bridge">`+
			`<figcaption>The bridge in May. Photo: Ann Lee</figcaption></figure>`+
			`<h3>What happens next</h3><p>Work starts in June.</p>`, Meta{Title: "Bridge to close"})
		if !strings.Contains(doc.Markdown(), "Work starts in June.") {
			fmt.Println("lost text")
		}
		if built := len(allRules); built != rulesAtStart {
			fmt.Printf("cleaning built %d more rules\n", built-rulesAtStart)
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
	if line == nil || strings.Contains(string(out), "lost text") || strings.Contains(string(out), "more rules") {
		t.Fatalf("child said:\n%s", out)
	}
	n, _ = strconv.Atoi(line[1])
	all, _ = strconv.Atoi(line[2])
	t.Logf("one article compiled %d of %d rules", n, all)
	if n == 0 || n > all/2 {
		t.Fatalf("cleaning one article compiled %d of %d rules; want some, and at most half", n, all)
	}
}
