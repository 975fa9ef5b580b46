// Command extraction scores herald's full-page extraction on the pages of
// the article-extraction benchmark in ../shared/extraction: it runs
// article.FromPage in-process on every page, writes each body (the
// Markdown without the title and meta lines, as the benchmark's ground
// truth is the body alone) to a directory, and has score.py score it.
//
// Usage:
//
//	go run ./bench/extraction [-pages DIR] [-out DIR] [-readability] [-testpages] [-v]
//
// -readability also scores go-readability alone (its article converted to
// Markdown, nothing of herald's rules), for comparison; -testpages checks
// that herald's rules take only chrome from what readability keeps, on
// go-readability's own test pages (testpages.go); -v lists every page's
// scores, worst first. -out keeps the outputs (herald's in OUT/herald,
// go-readability's in OUT/readability); without it they go to a temporary
// directory that is removed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/herald-reader/herald/internal/cputime"
	"github.com/herald-reader/herald/internal/sharedtest"
)

func main() {
	pages := flag.String("pages", "", "directory of benchmark pages (default: ../shared/extraction/pages beside the module root, or $HERALD_SHARED/extraction/pages)")
	out := flag.String("out", "", "keep the outputs in this directory (default: a temporary directory, removed)")
	withReadability := flag.Bool("readability", false, "also score go-readability alone")
	testPages := flag.Bool("testpages", false, "also score herald against go-readability's expected output on its own test pages (over-dropping check)")
	verbose := flag.Bool("v", false, "list every page's scores, worst first")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: extraction [-pages DIR] [-out DIR] [-readability] [-testpages] [-v]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	o := options{pagesDir: *pages, outDir: *out, readability: *withReadability, testPages: *testPages, verbose: *verbose}
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "extraction:", err)
		os.Exit(1)
	}
}

// options say what run scores and where.
type options struct {
	pagesDir, outDir       string
	readability, testPages bool
	verbose                bool
}

// run scores the extractors o asks for and writes score.py's reports to w.
func run(w io.Writer, o options) error {
	pagesDir, outDir := o.pagesDir, o.outDir
	if pagesDir == "" {
		shared, err := sharedtest.Dir()
		if err != nil {
			return fmt.Errorf("find ../shared from the module root (or give -pages): %w", err)
		}
		pagesDir = filepath.Join(shared, "extraction", "pages")
	}
	files, _ := filepath.Glob(filepath.Join(pagesDir, "*.html"))
	if len(files) == 0 {
		return fmt.Errorf("no *.html pages in %s: the benchmark lives in ../shared/extraction beside the module root", pagesDir)
	}
	scorer := filepath.Join(filepath.Dir(pagesDir), "score.py")
	if _, err := os.Stat(scorer); err != nil {
		return fmt.Errorf("the scorer, score.py, belongs in the directory above the pages: %w", err)
	}
	if outDir == "" {
		tmp, err := os.MkdirTemp("", "herald-extraction")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		outDir = tmp
	}
	links := readLinks(filepath.Join(filepath.Dir(pagesDir), "urls.tsv"))
	extractors := []extractor{{"herald", heraldBody}}
	if o.readability {
		extractors = append(extractors, extractor{"readability", readabilityBody})
	}
	for _, x := range extractors {
		dir := filepath.Join(outDir, x.name)
		cpu, err := extractAll(x, files, links, dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "== %s: %d pages", x.name, len(files))
		if cpu > 0 {
			fmt.Fprintf(w, ", %.2f cpu-s (%.0f pages/cpu-s; the Go benchmarks measure this better)", cpu.Seconds(), float64(len(files))/cpu.Seconds())
		}
		fmt.Fprintln(w)
		if err := score(w, scorer, dir, o.verbose); err != nil {
			return err
		}
	}
	if o.testPages {
		return scoreTestPages(w, scorer, outDir, o.verbose)
	}
	return nil
}

// extractor turns one page into the Markdown to score.
type extractor struct {
	name    string
	extract func(page, link string) (string, error)
}

// extractAll writes x's output for every page to dir as <id>.md and returns
// the CPU time the extraction took (the process's, so run it alone).
func extractAll(x extractor, files []string, links map[string]string, dir string) (time.Duration, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var cpu time.Duration
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		id := strings.TrimSuffix(filepath.Base(f), ".html")
		c0 := cputime.Used()
		md, err := x.extract(string(data), links[id])
		cpu += cputime.Used() - c0
		if err != nil {
			// An empty output scores as a failure; say which page it was.
			fmt.Fprintf(os.Stderr, "%s: %s: %v\n", x.name, id, err)
		}
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(md), 0o644); err != nil {
			return 0, err
		}
	}
	return cpu, nil
}

// readLinks reads urls.tsv (page id, tab, address); a missing file gives no
// addresses.
func readLinks(path string) map[string]string {
	links := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return links
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if id, u, ok := strings.Cut(sc.Text(), "\t"); ok {
			links[id] = strings.TrimSpace(u)
		}
	}
	return links
}

// score runs score.py on dir (with extra arguments) and prints its summary;
// verbose adds the per-page scores, worst first.
func score(w io.Writer, scorer, dir string, verbose bool, extra ...string) error {
	args := append([]string{scorer, dir, "--format", "md"}, extra...)
	csvPath := filepath.Join(dir, "per_page.csv")
	if verbose {
		args = append(args, "--csv", csvPath)
	}
	cmd := exec.Command("python3", args...)
	cmd.Stdout, cmd.Stderr = w, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("score.py: %w", err)
	}
	if verbose {
		return printPages(w, csvPath)
	}
	return nil
}
