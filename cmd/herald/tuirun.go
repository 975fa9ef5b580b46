package main

import (
	"context"
	"fmt"
	"os"

	"github.com/charmbracelet/lipgloss"
	"golang.org/x/term"

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
	return tui.Run(ctx, tui.Deps{
		Service:   svc,
		Renderer:  a.renderer(), // the one the CLI renders with
		Dark:      a.dark(),
		Config:    cfg,
		ConfigErr: a.cfgErr,
		Title:     title,
		// The reader's Go heap stays under 16 MiB (issue 15); GOMEMLIMIT
		// set by the user wins.
		MemoryLimit: readerMemoryLimit(),
	})
}
