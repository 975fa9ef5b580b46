package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/article"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// longPara is a paragraph far wider than any terminal: printed to a pipe it
// stays one line.
var longPara = strings.TrimSpace(strings.Repeat("The tide tables for the estuary were revised after the spring survey. ", 6))

// TestPipePrintsTheCleanedMarkdown: show and read to a pipe print exactly
// the Markdown article/ made, through sanitize (no escape sequence, no
// wrapping), the same as --plain; --styled prints the page.
func TestPipePrintsTheCleanedMarkdown(t *testing.T) {
	e := newEnv(t)
	html := "<p>" + longPara + "</p><h2>At the weir</h2><p>A second <em>paragraph</em> with a " +
		`<a href="https://site.test/weir">link to the weir</a> and a bell` + "\x07" + `.</p>`
	srv := newFeedServer(t, map[string]route{
		"/feed.xml": {contentType: rssType, body: rss("Estuary Log",
			rssItem{Title: "Tide tables revised", Link: "https://site.test/tides", GUID: "1",
				Date: "Mon, 02 Mar 2026 08:00:00 +0000", Description: html})},
	})
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), "Tide tables revised")

	piped := e.ok("show", id)
	if want := storedMarkdown(t, e.db, id); piped != want {
		t.Errorf("show to a pipe:\n%q\nwant the stored article's Markdown, sanitized:\n%q", piped, want)
	}
	if plain := e.ok("show", id, "--plain"); plain != piped {
		t.Errorf("show --plain differs from show to a pipe:\n%q\n%q", plain, piped)
	}
	for _, want := range []string{"# Tide tables revised", longPara, "## At the weir", "*paragraph*", "[link to the weir](https://site.test/weir)"} {
		if !strings.Contains(piped, want) {
			t.Errorf("show to a pipe lacks %q:\n%s", want, piped)
		}
	}
	if sanitize.HasControl(piped) || strings.Contains(piped, "\x1b") {
		t.Errorf("show to a pipe carries a control character:\n%q", piped)
	}

	styled := e.ok("show", id, "--styled", "--width", "60")
	if strings.Contains(styled, longPara) || !strings.Contains(styled, "At the weir") {
		t.Errorf("show --styled is not the page set at 60 columns:\n%s", styled)
	}
	for i, line := range strings.Split(styled, "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("show --styled --width 60: line %d is %d cells: %q", i, w, line)
		}
	}
	if r := e.run("", "show", id, "--plain", "--styled"); r.code == 0 {
		t.Error("show --plain --styled exited 0")
	}

	// read, of an HTML fragment: the same Markdown as the clean-up makes.
	path := filepath.Join(e.dir, "fragment.html")
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	piped = e.ok("read", path)
	if want := sanitize.Text(article.FromHTML(html, article.Meta{}).Markdown()); piped != want {
		t.Errorf("read to a pipe:\n%q\nwant the clean-up's Markdown:\n%q", piped, want)
	}
	if plain := e.ok("read", "--plain", path); plain != piped {
		t.Errorf("read --plain differs from read to a pipe:\n%q\n%q", plain, piped)
	}
}

// storedMarkdown is the article of item id as the service gives it (the
// Markdown article/ made when the item was stored), sanitized and ending in
// a newline: what show must print to a pipe.
func storedMarkdown(t *testing.T, db, id string) string {
	t.Helper()
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, md, err := (&service.Service{Store: st}).Article(t.Context(), n)
	if err != nil {
		t.Fatal(err)
	}
	return ensureNewline(sanitize.Text(md))
}

// TestPageSettings: --images takes the five modes and refuses others, on
// the reader, show and read; a bad measure or images setting is reported
// and the command goes on with the default.
func TestPageSettings(t *testing.T) {
	e := newEnv(t)
	path := filepath.Join(e.dir, "note.txt")
	if err := os.WriteFile(path, []byte("A note about the harbour lights.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"auto", "kitty", "sixel", "halfblocks", "off"} {
		if out := e.ok("read", "--images", mode, path); !strings.Contains(out, "harbour lights") {
			t.Errorf("read --images %s: %q", mode, out)
		}
	}
	for _, tt := range []struct {
		bad  string
		args []string
	}{
		{"png", []string{"read", "--images", "png", path}},
		{"ascii", []string{"show", "--images", "ascii", "1"}},
		{"Kitty", []string{"--images", "Kitty"}},
		{"", []string{"demo", "--print", "--images="}}, // empty: as if not given
	} {
		r := e.run("", tt.args...)
		if tt.bad == "" {
			if r.code != 0 {
				t.Errorf("herald %s: exit %d, %s", strings.Join(tt.args, " "), r.code, r.stderr)
			}
			continue
		}
		want := "--images " + strconv.Quote(tt.bad) + ": want auto, kitty, sixel, halfblocks or off"
		if r.code == 0 || !strings.Contains(r.stderr, want) {
			t.Errorf("herald %s: exit %d, stderr %q; want %q", strings.Join(tt.args, " "), r.code, r.stderr, want)
		}
	}

	e.config("measure = 10\nimages = \"iterm\"\n")
	r := e.run("", "read", path)
	if r.code != 0 || !strings.Contains(r.stdout, "harbour lights") {
		t.Errorf("read with a bad setting: exit %d, %q", r.code, r.stdout)
	}
	for _, want := range []string{"measure 10: want 30 to 400 cells (default 72)", `images "iterm": want auto`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q lacks %q", r.stderr, want)
		}
	}
}

// TestImagesFlagOverridesTheSetting checks what the reader is handed.
func TestImagesFlagOverridesTheSetting(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if err := os.MkdirAll(filepath.Join(dir, "herald"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "herald", "config.toml"), []byte("measure = 64\nimages = \"sixel\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var errb strings.Builder
	a := &app{stderr: &errb}
	if cfg := a.config(); cfg.Images != "sixel" || cfg.Measure != 64 {
		t.Errorf("without --images: images %q, measure %d", cfg.Images, cfg.Measure)
	}
	a = &app{stderr: &errb, images: "halfblocks"}
	if cfg := a.config(); cfg.Images != "halfblocks" || cfg.Measure != 64 {
		t.Errorf("--images halfblocks: images %q, measure %d", cfg.Images, cfg.Measure)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr: %s", errb.String())
	}
}
