package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/feed"
)

// Limits of the image cache.
const (
	// MaxImageBytes caps one image's body, as feed.DefaultMaxBytes caps a
	// feed's (counted after decompression).
	MaxImageBytes = 8 << 20
	// DefaultCacheBytes is the cache's size cap when Open is given none.
	DefaultCacheBytes = 256 << 20
)

// ErrNotImage is the error of Get for a response that is not a png, jpeg,
// gif or webp image, whatever its Content-Type says.
var ErrNotImage = errors.New("images: not a png, jpeg, gif or webp image")

// tmpPrefix names files being written; they are never served or counted.
const tmpPrefix = ".tmp-"

// Cache fetches images over http(s) and keeps them on disk, one file per
// URL, under a size cap. It is safe for concurrent use, also by several
// processes sharing the directory: files appear whole (rename) and carry
// a checksum, so a damaged one is dropped and fetched again.
type Cache struct {
	dir    string
	max    int64
	client *feed.Client

	mu       sync.Mutex // guards inflight and serialises eviction
	inflight map[string]*fetchCall
}

// fetchCall is one fetch in progress, shared by concurrent Gets of a URL.
type fetchCall struct {
	done chan struct{}
	data []byte
	err  error
}

// Option configures a Cache.
type Option func(*Cache)

// WithClient makes the cache fetch with c (the process's shared client,
// an offline one, or one with a short timeout in tests). The default is a
// feed.Client with feed's limits and MaxImageBytes: every fetch takes the
// feed client's timeouts, redirect policy (http(s) only, at most
// feed.DefaultMaxRedirects) and User-Agent.
func WithClient(c *feed.Client) Option { return func(k *Cache) { k.client = c } }

// DefaultDir returns $XDG_CACHE_HOME/herald/images, or
// ~/.cache/herald/images when XDG_CACHE_HOME is unset or relative.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "herald", "images"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("images: cache directory: %w", err)
	}
	return filepath.Join(home, ".cache", "herald", "images"), nil
}

// Open opens (creating it) the cache in dir, holding at most maxBytes
// (zero or less: DefaultCacheBytes).
func Open(dir string, maxBytes int64, opts ...Option) (*Cache, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheBytes
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("images: open cache: %w", err)
	}
	c := &Cache{dir: dir, max: maxBytes, inflight: map[string]*fetchCall{}}
	for _, o := range opts {
		o(c)
	}
	if c.client == nil {
		c.client = feed.NewClient(feed.Options{MaxBytes: MaxImageBytes})
	}
	return c, nil
}

// Get returns the image at rawURL: from disk when cached (and marked as
// recently used), else fetched, checked and stored. Only absolute http
// and https URLs are fetched; the body must be at most MaxImageBytes, be
// served as image/* (or an untyped octet stream), and be a png, jpeg, gif
// or webp whose header passes Decode's size limits.
func (c *Cache) Get(ctx context.Context, rawURL string) ([]byte, error) {
	if !feed.IsWebURL(rawURL) {
		return nil, fmt.Errorf("images: %w: %q", feed.ErrNotWeb, rawURL)
	}
	path := c.path(rawURL)
	if data, ok := c.read(path); ok {
		return data, nil
	}
	c.mu.Lock()
	call, busy := c.inflight[rawURL]
	if !busy {
		call = &fetchCall{done: make(chan struct{})}
		c.inflight[rawURL] = call
	}
	c.mu.Unlock()
	if busy {
		select {
		case <-call.done:
			return call.data, call.err
		case <-ctx.Done():
			return nil, fmt.Errorf("images: %w", ctx.Err())
		}
	}
	// A fetch of the same URL may have ended between the look on disk
	// above and the lock: its file is there, and fetching again would
	// ask the server twice.
	if data, ok := c.read(path); ok {
		call.data = data
	} else {
		call.data, call.err = c.fetch(ctx, rawURL, path)
	}
	c.mu.Lock()
	delete(c.inflight, rawURL)
	c.mu.Unlock()
	close(call.done)
	return call.data, call.err
}

// path is the file of rawURL: the hex SHA-256 of the URL.
func (c *Cache) path(rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	return filepath.Join(c.dir, hex.EncodeToString(sum[:]))
}

// read returns a cached image whose checksum holds, touching it for the
// LRU order; a damaged file is removed.
func (c *Cache) read(path string) ([]byte, bool) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	data, ok := unseal(raw)
	if !ok {
		_ = os.Remove(path) // damaged: fetch it again
		return nil, false
	}
	now := time.Now()
	_ = os.Chtimes(path, now, now) // recently used; a failure only ages it
	return data, true
}

// fetch gets rawURL, checks it is an image and stores it.
func (c *Cache) fetch(ctx context.Context, rawURL, path string) ([]byte, error) {
	page, err := c.client.FetchLinkedPage(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	if len(page.Body) > MaxImageBytes {
		return nil, fmt.Errorf("images: image larger than %d MiB (fetching %s)", MaxImageBytes>>20, rawURL)
	}
	if err := checkImage(page.ContentType, page.Body); err != nil {
		return nil, fmt.Errorf("%w (fetching %s)", err, rawURL)
	}
	if err := c.write(path, page.Body); err != nil {
		return nil, err
	}
	c.evict()
	return page.Body, nil
}

// checkImage accepts a body served as image/* or an untyped octet stream
// that sniffs as one of the four formats with an acceptable header.
func checkImage(contentType string, body []byte) error {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case contentType == "", strings.HasPrefix(mt, "image/"),
		mt == "application/octet-stream", mt == "binary/octet-stream":
	default:
		return fmt.Errorf("%w: served as %q", ErrNotImage, mt)
	}
	f, ok := sniff(body)
	if !ok {
		return ErrNotImage
	}
	_, err := checkConfig(f, body)
	return err
}

// write stores data atomically: a temporary file in the same directory,
// renamed over path once whole.
func (c *Cache) write(path string, data []byte) error {
	tmp, err := os.CreateTemp(c.dir, tmpPrefix+"*")
	if err != nil {
		return fmt.Errorf("images: cache write: %w", err)
	}
	_, err = tmp.Write(seal(data))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("images: cache write: %w", err)
	}
	return nil
}

// evict removes the least recently used files (oldest modification time
// first) until the cache holds at most its cap, and temporary files an
// hour old (left by a crash).
func (c *Cache) evict() {
	c.mu.Lock()
	defer c.mu.Unlock()
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(c.dir, e.Name())
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			if time.Since(info.ModTime()) > time.Hour {
				_ = os.Remove(p)
			}
			continue
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
	}
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	for _, f := range files {
		if total <= c.max {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
}

// seal appends the SHA-256 of data, so a damaged file is recognised.
func seal(data []byte) []byte {
	sum := sha256.Sum256(data)
	return append(slices.Clip(data), sum[:]...)
}

// unseal checks and strips seal's checksum.
func unseal(raw []byte) ([]byte, bool) {
	if len(raw) < sha256.Size {
		return nil, false
	}
	data, sum := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	want := sha256.Sum256(data)
	return data, bytes.Equal(sum, want[:])
}
