package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Open opens the database at path, creating it and its parent directory
// (mode 0700) when missing, and brings its schema up to date.
//
// The database runs in WAL mode with a busy timeout, so a second herald
// process on the same file works alongside this one; when it cannot get the
// write lock in time, writes fail with ErrBusy. Writes go through a single
// connection; reads use a small pool and never wait for a writer.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, openErr(abs, fsErr(err))
	}
	if err := createPrivate(abs); err != nil {
		return nil, openErr(abs, err)
	}
	// A file: URI with the path escaped, so '?', '#' or '%' in a directory
	// name are part of the path and not taken as parameters.
	base := (&url.URL{Scheme: "file", Path: abs}).String()
	// Pragmas are per connection, so they go in the DSN: every pooled
	// connection gets them.
	common := "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"
	w, err := sql.Open("sqlite", base+"?"+common+"&"+strings.Join([]string{
		// 8 KiB pages for a new database (a no-op on an existing one): a
		// refresh writes half the WAL frames and syscalls of 4 KiB pages,
		// and peak RSS was lower. modernc runs the _pragma list sorted by
		// name and then the shorthand keys, so WAL mode goes in
		// _journal_mode: page_size must come first.
		"_pragma=page_size(8192)",
		"_journal_mode=WAL",
		"_pragma=synchronous(NORMAL)", // WAL: durable against crashes of herald, fsync at checkpoints
		// 2 MB of page cache: a cold refresh of 1000 feeds peaks 18 MB
		// lower with 4 MB than with 16 MB at the same CPU time, and 4 MB
		// lower again with 2 MB for about 2% more CPU (issue 15; a refresh
		// writes each page once, so a bigger cache holds pages that are
		// not read again). 1 MB costs 8% more CPU.
		"_pragma=cache_size(-2000)",
		"_pragma=journal_size_limit(67108864)",
		// No checkpoint inside the writer's commits: the checkpointer
		// goroutine copies the WAL on its own connection (see checkpoint.go).
		"_pragma=wal_autocheckpoint(0)",
		"_txlock=immediate",
	}, "&"))
	if err != nil {
		return nil, openErr(abs, err)
	}
	// One writer connection: writes are serialised here instead of failing
	// with SQLITE_BUSY against each other; BEGIN IMMEDIATE (_txlock) takes
	// the write lock up front so the busy timeout applies to it.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)

	s := &Store{path: abs, w: w}
	if err := s.migrate(context.Background()); err != nil {
		w.Close()
		return nil, openErr(abs, cantOpen(abs, err))
	}

	r, err := sql.Open("sqlite", base+"?"+common+"&_pragma=query_only(1)&"+readerCache)
	if err != nil {
		w.Close()
		return nil, openErr(abs, err)
	}
	r.SetMaxOpenConns(4)
	// One idle reader: a second or third connection, opened when reads
	// run at once (the reader's list window beside its counts), is closed
	// after use with its page cache and its copy of the schema (about
	// 0.5 MB each, issue 15); opening one again costs about a millisecond.
	r.SetMaxIdleConns(1)
	if err := r.Ping(); err != nil {
		w.Close()
		r.Close()
		return nil, openErr(abs, mapErr(err))
	}
	s.r = r
	ck, err := startCheckpointer(abs, base+"?"+common)
	if err != nil {
		w.Close()
		r.Close()
		return nil, openErr(abs, err)
	}
	s.ckpt = ck
	return s, nil
}

// SetWriteCache sets the writer connection's page cache to kib KiB, at
// least minWriteCache (it opens with 2 MB). A refresh of thousands of feeds
// inserts into indexes on hashes, at random places in b-trees that outgrow
// 2 MB: each insert then reads its page back from the OS first (issue 15's
// scale runs). A refresh of a few hundred feeds needs less: its indexes fit
// in 1 MB.
func (s *Store) SetWriteCache(ctx context.Context, kib int) error {
	kib = max(kib, minWriteCache)
	// PRAGMA takes no parameters; kib is an integer of ours.
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", kib)); err != nil {
		return fmt.Errorf("store: write cache: %w", mapErr(err))
	}
	return nil
}

