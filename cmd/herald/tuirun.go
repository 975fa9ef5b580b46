package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/termprobe"
	"github.com/herald-reader/herald/tui"
)

// tuiAvailable reports whether this build has the terminal UI.
const tuiAvailable = true

// config reads the user's configuration once; a broken file is reported on
// stderr and the defaults are used. --images, when given, overrides the
// images setting.
func (a *app) config() tui.Config {
	if a.cfg != nil {
		return *a.cfg
	}
	cfg := tui.DefaultConfig()
	if path, err := tui.DefaultConfigPath(); err == nil {
		c, err := tui.LoadConfig(path)
		if err != nil {
			a.cfgErr = sanitize.Line(err.Error())
			fmt.Fprintln(a.stderr, "herald:", a.cfgErr)
		}
		cfg = c
	}
	if a.images != "" { // checked before any command ran
		cfg.Images = a.images
	}
	a.cfg = &cfg
	return cfg
}

// dark decides once whether to use the dark style: the configured theme,
// else the terminal's answer (asked only when stdout is a terminal, and
// waited for at most termprobe.DefaultTimeout). lipgloss is told the answer,
// so that nothing asks the terminal again (its own query waits 5 s).
func (a *app) dark() bool {
	if a.darkBg == nil {
		d := a.config().ResolveDark(a.probeDark)
		lipgloss.SetHasDarkBackground(d)
		a.darkBg = &d
	}
	return *a.darkBg
}

// probeDark asks the terminal stdout is on for its background. The replies
// are read from stdin when it is the terminal too, else from stdout's own
// descriptor (a terminal is opened for reading and writing).
func (a *app) probeDark() bool {
	out, ok := a.stdout.(*os.File)
	if !ok || !isTerminal(out) {
		return true
	}
	in, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		in = out
	}
	return termprobe.Dark(in, out, termprobe.DefaultTimeout)
}

// runTUI opens the reader on the user's database.
func (a *app) runTUI(ctx context.Context) error {
	if !isTerminal(a.stdout) {
		return fmt.Errorf("the reader needs a terminal; see herald --help for the commands")
	}
	svc, err := a.service()
	if err != nil {
		return err
	}
	return a.startTUI(ctx, svc, "herald")
}

// startTUI runs the terminal UI on svc until the user quits.
func (a *app) startTUI(ctx context.Context, svc *service.Service, title string) error {
	cfg := a.config() // before cfgErr is read
	opts := a.readerOptions(cfg)
	d := tui.Deps{
		Service:   svc,
		Renderer:  render.New(opts),
		Dark:      a.dark(),
		Config:    cfg,
		ConfigErr: a.cfgErr,
		Title:     title,
		// The reader's Go heap stays under 16 MiB (issue 15); GOMEMLIMIT
		// set by the user wins.
		MemoryLimit: readerMemoryLimit(),
		Pictures:    a.pictureDrawer(cfg, opts),
	}
	if f, ok := a.stdout.(*os.File); ok {
		// bubbletea's frames and the pictures' kitty transmissions reach
		// the terminal through one lock, never interleaved.
		out := &lockedTerminal{f: f}
		d.Output, d.Graphics = out, out
	}
	if d.Pictures != nil && d.MemoryLimit > 0 {
		d.MemoryLimit += pictureMemory
	}
	return tui.Run(ctx, d)
}

// pictureMemory is what the reader's memory limit grows by when it draws
// pictures: the decoded images and drawn rows the drawer keeps
// (images/drawer.go: maxKeptPixelBytes and maxDrawnBytes).
const pictureMemory = 96<<20 + 8<<20

// readerOptions are the reader's rendering choices: those of the CLI's
// page (renderer in page.go) with the reading measure. Stdout is a
// terminal here.
func (a *app) readerOptions(cfg tui.Config) render.Options {
	o := render.Options{Dark: true, NoColor: os.Getenv("NO_COLOR") != "", Profile: termenv.Ascii, Measure: cfg.ReadingMeasure()}
	if f, ok := a.stdout.(*os.File); ok && !o.NoColor {
		o.Profile = termenv.NewOutput(f).EnvColorProfile()
		o.Dark = a.dark()
	}
	return o
}

// pictureDrawer returns the reader's picture drawer for the images
// setting, nil when pictures are off or the page has no colour. Sixel
// draws half-blocks in the reader (the drawer's own choice: bubbletea's
// frame is no region herald owns).
func (a *app) pictureDrawer(cfg tui.Config, o render.Options) *images.Drawer {
	if o.NoColor || o.Profile == termenv.Ascii {
		return nil
	}
	mode, err := images.ParseMode(cfg.ImagesMode())
	if err != nil || mode == images.ModeOff {
		return nil
	}
	if mode == images.ModeAuto {
		mode = a.detectPictures()
	}
	return images.NewDrawer(mode, tui.PictureBackground(o.Dark))
}

// detectPictures asks the terminal which graphics it draws, once, before
// the UI starts.
//
// START-UP PROBE: this is the reader's single call site of the image
// probe. It costs a round trip of its own (at most images.ProbeTimeout)
// after the dark/light one; the two belong in one (termprobe).
func (a *app) detectPictures() images.Mode {
	if !isTerminal(a.stdout) {
		return images.ModeHalfblocks
	}
	return images.DetectTerminal(os.Getenv)
}

// lockedTerminal is the terminal bubbletea draws to, each Write whole
// under one lock, which the reader's graphics writes take too. It is a
// term.File (Read, Write, Close, Fd), so bubbletea still finds the
// window's size and resizes through it as it does through *os.File.
type lockedTerminal struct {
	mu sync.Mutex
	f  *os.File
}

// Write writes p to the terminal, alone.
func (t *lockedTerminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.f.Write(p)
}

// Read reads from the terminal (bubbletea reads its input elsewhere).
func (t *lockedTerminal) Read(p []byte) (int, error) { return t.f.Read(p) }

// Close does nothing: the terminal is stdout, not ours to close.
func (t *lockedTerminal) Close() error { return nil }

// Fd is the terminal's descriptor, for its size.
func (t *lockedTerminal) Fd() uintptr { return t.f.Fd() }

// File is the terminal, for a program the reader runs in it (the player).
func (t *lockedTerminal) File() *os.File { return t.f }
