package main

import (
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/render"
)

// The picture of the tests: its left half red, its right half blue.
var (
	pictureLeft  = color.RGBA{220, 40, 40, 255}
	pictureRight = color.RGBA{40, 60, 220, 255}
)

// picturePNG is a w×h PNG, its left half pictureLeft, its right half
// pictureRight.
func picturePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	return picturetest.EncodePNG(t, picturetest.LeftRight(w, h, pictureLeft, pictureRight))
}

const (
	pictureTitle   = "The lamp"
	pictureCaption = "The lamp at dusk."
)

// pictureSite serves a feed of one long article with a figure whose image,
// /lamp.png, is a w×h picturePNG; extra is a paragraph put before the
// figure.
func pictureSite(t *testing.T, w, h int, extra string) *feedServer {
	return pictureSiteOf(t, w, h, extra, 12)
}

// pictureSiteOf is pictureSite with paras paragraphs after the figure.
func pictureSiteOf(t *testing.T, w, h int, extra string, paras int) *feedServer {
	t.Helper()
	srv := newFeedServer(t, nil)
	var html strings.Builder
	html.WriteString("<p>The keeper lit the lamp as the tide turned.</p>")
	if extra != "" {
		html.WriteString("<p>" + extra + "</p>")
	}
	fmt.Fprintf(&html, `<figure><img src="%s/lamp.png" alt="The lamp"><figcaption>%s Photo: Jo Keeper</figcaption></figure>`, srv.URL, pictureCaption)
	for i := 1; i <= paras; i++ {
		fmt.Fprintf(&html, "<p>Paragraph %d about the lighthouse goes on for a while, with enough words in it that the article is clearly longer than a teaser.</p>", i)
	}
	srv.set("/feed.xml", route{contentType: rssType, body: rss("Lighthouse News",
		rssItem{Title: pictureTitle, Link: srv.URL + "/story", GUID: "l1", Date: "Mon, 02 Mar 2026 08:00:00 +0000",
			Description: "<p>The lamp.</p>", Content: html.String()})})
	srv.set("/story", route{contentType: "text/html", body: "<html><body><article>" + html.String() + "</article></body></html>"})
	srv.set("/lamp.png", route{contentType: "image/png", body: string(picturePNG(t, w, h))})
	return srv
}

// addPictureStory serves a pictureSite (w, h and extra as there), adds
// and refreshes its feed, and returns the server and the story's id.
func (e *env) addPictureStory(w, h int, extra string) (*feedServer, string) {
	e.t.Helper()
	srv := pictureSite(e.t, w, h, extra)
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	return srv, idOf(e.t, e.ok("list"), pictureTitle)
}

