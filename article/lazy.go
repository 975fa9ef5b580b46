package article

import (
	"regexp"
	"sync"
)

// The clean-up's rules are some two hundred regular expressions, 3 MB and
// 30 ms compiled. Most herald commands (refresh, list, sync …) clean
// nothing, and an article uses only some of the rules: a rule for
// newsletters' footers or for web pages' bylines is never tried on a feed
// without them. So nothing is compiled when the program starts, and each
// rule is compiled the first time it is tried (issue 15: over 60 of the
// real feeds in ../shared, reading one compiled 0–65 rules, 1.1 MB at the
// median, instead of 204 and 3 MB).
//
// Each file builds its rules in a function it registers (register, in an
// init); ready builds them all, once, and every entry point of the package
// calls it. Building is cheap: compileLater keeps only the pattern.
var (
	compilers []func()
	compiled  sync.Once
	// allRules holds every rule built, for the test that compiles them all.
	allRules []*lazyRegexp
)

// register adds a file's rules.
func register(f func()) { compilers = append(compilers, f) }

// ready builds the rules, the first time it is called.
func ready() {
	compiled.Do(func() {
		for _, f := range compilers {
			f()
		}
	})
}

// lazyRegexp is a regular expression compiled on its first use. It offers
// the methods of regexp.Regexp the clean-up uses, and is safe for
// concurrent use.
type lazyRegexp struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
	err     error // the pattern's compile error, reported on every use
}

// compileLater returns the rule for pattern, to be compiled on first use.
// It runs only in package initialisation and under ready's Once, so
// allRules needs no lock.
func compileLater(pattern string) *lazyRegexp {
	l := &lazyRegexp{pattern: pattern}
	allRules = append(allRules, l)
	return l
}

// get compiles the pattern the first time. A pattern that does not compile
// panics, as regexp.MustCompile does, with its error on every use;
// TestEveryRuleCompiles compiles them all.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re, l.err = regexp.Compile(l.pattern) })
	if l.err != nil {
		panic("article: rule " + l.pattern + ": " + l.err.Error())
	}
	return l.re
}

// String returns the pattern, without compiling it.
func (l *lazyRegexp) String() string { return l.pattern }

// MatchString is regexp.Regexp.MatchString.
func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

// FindString is regexp.Regexp.FindString.
func (l *lazyRegexp) FindString(s string) string { return l.get().FindString(s) }

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (l *lazyRegexp) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	return l.get().FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (l *lazyRegexp) FindAllString(s string, n int) []string {
	return l.get().FindAllString(s, n)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.get().FindAllStringIndex(s, n)
}

// FindAllStringSubmatch is regexp.Regexp.FindAllStringSubmatch.
func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.get().FindAllStringSubmatch(s, n)
}

// ReplaceAll is regexp.Regexp.ReplaceAll.
func (l *lazyRegexp) ReplaceAll(src, repl []byte) []byte { return l.get().ReplaceAll(src, repl) }

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.get().ReplaceAllString(src, repl)
}

// Split is regexp.Regexp.Split.
func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }
