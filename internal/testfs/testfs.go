// Package testfs gives tests a small file system of their own (a tmpfs),
// to fill up or make read-only, where the platform allows mounting one.
package testfs

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/herald-reader/herald/internal/sharedtest"
)

// Tmpfs mounts a tmpfs of size bytes at a new temporary directory and
// unmounts it when the test ends. Mounting needs root; elsewhere the test is
// skipped, and under CI=true (where CI runs as root) a failure to mount fails it.
func Tmpfs(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	var out []byte
	err := fmt.Errorf("mounting a tmpfs needs root")
	if os.Geteuid() == 0 {
		out, err = exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput()
	}
	if err != nil {
		sharedtest.Missing(t, "a tmpfs mount (CI runs as root)", fmt.Errorf("%v %s", err, out))
	}
	t.Cleanup(func() {
		// Lazy: a file a test left open must not fail the cleanup.
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// ReadOnly remounts the tmpfs at dir read-only.
func ReadOnly(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s read-only: %v: %s", dir, err, out)
	}
}
