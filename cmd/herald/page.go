package main

import (
	"fmt"
	"io"
	"os"

	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
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

// renderer builds the Markdown renderer for stdout, deciding the style once:
// the Ascii profile when stdout is not a terminal or NO_COLOR is set, the
// configured or detected dark/light theme otherwise.
func (a *app) renderer() *render.Renderer {
	tty := isTerminal(a.stdout)
	noColor := os.Getenv("NO_COLOR") != "" || !tty
	o := render.Options{Dark: true, NoColor: noColor, Profile: termenv.Ascii}
	if !noColor {
		o.Profile = termenv.NewOutput(a.stdout.(*os.File)).EnvColorProfile()
		o.Dark = a.dark()
	}
	return render.New(o)
}

// printMarkdown writes an article's cleaned Markdown to stdout: as it is
// (sanitized, unwrapped) with --plain or to a pipe, so that it can be saved
// or fed to other tools; styled for the terminal on a terminal or with
// --styled.
func (a *app) printMarkdown(md string, p pageFlags) error {
	md = sanitize.Text(md)
	if p.plain || (!p.styled && !isTerminal(a.stdout)) {
		_, err := io.WriteString(a.stdout, ensureNewline(md))
		return err
	}
	out, err := a.renderer().Render(md, termWidth(a.stdout, p.width))
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	// The renderer already lets only its own SGR styling through; SafeANSI
	// is the last pass at the terminal boundary all the same.
	_, err = io.WriteString(a.stdout, ensureNewline(render.SafeANSI(out)))
	return err
}
