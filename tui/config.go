package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/triage"
)

// Themes accepted by Config.Theme.
const (
	ThemeAuto  = "auto"
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// Picture modes accepted by Config.Images and the --images flag.
const (
	// ImagesAuto asks the terminal once at start which graphics it draws
	// (kitty, sixel) and falls back to half-blocks when unsure.
	ImagesAuto = "auto"
	// ImagesKitty draws through the kitty graphics protocol.
	ImagesKitty = "kitty"
	// ImagesSixel draws sixel graphics.
	ImagesSixel = "sixel"
	// ImagesHalfblocks draws 24-bit colour ▀ cells, which work everywhere.
	ImagesHalfblocks = "halfblocks"
	// ImagesOff shows no pictures, only their captions and credits.
	ImagesOff = "off"
)

// The reading measure: the widest body text, in cells (Config.Measure).
const (
	DefaultMeasure = render.DefaultMeasure
	MinMeasure     = 30
	MaxMeasure     = 400
)

// Config is the user's configuration, read from
// $XDG_CONFIG_HOME/herald/config.toml:
//
//	theme = "auto"            # auto, dark or light
//	browser = "firefox"       # used when $BROWSER is not set; default xdg-open
//	concurrency = 16          # feeds fetched at once by a refresh
//	refresh_on_start = false  # refresh every feed in the background at start
//	player = "mpv"            # plays audio and video (e); default mpv, else the browser
//	mute = ["sponsored", "title:giveaway", "feed:example.org crypto"]
//	refresh_interval = "30m"  # refresh due feeds in the background; at least 1m
//	keep_read_days = 90       # delete read items first seen longer ago (0: keep all)
//	measure = 72              # widest body text in cells, 30 to 400; centred in wider terminals
//	images = "auto"           # pictures: auto, kitty, sixel, halfblocks or off
//
//	[keys]                    # override key bindings by action name
//	open = ["enter", "l"]
//	quit = ["q"]
type Config struct {
	// Theme is auto (ask the terminal once, before the UI starts), dark or light.
	Theme string `toml:"theme"`
	// Browser is the command that opens links when $BROWSER is unset. It may
	// carry arguments ("firefox --new-tab"); the URL is appended as one more
	// argument. It never runs through a shell.
	Browser string `toml:"browser"`
	// Concurrency is how many feeds a refresh fetches at once; 0 means the
	// default.
	Concurrency int `toml:"concurrency"`
	// RefreshOnStart refreshes every feed in the background when the
	// reader starts.
	RefreshOnStart bool `toml:"refresh_on_start"`
	// Player is the command that plays an item's audio or video (`e`);
	// empty means mpv, else the browser. The URL is its last argument.
	Player string `toml:"player"`
	// RefreshInterval, e.g. "30m", refreshes the feeds that are due (see
	// service.RefreshDue) in the background while the reader is open; empty
	// means never. At least MinRefreshInterval.
	RefreshInterval string `toml:"refresh_interval"`
	// KeepReadDays, when positive, has a refresh delete (once a day) the
	// read, unbookmarked items first seen more days ago; 0 keeps every item.
	KeepReadDays int `toml:"keep_read_days"`
	// Measure is the reading measure: body text is at most this many cells
	// wide (MinMeasure to MaxMeasure), centred in wider terminals. 0 means
	// DefaultMeasure (a Config built by hand); LoadConfig sets the default.
	Measure int `toml:"measure"`
	// Images is how pictures are drawn: ImagesAuto, ImagesKitty,
	// ImagesSixel, ImagesHalfblocks or ImagesOff; empty means ImagesAuto.
	// The --images flag overrides it.
	Images string `toml:"images"`
	// Mute lists mute rules (see triage.ParseRules): matching items are
	// marked read on arrival.
	Mute []string `toml:"mute"`
	// Keys maps action names (see KeyActions) to the keys that trigger them.
	Keys map[string][]string `toml:"keys"`
	// Sync is the feed server to sync with; empty when herald works alone.
	Sync SyncConfig `toml:"sync"`
}

// KeepRead is how long read items are kept (keep_read_days); 0 keeps all.
func (c Config) KeepRead() time.Duration {
	return time.Duration(max(c.KeepReadDays, 0)) * 24 * time.Hour
}

// MinRefreshInterval is the shortest refresh_interval accepted.
const MinRefreshInterval = time.Minute

// DefaultConfig returns the configuration used when no file exists.
func DefaultConfig() Config {
	return Config{Theme: ThemeAuto, Measure: DefaultMeasure, Images: ImagesAuto}
}

// DefaultConfigPath returns $XDG_CONFIG_HOME/herald/config.toml, else
// ~/.config/herald/config.toml.
func DefaultConfigPath() (string, error) {
	if dir := os.Getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "herald", "config.toml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("config path: %w", err)
	}
	return filepath.Join(home, ".config", "herald", "config.toml"), nil
}

