// Command quality runs herald's real clean-up over every item of every real
// feed file in ../shared/feeds and reports what it got wrong: feeds that
// fail to parse, output that is raw markup rather than an article, control
// characters, paragraphs or sentences shown twice, boilerplate left in,
// photo credits and headings lost, and how long the clean-up took.
//
// It goes the way a user's articles go: a temporary database subscribed to
// every file as a file:// URL (Service.Import), Service.Refresh, then
// Service.Article on each stored item, which cleans it with the feed's
// boilerplate lines, as the reader does.
//
// Usage:
//
//	go run ./bench/quality [-dir DIR] [-v] [-json FILE] [-max N] [-workers N] [-items N]
//
// The totals come first, then a listing per category (feed file, item title
// and an excerpt of the offending output; -max caps each listing), then the
// slowest items. -v adds every item with its Markdown; -json writes every
// feed and item record, so that two runs can be compared. Items are opened
// and timed one at a time unless -workers says otherwise; -items opens only
// the first N items of each feed. quality_test.go runs the same check in
// `go test`.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/herald-reader/herald/sanitize"
)

func main() {
	dir := flag.String("dir", "", "feeds directory (default: ../shared/feeds beside the module root, or $HERALD_SHARED/feeds)")
	verbose := flag.Bool("v", false, "list every item, with its Markdown")
	jsonOut := flag.String("json", "", "write the per-feed and per-item records to this file")
	maxList := flag.Int("max", 0, "list at most this many items per category (0: all)")
	workers := flag.Int("workers", 1, "feeds opened at once (items are timed one by one; more workers blur the timings)")
	items := flag.Int("items", 0, "open only the first N items of each feed (0: all; every file is still parsed)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: quality [-dir DIR] [-v] [-json FILE] [-max N] [-workers N] [-items N]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	o := Options{Dir: *dir, Workers: *workers, ItemsPerFeed: *items}
	if err := run(o, *jsonOut, *verbose, *maxList); err != nil {
		fmt.Fprintln(os.Stderr, "quality:", err)
		os.Exit(1)
	}
}

func run(o Options, jsonOut string, verbose bool, maxList int) error {
	if o.Dir == "" {
		// The same lookup as the tests': $HERALD_SHARED, else ../shared
		// beside the directory holding go.mod.
		shared, err := sharedtest.Dir()
		if err != nil {
			return fmt.Errorf("find ../shared from the module root (or give -dir): %w", err)
		}
		o.Dir = filepath.Join(shared, "feeds")
	}
	if _, err := os.Stat(o.Dir); err != nil {
		return fmt.Errorf("feeds directory: %w", err)
	}
	rep, err := Run(context.Background(), o)
	if err != nil {
		return err
	}
	printTotals(os.Stdout, rep)
	printListings(os.Stdout, rep, maxList)
	if verbose {
		printItems(os.Stdout, rep)
	}
	if jsonOut != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("json: %w", err)
		}
		if err := os.WriteFile(jsonOut, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("json: %w", err)
		}
	}
	return nil
}

// Totals counts a report: feeds by outcome, items per check (and the number
// of defects, several per item for the lists), and timing.
type Totals struct {
	Files, NotFeeds, Empty, ParseErrors, ParsePanics, OtherFailures int
	Items, Failures, NotArticle, Control                            int
	Duplicates, Boilerplate, CreditsLost                            [2]int // items, defects
	HeadingsLost                                                    [2]int
	Clean, P50, P95, Max                                            time.Duration
}

