package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// TestStartDoesNotCompileTheCleanUp: a command that cleans nothing does not
// pay for the clean-up's rules (article/lazy.go). At start, article's
// package initialisation allocated 13.5 MB compiling them.
func TestStartDoesNotCompileTheCleanUp(t *testing.T) {
	cmd := exec.Command(heraldBin, "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("herald --help: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`init github.com/herald-reader/herald/article @[^,]+, [^,]+ clock, (\d+) bytes`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init trace of package article in:\n%s", out)
	}
	if n, _ := strconv.Atoi(string(m[1])); n > 1<<20 {
		t.Fatalf("package article allocates %d bytes at start, want under 1 MiB: its rules compile before an article is cleaned", n)
	}
}
