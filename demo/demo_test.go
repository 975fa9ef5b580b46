package demo

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// TestFilesShowEveryKindOfJunk keeps the sample feeds honest: together they
// carry each pattern the clean-up removes, in all three feed formats.
func TestFilesShowEveryKindOfJunk(t *testing.T) {
	fs, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	noDate := 0
	for _, f := range fs {
		parsed, err := feed.Parse(f.Body, f.ContentType, f.URL)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if n := len(parsed.Items); n < 5 || n > 8 {
			t.Errorf("%s has %d items, want 5-8", f.Name, n)
		}
		for _, it := range parsed.Items {
			if it.Published.IsZero() {
				noDate++
			}
		}
		all.Write(f.Body)
	}
	if noDate == 0 {
		t.Errorf("no item without a date")
	}
	for _, junk := range []string{
		"© LENA MARKOVA - AFP", "Photograph: ", "Image source, ", "Image caption, ", "Photo: Saskia Brandt/Reuters",
		"<p>- 'Holding for now' -</p>", "Last updated: January 1, 1970", "comments powered by Disqus",
		"Share on Facebook", `width="1" height="1"`, "appeared first on", "Continue reading", "Read more of this story at",
		"Related Topics", "Sign up", "funded by its readers",
	} {
		if !strings.Contains(all.String(), junk) {
			t.Errorf("the demo feeds lack %q", junk)
		}
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := &service.Service{Store: st}
	n, err := Load(ctx, svc)
	if err != nil || n != 15 {
		t.Fatalf("Load = %d, %v; want 15 items", n, err)
	}
	feeds, err := st.Feeds(ctx)
	if err != nil || len(feeds) != 3 {
		t.Fatalf("feeds: %v %v", feeds, err)
	}
	items, err := st.Items(ctx, store.ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		_, md, err := svc.Article(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, gone := range []string{"Disqus", "appeared first on", "January 1, 1970", "funded by its readers", "pixel.gif"} {
			if strings.Contains(md, gone) {
				t.Errorf("%q: cleaned article still has %q", it.Title, gone)
			}
		}
	}
	// Loading twice adds nothing.
	if n, err := Load(ctx, svc); err != nil || n != 0 {
		t.Errorf("second Load = %d, %v", n, err)
	}
}
