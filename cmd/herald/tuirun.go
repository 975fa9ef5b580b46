package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/muesli/termenv"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
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

// dark decides once whether to use the dark style (see terminal: one
// round trip to the terminal, at most termprobe.DefaultTimeout, for the
// theme and the picture mode together).
func (a *app) dark() bool {
	dark, _ := a.terminal()
	return dark
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
		Pictures:    a.pictureDrawer(opts),
	}
	if f, ok := a.stdout.(*os.File); ok {
		// bubbletea's frames and the pictures' kitty transmissions reach
		// the terminal through one lock, never interleaved.
		out := &lockedTerminal{f: f}
		d.Output, d.Graphics = out, out
	}
	return tui.Run(ctx, d)
}

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

// pictureDrawer returns the reader's picture drawer as the terminal was
// decided (terminal: the images setting, auto resolved by the same single
// probe as the theme), nil when pictures are off or the page has no
// colour. Sixel draws half-blocks in the reader (the drawer's own choice:
// bubbletea's frame is no region herald owns).
func (a *app) pictureDrawer(o render.Options) *images.Drawer {
	if o.NoColor || o.Profile == termenv.Ascii {
		return nil
	}
	t := a.decideTerminal(true)
	if t.mode == images.ModeOff {
		return nil
	}
	d := images.NewDrawer(t.mode, tui.PictureBackground(o.Dark))
	d.SetCellSize(t.cellW, t.cellH)
	return d
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
