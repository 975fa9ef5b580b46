//go:build unix

package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/herald-reader/herald/internal/xtermtest"
	"github.com/herald-reader/herald/render"
)

// updateScreenshots: go test -run Screenshots ./cmd/herald/ -update
// rewrites docs/screenshots/*.png with the shots just taken and checked.
var updateScreenshots = flag.Bool("update", false, "rewrite docs/screenshots/*.png from TestScreenshots")

// screenshot is one shot: herald's arguments (after --db) run in a
// cols×rows xterm, in tmux with half-block pictures or straight in the
// xterm with sixel ones (mode), its top screenful shown (or its end).
type screenshot struct {
	name       string // the PNG's name in docs/screenshots, without .png
	cols, rows int
	theme      string // "dark" or "light"
	mode       string // "sixel" (xterm), "halfblocks" (tmux), or "" (xterm, no --images)
	// end: the screen shows the page's end (herald writes it all, and
	// the terminal scrolls) instead of its top.
	end  bool
	args []string
	// ref: the picture's colours, as the half-block cells of the same
	// page to a pipe have them, which a sixel must show too.
	ref quarters
}

// screenSizes are the two terminals of the shots: 80 and 160 columns,
// tall enough for the title, the first figure with its caption and some
// text.
var screenSizes = [][2]int{{80, 40}, {160, 50}}

// TestScreenshots is the "look at it": the real binary shows the
// seed story (the demo's Kestrow flood story, with its picture) and a long
// real article in a real xterm at 80 and 160 columns, dark and light, with
// sixel pictures straight in xterm and half-block pictures in tmux, the
// long article's end (its References), and the literal seed text without
// a picture. Every shot is checked against the bytes herald wrote for it:
// the cells under the picture are not the background and have the
// picture's colours (as its half-block cells have them), the caption is
// on the row right under it, the title on the first row at the column's
// left edge, each row with text shows ink in a colour that stands out
// from the background, each blank row none, and no reply of the terminal
// was echoed into the page. With -update the shots become
// docs/screenshots.
func TestScreenshots(t *testing.T) {
	xtermtest.Require(t)
	for _, tool := range []string{"script", "stdbuf"} {
		if _, err := exec.LookPath(tool); err != nil {
			sharedtest.Missing(t, tool+" (util-linux, coreutils)", err)
		}
	}
	e := newEnv(t)
	shots := t.TempDir()
	var taken []string

	t.Run("seed", func(t *testing.T) {
		srv := seedSite(t)
		e.ok("add", srv.URL+"/feed.xml")
		e.ok("refresh")
		id := idOf(t, e.ok("list"), seedTitle)
		taken = append(taken, e.shootStory(t, shots, "seed", []string{"show", id})...)
	})
	t.Run("seed-literal", func(t *testing.T) {
		seed := sharedtest.Path(t, "seed/article.txt")
		s := screenshot{name: "seed-literal-80-dark", cols: 80, rows: 40, theme: "dark", args: []string{"read", seed}}
		raw := e.shoot(t, shots, s)
		if !strings.Contains(ansi.Strip(raw), "Photo: AHMAD AL-RUBAYE / AFP") {
			t.Errorf("the seed's caption and credit are not on the screen:\n%s", ansi.Strip(raw))
		}
		taken = append(taken, s.name)
	})
	t.Run("long", func(t *testing.T) {
		url := longSite(t)
		args := []string{"read", url}
		taken = append(taken, e.shootStory(t, shots, "long", args)...)
		// The end of the page: the References heading and its list of
		// links, in both themes, the pictures (auto: sixel) scrolled away.
		for _, theme := range []string{"dark", "light"} {
			s := screenshot{name: "long-80-" + theme + "-end", cols: 80, rows: 60, theme: theme, args: args, end: true}
			t.Run(s.name, func(t *testing.T) {
				screen := ansi.Strip(strings.Join(screenLines(e.shoot(t, shots, s), s), "\n"))
				if !strings.Contains(screen, "References") || strings.Contains(screen, "## ") {
					t.Errorf("want the References heading, drawn as a heading, on the screen:\n%s", screen)
				}
				if !t.Failed() {
					taken = append(taken, s.name)
				}
			})
		}
	})

	if *updateScreenshots && !t.Failed() {
		keepScreenshots(t, shots, taken)
	}
}

// shootStory takes the story herald shows with args at each size, in each
// theme, with sixel and half-block pictures, and returns the shots' names.
func (e *env) shootStory(t *testing.T, dir, story string, args []string) []string {
	t.Helper()
	var names []string
	for _, size := range screenSizes {
		cols, rows := size[0], size[1]
		// The picture's colours, as the half-block cells of the same page
		// to a pipe have them: what both kinds of picture must show.
		ref := halfblockPicture(t, e.ok(append(args, "--styled", "--images=halfblocks", "--width", strconv.Itoa(cols))...))
		for _, theme := range []string{"dark", "light"} {
			for _, mode := range []string{"sixel", "halfblocks"} {
				s := screenshot{name: fmt.Sprintf("%s-%d-%s-%s", story, cols, theme, mode),
					cols: cols, rows: rows, theme: theme, mode: mode, args: args, ref: ref.cellQuarters()}
				t.Run(s.name, func(t *testing.T) {
					e.shoot(t, dir, s)
					if !t.Failed() {
						names = append(names, s.name)
					}
				})
			}
		}
	}
	return names
}

