package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyncSecretsStayOutOfLogsAndTheDatabase needs no server: the one it
// names is not there.
func TestSyncSecretsStayOutOfLogsAndTheDatabase(t *testing.T) {
	e := newEnv(t)
	const secret = "SECRET-d41d8cd98f00b204"
	dir := filepath.Join(e.dir, "xdg-config", "herald")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := "[sync]\nprovider = \"miniflux\"\nurl = \"http://127.0.0.1:9\"\napi_key = \"" + secret + "\"\ntimeout = \"2s\"\n"
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	r := e.run("", "--debug", "sync")
	if r.code == 0 || !strings.Contains(r.stderr, "holds a sync password or API key and others can read it") {
		t.Fatalf("sync with a readable plain key: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "sync: list subscriptions:") || !strings.Contains(r.stderr, "http://127.0.0.1:9") {
		t.Errorf("the error does not say what failed and where:\n%s", r.stderr)
	}
	e.ok("feeds")
	// Nowhere herald writes: its output, its debug log, its database.
	files := []string{filepath.Join(e.dir, "xdg-state", "herald", "debug.log")}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		files = append(files, e.db+suffix)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s holds the API key", f)
		}
	}
	if strings.Contains(r.stdout+r.stderr, secret) {
		t.Error("the API key was printed")
	}
	if b, _ := os.ReadFile(files[0]); len(b) == 0 {
		t.Error("no debug log was written: the check above proves nothing")
	}

	// Kept to its owner, the file gets no warning.
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := e.run("", "sync"); strings.Contains(r.stderr, "others can read it") {
		t.Errorf("warning for a file only its owner reads:\n%s", r.stderr)
	}
}

func TestSyncWithoutAServerOrWithABadOne(t *testing.T) {
	e := newEnv(t)
	r := e.run("", "sync")
	if r.code == 0 || !strings.Contains(r.stderr, "no sync server is configured") {
		t.Fatalf("sync with no [sync]: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(e.dir, "xdg-config", "herald")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := "[sync]\nprovider = \"minflux\"\nurl = \"file:///etc\"\n"
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	r = e.run("", "sync")
	if r.code == 0 || !strings.Contains(r.stderr, `provider "minflux"`) {
		t.Fatalf("sync with a misspelt provider: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	e.ok("feeds") // herald still works alone
}
