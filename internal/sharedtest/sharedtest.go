// Package sharedtest finds, for tests, the material kept beside the
// repository in ../shared (the seed article, real feeds, extraction pages).
// A fresh clone has none of it: tests that need it skip with a message,
// except under CI=true, where its absence is a failure.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the absolute path of rel inside ../shared (or $HERALD_SHARED),
// skipping the test when it is not there, or failing it under CI=true.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := Dir()
	if err == nil {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	Missing(tb, "../shared/"+rel+" beside the repository", err)
	return ""
}

// Missing ends a test that cannot run for want of what (err says why): it
// skips with a message, except under CI=true, where everything a test needs
// must be there, so it fails.
func Missing(tb testing.TB, what string, err error) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("needs %s, and CI must have it: %v", what, err)
	}
	tb.Skipf("skipped: needs %s (%v)", what, err)
}

// ModuleRoot returns the directory holding go.mod, found by walking up
// from the working directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Dir returns the shared directory: $HERALD_SHARED when set, else "shared"
// beside the module root (the directory holding go.mod).
func Dir() (string, error) {
	if d := os.Getenv("HERALD_SHARED"); d != "" {
		return filepath.Abs(d)
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(root), "shared"), nil
}
