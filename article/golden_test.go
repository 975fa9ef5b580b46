package article

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

// update rewrites the golden files: go test ./article -update
var update = flag.Bool("update", false, "rewrite testdata/articles/*.golden.md")

// articlesDir holds whole articles written for the project, shared with
// other packages.
const articlesDir = "../testdata/articles"

// goldenCase is the sidecar NAME.meta.json of an article fixture.
type goldenCase struct {
	Meta struct {
		Title, Link, Author, Summary string
		Published                    time.Time
		ImageURL, ImageCaption       string
		ImageCredit                  string
	} `json:"meta"`
	Once    []string `json:"once"`    // appear exactly once
	Present []string `json:"present"` // appear at least once
	Absent  []string `json:"absent"`  // never appear
}

func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(articlesDir, "*.html"))
	txts, _ := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	inputs = append(inputs, txts...)
	if len(inputs) == 0 {
		t.Fatal("no fixtures in " + articlesDir)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var gc goldenCase
			if data, err := os.ReadFile(filepath.Join(articlesDir, name+".meta.json")); err == nil {
				if err := json.Unmarshal(data, &gc); err != nil {
					t.Fatalf("meta: %v", err)
				}
			}
			m := Meta{Title: gc.Meta.Title, Link: gc.Meta.Link, Author: gc.Meta.Author, Summary: gc.Meta.Summary,
				Published: gc.Meta.Published, ImageURL: gc.Meta.ImageURL, ImageCaption: gc.Meta.ImageCaption,
				ImageCredit: gc.Meta.ImageCredit}
			d, err := FromAny(string(src), m)
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			golden := filepath.Join(articlesDir, name+".golden.md")
			if *update {
				if err := os.WriteFile(golden, []byte(md), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./article -update)", err)
			}
			if md != string(want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", golden, md, want)
			}
			checkContains(t, md, gc.Present, gc.Absent, gc.Once)
			checkInvariants(t, md)
		})
	}
}

// checkContains fails unless md holds every string of present, none of
// absent, and each of once exactly once.
func checkContains(t *testing.T, md string, present, absent, once []string) {
	t.Helper()
	for _, s := range present {
		if !strings.Contains(md, s) {
			t.Errorf("%q missing from:\n%s", s, md)
		}
	}
	for _, s := range absent {
		if strings.Contains(md, s) {
			t.Errorf("%q present in:\n%s", s, md)
		}
	}
	for _, s := range once {
		if n := strings.Count(md, s); n != 1 {
			t.Errorf("%q appears %d times, want once in:\n%s", s, n, md)
		}
	}
}

// checkInvariants holds for every output: one level-1 heading at most, and
// it comes first; no control character; no image with alt text.
func checkInvariants(t *testing.T, md string) {
	t.Helper()
	if sanitize.HasControl(md) {
		t.Errorf("control character in output: %q", md)
	}
	n := 0
	for i, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "# ") {
			n++
			if i != 0 {
				t.Errorf("level-1 heading on line %d", i+1)
			}
		}
	}
	if n > 1 {
		t.Errorf("%d level-1 headings", n)
	}
	// Only a figure with nothing to say about it is a bare image, and its
	// alt text stays empty: a caption never goes into image syntax. ("![x"
	// that never closes into "](" is text, which Markdown shows as it is.)
	if m := imageWithAlt.FindString(md); m != "" {
		t.Errorf("image syntax with alt text in output: %q", m)
	}
}

// imageWithAlt matches Markdown image syntax whose alt text is not empty.
var imageWithAlt = regexp.MustCompile(`!\[(?:[^\]\\]|\\.)+\]\(`)
