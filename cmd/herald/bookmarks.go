package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

func newBookmarksCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "bookmarks",
		Aliases: []string{"bm"},
		Short:   "List bookmarks (saved whole, readable offline)",
		Long: `List bookmarks, one a line:
  ID  SAVED  FEED  TITLE  [state]
A bookmark keeps the full cleaned article: when the feed only carried a
summary, herald fetched the linked page. herald show ID reads it offline.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listBookmarks(cmd, a)
		},
	}
	list := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List bookmarks (the same as herald bookmarks)",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listBookmarks(cmd, a)
		},
	}
	cmd.AddCommand(list, newBookmarksAddCmd(a), newBookmarksRemoveCmd(a), newBookmarksExportCmd(a))
	return cmd
}

// listBookmarks prints one line per bookmark, most recently saved first.
func listBookmarks(cmd *cobra.Command, a *app) error {
	svc, err := a.service()
	if err != nil {
		return err
	}
	// A save left unfinished by a killed herald is shown as interrupted,
	// not "saving" forever; failing to record that does not stop the list.
	if err := svc.MarkInterrupted(cmd.Context()); err != nil {
		a.log.Warn("mark interrupted bookmarks", "err", err)
	}
	bms, err := svc.Store.Bookmarks(cmd.Context())
	if err != nil {
		return fmt.Errorf("bookmarks: %w", err)
	}
	for _, b := range bms {
		fmt.Fprintln(a.stdout, bookmarkLine(b))
	}
	return nil
}

// bookmarkLine is one line of `herald bookmarks`.
func bookmarkLine(b store.Bookmark) string {
	title := sanitize.Line(b.Title)
	if title == "" {
		title = "(untitled)"
	}
	feedTitle := sanitize.Line(b.FeedTitle)
	if feedTitle == "" {
		feedTitle = "-"
	}
	line := fmt.Sprintf("%d  %s  %s  %s", b.ItemID, b.Saved.Local().Format(timeFormat), feedTitle, title)
	switch b.State {
	case store.BookmarkSaving:
		line += "  [saving]"
	case store.BookmarkFailed:
		line += "  [summary only: " + sanitize.Line(b.Error) + "]"
	}
	return line
}

func newBookmarksAddCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "add ID...",
		Short: "Bookmark items, fetching the full article when the feed had a summary",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			failed := 0
			for _, arg := range args {
				id, err := parseID(arg)
				if err == nil {
					// Recorded as saving first, with the item's text: if
					// herald is killed mid-fetch, the next start retries it.
					err = svc.MarkSaving(cmd.Context(), id)
				}
				if err == nil {
					err = svc.SaveBookmark(cmd.Context(), id)
				}
				if errors.Is(err, store.ErrNotFound) {
					err = fmt.Errorf("no item %s (see herald list)", arg)
				}
				if err != nil {
					fmt.Fprintln(a.stderr, "herald:", userMessage(err))
					failed++
					continue
				}
				b, err := svc.Store.Bookmark(cmd.Context(), id)
				if err != nil {
					fmt.Fprintln(a.stderr, "herald:", userMessage(err))
					failed++
					continue
				}
				if b.State == store.BookmarkFailed {
					fmt.Fprintf(a.stdout, "saved %d with its summary only (%s): %s\n", id, sanitize.Line(b.Error), sanitize.Line(b.Title))
					continue
				}
				fmt.Fprintf(a.stdout, "saved %d: %s\n", id, sanitize.Line(b.Title))
			}
			if failed > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
}

func newBookmarksRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "remove ID...",
		Aliases: []string{"rm"},
		Short:   "Delete bookmarks",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			failed := 0
			for _, arg := range args {
				id, err := parseID(arg)
				if err == nil {
					err = svc.RemoveBookmark(cmd.Context(), id)
				}
				if errors.Is(err, store.ErrNotFound) {
					err = fmt.Errorf("no bookmark %s", arg)
				}
				if err != nil {
					fmt.Fprintln(a.stderr, "herald:", userMessage(err))
					failed++
					continue
				}
				fmt.Fprintf(a.stdout, "removed bookmark %d\n", id)
			}
			if failed > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
}

func newBookmarksExportCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "export DIR",
		Short: "Write each bookmark as a Markdown file with YAML front matter",
		Long: `Write one Markdown file per bookmark into DIR (created if needed), with YAML