// Total computes the totals of rep.
func Total(rep *Report) Totals {
	t := Totals{Files: len(rep.Feeds), Items: len(rep.Items)}
	for _, f := range rep.Feeds {
		switch {
		case f.Err == "":
		case f.Kind == FailParse && notFeed(f.Err):
			t.NotFeeds++
		case f.Kind == FailParse && cutEmpty(f.Err):
			t.Empty++
		case f.Kind == FailParse:
			t.ParseErrors++
		case f.Kind == FailPanic:
			t.ParsePanics++
		default:
			t.OtherFailures++
		}
	}
	count := func(c *[2]int, l []string) {
		if len(l) > 0 {
			c[0]++
			c[1] += len(l)
		}
	}
	var times []time.Duration
	for _, it := range rep.Items {
		if it.Failure != "" {
			t.Failures++
		}
		if it.NotArticle != "" {
			t.NotArticle++
		}
		if it.Control {
			t.Control++
		}
		count(&t.Duplicates, it.Duplicates)
		count(&t.Boilerplate, it.Boilerplate)
		count(&t.CreditsLost, it.CreditsLost)
		count(&t.HeadingsLost, it.HeadingsLost)
		t.Clean += it.Time
		times = append(times, it.Time)
	}
	if len(times) > 0 {
		slices.Sort(times)
		t.P50, t.P95, t.Max = times[len(times)/2], times[len(times)*95/100], times[len(times)-1]
	}
	return t
}

// notFeed reports whether a parse error says the document is no feed at
// all (an HTML page, other XML, an empty file) rather than a feed herald
// failed to read.
func notFeed(err string) bool {
	return strings.HasPrefix(err, "not a feed") || err == "empty response"
}

// cutEmpty reports whether a parse error says the document is a feed cut
// short before its first item: broken, but holding nothing to read.
func cutEmpty(err string) bool {
	return strings.Contains(err, "cut short, before its first item")
}

// printTotals prints the totals table.
func printTotals(w io.Writer, rep *Report) {
	t := Total(rep)
	fmt.Fprintf(w, "herald clean-up quality: %d feed files in %s, %d items\n\n", t.Files, sanitize.Line(rep.Dir), t.Items)
	row := func(name string, n any, extra string) { fmt.Fprintf(w, "  %-36s %7v  %s\n", name, n, extra) }
	row("feeds parsed", t.Files-t.NotFeeds-t.Empty-t.ParseErrors-t.ParsePanics-t.OtherFailures, "")
	row("not feeds (refused, reason given)", t.NotFeeds, "(HTML pages and fragments, other XML, empty files)")
	row("feeds cut before their first item", t.Empty, "(nothing to read; refused, reason given)")
	row("errors: feeds that fail to parse", t.ParseErrors, "")
	row("errors: parser panics", t.ParsePanics, "")
	row("errors: other feed failures", t.OtherFailures, "")
	row("errors: clean-up failures/panics", t.Failures, "items")
	row("not an article (raw markup)", t.NotArticle, "items")
	row("control characters", t.Control, "items")
	row("duplicates", t.Duplicates[0], fmt.Sprintf("items (%d repeats)", t.Duplicates[1]))
	row("boilerplate left", t.Boilerplate[0], fmt.Sprintf("items (%d lines)", t.Boilerplate[1]))
	row("credits lost", t.CreditsLost[0], fmt.Sprintf("items (%d credits)", t.CreditsLost[1]))
	row("headings lost", t.HeadingsLost[0], fmt.Sprintf("items (%d headings)", t.HeadingsLost[1]))
	mean := time.Duration(0)
	if t.Items > 0 {
		mean = t.Clean / time.Duration(t.Items)
	}
	fmt.Fprintf(w, "\n  time: refresh %v; clean-up %v over %d items (mean %v, p50 %v, p95 %v, max %v); feed boilerplate %v; wall %v (%d worker(s))\n",
		ms(rep.Refresh), ms(t.Clean), t.Items, us(mean), us(t.P50), us(t.P95), ms(t.Max), ms(rep.Boilerplate), ms(rep.Wall), rep.Workers)
}

