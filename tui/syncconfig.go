package tui

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
)

// SyncConfig is the [sync] table of config.toml: the feed server herald
// syncs with. Secrets come from a command (password_command,
// api_key_command: run with sh -c, the first line of its output) or, less
// safely, from the file itself (password, api_key).
type SyncConfig struct {
	// Provider is "miniflux" (its REST API) or "greader" (the Google
	// Reader API: FreshRSS, Miniflux, Inoreader …).
	Provider string `toml:"provider"`
	// URL is the server's address.
	URL             string `toml:"url"`
	Username        string `toml:"username"`
	Password        string `toml:"password"`
	PasswordCommand string `toml:"password_command"`
	APIKey          string `toml:"api_key"`
	APIKeyCommand   string `toml:"api_key_command"`
	// Timeout bounds one request to the server ("30s"); empty means 60s.
	Timeout string `toml:"timeout"`
}

// RequestTimeout is the parsed Timeout; 0 means the default.
func (c SyncConfig) RequestTimeout() time.Duration {
	d, err := time.ParseDuration(c.Timeout)
	if err != nil || d <= 0 {
		return 0
	}
	return d
}

// Sync providers.
const (
	SyncMiniflux = "miniflux"
	SyncGReader  = "greader"
)

// Enabled reports whether a server is configured.
func (c SyncConfig) Enabled() bool { return c.Provider != "" || c.URL != "" }

// PlainSecret reports whether the file itself holds a secret.
func (c SyncConfig) PlainSecret() bool { return c.Password != "" || c.APIKey != "" }

// Validate checks the provider, the URL and that some credential is given.
func (c SyncConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	switch c.Provider {
	case SyncMiniflux, SyncGReader:
	case "":
		return fmt.Errorf("sync: provider missing: want %q or %q", SyncMiniflux, SyncGReader)
	default:
		return fmt.Errorf("sync: provider %q: want %q or %q", c.Provider, SyncMiniflux, SyncGReader)
	}
	u, err := url.Parse(strings.TrimSpace(c.URL))
	switch {
	case c.URL == "":
		return fmt.Errorf("sync: url missing")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return fmt.Errorf("sync: url %q: want http://host or https://host", c.URL)
	case u.User != nil:
		return fmt.Errorf("sync: url: put the user name and password in username and password_command, not in the URL")
	}
	if c.Timeout != "" {
		if d, err := time.ParseDuration(c.Timeout); err != nil || d <= 0 {
			return fmt.Errorf("sync: timeout %q: want a duration such as \"30s\"", c.Timeout)
		}
	}
	hasKey := c.APIKey != "" || c.APIKeyCommand != ""
	hasPass := c.Password != "" || c.PasswordCommand != ""
	switch {
	case hasKey && c.Provider == SyncGReader:
		return fmt.Errorf("sync: the Google Reader API takes a username and password, not an API key")
	case hasKey && hasPass:
		return fmt.Errorf("sync: give an API key or a password, not both")
	case hasPass && c.Username == "":
		return fmt.Errorf("sync: username missing")
	case !hasKey && !hasPass:
		return fmt.Errorf("sync: no credentials: set password_command (or api_key_command for miniflux)")
	}
	return nil
}

// LogValue keeps secrets out of logs, should the configuration ever be
// logged.
func (c SyncConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("provider", c.Provider), slog.String("url", c.URL),
		slog.String("username", c.Username))
}

// String keeps secrets out of any printout of the configuration.
func (c SyncConfig) String() string {
	return fmt.Sprintf("sync{provider=%s url=%s username=%s}", c.Provider, c.URL, c.Username)
}

// GoString is String, for %#v.
func (c SyncConfig) GoString() string { return c.String() }
