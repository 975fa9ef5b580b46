package tui

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/store"
)

// openFirst opens World Report and the article titled title.
func openArticle(h *harness, title string) {
	h.t.Helper()
	h.selectFeed("World Report")
	h.keys("enter")
	h.selectItem(title)
	h.keys("enter")
	if h.m.top() != screenReader {
		h.t.Fatalf("screen = %v", h.m.top())
	}
}

func TestReaderOpen(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	openArticle(h, "Floods reach the capital")
	r := h.m.reader
	if !r.haveMD || !r.shown {
		t.Fatalf("article not shown: haveMD=%v shown=%v err=%q", r.haveMD, r.shown, r.err)
	}
	h.mustContain("Floods reach the capital", "World Report · Ana Reyes · Fri 20 Nov 2026 10:00",
		f.srv.URL+"/article/floods", "Rivers rose overnight", "zebra crossing", "100%")
	// Opening marks read, in the list and in the database.
	if row, _ := h.m.items.list.byID(r.r.id); !row.read {
		t.Error("list row not marked read")
	}
	if h.m.feeds.rows[0].unread != 4 {
		t.Errorf("All unread = %d, want 4", h.m.feeds.rows[0].unread)
	}
	// The window is named after the article.
	if got := h.titles[len(h.titles)-1]; got != "Floods reach the capital — herald test" {
		t.Errorf("window title = %q", got)
	}
	// Back to the list, and the window title is restored.
	h.keys("esc")
	if h.m.top() != screenItems || h.titles[len(h.titles)-1] != "herald test" {
		t.Errorf("after esc: screen %v title %q", h.m.top(), h.titles[len(h.titles)-1])
	}
}

func TestReaderNextPrev(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	openArticle(h, "Floods reach the capital")
	h.keys("J")
	if h.m.reader.r.title != "Elections set for spring" || h.m.items.list.nav.cursor != 1 {
		t.Fatalf("J: %q cursor %d", h.m.reader.r.title, h.m.items.list.nav.cursor)
	}
	h.keys("J")
	h.mustContain("Undated dispatch")
	h.keys("J")
	h.mustContain("this is the last article")
	h.keys("K", "K")
	if h.m.reader.r.title != "Floods reach the capital" {
		t.Fatalf("K K: %q", h.m.reader.r.title)
	}
	h.keys("K")
	h.mustContain("this is the first article")
	// Every article seen is read now.
	if h.m.feeds.rows[0].unread != 2 {
		t.Errorf("All unread = %d", h.m.feeds.rows[0].unread)
	}
}

func TestReaderScrollAndResize(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Renderer = render.New(render.Options{Dark: true, NoColor: true})
	h := newHarness(t, d)
	openArticle(h, "Elections set for spring") // long enough to scroll
	if h.m.reader.vp.TotalLineCount() <= h.m.reader.vp.Height {
		t.Fatalf("article too short to scroll: %d lines", h.m.reader.vp.TotalLineCount())
	}
	h.mustContain("  0%")
	h.keys("space")
	if h.m.reader.vp.YOffset == 0 {
		t.Error("space did not page down")
	}
	h.keys("G")
	h.mustContain("100%")
	h.keys("g", "j", "j")
	if h.m.reader.vp.YOffset != 2 {
		t.Errorf("j j: offset %d", h.m.reader.vp.YOffset)
	}
	h.send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if h.m.reader.vp.YOffset <= 2 {
		t.Errorf("wheel: offset %d", h.m.reader.vp.YOffset)
	}

	// A resize re-renders at the new width; every line fits.
	h.send(tea.WindowSizeMsg{Width: 50, Height: 20})
	if h.m.reader.want.width != 50 || !h.m.reader.shown {
		t.Fatalf("after resize: want %+v shown %v", h.m.reader.want, h.m.reader.shown)
	}
	for i, line := range strings.Split(h.view(), "\n") {
		if w := ansi.StringWidth(line); w > 50 {
			t.Errorf("line %d is %d cells wide: %q", i, w, line)
		}
	}
	if n := strings.Count(h.view(), "\n") + 1; n != 20 {
		t.Errorf("view has %d lines, want 20", n)
	}
	// Both widths are cached.
	id := h.m.reader.r.id
	for _, w := range []int{80, 50} {
		if _, ok := h.m.c.cache[cacheKey{id: id, width: w, dark: true}]; !ok {
			t.Errorf("width %d not cached", w)
		}
	}
	// A late render of an older generation is dropped.
	before := h.view()
	h.send(articleRenderedMsg{gen: h.m.reader.gen - 1, key: h.m.reader.want, body: "STALE"})
	if strings.Contains(h.view(), "STALE") || h.view() != before {
		t.Error("stale render shown")
	}
	// A burst of resizes renders once, for the last size.
	var cmds []tea.Cmd
	for _, w := range []int{61, 62, 63} {
		nm, cmd := h.m.Update(tea.WindowSizeMsg{Width: w, Height: 20})
		h.m = nm.(model)
		cmds = append(cmds, cmd)
	}
	h.run(tea.Batch(cmds...))
	for _, w := range []int{61, 62} {
		if _, ok := h.m.c.cache[cacheKey{id: id, width: w, dark: true}]; ok {
			t.Errorf("width %d rendered during the burst", w)
		}
	}
	if _, ok := h.m.c.cache[cacheKey{id: id, width: 63, dark: true}]; !ok || h.m.reader.want.width != 63 || !h.m.reader.shown {
		t.Errorf("last size not rendered: want %+v shown %v", h.m.reader.want, h.m.reader.shown)
	}
	// Back at 80 columns the cached render is used: it is shown at once,
	// for 80 columns, with no render command (a settle tick at most).
	nm, cmd := h.m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.m = nm.(model)
	if !h.m.reader.shown || h.m.reader.want.width != 80 {
		t.Errorf("cached render not shown at once: want %+v shown %v", h.m.reader.want, h.m.reader.shown)
	}
	if cmd != nil {
		if _, ok := cmd().(articleRenderedMsg); ok {
			t.Error("a cached width was rendered again")
		}
	}
}

