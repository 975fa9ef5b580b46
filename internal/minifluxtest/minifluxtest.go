// Package minifluxtest gives tests a real Miniflux server (v2.3.5, on its own
// PostgreSQL cluster, on 127.0.0.1) and feeds on loopback for it to fetch.
// Only tests import it.
//
// Start returns the server of the test binary. When HERALD_MINIFLUX_ENV
// names the env file of a running server (scripts/miniflux-server.sh start
// DIR writes DIR/env), that server is used and left running; test binaries
// sharing it take turns (a file lock in DIR, held until the binary exits),
// since their tests reset it and stop it. Otherwise the first Start runs
// scripts/miniflux-server.sh in a temporary directory, and Main stops it
// after the tests; the script's watchdog stops it too if the binary dies
// first. When the server cannot be installed or started, tests skip with
// the reason, except under CI=true, where they fail. HERALD_MINIFLUX=off
// skips them outright (and fails them under CI=true).
package minifluxtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/sharedtest"
	"miniflux.app/v2/client"
)

// Server is a running Miniflux server and the admin account tests use.
type Server struct {
	URL         string // base URL, http://127.0.0.1:PORT
	User        string // the admin user
	APIKey      string // an API key of the admin user (X-Auth-Token)
	GReaderPass string // the admin's Google Reader API password

	dir    string // the script's DIR (where env lives)
	script string // scripts/miniflux-server.sh
	owned  bool   // started by this test binary: Main stops it

	mu   sync.Mutex
	down bool // StopMiniflux was called and StartMiniflux not yet
}

var (
	once     sync.Once
	shared   *Server
	startErr error
	startLog string
	logged   atomic.Bool // the start's output went to the first test's log
)

// Start returns the test binary's Miniflux server, starting it on first
// use. It skips tb (fails it under CI=true) when no server can be had.
func Start(tb testing.TB) *Server {
	tb.Helper()
	once.Do(func() { shared, startLog, startErr = start() })
	if startLog != "" && logged.CompareAndSwap(false, true) {
		tb.Log(strings.TrimRight(startLog, "\n"))
	}
	if startErr != nil {
		unavailable(tb, startErr)
	}
	shared.mu.Lock()
	down := shared.down
	shared.mu.Unlock()
	if down { // a test stopped it and ended without restarting it
		shared.StartMiniflux(tb)
	}
	return shared
}

// Main runs the tests, then stops the server Start started (if any); a
// package whose tests call Start uses it as its TestMain:
//
//	func TestMain(m *testing.M) { minifluxtest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	Stop(code)
	os.Exit(code)
}

// Stop stops the server Start started (if any), for a TestMain that does
// more than Main; code is m.Run's: the logs are kept when it is not 0.
func Stop(code int) {
	if shared != nil && shared.owned {
		out, err := shared.run(time.Minute, "stop", shared.dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "minifluxtest: stopping the server: %v\n%s", err, out)
		}
		if code == 0 && err == nil {
			os.RemoveAll(shared.dir)
		} else {
			fmt.Fprintf(os.Stderr, "minifluxtest: the server's logs are in %s\n", shared.dir)
		}
	}
}

func unavailable(tb testing.TB, err error) {
	tb.Helper()
	sharedtest.Missing(tb, "a Miniflux server", err)
}

// start finds or starts the server; the string is the script's output.
func start() (*Server, string, error) {
	if os.Getenv("HERALD_MINIFLUX") == "off" {
		return nil, "", errors.New("HERALD_MINIFLUX=off")
	}
	root, err := sharedtest.ModuleRoot()
	if err != nil {
		return nil, "", err
	}
	s := &Server{script: filepath.Join(root, "scripts", "miniflux-server.sh")}
	if env := os.Getenv("HERALD_MINIFLUX_ENV"); env != "" {
		s.dir = filepath.Dir(env)
		if err := lock(filepath.Join(s.dir, "lock")); err != nil {
			return nil, "", err
		}
		if err := s.load(env); err != nil {
			return nil, "", fmt.Errorf("HERALD_MINIFLUX_ENV: %w", err)
		}
		if !s.healthy() {
			// A binary that crashed between StopMiniflux and StartMiniflux
			// leaves PostgreSQL up and Miniflux down.
			if out, err := s.run(2*time.Minute, "start-miniflux", s.dir); err != nil {
				return nil, out, fmt.Errorf("the server of HERALD_MINIFLUX_ENV does not answer, and start-miniflux failed: %v: %s", err, lastLines(out, 4))
			}
		}
		return s, "", nil
	}
	if _, err := exec.LookPath("bash"); err != nil {
		return nil, "", errors.New("no bash to run scripts/miniflux-server.sh")
	}
	dir, err := os.MkdirTemp("", "herald-miniflux-")
	if err != nil {
		return nil, "", err
	}
	s.dir, s.owned = dir, true
	began := time.Now()
	out, err := s.run(20*time.Minute, "start", dir, "--watch", strconv.Itoa(os.Getpid()))
	log := fmt.Sprintf("scripts/miniflux-server.sh start (%.1fs):\n%s", time.Since(began).Seconds(), out)
	if err != nil {
		err = fmt.Errorf("scripts/miniflux-server.sh start %s: %v: %s", dir, err, lastLines(out, 6))
		if os.Getenv("CI") != "true" {
			// A skip, likely on every run of a machine without PostgreSQL:
			// leave nothing behind (CI keeps the logs of its failure).
			os.RemoveAll(dir)
			err = fmt.Errorf("%w (directory removed)", err)
		}
		return nil, log, err
	}
	if err := s.load(filepath.Join(dir, "env")); err != nil {
		return nil, log, err
	}
	return s, log, nil
}

