package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/minifluxtest"
)

// heraldBin is the real binary, built once by TestMain.
var heraldBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "herald-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	heraldBin = filepath.Join(dir, "herald")
	build := exec.Command("go", "build", "-o", heraldBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build herald:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	minifluxtest.Stop(code) // the real server of the sync tests, if one was started
	os.RemoveAll(dir)
	os.Exit(code)
}

// env is one isolated herald installation: its own database and XDG dirs.
type env struct {
	t     *testing.T
	dir   string
	db    string
	cache string // $XDG_CACHE_HOME, herald's image cache (see useCache)
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	return &env{t: t, dir: dir, db: filepath.Join(dir, "data", "herald.db"), cache: filepath.Join(dir, "xdg-cache")}
}

// useCache points herald's image cache ($XDG_CACHE_HOME) at a new
// directory for the installation's later runs, and returns it.
func (e *env) useCache(name string) string {
	e.t.Helper()
	e.cache = filepath.Join(e.t.TempDir(), name)
	return e.cache
}

// xdg is the installation's XDG directories, as NAME=value.
func (e *env) xdg() []string {
	return []string{
		"XDG_DATA_HOME=" + filepath.Join(e.dir, "xdg-data"),
		"XDG_CONFIG_HOME=" + filepath.Join(e.dir, "xdg-config"),
		"XDG_STATE_HOME=" + filepath.Join(e.dir, "xdg-state"),
		"XDG_CACHE_HOME=" + e.cache,
	}
}

// environ is the process environment with the installation's XDG dirs.
func (e *env) environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		// CI (set by CI runners) makes termenv treat every terminal as
		// none: herald under test must style as it does for a user.
		if name, _, _ := strings.Cut(kv, "="); name != "CI" {
			env = append(env, kv)
		}
	}
	return append(env, e.xdg()...)
}

// result is what one run of the binary printed.
type result struct {
	stdout, stderr string
	code           int
}

// run runs herald with --db and the given args, feeding stdin.
func (e *env) run(stdin string, args ...string) result {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, heraldBin, append([]string{"--db", e.db}, args...)...)
	cmd.Env = append(e.environ(), "NO_COLOR=1", "TERM=dumb")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		e.t.Fatalf("herald %v: %v", args, err)
	}
	return r
}

// ok runs herald and fails the test unless it exits 0.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	r := e.run("", args...)
	if r.code != 0 {
		e.t.Fatalf("herald %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

var idRE = regexp.MustCompile(`(?m)^(\d+)  `)

// ids returns the leading item ids of list-like output.
func ids(t *testing.T, out string) []int64 {
	t.Helper()
	var ids []int64
	for _, m := range idRE.FindAllStringSubmatch(out, -1) {
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// idOf returns the id of the line of out that contains substr.
func idOf(t *testing.T, out, substr string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, substr) {
			if m := idRE.FindStringSubmatch(line); m != nil {
				return m[1]
			}
		}
	}
	t.Fatalf("no line with %q in:\n%s", substr, out)
	return ""
}

// rssFeed builds an RSS document; each item is title, link, description
// (HTML) and an optional content:encoded body.
type rssItem struct {
	Title, Link, GUID, Date, Description, Content string
}

func rss(title string, items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>` + title + `</title><link>https://site.test/</link><description>test</description>
`)
	for _, it := range items {
		b.WriteString("<item><title>" + it.Title + "</title>")
		if it.Link != "" {
			b.WriteString("<link>" + it.Link + "</link>")
		}
		if it.GUID != "" {
			b.WriteString(`<guid isPermaLink="false">` + it.GUID + "</guid>")
		}
		if it.Date != "" {
			b.WriteString("<pubDate>" + it.Date + "</pubDate>")
		}
		b.WriteString("<description><![CDATA[" + it.Description + "]]></description>")
		if it.Content != "" {
			b.WriteString("<content:encoded><![CDATA[" + it.Content + "]]></content:encoded>")
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// feedServer serves bodies by path with ETag support and counts 304s.
type feedServer struct {
	*httptest.Server
	notModified atomic.Int32
	hits        atomic.Int32

	mu     sync.Mutex
	routes map[string]route
}

// set adds or replaces the route at path (routes often need the server's
// own URL, known only once it runs).
func (fs *feedServer) set(path string, rt route) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.routes[path] = rt
}

// route is a response body and its content type.
type route struct {
	body, contentType string
	status            int
}

func newFeedServer(t *testing.T, routes map[string]route) *feedServer {
	t.Helper()
	fs := &feedServer{routes: make(map[string]route)}
	for p, rt := range routes {
		fs.routes[p] = rt
	}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		fs.mu.Lock()
		rt, ok := fs.routes[r.URL.Path]
		fs.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if rt.status != 0 {
			http.Error(w, http.StatusText(rt.status), rt.status)
			return
		}
		etag := fmt.Sprintf(`"%x"`, len(rt.body))
		if r.Header.Get("If-None-Match") == etag {
			fs.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", rt.contentType)
		fmt.Fprint(w, rt.body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

const rssType = "application/rss+xml; charset=utf-8"