// WriteCache returns the writer connection's page cache, in KiB: Open and
// SetWriteCache set it in KiB only, which SQLite reports negated.
func (s *Store) WriteCache(ctx context.Context) (int, error) {
	var n int
	if err := s.w.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: write cache: %w", mapErr(err))
	}
	return -n, nil
}

// minWriteCache is the smallest write cache SetWriteCache sets, in KiB. At
// 200 and 500 feeds a refresh's peak RSS was 1.1 MB lower with 1 MB than
// with 2 MB, at the same CPU time (issue 15, five and four pairs of runs).
const minWriteCache = 1000

// readerCache is the page cache of each reader connection: 256 KiB instead
// of SQLite's 2 MB, for up to four connections. Reads are index scans and
// windows of a few hundred rows whose pages come from the OS's file cache
// (the index of a 100k-item list does not fit 2 MB either); in the reader
// (bench/tuimem.sh, issue 15) the bigger caches held several MB of RSS.
// A cached 8 KiB page costs about 12 KiB of RSS: SQLite asks for the page
// and its header at once, and modernc's allocator rounds that up to a
// 16 KiB slot, and keeps what is freed. 512 KiB with one idle connection
// (below) lowered the reader's peak from 48.5–52.8 MB to 45.2–49.7 MB
// against 1 MiB with two; 256 KiB lowered it again by 1.3–2.3 MB (three
// interleaved runs each), and BenchmarkOpenAllUnread stayed at 27–30 ms
// with either.
const readerCache = "_pragma=cache_size(-256)"

// OpenError is a failure to open the database at Path.
type OpenError struct {
	Path string
	Err  error
}

func (e *OpenError) Error() string { return "open database " + e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause, so errors.Is finds ErrReadOnly, ErrFull, ….
func (e *OpenError) Unwrap() error { return e.Err }

func openErr(path string, err error) error { return &OpenError{Path: path, Err: err} }

// createPrivate creates the database file empty with mode 0600 when it does
// not exist, whatever the umask: SQLite would create it 0644, and it gives
// its -wal and -shm files the mode of the database file. A database an
// older herald left readable by others is made private too.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o077 != 0 {
				_ = os.Chmod(p, st.Mode().Perm()&0o700) // best effort: not ours, or read-only
			}
		}
		return nil
	}
	if err != nil {
		return fsErr(err)
	}
	return errors.Join(f.Chmod(0o600), f.Close())
}

// cantOpen explains SQLITE_CANTOPEN on an existing database: in WAL mode
// SQLite must create the -shm file beside it, which fails when the
// directory cannot be written (a read-only file system).
func cantOpen(path string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_CANTOPEN {
		return err
	}
	probe, perr := os.CreateTemp(filepath.Dir(path), ".herald-probe-*")
	if perr != nil {
		if e := fsErr(perr); e == ErrReadOnly || e == ErrFull {
			return e
		}
		return err
	}
	probe.Close()
	os.Remove(probe.Name())
	return err
}

// fsErr maps a file system error to ErrFull or ErrReadOnly where it is one.
func fsErr(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return ErrFull
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return ErrReadOnly
	}
	return err
}

