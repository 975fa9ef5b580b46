package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/testfs"
)

// TestNewDatabaseIsPrivate: the database and its -wal and -shm files are
// created 0600 even under umask 0.
func TestNewDatabaseIsPrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "new", "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addFeed(t, s, "https://a.test/feed") // a write, so the WAL exists
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := st.Mode().Perm(); m != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
		}
	}
	if st, _ := os.Stat(filepath.Dir(path)); st.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %o, want 700", st.Mode().Perm())
	}
	// One an older herald left readable by all is made private on open.
	s.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Chmod(p, 0o644)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm() != 0o600 {
			t.Errorf("reopened %s: mode %o, want 600", filepath.Base(p), st.Mode().Perm())
		}
	}
}

// TestDiskFull: on a full file system a write fails with ErrFull, saying
// "the disk is full", and everything committed before is still there.
func TestDiskFull(t *testing.T) {
	dir := testfs.Tmpfs(t, 3<<20)
	s, err := Open(filepath.Join(dir, "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	f := addFeed(t, s, "https://a.test/feed")
	body := strings.Repeat("Words that fill the disk one page after another. ", 400)
	saved := 0
	var failure error
	for i := 0; i < 1000 && failure == nil; i++ {
		_, failure = s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, At: time.Now(),
			Items: []NewItem{{GUID: fmt.Sprint("g", i), Title: fmt.Sprint("item ", i), Content: body}}})
		if failure == nil {
			saved++
		}
	}
	if !errors.Is(failure, ErrFull) || !strings.Contains(failure.Error(), "the disk is full") {
		t.Fatalf("after %d items: error %v, want ErrFull", saved, failure)
	}
	items, err := s.Items(ctx, ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != saved {
		t.Errorf("%d items saved before the disk filled, %d still there", saved, len(items))
	}
	if err := s.Integrity(ctx); err != nil {
		t.Error(err)
	}
}

// TestReadOnlyDatabase: on a read-only file system a new database fails to
// open with ErrReadOnly, and an existing one either fails to open with
// ErrReadOnly (SQLite cannot create its -shm file there) or, where it
// opens, reads and refuses writes with ErrReadOnly.
func TestReadOnlyDatabase(t *testing.T) {
	dir := testfs.Tmpfs(t, 8<<20)
	path := filepath.Join(dir, "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addFeed(t, s, "https://a.test/feed")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	testfs.ReadOnly(t, dir)
	if _, err := Open(filepath.Join(dir, "other.db")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a new database on a read-only file system: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		if !errors.Is(err, ErrReadOnly) {
			t.Fatalf("open on a read-only file system: %v", err)
		}
		return
	}
	defer s.Close()
	feeds, err := s.Feeds(context.Background())
	if err != nil || len(feeds) != 1 {
		t.Errorf("reading a read-only database: %v %v", feeds, err)
	}
	if _, err := s.AddFeed(context.Background(), "https://b.test/feed", "", nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write on a read-only file system: %v", err)
	}
}
