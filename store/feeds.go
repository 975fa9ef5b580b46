package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

const feedCols = `f.id, f.url, f.title, f.site_url, f.tags, f.etag, f.last_modified,
	f.last_attempt, f.last_success, f.last_error, f.next_fetch, f.errors, f.gone, f.note,
	f.remote_id, f.local_only, f.remote_folders`

// scanFeed scans feedCols (plus extra destinations) into a Feed.
func scanFeed(sc interface{ Scan(...any) error }, extra ...any) (Feed, error) {
	var (
		f                      Feed
		tags, folders          string
		attempt, success, next sql.NullInt64
		gone                   bool
	)
	dest := append([]any{&f.ID, &f.URL, &f.Title, &f.SiteURL, &tags, &f.ETag, &f.LastModified,
		&attempt, &success, &f.LastError, &next, &f.Errors, &gone, &f.Note,
		&f.RemoteID, &f.LocalOnly, &folders}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return Feed{}, err
	}
	f.LastAttempt, f.LastSuccess, f.NextFetch, f.Gone = goTime(attempt), goTime(success), goTime(next), gone
	if tags != "" && tags != "[]" {
		// A damaged tag list is not worth failing the whole listing for.
		_ = json.Unmarshal([]byte(tags), &f.Tags)
	}
	if folders != "" && folders != "[]" {
		_ = json.Unmarshal([]byte(folders), &f.RemoteFolders)
	}
	return f, nil
}

// AddFeed subscribes to url with an optional title and tags. It returns
// ErrExists when the URL is already subscribed.
func (s *Store) AddFeed(ctx context.Context, url, title string, tags []string) (Feed, error) {
	url = strings.TrimSpace(url)
	if url == "" {
		return Feed{}, errors.New("add feed: empty URL")
	}
	if tags == nil {
		tags = []string{}
	}
	tj, err := json.Marshal(tags)
	if err != nil {
		return Feed{}, fmt.Errorf("add feed %s: %w", url, err)
	}
	var id int64
	err = s.w.QueryRowContext(ctx,
		`INSERT INTO feeds(url, title, tags, added) VALUES (?, ?, ?, ?) RETURNING id`,
		url, title, string(tj), dbTime(time.Now())).Scan(&id)
	if err != nil {
		return Feed{}, wrap("add feed "+url, err)
	}
	f, err := s.feedBy(ctx, s.w, "f.id = ?", id)
	if err != nil {
		return Feed{}, fmt.Errorf("add feed %s: %w", url, err)
	}
	return f, nil
}

// SetSiteURL records a feed's web site (an OPML htmlUrl) until a refresh
// brings the feed's own link.
func (s *Store) SetSiteURL(ctx context.Context, id int64, siteURL string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE feeds SET site_url = ? WHERE id = ?`, siteURL, id)
	if err != nil {
		return wrap(fmt.Sprintf("set site URL of feed %d", id), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set site URL of feed %d: %w", id, ErrNotFound)
	}
	return nil
}

// RemoveFeed unsubscribes from url and deletes its items. Bookmarks made from
// those items stay. It returns ErrNotFound when url is not subscribed.
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	res, err := s.w.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, url)
	if err != nil {
		return wrap("remove feed "+url, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("remove feed %s: %w", url, ErrNotFound)
	}
	return nil
}

// Feeds lists all feeds by title, each with its Unread and Total item counts.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+feedCols+`, f.unread, f.total FROM feeds f`)
	if err != nil {
		return nil, wrap("list feeds", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var unread, total int
		f, err := scanFeed(rows, &unread, &total)
		if err != nil {
			return nil, wrap("list feeds", err)
		}
		f.Unread, f.Total = unread, total
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list feeds", err)
	}
	sortFeeds(out)
	return out, nil
}

// FeedByURL returns the feed subscribed at url, or ErrNotFound.
func (s *Store) FeedByURL(ctx context.Context, url string) (Feed, error) {
	f, err := s.feedBy(ctx, s.r, "f.url = ?", url)
	if err != nil {
		return Feed{}, fmt.Errorf("feed %s: %w", url, err)
	}
	return f, nil
}

// Feed returns the feed with this id, or ErrNotFound.
func (s *Store) Feed(ctx context.Context, id int64) (Feed, error) {
	f, err := s.feedBy(ctx, s.r, "f.id = ?", id)
	if err != nil {
		return Feed{}, fmt.Errorf("feed %d: %w", id, err)
	}
	return f, nil
}

// feedBy returns one feed with its counts.
func (s *Store) feedBy(ctx context.Context, db *sql.DB, cond string, arg any) (Feed, error) {
	row := db.QueryRowContext(ctx, `SELECT `+feedCols+`, f.unread, f.total FROM feeds f WHERE `+cond, arg)
	var unread, total int
	f, err := scanFeed(row, &unread, &total)
	if err != nil {
		return Feed{}, mapErr(err)
	}
	f.Unread, f.Total = unread, total
	return f, nil
}

// recount refreshes the stored item counts of the given feeds (all feeds
// when none are given) from the items index.
func recount(ctx context.Context, tx *sql.Tx, feedIDs ...int64) error {
	const set = `UPDATE feeds SET
		unread = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id AND i.read = 0),
		total = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id)`
	if len(feedIDs) == 0 {
		_, err := tx.ExecContext(ctx, set)
		return err
	}
	st, err := tx.PrepareContext(ctx, set+` WHERE id = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range feedIDs {
		if _, err := st.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// SetTags replaces a feed's tags (the groups of the feed list). Tags are
// trimmed; empty ones and repeats are dropped.
func (s *Store) SetTags(ctx context.Context, id int64, tags []string) error {
	op := fmt.Sprintf("set tags of feed %d", id)
	clean := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		clean = append(clean, t)
	}
	tj, err := json.Marshal(clean)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	res, err := s.w.ExecContext(ctx, `UPDATE feeds SET tags = ? WHERE id = ?`, string(tj), id)
	if err != nil {
		return wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}

// sortFeeds orders feeds as the feed list shows them: by title (the URL
// when the title is empty), ASCII letters folded as SQLite's NOCASE folds
// them, then by id. The sort is done here rather than by SQLite: SQLite's
// sorter takes a buffer of its own, and the allocator under modernc's
// SQLite keeps such buffers resident after the query (issue 15).
func sortFeeds(fs []Feed) {
	key := func(f *Feed) string {
		if f.Title == "" {
			return f.URL
		}
		return f.Title
	}
	slices.SortFunc(fs, func(a, b Feed) int {
		if c := compareNoCase(key(&a), key(&b)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// compareNoCase compares as SQLite's NOCASE collation: byte by byte, with
// A–Z folded to a–z and every other byte as it is, up to a NUL both hold
// at the same place (sqlite3StrNICmp stops there); then the shorter first.
func compareNoCase(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := lowerASCII(a[i]), lowerASCII(b[i])
		if x != y {
			return cmp.Compare(x, y)
		}
		if x == 0 {
			break
		}
	}
	return cmp.Compare(len(a), len(b))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
