package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestOpenTwiceMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "herald.db")
	for i := 0; i < 3; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var v int
		if err := s.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != schemaVersion {
			t.Errorf("user_version = %d, want %d", v, schemaVersion)
		}
		var mode string
		if err := s.r.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" {
			t.Errorf("journal_mode = %q", mode)
		}
		if i == 0 {
			addFeed(t, s, "https://example.com/feed")
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", st.Mode().Perm())
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fs, err := s.Feeds(context.Background())
	if err != nil || len(fs) != 1 {
		t.Fatalf("feeds after reopen: %v, %v", fs, err)
	}
}

func TestOpenNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("want newer-schema error, got %v", err)
	}
}

func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "we?ird #dir %41", "herald.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addFeed(t, s, "https://example.com/")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the literal path: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name, xdg, home, want string
	}{
		{"xdg", "/data", "/home/u", "/data/herald/herald.db"},
		{"no xdg", "", "/home/u", "/home/u/.local/share/herald/herald.db"},
		{"relative xdg ignored", "rel/dir", "/home/u", "/home/u/.local/share/herald/herald.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			got, err := DefaultPath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConcurrentStores(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	var stores []*Store
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for w, s := range stores {
		wg.Add(1)
		go func(w int, s *Store) {
			defer wg.Done()
			f, err := s.AddFeed(ctx, fmt.Sprintf("https://w%d/", w), "", nil)
			if err != nil {
				errs <- err
				return
			}
			for round := 0; round < 20; round++ {
				var items []NewItem
				for i := 0; i < 30; i++ {
					items = append(items, NewItem{GUID: fmt.Sprint(round, "-", i), Title: "t", Content: strings.Repeat("word ", 200)})
				}
				if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items}); err != nil {
					errs <- err
				}
				if _, err := s.Items(ctx, ItemQuery{Limit: 50}); err != nil {
					errs <- err
				}
				if err := s.SetRead(ctx, true, int64(round+1)); err != nil {
					errs <- err
				}
			}
		}(w, s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, ErrBusy) {
			t.Errorf("unexpected error: %v", err)
		} else if strings.Contains(err.Error(), "SQLITE") {
			t.Errorf("busy error is not plain: %v", err)
		}
	}
	checkCounts(t, stores[0])
	if err := stores[0].Integrity(ctx); err != nil {
		t.Fatal(err)
	}
	fs, err := stores[1].Feeds(ctx)
	if err != nil || len(fs) != 2 {
		t.Fatalf("feeds: %v %v", fs, err)
	}
}

func TestBusyMapped(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// Hold the write lock in a; b's write must give up with ErrBusy.
	tx, err := a.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO feeds(url) VALUES ('https://held/')`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.w.Exec("PRAGMA busy_timeout = 50"); err != nil {
		t.Fatal(err)
	}
	_, err = b.AddFeed(ctx, "https://other/", "", nil)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("want ErrBusy, got %v", err)
	}
	if !strings.Contains(err.Error(), "another herald is writing; try again") || strings.Contains(err.Error(), "SQLITE") {
		t.Errorf("busy message not plain: %q", err)
	}
	// Transactions (BEGIN IMMEDIATE) give up the same way.
	if _, err := b.SaveFetch(ctx, FetchOutcome{FeedID: 1, Items: []NewItem{{GUID: "x"}}}); !errors.Is(err, ErrBusy) {
		t.Fatalf("SaveFetch: want ErrBusy, got %v", err)
	}
	if err := b.SaveBookmark(ctx, Bookmark{ItemID: 1}); !errors.Is(err, ErrBusy) {
		t.Fatalf("SaveBookmark: want ErrBusy, got %v", err)
	}
	// Readers are not blocked by the writer.
	if _, err := b.Feeds(ctx); err != nil {
		t.Fatalf("read while another writes: %v", err)
	}
}

func TestConcurrentOpenOfNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "herald.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := Open(path)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			_, errs[i] = s.AddFeed(context.Background(), fmt.Sprintf("https://%d/", i), "", nil)
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// FuzzSearch checks that no query string makes Search fail.

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not sqlite\n", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("opened a file that is not a database")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error does not name the file: %v", err)
	}
	if _, err := Open(""); err == nil {
		t.Error("empty path accepted")
	}
}

func TestOpenAndReadWhileAnotherWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.AddFeed(ctx, "https://one.example/feed", "One", nil); err != nil {
		t.Fatal(err)
	}
	tx, err := a.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// The writer holds the lock for the whole test: had Open or the read
	// needed it, they would have failed with ErrBusy after the busy timeout.
	b, err := Open(path)
	if err != nil {
		t.Fatalf("open while another writes: %v", err)
	}
	defer b.Close()
	feeds, err := b.Feeds(ctx)
	if err != nil || len(feeds) != 1 {
		t.Fatalf("Feeds = %d, %v; want the one feed", len(feeds), err)
	}
}

func TestNewDatabasePageSize(t *testing.T) {
	s := openTest(t)
	var size int
	var mode string
	if err := s.r.QueryRow("PRAGMA page_size").Scan(&size); err != nil || size != 8192 {
		t.Errorf("page_size = %d, %v; want 8192", size, err)
	}
	if err := s.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestClosedMapped(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.AddFeed(context.Background(), "https://late.example/", "", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: err = %v, want ErrClosed", err)
	}
	if _, err := s.BeginBatch(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("BeginBatch after Close: err = %v, want ErrClosed", err)
	}
}

// TestSetWriteCache: the writer's page cache follows the size asked for,
// never below minWriteCache, and the refresh's writes see it.
func TestSetWriteCache(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, tc := range []struct{ kib, want int }{{20000, -20000}, {2000, -2000}, {100, -minWriteCache}, {0, -minWriteCache}} {
		if err := s.SetWriteCache(ctx, tc.kib); err != nil {
			t.Fatal(err)
		}
		var got int
		if err := s.w.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("SetWriteCache(%d): cache_size = %d, want %d", tc.kib, got, tc.want)
		}
		if kib, err := s.WriteCache(ctx); err != nil || kib != -tc.want {
			t.Errorf("SetWriteCache(%d): WriteCache = %d, %v; want %d", tc.kib, kib, err, -tc.want)
		}
	}
}