// LoadConfig reads the configuration at path. A missing file is not an
// error: it yields DefaultConfig. Unknown settings, themes and key actions
// are errors, so a typo does not go unnoticed.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read config: %w", err)
	}
	md, err := toml.Decode(string(b), &cfg)
	if err != nil {
		return DefaultConfig(), fmt.Errorf("parse config %s: %w", path, err)
	}
	// A mistake in one setting costs that setting only: the others apply,
	// and the error names what was ignored.
	var problems []string
	if undec := md.Undecoded(); len(undec) > 0 {
		keys := make([]string, len(undec))
		for i, k := range undec {
			keys[i] = k.String()
		}
		problems = append(problems, "unknown settings: "+strings.Join(keys, ", "))
	}
	def := DefaultConfig()
	if err := (Config{Theme: cfg.Theme}).Validate(); err != nil {
		problems = append(problems, err.Error())
		cfg.Theme = def.Theme
	}
	if cfg.Concurrency < 0 {
		problems = append(problems, fmt.Sprintf("concurrency %d: must not be negative", cfg.Concurrency))
		cfg.Concurrency = def.Concurrency
	}
	if _, err := parseInterval(cfg.RefreshInterval); err != nil {
		problems = append(problems, err.Error())
		cfg.RefreshInterval = def.RefreshInterval
	}
	if err := checkMeasure(cfg.Measure); err != nil { // 0 too: it was written so
		problems = append(problems, err.Error())
		cfg.Measure = def.Measure
	}
	if err := CheckImages(cfg.Images); err != nil {
		problems = append(problems, "images "+err.Error())
		cfg.Images = def.Images
	}
	if cfg.KeepReadDays < 0 {
		problems = append(problems, fmt.Sprintf("keep_read_days %d: must not be negative", cfg.KeepReadDays))
		cfg.KeepReadDays = def.KeepReadDays
	}
	actions := make([]string, 0, len(cfg.Keys))
	for action := range cfg.Keys {
		actions = append(actions, action)
	}
	sort.Strings(actions)
	for _, action := range actions {
		one := map[string][]string{action: cfg.Keys[action]}
		if _, err := defaultKeyMap().withOverrides(one); err != nil {
			problems = append(problems, err.Error())
			delete(cfg.Keys, action)
		}
	}
	if err := cfg.Validate(); err != nil { // overrides that clash with each other
		problems = append(problems, err.Error())
		cfg.Keys = nil
	}
	// Not ignored, but worth saying: a key an override takes from another
	// action (an older config meeting a newer default).
	notes := Clashes(cfg.Keys)
	if err := cfg.Sync.Validate(); err != nil {
		problems = append(problems, err.Error())
		cfg.Sync = SyncConfig{}
	}
	if _, err := triage.ParseRules(cfg.Mute); err != nil {
		problems = append(problems, "mute: "+strings.ReplaceAll(err.Error(), "\n", "; "))
		cfg.Mute = goodRules(cfg.Mute)
	}
	switch {
	case len(problems) > 0:
		return cfg, fmt.Errorf("config %s: ignored %s", path, strings.Join(append(problems, notes...), "; "))
	case len(notes) > 0:
		return cfg, fmt.Errorf("config %s: %s", path, strings.Join(notes, "; "))
	}
	return cfg, nil
}

