package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

func newListCmd(a *app) *cobra.Command {
	var (
		feedURL string
		tag     string
		unread  bool
		muted   bool
		limit   int
	)
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List stored items, newest first, one a line starting with its id",
		Long: `List stored items, newest first. Each line is
  ID  DATE  FEED  TITLE  [unread] [bookmark] [audio|video] [muted: RULE]
where DATE is "no date" when the feed gave none. Use the id with herald show.
--muted lists the items a mute rule marked read on arrival, with the rule.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			q := store.ItemQuery{Unread: unread, Muted: muted, Limit: limit}
			if tag != "" {
				if q.FeedIDs, err = tagFeeds(cmd, svc, tag); err != nil {
					return fmt.Errorf("list: %w", err)
				}
			}
			if feedURL != "" {
				f, err := svc.Store.FeedByURL(cmd.Context(), feedURL)
				if errors.Is(err, store.ErrNotFound) {
					return fmt.Errorf("not subscribed: %s", feedURL)
				}
				if err != nil {
					return fmt.Errorf("list: %w", err)
				}
				q.FeedID = f.ID
			}
			items, err := svc.Store.Items(cmd.Context(), q)
			if err != nil {
				return fmt.Errorf("list: %w", err)
			}
			for _, it := range items {
				fmt.Fprintln(a.stdout, itemLine(it))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&feedURL, "feed", "", "only items of the feed with this URL")
	cmd.Flags().StringVar(&tag, "tag", "", "only items of the feeds with this tag")
	cmd.Flags().BoolVar(&unread, "unread", false, "only unread items")
	cmd.Flags().BoolVar(&muted, "muted", false, "only the items mute rules marked read, and why")
	cmd.Flags().IntVar(&limit, "limit", 0, "at most N items (0: all)")
	// The store lists a tag's feeds in place of a single feed, so together
	// --feed would be ignored.
	cmd.MarkFlagsMutuallyExclusive("feed", "tag")
	return cmd
}

// itemLine is one line of `herald list` and `herald search`.
func itemLine(it store.Item) string {
	date := "no date"
	if !it.Published.IsZero() {
		date = it.Published.Local().Format(timeFormat)
	}
	feedTitle := sanitize.Line(it.FeedTitle)
	if feedTitle == "" {
		feedTitle = "-"
	}
	title := sanitize.Line(it.Title)
	if title == "" {
		title = "(untitled)"
	}
	line := fmt.Sprintf("%d  %s  %s  %s", it.ID, date, feedTitle, title)
	if !it.Read {
		line += "  [unread]"
	}
	if it.Bookmarked {
		line += "  [bookmark]"
	}
	if it.MediaURL != "" {
		if strings.HasPrefix(strings.ToLower(it.MediaType), "video/") {
			line += "  [video]"
		} else {
			line += "  [audio]"
		}
	}
	if it.Muted != "" {
		line += "  [muted: " + sanitize.Line(it.Muted) + "]"
	}
	return line
}

// parseID reads an item id argument.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not an item id (see herald list)", s)
	}
	return id, nil
}

func newShowCmd(a *app) *cobra.Command {
	var page pageFlags
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a stored article (from the database only, never the network)",
		Long: `Show the cleaned article of a stored item or bookmark: styled for the
terminal on a terminal, as its cleaned Markdown (no escape sequences, no
wrapping) to a pipe or a file, or with --plain. It reads the database only:
a saved bookmark shows in full with no network, even after its feed was
removed. The item is marked read.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			it, md, err := svc.Article(cmd.Context(), id)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no item %d (see herald list)", id)
			}
			if err != nil {
				return err
			}
			if it.FeedID != 0 && !it.Read {
				if err := svc.Store.SetRead(cmd.Context(), true, id); err != nil {
					a.log.Warn("mark read", "id", id, "err", err)
				}
			}
			return a.printMarkdown(cmd.Context(), svc, md, page)
		},
	}
	page.add(cmd)
	addImagesFlag(cmd, a)
	return cmd
}

func newReadCmd(a *app) *cobra.Command {
	var (
		page pageFlags
		item int
	)
	cmd := &cobra.Command{
		Use:   "read [--plain | --styled] [--width N] [--item N] SOURCE",
		Short: "Clean and show a file, stdin (-) or URL: a feed, a web page or text",
		Long: `Clean one source and show it, without storing anything. SOURCE is a file,
- for stdin, or an http(s) URL. A feed (RSS, Atom or JSON Feed) shows its
item --item N (0 is the first); an HTML page goes through main-content
extraction; an HTML fragment or plain text (one paragraph per line) is cleaned
as is. On a terminal the article is styled; to a pipe or a file, or with
--plain, the cleaned Markdown is printed as it is.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if item < 0 {
				return fmt.Errorf("--item %d: must not be negative", item)
			}
			svc := a.newService(nil)
			md, err := svc.Read(cmd.Context(), args[0], a.stdin, item)
			if err != nil {
				return err
			}
			return a.printMarkdown(cmd.Context(), svc, md, page)
		},
	}
	page.add(cmd)
	addImagesFlag(cmd, a)
	cmd.Flags().IntVar(&item, "item", 0, "which item of a feed to show (0 is the first)")
	return cmd
}

func newSearchCmd(a *app) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search stored items and bookmarks by title and full text",
		Long: `Search the titles and text of stored items and bookmarked articles (SQLite
FTS5). Lines look like those of herald list.

Every word must match; the last may be the start of a word. "a OR b" matches
either word (OR binds tighter than the implied AND: "rain flood OR storm"),
and "-word" leaves out what holds it; quote the query, or put it after "--",
so that "-word" is not read as a flag. Other punctuation is ignored.

Items stored or changed since the last search are indexed first (see herald
index).`,
		Example: `  herald search budget vote
  herald search flood OR storm
  herald search 'election -sport'
  herald search --limit 5 -- election -sport`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			items, err := svc.Store.Search(cmd.Context(), strings.Join(args, " "), limit)
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			for _, it := range items {
				fmt.Fprintln(a.stdout, itemLine(it))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "at most N results")
	return cmd
}

func newIndexCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "index",
		Short: "Index new and changed items for search now",
		Long: `Index for search the items stored or changed since the last search.

A refresh stores items without indexing them, and a search indexes what is
new before it looks; after a refresh of many feeds that takes a moment
(a second or two for 30,000 items). Run this after a scheduled refresh so the
next search need not wait.`,
		Example: `  herald refresh && herald index`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			n, err := svc.Store.IndexPending(cmd.Context())
			if err != nil {
				return fmt.Errorf("index: %w", err)
			}
			fmt.Fprintf(a.stdout, "indexed %d items for search\n", n)
			return nil
		},
	}
}
