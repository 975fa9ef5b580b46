package xtermtest_test

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/sharedtest"
	"github.com/herald-reader/herald/internal/xtermtest"
)

var demoBuild struct {
	once sync.Once
	dir  string
	bin  string
	err  error
	out  []byte
}

// demoBin builds cmd/xtermdemo once per test binary, into a directory
// removed when the tests are done (TestMain).
func demoBin(t *testing.T) string {
	t.Helper()
	b := &demoBuild
	b.once.Do(func() {
		var root string
		if root, b.err = sharedtest.ModuleRoot(); b.err != nil {
			return
		}
		if b.dir, b.err = os.MkdirTemp("", "xtermdemo-"); b.err != nil {
			return
		}
		b.bin = filepath.Join(b.dir, "xtermdemo")
		build := exec.Command("go", "build", "-o", b.bin, "./internal/xtermtest/cmd/xtermdemo")
		build.Dir = root
		b.out, b.err = build.CombinedOutput()
	})
	if b.err != nil {
		t.Fatalf("building xtermdemo: %v\n%s", b.err, b.out)
	}
	return b.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoBuild.dir != "" {
		_ = os.RemoveAll(demoBuild.dir)
	}
	os.Exit(code)
}

// shotDemo photographs one demo screen ("sixel" or "halfblocks"): the demo
// creates the ready file once the terminal has answered a cursor position
// request sent after the screen, and keeps running, as herald's TUI would.
func shotDemo(t *testing.T, screen string, opts xtermtest.Options) image.Image {
	t.Helper()
	xtermtest.Require(t)
	bin := demoBin(t)
	opts.ReadyFile = filepath.Join(t.TempDir(), "ready")
	start := time.Now()
	img := xtermtest.Shot(t, opts, bin, screen, opts.ReadyFile)
	t.Logf("%s shot (%dx%d cells, %s theme, tmux %v): %v", screen, opts.Cols, opts.Rows, opts.Theme, opts.Tmux,
		time.Since(start).Round(time.Millisecond))
	return img
}
