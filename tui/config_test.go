package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
)

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A missing file is the default.
	cfg, err := LoadConfig(filepath.Join(dir, "none.toml"))
	if err != nil || cfg.Theme != ThemeAuto {
		t.Fatalf("missing file: %+v, %v", cfg, err)
	}
	cfg, err = LoadConfig(write(`theme = "light"
browser = "firefox --new-tab"
concurrency = 8
[keys]
open = ["enter", "o"]
open_link = ["O"]
`))
	// O was free when this config was written; sort has it by default
	// now: the override wins, and the report says so.
	if err == nil || !strings.Contains(err.Error(), `"O" now does open_link, no longer sort`) {
		t.Fatalf("clash not reported: %v", err)
	}
	if cfg.Theme != ThemeLight || cfg.Browser != "firefox --new-tab" || cfg.Concurrency != 8 || len(cfg.Keys["open"]) != 2 {
		t.Errorf("cfg = %+v", cfg)
	}
	if cfg.ResolveDark(func() bool { t.Fatal("detect called for a set theme"); return true }) {
		t.Error("light theme resolved dark")
	}
	if !(Config{Theme: ThemeAuto}).ResolveDark(func() bool { return true }) {
		t.Error("auto did not use detect")
	}
	for _, bad := range []string{
		`theme = "blue"`,
		`concurrency = -1`,
		`colour = "x"`,
		"[keys]\nfly = [\"f\"]",
		"[keys]\nopen = []",
		`theme = `,
	} {
		if _, err := LoadConfig(write(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestDefaultConfigPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/xdg")
	if p, err := DefaultConfigPath(); err != nil || p != "/tmp/xdg/herald/config.toml" {
		t.Errorf("path = %q, %v", p, err)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "/home/u")
	if p, err := DefaultConfigPath(); err != nil || p != "/home/u/.config/herald/config.toml" {
		t.Errorf("path = %q, %v", p, err)
	}
}

func TestKeyOverrides(t *testing.T) {
	k, err := defaultKeyMap().withOverrides(map[string][]string{"open": {"enter", "o"}, "open_link": {"O"}, "page_down": {" ", "ctrl+f"}})
	if err != nil {
		t.Fatal(err)
	}
	if !key.Matches(keyMsg("o"), k.Open) || key.Matches(keyMsg("l"), k.Open) {
		t.Error("open override not applied")
	}
	if !key.Matches(keyMsg("O"), k.OpenLink) || key.Matches(keyMsg("o"), k.OpenLink) {
		t.Error("open_link override not applied")
	}
	if k.Open.Help().Key != "enter/o" || k.PageDown.Help().Key != "space/ctrl+f" {
		t.Errorf("help keys = %q, %q", k.Open.Help().Key, k.PageDown.Help().Key)
	}
	// The default map is untouched.
	if !key.Matches(keyMsg("l"), defaultKeyMap().Open) {
		t.Error("default changed")
	}
	// Every action name is documented in KeyActions.
	if n := len(KeyActions()); n != 29 || !strings.Contains(strings.Join(KeyActions(), ","), "mark_feed_read") {
		t.Errorf("KeyActions = %v", KeyActions())
	}
}

func TestKeyOverridesInUI(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Config.Keys = map[string][]string{"down": {"J"}, "quit": {"Q"}}
	h := newHarness(t, d)
	h.keys("j")
	if h.m.feeds.nav.cursor != 0 {
		t.Error("j still moves down")
	}
	h.keys("J")
	if h.m.feeds.nav.cursor != 1 {
		t.Error("J does not move down")
	}
	h.keys("q")
	if h.quit {
		t.Error("q still quits")
	}
	h.keys("Q")
	if !h.quit {
		t.Error("Q does not quit")
	}
	d.Config.Keys = map[string][]string{"nope": {"x"}}
	if _, err := newModel(t.Context(), d); err == nil {
		t.Error("unknown action accepted")
	}
}

func TestLoadConfigKeepsTheGoodSettings(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	cfg := `theme = "light"
browser = "firefox"
concurrency = 8

[keys]
bogus = ["x"]
open = ["enter", "o"]
`
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadConfig(p)
	if err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Fatalf("error = %v, want one naming the bad action", err)
	}
	if got.Theme != ThemeLight || got.Browser != "firefox" || got.Concurrency != 8 {
		t.Errorf("good settings lost: %+v", got)
	}
	if _, ok := got.Keys["bogus"]; ok {
		t.Error("the bad action was kept")
	}
	if len(got.Keys["open"]) != 2 {
		t.Errorf("the good key override was lost: %v", got.Keys)
	}
}

func TestRefreshIntervalConfig(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	load := func(v string) (Config, error) {
		t.Helper()
		if err := os.WriteFile(p, []byte("theme = \"dark\"\nrefresh_interval = "+v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return LoadConfig(p)
	}
	tests := []struct {
		value   string
		want    time.Duration
		problem string // in the error; empty for none
	}{
		{`""`, 0, ""},
		{`"30m"`, 30 * time.Minute, ""},
		{`"1m"`, time.Minute, ""},
		{`"1h30m"`, 90 * time.Minute, ""},
		{`"59s"`, 0, `refresh_interval "59s": must be at least 1m`},
		{`"0"`, 0, "must be at least 1m"},
		{`"-5m"`, 0, "must be at least 1m"},
		{`"half an hour"`, 0, `refresh_interval "half an hour": want a duration`},
		{`"30"`, 0, "want a duration"},
	}
	for _, tt := range tests {
		cfg, err := load(tt.value)
		switch {
		case tt.problem == "" && err != nil:
			t.Errorf("%s: %v", tt.value, err)
		case tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)):
			t.Errorf("%s: error %v, want one saying %q", tt.value, err, tt.problem)
		}
		if got := cfg.Interval(); got != tt.want {
			t.Errorf("%s: Interval = %v, want %v", tt.value, got, tt.want)
		}
		if tt.problem != "" && (cfg.RefreshInterval != "" || cfg.Theme != ThemeDark) {
			t.Errorf("%s: want the interval ignored and the theme kept: %+v", tt.value, cfg)
		}
	}
	// Built by hand, a bad interval is off, and Validate says why.
	if d := (Config{RefreshInterval: "5s"}).Interval(); d != 0 {
		t.Errorf("Interval of 5s = %v, want 0 (off)", d)
	}
	if err := (Config{RefreshInterval: "5s"}).Validate(); err == nil {
		t.Error("Validate accepted 5s")
	}
}

func TestKeepReadDaysConfig(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	for _, c := range []struct {
		v    string
		want time.Duration
		bad  bool
	}{{"90", 90 * 24 * time.Hour, false}, {"0", 0, false}, {"-3", 0, true}} {
		if err := os.WriteFile(p, []byte("keep_read_days = "+c.v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := LoadConfig(p)
		if (err != nil) != c.bad || cfg.KeepRead() != c.want {
			t.Errorf("keep_read_days = %s: KeepRead %v, err %v", c.v, cfg.KeepRead(), err)
		}
	}
}

func TestMeasureAndImagesConfig(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	tests := []struct {
		file    string
		measure int
		images  string
		problem string // in the error; empty for none
	}{
		{"", DefaultMeasure, ImagesAuto, ""},
		{"measure = 60\nimages = \"halfblocks\"", 60, ImagesHalfblocks, ""},
		{"measure = 30\nimages = \"kitty\"", 30, ImagesKitty, ""},
		{"measure = 400\nimages = \"sixel\"", 400, ImagesSixel, ""},
		{"images = \"off\"", DefaultMeasure, ImagesOff, ""},
		{"measure = 29", DefaultMeasure, ImagesAuto, "measure 29: want 30 to 400 cells (default 72)"},
		{"measure = 401\nimages = \"off\"", DefaultMeasure, ImagesOff, "measure 401: want 30 to 400"},
		{"measure = 0", DefaultMeasure, ImagesAuto, "measure 0: want 30 to 400"},
		{"measure = -72", DefaultMeasure, ImagesAuto, "measure -72"},
		{"measure = 80\nimages = \"iterm\"", 80, ImagesAuto, `images "iterm": want auto, kitty, sixel, halfblocks or off`},
		{"images = \"Kitty\"", DefaultMeasure, ImagesAuto, `images "Kitty"`},
		{"images = \"\"", DefaultMeasure, "", ""},
	}
	for _, tt := range tests {
		if err := os.WriteFile(p, []byte("theme = \"dark\"\n"+tt.file+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := LoadConfig(p)
		switch {
		case tt.problem == "" && err != nil:
			t.Errorf("%q: %v", tt.file, err)
		case tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)):
			t.Errorf("%q: error %v, want one saying %q", tt.file, err, tt.problem)
		}
		if cfg.Measure != tt.measure || cfg.Images != tt.images || cfg.Theme != ThemeDark {
			t.Errorf("%q: measure %d, images %q, theme %q; want %d, %q and the theme kept",
				tt.file, cfg.Measure, cfg.Images, cfg.Theme, tt.measure, tt.images)
		}
	}
	// Built by hand: unset means the defaults, and Validate checks the rest.
	var zero Config
	if zero.ReadingMeasure() != DefaultMeasure || zero.ImagesMode() != ImagesAuto || zero.Validate() != nil {
		t.Errorf("zero Config: measure %d, images %q, %v", zero.ReadingMeasure(), zero.ImagesMode(), zero.Validate())
	}
	if got := (Config{Measure: 100, Images: ImagesSixel}); got.ReadingMeasure() != 100 || got.ImagesMode() != ImagesSixel {
		t.Errorf("set Config: measure %d, images %q", got.ReadingMeasure(), got.ImagesMode())
	}
	for _, bad := range []Config{{Measure: 10}, {Measure: 1000}, {Images: "ascii"}} {
		if bad.Validate() == nil {
			t.Errorf("Validate accepted %+v", bad)
		}
	}
	if err := CheckImages("png"); err == nil || !strings.HasPrefix(err.Error(), `"png": `) {
		t.Errorf("CheckImages(png) = %v", err)
	}
}
