package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	gosync "sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	hsync "github.com/herald-reader/herald/sync"
	"github.com/herald-reader/herald/sync/greader"
	"github.com/herald-reader/herald/sync/miniflux"
	"github.com/herald-reader/herald/tui"
)

func newSyncCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "sync",
		Short: "Sync with the feed server in [sync] (Miniflux, FreshRSS …)",
		Long: `Pull subscriptions and entries from the sync server and push what changed
in herald since: read, unread, bookmarked (starred on the server) and
unbookmarked items, feeds added and removed. Changes made while the server
cannot be reached are kept in the database and pushed, in order, by the
next sync that reaches it. When the same item changed on both sides, the
later change wins. ` + "`herald refresh`" + ` syncs too. The last line is
  synced N feeds: X new items, Y changed on the server, Z changes pushed`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			if svc.Remote == nil {
				if a.syncErr != nil {
					return a.syncErr
				}
				return service.ErrNoSync
			}
			limitRefreshMemory(cmd.Context(), svc)
			sum, err := svc.Sync(cmd.Context(), nil)
			if err != nil {
				fmt.Fprintln(a.stderr, "herald:", userMessage(err))
				st, _ := svc.SyncStatus(context.WithoutCancel(cmd.Context()))
				if st.Queued > 0 {
					fmt.Fprintf(a.stderr, "herald: %d %s kept for the next sync\n", st.Queued, plural(st.Queued, "change", "changes"))
				}
				return &exitError{code: 1}
			}
			fmt.Fprintln(a.stdout, sum.String())
			return nil
		},
	}
}

// syncLine is the sync state as `herald feeds` ends with it.
func syncLine(st service.SyncStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "sync: %s", sanitize.Line(st.Server))
	if st.Last.IsZero() {
		b.WriteString("  never synced")
	} else {
		b.WriteString("  last synced " + st.Last.Local().Format(timeFormat))
	}
	fmt.Fprintf(&b, "  %d %s queued", st.Queued, plural(st.Queued, "change", "changes"))
	if st.Err != "" {
		b.WriteString("  last error: " + sanitize.Line(st.Err))
	}
	return b.String()
}

// remote is the sync server of the configuration; nil when there is none.
// A configuration that cannot work is reported (a.syncErr) and herald
// works alone meanwhile. The secret is resolved when herald first talks
// to the server, so commands that never do (list, show …) never run the
// password command.
func (a *app) remote() *service.Remote {
	c := a.config().Sync
	if !c.Enabled() {
		return nil
	}
	if err := c.Validate(); err != nil {
		a.syncErr = err
		return nil
	}
	a.warnPlainSecret(c)
	u := strings.TrimRight(strings.TrimSpace(c.URL), "/")
	return &service.Remote{Provider: &lazyProvider{cfg: c}, URL: u,
		Account: c.Provider + " " + u + " " + c.Username}
}

// lazyProvider opens the configured provider on first use.
type lazyProvider struct {
	cfg tui.SyncConfig
	mu  gosync.Mutex
	p   hsync.Provider
}

// get opens the provider once it can: a failed secret command is tried
// again next time.
func (l *lazyProvider) get(ctx context.Context) (hsync.Provider, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p != nil {
		return l.p, nil
	}
	p, err := openProvider(ctx, l.cfg)
	if err != nil {
		return nil, err
	}
	l.p = p
	return p, nil
}

func (l *lazyProvider) Name() string { return l.cfg.Provider }

func (l *lazyProvider) Subscriptions(ctx context.Context) ([]hsync.Subscription, error) {
	p, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return p.Subscriptions(ctx)
}

func (l *lazyProvider) Subscribe(ctx context.Context, feedURL, folder string) (hsync.Subscription, error) {
	p, err := l.get(ctx)
	if err != nil {
		return hsync.Subscription{}, err
	}
	return p.Subscribe(ctx, feedURL, folder)
}

func (l *lazyProvider) Unsubscribe(ctx context.Context, feedID string) error {
	p, err := l.get(ctx)
	if err != nil {
		return err
	}
	return p.Unsubscribe(ctx, feedID)
}

func (l *lazyProvider) Pull(ctx context.Context, cursor string, known func(string) bool) (hsync.Batch, error) {
	p, err := l.get(ctx)
	if err != nil {
		return hsync.Batch{}, err
	}
	return p.Pull(ctx, cursor, known)
}

func (l *lazyProvider) Push(ctx context.Context, changes []hsync.Change) error {
	p, err := l.get(ctx)
	if err != nil {
		return err
	}
	return p.Push(ctx, changes)
}

// openProvider resolves the secrets and opens the provider.
func openProvider(ctx context.Context, c tui.SyncConfig) (hsync.Provider, error) {
	o := hsync.Options{URL: strings.TrimRight(strings.TrimSpace(c.URL), "/"), Username: c.Username,
		Password: c.Password, APIKey: c.APIKey}
	o.HTTP = hsync.NewHTTPClient(o.URL, hsync.Limits{Timeout: c.RequestTimeout()})
	var err error
	if c.PasswordCommand != "" {
		if o.Password, err = secretFrom(ctx, "password_command", c.PasswordCommand); err != nil {
			return nil, err
		}
	}
	if c.APIKeyCommand != "" {
		if o.APIKey, err = secretFrom(ctx, "api_key_command", c.APIKeyCommand); err != nil {
			return nil, err
		}
	}
	switch c.Provider {
	case tui.SyncMiniflux:
		return miniflux.New(o)
	case tui.SyncGReader:
		return greader.New(o)
	}
	return nil, fmt.Errorf("%w: provider %q", hsync.ErrConfig, c.Provider)
}

// secretTimeout bounds a password command (a password manager may ask
// for its own passphrase, but not forever).
const secretTimeout = time.Minute

// secretFrom runs a secret command with sh -c and returns the first line
// of its output. Its output is never shown, not even when it fails.
func secretFrom(ctx context.Context, name, command string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, secretTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	// No stdin and no stderr: the reader owns the terminal. A password
	// manager asks through its own agent (gpg's pinentry, say).
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("sync: %s failed (exit status %d)", name, ee.ExitCode())
		}
		return "", fmt.Errorf("sync: %s: %v", name, err)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", fmt.Errorf("sync: %s printed nothing", name)
	}
	return line, nil
}

// warnPlainSecret warns when config.toml holds a password or API key and
// others than its owner can read it.
func (a *app) warnPlainSecret(c tui.SyncConfig) {
	if !c.PlainSecret() {
		return
	}
	path, err := tui.DefaultConfigPath()
	if err != nil {
		return
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return
	}
	fmt.Fprintf(a.stderr, "herald: warning: %s holds a sync password or API key and others can read it "+
		"(chmod 600 it, or use password_command)\n", sanitize.Line(path))
}
