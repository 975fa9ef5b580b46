package feed

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestFileURLsRegularOnly: a FIFO, a directory, a socket, a device or
// /dev/stdin is refused at once instead of blocking a refresh (or serving a
// directory listing); a symlink to a regular file still works.
func TestFileURLsRegularOnly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "feed.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	sock := filepath.Join(dir, "feed.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	regular := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(regular, []byte(smallFeed), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xml")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	pipeR, pipeW, err := os.Pipe() // stands in for a /dev/stdin that never ends
	if err != nil {
		t.Fatal(err)
	}
	defer pipeR.Close()
	defer pipeW.Close()
	c := testClient(Options{})
	for path, want := range map[string]string{
		fifo:        "is a named pipe, not a regular file",
		dir:         "is a directory, not a regular file",
		sock:        "is a socket, not a regular file",
		"/dev/null": "is a device, not a regular file",
		"/dev/fd/" + strconv.Itoa(int(pipeR.Fd())):       "not a regular file",
		filepath.Join(dir, "missing.xml"):                "no such file or directory",
		"/proc/self/fd/" + strconv.Itoa(int(pipeR.Fd())): "not a regular file",
	} {
		// Without the check, the FIFO and the pipe would block forever.
		res := c.Fetch(context.Background(), Request{URL: "file://" + path})
		if res.Err == nil || !strings.Contains(res.Err.Error(), want) {
			t.Errorf("%s: error %v, want %q", path, res.Err, want)
		}
		if _, err := c.FetchPage(context.Background(), "file://"+path); err == nil {
			t.Errorf("%s: FetchPage read it", path)
		}
	}
	if res := c.Fetch(context.Background(), Request{URL: "file://" + link}); res.Err != nil || res.Feed.Title != "Small" {
		t.Errorf("symlink to a regular file: %+v", res)
	}
	if res := c.Fetch(context.Background(), Request{URL: "file://other.host" + regular}); res.Err == nil {
		t.Errorf("a file URL naming another host was read")
	}
}

// TestFileReadObeysContext: a read that never returns (a FIFO swapped in
// after the checks stands for it here) ends when the context does.
func TestFileReadObeysContext(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := readFile(ctx, r, 1<<20)
		done <- err
	}()
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("readFile after cancel: %v", err)
	}
}