func ms(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
func us(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }

// printListings prints, per category, the feeds or items concerned.
func printListings(w io.Writer, rep *Report, maxList int) {
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n== %s (%d) ==\n", title, len(lines))
		for i, l := range lines {
			if maxList > 0 && i == maxList && !strings.HasPrefix(title, "slowest") {
				fmt.Fprintf(w, "  … %d more (-max 0 lists all)\n", len(lines)-i)
				break
			}
			fmt.Fprintln(w, l)
		}
	}
	var kinds [3][]string
	var notFeeds []string
	for _, f := range rep.Feeds {
		switch {
		case f.Err == "":
		case f.Kind == FailParse && (notFeed(f.Err) || cutEmpty(f.Err)):
			notFeeds = append(notFeeds, "  "+f.File+": "+f.Err)
		case f.Kind == FailParse:
			kinds[0] = append(kinds[0], "  "+f.File+": "+f.Err)
		case f.Kind == FailPanic:
			kinds[1] = append(kinds[1], "  "+f.File+": "+f.Err)
		default:
			kinds[2] = append(kinds[2], "  "+f.File+": "+f.Err)
		}
	}
	section("not feeds, or cut before their first item", notFeeds)
	section("errors: feeds that fail to parse", kinds[0])
	section("errors: parser panics", kinds[1])
	section("errors: other feed failures", kinds[2])
	pick := func(get func(ItemResult) []string) []string {
		var out []string
		for _, it := range rep.Items {
			if l := get(it); len(l) > 0 {
				out = append(out, fmt.Sprintf("  %s %q\n      %s", it.File, it.Title, strings.Join(l, "\n      ")))
			}
		}
		return out
	}
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	section("errors: clean-up failures", pick(func(it ItemResult) []string { return one(it.Failure) }))
	section("not an article", pick(func(it ItemResult) []string { return one(it.NotArticle) }))
	section("control characters", pick(func(it ItemResult) []string {
		if it.Control {
			return []string{"control character in the output"}
		}
		return nil
	}))
	section("duplicates", pick(func(it ItemResult) []string { return it.Duplicates }))
	section("boilerplate left", pick(func(it ItemResult) []string { return it.Boilerplate }))
	section("credits lost", pick(func(it ItemResult) []string { return it.CreditsLost }))
	section("headings lost", pick(func(it ItemResult) []string { return it.HeadingsLost }))

	slow := slices.Clone(rep.Items)
	slices.SortStableFunc(slow, func(a, b ItemResult) int { return int(b.Time - a.Time) })
	var lines []string
	for _, it := range slow[:min(10, len(slow))] {
		lines = append(lines, fmt.Sprintf("  %9v  %s %q (%d source bytes)", us(it.Time), it.File, it.Title, it.SrcChars))
	}
	section("slowest items", lines)
}

// printItems prints every item with its time, its findings and its Markdown.
func printItems(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "\n== every item (%d) ==\n", len(rep.Items))
	for _, it := range rep.Items {
		var flags []string
		if it.Failure != "" {
			flags = append(flags, "failure: "+it.Failure)
		}
		if it.NotArticle != "" {
			flags = append(flags, "not an article: "+it.NotArticle)
		}
		if it.Control {
			flags = append(flags, "control characters")
		}
		for _, l := range [][2]any{{"duplicate", it.Duplicates}, {"boilerplate", it.Boilerplate},
			{"credit lost", it.CreditsLost}, {"heading lost", it.HeadingsLost}} {
			for _, s := range l[1].([]string) {
				flags = append(flags, l[0].(string)+": "+s)
			}
		}
		fmt.Fprintf(w, "\n-- %s %q  %v, %d → %d bytes\n", it.File, it.Title, us(it.Time), it.SrcChars, it.MDChars)
		for _, f := range flags {
			fmt.Fprintln(w, "   ! "+f)
		}
		// The Markdown went through sanitize.Text in Service.Article.
		for _, l := range strings.Split(strings.TrimRight(sanitize.Text(it.md), "\n"), "\n") {
			fmt.Fprintln(w, "   | "+l)
		}
	}
}