// load reads the env file the script wrote.
func (s *Server) load(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	s.URL, s.User = env["MINIFLUX_URL"], env["MINIFLUX_USER"]
	s.APIKey, s.GReaderPass = env["MINIFLUX_API_KEY"], env["MINIFLUX_GREADER_PASS"]
	if s.URL == "" || s.User == "" || s.APIKey == "" || s.GReaderPass == "" {
		return fmt.Errorf("%s lacks MINIFLUX_URL, MINIFLUX_USER, MINIFLUX_API_KEY or MINIFLUX_GREADER_PASS", path)
	}
	return nil
}

// healthy reports whether Miniflux answers its health check.
func (s *Server) healthy() bool {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(s.URL + "/healthcheck")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// run runs the script with args and returns its combined output.
func (s *Server) run(timeout time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", append([]string{s.script}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if os.Getenv("CI") != "true" {
		// A test installs nothing: on a machine without PostgreSQL or
		// Miniflux the sync tests skip, saying how to install them.
		cmd.Env = append(os.Environ(), "MINIFLUX_NO_INSTALL=1")
	}
	// The script leaves daemons behind with their output elsewhere; should
	// one still hold the pipe, do not wait for it forever.
	cmd.WaitDelay = 10 * time.Second
	err := cmd.Run()
	return out.String(), err
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// Admin returns a client of the server's REST API, authenticated with the
// admin's API key, for tests to look at and change the server's state.
func (s *Server) Admin() *client.Client {
	return client.NewClientWithOptions(s.URL,
		client.WithAPIKey(s.APIKey),
		client.WithHTTPClient(&http.Client{Timeout: 30 * time.Second}))
}

// StopMiniflux stops Miniflux (PostgreSQL keeps running), for tests of a
// server that does not answer. Should the test end without StartMiniflux,
// Miniflux is started again when it ends.
func (s *Server) StopMiniflux(tb testing.TB) {
	tb.Helper()
	if out, err := s.run(time.Minute, "stop-miniflux", s.dir); err != nil {
		tb.Fatalf("scripts/miniflux-server.sh stop-miniflux: %v\n%s", err, out)
	}
	s.mu.Lock()
	s.down = true
	s.mu.Unlock()
	tb.Cleanup(func() {
		s.mu.Lock()
		down := s.down
		s.mu.Unlock()
		if down {
			s.StartMiniflux(tb)
		}
	})
}

// StartMiniflux starts Miniflux again, on the same URL, and returns once it
// answers its health check.
func (s *Server) StartMiniflux(tb testing.TB) {
	tb.Helper()
	if out, err := s.run(2*time.Minute, "start-miniflux", s.dir); err != nil {
		tb.Fatalf("scripts/miniflux-server.sh start-miniflux: %v\n%s", err, out)
	}
	s.mu.Lock()
	s.down = false
	s.mu.Unlock()
}

// Reset deletes every feed (and so every entry) and every category but the
// user's first one, so that each test starts from the same empty account.
func (s *Server) Reset(tb testing.TB) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := s.Admin()
	feeds, err := c.FeedsContext(ctx)
	if err != nil {
		tb.Fatalf("reset: list feeds: %v", err)
	}
	for _, f := range feeds {
		if err := c.DeleteFeedContext(ctx, f.ID); err != nil {
			tb.Fatalf("reset: delete feed %d: %v", f.ID, err)
		}
	}
	cats, err := c.CategoriesContext(ctx)
	if err != nil {
		tb.Fatalf("reset: list categories: %v", err)
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].ID < cats[j].ID })
	for i, cat := range cats {
		if i == 0 {
			continue // Miniflux keeps one category per user: the one made with it
		}
		if err := c.DeleteCategoryContext(ctx, cat.ID); err != nil {
			tb.Fatalf("reset: delete category %q: %v", cat.Title, err)
		}
	}
}

// RefreshFeed makes Miniflux fetch the feed now, bypassing HTTP caching
// (PUT /v1/feeds/{id}/refresh?force=true, which returns once it is done).
func (s *Server) RefreshFeed(tb testing.TB, feedID int64) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.Admin().ForceRefreshFeedContext(ctx, feedID); err != nil {
		tb.Fatalf("refresh feed %d: %v", feedID, err)
	}
}

// FeedByURL returns the server's feed with this feed URL.
func (s *Server) FeedByURL(tb testing.TB, feedURL string) *client.Feed {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	feeds, err := s.Admin().FeedsContext(ctx)
	if err != nil {
		tb.Fatalf("list feeds: %v", err)
	}
	for _, f := range feeds {
		if f.FeedURL == feedURL {
			return f
		}
	}
	tb.Fatalf("the server has no feed %s", feedURL)
	return nil
}
