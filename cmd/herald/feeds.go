package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// timeFormat is how dates are printed in lists.
const timeFormat = "2006-01-02 15:04"

func newAddCmd(a *app) *cobra.Command {
	var local bool
	cmd := &cobra.Command{
		Use:   "add URL...",
		Short: "Subscribe to feeds (an HTML page's advertised feed is found)",
		Long: `Subscribe to one or more feeds. A URL may be the feed itself or a web page
that advertises its feeds with <link rel="alternate">; then the first one is
added and the others are listed. Run ` + "`herald refresh`" + ` afterwards.

With a sync server ([sync] in config.toml), the feed is also subscribed on
the server (at the next sync if the server cannot be reached now), unless
--local keeps it to herald.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			failed := 0
			for _, u := range args {
				added, err := svc.AddFeedTo(cmd.Context(), u, local)
				if err != nil {
					fmt.Fprintln(a.stderr, "herald:", userMessage(err))
					failed++
					continue
				}
				verb := "added"
				if added.Existed {
					verb = "already subscribed:"
				}
				fmt.Fprintf(a.stdout, "%s %s%s\n", verb, sanitize.Line(added.Feed.URL), titleSuffix(added.Feed.Title))
				for _, o := range added.Others {
					fmt.Fprintf(a.stdout, "  also offered: %s%s\n", sanitize.Line(o.URL), titleSuffix(o.Title))
				}
				if added.SyncErr != nil {
					fmt.Fprintf(a.stderr, "herald: not on the sync server yet (the next sync subscribes): %s\n",
						userMessage(added.SyncErr))
				}
			}
			if failed > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&local, "local", false, "keep the feed to herald: never subscribe on the sync server")
	return cmd
}

// titleSuffix is " (title)" for a non-empty title, sanitized.
func titleSuffix(title string) string {
	if t := sanitize.Line(title); t != "" {
		return " (" + t + ")"
	}
	return ""
}

func newRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "remove URL...",
		Aliases: []string{"rm"},
		Short:   "Unsubscribe from feeds (their bookmarks are kept)",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			failed := 0
			for _, u := range args {
				if err := svc.Remove(cmd.Context(), u); err != nil {
					if errors.Is(err, store.ErrNotFound) {
						err = fmt.Errorf("not subscribed: %s", u)
					}
					fmt.Fprintln(a.stderr, "herald:", userMessage(err))
					failed++
					continue
				}
				fmt.Fprintf(a.stdout, "removed %s\n", sanitize.Line(u))
			}
			if failed > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
}

func newImportCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Subscribe to the feeds of an OPML file or a newsboat urls file",
		Long: `Import subscriptions from an OPML file (folders become tags) or a newsboat
urls file (its "tags" kept, "~Title" used as the title). FILE may be - for
stdin. Only http, https and file URLs are accepted: newsboat's exec:, filter:
and query: entries are refused and listed.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			var r io.Reader = a.stdin
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return fmt.Errorf("import: %w", err)
				}
				defer f.Close()
				r = f
			}
			n, err := svc.Import(cmd.Context(), r, args[0])
			var rej *service.RejectedError
			if err != nil && !errors.As(err, &rej) {
				return err
			}
			fmt.Fprintf(a.stdout, "imported %d %s\n", n, plural(n, "feed", "feeds"))
			if rej != nil {
				fmt.Fprintln(a.stderr, "herald:", userMessage(rej))
			}
			return nil
		},
	}
}

func newExportCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "Write the subscriptions as OPML 2.0 to stdout",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			return svc.Export(cmd.Context(), a.stdout)
		},
	}
}

func newFeedsCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "feeds",
		Short: "List subscriptions: unread/total, last refresh, last error",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			feeds, err := svc.Store.Feeds(cmd.Context())
			if err != nil {
				return fmt.Errorf("feeds: %w", err)
			}
			for _, f := range feeds {
				fmt.Fprintln(a.stdout, feedLine(f))
			}
			st, err := svc.SyncStatus(cmd.Context())
			if err != nil {
				return err
			}
			if st.Configured {
				fmt.Fprintln(a.stdout, syncLine(st))
			}
			return nil
		},
	}
}