// TestOfflineBookmarkShowsItsPictures is the issue's "the offline bookmark
// shows its images with every server stopped": the real binary bookmarks
// an article with a figure, the server stops, the image cache is a new
// empty directory, and show draws the picture from the bookmark's copy as
// half-block rows in the PNG's colours, right above its caption; with
// --images=off, the figure is its label.
func TestOfflineBookmarkShowsItsPictures(t *testing.T) {
	e := newEnv(t)
	const w, h = 48, 24 // 48 cells × 12 rows of half-blocks: never enlarged
	srv, id := e.addPictureStory(w, h, "")
	if out := e.ok("bookmarks", "add", id); !strings.Contains(out, "saved "+id) {
		t.Fatalf("bookmarks add: %q", out)
	}
	srv.Close() // every server stopped from here on
	offline := e.useCache("cache-offline")

	out := e.ok("show", id, "--styled", "--images=halfblocks", "--width", "80")
	lines := strings.Split(out, "\n")
	rows := picturetest.HalfblockRows(t, out)
	if len(rows) == 0 {
		t.Fatalf("no half-block row in show's output:\n%s", out)
	}
	first, n := rows[0].Line, len(rows)
	if n != h/2 {
		t.Errorf("%d half-block rows, want %d (a %d px high picture, two pixels a cell)", n, h/2, h)
	}
	for k, r := range rows {
		if r.Line != first+k || len(r.Cells) != w {
			t.Fatalf("row %d (line %d) has %d cells, want %d on line %d: %q", k, r.Line, len(r.Cells), w, first+k, lines[r.Line])
		}
		for x, c := range r.Cells {
			want := pictureLeft
			if x >= w/2 {
				want = pictureRight
			}
			if !picturetest.Near(c.Fg, want, 2) || !picturetest.Near(c.Bg, want, 2) {
				t.Fatalf("row %d cell %d: fg %v bg %v, want the PNG's %v", k, x, c.Fg, c.Bg, want)
			}
		}
	}
	if below := ansi.Strip(lines[first+n]); !strings.Contains(below, pictureCaption) {
		t.Errorf("the row under the picture is %q, want the caption %q", below, pictureCaption)
	}
	if strings.Contains(ansi.Strip(out), "Image [1]") {
		t.Errorf("the picture is drawn and its label too:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(offline, "herald")); err == nil {
		t.Errorf("show wrote to the image cache: the picture should come from the bookmark")
	}

	off := ansi.Strip(e.ok("show", id, "--styled", "--images=off", "--width", "80"))
	if !strings.Contains(off, "Image [1]") || strings.Contains(off, "▀") {
		t.Errorf("show --images=off: want the Image [1] label and no picture:\n%s", off)
	}
	// To a pipe without --styled: the Markdown, with no picture.
	if md := e.ok("show", id, "--images=halfblocks"); strings.Contains(md, "\x1b") || !strings.Contains(md, "lamp.png") {
		t.Errorf("show to a pipe: want the Markdown with the image's link and no escape sequence:\n%q", md)
	}
}

// TestShowPictureSequencesAreHeraldsOwn reads show's output in sixel and
// kitty modes with x/ansi's parser: the only sequences in it other than
// SGR are the ones herald places (a DCS sixel with the cursor moves around
// it; kitty APC transmissions before the page), and the sixel is placed
// where its marker rows were, at the column's left, the caption under it.
func TestShowPictureSequencesAreHeraldsOwn(t *testing.T) {
	e := newEnv(t)
	// Runes of the private use area in the text: not herald's marker, which
	// is drawn at random for each run.
	lookalike := strings.Repeat(string(rune(0xF0000)), 5)
	_, id := e.addPictureStory(200, 100, lookalike)
	left, _ := render.New(render.Options{}).Column(80)

	t.Run("sixel", func(t *testing.T) {
		out := e.ok("show", id, "--styled", "--images=sixel", "--width", "80")
		seqs := sequences(out)
		// The default cell is 10×20 px: 200×100 px is 20 columns and 6
		// rows (102 px of whole sixel bands).
		want := []string{"ESC 7", "CSI 6 A", fmt.Sprintf("CSI %d G", left+1), "DCS q", "ESC 8"}
		if got := nonSGR(seqs); strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Fatalf("sequences other than SGR: %v, want %v", got, want)
		}
		i := strings.Index(out, "\x1b7")
		if before := out[:i]; !strings.HasSuffix(before, strings.Repeat("\n", 6)) {
			t.Errorf("no room made for the picture's 6 rows before it: %q", before[max(0, len(before)-40):])
		}
		after := out[strings.Index(out, "\x1b8")+2:]
		if line, _, _ := strings.Cut(ansi.Strip(after), "\n"); !strings.Contains(line, pictureCaption) {
			t.Errorf("the line after the picture is %q, want the caption", line)
		}
		if !strings.Contains(out, lookalike) {
			t.Errorf("the text's private-use runes were taken for a marker")
		}
	})
	t.Run("kitty", func(t *testing.T) {
		out := e.ok("show", id, "--styled", "--images=kitty", "--width", "80")
		got := nonSGR(sequences(out))
		if len(got) == 0 {
			t.Fatalf("no kitty transmission in %q", out)
		}
		for _, s := range got {
			if s != "APC G" {
				t.Errorf("sequence %s: want only kitty graphics APCs besides SGR", s)
			}
		}
		if !strings.HasPrefix(out, "\x1b_G") {
			t.Errorf("the transmission does not come before the page: %q", out[:min(len(out), 40)])
		}
		if !strings.ContainsRune(out, 0x10EEEE) {
			t.Errorf("no placeholder cell in the page")
		}
	})
}

