package article

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// pagesDir is where the 66 pages of the extraction benchmark are, in
// ../shared (outside the repository; CI has it there).
const pagesDir = "extraction/pages"

// BenchmarkFromPage extracts and cleans every benchmark page per iteration
// and reports pages/s.
func BenchmarkFromPage(b *testing.B) {
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
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			d, err := FromPage(p, Meta{})
			if err != nil {
				b.Fatal(err)
			}
			_ = d.Markdown()
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
	// On a shared machine wall time says little; CPU time used by this
	// process (all threads, GC included) says what one core would do.
	if cpu := cpuTime() - cpu0; cpu > 0 {
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