// feedLine is one line of `herald feeds`.
func feedLine(f store.Feed) string {
	title := sanitize.Line(f.Title)
	if title == "" {
		title = "(untitled)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  %d/%d unread", title, sanitize.Line(f.URL), f.Unread, f.Total)
	if len(f.Tags) > 0 {
		b.WriteString("  [" + sanitize.Line(strings.Join(f.Tags, ", ")) + "]")
	}
	if f.LastSuccess.IsZero() {
		b.WriteString("  never refreshed")
	} else {
		b.WriteString("  refreshed " + f.LastSuccess.Local().Format(timeFormat))
	}
	switch {
	case f.RemoteID != "":
		b.WriteString("  synced")
	case f.LocalOnly:
		b.WriteString("  local only")
	}
	if f.Gone {
		b.WriteString("  gone (410: no longer polled)")
	}
	if f.Note != "" {
		b.WriteString("  (" + sanitize.Line(f.Note) + ")")
	}
	if f.LastError != "" {
		b.WriteString("  error: " + sanitize.Line(f.LastError))
	}
	return b.String()
}

func newRefreshCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "refresh [URL...]",
		Short: "Fetch new items of every feed (or of the given feeds)",
		Long: `Fetch every subscribed feed, or only the given ones, and store their new
items cleaned. A feed that fails is marked with its error (see herald feeds)
and the others go on. The last line is always
  refreshed N feeds: X new items, Y unchanged, Z failed
The exit status is 0 unless nothing could be done: no feeds, every feed
failed, or the database failed.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			var bar *progressbar.ProgressBar
			tty := isTerminal(a.stderr)
			progress := func(p service.Progress) {
				if tty {
					if bar == nil {
						bar = progressbar.NewOptions(p.Total,
							progressbar.OptionSetWriter(a.stderr),
							progressbar.OptionSetDescription("refreshing"),
							progressbar.OptionShowCount(),
							progressbar.OptionSetWidth(30),
							progressbar.OptionThrottle(65*time.Millisecond),
							progressbar.OptionClearOnFinish(),
						)
					}
					if p.Err != nil && !p.Skipped {
						_ = bar.Clear()
						fmt.Fprintln(a.stderr, progressLine(p))
					}
					_ = bar.Add(1)
					return
				}
				fmt.Fprintln(a.stdout, progressLine(p))
			}
			limitRefreshMemory(cmd.Context(), svc)
			sum, err := svc.Refresh(cmd.Context(), args, progress)
			if bar != nil {
				_ = bar.Finish()
			}
			if errors.Is(err, service.ErrNoFeeds) {
				fmt.Fprintln(a.stderr, "herald:", userMessage(err))
				fmt.Fprintln(a.stdout, sum.String())
				return &exitError{code: 1}
			}
			if err != nil && sum.Feeds == 0 {
				return err
			}
			fmt.Fprintln(a.stdout, sum.String())
			if err != nil {
				fmt.Fprintln(a.stderr, "herald:", userMessage(err))
				return &exitError{code: 1}
			}
			if sum.Feeds > 0 && sum.Failed == sum.Feeds {
				return &exitError{code: 1}
			}
			return nil
		},
	}
}

// progressLine is the plain line printed for one refreshed feed.
func progressLine(p service.Progress) string {
	u := sanitize.Line(p.URL)
	switch {
	case p.Skipped:
		return fmt.Sprintf("skip %s: %s", u, userLine(p.Err))
	case p.Err != nil: // the line names the URL: the reason alone follows
		return fmt.Sprintf("fail %s: %s", u, userLine(feed.Reason(p.Err)))
	case p.NotModified:
		return fmt.Sprintf("ok %s (not modified)", u)
	default:
		return fmt.Sprintf("ok %s (%d new)", u, p.New)
	}
}

// userLine is an error on one sanitized line.
func userLine(err error) string { return sanitize.Line(err.Error()) }

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
