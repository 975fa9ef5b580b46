package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/testfs"
)

// TestRefreshRefusesSpecialFiles: subscribed file:// paths that are a FIFO
// (with no writer, it would block forever), /dev/stdin (a pipe nobody
// closes) or a device are refused, and the refresh still ends with its
// summary line, having refreshed the other feed.
func TestRefreshRefusesSpecialFiles(t *testing.T) {
	e := newEnv(t)
	fifo := filepath.Join(e.dir, "feed.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	srv := newFeedServer(t, map[string]route{"/feed.xml": {contentType: rssType,
		body: rss("Good feed", rssItem{Title: "Still refreshed", GUID: "g1", Description: "<p>Fine.</p>"})}})
	urls := strings.Join([]string{"file://" + fifo, "file:///dev/stdin", "file:///dev/zero", srv.URL + "/feed.xml"}, "\n")
	e.ok("import", writeFile(t, e.dir, "urls", urls))

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, heraldBin, "--db", e.db, "refresh")
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "XDG_CONFIG_HOME="+filepath.Join(e.dir, "cfg"))
	stdin, err := cmd.StdinPipe() // open, never written, never closed until the end
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil && ctx.Err() != nil {
		t.Fatalf("refresh hung on a special file: %v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{
		"fail file://" + fifo + ": feed.fifo is a named pipe, not a regular file",
		"fail file:///dev/stdin",
		"fail file:///dev/zero: zero is a device, not a regular file",
		"ok " + srv.URL + "/feed.xml (1 new)",
		"refreshed 4 feeds: 1 new items, 0 unchanged, 3 failed",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("refresh output lacks %q:\n%s", want, got)
		}
	}
}

