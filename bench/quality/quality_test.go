package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// raceItemsPerFeed is how many items of each feed a run under the race
// detector opens.
const raceItemsPerFeed = 1

// TestRealWorldFeeds runs the whole check over ../shared/feeds and holds
// what is true today and must stay true: every file is read without a
// panic, every item is cleaned without failing, and no output holds a
// control character. The other totals are logged, to compare by hand.
func TestRealWorldFeeds(t *testing.T) {
	dir := sharedtest.Path(t, "feeds")
	o := Options{Dir: dir, Workers: 2}
	if raceEnabled {
		// Every file is still parsed and stored, and its newest items
		// cleaned: the whole run takes minutes under the race detector.
		o.ItemsPerFeed = raceItemsPerFeed
		t.Logf("race detector: only the first %d items of each feed are opened", o.ItemsPerFeed)
	}
	rep, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	tot := Total(rep)
	var out bytes.Buffer
	printTotals(&out, rep)
	t.Log("\n" + out.String())

	if parsed := tot.Files - tot.NotFeeds - tot.Empty - tot.ParseErrors; parsed < 200 || tot.Items < parsed/2 {
		t.Errorf("only %d feed files parsed and %d items opened from %s", parsed, tot.Items, dir)
	}
	if tot.ParsePanics > 0 || tot.OtherFailures > 0 {
		for _, f := range rep.Feeds {
			if f.Err != "" && f.Kind != FailParse {
				t.Errorf("%s: %s failure: %s", f.File, f.Kind, f.Err)
			}
		}
	}
	for _, it := range rep.Items {
		if it.Failure != "" {
			t.Errorf("%s %q: %s", it.File, it.Title, it.Failure)
		}
		if it.Control {
			t.Errorf("%s %q: control character in the Markdown", it.File, it.Title)
		}
	}
	// The deliberately broken files must fail with one line each.
	for _, f := range rep.Feeds {
		if strings.ContainsAny(f.Err, "\n\r") {
			t.Errorf("%s: error on several lines: %q", f.File, f.Err)
		}
	}
}
