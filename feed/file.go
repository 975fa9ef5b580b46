package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// fileTransport serves file:// URLs from the local disk, for the feeds and
// pages a user names on the command line. Only regular files are read: a
// FIFO, a device, a socket or a directory is refused before anything could
// block on it, and the read itself gives up when the request's context ends.
// If-Modified-Since is answered with 304, as a web server would.
type fileTransport struct {
	maxBytes int64
}

// RoundTrip implements http.RoundTripper for file:// requests.
func (t fileTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if h := req.URL.Host; h != "" && !strings.EqualFold(h, "localhost") {
		return nil, fmt.Errorf("file URL names another host (%s)", h)
	}
	name := filepath.FromSlash(req.URL.Path)
	if name == "" || !filepath.IsAbs(name) {
		return nil, errors.New("file URL without an absolute path")
	}
	// Stat first, so that opening a device (which may act on open) is never
	// tried; the check is repeated on the opened file, which cannot change.
	st, err := os.Stat(name)
	if err != nil {
		return nil, fileError(err)
	}
	if err := regularFile(st); err != nil {
		return nil, err
	}
	f, err := openNoBlock(name)
	if err != nil {
		return nil, fileError(err)
	}
	if st, err = f.Stat(); err == nil {
		err = regularFile(st)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	resp := &http.Response{
		Proto: "HTTP/1.0", ProtoMajor: 1,
		Header:  http.Header{},
		Request: req,
	}
	mod := st.ModTime().UTC().Truncate(time.Second)
	resp.Header.Set("Last-Modified", mod.Format(http.TimeFormat))
	if ims, err := http.ParseTime(req.Header.Get("If-Modified-Since")); err == nil && !mod.After(ims) {
		f.Close()
		resp.StatusCode, resp.Status = http.StatusNotModified, "304 Not Modified"
		resp.Body = http.NoBody
		return resp, nil
	}
	body, err := readFile(req.Context(), f, t.maxBytes)
	if err != nil {
		return nil, err
	}
	ct := mime.TypeByExtension(filepath.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	resp.Header.Set("Content-Type", ct)
	resp.StatusCode, resp.Status = http.StatusOK, "200 OK"
	resp.ContentLength = int64(len(body))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// regularFile refuses everything but a regular file, saying what it is.
func regularFile(st fs.FileInfo) error {
	m := st.Mode()
	var what string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return fmt.Errorf("%s is %s, not a regular file", st.Name(), what)
}

// readFile reads f (closing it) up to max+1 bytes, so that the caller sees
// an oversized file, and returns early with the context's error when ctx
// ends first; a read that never returns is then left to finish alone.
func readFile(ctx context.Context, f *os.File, max int64) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, max+1))
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fileError(r.err)
		}
		return r.b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fileError shortens an *fs.PathError to its cause and the file's name.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}
