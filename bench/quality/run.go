package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

// Feed failure kinds.
const (
	FailParse = "parse" // the feed could not be parsed: expected of the deliberately broken files
	FailPanic = "panic" // the parser panicked (turned into an error by feed.Parse)
	FailOther = "other" // anything else: the file could not be read, the save failed
)

// FeedResult is what became of one feed file.
type FeedResult struct {
	File  string `json:"file"` // path relative to the feeds directory
	Title string `json:"title,omitempty"`
	Items int    `json:"items"`
	Err   string `json:"error,omitempty"`
	Kind  string `json:"kind,omitempty"` // FailParse, FailPanic or FailOther when Err is set
	Note  string `json:"note,omitempty"`
}

// ItemResult is one item's clean-up and what the checks found in it.
type ItemResult struct {
	File  string `json:"file"`
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Link  string `json:"link,omitempty"`
	// Time is Service.Article's: the clean-up with its database read and
	// Markdown cache write, the feed's boilerplate detection excluded.
	Time     time.Duration `json:"time_ns"`
	SrcChars int           `json:"source_chars"`
	MDChars  int           `json:"markdown_chars"`
	// Failure is a clean-up that panicked, errored or gave nothing.
	Failure string `json:"failure,omitempty"`
	Findings
	md string // the output, for -v
}

// Report is the result of a whole run.
type Report struct {
	Dir         string         `json:"dir"`
	Feeds       []FeedResult   `json:"feeds"`
	Items       []ItemResult   `json:"items"`
	Refresh     time.Duration  `json:"refresh_ns"`     // Service.Refresh of every file
	Boilerplate time.Duration  `json:"boilerplate_ns"` // feed-wide boilerplate detection, all feeds
	Wall        time.Duration  `json:"wall_ns"`
	Workers     int            `json:"workers"`
	byFile      map[string]int // index into Feeds
}

// Options configure Run.
type Options struct {
	Dir     string // the feeds directory, searched recursively
	Workers int    // feeds opened at once (each item is timed alone); 0 means 1
	// ItemsPerFeed, when positive, opens only the first (newest) items of
	// each feed: a quick run, for the race detector. Every file is still
	// parsed and stored. The boilerplate detection of a feed is then timed
	// with its first item rather than apart.
	ItemsPerFeed int
}

// Run subscribes a temporary database to every feed file under o.Dir,
// refreshes it and opens every stored item with Service.Article, as the
// reader does, then checks each item's Markdown against its source.
func Run(ctx context.Context, o Options) (*Report, error) {
	start := time.Now()
	files, err := feedFiles(o.Dir)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "herald-quality")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(tmp)
	st, err := store.Open(filepath.Join(tmp, "quality.db"))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	defer st.Close()
	client := feed.NewClient(feed.Options{})
	svc := &service.Service{Store: st, Client: client}

	rep := &Report{Dir: o.Dir, Workers: max(o.Workers, 1), byFile: map[string]int{}}
	fileOf := map[string]string{} // feed URL → file
	var urls strings.Builder
	for _, f := range files {
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(o.Dir, f))}).String()
		fileOf[u] = f
		rep.byFile[f] = len(rep.Feeds)
		rep.Feeds = append(rep.Feeds, FeedResult{File: f})
		fmt.Fprintln(&urls, u)
	}
	// A newsboat urls file, imported as `herald import` does.
	if n, err := svc.Import(ctx, strings.NewReader(urls.String()), "feed files"); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	} else if n != len(files) {
		return nil, fmt.Errorf("import: %d of %d feed files subscribed", n, len(files))
	}
	t0 := time.Now()
	if _, err := svc.Refresh(ctx, nil, func(p service.Progress) {
		if i, ok := rep.byFile[fileOf[p.URL]]; ok && p.Err != nil {
			fr := &rep.Feeds[i]
			// The file is named in the report: the reason alone.
			msg := feed.Reason(p.Err).Error()
			fr.Err, fr.Kind = sanitize.Line(msg), failKind(msg)
		}
	}); err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	rep.Refresh = time.Since(t0)

	feeds, err := st.Feeds(ctx)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	sort.Slice(feeds, func(i, j int) bool { return fileOf[feeds[i].URL] < fileOf[feeds[j].URL] })
	jobs := make(chan store.Feed)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	for range rep.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				items, bp, err := openFeed(ctx, st, client, f, fileOf[f.URL], o.ItemsPerFeed)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				fr := &rep.Feeds[rep.byFile[fileOf[f.URL]]]
				fr.Title, fr.Items, fr.Note = sanitize.Line(f.Title), len(items), sanitize.Line(f.Note)
				rep.Items = append(rep.Items, items...)
				rep.Boilerplate += bp
				mu.Unlock()
			}
		}()
	}
	for _, f := range feeds {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	sort.SliceStable(rep.Items, func(i, j int) bool { return rep.Items[i].File < rep.Items[j].File })
	rep.Wall = time.Since(start)
	return rep, nil
}