front matter (title, url, feed, author, published, saved). File names come
from the titles, made safe: no path separators, no "..", no control
characters, at most 80 characters; a clash gets -2, -3... and a file of
another bookmark is never overwritten.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			bms, err := svc.Store.Bookmarks(cmd.Context())
			if err != nil {
				return fmt.Errorf("bookmarks export: %w", err)
			}
			names, err := exportBookmarks(args[0], bms)
			for _, n := range names {
				fmt.Fprintln(a.stdout, sanitize.Line(n))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "exported %d bookmarks to %s\n", len(names), sanitize.Line(args[0]))
			return nil
		},
	}
}

// exportBookmarks writes one file per bookmark into dir and returns the
// paths written.
func exportBookmarks(dir string, bms []store.Bookmark) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("bookmarks export: %w", err)
	}
	used := make(map[string]bool)
	var written []string
	for _, b := range bms {
		base := fileBase(b.Title, b.ItemID)
		for n := 1; ; n++ {
			name := base + ".md"
			if n > 1 {
				name = fmt.Sprintf("%s-%d.md", base, n)
			}
			if used[strings.ToLower(name)] {
				continue
			}
			path := filepath.Join(dir, name)
			err := writeBookmark(path, b)
			if errors.Is(err, errTaken) {
				continue
			}
			if err != nil {
				return written, fmt.Errorf("bookmarks export: %w", err)
			}
			used[strings.ToLower(name)] = true
			written = append(written, path)
			break
		}
	}
	return written, nil
}

// errTaken says a file name belongs to something else than this bookmark.
var errTaken = errors.New("file name taken")

// writeBookmark writes b to path. A new file is created exclusively; an
// existing one is replaced only when it is this bookmark's earlier export
// (its front matter carries the same id), else errTaken.
func writeBookmark(path string, b store.Bookmark) error {
	data := []byte(bookmarkFile(b))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		if !sameBookmark(path, b.ItemID) {
			return errTaken
		}
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0o644)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sameBookmark reports whether the regular file at path is an export of the
// bookmark with this id.
func sameBookmark(path string, id int64) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 64<<10))
	want := "herald_id: " + strconv.FormatInt(id, 10)
	for i := 0; sc.Scan() && i < 20; i++ {
		line := sc.Text()
		if line == want {
			return true
		}
		if i > 0 && line == "---" {
			break
		}
	}
	return false
}

// bookmarkFile is the exported Markdown with its YAML front matter.
func bookmarkFile(b store.Bookmark) string {
	var s strings.Builder
	s.WriteString("---\n")
	field := func(k, v string) { s.WriteString(k + ": " + yamlQuote(v) + "\n") }
	field("title", sanitize.Line(b.Title))
	field("url", sanitize.Line(b.URL))
	field("feed", sanitize.Line(b.FeedTitle))
	field("author", sanitize.Line(b.Author))
	field("published", yamlTime(b.Published))
	field("saved", yamlTime(b.Saved))
	s.WriteString("herald_id: " + strconv.FormatInt(b.ItemID, 10) + "\n")
	s.WriteString("---\n\n")
	s.WriteString(ensureNewline(sanitize.Text(b.Markdown)))
	return s.String()
}

func yamlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// yamlQuote returns s as a YAML double-quoted scalar: backslash, quote and
// every non-printable or line-breaking character escaped.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f,
			r == 0x2028, r == 0x2029, r == 0xfeff, !unicode.IsPrint(r) && r != ' ':
			if r <= 0xffff {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// maxNameRunes caps the file name made from a title (before the suffix).
const maxNameRunes = 80

// fileBase makes a safe file name (without extension) from a title: letters
// and digits kept, every run of anything else (separators, dots, controls,
// spaces) one "-", capped in length; names Windows reserves get a prefix; an
// empty result falls back to bookmark-ID.
func fileBase(title string, id int64) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range sanitize.Line(title) {
		if n >= maxNameRunes {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
			n++
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
			n++
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		return "bookmark-" + strconv.FormatInt(id, 10)
	}
	if reservedName(name) {
		name = "bookmark-" + name
	}
	return name
}

// reservedName reports device names Windows will not create files under.
func reservedName(s string) bool {
	switch l := strings.ToLower(s); l {
	case "con", "prn", "aux", "nul":
		return true
	default:
		return len(l) == 4 && (strings.HasPrefix(l, "com") || strings.HasPrefix(l, "lpt")) && l[3] >= '0' && l[3] <= '9'
	}
}
