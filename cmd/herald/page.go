package main

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/termprobe"
	"github.com/herald-reader/herald/tui"
)

// pageFlags are the output flags of the commands that print an article
// (show, read, demo --print).
type pageFlags struct {
	plain  bool // the cleaned Markdown, even to a terminal
	styled bool // the styled page, even to a pipe
	width  int  // columns to render at; 0: the terminal's, else 80
}

// add registers the flags on cmd.
func (p *pageFlags) add(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&p.plain, "plain", false, "print the cleaned Markdown, even to a terminal")
	cmd.Flags().BoolVar(&p.styled, "styled", false, "print the styled page, even to a pipe (no colour there)")
	cmd.Flags().IntVar(&p.width, "width", 0, "render the styled page at N columns (default: terminal width, else 80)")
	cmd.MarkFlagsMutuallyExclusive("plain", "styled")
}

// addImagesFlag registers --images on cmd: it overrides the images setting
// for this run (see app.config).
func addImagesFlag(cmd *cobra.Command, a *app) {
	cmd.Flags().StringVar(&a.images, "images", "", "draw pictures as `MODE`: auto, kitty, sixel, halfblocks or off (default: the images setting, else auto)")
}

// checkImagesFlag rejects an --images value that is no picture mode.
func (a *app) checkImagesFlag() error {
	if err := tui.CheckImages(a.images); err != nil {
		return fmt.Errorf("--images %w", err)
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// termWidth returns the width to render at: the flag when set, else the
// terminal's width, else 80.
func termWidth(w io.Writer, flag int) int {
	if flag > 0 {
		return flag
	}
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 80
}

// termHeight returns the terminal's height in rows, 0 when w is none.
func termHeight(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if _, rows, err := term.GetSize(int(f.Fd())); err == nil && rows > 0 {
			return rows
		}
	}
	return 0
}

// terminalInfo is what herald decided about its terminal, once.
type terminalInfo struct {
	dark         bool
	mode         images.Mode // never ModeAuto once pictures is set
	bg           color.RGBA  // the background pictures are set on
	cellW, cellH int         // a cell's size in pixels; 0 when unknown
	pictures     bool        // mode, bg and the cell size are decided
	settle       func()      // drops late replies and turns echo back on
}

// terminal decides once whether to use the dark style and how to draw
// pictures, asking the terminal at most once (termprobe.Ask: at most
// termprobe.DefaultTimeout, whatever it is asked):
//
//   - dark: the configured theme; else the environment (COLORFGBG,
//     TERM=dumb or linux); dark with NO_COLOR or when stdout is no
//     terminal; else the terminal's answer to OSC 11, dark without one.
//   - pictures: the --images flag, else the images setting. auto is off
//     with NO_COLOR and TERM=dumb, half-blocks when stdout is no terminal
//     (show --styled to a pipe); else the environment when it settles it
//     (images.FromEnv: tmux and screen draw half-blocks, kitty kitty,
//     iTerm2 sixel), else the terminal's answers to the kitty graphics
//     query and DA1 (images.Detect), half-blocks without them.
//
// The cell size in pixels is taken with the rest when pictures may be
// kitty or sixel. lipgloss is told the dark answer, so that nothing asks
// the terminal again (its own query waits 5 s).
func (a *app) terminal() (dark bool, mode images.Mode) {
	t := a.decideTerminal(true)
	return t.dark, t.mode
}

// decideTerminal decides what terminal decides and is not decided yet:
// the dark style, and the picture mode when pictures is true (a page with
// no picture needs no graphics question). It asks one round trip for all
// of it.
func (a *app) decideTerminal(pictures bool) *terminalInfo {
	t := a.term
	if t != nil && (t.pictures || !pictures) {
		return t
	}
	cfg := a.config()
	in, out := a.terminalFiles()
	env := os.Getenv
	noColor := env("NO_COLOR") != ""
	var q termprobe.Questions

	if t == nil {
		t = &terminalInfo{dark: true}
		switch {
		case a.darkBg != nil: // decided already (a.dark)
			t.dark = *a.darkBg
		case cfg.Theme == tui.ThemeDark || cfg.Theme == tui.ThemeLight:
			t.dark = cfg.ResolveDark(nil)
		default:
			if d, settled := termprobe.DarkFromEnv(env); settled {
				t.dark = d
			} else {
				q.Background = !noColor && out != nil
			}
		}
	}

	if pictures {
		t.mode, _ = images.ParseMode(cfg.ImagesMode()) // checked by config: auto when unknown
		if t.mode == images.ModeAuto {
			switch m, settled := images.FromEnv(env); {
			case noColor || env("TERM") == "dumb":
				t.mode = images.ModeOff
			case out == nil: // --styled to a pipe: whatever terminal shows it later
				t.mode = images.ModeHalfblocks
			case settled:
				t.mode = m
			default:
				t.mode = images.ModeHalfblocks // unless the terminal says more
				q.Graphics = true
			}
		}
		q.CellSize = out != nil && (q.Graphics || t.mode == images.ModeKitty || t.mode == images.ModeSixel)
	}

	ans := termprobe.Ask(in, out, termprobe.DefaultTimeout, q)
	// When herald is done with the terminal (app.close), newest first: the
	// first question's settle restores the mode herald found.
	if prev := t.settle; prev != nil {
		t.settle = func() { ans.Settle(); prev() }
	} else {
		t.settle = ans.Settle
	}
	if q.Background {
		d, ok := ans.Dark()
		t.dark = d || !ok
	}
	if pictures {
		if q.Graphics {
			t.mode = images.Detect(env, ans)
		}
		t.cellW, t.cellH = ans.CellWidth, ans.CellHeight
		if out == nil && (t.mode == images.ModeSixel || t.mode == images.ModeKitty) {
			// Piped on its way to a terminal (show | head): that terminal's
			// cells, so that a picture fills the rows it is given.
			t.cellW, t.cellH = termprobe.ControllingCellSize()
		}
		switch {
		case ans.HasBackground:
			t.bg = ans.Background
		case t.dark:
			t.bg = color.RGBA{A: 0xff}
		default:
			t.bg = color.RGBA{0xff, 0xff, 0xff, 0xff}
		}
		t.pictures = true
	}
	a.log.Debug("terminal", "dark", t.dark, "images", t.mode.String(), "cell", fmt.Sprintf("%dx%d", t.cellW, t.cellH),
		"asked", q.Any(), "replied", ans.Replied)

	lipgloss.SetHasDarkBackground(t.dark)
	a.darkBg = &t.dark
	a.term = t
	return t
}

// terminalFiles returns the terminal stdout is on (out) and where its
// replies are read (in): stdin when it is the terminal too, else stdout's
// own descriptor (a terminal is opened for reading and writing). Both are
// nil when stdout is not a terminal.
func (a *app) terminalFiles() (in, out *os.File) {
	out, ok := a.stdout.(*os.File)
	if !ok || !termprobe.IsTerminal(out) {
		return nil, nil
	}
	in, ok = a.stdin.(*os.File)
	if !ok || !termprobe.IsTerminal(in) {
		in = out
	}
	return in, out
}

// renderer builds the Markdown renderer for stdout, deciding the style once:
// the Ascii profile when stdout is not a terminal or NO_COLOR is set, the
// configured or detected dark/light theme otherwise (see terminal), at the
// configured measure.
func (a *app) renderer() *render.Renderer {
	tty := isTerminal(a.stdout)
	noColor := os.Getenv("NO_COLOR") != "" || !tty
	o := render.Options{Dark: true, NoColor: noColor, Profile: termenv.Ascii, Measure: a.config().ReadingMeasure()}
	if !noColor {
		o.Profile = termenv.NewOutput(a.stdout.(*os.File)).EnvColorProfile()
		t := a.term // decided already by printMarkdown
		if t == nil {
			t = a.decideTerminal(true) // pictures too: one round trip for the reader
		}
		o.Dark = t.dark
	}
	return render.New(o)
}

// printMarkdown writes an article's cleaned Markdown to stdout: as it is
// (sanitized, unwrapped) with --plain or to a pipe, so that it can be saved
// or fed to other tools; styled for the terminal on a terminal or with
// --styled, with its pictures (from svc, when not nil) drawn as terminal
// decided.
func (a *app) printMarkdown(ctx context.Context, svc *service.Service, md string, p pageFlags) error {
	md = sanitize.Text(md)
	if p.plain || (!p.styled && !isTerminal(a.stdout)) {
		_, err := io.WriteString(a.stdout, ensureNewline(md))
		return err
	}
	var urls []string
	if pictureFetcher(svc) != nil {
		urls = render.ImageURLs(md)
	}
	// Decided before the renderer, which would decide the picture mode
	// too: a page with no picture asks no graphics question.
	t := a.decideTerminal(len(urls) > 0)
	r := a.renderer()
	out, err := a.drawPage(ctx, svc, r, md, termWidth(a.stdout, p.width), t, urls)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	_, err = io.WriteString(a.stdout, ensureNewline(out))
	return err
}