// shoot takes the shot s into dir/NAME.png and checks it; it returns the
// bytes herald wrote to the terminal.
//
// The page is longer than the screen, and the screen shows its top:
// herald runs under script(1), in a pty of the terminal's size that
// relays the terminal's replies to herald's questions (theme, cell size),
// and only its first rows-1 lines go on to the terminal (head, unbuffered,
// so that the questions are not held back), through tee, which keeps a
// copy of exactly what the terminal got. A pipe instead of the pty would
// not do: herald styles for a terminal only when it writes to one.
func (e *env) shoot(t *testing.T, dir string, s screenshot) string {
	t.Helper()
	raw := filepath.Join(dir, s.name+".out")
	// CI (set by CI runners) would make herald style for no terminal.
	unset := []string{"CI", "NO_COLOR", "COLORFGBG", "COLORTERM", "KITTY_WINDOW_ID", "TERM_PROGRAM", "KONSOLE_VERSION", "ZELLIJ"}
	config := filepath.Join(e.dir, "xdg-config")
	if s.mode == "halfblocks" {
		// tmux 3.3 does not answer OSC 11, so herald cannot tell the
		// theme there: the shots in tmux set it, as a tmux user must.
		config = filepath.Join(e.dir, "config-"+s.theme)
		file := filepath.Join(config, "herald", "config.toml")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte("theme = \""+s.theme+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		unset = append(unset, "TMUX", "STY")
	}
	inner := []string{"env"}
	for _, name := range unset {
		inner = append(inner, "-u", name)
	}
	// env(1) sets in order: the shot's XDG_CONFIG_HOME wins over e.xdg's.
	inner = append(append(inner, e.xdg()...), "XDG_CONFIG_HOME="+config, heraldBin, "--db", e.db)
	inner = append(inner, s.args...)
	if s.mode != "" {
		inner = append(inner, "--images="+s.mode)
	}
	show := `script -qfec "$0" /dev/null | stdbuf -o0 head -n "$1" | tee "$2"`
	if s.end {
		show = `script -qfec "$0" /dev/null | tee "$2"`
	}
	cmd := []string{"sh", "-c", show, shellJoin(inner), strconv.Itoa(s.rows - 1), raw}
	img := xtermtest.Shot(t, xtermtest.Options{Cols: s.cols, Rows: s.rows, Theme: s.theme,
		Tmux: s.mode == "halfblocks", Out: filepath.Join(dir, s.name+".png")}, cmd...)
	data, err := os.ReadFile(raw)
	if err != nil {
		t.Fatalf("the output's copy: %v", err)
	}
	out := string(data)
	checkShot(t, img, s, out)
	return out
}

// echoedReply matches a terminal's reply to herald's questions echoed as
// text: the background colour (OSC 11) or the cursor position (DSR).
var echoedReply = regexp.MustCompile(`\]11;rgb:[0-9a-fA-F/]+|\^\[\[[0-9]+;[0-9]+R`)

// checkShot checks one shot against out, what herald wrote for it.
func checkShot(t *testing.T, img image.Image, s screenshot, out string) {
	t.Helper()
	if cw, ch := xtermtest.CellSize(img, s.cols, s.rows); cw != 8 || ch != 17 {
		t.Fatalf("cells of %d×%d px, want xterm-shot's 8×17", cw, ch)
	}
	// A reply herald did not wait for is echoed by the pty into the page,
	// in caret notation (^[]11;rgb:…^[\^[[1;1R), even inside a sixel.
	if m := echoedReply.FindString(out); m != "" {
		t.Errorf("a terminal reply was echoed into the page (herald's probe gave up first): %q", m)
	}
	left, _ := render.New(render.Options{}).Column(s.cols)
	var pic *pagePicture
	switch s.mode {
	case "halfblocks":
		p := halfblockPicture(t, out)
		pic = &p
		checkPicture(t, img, s, p, p.cellQuarters())
	case "sixel":
		p := sixelPicture(t, out)
		p.cols = (p.wPx + 7) / 8
		pic = &p
		checkPicture(t, img, s, p, s.ref)
	}
	checkText(t, img, s, out, left, pic)
}

// shellJoin quotes args for sh -c.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// keepScreenshots copies the shots named into docs/screenshots,
// recompressed.
func keepScreenshots(t *testing.T, dir string, names []string) {
	t.Helper()
	root, err := sharedtest.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(root, "docs", "screenshots")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		img, err := xtermtest.Load(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(docs, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(f, img); err != nil {
			f.Close()
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", filepath.Join(docs, name+".png"))
	}
}
