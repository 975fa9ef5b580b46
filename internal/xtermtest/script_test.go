package xtermtest_test

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/herald-reader/herald/internal/xtermtest"
)

// runScript runs xterm-shot.sh run with args and returns its log and error.
func runScript(t *testing.T, args ...string) (string, error) {
	t.Helper()
	xtermtest.Require(t)
	script, err := xtermtest.Script()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", append([]string{script, "run"}, args...)...).CombinedOutput()
	return string(out), err
}

// A command that fails fails the run, and its screen, which says why, is
// still written.
func TestScriptFailingCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "shot.png")
	log, err := runScript(t, "--cols", "40", "--rows", "5", "--theme", "dark", "--out", out,
		"--", "sh", "-c", "echo something went wrong; exit 3")
	if err == nil || !strings.Contains(log, "COMMAND exited with status 3") {
		t.Fatalf("run of a command exiting 3: err %v, want a failure naming the status; log:\n%s", err, log)
	}
	img := loadPNG(t, out)
	if f := xtermtest.NonBackgroundFraction(img, xtermtest.CellsRect(img, 40, 5, 0, 0, 20, 1)); f == 0 {
		t.Errorf("the shot of the failing command shows no text on its first row")
	}
}

// A ready file that never comes ends the run at --timeout, with what the
// screen showed then beside the wanted PNG.
func TestScriptReadyFileTimeout(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "shot.png")
	log, err := runScript(t, "--cols", "40", "--rows", "5", "--theme", "light", "--timeout", "1",
		"--ready-file", filepath.Join(dir, "never"), "--out", out,
		"--", "sh", "-c", "echo still working; exec sleep 60")
	if err == nil || !strings.Contains(log, "timed out waiting for the ready file") {
		t.Fatalf("run whose ready file never comes: err %v, want a time-out; log:\n%s", err, log)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written although the screen was never ready", out)
	}
	img := loadPNG(t, out+".fail.png")
	if f := xtermtest.NonBackgroundFraction(img, xtermtest.CellsRect(img, 40, 5, 0, 0, 13, 1)); f == 0 {
		t.Errorf("the failure's shot does not show the command's text")
	}
}

func loadPNG(t *testing.T, path string) image.Image {
	t.Helper()
	img, err := xtermtest.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