// DefaultPath returns where herald keeps its database:
// $XDG_DATA_HOME/herald/herald.db, else ~/.local/share/herald/herald.db.
// A relative $XDG_DATA_HOME is ignored, as the XDG spec asks.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "herald", "herald.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("database path: %w", err)
	}
	return filepath.Join(home, ".local", "share", "herald", "herald.db"), nil
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database. (No PRAGMA optimize: it could wait on another
// herald's write lock, and the queries here need no statistics to pick
// their indexes.)
func (s *Store) Close() error {
	errC := s.ckpt.stop()
	s.stmtsMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmtsMu.Unlock()
	errR := s.r.Close()
	errW := s.w.Close()
	if err := errors.Join(errW, errR, errC); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Integrity runs PRAGMA integrity_check and returns an error describing the
// damage, if any.
func (s *Store) Integrity(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return wrap("integrity check", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return wrap("integrity check", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return wrap("integrity check", err)
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return fmt.Errorf("integrity check: %s", strings.Join(msgs, "; "))
}

// schemaVersion is the version this code writes.
var schemaVersion = len(migrations) - 1

// vacuumSQL is the statement migrate compacts the file with; a variable so
// a test can make it fail.
var vacuumSQL = "VACUUM"

// migrate applies missing migrations in one immediate transaction, so two
// processes opening a new database at once do not both run them.
func (s *Store) migrate(ctx context.Context) error {
	// Read the version without a transaction first: the usual case needs no
	// migration, and BEGIN IMMEDIATE would wait for (and, past the busy
	// timeout, fail against) another herald that is writing, even for a
	// read-only command.
	// If that read fails (a brand-new file being set up by another
	// connection answers SQLITE_BUSY without waiting), the transaction
	// below waits for its turn and reads again.
	var cur int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err == nil && cur == schemaVersion {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("migrate", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return wrap("migrate: read version", err)
	}
	if v > schemaVersion {
		return fmt.Errorf("migrate: database schema version %d is newer than this herald (%d)", v, schemaVersion)
	}
	if v == schemaVersion {
		return nil
	}
	for n := v + 1; n <= schemaVersion; n++ {
		for _, stmt := range migrations[n] {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return wrap(fmt.Sprintf("migrate to version %d", n), err)
			}
		}
	}
	// PRAGMA does not take parameters; schemaVersion is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return wrap("migrate: write version", err)
	}
	if err := tx.Commit(); err != nil {
		return wrap("migrate: commit", err)
	}
	if v > 0 && v < 3 {
		// Migration 3 rebuilt the items table: give the old table's pages
		// back, or the file stays twice its size. Once, at the upgrade.
		// The checkpoint first copies the rebuild out of the WAL and empties
		// it, so the WAL then holds VACUUM's copy of the database alone.
		// Errors of both are ignored: the migration is committed (the next
		// Open would succeed, so this one must too), and a failed VACUUM, for
		// want of disk space say, only leaves the file larger until a later
		// VACUUM; meanwhile SQLite reuses the free pages for new items.
		_, _ = s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		_, _ = s.w.ExecContext(ctx, vacuumSQL)
	}
	return nil
}

// mapErr turns driver errors into the package's sentinels where callers
// branch on them: not found, already exists, busy, closed.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	// database/sql has no exported error for a closed *DB, only this text.
	if strings.Contains(err.Error(), "sql: database is closed") {
		return ErrClosed
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code()
		switch code & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrBusy
		case sqlite3.SQLITE_FULL:
			return ErrFull
		case sqlite3.SQLITE_IOERR:
			// The shared-memory file cannot grow: no room left on its
			// file system (a write in full answers SQLITE_FULL instead).
			if code == sqlite3.SQLITE_IOERR_SHMSIZE {
				return ErrFull
			}
		case sqlite3.SQLITE_READONLY:
			return ErrReadOnly
		case sqlite3.SQLITE_CONSTRAINT:
			if code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
				return ErrExists
			}
		}
	}
	return err
}

// wrap maps err (see mapErr) and prefixes it with what was being done.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, mapErr(err))
}

// Times are stored as Unix nanoseconds; NULL is the zero time.
var (
	minTime = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)
)

// dbTime encodes t for the database: nil for the zero time (and for the
// Unix epoch, which feeds use to mean "no date"); dates outside what Unix
// nanoseconds can hold are clamped.
func dbTime(t time.Time) any {
	if t.IsZero() || t.Unix() == 0 {
		return nil
	}
	if t.Before(minTime) {
		t = minTime
	} else if t.After(maxTime) {
		t = maxTime
	}
	return t.UnixNano()
}

// goTime decodes a stored time; times come back in the local time zone.
func goTime(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64)
}
