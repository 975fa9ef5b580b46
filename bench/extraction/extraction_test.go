package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// Floors for herald's body on the benchmark's dev pages: a change that
// loses text or keeps chrome shows here. They sit a little under today's
// scores (F1 0.980, P 0.971, R 0.988); raise them with the scores, and do
// not fit rules to the dev pages to keep them.
const minF1, minRecall = 0.975, 0.985

// TestDevPages scores FromPage's body on the dev pages and holds the floors.
func TestDevPages(t *testing.T) {
	pages := sharedtest.Path(t, "extraction/pages")
	if _, err := exec.LookPath("python3"); err != nil {
		// CI has python3 (and ../shared): a scorer gone missing there is a
		// failure, not a skip that hides the floors.
		sharedtest.Missing(t, "python3 (for score.py)", err)
	}
	var out bytes.Buffer
	if err := run(&out, options{pagesDir: pages, outDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	var f1, p, r float64
	last := lastLine(out.String())
	if _, err := fmt.Sscanf(last, "F1 %f P %f R %f", &f1, &p, &r); err != nil {
		t.Fatalf("no summary line in score.py's output %q: %v", last, err)
	}
	t.Logf("body-only: %s", last)
	if f1 < minF1 || r < minRecall {
		t.Errorf("body-only F1 %.3f (floor %.3f), R %.3f (floor %.3f)", f1, minF1, r, minRecall)
	}
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestReadLinks(t *testing.T) {
	dir := t.TempDir()
	if links := readLinks(dir + "/missing.tsv"); len(links) != 0 {
		t.Errorf("a missing file gave %v", links)
	}
	tsv := dir + "/urls.tsv"
	if err := os.WriteFile(tsv, []byte("ab12\thttps://example.com/a \nno tab here\ncd34\thttps://example.com/b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := readLinks(tsv)
	if len(links) != 2 || links["ab12"] != "https://example.com/a" || links["cd34"] != "https://example.com/b" {
		t.Errorf("readLinks = %v", links)
	}
}