// TestSignalEndsRefresh: SIGTERM and SIGINT end a refresh stuck on a server
// that never answers, long before its timeouts, with the summary line.
func TestSignalEndsRefresh(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			e := newEnv(t)
			var asked atomic.Int32
			release := make(chan struct{})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				asked.Add(1)
				select { // hang until the test ends
				case <-release:
				case <-r.Context().Done():
				}
			}))
			defer srv.Close()
			defer close(release)
			e.ok("import", writeFile(t, e.dir, "urls", srv.URL+"/a.xml\n"+srv.URL+"/b.xml\n"))
			cmd := exec.Command(heraldBin, "--db", e.db, "refresh")
			cmd.Env = append(os.Environ(), "NO_COLOR=1", "XDG_CONFIG_HOME="+filepath.Join(e.dir, "cfg"))
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, 30*time.Second, func() bool { return asked.Load() > 0 })
			start := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(5 * time.Minute): // a hang guard only
				cmd.Process.Kill()
				t.Fatalf("refresh still running after %s:\n%s", sig, out.String())
			}
			// Ended by the signal, not by the 30 s fetch timeout.
			if got := out.String(); !strings.Contains(got, "refreshed 2 feeds") || !strings.Contains(got, "herald: interrupted: what was already saved is kept") || strings.Contains(got, "timed out") {
				t.Errorf("after %s:\n%s", sig, got)
			}
			t.Logf("ended %s after the signal", time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestBookmarkOfFileLinkKeepsItemText: `herald bookmarks add` on an item
// whose link is a file: URL never reads the file; the item's text is kept.
func TestBookmarkOfFileLinkKeepsItemText(t *testing.T) {
	e := newEnv(t)
	secret := writeFile(t, e.dir, "secret.html", "<html><body><article><p>The launch code is swordfish-4471, and nobody may know it.</p></article></body></html>")
	srv := newFeedServer(t, map[string]route{"/feed.xml": {contentType: rssType,
		body: rss("Sly feed", rssItem{Title: "Innocent", GUID: "i1", Link: "file://" + secret, Description: "<p>A short teaser about boats.</p>"})}})
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), "Innocent")
	out := e.ok("bookmarks", "add", id)
	if !strings.Contains(out, "only http and https links are fetched") {
		t.Errorf("bookmarks add: %q", out)
	}
	md := e.ok("show", id, "--plain")
	if strings.Contains(md, "swordfish") || !strings.Contains(md, "teaser about boats") {
		t.Errorf("bookmark:\n%s", md)
	}
	if got := e.ok("search", "swordfish"); strings.TrimSpace(got) != "" {
		t.Errorf("search finds the file's text: %q", got)
	}
	dir := filepath.Join(e.dir, "export")
	e.ok("bookmarks", "export", dir)
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if data, _ := os.ReadFile(filepath.Join(dir, f.Name())); bytes.Contains(data, []byte("swordfish")) {
			t.Errorf("exported bookmark holds the file's text")
		}
	}
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDiskErrorsArePlain: a read-only database and a full disk each give
// one plain sentence, and what was saved before is kept.
func TestDiskErrorsArePlain(t *testing.T) {
	srv := newFeedServer(t, map[string]route{"/feed.xml": {contentType: rssType,
		body: rss("Disk feed", rssItem{Title: "Kept item", GUID: "k1", Description: "<p>Kept.</p>"})}})
	t.Run("read-only", func(t *testing.T) {
		e := newEnv(t)
		e.db = filepath.Join(testfs.Tmpfs(t, 8<<20), "herald.db")
		e.ok("add", srv.URL+"/feed.xml")
		e.ok("refresh")
		testfs.ReadOnly(t, filepath.Dir(e.db))
		r := e.run("", "add", "https://other.test/feed.xml")
		if want := "herald: " + e.db + " is read-only: nothing can be saved there"; r.code == 0 || strings.TrimSpace(r.stderr) != want {
			t.Errorf("got %+v, want %q", r, want)
		}
	})
	t.Run("full", func(t *testing.T) {
		e := newEnv(t)
		dir := testfs.Tmpfs(t, 16<<20)
		e.db = filepath.Join(dir, "herald.db")
		var urls []string
		for i := range 20 {
			p := fmt.Sprintf("/full%d.xml", i)
			srv.set(p, route{contentType: rssType, body: rss(fmt.Sprint("Feed ", i),
				rssItem{Title: fmt.Sprint("Kept ", i), GUID: "k", Description: "<p>Kept.</p>"})})
			urls = append(urls, srv.URL+p)
		}
		e.ok("import", writeFile(t, e.dir, "urls", strings.Join(urls, "\n")))
		e.ok("refresh")
		// Fill the file system, then give back a little: enough to open
		// the database, far too little for what comes next.
		ballast := filepath.Join(dir, "ballast")
		f, err := os.Create(ballast)
		if err != nil {
			t.Fatal(err)
		}
		chunk := make([]byte, 64<<10)
		for {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		st, _ := f.Stat()
		f.Truncate(st.Size() - 256<<10)
		f.Close()
		for i := range 20 {
			var items []rssItem
			for j := range 30 {
				items = append(items, rssItem{Title: fmt.Sprint("New item ", i, "-", j), GUID: fmt.Sprint("n", j),
					Description: "<p>" + strings.Repeat(fmt.Sprint("Text ", i, " ", j, " that needs room on the disk. "), 60) + "</p>"})
			}
			srv.set(fmt.Sprintf("/full%d.xml", i), route{contentType: rssType, body: rss(fmt.Sprint("Feed ", i), items...)})
		}
		r := e.run("", "refresh")
		want := "herald: the disk is full: nothing more was saved; free some space and try again"
		if r.code == 0 || lastLine(r.stderr) != want {
			t.Errorf("refresh on a full disk: want a last line %q\n%+v", want, r)
		}
		if !strings.HasPrefix(lastLine(r.stdout), "refreshed 20 feeds: ") {
			t.Errorf("no summary line: %q", r.stdout)
		}
		os.Remove(ballast)
		list := e.ok("list")
		for i := range 20 {
			if !strings.Contains(list, fmt.Sprint("Kept ", i, " ")) && !strings.HasSuffix(strings.TrimSpace(list), fmt.Sprint("Kept ", i)) {
				t.Errorf("item Kept %d, saved before the disk filled, is gone:\n%s", i, list)
			}
		}
		if r := e.run("", "refresh"); r.code != 0 {
			t.Errorf("refresh once there is room again: %+v", r)
		}
		if list := e.ok("list"); !strings.Contains(list, "New item 19-29") {
			t.Errorf("the refresh after freeing space did not catch up:\n%s", list)
		}
	})
}

// TestKilledBookmarkSaveKeepsText: herald killed while it fetches a
// bookmark's page leaves the bookmark "saving" with the item's own text,
// which survives the feed's removal; saving it again finishes it.
func TestKilledBookmarkSaveKeepsText(t *testing.T) {
	e := newEnv(t)
	const unique = "The ferry timetable changes on the first Monday of April, the harbour master said."
	var asked atomic.Int32
	hang := make(chan struct{})
	defer close(hang)
	var serveFull atomic.Bool
	srv := newFeedServer(t, nil)
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		if !serveFull.Load() {
			asked.Add(1)
			select {
			case <-hang:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(fullPage("Ferry news", unique)))
	})
	pages := httptest.NewServer(mux)
	defer pages.Close()
	srv.set("/feed.xml", route{contentType: rssType, body: rss("Harbour",
		rssItem{Title: "Ferry news", GUID: "f1", Link: pages.URL + "/article", Description: "<p>A teaser about the ferry timetable.</p>"})})
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), "Ferry news")

	cmd := exec.Command(heraldBin, "--db", e.db, "bookmarks", "add", id)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "XDG_CONFIG_HOME="+filepath.Join(e.dir, "cfg"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, func() bool { return asked.Load() > 0 })
	cmd.Process.Kill()
	cmd.Wait()

	if bms := e.ok("bookmarks"); !strings.Contains(bms, "Ferry news  [saving]") {
		t.Errorf("bookmarks after the kill:\n%s", bms)
	}
	e.ok("remove", srv.URL+"/feed.xml")
	if md := e.ok("show", id, "--plain"); !strings.Contains(md, "teaser about the ferry timetable") {
		t.Errorf("the interrupted bookmark lost the item's text once its feed went:\n%s", md)
	}
	serveFull.Store(true)
	if out := e.ok("bookmarks", "add", id); !strings.Contains(out, "saved "+id+": Ferry news") {
		t.Errorf("saving again: %q", out)
	}
	if md := e.ok("show", id, "--plain"); !strings.Contains(md, unique) {
		t.Errorf("the bookmark saved again lacks the full article:\n%s", md)
	}
}
