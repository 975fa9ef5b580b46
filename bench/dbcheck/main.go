// Command dbcheck opens a herald database through store.Open, runs its
// integrity check and prints what it holds, for bench/refresh.sh and
// scripts/crash.sh.
//
// It prints one line:
//
//	integrity ok; feeds=N items=N unread=N bookmarks=N
//
// and exits 1 when the check fails or the database cannot be read. With
// -bookmarks it prints every bookmark instead, one a line, after the
// integrity check: its item id, state, and the length and CRC-32 of its
// saved Markdown, so that two listings can be compared.
//
// Usage:
//
//	dbcheck [-bookmarks] PATH
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"os"
	"time"

	"github.com/herald-reader/herald/store"
)

func main() {
	ids := flag.Bool("bookmarks", false, "print every bookmark (item id, state, Markdown length and CRC-32), one a line")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: dbcheck [-bookmarks] PATH")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *ids); err != nil {
		fmt.Fprintln(os.Stderr, "dbcheck:", err)
		os.Exit(1)
	}
}

func run(path string, ids bool) (err error) {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("database: %w", err) // store.Open would create it
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := store.Open(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, s.Close()) }()
	if err := s.Integrity(ctx); err != nil {
		return err
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil {
		return fmt.Errorf("bookmarks: %w", err)
	}
	if ids {
		for _, b := range bms {
			fmt.Printf("%d\t%s\t%d\t%08x\n", b.ItemID, b.State, len(b.Markdown), crc32.ChecksumIEEE([]byte(b.Markdown)))
		}
		return nil
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("feeds: %w", err)
	}
	items, err := s.CountItems(ctx, store.ItemQuery{})
	if err != nil {
		return fmt.Errorf("count items: %w", err)
	}
	unread, err := s.CountItems(ctx, store.ItemQuery{Unread: true})
	if err != nil {
		return fmt.Errorf("count unread: %w", err)
	}
	fmt.Printf("integrity ok; feeds=%d items=%d unread=%d bookmarks=%d\n", len(feeds), items, unread, len(bms))
	return nil
}