// goodRules keeps the mute rules that parse.
func goodRules(lines []string) []string {
	var ok []string
	for _, l := range lines {
		if _, err := triage.ParseRules([]string{l}); err == nil {
			ok = append(ok, l)
		}
	}
	return ok
}

// MuteRules returns the parsed mute rules (those that parse).
func (c Config) MuteRules() []triage.Rule {
	rules, _ := triage.ParseRules(c.Mute)
	return rules
}

// Validate checks the theme, the concurrency, the refresh interval, the
// measure, the picture mode and the key overrides.
func (c Config) Validate() error {
	switch c.Theme {
	case "", ThemeAuto, ThemeDark, ThemeLight:
	default:
		return fmt.Errorf("theme %q: want auto, dark or light", c.Theme)
	}
	if c.Concurrency < 0 {
		return fmt.Errorf("concurrency %d: must not be negative", c.Concurrency)
	}
	if _, err := parseInterval(c.RefreshInterval); err != nil {
		return err
	}
	if c.Measure != 0 {
		if err := checkMeasure(c.Measure); err != nil {
			return err
		}
	}
	if err := CheckImages(c.Images); err != nil {
		return fmt.Errorf("images %w", err)
	}
	_, err := defaultKeyMap().withOverrides(c.Keys)
	return err
}

// ReadingMeasure is the measure to set body text at: Measure, or
// DefaultMeasure when it is unset.
func (c Config) ReadingMeasure() int {
	if c.Measure == 0 {
		return DefaultMeasure
	}
	return c.Measure
}

// checkMeasure accepts a measure from MinMeasure to MaxMeasure cells.
func checkMeasure(n int) error {
	if n < MinMeasure || n > MaxMeasure {
		return fmt.Errorf("measure %d: want %d to %d cells (default %d)", n, MinMeasure, MaxMeasure, DefaultMeasure)
	}
	return nil
}

// ImagesMode is the picture mode: Images, or ImagesAuto when it is unset.
func (c Config) ImagesMode() string {
	if c.Images == "" {
		return ImagesAuto
	}
	return c.Images
}

// CheckImages accepts a picture mode images.ParseMode reads, spelt as
// the setting spells it ("kitty", not "Kitty"), or empty (ImagesAuto).
// Its error starts with the quoted mode, for the caller to name the
// setting or the flag before it.
func CheckImages(mode string) error {
	if mode == "" {
		return nil
	}
	if m, err := images.ParseMode(mode); err == nil && m.String() == mode {
		return nil
	}
	return fmt.Errorf("%q: want auto, kitty, sixel, halfblocks or off", mode)
}

// Interval is the refresh interval, 0 when the background refresh is off
// (refresh_interval empty, or invalid: LoadConfig reports that).
func (c Config) Interval() time.Duration {
	d, err := parseInterval(c.RefreshInterval)
	if err != nil {
		return 0
	}
	return d
}

// parseInterval parses refresh_interval: empty is off (0), else a Go
// duration ("30m", "1h30m") of at least MinRefreshInterval.
func parseInterval(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("refresh_interval %q: want a duration such as \"30m\" or \"2h\"", s)
	}
	if d < MinRefreshInterval {
		return 0, fmt.Errorf("refresh_interval %q: must be at least %s", s,
			strings.TrimSuffix(MinRefreshInterval.String(), "0s")) // "1m", not "1m0s"
	}
	return d, nil
}

// ResolveDark decides dark or light once: the configured theme if it is
// dark or light, else the answer of detect (called only then).
func (c Config) ResolveDark(detect func() bool) bool {
	switch c.Theme {
	case ThemeDark:
		return true
	case ThemeLight:
		return false
	}
	if detect == nil {
		return true
	}
	return detect()
}
