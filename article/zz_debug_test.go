package article

import (
	"os"
	"path/filepath"
	"testing"
)

func TestZZDebug(t *testing.T) {
	fs, _ := filepath.Glob(filepath.Join(pagesDir, os.Getenv("ZZ")+"*.html"))
	data, _ := os.ReadFile(fs[0])
	d, _ := FromPage(string(data), Meta{})
	for _, b := range d.Blocks[:min(8, len(d.Blocks))] {
		t.Logf("%d %q", b.Kind, b.Text)
	}
}