// sequences lists the escape sequences and controls of s, as x/ansi's
// parser reads them: "CSI <params> <final>", "DCS <final>", "APC <first
// byte>", "OSC <n>", "ESC <final>", or "C0 <hex>" (newline aside).
func sequences(s string) []string {
	p := ansi.NewParser()
	var out []string
	var state byte
	for len(s) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(s, state, p)
		state = newState
		s = s[n:]
		if width > 0 || seq == "\n" {
			continue
		}
		cmd := ansi.Cmd(p.Command())
		switch {
		case strings.HasPrefix(seq, "\x1b["):
			var params []string
			for _, prm := range p.Params() {
				params = append(params, strconv.Itoa(prm.Param(0)))
			}
			out = append(out, fmt.Sprintf("CSI %s %c", strings.Join(params, ";"), cmd.Final()))
		case strings.HasPrefix(seq, "\x1bP"):
			out = append(out, fmt.Sprintf("DCS %c", cmd.Final()))
		case strings.HasPrefix(seq, "\x1b_"):
			out = append(out, fmt.Sprintf("APC %c", seq[2]))
		case strings.HasPrefix(seq, "\x1b]"):
			out = append(out, fmt.Sprintf("OSC %d", p.Command()))
		case strings.HasPrefix(seq, "\x1b"):
			out = append(out, fmt.Sprintf("ESC %c", seq[len(seq)-1]))
		default:
			out = append(out, fmt.Sprintf("C0 %x", seq))
		}
	}
	return out
}

// nonSGR is seqs without the SGR sequences.
func nonSGR(seqs []string) []string {
	var out []string
	for _, s := range seqs {
		if !strings.HasPrefix(s, "CSI ") || !strings.HasSuffix(s, " m") {
			out = append(out, s)
		}
	}
	return out
}

// TestStyledPipeDrawsHalfblocks: show --styled to a pipe with images=auto
// draws half-blocks, even where the environment names kitty (the page may
// be read later elsewhere); NO_COLOR turns auto off, and an explicit
// --images still wins over it.
func TestStyledPipeDrawsHalfblocks(t *testing.T) {
	e := newEnv(t)
	_, id := e.addPictureStory(48, 24, "")
	t.Setenv("KITTY_WINDOW_ID", "1")
	t.Setenv("NO_COLOR", "")

	out := e.styledRun("show", id, "--styled", "--width", "80")
	if !strings.Contains(out, "▀") || strings.Contains(out, "\x1b_G") {
		t.Errorf("show --styled to a pipe in kitty: want half-blocks, not kitty graphics:\n%q", out)
	}
	// The harness runs with NO_COLOR=1: auto draws nothing, --images draws.
	if out := e.ok("show", id, "--styled", "--width", "80"); strings.Contains(out, "▀") || !strings.Contains(out, "Image [1]") {
		t.Errorf("NO_COLOR with images=auto: want the label, no picture:\n%q", out)
	}
	if out := e.ok("show", id, "--styled", "--images=halfblocks", "--width", "80"); !strings.Contains(out, "▀") {
		t.Errorf("NO_COLOR with --images=halfblocks: want the picture:\n%q", out)
	}
}

// styledRun runs herald to a pipe without the harness's NO_COLOR and
// TERM=dumb, and returns its stdout.
func (e *env) styledRun(args ...string) string {
	e.t.Helper()
	cmd := exec.Command(heraldBin, append([]string{"--db", e.db}, args...)...)
	for _, kv := range e.environ() {
		if name, _, _ := strings.Cut(kv, "="); name != "NO_COLOR" && name != "TERM" {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color")
	out, err := cmd.Output()
	if err != nil {
		e.t.Fatalf("herald %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}