func TestReaderBookmarkAndFetchFull(t *testing.T) {
	f := newFixture(t)
	h := newHarness(t, f.deps())
	openArticle(h, "Floods reach the capital")
	h.keys("s")
	if st := h.m.c.bm[h.m.reader.r.id]; st.state != store.BookmarkSaved {
		t.Fatalf("bookmark state = %+v", st)
	}
	h.mustContain("bookmark saved")
	h.keys("f")
	if !strings.Contains(h.m.reader.md, "Paragraph 8 of the full story") {
		t.Fatalf("f did not load the full article:\n%s", h.m.reader.md)
	}
	h.mustContain("full article fetched")
}

func TestReaderCopyLink(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	clip := &strings.Builder{}
	d.Clipboard = clip
	h := newHarness(t, d)
	openArticle(h, "Floods reach the capital")
	h.keys("y")
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(f.srv.URL+"/article/floods")) + "\x07"
	if clip.String() != want {
		t.Errorf("clipboard got %q, want %q", clip.String(), want)
	}
	h.mustContain("link copied")
}

func TestOpenLinkArgv(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	script := filepath.Join(dir, "browser")
	// The fake browser writes each argument on its own line.
	if err := os.WriteFile(script, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > "+out+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BROWSER", script+" --new-tab")
	f := newFixture(t)
	h := newHarness(t, f.deps())
	openArticle(h, "Floods reach the capital")
	h.keys("o")
	h.mustContain("opened in " + script)
	want := "--new-tab\n" + f.srv.URL + "/article/floods\n"
	var got []byte
	waitUntil(t, func() bool { got, _ = os.ReadFile(out); return len(got) >= len(want) })
	if string(got) != want {
		t.Errorf("browser argv = %q, want %q", got, want)
	}
}

func TestSafeLink(t *testing.T) {
	for _, bad := range []string{"", "javascript:alert(1)", "file:///etc/passwd", "exec:rm", "http://", "https://a.example/x y",
		"https://a.example/\x1b]52;c;AAAA\x07", "ftp://a.example/"} {
		if _, err := safeLink(bad); err == nil {
			t.Errorf("safeLink(%q) accepted", bad)
		}
	}
	for _, good := range []string{"http://a.example/", "HTTPS://a.example/x?y=1&z=$(rm)"} {
		if _, err := safeLink(good); err != nil {
			t.Errorf("safeLink(%q): %v", good, err)
		}
	}
}

func TestBrowserArgv(t *testing.T) {
	cases := []struct {
		env, cfg string
		want     string
	}{
		{"", "", "xdg-open"},
		{"", "firefox --new-tab", "firefox|--new-tab"},
		{"lynx:w3m", "firefox", "lynx"},
		{"  ", "chromium", "chromium"},
	}
	for _, c := range cases {
		if got := strings.Join(browserArgv(c.env, c.cfg), "|"); got != c.want {
			t.Errorf("browserArgv(%q, %q) = %q, want %q", c.env, c.cfg, got, c.want)
		}
	}
}

func TestSplitHead(t *testing.T) {
	cases := []struct{ in, byline, body string }{
		{"# Title\n\n*By Ana · 20 November 2026*\n\nBody.\n", "Ana", "Body.\n"},
		{"# Title\n\n*By Ana Reyes and Lee Park*\n\nBody.\n", "Ana Reyes and Lee Park", "Body.\n"},
		{"# Title\n\n*By Siân O\\_Brien \\[staff\\] · 1 May 2025*\n\nBody.\n", "Siân O_Brien [staff]", "Body.\n"},
		{"# Title\n\n*By Mal\u009b2Jlory · 1 May 2025*\n\nBody.\n", "Mal2Jlory", "Body.\n"},
		{"# Title\n\n*By Reyes &amp; Park · 1 May 2025*\n\nBody.\n", "Reyes & Park", "Body.\n"},
		{"# Title\n\n*20 November 2026*\n\nBody.\n", "", "Body.\n"},
		{"# Title\n\nBody *in* it.\n", "", "Body *in* it.\n"},
		{"# Title\n\n*Emphatic opening paragraph.*\n", "", "*Emphatic opening paragraph.*\n"},
		{"Body without a title.\n", "", "Body without a title.\n"},
		{"## Section\n\n*By Ana*\n\nBody.\n", "", "## Section\n\n*By Ana*\n\nBody.\n"},
	}
	for _, c := range cases {
		byline, body := splitHead(c.in)
		if byline != c.byline || body != c.body {
			t.Errorf("splitHead(%q) = %q, %q; want %q, %q", c.in, byline, body, c.byline, c.body)
		}
	}
}
