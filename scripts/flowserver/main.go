// Command flowserver serves a directory on loopback for scripts/tmux-flow.sh:
// the feeds, article pages and media files the flow writes there.
//
// It listens on 127.0.0.1 on a port the kernel picks, prints the base URL
// ("http://127.0.0.1:PORT") as the first line of stdout, and serves the
// directory's files until its stdin closes or it gets SIGINT or SIGTERM, so
// that a script holding its stdin open cannot leave it running. Requests are
// logged to stderr.
//
// Usage:
//
//	flowserver DIR
//
// It imports net/http, which the house style keeps to package feed: this is a
// test tool outside herald's packages, like bench/feedserver.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: flowserver DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "flowserver:", err)
		os.Exit(1)
	}
}

// run serves dir until stdin closes or a signal comes.
func run(dir string) error {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin) // returns when stdin closes
		stop()
	}()

	logger := log.New(os.Stderr, "flowserver: ", log.Ltime|log.Lmicroseconds)
	files := http.FileServer(http.Dir(dir))
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			logger.Printf("%s %s", r.Method, r.URL.RequestURI())
			files.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// The script reads this line to learn the port: print it only once
	// the listener accepts connections (it does from net.Listen on).
	fmt.Printf("http://%s\n", ln.Addr())

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
