package main

import (
	"context"
	"fmt"

	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/tui"
)

// tuiAvailable reports whether this build has the terminal UI.
const tuiAvailable = true

// config reads the user's configuration once; a broken file is reported on
// stderr and the defaults are used.
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
	a.cfg = &cfg
	return cfg
}

// dark decides once whether to use the dark style: the configured theme,
// else the terminal's answer (asked only when stdout is a terminal).
func (a *app) dark() bool {
	if a.darkBg == nil {
		d := a.config().ResolveDark(render.DetectDark)
		a.darkBg = &d
	}
	return *a.darkBg
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
