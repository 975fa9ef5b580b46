// Command profrefresh runs herald's refresh pipeline in-process, as
// `herald refresh` does (store.Open, feed.NewClient, service.Refresh), with
// CPU and heap profiles, to find what dominates a refresh. Point it at a
// bench/feedserver corpus.
//
// Usage:
//
//	profrefresh -db /tmp/p.db -import feeds.opml -cpuprofile cpu.prof refresh
//	profrefresh -import feeds.opml fetch    # fetch+parse only, nothing stored
//	go tool pprof -top -cum profrefresh cpu.prof
//
// The "refresh" mode times service.Refresh over every subscribed feed; the
// "fetch" mode times feed.Client.FetchAll alone (HTTP and parsing, no clean-up,
// no store), so that the difference is the clean-up and the database. It
// prints wall and CPU time and the process's peak RSS (VmHWM).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/internal/cputime"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

func main() {
	db := flag.String("db", "", "database file (default: a new temporary one)")
	opml := flag.String("import", "", "import this OPML file first")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the timed phase to this file")
	mem := flag.String("memprofile", "", "write a heap profile (after the timed phase) to this file")
	workers := flag.Int("workers", 0, "feed.Options.Workers (0: the feed package's default)")
	perHost := flag.Int("per-host", 0, "feed.Options.PerHost (0: the feed package's default)")
	cleaners := flag.Int("cleaners", 0, "service.Workers (0: one per CPU)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: profrefresh [flags] refresh|fetch")
		flag.PrintDefaults()
	}
	flag.Parse()
	mode := flag.Arg(0)
	if flag.NArg() != 1 || (mode != "refresh" && mode != "fetch") {
		flag.Usage()
		os.Exit(2)
	}
	opts := feed.Options{Workers: *workers, PerHost: *perHost}
	if err := run(*db, *opml, *cpu, *mem, mode, opts, *cleaners); err != nil {
		fmt.Fprintln(os.Stderr, "profrefresh:", err)
		os.Exit(1)
	}
}

func run(db, opml, cpuProf, memProf, mode string, opts feed.Options, cleaners int) (err error) {
	ctx := context.Background()
	if db == "" {
		dir, err := os.MkdirTemp("", "profrefresh")
		if err != nil {
			return fmt.Errorf("temp dir: %w", err)
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "herald.db")
	}
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	svc := &service.Service{Store: st, Client: feed.NewClient(opts), Workers: cleaners}
	if opml != "" {
		f, err := os.Open(opml)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		n, err := svc.Import(ctx, f, opml)
		f.Close()
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		fmt.Printf("imported %d feeds\n", n)
	}

	if cpuProf != "" {
		f, err := os.Create(cpuProf)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
	}
	cpu0 := cputime.Used()
	start := time.Now()
	var line string
	switch mode {
	case "refresh":
		sum, err := svc.Refresh(ctx, nil, nil)
		if err != nil {
			pprof.StopCPUProfile()
			return err
		}
		line = sum.String()
	case "fetch":
		feeds, err := st.Feeds(ctx)
		if err != nil {
			return err
		}
		reqs := make([]feed.Request, len(feeds))
		for i, f := range feeds {
			reqs[i] = feed.Request{URL: f.URL}
		}
		var ok, failed, items int
		svc.Client.FetchAll(ctx, reqs, func(r feed.Result) {
			if r.Err != nil {
				failed++
				return
			}
			ok++
			if r.Feed != nil {
				items += len(r.Feed.Items)
			}
		})
		line = fmt.Sprintf("fetched %d feeds: %d items, %d failed", ok+failed, items, failed)
	}
	wall := time.Since(start)
	cpu := cputime.Used() - cpu0
	if cpuProf != "" {
		pprof.StopCPUProfile()
	}
	if memProf != "" {
		f, err := os.Create(memProf)
		if err != nil {
			return fmt.Errorf("heap profile: %w", err)
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			return fmt.Errorf("heap profile: %w", err)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println(line)
	fmt.Printf("%s: wall %.2fs, cpu %.2fs, peak RSS %s, total allocated %.0f MB, GC cycles %d\n",
		mode, wall.Seconds(), cpu.Seconds(), peakRSS(), float64(ms.TotalAlloc)/1e6, ms.NumGC)
	return nil
}

// peakRSS reads VmHWM from /proc/self/status (Linux only).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
