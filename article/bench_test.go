package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/herald-reader/herald/internal/cputime"
	"github.com/herald-reader/herald/internal/sharedtest"
)

// pagesDir is where the 66 pages of the extraction benchmark are, in
// ../shared (outside the repository; CI has it there).
const pagesDir = "extraction/pages"

// BenchmarkFromPage extracts and cleans every benchmark page per iteration
// and reports pages/s and pages/cpu-s. Compare its pages/cpu-s with
// BenchmarkReadabilityOnly's: herald's rules may cost at most as much again
// as go-readability itself (issue 11).
func BenchmarkFromPage(b *testing.B) {
	benchPages(b, func(p string) {
		d, err := FromPage(p, Meta{})
		if err != nil {
			b.Fatal(err)
		}
		_ = d.Markdown()
	})
}

// BenchmarkReadabilityOnly runs go-readability alone on every benchmark
// page, parsing included, and renders its article as text: the baseline
// for BenchmarkFromPage. The page is parsed with html.Parse as FromPage
// does: readability.FromReader would add a character-set detection that
// costs more than the extraction (herald's pages are UTF-8 by then).
func BenchmarkReadabilityOnly(b *testing.B) {
	var sb strings.Builder
	benchPages(b, func(p string) {
		doc, err := html.Parse(strings.NewReader(p))
		if err != nil {
			b.Fatal(err)
		}
		parser := readability.NewParser()
		art, err := parser.ParseAndMutate(doc, nil)
		if err != nil {
			b.Fatal(err)
		}
		sb.Reset()
		if art.Node != nil {
			_ = art.RenderText(&sb)
		}
	})
}

// benchPages calls extract on every benchmark page per iteration and
// reports pages/s and, from the CPU time of the process, pages/cpu-s.
func benchPages(b *testing.B, extract func(page string)) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Path(b, pagesDir), "*.html"))
	if len(files) == 0 {
		b.Fatal("no pages in ../shared/" + pagesDir)
	}
	pages := make([]string, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages[i] = string(data)
	}
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			extract(p)
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
	// On a shared machine wall time says little; CPU time used by this
	// process (all threads, GC included) says what one core would do.
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N*len(pages))/cpu.Seconds(), "pages/cpu-s")
	}
}

// TestPages runs every benchmark page through FromPage and checks what must
// hold for any output.
func TestPages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Path(t, pagesDir), "*.html"))
	if len(files) == 0 {
		t.Fatal("no pages in ../shared/" + pagesDir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := FromPage(string(data), Meta{})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		md := d.Markdown()
		if len(d.Blocks) == 0 {
			t.Errorf("%s: no blocks", filepath.Base(f))
		}
		checkInvariants(t, md)
	}
}

// BenchmarkFromHTML cleans the feed-content fixtures (a few KB of HTML
// each), as a refresh does for every new item.
func BenchmarkFromHTML(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(articlesDir, "*.html"))
	if len(files) == 0 {
		b.Fatal("no fixtures")
	}
	var docs []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(data))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			_ = FromHTML(d, Meta{Title: "A title"}).Markdown()
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "items/s")
}