// feedFiles lists the regular files in the subfolders of dir, relative to
// it (the files at its top, README.md and manifest.tsv, are no feeds).
func feedFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if strings.ContainsRune(filepath.ToSlash(rel), '/') {
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list feed files: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no feed files in the subfolders of %s", dir)
	}
	sort.Strings(files)
	return files, nil
}

// failKind classifies a feed's refresh error.
func failKind(msg string) string {
	switch {
	case strings.Contains(msg, "internal error"):
		return FailPanic
	case strings.Contains(msg, "parse feed") || strings.Contains(msg, "not a feed") ||
		strings.Contains(msg, "empty response") || strings.Contains(msg, "cut short"):
		return FailParse
	}
	return FailOther
}

// openFeed opens the items of one feed (at most limit, when positive) with
// its own Service, whose log catches the clean-up panics Service turns into
// empty articles. In a full run the first item is opened twice: the first
// open also finds the feed's boilerplate, whose time is returned apart, and
// the second is the one timed.
func openFeed(ctx context.Context, st *store.Store, client *feed.Client, f store.Feed, file string, limit int) ([]ItemResult, time.Duration, error) {
	logged := &panicLog{}
	svc := &service.Service{Store: st, Client: client, Log: slog.New(logged)}
	list, err := st.Items(ctx, store.ItemQuery{FeedID: f.ID, Limit: max(limit, 0)})
	if err != nil {
		return nil, 0, fmt.Errorf("items of %s: %w", file, err)
	}
	var bp time.Duration
	out := make([]ItemResult, 0, len(list))
	for i, li := range list {
		if i == 0 && limit <= 0 {
			// A failure here is recorded by the timed open below.
			if d, err := timedOpen(ctx, svc, li.ID); err == nil {
				if err := st.SetMarkdown(ctx, li.ID, ""); err != nil { // cleaned again below
					return nil, 0, fmt.Errorf("open %s item %d: %w", file, li.ID, err)
				}
				bp = d
			}
		}
		r := ItemResult{File: file, ID: li.ID, Title: sanitize.Line(li.Title), Link: sanitize.Line(li.Link)}
		n := logged.count()
		var it store.Item
		var md string
		t0 := time.Now()
		err := catch(func() (err error) { it, md, err = svc.Article(ctx, li.ID); return err })
		r.Time = time.Since(t0)
		if i == 0 && bp > 0 {
			bp = max(bp-r.Time, 0)
		}
		src := it.Content
		if strings.TrimSpace(src) == "" {
			src = it.Summary
		}
		r.SrcChars, r.MDChars, r.md = len(src), len(md), md
		switch {
		case err != nil:
			r.Failure = sanitize.Line(err.Error())
		case logged.count() > n:
			r.Failure = "clean-up panicked: " + logged.last()
		case strings.TrimSpace(md) == "" && (strings.TrimSpace(it.Title) != "" || len(parseSource(src).words) > 0):
			r.Failure = "empty article from an item with text"
		}
		if err == nil {
			r.Findings = Check(Source{Title: it.Title, HTML: src, ImageCaption: it.ImageCaption, ImageCredit: it.ImageCredit}, md)
		}
		out = append(out, r)
	}
	return out, bp, nil
}

// timedOpen opens an item and returns how long that took.
func timedOpen(ctx context.Context, svc *service.Service, id int64) (time.Duration, error) {
	t0 := time.Now()
	err := catch(func() error { _, _, err := svc.Article(ctx, id); return err })
	return time.Since(t0), err
}

// catch runs fn, turning a panic into an error.
func catch(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn()
}

// panicLog is a slog.Handler keeping the errors Service logs (a clean-up
// that panicked is logged, and the article left empty).
type panicLog struct {
	mu   sync.Mutex
	msgs []string
}

// Enabled keeps errors only.
func (h *panicLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

// Handle records the message and its attributes on one line.
func (h *panicLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	h.mu.Lock()
	h.msgs = append(h.msgs, sanitize.Line(b.String()))
	h.mu.Unlock()
	return nil
}

// WithAttrs and WithGroup are not used by Service; attributes are dropped.
func (h *panicLog) WithAttrs([]slog.Attr) slog.Handler { return h }

// WithGroup: see WithAttrs.
func (h *panicLog) WithGroup(string) slog.Handler { return h }

func (h *panicLog) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.msgs)
}

func (h *panicLog) last() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.msgs) == 0 {
		return ""
	}
	return h.msgs[len(h.msgs)-1]
}
