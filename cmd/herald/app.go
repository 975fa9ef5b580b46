package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/tui"
)

// app holds what every command shares: global flags, the standard streams,
// and the lazily opened store and service.
type app struct {
	dbPath     string
	debug      bool
	cpuProfile string // hidden flag for bench/: write a CPU profile here
	memProfile string // hidden flag for bench/: write a heap profile here at exit
	profFile   *os.File

	stdin          io.Reader
	stdout, stderr io.Writer
	// ctx is the running command's, for the work service does on opening
	// the database; nil before a command runs.
	ctx context.Context

	log     *slog.Logger
	logFile *os.File
	st      *store.Store
	svc     *service.Service
	cfg     *tui.Config // read once by config
	cfgErr  string      // what was wrong with the config file, for the reader too
	darkBg  *bool       // decided once by dark
	images  string      // --images: overrides the images setting when set
	syncErr error       // why [sync] could not be used, when it could not

	term *terminalInfo // decided once by terminal (page.go)
}

// newRootCmd builds the command tree.
func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "herald",
		Short: "A terminal news reader that cleans up articles",
		Long: `herald reads RSS, Atom and JSON feeds in the terminal. It refreshes
hundreds of feeds quickly and politely, keeps everything in a local SQLite
database, and cleans every article into honest Markdown: captions shown once
with their credit, crossheads as headings, boilerplate gone.

Run it without a command to open the reader on your subscriptions, or try
` + "`herald demo`" + ` for a tour on sample feeds that needs no network.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			a.ctx = cmd.Context()
			if err := a.checkImagesFlag(); err != nil {
				return err
			}
			if err := a.startProfile(); err != nil {
				return err
			}
			return a.setupLogging()
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runTUI(cmd.Context())
		},
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "database file (default $XDG_DATA_HOME/herald/herald.db)")
	root.PersistentFlags().BoolVar(&a.debug, "debug", false, "write debug logs to $XDG_STATE_HOME/herald/debug.log")
	root.PersistentFlags().StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to `FILE` (for benchmarks)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().StringVar(&a.memProfile, "memprofile", "", "write a heap profile to `FILE` at exit (for benchmarks)")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	root.AddCommand(
		newAddCmd(a), newRemoveCmd(a), newImportCmd(a), newExportCmd(a),
		newFeedsCmd(a), newRefreshCmd(a), newListCmd(a), newShowCmd(a),
		newReadCmd(a), newBookmarksCmd(a), newSearchCmd(a), newIndexCmd(a), newDemoCmd(a), newTagCmd(a), newSyncCmd(a),
	)
	addImagesFlag(root, a) // the reader's
	root.CompletionOptions.HiddenDefaultCmd = false
	return root
}

// setupLogging sends slog output to a file with --debug, else discards it.
func (a *app) setupLogging() error {
	a.log = slog.New(slog.DiscardHandler)
	if !a.debug {
		return nil
	}
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("debug log: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	dir = filepath.Join(dir, "herald")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("debug log: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "debug.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("debug log: %w", err)
	}
	a.logFile = f
	a.log = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a.log.Debug("herald start", "args", os.Args[1:])
	return nil
}

// service opens the database (once) and returns the service on it.
func (a *app) service() (*service.Service, error) {
	if a.svc != nil {
		return a.svc, nil
	}
	path := a.dbPath
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, fmt.Errorf("database path: %w", err)
		}
		path = p
	}
	st, err := store.Open(path) // its errors name the path
	if err != nil {
		return nil, err
	}
	a.st = st
	a.svc = a.newService(st)
	a.svc.Remote = a.remote() // the user's database only: never the demo's
	a.backfill(a.svc)
	return a.svc, nil
}

// backfill gives the items stored before story hashes existed theirs, once
// per database (see service.BackfillStories). A failure is only logged:
// the command goes on without it, and the next start tries again.
func (a *app) backfill(svc *service.Service) {
	ctx := a.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	log := a.log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	n, err := svc.BackfillStories(ctx)
	if err != nil {
		log.Error("story hashes of old items", "err", err, "items", n)
		return
	}
	if n > 0 {
		log.Info("story hashes of old items", "items", n, "took", time.Since(start))
	}
}

// newService builds a service on st with herald's feed client, fetching as
// many feeds at once as the configuration says (0: the client's default).
func (a *app) newService(st *store.Store) *service.Service {
	client := feed.NewClient(feed.Options{Workers: a.config().Concurrency})
	return &service.Service{
		Store:     st,
		Client:    client,
		Now:       time.Now,
		Log:       a.log,
		Mute:      a.config().MuteRules(),
		KeepRead:  a.config().KeepRead(),
		ImageURLs: render.ImageURLs,
		Images:    &imageCache{client: client},
	}
}

// context is the running command's context, else the background.
func (a *app) context() context.Context {
	if a.ctx != nil {
		return a.ctx
	}
	return context.Background()
}

// startProfile starts CPU profiling when --cpuprofile is set, and samples
// the heap finely when --memprofile is. Without --memprofile, heap
// sampling is turned off: the runtime otherwise records a stack every
// 512 KB allocated, in a table of its own that grows with the distinct
// stacks (about 1 MB of the reader's resident memory, issue 15), for a
// profile nobody asked for.
func (a *app) startProfile() error {
	if a.memProfile != "" {
		runtime.MemProfileRate = 4096 // every allocation of a few KB
	} else {
		runtime.MemProfileRate = 0
	}
	if a.cpuProfile == "" {
		return nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile: %w", err)
	}
	a.profFile = f
	return nil
}

// writeHeapProfile writes the heap profile (what is live after a
// collection, and what was allocated since the start) when --memprofile is
// set, before the store is closed.
func (a *app) writeHeapProfile() {
	if a.memProfile == "" {
		return
	}
	path := a.memProfile
	a.memProfile = ""
	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
	}
	if err != nil && a.log != nil {
		a.log.Error("heap profile", "err", err)
	}
}

// close releases the store and the log file and ends a CPU profile.
func (a *app) close() {
	if a.term != nil && a.term.settle != nil {
		a.term.settle() // the terminal's late replies, if any, are dropped
		a.term.settle = nil
	}
	a.writeHeapProfile()
	if a.profFile != nil {
		pprof.StopCPUProfile()
		a.profFile.Close()
		a.profFile = nil
	}
	if a.st != nil {
		if err := a.st.Close(); err != nil && a.log != nil {
			a.log.Error("close database", "err", err)
		}
		a.st = nil
	}
	if a.logFile != nil {
		a.logFile.Close()
		a.logFile = nil
	}
}

// ensureNewline ends s with a newline, unless it is empty.
func ensureNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// userMessage is an error as shown to the user: sanitized, since errors can
// quote feed text.
func userMessage(err error) string {
	if plain, ok := store.Explain(err); ok {
		return sanitize.Line(plain)
	}
	if errors.Is(err, context.Canceled) {
		return "interrupted: what was already saved is kept"
	}
	return strings.TrimRight(sanitize.Text(err.Error()), "\n")
}
